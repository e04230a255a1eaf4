import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Controller } from '../../src/app/controller.js';
import { releaseStream, type EventBody, type JournalEvent } from '../../src/domain/events.js';
import { DAY, HOUR } from '../../src/domain/time.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { FAKE_SLACK_TOKEN, FakeSlack } from '../../src/fakes/slack/server.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { SlackApi } from '../../src/notify/slack-api.js';
import { createAppStore } from '../../src/store/app-store.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld } from '../helpers/fake-world.js';
import { BIN, CLOSED_PORT_ENV, runCliAsync } from '../helpers/run-cli.js';

/**
 * `notify` as real processes (the built CLI) on one journal against the fake Slack and GitHub:
 * runs that send the same notice at the same moment (the fake's channel search slowed so that
 * both are inside it at once), and a sent notice whose permalink Slack did not hand out.
 */
const RELEASE = 'v0.4.0';
const KEY = `${RELEASE}/code-freeze`;
const NOTIFY = ['notify', 'code-freeze', '--release', RELEASE];
const config = bundledConfig();

let dir: string;
let slack: FakeSlack;
let github: FakeGitHub;
let env: Record<string, string>;

async function planRelease(state: string): Promise<void> {
  const now = Date.now();
  const event = (body: EventBody, at: number) => ({ id: randomUUID(), at, actor: 'rh-amarin', ...body }) as JournalEvent;
  await new FileJournalStore(state).append(
    releaseStream(RELEASE),
    event({ type: 'release-planned', release: RELEASE, milestones: { 'code-freeze': now + HOUR, ga: now + 2 * DAY } }, now - 20 * DAY),
    event({ type: 'step-completed', step: 'cut-branches' }, now - DAY),
  );
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hf-race-'));
  slack = new FakeSlack();
  github = new FakeGitHub(greenWorld(config));
  env = {
    HYPERFLEET_STATE_DIR: dir,
    HYPERFLEET_GITHUB_API: await github.start(),
    GITHUB_TOKEN: 'test-token-for-the-fake',
    SLACK_BOT_TOKEN: FAKE_SLACK_TOKEN,
    HYPERFLEET_SLACK_API: await slack.start(),
  };
  await planRelease(dir);
});
afterEach(async () => {
  await Promise.all([slack.stop(), github.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const claims = async () =>
  (await new FileJournalStore(dir).read(releaseStream(RELEASE), Date.now())).events.filter((e) => e.type === 'notice-claimed').length;

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const channel = () => slack.messages('hyperfleet-releases');
const permalinkOf = (ts: string) => `https://hyperfleet.slack.example/archives/C0HFRELEASE/p${ts.replace('.', '')}`;

describe('two runs send one notice at once', () => {
  it('two headless runs started together post once, and both report that message', async () => {
    // Slack's channel search takes 1.5 s: both runs are inside it at once, however their start-up differs.
    slack.delay('conversations.history', 1500);
    for (let round = 0; round < 4; round += 1) {
      if (round > 0) {
        rmSync(dir, { recursive: true, force: true });
        await planRelease(dir);
        channel().length = 0;
      }
      const runs = await Promise.all([runCliAsync(NOTIFY, env), runCliAsync(NOTIFY, env)]);
      expect(channel(), `round ${round}`).toHaveLength(1);
      const permalink = permalinkOf(channel()[0]!.ts);
      const [poster, waiter] = runs[0]!.stdout.startsWith(`${KEY} posted `) ? runs : [runs[1]!, runs[0]!];
      expect(poster).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^v0\.4\.0\/code-freeze posted /) });
      expect(waiter.code).toBe(0);
      expect(waiter.stdout).toMatch(/^v0\.4\.0\/code-freeze was sent by another run/);
      // The run that waited said whom it waited for.
      expect(waiter.stderr).toMatch(
        /^hyperfleet-tui: process \d+ on \S+ \(@rh-amarin\) is sending v0\.4\.0\/code-freeze; waiting for it…\n$/,
      );
      for (const run of runs) expect(run.stdout).toContain(permalink);
    }
  }, 120_000);

  it('the TUI (a controller in this process) and a headless run side by side post once', async () => {
    const store = createAppStore({ config, release: RELEASE, journalPlace: dir, now: Date.now() });
    const controller = new Controller({
      store,
      journal: new FileJournalStore(dir),
      sources: [],
      clock: Date.now,
      newId: randomUUID,
      slack: new SlackApi({ token: FAKE_SLACK_TOKEN, baseUrl: env.HYPERFLEET_SLACK_API!, timeoutMs: 30_000 }),
    });
    await controller.loadJournal();
    store.setState({ viewer: 'rh-amarin' });
    // The TUI takes its turn and is held in the channel search until the headless run has claimed its own.
    const resume = slack.hold('conversations.history');
    const tui = controller.notices.send(KEY);
    await until(async () => (await claims()) === 1);
    const headless = runCliAsync(NOTIFY, env);
    await until(async () => (await claims()) === 2);
    resume();
    const [tuiResult, headlessRun] = await Promise.all([tui, headless]);
    expect(channel()).toHaveLength(1);
    const permalink = permalinkOf(channel()[0]!.ts);
    expect(tuiResult).toMatchObject({ kind: 'done', delivery: { outcome: 'posted', permalink } });
    expect(headlessRun.stderr).toMatch(/is sending v0\.4\.0\/code-freeze; waiting for it…\n$/);
    expect(headlessRun.stdout).toMatch(
      /^v0\.4\.0\/code-freeze was sent by another run \(@rh-amarin, .*\) while this one waited; not posted twice/,
    );
    expect(headlessRun.stdout).toContain(permalink);
    expect(headlessRun.code).toBe(0);
  }, 60_000);

  it('a run killed (-9) while it holds the turn never blocks the next one, which posts once', async () => {
    const resume = slack.hold('conversations.history');
    const child = spawn(process.execPath, [BIN, ...NOTIFY], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...CLOSED_PORT_ENV, ...env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until(async () => slack.calls.includes('conversations.history'));
    child.kill('SIGKILL');
    await exited;
    resume();

    const next = await runCliAsync(NOTIFY, env);
    expect(next.stderr).toBe('');
    expect(next).toMatchObject({ code: 0, stdout: expect.stringMatching(/^v0\.4\.0\/code-freeze posted/) });
    expect(channel()).toHaveLength(1);
    const types = (await new FileJournalStore(dir).read(releaseStream(RELEASE), Date.now())).events.map((e) => e.type);
    // The dead run's claim and intent stay in the journal, released by nobody: they simply stopped counting.
    expect(types.filter((t) => t === 'notice-claimed')).toHaveLength(2);
    expect(types.filter((t) => t === 'notice-released')).toHaveLength(1);
  }, 60_000);
});

describe('a sent notice without its permalink', () => {
  it('notify --list asks Slack for it again and records it', async () => {
    const ts = `${Math.floor(Date.now() / 1000)}.000001`;
    const key = KEY;
    slack.world.channels[0]!.messages.push({
      ts,
      text: 'Code freeze',
      metadata: { event_type: 'hyperfleet_notice', event_payload: { key } },
    });
    const at = Date.now() - HOUR;
    await new FileJournalStore(dir).append(releaseStream(RELEASE), {
      id: randomUUID(),
      at,
      actor: 'rh-amarin',
      type: 'notice-sent',
      step: 'code-freeze',
      key,
      channel: 'C0HFRELEASE',
      ts,
    });
    const list = await runCliAsync(['notify', '--list', '--json', '--release', RELEASE], env);
    expect(list.stderr).toBe('');
    const rows = JSON.parse(list.stdout) as Array<{ key: string; state: string; permalink: string | null }>;
    expect(rows.find((r) => r.key === key)).toMatchObject({ state: 'sent', permalink: permalinkOf(ts) });
    const events = (await new FileJournalStore(dir).read(releaseStream(RELEASE), Date.now())).events;
    expect(events.at(-1)).toMatchObject({ type: 'notice-permalink', key, ts, permalink: permalinkOf(ts), actor: 'rh-amarin' });
  }, 30_000);
});
