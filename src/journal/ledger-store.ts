import { appendFile, mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEvent } from '../domain/events.js';
import { JournalRefusal, type JournalRead, type JournalStore, type JournalWarning } from '../domain/journal-store.js';
import {
  decidesForTheTeam,
  entryProblem,
  LEDGER_HEADLINE,
  supersededBy,
  type LedgerCommit,
  type LedgerEntry,
  type LedgerRemote,
  type LedgerSummary,
  type ObservedHead,
} from '../domain/ledger.js';
import { isInTheFuture } from '../domain/limits.js';
import type { EpochMs } from '../domain/time.js';
import { decodeEvent, encodeChecked } from './codec.js';
import { FileJournalStore, JournalError } from './file-store.js';

/**
 * The shared ledger as a journal: the branch (through a LedgerRemote) is the record every
 * machine folds alike; the local journal is the outbox and stays the durable first write. An
 * event is appended locally (fsync), then committed with a compare-and-swap on the branch head.
 * What is local and not on the branch is pending: pushed at the next sync, in the order it was
 * recorded, exactly once (an id already on the branch counts as pushed), so a crash or a lost
 * connection between the two writes costs nothing. When the head moved, what arrived is read
 * and the event re-checked: moot (someone did the same first) it is withdrawn and the person
 * told who was first; else it is retried.
 */

/** How often a write races another before it gives up for now (it stays pending, or is refused). */
const MAX_TRIES = 5;
const WITHDRAWN = 'withdrawn.jsonl';
const CACHE = 'ledger.jsonl';
/** Each local event's basis: the branch head it was decided on, kept so a replay after a restart is judged as it would have been. */
const BASIS = 'basis.jsonl';

interface Withdrawal {
  readonly id: string;
  readonly stream: string;
  readonly reason: string;
}

interface CachedLine extends Omit<LedgerEntry, 'event'> {
  readonly line: string;
}

/** A line of the copy with what it comes to, judged once when it arrives: its event, or why it does not count. */
interface Entry extends CachedLine {
  readonly verdict: { readonly event: JournalEvent } | { readonly problem: string };
}

function judged(cached: CachedLine): Entry {
  const decoded = decodeEvent(cached.line);
  if (!decoded.ok) return { ...cached, verdict: { problem: `commit ${cached.commit.slice(0, 7)}: ${decoded.problem}; not counted` } };
  const problem = entryProblem({ ...cached, event: decoded.event });
  return { ...cached, verdict: problem ? { problem } : { event: decoded.event } };
}

export interface LedgerStoreOptions {
  readonly remote: LedgerRemote;
  /** The local journal: the outbox, and all there is before the first read. */
  readonly local: FileJournalStore;
  /** Where the copy of the branch and the withdrawn ids are kept between runs. */
  readonly cacheDir: string;
  readonly clock: () => EpochMs;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** An observer's: the branch is read, nothing is shared (an observer needs only read access). */
  readonly readOnly?: boolean;
  /** Told what is shared and pending after every sync and append (the header shows it). */
  readonly onSummary?: (summary: LedgerSummary) => void;
}

const headlineOf = (stream: string, event: JournalEvent): string => `${LEDGER_HEADLINE}: ${stream} ${event.type} ${event.id}`;

/** The commit an event is: its headline names it, its message body and its file (one per event, a folder per stream) are its JSON line. */
export function ledgerCommit(stream: string, event: JournalEvent): { headline: string; body: string; path: string; contents: string } {
  const encoded = encodeChecked(event);
  if (!encoded.ok) throw new JournalError(`${event.type} not shared: ${encoded.problem}`);
  return { headline: headlineOf(stream, event), body: encoded.line, path: `${stream}/${event.id}.json`, contents: `${encoded.line}\n` };
}
const streamOf = (headline: string): string | undefined => headline.slice(LEDGER_HEADLINE.length + 2).split(' ')[0];

export class LedgerJournalStore implements JournalStore {
  private head: string | null = null;
  /** The branch's events in branch order, with their commits. */
  private entries: Entry[] = [];
  private readonly sharedIds = new Set<string>();
  private withdrawn: Withdrawal[] = [];
  /** Commits that are no event (bad message), kept to warn of them. */
  private badCommits: Array<{ readonly stream: string; readonly commit: string; readonly problem: string }> = [];
  private loaded: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readAt: EpochMs | undefined;
  private problem: string | undefined;
  /** For each local event: the branch head it was recorded on (null: no branch yet), from basis.jsonl. */
  private readonly basis = new Map<string, string | null>();

