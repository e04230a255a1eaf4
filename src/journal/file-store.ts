import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEvent } from '../domain/events.js';
import { isInTheFuture } from '../domain/limits.js';
import { formatUtc, type EpochMs } from '../domain/time.js';
import { decoderFor, encodeChecked, type Decoded } from './codec.js';
import type { JournalRead, JournalStore, JournalWarning } from '../domain/journal-store.js';

const SUFFIX = '.jsonl';

/** The journal's place cannot be used: one line saying which file and what to do. */
export class JournalError extends Error {
  override name = 'JournalError';
}
const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The journal says who did what and why: readable by its owner only (new files and directories). */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * One JSON Lines file per stream. Appends open the file O_APPEND and write their events as one
 * buffer in one write(2), so two processes appending at once never interleave within a line on
 * a local file system; fsync before the promise resolves makes the event durable.
 */
export class FileJournalStore implements JournalStore {
  /** Each stream as last read: the next read parses only the lines appended since (see readFrom). */
  private readonly taken = new Map<string, Taken>();

  constructor(readonly dir: string) {}

  describe(): string {
    return this.dir;
  }

  private path(stream: string): string {
    if (!STREAM_NAME.test(stream)) throw new Error(`invalid journal stream name "${stream}"`);
    return join(this.dir, stream + SUFFIX);
  }

  async list(prefix = ''): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return [];
      throw new JournalError(
        `cannot list the journal directory ${this.dir} (${code ?? 'error'}); set HYPERFLEET_STATE_DIR to a directory you may use`,
      );
    }
    return names
      .filter((n) => n.endsWith(SUFFIX) && n.startsWith(prefix))
      .map((n) => n.slice(0, -SUFFIX.length))
      .sort();
  }

  /**
   * The stream's events. The app reads its journal again after every action: a read parses only
   * what was appended since the last one (by this process or any other), and the whole file again
   * when it is another file (replaced), shorter (truncated), written over at its length, or not
   * the same where the last read stopped (rewritten), or when the clock would now count or skip a
   * line otherwise. (A file rewritten longer and the same at that place is taken as appended to.)
   */
  async read(stream: string, now: EpochMs): Promise<JournalRead> {
    const path = this.path(stream);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      this.taken.delete(stream);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { events: [], warnings: [] };
      throw new JournalError(`cannot read the journal ${path} (${code ?? 'error'}); check that it is a file you may read`);
    }
    try {
      try {
        return await this.readFrom(handle, stream, path, now);
      } catch (error) {
        // Cut shorter while it was read: read it whole again.
        if ((error as NodeJS.ErrnoException).code !== SHORTER) throw error;
        this.taken.delete(stream);
        return await this.readFrom(handle, stream, path, now);
      }
    } catch (error) {
      this.taken.delete(stream);
      const code = (error as NodeJS.ErrnoException).code;
      throw new JournalError(`cannot read the journal ${path} (${code ?? 'error'}); check that it is a file you may read`);
    } finally {
      await handle.close();
    }
  }

  private async readFrom(handle: FileHandle, stream: string, path: string, now: EpochMs): Promise<JournalRead> {
    const { dev, ino, size, mtimeMs } = await handle.stat();
    const last = this.taken.get(stream);
    let from: Taken = { dev, ino, size, mtimeMs, offset: 0, edge: Buffer.alloc(0), lines: new JournalLines(stream, path) };
    // An append makes the file longer; written over in place (an editor's save), it keeps its length but not its time.
    const appended = last !== undefined && (size > last.size || (size === last.size && mtimeMs === last.mtimeMs));
    if (last && appended && last.dev === dev && last.ino === ino && last.lines.sameVerdictsAt(now)) {
      const edge = Buffer.alloc(last.edge.byteLength);
      await readFully(handle, edge, last.offset - edge.byteLength);
      if (edge.equals(last.edge)) from = last;
    }
    const added = Buffer.alloc(size - from.offset);
    await readFully(handle, added, from.offset);
    // Only whole lines are kept taken: a last line without its newline may be being written now.
    const whole = added.lastIndexOf(0x0a) + 1;
    const text = added.toString('utf8', 0, whole);
    const decode = decoderFor(from.lines.lines + countLines(text));
    const { lines } = from;
    takeLines(lines, text, decode, now);
    const edge = lastBytes(from.edge, added.subarray(0, whole));
    this.taken.set(stream, { dev, ino, size, mtimeMs, offset: from.offset + whole, edge, lines });
    return withRest(lines, added.toString('utf8', whole), decode, now);
  }

  async append(stream: string, ...events: JournalEvent[]): Promise<void> {
    if (events.length === 0) return;
    const path = this.path(stream);
    const lines = events.map((event) => {
      const encoded = encodeChecked(event);
      if (!encoded.ok) throw new JournalError(`${event.type} not recorded: ${encoded.problem}; nothing was written to ${path}`);
      return `${encoded.line}\n`;
    });
    // An existing directory keeps the permissions its owner gave it; one made here is private.
    await mkdir(this.dir, { recursive: true, mode: DIR_MODE });
    const handle = await open(path, 'a+', FILE_MODE);
    let size: number;
    try {
      ({ size } = await handle.stat());
      // After a crash the file may end in a torn line; start ours on a fresh line so it survives.
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.write(Buffer.from(prefix + lines.join(''), 'utf8'));
      await handle.sync();
    } finally {
      await handle.close();
    }
    // A new file's directory entry must be durable too, or a crash could lose the whole file.
    if (size === 0) await syncDir(this.dir);
  }
}

/** How much of the file before where a read stopped is compared at the next: a file rewritten in place differs there. */
const EDGE_BYTES = 256;

