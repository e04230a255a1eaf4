import { hotfixStream, releaseStream } from '../domain/events.js';
import type { PhaseView, StepView } from '../domain/playbook.js';
import { claimAt, NO_CLAIMS, teamPresence, type StepClaim, type StepClaims } from '../domain/step-claims.js';
import type { EpochMs } from '../domain/time.js';
import type { AppState, LoggedEvent } from './app-store.js';

/** The claims of the release (no key) or of a hotfix's stream. */
export const streamClaims = (s: AppState, hotfixKey: string | null): StepClaims =>
  s.stepClaims[hotfixKey === null ? releaseStream(s.release) : hotfixStream(hotfixKey)] ?? NO_CLAIMS;

/** Who is on the step now; nobody is on a step that is done (an approved gate, a passed check). */
export function stepClaimOf(s: AppState, view: StepView, hotfixKey: string | null): StepClaim | null {
  return view.state === 'done' ? null : claimAt(streamClaims(s, hotfixKey), view.step.id, s.now);
}

/** A step someone is on, as the Dashboard names it. */
export interface TeamClaim {
  readonly title: string;
  /** The hotfix it belongs to; null for the release. */
  readonly hotfixKey: string | null;
  readonly since: EpochMs;
}

/** One person of the team, as the Dashboard shows them. */
export interface TeamMember {
  readonly login: string;
  readonly you: boolean;
  readonly lastAt: EpochMs;
  readonly active: boolean;
  readonly on: readonly TeamClaim[];
}

/**
 * Who is on what and who has been active lately (domain/step-claims presence), with each claimed
 * step's title; a step done since it was claimed is left out. Only people holding a step or
 * active in the window are listed.
 */
export function teamView(
  log: readonly LoggedEvent[],
  claims: AppState['stepClaims'],
  release: string,
  releasePhases: readonly PhaseView[],
  hotfixes: ReadonlyArray<{ readonly hotfix: { readonly key: string }; readonly phases: readonly PhaseView[] }>,
  viewer: string | null,
  now: EpochMs,
): TeamMember[] {
  const owners = new Map<string, { hotfixKey: string | null; steps: StepView[] }>([
    [releaseStream(release), { hotfixKey: null, steps: releasePhases.flatMap((p) => p.steps) }],
    ...hotfixes.map((h): [string, { hotfixKey: string; steps: StepView[] }] => [
      hotfixStream(h.hotfix.key),
      { hotfixKey: h.hotfix.key, steps: h.phases.flatMap((p) => p.steps) },
    ]),
  ]);
  return teamPresence(log, claims, now).flatMap((person): TeamMember[] => {
    const on = person.holds.flatMap((held): TeamClaim[] => {
      const owner = owners.get(held.stream);
      const view = owner?.steps.find((v) => v.step.id === held.step);
      return owner && view && view.state !== 'done' ? [{ title: view.title, hotfixKey: owner.hotfixKey, since: held.since }] : [];
    });
    if (on.length === 0 && !person.active) return [];
    return [{ login: person.login, you: person.login === viewer, lastAt: person.lastAt, active: person.active, on }];
  });
}
