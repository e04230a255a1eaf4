import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import * as z from 'zod/mini';
import '../../zod-setup.js';
import type { ManifestRead, ReleaseManifest } from '../../domain/manifest.js';
import { oneLine } from '../../domain/sanitize.js';

/**
 * RELEASE_MANIFEST.yaml as the release repository writes it (`release: "0.4"`, `e2e_ref`,
 * `components.<name>: vX.Y.Z[-rcN]`); other fields (`infra_ref`, `chart_refs`) are allowed and
 * not read. Parsed here once; the domain trusts what comes out.
 */
const manifestSchema = z.looseObject({
  // An unquoted `release: 0.4` is a YAML number; it is read as written (see releaseText).
  release: z.union([z.string().check(z.minLength(1)), z.number()]),
  e2e_ref: z.string().check(z.minLength(1)),
  components: z.record(z.string(), z.string().check(z.minLength(1))),
});

/** More than any manifest needs (it is a few hundred bytes), far less than a mistaken file could be. */
export const MAX_MANIFEST_BYTES = 64 * 1024;
/** YAML aliases a manifest may expand to: it needs none; a "billion laughs" file is refused. */
const MAX_ALIASES = 20;

/** The blob GitHub answered for `<branch>:RELEASE_MANIFEST.yaml`; null: no such branch or file. */
export interface ManifestBlob {
  readonly text?: string | null;
  readonly byteSize?: number | null;
  readonly isTruncated?: boolean | null;
}

const lineAt = (lines: LineCounter, node: Node | null | undefined): number | undefined =>
  node?.range ? lines.linePos(node.range[0]).line : undefined;

/** The line of a key path (`components.hyperfleet-api`), or of its nearest parent that exists. */
function lineOfPath(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let line = lineAt(lines, node as Node) ?? 1;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(key));
    if (!pair) break;
    line = lineAt(lines, pair.value as Node) ?? lineAt(lines, pair.key as Node) ?? line;
    node = pair.value;
  }
  return line;
}

/**
 * `release: 0.10` unquoted is the number 0.1 to YAML, which would name another release; the
 * text as written in the file is what the person meant, so that is what is read.
 */
function releaseText(doc: Document, text: string, value: string | number): string {
  if (typeof value === 'string') return value;
  const node = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'release')?.value : undefined;
  const range = (node as Node | undefined)?.range;
  return range ? text.slice(range[0], range[1]).trim() : String(value);
}

const invalid = (problem: string): ManifestRead => ({ state: 'invalid', problem });

/**
 * One read of the manifest on one branch: found (parsed), absent, or invalid with the line and
 * what to fix. `commit` is the branch head it was read at; without one the branch is not there.
 */
export function parseManifest(blob: ManifestBlob | null | undefined, branch: string, commit: string | undefined): ManifestRead {
  if (commit === undefined) return { state: 'absent', why: `no branch ${branch}` };
  if (!blob) return { state: 'absent', why: `${branch} has no such file` };
  const read = parseManifestBlob(blob);
  return read.state === 'found' ? { ...read, commit } : read;
}

/**
 * The manifest at a ref whose head the query did not read (a hotfix's branch and release tag):
 * GitHub answers null for a ref or a file that is not there, and the two are not told apart.
 */
export function parseManifestAtRef(blob: ManifestBlob | null | undefined, ref: string): ManifestRead {
  if (!blob)
    return {
      state: 'absent',
      why: `no ${ref.replace(/^refs\/(heads|tags)\//, (_, kind) => (kind === 'tags' ? 'tag ' : 'branch '))}, or no such file there`,
    };
  return parseManifestBlob(blob);
}

function parseManifestBlob(blob: ManifestBlob): ManifestRead {
  // A tree (a directory of that name) answers no Blob fields; a binary blob answers text null.
  if (blob.text === undefined) return invalid('it is a directory, not a file');
  if (blob.text === null) return invalid('GitHub says it is a binary file, not YAML text');
  if (blob.isTruncated || (blob.byteSize ?? 0) > MAX_MANIFEST_BYTES)
    return invalid(`${blob.byteSize ?? 'too many'} bytes, more than the ${MAX_MANIFEST_BYTES} a manifest may have`);
  const { text } = blob;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const problem = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return invalid(`line ${lines.linePos(error.pos[0]).line}: not valid YAML (${problem})`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return invalid(`more than ${MAX_ALIASES} YAML aliases once expanded; write the values out`);
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : 'the file';
    const line = lineOfPath(doc, lines, issue.path);
    const problem = / received undefined$/.test(issue.message)
      ? 'missing'
      : /expected record/.test(issue.message)
        ? 'must be a map (name: version)'
        : issue.message;
    return invalid(`line ${line}: ${where}: ${problem} (it needs release, e2e_ref and components.<name>: vX.Y.Z)`);
  }
  const { release, e2e_ref: e2eRef, components } = parsed.data;
  const manifest: ReleaseManifest = {
    release: oneLine(releaseText(doc, text, release)),
    e2eRef: oneLine(e2eRef),
    components: Object.fromEntries(Object.entries(components).map(([name, version]) => [oneLine(name), oneLine(version)])),
  };
  return { state: 'found', manifest };
}
