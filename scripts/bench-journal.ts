// A release journal as the app writes one, grown to any length: the bench folds it at 100k and 1M events.
import type { AppConfig, Step, StepKind } from '../src/domain/config.js';
import { allSteps } from '../src/domain/config.js';
import type { AcceptedCheck, EventBody, JournalEvent } from '../src/domain/events.js';

/** Between two events: a long release's journal spans years at 1M events. */
const STEP_MS = 90_000;
const ACTORS = ['rh-amarin', 'hf-qe-owner', 'hf-tech-lead', 'hf-ci-owner'];

/** A UUID-shaped id, as `randomUUID` gives the app, but the same on every run. */
const uuid = (n: number): string => {
  const hex = (n * 2654435761 + 0x9e3779b9).toString(16).padStart(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
};

const stepsOf = (steps: readonly Step[], kind: StepKind): string[] => steps.filter((s) => s.kind === kind).map((s) => s.id);

/** Two nightly runs that passed, as a check step or gate records what it went past. */
const nightlies = (step: string, at: number, n: number): AcceptedCheck[] => [
  {
    step,
    evidence: ['e2e-tier0', 'e2e-tier1'].map((layer) => ({
      layer,
      component: null,
      state: 'passed',
      url: `https://prow.example/view/gs/test-platform-results/logs/periodic-ci-openshift-hyperfleet-hyperfleet-e2e-main-${layer}-nightly/${1_900_000_000 + n}`,
      finishedAt: at - 2 * 3_600_000,
    })),
    found: [],
  },
];

/**
 * `count` events of one release stream, in the proportions a release leaves: per task ticked (an
 * undo every fifth, a reopen every seventh), a gate approval with the evidence it went past and a
 * notice's four or five events (claimed, intended, sent, a late permalink, released) every other
 * time, a check gone past every fourth, a waiver every eleventh. The last is a little before
 * `endAt`. Dated as several people's clocks leave them: up to a minute out of order, so the fold's
 * sort has work to do.
 */
export function releaseJournal(config: AppConfig, count: number, endAt: number): JournalEvent[] {
  const start = endAt - (count + 1) * STEP_MS;
  const steps = allSteps(config.playbooks.release);
  const tasks = stepsOf(steps, 'task');
  const checks = stepsOf(steps, 'check');
  const gates = stepsOf(steps, 'gate');
  const notices = stepsOf(steps, 'notice');
  const events: JournalEvent[] = [];
  let at = start;
  const push = (actor: string, body: EventBody): JournalEvent => {
    const n = events.length;
    at += STEP_MS;
    const event = { id: uuid(n), at: at - ((n * 7919) % 60) * 1000, actor, ...body } as JournalEvent;
    events.push(event);
    return event;
  };
  push(ACTORS[0]!, {
    type: 'release-planned',
    release: 'v0.4.0',
    milestones: { 'feature-freeze': start + 14 * 86_400_000, 'code-freeze': start + 21 * 86_400_000, ga: start + 28 * 86_400_000 },
  });
  for (let round = 0; events.length < count; round += 1) {
    const actor = ACTORS[round % ACTORS.length]!;
    const task = tasks[round % tasks.length]!;
    const notice = notices[round % notices.length]!;
    const key = `v0.4.0/${notice}`;
    const ts = `${Math.floor(at / 1000)}.${String(round % 1_000_000).padStart(6, '0')}`;
    const done = push(actor, { type: 'step-completed', step: task, note: `https://issues.example/browse/HYPERFLEET-${1000 + round}` });
    if (round % 5 === 0) push(actor, { type: 'event-retracted', target: done.id, reason: 'ticked the wrong step' });
    if (round % 7 === 0) push(actor, { type: 'step-reopened', step: task, note: 'the bug query shows a new Major' });
    const check = checks[round % checks.length]!;
    if (round % 4 === 0) push(actor, { type: 'step-completed', step: check, accepted: nightlies(check, at, round) });
    if (round % 2 === 0) {
      push(actor, {
        type: 'gate-approved',
        step: gates[round % gates.length]!,
        comment: 'Go: tier0 and tier1 green on the RC',
        accepted: nightlies('nightly-green', at, round),
      });
    }
    if (round % 11 === 0) {
      push(actor, {
        type: 'gate-waived',
        step: gates[round % gates.length]!,
        layer: 'gcp',
        tracking: 'GCP-334',
        reason: 'GCP integration is not published yet',
        mitigation: 'ROSA integration covers the same API paths',
      });
    }
    if (round % 2 === 1) continue;
    const claim = push(actor, { type: 'notice-claimed', step: notice, key, pid: 40_000 + (round % 20_000), host: 'rm-laptop' });
    push(actor, { type: 'notice-intended', step: notice, key, fields: { highlights: `Round ${round}: adapter status sync reworked` } });
    push(actor, {
      type: 'notice-sent',
      step: notice,
      key,
      channel: 'C0HYPERFLEET',
      ts,
      ...(round % 3 ? {} : { permalink: `https://hyperfleet.slack.example/archives/C0HYPERFLEET/p${ts.replace('.', '')}` }),
    });
    if (round % 3 === 0)
      push(actor, {
        type: 'notice-permalink',
        step: notice,
        key,
        ts,
        permalink: `https://hyperfleet.slack.example/archives/C0HYPERFLEET/p${ts.replace('.', '')}`,
      });
    push(actor, { type: 'notice-released', step: notice, key, claim: claim.id });
  }
  return events.slice(0, count);
}
