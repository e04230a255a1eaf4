import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../domain/config.js';
import type { JournalEvent } from '../domain/events.js';
import type { HotfixState } from '../domain/fold.js';
import type { RunningFakes } from './launch-fakes.js';
import type { JournalStore } from '../domain/journal-store.js';
import { DEMO_STORIES, type DemoStory } from './scenario.js';

export type DemoStep = { readonly title: string; readonly waiting?: string } | null;

/**
 * Plays the demo's stories one event at a time: the world's change goes to the fakes' worker, a
 * colleague's action goes into the journal in their name, and an event whose turn has not come
 * (QE signs off only after the handoff) says what the user must do first.
 */
export function demoDirector(
  fakes: Pick<RunningFakes, 'advance'>,
  /** The journal a colleague records in, on their own machine: what they do reaches the app as it would from anyone. */
  colleagueJournal: (login: string) => JournalStore,
  config: AppConfig,
  hotfixes: () => readonly HotfixState[],
): (now: number, story: DemoStory) => Promise<DemoStep> {
  const played: Record<DemoStory, number> = { release: 0, hotfix: 0 };
  return async (now, story) => {
    const index = played[story];
    const event = DEMO_STORIES[story][index];
    if (!event) return null;
    const waiting = event.waitsFor?.(hotfixes());
    if (waiting) return { title: event.title, waiting };
    if (event.apply) await fakes.advance(now, story, index);
    if (event.colleague) {
      const { actor, stream, body } = event.colleague(config);
      await colleagueJournal(actor).append(stream, { id: randomUUID(), at: now, actor, ...body } as JournalEvent);
    }
    played[story] = index + 1;
    return { title: event.title };
  };
}
