import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/domain/fold.js';
import {
  checksToAccept,
  currentPhase,
  evaluatePlaybook,
  knownCurrentPhase,
  nextSteps,
  progressOf,
  type PlaybookInput,
} from '../../src/domain/playbook.js';
import type { StatusSnapshot } from '../../src/domain/status.js';
import { DAY, HOUR } from '../../src/domain/time.js';
import { allGreen, components, layers, NOW, playbook, playbookBase, result, snapshot, step } from './fixtures.js';

const done = (at = NOW - HOUR): StepRecord => ({ at, by: 'alice', via: 'manual' });

const base = playbookBase;

function evaluate(over: Partial<PlaybookInput> & Pick<PlaybookInput, 'playbook'>) {
  const input: PlaybookInput = { ...base(), ...over };
  return new Map(
    evaluatePlaybook(input)
      .flatMap((p) => p.steps)
      .map((v) => [v.step.id, v]),
  );
}

describe('evaluatePlaybook: dependencies', () => {
  const pb = playbook(step('a'), step('b', { needs: ['a'] }), step('c', { needs: ['a', 'b'] }));

  it('a step with no needs is ready; the rest are blocked by what is not done', () => {
    const views = evaluate({ playbook: pb });
    expect(views.get('a')!.state).toBe('ready');
    expect(views.get('b')!.state).toBe('blocked');
    expect(views.get('c')!.blockedBy).toEqual(['a', 'b']);
    // Said with the titles a person reads on screen, not the ids in the YAML.
    expect(views.get('c')!.reasons).toEqual(['needs "Step a", "Step b"']);
  });

  it('completing a step unblocks its dependents', () => {
    const views = evaluate({ playbook: pb, steps: { a: done() } });
    expect(views.get('a')!.state).toBe('done');
    expect(views.get('a')!.record?.by).toBe('alice');
    expect(views.get('b')!.state).toBe('ready');
    expect(views.get('c')!.blockedBy).toEqual(['b']);
  });

  it('resolves needs that point forward in file order', () => {
    const forward = playbook(step('late', { needs: ['early'] }), step('early'));
    const views = evaluate({ playbook: forward, steps: { early: done() } });
    expect(views.get('late')!.state).toBe('ready');
  });
});

