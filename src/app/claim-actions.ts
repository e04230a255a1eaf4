import { hotfixStream, releaseStream, type EventBody } from '../domain/events.js';
import { claimAt, claimsToRenew, heldFor, STEP_LEASE_MS, type StepClaim } from '../domain/step-claims.js';
import { MINUTE } from '../domain/time.js';
import { oneLine } from '../domain/sanitize.js';
import { done, outcomeText, recorded, refused, type Outcome } from '../domain/outcome.js';
import type { AppStore } from '../store/app-store.js';
import { selectOpenHotfixes } from '../store/selectors.js';
import { stepView, streamOf, type StepOwner } from './owner.js';

export interface ClaimActionsDeps {
  readonly store: AppStore;
  /** Appends one event as the signed-in login: null once recorded, else why not. */
  readonly record: (stream: string, body: EventBody) => Promise<Outcome | null>;
  /** Waits until GitHub has said who the token is, if it is being asked. */
  readonly identity: () => Promise<string | null>;
  readonly clock: () => number;
}

/**
 * A renewal that could not be recorded (the ledger out of reach) is tried again after this, not
 * at every tick: the lease has two more renewal periods to go before it lapses.
 */
const RETRY_RENEWAL_MS = MINUTE;

/** Claiming a step (`c`), letting go of it, taking it over; renewing one's own claims while the app runs. */
export class ClaimActions {
  private renewing = false;
  /** When a renewal of each stream/step last failed, so the next try waits. */
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly deps: ClaimActionsDeps) {}

  private get state() {
    return this.deps.store.getState();
  }

  /** The claim that holds the step now, or null. */
  holder(owner: StepOwner, stepId: string): StepClaim | null {
    const claims = this.state.stepClaims[streamOf(this.state, owner)];
    return claims ? claimAt(claims, stepId, this.deps.clock()) : null;
  }

  /** Why the step cannot be claimed at all (no such step, or done), or null. */
  private stepProblem(owner: StepOwner, stepId: string): { title: string } | { problem: Outcome } {
    const view = stepView(this.state, owner, stepId);
    if (!view) return { problem: refused(`No step "${stepId}" to claim.`) };
    if (view.state === 'done') return { problem: refused(`"${view.title}" is done: there is nothing left to be on.`) };
    return { title: view.title };
  }

  /**
   * `c`: claims a step nobody holds, or lets go of one's own. Someone else's claim is refused on
   * the field `reason`: taking it over asks why (`takeOver`).
   */
  async toggle(owner: StepOwner, stepId: string): Promise<Outcome> {
    const viewer = await this.deps.identity();
    const step = this.stepProblem(owner, stepId);
    if ('problem' in step) return step.problem;
    const held = this.holder(owner, stepId);
    const stream = streamOf(this.state, owner);
    if (held && viewer && held.by === viewer) {
      return recorded(await this.deps.record(stream, { type: 'step-released', step: stepId }), `Let go of: ${step.title}`);
    }
    if (held) {
      const since = heldFor(held.since, this.deps.clock());
      return refused(`@${oneLine(held.by)} has been on "${step.title}" for ${since}: taking it over asks for a reason.`, 'reason');
    }
    return recorded(await this.claim(stream, stepId), `Claimed: ${step.title}; yours while the app runs`);
  }

  /** Takes over someone else's claim, with the reason recorded; a step nobody holds any more is simply claimed. */
  async takeOver(owner: StepOwner, stepId: string, reason: string): Promise<Outcome> {
    const viewer = await this.deps.identity();
    const step = this.stepProblem(owner, stepId);
    if ('problem' in step) return step.problem;
    const held = this.holder(owner, stepId);
    if (held && held.by === viewer) return done(`"${step.title}" is yours already.`);
    if (held && !reason.trim()) return refused(`Taking over from @${oneLine(held.by)} takes a reason: say why.`, 'reason');
    const stream = streamOf(this.state, owner);
    const problem = await this.claim(stream, stepId, held ? reason.trim() : undefined);
    return recorded(
      problem,
      held ? `Taken over from @${oneLine(held.by)}: ${step.title}` : `Claimed: ${step.title}; nobody held it any more`,
    );
  }

  private claim(stream: string, stepId: string, reason?: string): Promise<Outcome | null> {
    const until = this.deps.clock() + STEP_LEASE_MS;
    return this.deps.record(stream, { type: 'step-claimed', step: stepId, until, ...(reason ? { reason } : {}) });
  }

  /**
   * Renews the signed-in person's claims that are due (domain/step-claims), while the app runs:
   * called at every tick, it records only when a lease is old enough. Nothing is written on quit:
   * the lease lapses by itself. Claims on steps done since (an approved gate) are left to lapse.
   * Returns what could not be renewed.
   */
  async renewOwn(): Promise<Outcome[]> {
    const { viewer, readOnly } = this.state;
    if (this.renewing || !viewer || readOnly) return [];
    this.renewing = true;
    try {
      const now = this.deps.clock();
      const problems: Outcome[] = [];
      for (const { owner, stream } of this.owners()) {
        const claims = this.state.stepClaims[stream];
        for (const lease of claims ? claimsToRenew(claims, viewer, now) : []) {
          const key = `${stream}/${lease.step}`;
          if (now - (this.failedAt.get(key) ?? -Infinity) < RETRY_RENEWAL_MS) continue;
          const view = stepView(this.state, owner, lease.step);
          if (!view || view.state === 'done') continue;
          const problem = await this.claim(stream, lease.step);
          if (!problem) {
            this.failedAt.delete(key);
            continue;
          }
          this.failedAt.set(key, now);
          const left = heldFor(now, lease.until).replace('<1 min', 'under a minute');
          problems.push(refused(`Your claim of "${view.title}" was not renewed (it lapses in ${left}): ${outcomeText(problem)}`));
        }
      }
      return problems;
    } finally {
      this.renewing = false;
    }
  }

  /** The release and each open hotfix, with their streams. */
  private owners(): Array<{ owner: StepOwner; stream: string }> {
    return [
      { owner: { kind: 'release' }, stream: releaseStream(this.state.release) },
      ...selectOpenHotfixes(this.state).map(({ hotfix }) => ({
        owner: { kind: 'hotfix', hotfix } as const,
        stream: hotfixStream(hotfix.key),
      })),
    ];
  }
}
