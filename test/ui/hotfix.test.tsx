import { describe, expect, it } from 'vitest';
import { hotfixStream } from '../../src/domain/events.js';
import { HOUR } from '../../src/domain/time.js';
import { selectNotices, selectOpenHotfixes } from '../../src/store/selectors.js';
import { flatSteps } from '../../src/store/view.js';
import { DEMO_NOW } from '../helpers/demo-session.js';
import { KEYS, mount, SLOW_WORLD_MS, until } from '../helpers/ui.js';

type Mounted = Awaited<ReturnType<typeof mount>>;
/** One keypress each: a run of DEL bytes in one write reads as text, not as keys. */
const backspaces = (n: number): string[] => Array.from({ length: n }, () => '\u007f');

/** The demo hotfix's steps as the screen lists them (the most urgent hotfix comes first). */
const demoSteps = ({ session }: Mounted) => {
  const view = selectOpenHotfixes(session.store.getState()).find((h) => h.hotfix.key === 'HYPERFLEET-901')!;
  return flatSteps(view.phases);
};
const stateOf = (mounted: Mounted, id: string) => demoSteps(mounted).find((s) => s.step.id === id)?.state;
const stepOf = (mounted: Mounted, id: string) => demoSteps(mounted).find((s) => s.step.id === id)!;

async function select(mounted: Mounted, id: string): Promise<void> {
  const index = demoSteps(mounted).findIndex((s) => s.step.id === id);
  await mounted.press('g', 'j'.repeat(index));
  expect(mounted.session.store.getState().cursor.hotfix).toBe(index);
}

/** `>` on the Hotfix screen plays the hotfix's next real-world event, then refreshes. */
async function nextEvent(mounted: Mounted, title: string): Promise<void> {
  await mounted.press('>');
  await until(() => mounted.frame().includes(`Demo: ${title}`), SLOW_WORLD_MS);
}

async function sendNotice(mounted: Mounted, key: string): Promise<void> {
  const notices = selectNotices(mounted.session.store.getState());
  const index = notices.findIndex((n) => n.key === key);
  await mounted.press('5', 'g', 'j'.repeat(index), 's');
  // Each notice posts to its own channel: the patch notice where the runbook posts it (release-runbook.md §3).
  const channel = key.endsWith('/patch-release') ? '#hyperfleet-e2e-status' : '#hyperfleet-releases';
  expect(notices[index]!.template.channel).toBe(channel);
  await until(() => mounted.frame().includes(`to ${channel}, for ROSA and GCP?`));
  await mounted.press('y');
  await until(() => selectNotices(mounted.session.store.getState()).find((n) => n.key === key)?.record?.sent !== undefined, SLOW_WORLD_MS);
  await mounted.press('3');
}

