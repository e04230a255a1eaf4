import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/app/session.js';
import { flatSteps, releasePhases } from '../../src/store/view.js';
import { DEMO_NOW } from '../helpers/demo-session.js';
import { KEYS, mount, SLOW_WORLD_MS, tagGaEarly, tick, until } from '../helpers/ui.js';
import { applySourceOutcome } from '../../src/domain/snapshot.js';

const lines = (frame: string) => frame.split('\n');

describe('dashboard', () => {
  it('answers how complete the release is and what needs attention', async () => {
    const { frame } = await mount();
    const f = frame();
    expect(f).toContain('HyperFleet Release 0.4 · v0.4.0 · Stabilisation');
    expect(f).toContain('@rh-amarin');
    expect(f).toMatch(/HOTFIX HYPERFLEET-901 Blocker hyperfleet-adapter 13h left/);
    expect(f).toMatch(/17\/31/);
    expect(f).toContain('✗ RC E2E tier0 and tier1 passed');
    expect(f).toMatch(/✗ E2E tier1 +mandatory failed \(2 of 48 tests failed/);
    expect(f).toMatch(/~ GCP integration +advisory +missing \(not yet published \(GCP-334\)\)/);
    expect(f).toContain('next: Cherry-pick merged on release-0.3');
    expect(f).toContain('? help');
  });

  it('a GA tag made before the release gate was approved is a process violation, on the Dashboard and the Status screen', async () => {
    const { frame, press, session } = await mount();
    expect(frame()).not.toContain('Violation');
    tagGaEarly(session, DEMO_NOW - 2 * 3600_000);
    await until(() => frame().includes('Violation'));
    expect(frame()).toMatch(/Violation +✗ v0\.4\.0 tagged 2026-11-18 08:00 UTC \(hyperfleet-api\) while its gate "All mandatory/);
    await press('4');
    expect(frame()).toContain('✗ Process violation: v0.4.0 tagged 2026-11-18 08:00 UTC (hyperfleet-api) while its gate');
  });
});

describe('code freeze', () => {
  it('a PR merged into a release branch after the freeze with one approval is flagged: Dashboard, Status, and the gate on the Checklist', async () => {
    const { frame, press, session } = await mount();
    expect(frame()).toMatch(/Freeze +⚠ #216 1 approval, needs 2 · 1 of 1 exception flagged \(4 Status\)/);
    await press('4');
    // Both within a day of the demo's 2026-11-18 10:00 UTC: the time alone.
    expect(frame()).toMatch(/Code freeze: 1 exception, 1 flagged · since 14:00 UTC \(gate approval\)/);
    expect(frame()).toContain('⚠ #216 hyperfleet-adapter release-0.5, merged 07:00 UTC by @hf-developer');
    expect(frame()).toContain('  ✗ 1 approval, needs 2');
    await press('2');
    const gate = flatSteps(releasePhases(session.store.getState().config, session.store.getState().releaseState, null, DEMO_NOW))
      .map((v) => v.step.id)
      .indexOf('code-freeze-gate');
    for (let i = 0; i < gate; i += 1) await press('j');
    expect(frame()).toMatch(/Code freeze gate\n✓ done · gate · owner: Release Owner/);
    expect(frame()).toContain('Code freeze: 1 exception, 1 flagged');
    await press(KEYS.enter);
    expect(frame()).toMatch(/justification: Critical: E2E tier1 fails on the adapter status sync/);
    expect(frame()).toMatch(/risk assessment: Only the reconnect path of the status watch changes/);
  });
});

describe('navigation', () => {
  it.each([
    ['2', 'Feature freeze and branch cut'],
    ['3', 'HYPERFLEET-901 · Blocker · hyperfleet-adapter v0.3.1'],
    ['4', 'release-wide'],
    ['5', 'To ROSA and GCP in #hyperfleet-releases'],
    ['6', 'times in UTC'],
  ])('key %s opens its screen', async (key, text) => {
    const { press, frame } = await mount();
    await press(key);
    expect(frame()).toContain(text);
  });

  it('on the Status screen a release-wide layer spans the component columns; a per-component one has a cell each', async () => {
    const { press, frame } = await mount();
    await press('4');
    expect(frame()).toMatch(/E2E tier1 +mandatory +✗ fail +✗ failed 6h · release-wide\s*$/m);
    expect(frame()).toMatch(/Unit +mandatory +✓ pass +✓ passed \S+ +✓ passed \S+ +✓ passed \S+/);
  });

  it('the Log names each step by the title its checklist shows, not by its id', async () => {
    const { press, frame } = await mount();
    await press('6');
    expect(frame()).toContain('Done: Confirm severity and affected component');
    expect(frame()).toContain('Done: Cut release-0.4 in hyperfleet-release');
    expect(frame()).toContain('Approved: Code freeze gate');
    expect(frame()).not.toMatch(/(Done|Approved): (rca|confirm-severity|cut-branches|code-freeze-gate)\b/);
  });

  it('tab and shift-tab cycle through the screens', async () => {
    const { press, session } = await mount();
    await press(KEYS.tab, KEYS.tab);
    expect(session.store.getState().screen).toBe('hotfix');
    await press('\u001b[Z');
    expect(session.store.getState().screen).toBe('checklist');
    await press(KEYS.tab, KEYS.tab, KEYS.tab, KEYS.tab, KEYS.tab);
    expect(session.store.getState().screen).toBe('dashboard');
  });

  it('? opens the help generated from the bindings of the screen and every mode; Esc closes it', async () => {
    const { press, frame } = await mount();
    await press('2', '?');
    expect(frame()).toContain('Keys — Esc or ? closes');
    expect(frame()).toMatch(/space\s+tick \/ untick task \(records\)/);
    expect(frame()).toMatch(/1 2 3 4 5 6\s+go to a screen/);
    await press(' '.repeat(4)); // the help scrolls when it is longer than the screen
    expect(frame()).toMatch(/Esc \? q C-c\s+close the help/);
    await press(KEYS.escape);
    await tick();
    expect(frame()).not.toContain('Keys — Esc');
  });
});

describe('checklist', () => {
  it('arrows and j/k move the selection; the detail pane follows it', async () => {
    const { press, frame, session } = await mount();
    await press('2');
    expect(frame()).toContain('owner: Release Owner');
    await press('j', KEYS.down, 'jk');
    expect(session.store.getState().cursor.checklist).toBe(2);
    const detail = lines(frame()).slice(-7).join('\n');
    expect(detail).toContain('No open Blocker, Critical or Major bugs');
    expect(detail).toContain('done by @yingzhanredhat');
    await press('G');
    expect(session.store.getState().cursor.checklist).toBe(30);
    await press('g', KEYS.up);
    expect(session.store.getState().cursor.checklist).toBe(0);
  });

  it('space ticks a ready task into the journal as the signed-in user, with a note, and unticks it again', async () => {
    const { press, frame, session } = await mount();
    const select = async (stepId: string) => {
      const { config, releaseState, snapshot, now } = session.store.getState();
      const index = flatSteps(releasePhases(config, releaseState, snapshot, now)).findIndex((v) => v.step.id === stepId);
      await press('g', 'j'.repeat(index));
      expect(session.store.getState().cursor.checklist).toBe(index);
    };
    const events = async () => (await session.journal.read('release-v0.4.0', session.store.getState().now)).events;
    await press('2');

    const before = (await events()).length;
    await select('rc-e2e-passed');
    await press(' ');
    expect(frame()).toContain('Not a task, so not ticked by hand: a check is decided by live status.');
    expect(await events()).toHaveLength(before);

    await select('no-open-cves');
    await press(' ');
    // Unticking asks first, in the footer, naming the effect, and takes a reason.
    expect(frame()).toContain("untick 'No open CRITICAL or HIGH CVEs' — reason:");
    await press(KEYS.enter);
    expect(frame()).toContain('✗ reason is needed: why it is not done after all');
    expect(await events()).toHaveLength(before);
    await press('scan found CVE-2026-1234', KEYS.enter);
    await until(() => frame().includes('Reopened: No open CRITICAL or HIGH CVEs'));
    expect((await events()).at(-1)).toMatchObject({
      type: 'step-reopened',
      step: 'no-open-cves',
      note: 'scan found CVE-2026-1234',
      actor: 'rh-amarin',
      at: DEMO_NOW,
    });
    expect(frame()).toMatch(/○!\s+No open CRITICAL or HIGH CVEs/); // reopened, and past its readiness-review deadline

    await press(' ', KEYS.enter);
    await until(() => frame().includes('Done: No open CRITICAL or HIGH CVEs'));
    const ticked = (await events()).at(-1);
    expect(ticked).toMatchObject({ type: 'step-completed', step: 'no-open-cves', actor: 'rh-amarin' });
    expect(ticked).not.toHaveProperty('note');

    // A task whose needs are not done yet takes a reason: done out of order, never by a stray key.
    await select('fixes-cherry-picked');
    await press(' ');
    expect(frame()).toContain("tick 'Fixes merged on main and cherry-picked to release-0.4' out of order — why:");
    expect(frame()).toContain('it still waits for "RC E2E tier0 and tier1 passed"; say why it is done anyway');
    await press(KEYS.enter);
    // Refused at its field: the prompt stays, with why; nothing is recorded.
    expect(frame()).toContain('✗ why is needed: it still waits for "RC E2E tier0 and tier1 passed"');
    expect((await events()).at(-1)).toMatchObject({ step: 'no-open-cves' });
    await press('fix #88 cherry-picked before the RC run', KEYS.enter);
    await until(async () => {
      const last = (await events()).at(-1);
      return (
        last?.type === 'step-completed' && last.step === 'fixes-cherry-picked' && last.note === 'fix #88 cherry-picked before the RC run'
      );
    });
    // Going past the red RC E2E check records the note, never a pass: the check stays red, the
    // count moves by the ticked task alone, and the red item stays in the Dashboard's "Next up".
    expect((await events()).at(-1)).not.toHaveProperty('accepted');
    await until(() => frame().includes('Done: Fixes merged on main'));
    expect(frame()).toMatch(/✗\s+RC E2E tier0 and tier1 passed/);
    await press('1');
    expect(frame()).toMatch(/18\/31/);
    expect(frame()).toContain('✗ RC E2E tier0 and tier1 passed');
  });

  it('a task done while the check it needs passes records what the check passed on', async () => {
    const { press, frame, session } = await mount();
    const phases = () => {
      const { config, releaseState, snapshot, now } = session.store.getState();
      return flatSteps(releasePhases(config, releaseState, snapshot, now));
    };
    // The RC E2E re-run for the manifest passes the check; the fixes task needs that check.
    await press('>');
    await until(() => frame().includes('Demo: the E2E tier1 nightly and the RC E2E were re-run with the fix, and passed.'), SLOW_WORLD_MS);
    await until(() => phases().find((v) => v.step.id === 'rc-e2e-passed')!.state === 'done', SLOW_WORLD_MS);
    await press('2');
    const index = phases().findIndex((v) => v.step.id === 'fixes-cherry-picked');
    const events = async () => (await session.journal.read('release-v0.4.0', session.store.getState().now)).events;
    await press('g', 'j'.repeat(index), ' ');
    await until(() => session.store.getState().form?.kind === 'task');
    await press(KEYS.enter);
    await until(async () => (await events()).at(-1)?.type === 'step-completed');
    expect((await events()).at(-1)).toMatchObject({
      step: 'fixes-cherry-picked',
      accepted: [
        // The RC E2E check has no layers of its own: what it passed on is the run it found.
        { step: 'rc-e2e-passed', evidence: [], found: expect.arrayContaining([expect.stringMatching(/build 1862020 passed/)]) },
      ],
    });
  }, 30_000);
});

describe('layout', () => {
  // The last row is left free: a frame as tall as the terminal, Ink clears and rewrites whole (layout.ts frameHeight).
  it('fits 80×24 with its last row free, and re-lays out on resize', async () => {
    const { frame, resize, press } = await mount();
    await resize(80, 24);
    for (const key of ['1', '2', '3', '4', '5', '6', '?']) {
      await press(key);
      const rows = lines(frame());
      expect(rows.length, `screen ${key}`).toBe(23);
      for (const row of rows) expect(row.length, `screen ${key}: ${row}`).toBeLessThanOrEqual(80);
    }
    await resize(120, 40);
    await press('1');
    expect(lines(frame())).toHaveLength(39);
  });

  it('on a small terminal every row is drawn once: the tabs keep to their row, a screen taller than its body is cut, not drawn over itself', async () => {
    const { frame, resize, press } = await mount();
    for (const [columns, rows] of [
      [20, 6],
      [40, 10],
      [60, 20],
    ] as const) {
      await resize(columns, rows);
      for (const key of ['1', '2', '3', '4', '5', '6', '?']) {
        await press(key);
        const at = `${columns}×${rows} screen ${key}`;
        const shown = lines(frame());
        expect(shown, at).toHaveLength(rows - 1);
        expect(shown[0], at).toMatch(/^HyperFleet Release/);
        expect(shown[1], at).toMatch(/^HOTFIX H/);
        expect(shown[2], at).toMatch(/^ 1 /);
        expect(shown.at(-1), at).toMatch(key === '?' ? /^Esc close the help/ : /q quit$/);
        if (key === '?') await press(KEYS.escape);
      }
    }
    // The Status screen at 60×20 (its table and artifacts not budgeted to the height): its first rows are those of a tall terminal.
    await press('4');
    await resize(60, 60);
    const tall = lines(frame()).slice(3, 18);
    await resize(60, 20);
    expect(lines(frame()).slice(3, 18)).toEqual(tall);
    await resize(40, 10);
    await press('1');
    expect(lines(frame())[3]).toMatch(/^Release +\[/);
  });

  it('without colour, frames carry no colour codes; state stays readable from glyphs and words', async () => {
    const { frame, press } = await mount(false);
    await press('4');
    expect(frame()).not.toMatch(/\u001b\[3[0-9]m/);
    expect(frame()).toContain('✗ fail');
    expect(frame()).toContain('~ advisory');
  });
});

describe('status screen', () => {
  it('Enter shows the raw checks behind a layer; Esc closes', async () => {
    const { press, frame, session } = await mount();
    await press('4');
    const tier1 = session.store.getState().config.layers.findIndex((l) => l.id === 'e2e-tier1');
    await press('j'.repeat(tier1), KEYS.enter);
    await until(() => frame().includes('E2E tier1 · fail · mandatory · owner HyperFleet'));
    expect(frame()).toMatch(/✗ release-wide failed · 6h ago — 2 of 48 tests failed: adapter status sync/);
    // The run link is wrapped, not cut, so it can be copied whole. The branch is cut: it is the
    // release branch's own job, not main's nightly.
    expect(frame().replace(/\n\s*/g, '')).toMatch(
      /http:\/\/127\.0\.0\.1:\d+\/view\/gs\/test-platform-results\/logs\/periodic-ci-openshift-hyperfleet-hyperfleet-e2e-release-0\.4-e2e-tier1-candidate\/1862102/,
    );
    await press(KEYS.escape);
    await until(() => frame().includes('Layer') && frame().includes('Gate'));
  });

  it('/ filters the rows as you type; Enter keeps the filter, Esc in the filter clears it', async () => {
    const { press, frame, session } = await mount();
    await press('4', '/', 'r', 'o', 's', 'a');
    expect(frame()).toContain('/rosa');
    expect(frame()).toContain('ROSA integration');
    expect(frame()).not.toContain('E2E tier0');
    await press('\u007f', '\u007f', '\u007f', '\u007f', 'f', 'a', 'i', 'l', KEYS.enter);
    expect(session.store.getState()).toMatchObject({ filter: 'fail', filtering: false });
    expect(frame()).toContain('E2E tier1');
    expect(frame()).not.toContain('ROSA integration');
    expect(frame()).toContain('(1 shown');
    await press('/', KEYS.escape);
    expect(session.store.getState()).toMatchObject({ filter: '', filtering: false });
    expect(frame()).toContain('ROSA integration');
  });
});

describe('gates', () => {
  async function onReleaseGate(mounted: Awaited<ReturnType<typeof mount>>) {
    const { session, press } = mounted;
    const { config, releaseState, snapshot, now } = session.store.getState();
    const index = flatSteps(releasePhases(config, releaseState, snapshot, now)).findIndex((v) => v.step.id === 'release-gate');
    await press('2', 'g', 'j'.repeat(index));
  }
  const events = async (session: Session) => (await session.journal.read('release-v0.4.0', session.store.getState().now)).events;

  it('a failing gate cannot be approved; a waiver with its tracking issue clears it; then the approval records the evidence', async () => {
    const mounted = await mount();
    const { press, frame, session } = mounted;
    await onReleaseGate(mounted);
    await press('a'); // refused at once: no comment is typed for an approval that cannot count
    await until(() => frame().includes('Cannot approve'));
    expect(frame()).toMatch(/the gate is failing/);
    expect(session.store.getState().form).toBeNull();

    await press('w');
    expect(frame()).toContain('Waive a layer of: All mandatory test layers pass');
    expect(frame()).toContain('← → e2e-tier1');
    await press(KEYS.tab, 'HYPERFLEET-950', KEYS.tab, 'known flake in adapter status sync', KEYS.tab, 'manual E2E run passed', KEYS.enter);
    await until(() => frame().includes('Waived E2E tier1 (HYPERFLEET-950)'));
    expect((await events(session)).at(-1)).toMatchObject({
      type: 'gate-waived',
      step: 'release-gate',
      layer: 'e2e-tier1',
      tracking: 'HYPERFLEET-950',
      reason: 'known flake in adapter status sync',
      mitigation: 'manual E2E run passed',
      actor: 'rh-amarin',
    });

    // A waiver covers a layer, never the RC E2E run: its run for the manifest's versions failed.
    await press('a');
    await until(() => frame().includes('Cannot approve'));
    expect(frame()).toMatch(
      /the gate is failing \(RC E2E:\s+periodic-ci-openshift-hyperfleet-hyperfleet-e2e-main-rc-e2e-rc-e2e\s+build\s+1861990\s+failed/,
    );
    // It is re-run for those versions, and passes.
    session.store.setState((s) => {
      const failed = s.snapshot!.rcE2eRuns!.find((r) => r.buildId === '1861990')!;
      const rerun = { ...failed, state: 'passed' as const, buildId: '1862020', prowJob: 'rerun', startedAt: DEMO_NOW - 3600_000 };
      return { snapshot: { ...s.snapshot!, rcE2eRuns: [...s.snapshot!.rcE2eRuns!, { ...rerun, finishedAt: DEMO_NOW - 60_000 }] } };
    });
    await press('a', 'ship it', KEYS.enter);
    await until(() => frame().includes('Approved: All mandatory test layers pass on the release commit'));
    const approval = (await events(session)).at(-1)!;
    expect(approval).toMatchObject({ type: 'gate-approved', step: 'release-gate', comment: 'ship it', actor: 'rh-amarin' });
    expect(approval.type === 'gate-approved' && approval.evidence?.find((e) => e.layer === 'e2e-tier1')).toMatchObject({
      state: 'failed',
      component: null,
    });
    const gate = flatSteps(
      releasePhases(session.store.getState().config, session.store.getState().releaseState, session.store.getState().snapshot, DEMO_NOW),
    ).find((v) => v.step.id === 'release-gate')!;
    expect(gate.state).toBe('done');
  });

  it('Esc cancels a form without recording anything', async () => {
    const mounted = await mount();
    await onReleaseGate(mounted);
    const before = (await events(mounted.session)).length;
    await mounted.press('w', 'x', KEYS.escape);
    expect(mounted.session.store.getState().form).toBeNull();
    expect((await events(mounted.session)).length).toBe(before);
  });

  it("without a GitHub login, a key that would record is refused at once with GitHub's reason; no form to type into", async () => {
    const mounted = await mount();
    const { session, press, frame } = mounted;
    const error = 'GitHub rejected the token (401): set GITHUB_TOKEN or GH_TOKEN to a valid token, or run `gh auth login`';
    session.store.setState((s) => ({ viewer: null, snapshot: applySourceOutcome(s.snapshot, 'github', { ok: false, error }, DEMO_NOW) }));
    const reason = `Not signed in (${error}); nothing can be recorded.`;
    for (const keys of [
      ['2', 'g', ' '],
      ['3', 'n'],
      ['3', 'x'],
    ]) {
      await press(...keys);
      expect(session.store.getState().form, keys.join(' ')).toBeNull();
      expect(session.store.getState().flash?.text).toBe(reason);
    }
    await onReleaseGate(mounted);
    await press('a');
    expect(session.store.getState().flash?.text).toMatch(/^Cannot approve: not signed in \(GitHub rejected the token \(401\)/);
    expect(frame()).toContain('Cannot approve: not signed in');
  });

  it('a non-approver is refused, with who may approve', async () => {
    const mounted = await mount();
    const { session, press, frame } = mounted;
    session.store.setState({ viewer: 'intern' });
    await onReleaseGate(mounted);
    await press('w');
    await until(() => frame().includes('Cannot waive: @intern is not a Release Owner approver; ask @rh-amarin'));
    expect(session.store.getState().form).toBeNull();
    await press('a');
    await until(() => frame().includes('Cannot approve: @intern is not a Release Owner approver; ask @rh-amarin'));
    // Sent anyway (as the headless command does), it is refused the same way and nothing is recorded.
    expect(
      await session.controller.waive({ kind: 'release' }, 'release-gate', {
        layer: 'e2e-tier1',
        tracking: 'X-1',
        reason: 'r',
        mitigation: 'm',
      }),
    ).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/^Cannot waive: @intern is not a Release Owner approver/) });
    expect((await events(session)).some((e) => e.type === 'gate-waived')).toBe(false);
  });
});

describe('notices screen', () => {
  it('previews the selected notice, edits a field (escaped), and posts only after an explicit y', async () => {
    const { press, frame, session } = await mount();
    await press('5');
    expect(frame()).toContain('★ Release candidate available');
    expect(frame()).toMatch(/Preview · v0\.4\.0\/breaking-change · sent/);
    const codeFreeze = session.controller.notices.find('v0.4.0/code-freeze')!;
    const index =
      session.store.getState().cursor.notices +
      (await import('../../src/store/selectors.js')).selectNotices(session.store.getState()).indexOf(codeFreeze);
    await press('j'.repeat(index));
    await until(() => frame().includes('Preview · v0.4.0/code-freeze · not sent'));

    await press('e');
    expect(frame()).toContain('Edit: Code freeze');
    for (let i = 0; i < 60; i += 1) await press('\u007f');
    await press('Fixes only <!channel>', KEYS.enter);
    await until(() => frame().includes('Fixes only <!channel>'));
    // The exact payload opens in the pager, scrolled like any long text.
    await press('p');
    await until(() => frame().includes('Fixes only &lt;!channel&gt;'));
    expect(frame()).toContain('the exact chat.postMessage payload');
    await press(KEYS.escape);

    await press('s');
    // Asked in the footer, naming what y does.
    expect(frame()).toContain("Post 'Code freeze (Blocker and Critical fixes only)' to #hyperfleet-releases, for ROSA and GCP?");
    expect(frame()).toMatch(/y posts it +n no: nothing happens/);
    await press('n');
    expect(frame()).not.toContain('y posts');
    expect(session.store.getState().releaseState.notices['code-freeze']).toBeUndefined();

    await press('s', 'y');
    await until(() => session.store.getState().releaseState.notices['code-freeze']?.sent !== undefined, SLOW_WORLD_MS);
    await until(() => /Code freeze \(Blocker and Critical fixes only\) +v0\.4\.0 .*✓ sent/.test(frame()));
  }, 30_000);
});

describe('notices screen: a sent notice', () => {
  it('asks to edit the message sent at its time, and edits it only after y', async () => {
    const { press, frame, session } = await mount();
    await press('5');
    await until(() => frame().includes('Preview · v0.4.0/breaking-change · sent'));
    const sent = session.controller.notices.find('v0.4.0/breaking-change')!.record!.sent!;
    const at = new Date(sent.at).toISOString().slice(0, 16).replace('T', ' ');
    await press('s');
    expect(frame()).toContain(`Edit the message sent at ${at} UTC in #hyperfleet-releases?`);
    expect(frame()).toContain('y updates it in place');
    expect(frame()).not.toContain('y posts');
    await press('n');
    expect(frame()).not.toContain('Edit the message');
    await press('s', 'y');
    await until(() => session.store.getState().flash?.text.startsWith('Edited in Slack: Announce breaking changes'), SLOW_WORLD_MS);
  }, 30_000);
});

describe('the demo walks a release to GA', () => {
  it('a fixed nightly opens the gate, an approval passes it, and the GA tags and images decide their own steps', async () => {
    const mounted = await mount();
    const { press, frame, session } = mounted;
    const step = (id: string) => {
      const s = session.store.getState();
      return flatSteps(releasePhases(s.config, s.releaseState, s.snapshot, s.now)).find((v) => v.step.id === id)!;
    };
    expect(step('release-gate').gate!.verdict).toBe('fail');

    await press('>');
    await until(() => frame().includes('Demo: the E2E tier1 nightly and the RC E2E were re-run with the fix, and passed.'), SLOW_WORLD_MS);
    await until(() => step('release-gate').gate!.verdict === 'pass', SLOW_WORLD_MS);
    // The RC E2E run that counts is the re-run for the manifest's versions; the older combination's pass never did.
    expect(step('rc-e2e-passed').state).toBe('done');
    expect(step('rc-e2e-passed').evidence).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /build 1862020 passed.*\/1862020, tested api 0\.4\.0-rc1, sentinel 0\.3\.2-rc1, adapter 0\.5\.0-rc1, e2e release-0\.4$/,
        ),
        expect.stringMatching(/build 1861950 passed.*: for another combination \(.*adapter 0\.3\.1, e2e release-0\.4\), not counted$/),
      ]),
    );
    // The release gate waits for the final sign-off: QE Owner, CI Owner and Tech Lead, each in their own name.
    expect(step('release-gate').waitsFor).toContain('Final sign-off: QE Owner, CI Owner, Tech Lead');
    for (const role of ['QE Owner', 'CI Owner', 'Tech Lead']) {
      await press('>');
      await until(() => frame().includes(`Demo: the ${role} `), SLOW_WORLD_MS);
    }
    await until(() => step('final-signoff').state === 'done', SLOW_WORLD_MS);
    expect(
      step('final-signoff').gate!.signoffs.map((s) => `${s.title} @${s.approval.state === 'valid' ? s.approval.approval.by : '?'}`),
    ).toEqual(['QE Owner @yingzhanredhat', 'CI Owner @rafabene', 'Tech Lead @ciaranroche']);

    const index = flatSteps(
      releasePhases(session.store.getState().config, session.store.getState().releaseState, session.store.getState().snapshot, DEMO_NOW),
    ).findIndex((v) => v.step.id === 'release-gate');
    await press('2', 'g', 'j'.repeat(index), 'a', 'go for GA', KEYS.enter);
    await until(() => step('release-gate').state === 'done', SLOW_WORLD_MS);
    expect(step('ga-tags').state).toBe('waiting');

    await press('>');
    await until(() => step('ga-tags').state === 'done', SLOW_WORLD_MS);
    // Konflux is building the GA tags: the image step and the Status screen say so.
    expect(step('ga-artifacts').reasons[0]).toMatch(
      /:0\.4\.0: not in the registry yet; Konflux is building v0\.4\.0: https:\/\/konflux\.example\//,
    );
    await press('4');
    await until(() => frame().includes('Images: ✗ api 0.4.0 (building) ✗ sentinel 0.3.2 (building) ✗ adapter 0.5.0 (building)'));
    await press('2', '>');
    await until(() => step('ga-artifacts').state === 'done', SLOW_WORLD_MS);
    // The manifest on release-0.4 still names the RCs: the check waits for it, naming each component.
    expect(step('manifest-ga')).toMatchObject({ state: 'waiting', auto: true });
    expect(step('manifest-ga').reasons[0]).toBe('hyperfleet-api: v0.4.0-rc1, not the GA version v0.4.0 yet');
    await press('>');
    await until(() => step('manifest-ga').state === 'done', SLOW_WORLD_MS);
    expect(step('manifest-ga').evidence).toEqual([
      'hyperfleet-api: v0.4.0 (tag v0.4.0)',
      'hyperfleet-sentinel: v0.3.2 (tag v0.3.2)',
      'hyperfleet-adapter: v0.5.0 (tag v0.5.0)',
    ]);
    expect(step('set-manifest').state).toBe('done'); // the RC check stays done once the manifest moved past its RCs
    expect(step('tag-release').state).toBe('ready');

    // The next key only once the last event's outcome is on screen: pressed sooner, its message
    // would land after the next one's and cover it.
    await until(() => frame().includes('was set to the GA versions'), SLOW_WORLD_MS);
    await press('>');
    await until(() => frame().includes("The demo's release has no more events"), SLOW_WORLD_MS);
  }, 60_000);
});

