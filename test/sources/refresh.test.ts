import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Controller } from '../../src/app/controller.js';
import { renderSummary } from '../../src/cli/summary.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import type { Fault } from '../../src/fakes/http.js';
import { FakeProw } from '../../src/fakes/prow/server.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { GitHubSource } from '../../src/sources/github/github-source.js';
import { ProwSource } from '../../src/sources/prow/prow-source.js';
import { createAppStore } from '../../src/store/app-store.js';
import { selectLayerEvaluations } from '../../src/store/selectors.js';
import { configWithComponents, greenWorld, repo, status, T0 } from '../helpers/fake-world.js';

const config = configWithComponents(2);
let github: FakeGitHub;
let prow: FakeProw;
let now = T0;

beforeEach(() => {
  now = T0;
  github = new FakeGitHub(greenWorld(config), () => now);
  prow = new FakeProw(greenWorld(config), () => now);
});
afterEach(async () => Promise.all([github.stop(), prow.stop()]));

async function app() {
  const [githubUrl, prowUrl] = await Promise.all([github.start(), prow.start()]);
  const store = createAppStore({ config, release: 'v0.4.0', journalPlace: '-', now, sourceNames: ['github', 'prow'] });
  const sources = [
    new GitHubSource({ config, baseUrl: githubUrl, token: 't', releaseBranch: 'release-0.4', timeoutMs: 1000 }),
    new ProwSource({ config, baseUrl: prowUrl, timeoutMs: 1000 }),
  ];
  const controller = new Controller({
    store,
    journal: new FileJournalStore('/nonexistent'),
    sources,
    clock: () => now,
    newId: () => 'id',
    random: () => 0.5,
  });
  return { store, controller };
}

