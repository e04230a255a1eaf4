import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeEvent } from '../../src/journal/codec.js';
import { configCopy, removeCopies, replaceOnce } from '../helpers/config-copy.js';
import { runCli } from '../helpers/run-cli.js';

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

describe('hyperfleet-tui command line', () => {
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
    expect(run.stdout).toMatch(/HYPERFLEET-901 Blocker hyperfleet-adapter v0\.3\.1 — 1d [23]h left/);
    expect(run.stdout).not.toContain(ESC);
    expect(run.stderr).toBe('');
  });

  it('without a journal or --release it says how to start, exit 2', () => {
    const dir = stateDir();
    const run = runCli([], { HYPERFLEET_STATE_DIR: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hyperfleet-tui: no release journal in ${dir}; name one with --release vX.Y.Z, or try --demo\n`);
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