interface Taken {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  /** Bytes taken: the end of the last whole line read. */
  readonly offset: number;
  /** The last bytes taken (up to EDGE_BYTES), as they were. */
  readonly edge: Buffer;
  readonly lines: JournalLines;
}

/** The last EDGE_BYTES of `before` followed by `after`, copied (not a view that would keep a whole file's buffer). */
function lastBytes(before: Buffer, after: Buffer): Buffer {
  if (after.byteLength >= EDGE_BYTES) return Buffer.from(after.subarray(after.byteLength - EDGE_BYTES));
  const both = Buffer.concat([before, after]);
  return Buffer.from(both.subarray(Math.max(0, both.byteLength - EDGE_BYTES)));
}

const SHORTER = 'ESHORTER';

async function readFully(handle: FileHandle, into: Buffer, position: number): Promise<void> {
  for (let at = 0; at < into.byteLength;) {
    const { bytesRead } = await handle.read(into, at, into.byteLength - at, position + at);
    if (bytesRead === 0) throw Object.assign(new Error('the file got shorter while it was read'), { code: SHORTER });
    at += bytesRead;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A journal read line by line, as `read` parses it. A line without its newline at the end is a
 * write torn by a crash: skipped with a warning unless it is complete. Any other bad line is
 * skipped with a warning naming its line, so one damaged line never costs the events around it.
 * An event dated after `now` (beyond clock skew) and a second line with an event's id are skipped
 * with a warning too: neither may count.
 */
class JournalLines {
  readonly events: JournalEvent[] = [];
  readonly warnings: JournalWarning[] = [];
  /** Where each event id was first seen, and a fingerprint of that line, to tell a copy from a clash. */
  private readonly firstOfId = new Map<string, { readonly line: number; readonly print: number }>();
  /** Lines taken so far. */
  lines = 0;
  /** The bounds of what `now` decided: a later read with another `now` that would decide otherwise reads again from the start. */
  private earliestSkippedAt = Infinity;
  private latestCountedAt = -Infinity;

  constructor(
    private readonly stream: string,
    private readonly path: string,
  ) {}

  /** Whether every line taken would be counted or skipped the same at `now`. */
  sameVerdictsAt(now: EpochMs): boolean {
    return isInTheFuture(this.earliestSkippedAt, now) && !isInTheFuture(this.latestCountedAt, now);
  }

  copy(): JournalLines {
    const copy = new JournalLines(this.stream, this.path);
    copy.events.push(...this.events);
    copy.warnings.push(...this.warnings);
    for (const [id, first] of this.firstOfId) copy.firstOfId.set(id, first);
    copy.lines = this.lines;
    copy.earliestSkippedAt = this.earliestSkippedAt;
    copy.latestCountedAt = this.latestCountedAt;
    return copy;
  }

  /** Takes the next line; `torn` when it is the file's last and has no newline. */
  take(line: string, decode: (line: string) => Decoded, now: EpochMs, torn = false): void {
    this.lines += 1;
    const number = this.lines;
    if (line.trim() === '') return;
    // Where it is, worded only for a line warned about: a healthy journal has none.
    const warn = (message: string) =>
      void this.warnings.push({ stream: this.stream, line: number, message: `${this.path}:${number}: ${message}` });
    const decoded = decode(line);
    if (!decoded.ok) {
      if (torn)
        return warn(`last line is incomplete (the app stopped while writing it); skipped, ${this.events.length} earlier events kept`);
      return warn(`${decoded.problem}; line skipped (fix or delete it)`);
    }
    const { event } = decoded;
    if (isInTheFuture(event.at, now)) {
      this.earliestSkippedAt = Math.min(this.earliestSkippedAt, event.at);
      return warn(
        `${event.type} dated ${formatUtc(event.at)}, later than this clock (${formatUtc(now)}); not counted (fix the date or delete the line)`,
      );
    }
    const print = fingerprint(line.trim());
    const first = this.firstOfId.get(event.id);
    if (first !== undefined) {
      return warn(
        first.print === print
          ? `duplicate of line ${first.line}; counted once`
          : `same event id as line ${first.line} but a different event; only line ${first.line} counted (fix or delete this one)`,
      );
    }
    this.firstOfId.set(event.id, { line: number, print });
    this.latestCountedAt = Math.max(this.latestCountedAt, event.at);
    this.events.push(event);
  }
}

/** A 53-bit hash of a line (cyrb53): two different lines with one id are told apart without keeping every line's text. */
function fingerprint(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Takes `text` (read from where `into` stopped) into `into`: whole lines only; the part after the last newline is returned. */
function takeLines(into: JournalLines, text: string, decode: (line: string) => Decoded, now: EpochMs): string {
  let from = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', from)) {
    into.take(text.slice(from, end), decode, now);
    from = end + 1;
  }
  return text.slice(from);
}

/** The read of a journal file, with what `into` holds and `rest` (the text after its last newline, if any) taken last. */
function withRest(into: JournalLines, rest: string, decode: (line: string) => Decoded, now: EpochMs): JournalRead {
  if (rest === '') return { events: [...into.events], warnings: [...into.warnings] };
  const read = into.copy();
  read.take(rest, decode, now, true);
  return { events: read.events, warnings: read.warnings };
}

function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Parses a whole journal file (see JournalLines for what is skipped and said). */
export function parseJournal(stream: string, path: string, text: string, now: EpochMs): JournalRead {
  const decode = decoderFor(countLines(text));
  const lines = new JournalLines(stream, path);
  return withRest(lines, takeLines(lines, text, decode, now), decode, now);
}
