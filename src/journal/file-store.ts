import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEvent } from '../domain/events.js';
import { isInTheFuture } from '../domain/limits.js';
import { formatUtc, type EpochMs } from '../domain/time.js';
import { decoderFor, encodeChecked } from './codec.js';
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

  async read(stream: string, now: EpochMs): Promise<JournalRead> {
    const path = this.path(stream);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { events: [], warnings: [] };
      throw new JournalError(`cannot read the journal ${path} (${code ?? 'error'}); check that it is a file you may read`);
    }
    return parseJournal(stream, path, text, now);
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

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Parses a journal file. A last line without its newline is a write torn by a crash: skipped with
 * a warning unless it is complete. Any other bad line is skipped with a warning naming its line,
 * so one damaged line never costs the events around it. An event dated after `now` (beyond clock
 * skew) and a second line with an event's id are skipped with a warning too: neither may count.
 */
export function parseJournal(stream: string, path: string, text: string, now: EpochMs): JournalRead {
  const lines = text.split('\n');
  const torn = lines[lines.length - 1] !== '';
  const decode = decoderFor(lines.length);
  const events: JournalEvent[] = [];
  const warnings: JournalWarning[] = [];
  const lineOfId = new Map<string, number>();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    // Where it is, worded only for a line warned about: a healthy journal has none.
    const warn = (message: string) => warnings.push({ stream, line: index + 1, message: `${path}:${index + 1}: ${message}` });
    const decoded = decode(line);
    if (!decoded.ok) {
      if (torn && index === lines.length - 1)
        return warn(`last line is incomplete (the app stopped while writing it); skipped, ${events.length} earlier events kept`);
      return warn(`${decoded.problem}; line skipped (fix or delete it)`);
    }
    const { event } = decoded;
    if (isInTheFuture(event.at, now)) {
      return warn(
        `${event.type} dated ${formatUtc(event.at)}, later than this clock (${formatUtc(now)}); not counted (fix the date or delete the line)`,
      );
    }
    const first = lineOfId.get(event.id);
    if (first !== undefined) {
      const same = lines[first - 1]!.trim() === line.trim();
      return warn(
        same
          ? `duplicate of line ${first}; counted once`
          : `same event id as line ${first} but a different event; only line ${first} counted (fix or delete this one)`,
      );
    }
    lineOfId.set(event.id, index + 1);
    events.push(event);
  });
  return { events, warnings };
}
