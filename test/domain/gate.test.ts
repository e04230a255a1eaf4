import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/config.js';
import { approvalRefusal, evaluateGate, evidenceOf, type Approval, type Waiver } from '../../src/domain/gate.js';
import { evaluateLayer } from '../../src/domain/layers.js';
import type { StatusSnapshot } from '../../src/domain/status.js';
import { LINK_LIMIT } from '../../src/domain/limits.js';
import { HOUR } from '../../src/domain/time.js';
import { allGreen, components, layers, NOW, result, snapshot, step } from './fixtures.js';

const gateStep = step('release-gate', { kind: 'gate', owner: 'release-owner', check: { layers: ['unit', 'e2e', 'gcp'] } });
const roles: Record<string, Role> = { 'release-owner': { title: 'Release Owner', approvers: ['owner', 'planner'] } };
const policy = { roles, twoPersonRule: true, plannedBy: 'planner' };

const evaluations = (snap: StatusSnapshot) => layers.map((l) => evaluateLayer(l, snap, components, NOW));
const approval = (snap: StatusSnapshot, by = 'owner'): Approval => ({ by, at: NOW - HOUR, evidence: evidenceOf(evaluations(snap)) });
const waiver = (layer: string, by = 'owner'): Waiver => ({
  layer,
  by,
  at: NOW,
  tracking: 'HYPERFLEET-77',
  reason: 'flaky infra',
  mitigation: 'manual run passed',
});

const red = () => snapshot(result('unit', 'api', 'passed'), result('unit', 'adapter', 'passed'), result('e2e', null, 'failed'));
const missing = () => snapshot(result('unit', 'api', 'passed'), result('unit', 'adapter', 'passed'));
const stale = () =>
  snapshot(result('unit', 'api', 'passed'), result('unit', 'adapter', 'passed'), result('e2e', null, 'passed', 30 * HOUR));
/** Prow never answered since start (still asking, or failing): its layers are unknown, not missing. */
const prowSilent = (error?: string): StatusSnapshot => {
  const base = missing();
  return {
    ...base,
    sources: base.sources.map((h) => (h.source === 'prow' ? { source: 'prow', ok: false, ...(error ? { error } : {}) } : h)),
  };
};
/** Prow answered an hour ago and fails now: what it said then stands, so an absent result is missing. */
const prowFailingSince = (): StatusSnapshot => {
  const base = missing();
  return {
    ...base,
    sources: base.sources.map((h) =>
      h.source === 'prow' ? { source: 'prow', ok: false, error: 'HTTP 502', lastSuccessAt: NOW - HOUR } : h,
    ),
  };
};
const running = () => snapshot(result('unit', 'api', 'passed'), result('unit', 'adapter', 'passed'), result('e2e', null, 'running'));