describe('refresh against the fakes', () => {
  it.each<Fault>(['500', '502', 'timeout', '429', 'secondary-rate-limit', 'malformed-json'])(
    'GitHub fault %s: keeps the last good data, marks it stale with the reason, recovers when the fault clears',
    async (fault) => {
      const { store, controller } = await app();
      await controller.refresh();
      const good = store.getState().snapshot!.results.filter((r) => r.source === 'github');
      expect(good.length).toBeGreaterThan(0);

      now += 60_000;
      github.fail(fault);
      await controller.refresh();
      const stale = store.getState();
      expect(stale.snapshot!.results.filter((r) => r.source === 'github')).toEqual(good);
      const health = stale.snapshot!.sources.find((s) => s.source === 'github')!;
      expect(health).toMatchObject({ ok: false, lastSuccessAt: T0 });
      expect(health.error).toMatch(/GitHub/);
      expect(stale.schedules.github!.failures).toBe(1);
      expect(renderSummary(stale)).toMatch(/STALE github: .*GitHub/);

      // The poller waits out the backoff (and any Retry-After), then recovers on its own.
      now = stale.schedules.github!.nextAt;
      await controller.refresh(false);
      const recovered = store.getState();
      expect(recovered.snapshot!.sources.find((s) => s.source === 'github')).toMatchObject({ ok: true, lastSuccessAt: now });
      expect(recovered.schedules.github!.failures).toBe(0);
    },
  );

  it("GitHub failing since start: its layers are unknown (never failed), Prow's are judged, and the answer settles them", async () => {
    github.fail('500');
    const { store, controller } = await app();
    await controller.refresh();
    const verdicts = () => Object.fromEntries(selectLayerEvaluations(store.getState()).map((e) => [e.layer.id, e]));
    const blind = verdicts().unit!;
    expect(blind.verdict).toBe('pending');
    expect(blind.cells.map((c) => c.state)).toEqual(['unknown', 'unknown']);
    expect(blind.reasons[0]).toMatch(/^c0: unknown \(no answer from GitHub yet: GitHub answered 500/);
    // Prow answered (with no run of the job): that result is missing, and the gate may fail on it.
    expect(verdicts()['e2e-tier0']!.cells.map((c) => c.state)).toEqual(['missing']);
    expect(verdicts()['e2e-tier0']!.verdict).toBe('fail');
    expect(renderSummary(store.getState())).not.toMatch(/c0: missing/);

    now = store.getState().schedules.github!.nextAt;
    await controller.refresh(false);
    expect(verdicts().unit!.verdict).toBe('pass');
  });

  it('never asks a source twice at once: a scheduled refresh during a refresh joins it', async () => {
    const { controller } = await app();
    await Promise.all([controller.refresh(), controller.refresh(false), controller.refresh(false)]);
    expect(github.requestCount).toBe(1);
    expect(prow.requestCount).toBe(1);
  });

  it('`r` during a refresh asks once more after it, however often it is pressed, so the answer is newer than the key', async () => {
    const { controller } = await app();
    await Promise.all([controller.refresh(), controller.refresh(), controller.refresh(), controller.refresh(false)]);
    expect(github.requestCount).toBe(2);
    expect(prow.requestCount).toBe(2);
    await controller.refresh();
    expect(github.requestCount).toBe(3);
  });

  it('the poller leaves a source alone until it is due; `r` asks at once, except when GitHub said to wait', async () => {
    const { controller } = await app();
    await controller.refresh();
    await controller.refresh(false);
    expect(github.requestCount).toBe(1);
    await controller.refresh(true);
    expect(github.requestCount).toBe(2);
    github.fail('secondary-rate-limit');
    await controller.refresh(true);
    await controller.refresh(true);
    expect(github.requestCount).toBe(3);
  });

  it('check names with terminal control sequences never reach the text output raw', async () => {
    const evil = 'ci/prow/unit\u001b]0;owned\u0007\u001b[2J';
    github.world = {
      ...github.world,
      repos: [
        repo('c0', [status('ci/prow/unit', 'SUCCESS'), status(evil, 'FAILURE', T0, { description: 'boom\u001b[31m' })]),
        ...github.world.repos.slice(1),
      ],
    };
    const { store, controller } = await app();
    await controller.refresh();
    const text = renderSummary(store.getState());
    expect(text).toContain('c0: failed (ci/prow/unit: boom)'); // the name and description, stripped of their sequences
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('an answer that leaves a repository out', () => {
  const reason = (repo: string) => `GitHub: Could not resolve to a Repository with the name '${config.github.org}/${repo}'.`;
  const cell = (store: Awaited<ReturnType<typeof app>>['store'], layer: string, component: string) =>
    selectLayerEvaluations(store.getState())
      .find((e) => e.layer.id === layer)!
      .cells.find((c) => c.component === component)!;

  it("keeps that repository's last good results and facts, marked stale with GitHub's message; the rest is fresh", async () => {
    github.world = {
      ...github.world,
      repos: [repo('c0', [status('ci/prow/unit', 'SUCCESS'), status('ci/prow/presubmits-integration', 'FAILURE')]), github.world.repos[1]!],
    };
    const { store, controller } = await app();
    await controller.refresh();
    const before = cell(store, 'integration', 'c0');
    expect(before.state).toBe('failed');

    now += 60_000;
    github.fail('partial-errors'); // the first repository asked for: c0
    await controller.refresh();
    const kept = cell(store, 'integration', 'c0');
    expect(kept).toMatchObject({ state: 'failed', fetchedAt: T0, stale: reason('c0') });
    expect(cell(store, 'unit', 'c0')).toMatchObject({ state: 'passed', stale: reason('c0') });
    expect(cell(store, 'unit', 'c1')).toMatchObject({ state: 'passed', fetchedAt: now });
    expect(cell(store, 'unit', 'c1').stale).toBeUndefined();
    const integration = selectLayerEvaluations(store.getState()).find((e) => e.layer.id === 'integration')!;
    expect(integration.verdict).toBe('fail'); // judged on the last good data, not on "missing"
    const { snapshot } = store.getState();
    expect(snapshot!.repos!.find((r) => r.repo === 'c0')).toMatchObject({ tags: ['v0.4.0-rc1'], stale: reason('c0') });
    expect(snapshot!.repos!.find((r) => r.repo === 'c1')!.stale).toBeUndefined();
    expect(snapshot!.sources.find((s) => s.source === 'github')).toMatchObject({
      ok: true,
      unanswered: [{ repo: 'c0', reason: reason('c0'), lastGoodAt: T0 }],
    });

    // Left out again: still the first good data, still dated from it.
    now += 60_000;
    github.fail('partial-errors');
    await controller.refresh();
    expect(cell(store, 'integration', 'c0')).toMatchObject({ state: 'failed', fetchedAt: T0, stale: reason('c0') });
    expect(store.getState().snapshot!.sources.find((s) => s.source === 'github')!.unanswered).toEqual([
      { repo: 'c0', reason: reason('c0'), lastGoodAt: T0 },
    ]);

    // A good answer replaces it, and the mark goes.
    now += 60_000;
    await controller.refresh();
    expect(cell(store, 'integration', 'c0')).toMatchObject({ state: 'failed', fetchedAt: now });
    expect(cell(store, 'integration', 'c0').stale).toBeUndefined();
    expect(store.getState().snapshot!.repos!.find((r) => r.repo === 'c0')!.stale).toBeUndefined();
    expect(store.getState().snapshot!.sources.find((s) => s.source === 'github')!.unanswered).toBeUndefined();
  });

  it('before its first good answer, its cells are unknown (pending), never missing: the gate is not failed on them', async () => {
    github.failRepository('c1', 'NOT_FOUND');
    const { store, controller } = await app();
    await controller.refresh();
    const unit = selectLayerEvaluations(store.getState()).find((e) => e.layer.id === 'unit')!;
    expect(unit.cells.map((c) => c.state)).toEqual(['passed', 'unknown']);
    expect(unit.verdict).toBe('pending');
    expect(unit.reasons).toEqual([`c1: unknown (no answer for c1 yet: ${reason('c1')})`]);
    expect(store.getState().snapshot!.repos!.map((r) => r.repo)).toEqual(['c0']);
    expect(store.getState().snapshot!.sources.find((s) => s.source === 'github')!.unanswered).toEqual([
      { repo: 'c1', reason: reason('c1') },
    ]);
  });

  it('a source failing outright marks every cell it gave stale with its error, until it answers', async () => {
    const { store, controller } = await app();
    await controller.refresh();
    now += 60_000;
    github.fail('500');
    await controller.refresh();
    expect(cell(store, 'unit', 'c1')).toMatchObject({ state: 'passed', stale: expect.stringMatching(/^GitHub answered 500/) });
    now = store.getState().schedules.github!.nextAt;
    await controller.refresh(false);
    expect(cell(store, 'unit', 'c1').stale).toBeUndefined();
  });
});
