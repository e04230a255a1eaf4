import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseStream, type JournalEvent } from '../../src/domain/events.js';
import { DAY } from '../../src/domain/time.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('notify --list', () => {
  it('lists every notice of the demo release and hotfix: key, due time, state; the four contract ones marked', () => {
    const run = runCli(['notify', '--list', '--json', '--demo']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{
      key: string;
      contract: boolean;
      due: string | null;
      state: string;
      permalink: string | null;
    }>;
    const contract = rows.filter((r) => r.contract).map((r) => r.key);
    expect(contract.sort()).toEqual([
      'HYPERFLEET-901/patch-release',
      'v0.4.0/breaking-change',
      'v0.4.0/ga-published',
      'v0.4.0/rc-available',
    ]);
    const rc = rows.find((r) => r.key === 'v0.4.0/rc-available')!;
    expect(rc).toMatchObject({ state: 'sent', permalink: expect.stringMatching(/^https:\/\/hyperfleet\.slack\.example\/archives\//) });
    expect(rc.due).toMatch(/T23:59:59\.000Z$/); // RC cut day: the end of the day the rc1 tags were made
    expect(rows.find((r) => r.key === 'v0.4.0/code-freeze')).toMatchObject({ state: 'ready' });
    expect(rows.find((r) => r.key === 'v0.4.0/ga-published')).toMatchObject({ state: 'blocked' });
  });
});

describe('notify KIND', () => {
  it('--dry-run prints the exact chat.postMessage payload and sends nothing', () => {
    const run = runCli(['notify', 'code-freeze', '--demo', '--dry-run', '--set', 'note=Fixes only <!channel> @here']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/dry run \(--dry-run\).*nothing was posted or recorded/);
    const payload = JSON.parse(run.stdout);
    expect(payload).toMatchObject({
      channel: '#hyperfleet-releases',
      link_names: false,
      metadata: { event_payload: { key: 'v0.4.0/code-freeze' } },
    });
    expect(JSON.stringify(payload.blocks)).toContain('Fixes only &lt;!channel&gt; @here');
  });

  it('posts in the demo, to the fake Slack, and prints the ts and permalink', () => {
    const run = runCli(['notify', 'code-freeze', '--demo']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^v0\.4\.0\/code-freeze posted \(ts \d+\.\d+\) https:\/\/hyperfleet\.slack\.example\//);
    expect(run.code).toBe(0);
  });

  it('a notice already sent is not edited without --edit: it says when it was sent and where (exit 1)', () => {
    const run = runCli(['notify', 'rc-available', '--demo', '--set', 'highlights=Late news']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^hyperfleet-tui: v0\.4\.0\/rc-available was sent \d{4}-\d\d-\d\d \d\d:\d\d UTC by @\S+ \(https:\/\/hyperfleet\.slack\.example\/archives\/\S+\); nothing was changed\. To edit that message in place, run again with --edit\n$/,
    );
  });

  it('--edit edits a sent notice in place', () => {
    const run = runCli(['notify', 'rc-available', '--demo', '--edit', '--set', 'highlights=Late news']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^v0\.4\.0\/rc-available edited in place \(ts \d+\.\d+\) https:\/\/hyperfleet\.slack\.example\//);
    expect(run.code).toBe(0);
  });

  it('--help documents --edit', () => {
    expect(runCli(['--help']).stdout).toMatch(/--edit +notify: edit the message of a notice already sent/);
  });

  it('a notice whose steps are not done is refused with what it waits for (exit 1)', () => {
    const run = runCli(['notify', 'ga-published', '--demo']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^hyperfleet-tui: Not sent: "GA release published" waits for "GitHub Release "HyperFleet Release 0\.4" with notes and compatibility matrix"/,
    );
  });

  it.each([
    [['notify', 'rc-avialable', '--demo'], /no notice "rc-avialable"; notices are breaking-change, readiness-review/],
    [['notify', 'code-freeze', '--demo', '--set', 'colour=red'], /notice code-freeze has no field colour; its fields: note/],
    [['notify', 'code-freeze', '--demo', '--set', 'note'], /--set expects FIELD=TEXT, got "note"/],
    [['notify', '--demo'], /notify needs a notice kind/],
    [['status', '--dry-run', '--demo'], /--dry-run goes with the notify command/],
    [['status', '--edit', '--demo'], /--edit goes with the notify command/],
    [['notify', '--list', '--edit', '--demo'], /notify --list takes no --edit/],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('without SLACK_BOT_TOKEN it runs dry on a real journal: the payload, no journal line, no network to Slack', async () => {
    const state = mkdtempSync(join(tmpdir(), 'hf-state-'));
    dirs.push(state);
    const now = Date.now();
    const event = (body: object, at: number) => ({ id: randomUUID(), at, actor: 'rh-amarin', ...body }) as JournalEvent;
    await new FileJournalStore(state).append(
      releaseStream('v0.4.0'),
      event({ type: 'release-planned', release: 'v0.4.0', milestones: { 'code-freeze': now + DAY, ga: now + 2 * DAY } }, now - 10 * DAY),
      event({ type: 'step-completed', step: 'cut-branches' }, now - DAY),
    );
    const file = join(state, readdirSync(state)[0]!);
    const before = readFileSync(file, 'utf8');
    const run = runCli(['notify', 'code-freeze', '--release', 'v0.4.0'], { HYPERFLEET_STATE_DIR: state });
    expect(run.stderr).toMatch(/dry run \(SLACK_BOT_TOKEN is not set\)/);
    expect(JSON.parse(run.stdout).metadata.event_payload.key).toBe('v0.4.0/code-freeze');
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
