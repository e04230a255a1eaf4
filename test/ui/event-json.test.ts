import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../src/domain/timeline.js';
import { withIsoTimes } from '../../src/ui/text/event-json.js';

const AT = Date.parse('2026-12-01T18:00:00Z');
const claim = { id: 'c1', at: AT, actor: 'rafabene', type: 'step-claimed', step: 'rc-e2e', until: AT + 15 * 60_000 } as const;

describe("a claim's renewal in the Log", () => {
  it('says until when its lease runs, so a renewal reads apart from the claim before it', () => {
    expect(describeEvent(claim)).toBe('Claimed: rc-e2e (lease until 2026-12-01 18:15 UTC)');
  });

  it('the whole event shows its times as the journal writes them, not as epoch milliseconds', () => {
    expect(withIsoTimes(claim)).toEqual({ ...claim, at: '2026-12-01T18:00:00.000Z', until: '2026-12-01T18:15:00.000Z' });
  });
});