describe('evaluatePlaybook: checks decided by live status', () => {
  const check = (layerIds: string[]) => playbook(step('chk', { kind: 'check', check: { layers: layerIds } }));
  const cases: Array<[string, StatusSnapshot | null, string[], string]> = [
    ['all mandatory results passed and fresh', allGreen(), ['unit', 'e2e'], 'done'],
    ['one component failed', snapshot(result('unit', 'api', 'passed'), result('unit', 'adapter', 'failed')), ['unit'], 'failed'],
    ['one component has no result (missing is never green)', snapshot(result('unit', 'api', 'passed')), ['unit'], 'failed'],
    ['a run is still going', snapshot(result('e2e', null, 'running')), ['e2e'], 'waiting'],
    ['the pass is older than the maximum age', snapshot(result('e2e', null, 'passed', 30 * HOUR)), ['e2e'], 'failed'],
    ['an advisory layer is red but never blocks', allGreen(), ['e2e', 'gcp'], 'done'],
    ['nothing fetched yet', null, ['e2e'], 'waiting'],
    [
      'GitHub answered, Prow has failed since start (its layers unknown, not failed)',
      {
        results: [],
        sources: [
          { source: 'github', ok: true, lastSuccessAt: NOW },
          { source: 'prow', ok: false, error: 'HTTP 502' },
        ],
      },
      ['e2e'],
      'waiting',
    ],
    ['an error reading a result', snapshot(result('e2e', null, 'error')), ['e2e'], 'failed'],
  ];
  it.each(cases)('%s', (_, snap, layerIds, expected) => {
    const views = evaluate({ playbook: check(layerIds), snapshot: snap });
    const view = views.get('chk')!;
    expect(view.state).toBe(expected);
    expect(view.auto).toBe(true);
    if (expected !== 'done') expect(view.reasons.length).toBeGreaterThan(0);
  });

  it('before its source first answers, a check and the steps only it blocks are undecided: no deadline judged, not in "next up"', () => {
    const pb = playbook(
      step('chk', { kind: 'check', check: { layers: ['e2e'] }, due: { at: ['ff'] } }),
      step('after', { needs: ['chk'], due: { at: ['ff'] } }),
      step('other'),
      step('both', { needs: ['chk', 'other'] }),
    );
    const anchors = { ff: NOW - 2 * DAY };
    const unasked = evaluatePlaybook({ ...base(), playbook: pb, snapshot: null, anchors });
    const views = new Map(unasked.flatMap((p) => p.steps).map((v) => [v.step.id, v]));
    expect(views.get('chk')).toMatchObject({ state: 'waiting', undecided: true, timing: 'none' });
    expect(views.get('after')).toMatchObject({ state: 'blocked', undecided: true, timing: 'none' });
    // Blocked by a step that is known not done: blocked for sure.
    expect(views.get('both')).toMatchObject({ state: 'blocked', undecided: false });
    expect(progressOf(unasked)).toEqual({ done: 0, total: 4, undecided: 2 });
    expect(knownCurrentPhase(unasked)).toBeNull();
    expect(nextSteps(unasked).map((v) => v.step.id)).toEqual(['other']);
    const answered = evaluatePlaybook({ ...base(), playbook: pb, snapshot: snapshot(result('e2e', null, 'failed')), anchors });
    expect(answered[0]!.steps[0]).toMatchObject({ state: 'failed', undecided: false, timing: 'overdue' });
    expect(progressOf(answered).undecided).toBe(0);
  });

  it('names the failing component and the detail in its reasons', () => {
    const snap = snapshot(result('unit', 'api', 'passed'), { ...result('unit', 'adapter', 'failed'), detail: '3 tests failed' });
    const view = evaluate({ playbook: check(['unit']), snapshot: snap }).get('chk')!;
    expect(view.reasons).toEqual(['Unit — adapter: failed (3 tests failed)']);
  });

  describe('a check is done only on evidence that it passed', () => {
    const pb = playbook(
      step('chk', { kind: 'check', check: { layers: ['e2e'] } }),
      step('task', { title: 'Fixes merged', needs: ['chk'] }),
      step('after', { needs: ['task'] }),
    );
    const red = snapshot(result('e2e', null, 'failed'));
    const green = snapshot(result('e2e', null, 'passed'));

    it('ticking a later task while the check is red leaves the check red, and does not count it', () => {
      const phases = evaluatePlaybook({ ...base(), playbook: pb, snapshot: red });
      // What the controller records when the task is ticked: nothing for a check that fails.
      expect(checksToAccept(phases, 'task')).toEqual([]);
      const views = evaluate({ playbook: pb, snapshot: red, steps: { task: done() } });
      expect(views.get('chk')!.state).toBe('failed');
      expect(views.get('chk')!.auto).toBe(true);
      expect(views.get('task')!.state).toBe('done');
      expect(
        nextSteps([...evaluatePlaybook({ ...base(), playbook: pb, snapshot: red, steps: { task: done() } })]).map((v) => v.step.id),
      ).toContain('chk');
    });

    it('a task done while the check passed freezes what it passed on; the check stays done after it turns red', () => {
      const phases = evaluatePlaybook({ ...base(), playbook: pb, snapshot: green });
      const accepted = checksToAccept(phases, 'task');
      expect(accepted).toEqual([{ step: 'chk', evidence: [expect.objectContaining({ layer: 'e2e', state: 'passed' })], found: [] }]);
      const views = evaluate({ playbook: pb, snapshot: red, steps: { task: { ...done(NOW - 2 * HOUR), by: 'rh-amarin', accepted } } });
      const chk = views.get('chk')!;
      expect(chk.state).toBe('done');
      expect(chk.auto).toBe(false);
      expect(chk.frozen?.byTitle).toBe('Fixes merged');
      // Said by the title on screen, with who, when and what it saw; then what live status says.
      expect(chk.reasons[0]).toBe('passed when "Fixes merged" was completed by @rh-amarin (2026-11-18 10:00 UTC)');
      expect(chk.reasons[1]).toMatch(/^saw E2E[^:]*: passed/);
      expect(chk.reasons).toContain('live status now: failed');
    });

    it('a later step carries a frozen check forward; reopening the step that froze it lets live status decide again', () => {
      const first = checksToAccept(evaluatePlaybook({ ...base(), playbook: pb, snapshot: green }), 'task');
      const steps = { task: { ...done(), accepted: first } };
      const carried = checksToAccept(evaluatePlaybook({ ...base(), playbook: pb, snapshot: red, steps }), 'task');
      expect(carried).toEqual(first);
      expect(evaluate({ playbook: pb, snapshot: red, steps: {} }).get('chk')!.state).toBe('failed');
    });

    it('a gate approved by someone who may not approve freezes nothing', () => {
      const gated = playbook(step('chk', { kind: 'check', check: { layers: ['e2e'] } }), step('g', { kind: 'gate', needs: ['chk'] }));
      const accepted = [{ step: 'chk', evidence: [], found: [] }];
      const policy = { roles: { 'release-owner': { title: 'Release Owner', approvers: ['lead'] } }, twoPersonRule: false, plannedBy: null };
      const approval = (by: string) => ({ g: { approvals: [{ by, at: NOW - HOUR, evidence: [], accepted }], waivers: [] } });
      expect(evaluate({ playbook: gated, snapshot: red, policy, gates: approval('mallory') }).get('chk')!.state).toBe('failed');
      expect(evaluate({ playbook: gated, snapshot: red, policy, gates: approval('lead') }).get('chk')!.state).toBe('done');
    });
  });

  it('a gate waits for its approval, and is done once an approver approves', () => {
    const pb = playbook(step('g', { kind: 'gate' }));
    const policy = { roles: { 'release-owner': { title: 'Release Owner', approvers: ['lead'] } }, twoPersonRule: false, plannedBy: null };
    expect(evaluate({ playbook: pb, policy }).get('g')!.state).toBe('waiting');
    const approved = evaluate({
      playbook: pb,
      policy,
      gates: { g: { approvals: [{ by: 'lead', at: NOW, evidence: [] }], waivers: [] } },
    }).get('g')!;
    expect(approved.state).toBe('done');
    expect(approved.record).toMatchObject({ by: 'lead', via: 'approval' });
    // A hand-written "completed" line cannot open a gate.
    expect(evaluate({ playbook: pb, policy, steps: { g: { at: NOW, by: 'lead', via: 'manual' } } }).get('g')!.state).toBe('waiting');
  });
});