  constructor(private readonly options: LedgerStoreOptions) {}

  describe(): string {
    return `shared on ${this.options.remote.describe()}, outbox ${this.options.local.describe()}`;
  }

  /** One at a time: a sync and an append never interleave their reads and writes of the head. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const report = async () => this.options.onSummary?.(await this.summary());
    const next = this.queue.then(work, work).finally(() => report().catch(() => {}));
    this.queue = next.catch(() => {});
    return next;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const text = await readFile(join(this.options.cacheDir, CACHE), 'utf8').catch(() => '');
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      // The first line is the head the copy is at; a damaged copy is read again from the branch.
      try {
        const [first, ...rest] = lines;
        const head = first ? (JSON.parse(first) as { head: string | null }).head : null;
        const entries = rest.map((l) => judged(JSON.parse(l) as CachedLine));
        this.head = head;
        this.entries = entries;
      } catch {
        this.head = null;
        this.entries = [];
      }
      for (const e of this.entries) this.sharedIds.add(idOf(e.line));
      for (const line of (await readFile(join(this.options.cacheDir, BASIS), 'utf8').catch(() => '')).split('\n')) {
        try {
          const { id, head } = JSON.parse(line) as { id?: unknown; head?: unknown };
          if (typeof id === 'string' && (typeof head === 'string' || head === null)) this.basis.set(id, head);
        } catch {
          // A torn last line (a crash mid-write): that event is judged by its time, as before bases were kept.
        }
      }
      const withdrawn = await readFile(join(this.options.cacheDir, WITHDRAWN), 'utf8').catch(() => '');
      this.withdrawn = withdrawn
        .split('\n')
        .filter((l) => l.trim() !== '')
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Withdrawal];
          } catch {
            return [];
          }
        });
    })();
    return this.loaded;
  }

  private async saveCache(): Promise<void> {
    await mkdir(this.options.cacheDir, { recursive: true, mode: 0o700 });
    const path = join(this.options.cacheDir, CACHE);
    const lines = this.entries.map(({ stream, commit, author, signed, line }) => JSON.stringify({ stream, commit, author, signed, line }));
    const text = [JSON.stringify({ head: this.head }), ...lines].join('\n') + '\n';
    await writeFile(`${path}.tmp`, text, { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }

  /**
   * A copy of the branch before it is read (the demo's, which a machine that followed the
   * release would have): shown until the first read, which replaces it with what the branch has.
   */
  async remember(commits: ReadonlyArray<{ readonly headline: string; readonly body: string; readonly author: string }>): Promise<void> {
    await this.load();
    for (const commit of commits)
      this.add({ oid: '(not read yet)', headline: commit.headline, body: commit.body, author: commit.author, signed: true });
  }

  async list(prefix = ''): Promise<string[]> {
    await this.load();
    const shared = this.entries.map((e) => e.stream).filter((s) => s.startsWith(prefix));
    return [...new Set([...(await this.options.local.list(prefix)), ...shared])].sort();
  }

  /** The branch's events of the stream in branch order, then this machine's not yet shared ones, in the order recorded. */
  async read(stream: string, now: EpochMs): Promise<JournalRead> {
    await this.load();
    const warnings: JournalWarning[] = [];
    const events: JournalEvent[] = [];
    const where = this.options.remote.describe();
    this.entries.forEach((entry, index) => {
      if (entry.stream !== stream) return;
      const warn = (message: string) => warnings.push({ stream, line: index + 1, message: `${where}: ${message}` });
      if ('problem' in entry.verdict) return warn(entry.verdict.problem);
      const { event } = entry.verdict;
      if (isInTheFuture(event.at, now))
        return warn(`${event.type} in commit ${entry.commit.slice(0, 7)} is dated in the future; not counted`);
      events.push(event);
    });
    for (const bad of this.badCommits)
      if (bad.stream === stream) warnings.push({ stream, line: 0, message: `${where}: commit ${bad.commit.slice(0, 7)}: ${bad.problem}` });
    const local = await this.options.local.read(stream, now);
    warnings.push(...local.warnings);
    const withdrawn = new Map(this.withdrawn.filter((w) => w.stream === stream).map((w) => [w.id, w.reason]));
    for (const event of local.events) {
      if (this.sharedIds.has(event.id)) continue;
      const reason = withdrawn.get(event.id);
      if (reason !== undefined) {
        warnings.push({ stream, line: 0, message: `${event.type} by @${event.actor} was not shared: ${reason}; not counted` });
        continue;
      }
      events.push(event);
    }
    return { events, warnings };
  }

