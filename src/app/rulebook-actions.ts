import { join } from 'node:path';
import { rulebookHash } from '../config/rulebook.js';
import { releaseStream, type EventBody, type RulebookFile } from '../domain/events.js';
import type { RulebookRecord } from '../domain/fold.js';
import { done, failed, refused, type Outcome } from '../domain/outcome.js';
import { formatUtc } from '../domain/time.js';
import type { AppStore } from '../store/app-store.js';

export interface RulebookActionsDeps {
  readonly store: AppStore;
  /** Appends one event as the signed-in login: null once recorded, else why not. */
  readonly record: (stream: string, body: EventBody) => Promise<Outcome | null>;
  /** This machine's rulebook hash (config/rulebook), or null when it is not known. */
  readonly local: string | null;
  /** Where a release's rulebook is unpacked: a folder of this machine's state. */
  readonly folder: string;
}

/** Whether this machine folds the release's events by the release's rules. */
export type RulebookStatus =
  | { readonly kind: 'same'; readonly local: string; readonly release: RulebookRecord }
  | { readonly kind: 'differs'; readonly local: string | null; readonly release: RulebookRecord }
  | { readonly kind: 'unrecorded'; readonly local: string | null };

/**
 * One release, one rulebook: the configuration a release is run by is recorded on its journal
 * (on the shared ledger, the team's), so a machine whose hyperfleet.yaml or playbooks differ
 * says so, and can take the release's instead of folding the same events into another checklist.
 */
export class RulebookActions {
  constructor(private readonly deps: RulebookActionsDeps) {}

  status(): RulebookStatus {
    const release = this.deps.store.getState().releaseState.rulebook;
    const { local } = this.deps;
    if (!release) return { kind: 'unrecorded', local };
    return local === release.hash ? { kind: 'same', local, release } : { kind: 'differs', local, release };
  }

  /** Records this machine's configuration as the release's from now on. */
  async share(files: readonly RulebookFile[]): Promise<Outcome> {
    const status = this.status();
    if (!this.deps.local) return refused('Not recorded: this configuration has no rulebook hash.');
    if (status.kind === 'same')
      return refused(`Not recorded: the release is already run by this rulebook (${status.local}, recorded by @${status.release.by}).`);
    const { release } = this.deps.store.getState();
    const body: EventBody = { type: 'rulebook-recorded', hash: this.deps.local, files };
    const problem = await this.deps.record(releaseStream(release), body);
    return problem ?? done(`The rulebook of ${release} is now ${this.deps.local} (${files.map((f) => f.path).join(', ')})`);
  }

  /**
   * Writes the release's rulebook into this machine's state and checks it loads as the same
   * rules: the path to start with (`--config`), or why not.
   */
  async use(): Promise<Outcome & { readonly path?: string }> {
    const status = this.status();
    if (status.kind === 'unrecorded')
      return refused('The release has no rulebook recorded yet: `hyperfleet-tui rulebook share` records yours.');
    if (status.kind === 'same') return done(`Already the release's rulebook (${status.local}).`);
    const { release } = status;
    let unpacked: { path: string; hash: string };
    try {
      // The loader (YAML, the schema) is not needed to start: only here.
      const { unpackRulebook } = await import('../config/unpack-rulebook.js');
      const read = unpackRulebook(join(this.deps.folder, `rulebook-${release.hash}`), release.files);
      unpacked = { path: read.path, hash: rulebookHash(read.config) };
    } catch (error) {
      return failed(`The release's rulebook could not be used: ${(error as Error).message}`);
    }
    if (unpacked.hash !== release.hash) {
      return failed(
        `The release's rulebook (${release.hash}) reads as ${unpacked.hash} here: another version of hyperfleet-tui recorded it; saved to ${unpacked.path} anyway`,
      );
    }
    const who = `@${release.by}'s of ${formatUtc(release.at)}`;
    return { ...done(`Saved the release's rulebook (${release.hash}, ${who}): start with --config ${unpacked.path}`), path: unpacked.path };
  }
}