describe('evaluatePlaybook: deadlines', () => {
  const pb = playbook(
    step('a', { due: { at: ['ga'] } }),
    step('b', { due: { at: ['ga'], offset: { kind: 'calendar', ms: -3 * DAY } } }),
    step('c', { due: { at: ['step:a'], offset: { kind: 'calendar', ms: 2 * HOUR } } }),
    step('d'),
  );

  it.each([
    ['far ahead', NOW + 5 * DAY, 'a', 'scheduled'],
    ['within the due-soon window', NOW + 12 * HOUR, 'a', 'due'],
    ['past', NOW - 1, 'a', 'overdue'],
    ['negative offset from the anchor', NOW + 2 * DAY, 'b', 'overdue'],
  ])('%s', (_, ga, id, timing) => {
    expect(evaluate({ playbook: pb, anchors: { ga } }).get(id)!.timing).toBe(timing);
  });

  it('has no deadline while its anchor is unknown', () => {
    const view = evaluate({ playbook: pb, anchors: {} }).get('a')!;
    expect(view.dueAt).toBeUndefined();
    expect(view.timing).toBe('none');
  });

  it("anchors on another step's completion time", () => {
    const views = evaluate({ playbook: pb, anchors: {}, steps: { a: done(NOW - 3 * HOUR) } });
    expect(views.get('c')!.dueAt).toBe(NOW - HOUR);
    expect(views.get('c')!.timing).toBe('overdue');
  });

  it('a done step is never overdue', () => {
    expect(evaluate({ playbook: pb, anchors: { ga: NOW - DAY }, steps: { a: done() } }).get('a')!.timing).toBe('none');
  });
});