describe('time as a person reads it', () => {
  it('a task ticked while the clock moved on reads "just now", never as future, and its age keeps moving by the second', async () => {
    let t = DEMO_NOW;
    const { press, frame, session } = await mount(false, () => t);
    await press('2');
    const { config, releaseState, snapshot, now } = session.store.getState();
    const index = flatSteps(releasePhases(config, releaseState, snapshot, now)).findIndex((v) => v.step.id === 'no-open-cves');
    // Reopen it (a reason), then tick it again 40 s later, before the once-a-second tick has run.
    await press('g', 'j'.repeat(index), ' ', 'rescan', KEYS.enter);
    await until(() => frame().includes('Reopened: No open CRITICAL'));
    t += 40_000;
    await press(' ', KEYS.enter);
    await until(() => frame().includes('Done: No open CRITICAL'));
    expect(frame()).toMatch(/No open CRITICAL or HIGH CVEs\s+rh-amarin just now/);
    expect(frame()).not.toMatch(/rh-amarin in \d/);
    for (const seconds of [9, 21]) {
      t += seconds === 9 ? 9_000 : 12_000;
      session.store.setState({ now: t });
      await tick();
      expect(frame()).toMatch(new RegExp(`No open CRITICAL or HIGH CVEs\\s+rh-amarin ${seconds}s ago`));
      expect(frame()).toContain(`done by @rh-amarin ${seconds}s ago`);
    }
    // The step's pager is drawn from the step as it is now, so its ages move too.
    await press(KEYS.enter);
    expect(frame()).toContain('done by @rh-amarin 21s ago');
    t += 10_000;
    session.store.setState({ now: t });
    await tick();
    expect(frame()).toContain('done by @rh-amarin 31s ago');
  });

  it('one deadline reads the same in the header, in "Next up" and on the Notices row, at any second', async () => {
    let t = DEMO_NOW;
    const { press, frame, session } = await mount(false, () => t);
    t += 30_000; // the demo's code freeze is 1d 2h after its start: 1d 1h 59m 30s to go
    session.store.setState({ now: t });
    await tick();
    expect(frame()).toContain('Code freeze in 1d 1h');
    expect(frame()).toMatch(/Code freeze \(Blocker and Critical fixes only\) · due in 1d 1h/);
    expect(lines(frame()).filter((l) => l.includes('Code freeze') && l.includes('1d 2h'))).toEqual([]);
    await press('5');
    expect(frame()).toMatch(/Code freeze \(Blocker and Critical fixes only\).*in 1d 1h/);
  });
});

