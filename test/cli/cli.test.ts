import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { encodeEvent } from '../../src/journal/codec.js';
import { configCopy, removeCopies, replaceOnce } from '../helpers/config-copy.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld, repo, status } from '../helpers/fake-world.js';
import { BIN, runCli, runCliAsync } from '../helpers/run-cli.js';

const dirs: string[] = [];
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hf-state-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  removeCopies();
});

const ESC = '\u001b';
const SRC = resolve(import.meta.dirname, '../../src');

describe('hyperfleet-tui command line', () => {
  it('--help names every environment variable the app reads for its own settings', () => {
    const help = runCli(['--help']).stdout;
    const source = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => readFileSync(join(SRC, f), 'utf8'))
      .join('\n');
    const read = new Set([...source.matchAll(/env\??\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!));
    // What terminals and CI set about themselves (hyperlink support, Ink's CI mode) is detected, not a setting.
    const detected = [
      'CI',
      'CONTINUOUS_INTEGRATION',
      'DOMTERM',
      'KITTY_WINDOW_ID',
      'KONSOLE_VERSION',
      'TERM',
      'TERM_PROGRAM',
      'TMUX',
      'VTE_VERSION',
      'WT_SESSION',
    ];
    const settings = [...read].filter((name) => !detected.includes(name));
    expect(settings).toContain('SLACK_BOT_TOKEN');
    expect(settings.filter((name) => !help.includes(name))).toEqual([]);
  });

  it('--help prints usage with the exit codes, and exits 0', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage');
    expect(run.stdout).toContain('2 usage or config error');
  });

  it('--version prints the package version', () => {
    const run = runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^hyperfleet-tui \d+\.\d+\.\d+\n$/);
  });

  it.each([
    [['--nope'], /Unknown option '--nope' \(see --help\)/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['--release', 'latest', '--demo'], /--release expects a version like v0.4.0, got "latest"/],
    [['--config'], /--config/],
  ])('%j is a usage error: one line on stderr, exit 2', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('a bad config is one line naming file, line and key; exit 2; no stack trace', () => {
    const path = configCopy('hyperfleet.yaml', replaceOnce('  sprintLength: 3w', '  sprintLength: three weeks'));
    const run = runCli(['--demo', '--config', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^hyperfleet-tui: .*hyperfleet\.yaml:\d+: cadence\.sprintLength: "three weeks" is not a duration; write e\.g\. 30m, 24h, 2d, 1w or "1 working day"\n$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      'a "billion laughs" alias bomb',
      (t: string) =>
        `${t}laughs:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${['b', 'c', 'd', 'e', 'f', 'g']
          .map((to, i) => `  ${to}: &${to} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]\n`)
          .join('')}`,
      /hyperfleet\.yaml:\d+: \*c: more than 100 aliases once expanded/,
    ],
    [
      'a negative SLA',
      replaceOnce('    Blocker: "1 working day"', '    Blocker: -48h'),
      /hyperfleet\.yaml:\d+: hotfix\.sla\.Blocker: "-48h" must be longer than zero/,
    ],
  ])('%s is a config error (exit 2, one line with file:line), not an internal error', (_, edit, message) => {
    const run = runCli(['summary', '--demo', '--config', configCopy('hyperfleet.yaml', edit)]);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.code).toBe(2);
  });

  it('HYPERFLEET_CONFIG points at another config too', () => {
    const run = runCli(['--demo'], { HYPERFLEET_CONFIG: '/nowhere/hyperfleet.yaml' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('hyperfleet-tui: /nowhere/hyperfleet.yaml: file not found; pass --config PATH or set HYPERFLEET_CONFIG\n');
  });

  it('off a terminal, the demo prints a plain-text summary and exits 0', () => {
    const run = runCli(['--demo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('HyperFleet Release 0.4 · v0.4.0 · Stabilisation');
    expect(run.stdout).toContain('✗ E2E tier1          mandatory fail');
    expect(run.stdout).toMatch(/HYPERFLEET-901 Blocker hyperfleet-adapter v0\.3\.1 — (1[0-3]h|\d+d)[ \dhm]* left/);
    // The demo is a team's: its journal is the shared ledger, this machine's outbox beside it.
    expect(run.stdout).toMatch(
      /^Journal: shared on openshift-hyperfleet\/hyperfleet-release@hyperfleet-tui\/ledger, outbox \S+hyperfleet-tui-demo-\S+ \(the demo's, removed on exit\)$/m,
    );
    expect(run.stdout).not.toContain(ESC);
    expect(run.stderr).toBe('');
  });

  it("the sources speak node:http: a headless demo run never loads Node's fetch (undici), a third of its time", () => {
    const probe = join(stateDir(), 'probe.mjs');
    writeFileSync(
      probe,
      `process.on('exit', () => process.stderr.write('undici:' + process.moduleLoadList.some((m) => m.includes('undici')) + '\\n'));`,
    );
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, BIN, 'summary', '--demo'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('✗ E2E tier1          mandatory fail'); // Prow, GitHub and the registry answered
    expect(run.stderr).toBe('undici:false\n');
  });

  it('status --demo prints every layer with its cells and exits 1: a mandatory layer is red', () => {
    const run = runCli(['status', '--demo']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ E2E tier1 +mandatory +fail\n +✗ release: failed, 6h ago — 2 of 48 tests failed: adapter status sync/);
    expect(run.stdout).toContain('source github: ok');
    expect(run.stdout).toMatch(/GitHub budget: \d+\/5000 points, last refresh cost \d+/);
    // Each image beside its Konflux on-tag build, read from its tag's commit.
    expect(run.stdout).toMatch(
      /^✓ rc-image \S+\/hyperfleet-adapter:0\.5\.0-rc1 sha256:\S+ — Konflux build passed: https:\/\/konflux\.example\/\S+\/hyperfleet-adapter-on-tag-\w+$/m,
    );
  });

  it('status --json is machine-readable, with the same verdicts', () => {
    const run = runCli(['status', '--demo', '--json']);
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as {
      viewer: string;
      layers: Array<{ id: string; verdict: string; cells: Array<{ state: string; commit: string | null }> }>;
      artifacts: Array<{ component: string; kind: string; build: { tag: string; state: string; url: string | null } | null }>;
    };
    expect(body.viewer).toBe('rh-amarin');
    // The RC images were built by Konflux from the rc1 tag; the GA tag is not there yet, so neither is its build.
    const adapter = body.artifacts.filter((a) => a.component === 'hyperfleet-adapter' && !('hotfix' in a));
    expect(adapter.map((a) => [a.kind, a.build?.tag ?? null, a.build?.state ?? null])).toEqual([
      ['image', null, null],
      ['chart', null, null],
      ['rc-image', 'v0.5.0-rc1', 'passed'],
    ]);
    expect(body.layers.map((l) => [l.id, l.verdict])).toEqual([
      ['unit', 'pass'],
      ['integration', 'pass'],
      ['e2e-tier0', 'pass'],
      ['e2e-tier1', 'fail'],
      ['e2e-tier2', 'advisory'],
      ['rosa', 'pass'],
      ['gcp', 'advisory'],
    ]);
    expect(body.layers[0]!.cells[0]!.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('status exits 3 when no source can be reached, saying why', () => {
    const dir = stateDir();
    writeFileSync(join(dir, 'release-v0.4.0.jsonl'), '');
    const run = runCli(['status'], { HYPERFLEET_STATE_DIR: dir, GITHUB_TOKEN: 'ghp_notarealtokenbutlongenough1234567890' });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('source github: FAILING — cannot reach GitHub at http://127.0.0.1:2 (ECONNREFUSED)');
    expect(run.stdout).toContain('source prow: FAILING — cannot reach Prow at http://127.0.0.1:2 (ECONNREFUSED)');
    expect(run.stdout + run.stderr).not.toContain('ghp_notarealtoken');
  });

  it('--json belongs to status, gate and notify', () => {
    expect(runCli(['--json', '--demo'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: --json goes with the status, gate, notify and hotfix list commands\n',
    });
  });

  it('gate --demo says why the release gate fails, exit 1; a waiver clears its layer, exit 1 while the RC E2E run for the manifest fails', () => {
    const failing = runCli(['gate', '--demo']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('(release-gate) — FAIL');
    expect(failing.stdout).toContain('why: E2E tier1: failed (2 of 48 tests failed: adapter status sync)');
    expect(failing.stdout).toMatch(/why: RC E2E: .*build 1861990 failed/);
    const waived = runCli(
      [
        'waive',
        'release-gate',
        '--demo',
        '--layer',
        'e2e-tier1',
        '--tracking',
        'HYPERFLEET-950',
        '--reason',
        'known flake',
        '--mitigation',
        'manual run passed',
        '--json',
      ].filter((a) => a !== '--json'),
    );
    // A waiver covers a layer, never the RC E2E run the gate needs for the final RC.
    expect(waived.code).toBe(1);
    expect(waived.stdout).toMatch(
      /waived +E2E tier1 \(mandatory\) — waived by @rh-amarin: HYPERFLEET-950, known flake; mitigation: manual run passed/,
    );
    expect(waived.stdout).toContain('(release-gate) — FAIL');
  });

  it('gate --json is machine-readable', () => {
    const run = runCli(['gate', 'release-gate', '--demo', '--json']);
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as { step: string; verdict: string; done: boolean; layers: Array<{ id: string; verdict: string }> };
    expect(body).toMatchObject({ step: 'release-gate', verdict: 'fail', done: false });
    expect(body.layers.find((l) => l.id === 'e2e-tier1')!.verdict).toBe('fail');
  });

  it('approve refuses a failing gate, and a non-approver, naming who may approve; exit 1', () => {
    const failing = runCli(['approve', 'release-gate', '--demo']);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/^hyperfleet-tui: Cannot approve ".*": the gate is failing/);
    // The release gate owned by the Tech Lead: the demo's viewer (the Release Owner) may not waive it.
    const path = configCopy(
      'playbooks/release.yaml',
      replaceOnce(
        '        owner: release-owner\n        kind: gate\n        needs: [rc-e2e-passed',
        '        owner: tech-lead\n        kind: gate\n        needs: [rc-e2e-passed',
      ),
    );
    const outsider = runCli([
      'waive',
      'release-gate',
      '--demo',
      '--config',
      path,
      '--layer',
      'e2e-tier1',
      '--tracking',
      'X-1',
      '--reason',
      'r',
      '--mitigation',
      'm',
    ]);
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toBe('hyperfleet-tui: Cannot waive: @rh-amarin is not a Tech Lead approver; ask @ciaranroche.\n');
  });

  it('approve --role: a gate signed by several roles takes each role once, and asks which when the login holds two', () => {
    // hyperfleet-release-process.md §1.5 "Final Stakeholder Sign-Off": QE Owner, CI Owner, Tech Lead.
    const path = configCopy('hyperfleet.yaml', (text) =>
      replaceOnce(
        '    approvers: [yingzhanredhat]',
        '    approvers: [yingzhanredhat, rh-amarin]',
      )(replaceOnce('    approvers: [rafabene]', '    approvers: [rafabene, rh-amarin]')(text)),
    );
    const ask = runCli(['approve', 'final-signoff', '--demo', '--config', path]);
    expect(ask).toMatchObject({
      code: 2,
      stderr:
        'hyperfleet-tui: Cannot approve: @rh-amarin may sign as QE Owner or CI Owner: say which role (qe-owner, ci-owner). Name it with --role.\n',
    });
    const signed = runCli(['approve', 'final-signoff', '--demo', '--config', path, '--role', 'ci-owner']);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain('  sign-off: QE Owner: not signed (may sign: @yingzhanredhat, @rh-amarin)');
    expect(signed.stdout).toMatch(/  sign-off: CI Owner: signed by @rh-amarin (just now|\d+s ago)/);
    expect(signed.stdout).toContain('  still to sign: QE Owner, Tech Lead');
    const notHeld = runCli(['approve', 'final-signoff', '--demo', '--config', path, '--role', 'tech-lead']);
    expect(notHeld).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Cannot approve: @rh-amarin is not a Tech Lead approver; ask @ciaranroche.'),
    });
    const outsider = runCli(['approve', 'final-signoff', '--demo']);
    expect(outsider).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'Cannot approve: @rh-amarin is not a QE Owner, CI Owner or Tech Lead approver; ask QE Owner @yingzhanredhat; CI Owner @rafabene; Tech Lead @ciaranroche.',
      ),
    });
    // Nobody has signed in the demo: a gate of signatures alone is not passed by having no layers.
    const unsigned = runCli(['gate', 'final-signoff', '--demo']);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stdout).toMatch(/^Final sign-off: QE Owner, CI Owner, Tech Lead \(final-signoff\) — NOT SIGNED YET\n/);
    const json = JSON.parse(runCli(['gate', 'final-signoff', '--demo', '--json']).stdout) as {
      signoffs: Array<{ role: string; state: string }>;
    };
    expect(json.signoffs.map((s) => `${s.role}:${s.state}`)).toEqual(['qe-owner:none', 'ci-owner:none', 'tech-lead:none']);
  }, 60_000);

  it.each([
    [['approve'], /approve needs the gate step/],
    [['gate', 'final-signoff', '--role', 'qe-owner'], /--role goes with the approve command/],
    [['waive', 'release-gate', '--layer', 'e2e-tier1'], /waive needs --tracking, --reason, --mitigation/],
    [['gate', 'nope', '--demo'], /no gate step "nope" in the release checklist/],
    [
      ['waive', 'release-gate', '--demo', '--layer', 'nope', '--tracking', 'X-1', '--reason', 'r', '--mitigation', 'm'],
      /^hyperfleet-tui: --layer "nope" is not a layer of release-gate; its layers are unit, integration, e2e-tier0, e2e-tier1, rosa, gcp\n$/,
    ],
  ])('%j is a usage error', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('without a journal or --release it says how to start, exit 2', () => {
    const dir = stateDir();
    const run = runCli([], { HYPERFLEET_STATE_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `hyperfleet-tui: no release journal in ${dir}; start one with \`plan --release vX.Y.Z --ga YYYY-MM-DD\`, name one with --release, or try --demo\n`,
    );
    // Named but never planned: shown, with how to give it its deadlines.
    const unplanned = runCli(['summary', '--release', 'v0.5.0'], { HYPERFLEET_STATE_DIR: dir });
    expect(unplanned.stdout.split('\n').slice(0, 2)).toEqual([
      'HyperFleet Release 0.5 · v0.5.0 · Not planned',
      'No deadlines yet: run `plan --release v0.5.0 --ga YYYY-MM-DD`',
    ]);
  });

  it('picks the newest release journal, and strips control sequences from journal text', () => {
    const dir = stateDir();
    const at = Date.parse('2026-11-18T10:00:00Z');
    const evil = `HF-1${ESC}]0;pwned\u0007${ESC}[2J`;
    writeFileSync(join(dir, 'release-v0.3.1.jsonl'), '');
    writeFileSync(
      join(dir, 'release-v0.10.0.jsonl'),
      `${encodeEvent({ id: '1', at, actor: 'a', type: 'release-planned', release: 'v0.10.0', milestones: {} })}\n`,
    );
    writeFileSync(
      join(dir, 'hotfix-HF-1.jsonl'),
      `${encodeEvent({ id: '2', at, actor: 'a', type: 'hotfix-opened', key: evil, severity: 'Major', component: `api${ESC}[31m`, affects: 'v0.3.1', summary: 's', reportedAt: at })}\n{torn`,
    );
    const run = runCli([], { HYPERFLEET_STATE_DIR: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('HyperFleet Release 0.10 · v0.10.0');
    expect(run.stdout).toContain('HF-1 Major api v0.3.1');
    expect(run.stdout).toContain('STALE github: no GitHub token: set GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`');
    expect(run.stdout).toContain('STALE prow: cannot reach Prow at http://127.0.0.1:2 (ECONNREFUSED)');
    expect(run.stdout).toMatch(/hotfix-HF-1\.jsonl:2: last line is incomplete/);
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout).not.toContain('\u0007');
  });
});

describe('handover --demo --preview', () => {
  it('says what failed, who is on what and what is open, and records nothing', () => {
    const preview = runCli(['handover', '--demo', '--preview']);
    expect(preview).toMatchObject({ code: 0, stderr: '' });
    expect(preview.stdout).toMatch(/^# Hand-over · HyperFleet Release 0\.4 \(v0\.4\.0\) · @rh-amarin · /);
    expect(preview.stdout).toMatch(/## Failing\n\n- E2E tier1 failing — /);
    // The demo's CI Owner is on the red RC E2E run (a step claim, renewed while their app runs).
    expect(preview.stdout).toMatch(/## Claimed\n\n- @rafabene is on RC E2E tier0 and tier1 passed, since .* UTC \(1[23] min\)\n/);
    expect(preview.stdout).toMatch(/## Open\n\n- \d+\/\d+ steps done\n- next: /);
    expect(preview.stdout).toContain('## Done since the release began');
  }, 30_000);
});

describe('status and gate when GitHub leaves a repository out', () => {
  const config = bundledConfig();
  const left = 'hyperfleet-sentinel';
  const message = `GitHub: Could not resolve to a Repository with the name '${config.github.org}/${left}'.`;
  let github: FakeGitHub;
  let env: Record<string, string>;
  beforeAll(async () => {
    // The CLI runs on the real clock: checks that passed an hour ago are fresh.
    const anHourAgo = Date.now() - 3600_000;
    const checks = [status('ci/prow/unit', 'SUCCESS', anHourAgo), status('ci/prow/presubmits-integration', 'SUCCESS', anHourAgo)];
    const repos = [
      ...config.components.map((c) => repo(c.repo, checks)),
      ...[config.github.releaseRepo, ...config.supportRepos].map((name) => repo(name, [])),
    ];
    // Main's manifest names this release (no release branch yet): hyperfleet-applier is not part of it.
    const manifest =
      'release: "0.4"\ne2e_ref: main\ncomponents:\n  hyperfleet-api: v0.4.0-dev\n  hyperfleet-sentinel: v0.4.0-dev\n  hyperfleet-adapter: v0.4.0-dev\n';
    const withManifest = repos.map((r) =>
      r.name === config.github.releaseRepo ? { ...r, files: { main: { 'RELEASE_MANIFEST.yaml': manifest } } } : r,
    );
    github = new FakeGitHub({ ...greenWorld(config), repos: withManifest });
    const dir = stateDir();
    writeFileSync(join(dir, 'release-v0.4.0.jsonl'), '');
    env = { HYPERFLEET_STATE_DIR: dir, HYPERFLEET_GITHUB_API: await github.start(), GITHUB_TOKEN: 'test-token-for-the-fake' };
  });
  afterAll(async () => github.stop());

  it("status --json marks exactly that repository's cells with GitHub's message; they are unknown, not missing", async () => {
    github.failRepository(left, 'NOT_FOUND');
    const run = await runCliAsync(['status', '--json'], env);
    const body = JSON.parse(run.stdout) as {
      sources: Array<{ source: string; ok: boolean; unanswered: unknown[] }>;
      layers: Array<{ id: string; verdict: string; cells: Array<{ component: string; state: string; stale: string | null }> }>;
    };
    expect(body.sources.find((s) => s.source === 'github')).toMatchObject({
      ok: true,
      unanswered: [{ repo: left, reason: message, lastGoodAt: null }],
    });
    const unit = body.layers.find((l) => l.id === 'unit')!;
    expect(unit.verdict).toBe('pending');
    expect(unit.cells.map((c) => [c.component, c.state, c.stale])).toEqual([
      ['hyperfleet-api', 'passed', null],
      [left, 'unknown', message],
      ['hyperfleet-adapter', 'passed', null],
    ]);
  });

  it('status and gate say it in words', async () => {
    github.failRepository(left, 'NOT_FOUND', 2);
    const text = await runCliAsync(['status'], env);
    expect(text.stdout).toContain(`source github: PARTIAL — ${message} (no data from it yet)`);
    expect(text.stdout).toContain(`… ${left}: unknown — no answer for ${left} yet: ${message}`);
    const gate = await runCliAsync(['gate'], env);
    expect(gate.stdout).toContain(`stale: ${left} (no data yet) — ${message}`);
    expect(gate.stdout).not.toMatch(new RegExp(`${left}: missing`));
  });
});
