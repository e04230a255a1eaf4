import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { checklistSchema, type Checklist } from '../../src/cli/checklist.js';
import { releaseStream } from '../../src/domain/events.js';
import { DAY } from '../../src/domain/time.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { runCli } from '../helpers/run-cli.js';

const SCHEMA_PATH = resolve(import.meta.dirname, '../../docs/checklist.schema.json');
const committedSchema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;

describe('checklist', () => {
  it('the committed JSON schema is the one the code produces (run `npm run schema` after changing it)', () => {
    expect(committedSchema).toEqual(z.toJSONSchema(checklistSchema));
  });

  it('--json for the demo release validates against docs/checklist.schema.json; a failing check makes it exit 1', () => {
    const run = runCli(['checklist', '--demo', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as Checklist;
    const validate = new Ajv2020({ strict: false }).compile(committedSchema);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.for).toEqual({ kind: 'release', key: 'v0.4.0', release: 'v0.4.0' });
    expect(body.failing).toContain('rc-e2e-passed');
    const steps = body.phases.flatMap((p) => p.steps);
    expect(steps).toHaveLength(body.total);
    expect(steps.find((s) => s.id === 'no-open-bugs')).toMatchObject({
      kind: 'task',
      state: 'done',
      owner: { role: 'qe-owner', title: 'QE Owner' },
      doneBy: 'yingzhanredhat',
      note: 'HYPERFLEET board: 0 open Major+',
    });
    // RC E2E is the RC E2E job's run for the manifest's versions, never the nightlies: the demo's
    // run for its manifest failed; an older combination's pass is listed, not counted.
    const rc = steps.find((s) => s.id === 'rc-e2e-passed')!;
    expect(rc.state).toBe('failed');
    expect(rc.reasons.join('\n')).toMatch(/build 1861990 failed/);
    expect(rc.evidence.layers).toEqual([]);
    // The demo's CI Owner is on it: who, since when, until their lease lapses unless renewed.
    expect(rc.claim).toEqual({ by: 'rafabene', since: expect.any(String), until: expect.any(String), takenFrom: null, reason: null });
    expect(Date.parse(rc.claim!.until) - Date.parse(rc.claim!.since)).toBe(25 * 60_000);
    expect(steps.find((s) => s.id === 'no-open-bugs')!.claim).toBeNull();
    const gate = steps.find((s) => s.kind === 'gate' && s.id === 'release-gate')!;
    expect(gate.evidence.gate).toMatchObject({ verdict: 'fail', done: false });
  });

  it('--format md has a table per phase, each row with as many cells as its header', () => {
    const run = runCli(['checklist', '--demo', '--format', 'md']);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('# Checklist: v0.4.0 (17/31 done)');
    expect(lines).toContain('## Preflight (7/7)');
    for (const line of lines.filter((l) => l.startsWith('| '))) expect(line.split(/(?<!\\)\|/).length - 2, line).toBe(8);
  });

  it("--for a hotfix shows its runbook; the text names each step's id, kind and owner", () => {
    const run = runCli(['checklist', '--demo', '--for', 'HYPERFLEET-901']);
    expect(run.stdout).toMatch(/^Checklist: HYPERFLEET-901 — \d+\/\d+ done/);
    expect(run.stdout).toMatch(/\[attest-scope, task, [^\]]+\]/);
    expect(runCli(['checklist', '--demo', '--for', 'HYPERFLEET-1']).stderr).toMatch(/no open hotfix HYPERFLEET-1/);
  });

  it('exits 3 when no source is reachable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-checklist-'));
    try {
      const at = Date.now();
      const planned = {
        id: 'p1',
        at,
        actor: 'rh-amarin',
        type: 'release-planned',
        release: 'v0.5.0',
        milestones: { ga: at + 30 * DAY },
      } as const;
      await new FileJournalStore(dir).append(releaseStream('v0.5.0'), planned);
      const run = runCli(['checklist', '--release', 'v0.5.0'], { HYPERFLEET_STATE_DIR: dir });
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/^Checklist: v0\.5\.0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checklist --help prints its usage; a stray flag is a usage error naming it', () => {
    const help = runCli(['checklist', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('hyperfleet-tui checklist [--release V | --for HOTFIX] [--json | --format md]');
    const bad = runCli(['checklist', '--demo', '--nope']);
    expect(bad).toMatchObject({ code: 2, stderr: "hyperfleet-tui: Unknown option '--nope' (see checklist --help)\n" });
  });
});

describe('tick and untick', () => {
  it('tick records a task as the keys do; a check is refused (exit 1), a task done out of order without a note is a usage error (exit 2)', () => {
    expect(runCli(['tick', 'rc-e2e-passed', '--demo'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'hyperfleet-tui: Not a task, so not ticked by hand: a check is decided by live status.\n',
    });
    expect(runCli(['tick', 'fixes-cherry-picked', '--demo'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/still waits for "RC E2E tier0 and tier1 passed": say in the note why it is done anyway\.\n$/),
    });
    expect(runCli(['tick', 'fixes-cherry-picked', '--demo', '--note', 'cherry-picked before the RC run'])).toMatchObject({
      code: 0,
      stdout: 'Done: Fixes merged on main and cherry-picked to release-0.4\n',
    });
    expect(runCli(['tick', 'nope', '--demo'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no step "nope" in the release checklist/),
    });
  });

  it('untick needs a reason (a usage error without one), and reopens with it', () => {
    expect(runCli(['untick', 'no-open-cves', '--demo'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: Reopening "No open CRITICAL or HIGH CVEs" takes a reason: say why it is not done after all.\n',
    });
    expect(runCli(['untick', 'no-open-cves', '--demo', '--reason', 'scan found CVE-2026-1234'])).toMatchObject({
      code: 0,
      stdout: 'Reopened: No open CRITICAL or HIGH CVEs\n',
    });
  });

  it('--for a hotfix acts on its runbook', () => {
    const run = runCli(['untick', 'confirm-severity', '--demo', '--for', 'HYPERFLEET-901', '--reason', 'customer re-graded it']);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Reopened: /) });
  });
});
