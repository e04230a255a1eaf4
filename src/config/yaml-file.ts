import { readFileSync } from 'node:fs';
import {
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
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

/** The first line that is not UTF-8; a newline byte is never part of a multi-byte character. */
function firstNonUtf8Line(bytes: Uint8Array, strict: TextDecoder): number | null {
  for (let start = 0, line = 1; start <= bytes.length; line += 1) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    try {
      strict.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return null;
}

/**
 * The file's bytes as UTF-8 text. A byte that is not UTF-8 is an error on its line, where a
 * lenient decoder would silently make it U+FFFD. A BOM is kept, as it was read before.
 */
function decodeUtf8(bytes: Uint8Array, display: string): string {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return strict.decode(bytes);
  } catch {
    throw new ConfigError(display, firstNonUtf8Line(bytes, strict), null, 'not UTF-8 text; save the file as UTF-8');
  }
}

/**
 * How many aliases a file may expand to, counting the aliases inside an anchor each time it is
 * repeated: enough for any configuration, and far below where a "billion laughs" file (each
 * anchor a list of aliases of the one before) fills the memory.
 */
export const MAX_ALIAS_EXPANSIONS = 100;

/** The alias at which the file's expanded aliases pass MAX_ALIAS_EXPANSIONS, if one does. */
function aliasOverLimit(doc: Document): Alias | null {
  const inside = new Map<string, number>(); // anchor → the aliases its node expands to
  let expanded = 0;
  let culprit: Alias | null = null;
  const walk = (node: unknown): number => {
    if (culprit) return 0;
    if (isAlias(node)) {
      const count = 1 + (inside.get(node.source) ?? 0);
      expanded += count;
      if (expanded > MAX_ALIAS_EXPANSIONS) culprit = node;
      return count;
    }
    let count = 0;
    if (isPair(node)) count = walk(node.key) + walk(node.value);
    else if (isCollection(node)) for (const item of node.items) count += walk(item);
    if (isNode(node) && node.anchor) inside.set(node.anchor, count);
    return count;
  };
  walk(doc.contents);
  return culprit;
}

export function readYamlFile(path: string, display: string, hint: string): YamlFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
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
  const text = decodeUtf8(bytes, display);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const line = lines.linePos(first.pos[0]).line;
    const problem = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(display, line, null, `invalid YAML: ${problem}`);
  }
  const bomb = aliasOverLimit(doc);
  if (bomb) {
    throw new ConfigError(
      display,
      nodeLine({ lines }, bomb),
      null,
      `*${bomb.source}: more than ${MAX_ALIAS_EXPANSIONS} aliases once expanded (a "billion laughs"?); write the values out instead`,
    );
  }
  return { path, text, display, doc, lines };
}

const nodeLine = (file: Pick<YamlFile, 'lines'>, node: unknown): number | null => {
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

/** The line of the file's first alias: where a problem expanding aliases is reported. */
export function firstAliasLine(file: YamlFile): number | null {
  let line: number | null = null;
  visit(file.doc, {
    Alias(_, node) {
      line = nodeLine(file, node);
      return visit.BREAK;
    },
  });
  return line;
}

export function errorAt(file: YamlFile, path: readonly PropertyKey[], problem: string): ConfigError {
  return new ConfigError(file.display, lineOf(file, path), path.length > 0 ? formatPath(path) : null, problem);
}