  /**
   * Local first, then the branch. A team decision (an approval, a claim) must reach the branch
   * before it counts: refused when the ledger cannot be reached or someone was first. A tick
   * or a note may wait: it stays pending and is shared at the next sync.
   */
  async append(stream: string, ...events: JournalEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.load();
    return this.serial(async () => {
      const deciding = events.some(decidesForTheTeam);
      if (deciding) {
        // A decision made on a copy that may be behind could approve a state the others moved past.
        try {
          await this.pull();
        } catch (error) {
          throw new JournalRefusal(
            `the shared ledger ${this.options.remote.describe()} cannot be reached (${(error as Error).message}): a decision for the team is recorded only once it is shared; try again when GitHub answers`,
          );
        }
      }
      // Written before the event: an event in the outbox always finds its basis after a restart.
      // A copy not read from the branch yet (the demo's) has no head to name: time decides then.
      if (this.head !== null || this.entries.length === 0) await this.keepBasis(events, this.head);
      await this.options.local.append(stream, ...events);
      try {
        for (const event of events) await this.share(stream, event);
      } catch (error) {
        if (error instanceof JournalRefusal) throw error;
        this.problem = (error as Error).message;
        if (deciding) {
          await this.withdraw(
            events
              .filter((e) => !this.sharedIds.has(e.id))
              .map((e) => ({ id: e.id, stream, reason: `the ledger could not be reached (${this.problem})` })),
          );
          throw new JournalRefusal(`${this.problem}; nothing was recorded for the team`);
        }
      }
    });
  }

  /** Reads what is new on the branch. True when anything arrived. */
  private async pull(): Promise<boolean> {
    const delta = await this.options.remote.read(this.head);
    this.readAt = this.options.clock();
    this.problem = undefined;
    // The first read of the branch (or one after it was rewritten) replaces whatever copy there was.
    if (delta.rewritten || this.head === null) {
      this.entries = [];
      this.sharedIds.clear();
    }
    if (delta.head === this.head && !delta.rewritten) return false;
    for (const commit of delta.commits) this.add(commit);
    this.head = delta.head;
    await this.saveCache();
    return true;
  }

  private add(commit: LedgerCommit): void {
    const stream = streamOf(commit.headline) ?? '?';
    const line = commit.body.trim();
    const id = idOf(line);
    if (!id) {
      this.badCommits.push({ stream, commit: commit.oid, problem: 'its message is not a journal event; not counted' });
      return;
    }
    // The same event twice on the branch (a retry whose first write did land) counts once.
    if (this.sharedIds.has(id)) return;
    this.sharedIds.add(id);
    this.entries.push(judged({ stream, commit: commit.oid, author: commit.author, signed: commit.signed, line }));
  }

