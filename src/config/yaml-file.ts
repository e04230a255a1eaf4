import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError } from './errors.js';

/** A parsed YAML file that still knows where each key was written. */
export interface YamlFile {
  readonly path: string;
  /** The text as read: what a cached configuration is checked against. */
  readonly text: string;
  readonly display: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** "layers[2].gate": the path as a person reads it. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export function readYamlFile(path: string, display: string, hint: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? `file not found; ${hint}`
        : code === 'EISDIR'
          ? 'is a directory, expected a YAML file'
          : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(display, null, null, problem);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const line = lines.linePos(first.pos[0]).line;
    const problem = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(display, line, null, `invalid YAML: ${problem}`);
  }
  return { path, text, display, doc, lines };
}

const nodeLine = (file: YamlFile, node: unknown): number | null => {
  const range = (node as Node | null)?.range;
  return range ? file.lines.linePos(range[0]).line : null;
};

/**
 * The line of the deepest node on `path` that exists: the key itself when it is there, else the
 * nearest parent (a missing key is reported where it should have been written).
 */
export function lineOf(file: YamlFile, path: readonly PropertyKey[]): number | null {
  let node: unknown = file.doc.contents;
  let line = nodeLine(file, node) ?? 1;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      line = nodeLine(file, pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(key)];
      if (item === undefined) break;
      line = nodeLine(file, item) ?? line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

export function errorAt(file: YamlFile, path: readonly PropertyKey[], problem: string): ConfigError {
  return new ConfigError(file.display, lineOf(file, path), path.length > 0 ? formatPath(path) : null, problem);
}