describe('phases and next steps', () => {
  it('the current phase is the first with work left; next steps put overdue first', () => {
    const pb = {
      id: 'p',
      title: 'P',
      phases: [
        { id: 'one', title: 'One', steps: [step('a')] },
        { id: 'two', title: 'Two', steps: [step('b', { due: { at: ['ga'] } }), step('c', { due: { at: ['rc'] } })] },
      ],
    };
    const phases = evaluatePlaybook({
      playbook: pb,
      steps: { a: done() },
      anchors: { ga: NOW + 5 * DAY, rc: NOW - HOUR },
      snapshot: null,
      layers,
      components,
      calendar: { holidays: [] },
      dueSoonMs: DAY,
      now: NOW,
    });
    expect(currentPhase(phases)?.id).toBe('two');
    expect(phases.map((p) => `${p.done}/${p.total}`)).toEqual(['1/1', '0/2']);
    expect(nextSteps(phases).map((v) => v.step.id)).toEqual(['c', 'b']);
  });
});

describe('evaluatePlaybook: the RC E2E check and the gate that needs it for the final RC', () => {
  const rcRun = { name: 'rc-e2e', prowJob: 'pj', state: 'passed' as const, overrides: {} };
  const passed = {
    state: 'passed' as const,
    run: rcRun,
    findings: [{ ok: true, text: 'build 7 passed, tested api 1.5.0-rc2' }],
    undecided: false,
  };
  const waiting = { state: 'waiting' as const, findings: [{ ok: false, text: 'no run for api 1.5.0-rc3 yet' }], undecided: false };
  const failed = { state: 'failed' as const, findings: [{ ok: false, text: 'build 8 failed, tested api 1.5.0-rc3' }], undecided: false };
  const policy = { roles: { 'release-owner': { title: 'Release Owner', approvers: ['lead'] } }, twoPersonRule: false, plannedBy: null };
  const pb = playbook(
    step('rc', { kind: 'check', check: { rcE2e: true } }),
    step('fix', { needs: ['rc'] }),
    step('gate', { kind: 'gate', needs: ['rc', 'fix'], check: { layers: ['e2e'], rcE2e: true } }),
  );

  it('the check passes, fails or waits as the RC E2E run for the manifest does, and shows what it found', () => {
    expect(evaluate({ playbook: pb, rcE2e: passed }).get('rc')).toMatchObject({
      state: 'done',
      evidence: ['build 7 passed, tested api 1.5.0-rc2'],
    });
    expect(evaluate({ playbook: pb, rcE2e: failed }).get('rc')).toMatchObject({
      state: 'failed',
      reasons: ['build 8 failed, tested api 1.5.0-rc3'],
    });
    expect(evaluate({ playbook: pb, rcE2e: waiting }).get('rc')).toMatchObject({
      state: 'waiting',
      reasons: ['no run for api 1.5.0-rc3 yet'],
    });
    expect(evaluate({ playbook: pb, rcE2e: { ...waiting, undecided: true } }).get('rc')!.undecided).toBe(true);
  });

  it('an RC E2E accepted for an earlier RC does not open the gate: it needs the run for the manifest’s versions now', () => {
    // "fix" was completed while rc2's run passed; the manifest now names rc3, whose run has not passed.
    const accepted = [{ step: 'rc', evidence: [], found: ['build 7 passed, tested api 1.5.0-rc2'] }];
    const steps = { fix: { ...done(), accepted } };
    const views = evaluate({ playbook: pb, steps, policy, rcE2e: waiting });
    expect(views.get('rc')!.state).toBe('done'); // frozen: it passed when "fix" was done
    expect(views.get('gate')!.gate).toMatchObject({ verdict: 'pending', done: false });
    expect(views.get('gate')!.reasons).toContain('RC E2E: no run for api 1.5.0-rc3 yet');
    expect(evaluate({ playbook: pb, steps, policy, rcE2e: failed }).get('gate')!.gate!.verdict).toBe('fail');
    expect(evaluate({ playbook: pb, steps, policy, rcE2e: passed }).get('gate')!.gate!.verdict).toBe('pass');
  });

  it('an approval given while the run passed stands (it recorded what it saw)', () => {
    const steps = { fix: done() };
    const gates = {
      gate: { approvals: [{ by: 'lead', at: NOW, evidence: [{ layer: 'e2e', component: null, state: 'passed' }] }], waivers: [] },
    };
    const views = evaluate({ playbook: pb, steps, policy, gates, rcE2e: waiting });
    expect(views.get('gate')!.state).toBe('done');
  });
});