describe('the first frame, before any source has answered', () => {
  it('may be incomplete but is never wrong: identity "signing in…", unknown checks not counted as failed or overdue', async () => {
    const { frame, session } = await mount(false, DEMO_NOW, { refresh: false });
    const f = frame();
    expect(session.store.getState().snapshot).toBeNull();
    expect(f).toContain('signing in…');
    expect(f).not.toContain('not signed in');
    // 14 are known done (ticked in the journal); the rest of what live data decides is "checking".
    expect(f).toMatch(/14\/31 · \d+ checking · v0\.4\.0 · now: checking…/);
    expect(f).not.toMatch(/overdue/);
    expect(f).not.toContain("Tag each component's first RC");
    await session.controller.refresh();
    await tick();
    expect(frame()).toMatch(/17\/31 v0\.4\.0 · now: RC E2E/);
    expect(frame()).toContain('@rh-amarin');
  });
});

describe('lists that do not fit say so', () => {
  it('the Dashboard at 20 rows, and the Notices list, end with how many rows are not shown', async () => {
    const { frame, resize, press, session } = await mount();
    await resize(80, 20);
    expect(frame()).toMatch(/↓ \d+ more \(4 Status shows them all\)/);
    await resize(80, 16);
    await press('5');
    const notices = (await import('../../src/store/selectors.js')).selectNotices(session.store.getState()).length;
    const rows = lines(frame());
    const shown = rows.slice(
      rows.findIndex((l) => l.startsWith('Notice ')) + 1,
      rows.findIndex((l) => l.startsWith('↓')),
    ).length;
    expect(shown).toBeLessThan(notices);
    expect(frame()).toMatch(new RegExp(`↓ ${notices - shown} more`));
    await press('G');
    expect(frame()).toMatch(/↑ \d+ above/);
  });
});

describe('at 80 columns', () => {
  it('a step keeps its whole title; the who/when column gives way first', async () => {
    const { frame, resize, press } = await mount();
    await resize(80, 24);
    await press('2');
    expect(frame()).toMatch(/Announce breaking changes, one sprint before GA \[notice\] +rh-amarin 3w ago/);
    expect(frame()).toMatch(/No open Blocker, Critical or Major bugs +3d 2[23]h ago/); // the login gave way
    expect(frame()).toContain("Cut release-0.4 in hyperfleet-release and each changed component's branch");
  });
});

describe('the Log', () => {
  it('Enter shows the whole event the row cuts, every field as the journal holds it', async () => {
    const { press, frame } = await mount();
    await press('6', KEYS.enter);
    expect(frame()).toContain('Journal event');
    expect(frame()).toMatch(/"type": "/);
    expect(frame()).toMatch(/"actor": "/);
    await press(KEYS.escape);
    expect(frame()).not.toContain('Journal event');
  });
});
