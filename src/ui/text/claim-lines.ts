import { heldFor, type StepClaim } from '../../domain/step-claims.js';
import { oneLine } from '../../domain/sanitize.js';
import type { DetailLine } from './step-lines.js';
import { formatAgo } from '../../domain/time.js';
import type { TeamMember } from '../../store/team.js';
import { truncate } from './fit.js';

/** Beside a claimed step in a list: "yours", or "@ciaranroche, 12 min" (how long they have been on it). */
export function claimNote(claim: StepClaim | null, viewer: string | null, now: number): string | null {
  if (!claim) return null;
  return claim.by === viewer ? 'yours' : `@${oneLine(claim.by)}, ${heldFor(claim.since, now)}`;
}

/** In a step's detail: who is on it, since when, a takeover's reason, and what `c` does about it. */
export function claimLines(claim: StepClaim | null, viewer: string | null, now: number): DetailLine[] {
  if (!claim) return [];
  const who = claim.by === viewer ? 'yours' : `@${oneLine(claim.by)} is on it`;
  const taken = claim.takenOver ? ` · taken over from @${oneLine(claim.takenOver.from)}: ${oneLine(claim.takenOver.reason)}` : '';
  const key = claim.by === viewer ? 'renewed while the app runs; c lets go' : 'c takes over (asks why)';
  return [{ text: `${who} for ${heldFor(claim.since, now)}${taken} · ${key}`, tone: claim.by === viewer ? 'accent' : 'info' }];
}

const TITLE_WIDTH = 28;

/**
 * The Dashboard's Team line: who is on what ("@ciaranroche on RC E2E… 12 min", "you on Code
 * freeze"), then who else was active lately ("@yasun1 3m ago"); null when nobody is either.
 */
export function teamLine(members: readonly TeamMember[], now: number): string | null {
  if (members.length === 0) return null;
  return members
    .map((m) => {
      const who = m.you ? 'you' : `@${oneLine(m.login)}`;
      if (m.on.length === 0) return `${who} active ${formatAgo(m.lastAt, now)}`;
      const steps = m.on.map((c) => `${c.hotfixKey ? `${oneLine(c.hotfixKey)} ` : ''}${truncate(oneLine(c.title), TITLE_WIDTH)}`);
      return `${who} on ${steps.join(', ')}${m.you ? '' : ` ${heldFor(m.on[0]!.since, now)}`}`;
    })
    .join(' · ');
}