describe('hotfix screen', () => {
  it('shows the fix on both branches from live PRs, the clock, and the runbook', async () => {
    const { press, frame } = await mount();
    await press('3');
    const f = frame();
    expect(f).toMatch(/HYPERFLEET-901 · Blocker · hyperfleet-adapter v0.3.1 · Adapter stops reporting.*13h left/);
    expect(f).toContain('Fix: main ✓ #212 · release-0.3: no PR yet');
    expect(f).toMatch(/✓ +Fix PR with tests merged on main \[check\] +passed on live status/);
    expect(f).toMatch(/… +Cherry-pick merged on release-0.3 \[check\]/);
  });

  it('in a form, ← → choose among fixed answers, and the footer names the form’s keys, not the screen’s', async () => {
    const { press, frame, session } = await mount();
    await press('3', 'n');
    const footer = () => frame().split('\n').at(-1)!;
    expect(footer()).toContain('Tab next field');
    expect(footer()).toContain('Esc cancel');
    expect(footer()).not.toContain('new hotfix');
    await press(KEYS.tab);
    expect(footer()).toContain('→ next answer');
    expect(frame()).toContain('← → Blocker, Critical, Major');
    const severity = () => session.store.getState().form!.fields[1]!.value;
    await press(KEYS.right);
    expect(severity()).toBe('Critical');
    await press(KEYS.left, KEYS.left);
    expect(severity()).toBe('Major'); // wraps round
    await press(KEYS.tab, KEYS.right);
    expect(session.store.getState().form!.fields[2]!.value).toBe('hyperfleet-sentinel');
    await press(KEYS.escape);
    expect(session.store.getState().form).toBeNull();
    expect(footer()).toContain('n new hotfix');
  });

  it('keys that arrive in one chunk with the key that opens a form are typed into it, not run as commands', async () => {
    const { press, session } = await mount();
    await press('3');
    await press('nHF-7\tx'); // as tmux or a paste delivers them: one write
    const form = session.store.getState().form!;
    expect(form.fields.map((f) => f.value).slice(0, 2)).toEqual(['HF-7', 'Blockerx']);
    expect(session.store.getState().screen).toBe('hotfix'); // the Tab moved a field, not the screen
  });

  it('n opens a hotfix from a form; the most urgent is listed first; the clock counts down', async () => {
    let now = DEMO_NOW;
    const mounted = await mount(false, () => now);
    const { press, frame, session } = mounted;
    await press('3', 'n');
    expect(frame()).toContain('Open a hotfix: its SLA clock starts at the report time');
    // Key, then keep Blocker, change the component, affected release, summary; reported "now".
    await press('hyperfleet-950', KEYS.tab, KEYS.tab, ...backspaces(20), 'hyperfleet-api', KEYS.tab, 'v0.3.1', KEYS.tab);
    await press('Nodes <!here> lose labels', KEYS.tab, KEYS.enter);
    await until(() => frame().includes('Opened HYPERFLEET-950 (Blocker): patch due 2026-11-19 10:00 UTC'));
    expect((await session.journal.read(hotfixStream('HYPERFLEET-950'), session.store.getState().now)).events[0]).toMatchObject({
      type: 'hotfix-opened',
      key: 'HYPERFLEET-950',
      severity: 'Blocker',
      component: 'hyperfleet-api',
      reportedAt: DEMO_NOW,
      actor: 'rh-amarin',
    });
    // 901 was reported 11 h ago: its deadline comes first, on screen and in the header.
    expect(selectOpenHotfixes(session.store.getState()).map((h) => h.hotfix.key)).toEqual(['HYPERFLEET-901', 'HYPERFLEET-950']);
    await press('G'); // the list scrolls to the second hotfix's steps
    expect(frame()).toMatch(/HYPERFLEET-950 · Blocker · hyperfleet-api v0.3.1 · Nodes <!here> lose labels +1d left/);
    expect(frame()).toContain('2 HOTFIXES HYPERFLEET-901 13h left · HYPERFLEET-950 1d left');

    now += 2 * HOUR;
    session.store.setState({ now }); // what the app's one-second tick does
    await until(() => frame().includes('HYPERFLEET-901 11h left'));

    // A severity change is recorded and re-bases the deadline on the report time.
    await press('e', ...backspaces(10), 'Major', KEYS.tab, KEYS.tab, 'only one customer', KEYS.enter);
    await until(() => frame().includes('HYPERFLEET-950 is Major now: patch due 2026-11-20 10:00 UTC'));
  });

  it('a newcomer follows the demo hotfix to the partner notice in the real order: cherry-pick, patch tag, image, smoke test, handoff, sign-off on that image, manifest, notice', async () => {
    const mounted = await mount();
    const { press, frame, session } = mounted;
    await press('3');

    await nextEvent(mounted, 'the cherry-pick of #212 onto release-0.3 was opened as #215 (CI running, review required)');
    await until(() => frame().includes('release-0.3: #215 open: CI running, review required'), SLOW_WORLD_MS);
    await nextEvent(mounted, '#215 passed CI, was approved, and merged into release-0.3');
    await until(() => stateOf(mounted, 'cherry-pick') === 'done', SLOW_WORLD_MS);
    expect(frame()).toContain('Fix: main ✓ #212 · release-0.3 ✓ #215');

    // No RC: the patch tag follows the cherry-pick, and its image is what the smoke test and QE see.
    await nextEvent(mounted, 'v0.3.2 was tagged on release-0.3 of hyperfleet-adapter; Konflux is building it');
    await until(() => stateOf(mounted, 'patch-tag') === 'done', SLOW_WORLD_MS);
    // Konflux's on-tag build runs: the image step says so, with the PipelineRun's link, until the image is pushed.
    await until(
      () =>
        demoSteps(mounted)
          .find((s) => s.step.id === 'patch-image')
          ?.reasons.some((r) =>
            /hyperfleet-adapter:0\.3\.2: not in the registry yet; Konflux is building v0\.3\.2: https:\/\/konflux\.example\//.test(r),
          ) === true,
      SLOW_WORLD_MS,
    );
    await nextEvent(mounted, 'the hyperfleet-adapter 0.3.2 image was built and pushed');
    await until(() => stateOf(mounted, 'patch-image') === 'done', SLOW_WORLD_MS);
    expect(stateOf(mounted, 'qe-signoff')).not.toBe('done');

    // QE waits for the handoff: the demo says what comes first.
    await nextEvent(mounted, 'not yet — QE signs off once the handoff is sent');

    for (const id of ['build-verification', 'attest-scope']) {
      await select(mounted, id);
      await press(' ', KEYS.enter);
      await until(() => stateOf(mounted, id) === 'done');
    }

    // H: the handoff package, its what-to-test typed over it, then saved to a file.
    await press('H');
    await until(() => frame().includes('# QE handoff: HYPERFLEET-901 (Blocker)'));
    // The handoff names the patch image QE validates, which exists by now.
    expect(session.controller.hotfixes.handoff('HYPERFLEET-901')).toMatch(/\*\*Image:\*\* `[^`]*hyperfleet-adapter:0\.3\.2` — digest/);
    await press('e', KEYS.tab, 'Cluster status after an API pod restart', KEYS.tab, 'GCP: not affected', KEYS.enter);
    await until(() => frame().includes('HYPERFLEET-901: QE handoff'));
    await press('G');
    await until(() => frame().includes('Cluster status after an API pod restart'));
    await press('w');
    await until(() => frame().includes('Saved the QE handoff to'));
    await press(KEYS.escape);

    await sendNotice(mounted, 'HYPERFLEET-901/qe-handoff');
    await until(() => stateOf(mounted, 'qe-handoff') === 'done');

    await nextEvent(mounted, 'QE validated the hyperfleet-adapter 0.3.2 image and signed off');
    await until(() => stateOf(mounted, 'qe-signoff') === 'done', SLOW_WORLD_MS);

    // The manifest check reads release-0.3's RELEASE_MANIFEST.yaml against the v0.3.1 release tag's.
    expect(stepOf(mounted, 'manifest-bump').reasons).toEqual(['hyperfleet-adapter: v0.3.1 on release-0.3, not the patch v0.3.2 yet']);
    await nextEvent(mounted, 'the manifest on release-0.3 bumped hyperfleet-adapter to v0.3.2, and nothing else');
    await until(() => stateOf(mounted, 'manifest-bump') === 'done', SLOW_WORLD_MS);
    expect(stepOf(mounted, 'manifest-bump').evidence).toEqual([
      'hyperfleet-adapter: v0.3.2 on release-0.3 (was v0.3.1 at tag release-0.3.1)',
      'the 2 other components as at tag release-0.3.1',
    ]);
    await nextEvent(mounted, 'release-0.3.2 was tagged in the release repository');
    await until(() => stateOf(mounted, 'release-tag') === 'done', SLOW_WORLD_MS);

    // The partner notice is due within 2 h of the patch tag, and carries the fix PRs.
    const partner = demoSteps(mounted).find((s) => s.step.id === 'partner-notice')!;
    expect(partner.dueAt).toBe(DEMO_NOW - 60_000 + 2 * HOUR);
    await sendNotice(mounted, 'HYPERFLEET-901/patch-release');
    await until(() => demoSteps(mounted).every((s) => s.state === 'done'), SLOW_WORLD_MS);

    // t: the timeline, with the SLA kept.
    await select(mounted, 'confirm-severity');
    await press('t');
    await until(() => frame().includes('HYPERFLEET-901: timeline'));
    await press('G');
    await until(() => frame().includes('Posted: Notify partners of the patch release'));
    await press(KEYS.escape);
    const timeline = session.controller.hotfixes.timeline('HYPERFLEET-901')!;
    expect(timeline.slas[0]).toMatchObject({
      what: 'Patch released within 1 working day (Blocker)',
      state: 'met',
      doneAt: DEMO_NOW - 60_000,
    });
    const kept = Object.fromEntries(timeline.slas.map((s) => [s.what, s.state]));
    expect(kept).toMatchObject({
      'Notify partners of the patch release': 'met',
      'Post the hotfix alert': 'met',
      // The demo's severity was confirmed 1 h 30 min after the report: the timeline says so.
      'Confirm severity and affected component': 'missed',
    });

    await press('x', KEYS.enter);
    await until(() => frame().includes('Closed HYPERFLEET-901.'));
    expect(frame()).toContain('No open hotfixes. n opens one.');
    expect(session.store.getState().hotfixes[0]?.closedAt).toBe(DEMO_NOW);
  }, 120_000);
});

describe('the scope guard', () => {
  it('a flagged fix PR makes the attestation ask for a note; with one, it is recorded', async () => {
    const mounted = await mount();
    const { session } = mounted;
    const state = session.store.getState();
    const adapter = state.config.components.find((c) => c.name === 'hyperfleet-adapter')!.repo;
    const repos = state.snapshot!.repos!.map((r) =>
      r.repo !== adapter
        ? r
        : {
            ...r,
            pullRequests: r.pullRequests!.map((pr) => (pr.number === 212 ? { ...pr, title: `feat: ${pr.title}`, changedFiles: 40 } : pr)),
          },
    );
    session.store.setState({ snapshot: { ...state.snapshot!, repos } });
    const hotfix = session.store.getState().hotfixes[0]!;
    expect(await session.controller.toggleTask({ kind: 'hotfix', hotfix }, 'attest-scope')).toEqual({
      kind: 'refused',
      reason:
        'Scope guard: #212 its title says feat:; #212 it touches 40 files (more than 20) — say in the note why it is still a patch to existing function.',
      field: 'note',
    });
    expect(session.store.getState().hotfixes[0]!.steps['attest-scope']).toBeUndefined();
    await session.controller.toggleTask({ kind: 'hotfix', hotfix }, 'attest-scope', 'fixes the watch only; the title is wrong');
    expect(session.store.getState().hotfixes[0]!.steps['attest-scope']).toMatchObject({
      by: 'rh-amarin',
      note: 'fixes the watch only; the title is wrong',
    });
  });
});