describe('evaluateGate', () => {
  const cases: Array<{
    name: string;
    now: StatusSnapshot;
    approvedOn?: StatusSnapshot;
    approver?: string;
    waivers?: Waiver[];
    verdict: string;
    approvalState: string;
    done: boolean;
  }> = [
    {
      name: 'all mandatory green, advisory missing, approved',
      now: allGreen(),
      approvedOn: allGreen(),
      verdict: 'pass',
      approvalState: 'valid',
      done: true,
    },
    { name: 'all green, not approved yet', now: allGreen(), verdict: 'pass', approvalState: 'none', done: false },
    { name: 'a mandatory layer red', now: red(), approvedOn: red(), verdict: 'fail', approvalState: 'valid', done: false },
    { name: 'a mandatory layer missing', now: missing(), verdict: 'fail', approvalState: 'none', done: false },
    {
      name: 'its source failing since start: unknown, so pending',
      now: prowSilent('cannot reach Prow'),
      verdict: 'pending',
      approvalState: 'none',
      done: false,
    },
    { name: 'its source not answered yet: pending', now: prowSilent(), verdict: 'pending', approvalState: 'none', done: false },
    {
      name: 'its source failing after an answer: still missing',
      now: prowFailingSince(),
      verdict: 'fail',
      approvalState: 'none',
      done: false,
    },
    {
      name: 'approved while all green, then the source never answers after a restart',
      now: prowSilent('cannot reach Prow'),
      approvedOn: allGreen(),
      verdict: 'pending',
      approvalState: 'stale',
      done: false,
    },
    { name: 'a mandatory pass older than its maximum age', now: stale(), verdict: 'fail', approvalState: 'none', done: false },
    { name: 'a mandatory layer still running', now: running(), verdict: 'pending', approvalState: 'none', done: false },
    {
      name: 'the red layer waived, then approved',
      now: red(),
      approvedOn: red(),
      waivers: [waiver('e2e')],
      verdict: 'waived',
      approvalState: 'valid',
      done: true,
    },
    {
      name: 'a missing layer waived',
      now: missing(),
      approvedOn: missing(),
      waivers: [waiver('e2e')],
      verdict: 'waived',
      approvalState: 'valid',
      done: true,
    },
    {
      name: 'a waiver by someone who may not give it',
      now: red(),
      approvedOn: red(),
      waivers: [waiver('e2e', 'intern')],
      verdict: 'fail',
      approvalState: 'valid',
      done: false,
    },
    {
      name: 'approved green, then the layer turned red',
      now: red(),
      approvedOn: allGreen(),
      verdict: 'fail',
      approvalState: 'stale',
      done: false,
    },
    {
      name: 'approved, then a waiver no longer needed: still green',
      now: allGreen(),
      approvedOn: allGreen(),
      waivers: [waiver('e2e')],
      verdict: 'pass',
      approvalState: 'valid',
      done: true,
    },
    {
      name: 'approved by someone not in the config (a hand-edited journal)',
      now: allGreen(),
      approvedOn: allGreen(),
      approver: 'mallory',
      verdict: 'pass',
      approvalState: 'invalid',
      done: false,
    },
    {
      name: 'approved by whoever planned the release (two-person rule)',
      now: allGreen(),
      approvedOn: allGreen(),
      approver: 'planner',
      verdict: 'pass',
      approvalState: 'invalid',
      done: false,
    },
  ];

  it.each(cases)('$name', ({ now, approvedOn, approver, waivers = [], verdict, approvalState, done }) => {
    const approvals = approvedOn ? [approval(approvedOn, approver)] : [];
    const result = evaluateGate(gateStep, evaluations(now), approvals, waivers, policy);
    expect(result.verdict).toBe(verdict);
    expect(result.approval.state).toBe(approvalState);
    expect(result.done).toBe(done);
    if (verdict === 'fail' || verdict === 'pending') expect(result.reasons.length).toBeGreaterThan(0);
  });

  it('a new commit on the release branch makes an approval stale, naming the change', () => {
    const before = snapshot(
      { ...result('unit', 'api', 'passed'), commit: 'a'.repeat(40) },
      result('unit', 'adapter', 'passed'),
      result('e2e', null, 'passed'),
    );
    const after = snapshot(
      { ...result('unit', 'api', 'passed'), commit: 'b'.repeat(40) },
      result('unit', 'adapter', 'passed'),
      result('e2e', null, 'passed'),
    );
    const gate = evaluateGate(gateStep, evaluations(after), [approval(before)], [], policy);
    expect(gate.approval).toMatchObject({ state: 'stale', changes: ['unit api: new commit bbbbbbb (approved aaaaaaa)'] });
    expect(gate.done).toBe(false);
  });

  it('an unknown cell says which source has not answered, and why', () => {
    const [, e2e] = evaluations(prowSilent('cannot reach Prow at http://127.0.0.1:2 (ECONNREFUSED)'));
    expect(e2e!.cells[0]).toMatchObject({ state: 'unknown' });
    expect(e2e!.reasons).toEqual(['unknown (no answer from Prow yet: cannot reach Prow at http://127.0.0.1:2 (ECONNREFUSED))']);
    expect(evaluations(prowSilent())[1]!.reasons).toEqual(["unknown (waiting for Prow's first answer)"]);
  });

  it('a waived layer says which tracking issue and why, and an advisory layer never blocks', () => {
    const gate = evaluateGate(gateStep, evaluations(red()), [], [waiver('e2e')], policy);
    expect(gate.layers.map((l) => [l.evaluation.layer.id, l.verdict])).toEqual([
      ['unit', 'pass'],
      ['e2e', 'waived'],
      ['gcp', 'advisory'],
    ]);
    expect(gate.reasons[0]).toMatch(/^E2E: waived \(HYPERFLEET-77\) — failed/);
  });

  it('rejected approvals and waivers are reported, not silently dropped', () => {
    const gate = evaluateGate(gateStep, evaluations(red()), [approval(red(), 'mallory')], [waiver('e2e', 'mallory')], policy);
    expect(gate.rejected).toEqual([
      'waiver of e2e by @mallory does not count: @mallory is not a Release Owner approver; ask @owner, @planner',
      'approval by @mallory does not count: @mallory is not a Release Owner approver; ask @owner, @planner',
    ]);
  });
});

describe('evidenceOf', () => {
  it('keeps a run link the journal can hold, and leaves out one longer than it keeps instead of refusing the approval', () => {
    const link = (length: number) => `https://ci.example/${'r'.repeat(length - 19)}`;
    const snap = snapshot(
      { ...result('unit', 'api', 'passed'), commit: 'a'.repeat(40), url: link(LINK_LIMIT) },
      { ...result('unit', 'adapter', 'passed'), commit: 'b'.repeat(40), url: link(LINK_LIMIT + 1) },
    );
    const [api, adapter] = evidenceOf(evaluations(snap));
    expect(api).toMatchObject({ layer: 'unit', component: 'api', commit: 'a'.repeat(40), url: link(LINK_LIMIT) });
    expect(adapter).toEqual({ layer: 'unit', component: 'adapter', state: 'passed', commit: 'b'.repeat(40), finishedAt: NOW - HOUR });
  });
});

describe('approvalRefusal', () => {
  it.each([
    ['owner', null],
    [null, 'not signed in: set GITHUB_TOKEN; Release Owner approvers are @owner, @planner'],
    ['intern', '@intern is not a Release Owner approver; ask @owner, @planner'],
    ['planner', '@planner started this release, and the two-person rule says someone else approves its gates (@owner, @planner)'],
  ])('%s → %s', (login, expected) => {
    expect(approvalRefusal(gateStep, login, policy)).toBe(expected);
  });

  it('the two-person rule can be turned off', () => {
    expect(approvalRefusal(gateStep, 'planner', { ...policy, twoPersonRule: false })).toBeNull();
  });
});