  /** Commits one event, re-reading and re-checking it each time someone else wrote first. */
  private async share(stream: string, event: JournalEvent): Promise<void> {
    const commit = ledgerCommit(stream, event);
    for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
      if (this.sharedIds.has(event.id)) return;
      const arrived = this.arrivedSince(stream, event);
      const moot = supersededBy(event, arrived, this.options.clock());
      if (moot) {
        await this.withdraw([{ id: event.id, stream, reason: moot.text }]);
        throw new JournalRefusal(`Not recorded: ${moot.text}.`);
      }
      const written = await this.options.remote.write(this.head, commit);
      if (written.state === 'written') {
        this.add({ oid: written.head, headline: commit.headline, body: commit.body, author: event.actor, signed: true });
        this.head = written.head;
        await this.saveCache();
        return;
      }
      await this.pull();
      await (this.options.sleep ?? defaultSleep)(Math.floor((this.options.random ?? Math.random)() * 200 * (attempt + 1)));
    }
    throw new Error(`the shared ledger kept moving (${MAX_TRIES} tries); it stays pending`);
  }

  /**
   * The stream's events that reached the branch after this one was decided: after its basis
   * head; without one (an outbox from before bases were kept, or a branch rewritten since),
   * those dated after it.
   */
  private arrivedSince(stream: string, event: JournalEvent): JournalEvent[] {
    const basis = this.basis.get(event.id);
    const from = basis === null ? 0 : basis === undefined ? -1 : this.entries.findIndex((e) => e.commit === basis) + 1;
    return this.entries.flatMap((entry, index) => {
      if (entry.stream !== stream || 'problem' in entry.verdict) return [];
      const theirs = entry.verdict.event;
      if (from > 0 || basis === null) return index >= from ? [theirs] : [];
      return theirs.at < event.at ? [] : [theirs];
    });
  }

  private async keepBasis(events: readonly JournalEvent[], head: string | null): Promise<void> {
    await mkdir(this.options.cacheDir, { recursive: true, mode: 0o700 });
    const lines = events.map((e) => `${JSON.stringify({ id: e.id, head })}\n`).join('');
    await appendFile(join(this.options.cacheDir, BASIS), lines, { mode: 0o600 });
    for (const event of events) this.basis.set(event.id, head);
  }

  private async withdraw(withdrawals: readonly Withdrawal[]): Promise<void> {
    if (withdrawals.length === 0) return;
    await mkdir(this.options.cacheDir, { recursive: true, mode: 0o700 });
    await appendFile(join(this.options.cacheDir, WITHDRAWN), withdrawals.map((w) => `${JSON.stringify(w)}\n`).join(''), { mode: 0o600 });
    this.withdrawn.push(...withdrawals);
  }

  /** What the others shared since the last read: a run waiting for a turn to send sees the holder give it up. */
  catchUp(): Promise<void> {
    return this.serial(async () => {
      await this.load();
      await this.pull().catch((error: Error) => (this.problem = error.message));
    });
  }

  /**
   * Reads the branch, then shares every local event not on it yet, stream by stream in the
   * order recorded. True when the branch brought something new (the journal should be read
   * again). Throws when the ledger cannot be reached: the events stay pending. Given the head
   * another read just saw (the status request of this refresh), the history is read only when
   * that head is not the one this copy is at; a share then writes on it (a compare-and-swap: had
   * it moved since, the write reads what arrived and tries again).
   */
  sync(observed?: ObservedHead): Promise<boolean> {
    return this.serial(async () => {
      await this.load();
      let changed = false;
      try {
        if (observed !== undefined && observed.head === this.head) {
          this.readAt = this.options.clock();
          this.problem = undefined;
        } else changed = await this.pull();
      } catch (error) {
        this.problem = (error as Error).message;
        throw error;
      }
      for (const { stream, event } of this.options.readOnly ? [] : await this.pending()) {
        try {
          await this.share(stream, event);
        } catch (error) {
          if (!(error instanceof JournalRefusal)) {
            this.problem = (error as Error).message;
            throw error;
          }
        }
        changed = true;
      }
      return changed;
    });
  }

  /** Local events not on the branch and not withdrawn, stream by stream, in the order recorded. */
  private async pending(): Promise<Array<{ stream: string; event: JournalEvent }>> {
    const withdrawn = new Set(this.withdrawn.map((w) => w.id));
    const streams = await this.options.local.list();
    const now = this.options.clock();
    const reads = await Promise.all(streams.map(async (stream) => ({ stream, read: await this.options.local.read(stream, now) })));
    return reads.flatMap(({ stream, read }) =>
      read.events.filter((e) => !this.sharedIds.has(e.id) && !withdrawn.has(e.id)).map((event) => ({ stream, event })),
    );
  }

  /** What is shared, pending and withdrawn, and when the branch was last read. */
  async summary(): Promise<LedgerSummary> {
    await this.load();
    const pending = await this.pending();
    return {
      shared: this.entries.length,
      pending: pending.length,
      withdrawn: this.withdrawn.length,
      ...(this.readAt !== undefined ? { readAt: this.readAt } : {}),
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }
}

/** An event line's id, read without the whole schema (the codec checks it when the line is used). */
function idOf(line: string): string {
  try {
    const id = (JSON.parse(line) as { id?: unknown }).id;
    return typeof id === 'string' ? id : '';
  } catch {
    return '';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
