import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseStream, type EventBody, type JournalEvent } from '../../src/domain/events.js';
import { DAY, HOUR } from '../../src/domain/time.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { FAKE_SLACK_TOKEN, FakeSlack } from '../../src/fakes/slack/server.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { configCopy, replaceOnce } from '../helpers/config-copy.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld, repo } from '../helpers/fake-world.js';
import { runCliAsync } from '../helpers/run-cli.js';

/**
 * Two release managers, each on their own machine (state directory) with their own token, and
 * one shared ledger on the fake GitHub: the built CLI as real processes.
 */
const RELEASE = 'v0.4.0';
const config = bundledConfig();
const CONFIG = () =>
  configCopy(
    'hyperfleet.yaml',
    replaceOnce(
      '# ledger:\n#   repo: hyperfleet-release\n#   branch: hyperfleet-tui/ledger',
      'ledger:\n  repo: hyperfleet-release\n  branch: hyperfleet-tui/ledger',
    ),
  );

let dirs: Record<'amarin' | 'ciaran', string>;
let slack: FakeSlack;
let github: FakeGitHub;
let common: Record<string, string>;
let configPath: string;

beforeEach(async () => {
  dirs = { amarin: mkdtempSync(join(tmpdir(), 'hf-amarin-')), ciaran: mkdtempSync(join(tmpdir(), 'hf-ciaran-')) };
  slack = new FakeSlack();
  const world = greenWorld(config);
  github = new FakeGitHub({
    ...world,
    repos: [...world.repos, repo(config.github.releaseRepo, [])],
    logins: { 'token-amarin': 'rh-amarin', 'token-ciaran': 'ciaranroche' },
  });
  configPath = CONFIG();
  common = {
    HYPERFLEET_GITHUB_API: await github.start(),
    SLACK_BOT_TOKEN: FAKE_SLACK_TOKEN,
    HYPERFLEET_SLACK_API: await slack.start(),
  };
});
afterEach(async () => {
  await Promise.all([slack.stop(), github.stop()]);
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
});

const as = (who: 'amarin' | 'ciaran') => ({ ...common, HYPERFLEET_STATE_DIR: dirs[who], GITHUB_TOKEN: `token-${who}` });
const run = (who: 'amarin' | 'ciaran', args: string[]) => runCliAsync([...args, '--config', configPath], as(who));

/** @rh-amarin planned the release on their machine before the team had a ledger. */
async function plannedLocally(): Promise<void> {
  const now = Date.now();
  const event = (body: EventBody, at: number) => ({ id: randomUUID(), at, actor: 'rh-amarin', ...body }) as JournalEvent;
  await new FileJournalStore(dirs.amarin).append(
    releaseStream(RELEASE),
    event({ type: 'release-planned', release: RELEASE, milestones: { 'code-freeze': now + HOUR, ga: now + 2 * DAY } }, now - 20 * DAY),
    event({ type: 'step-completed', step: 'cut-branches' }, now - DAY),
  );
}

describe('a release shared on the ledger', () => {
  it('ledger publish shares a local journal once; a colleague with an empty machine then reads the same release', async () => {
    await plannedLocally();
    const published = await run('amarin', ['ledger', 'publish']);
    expect(published).toMatchObject({ code: 0, stderr: '' });
    expect(published.stdout).toMatch(
      /^shared on openshift-hyperfleet\/hyperfleet-release@hyperfleet-tui\/ledger, outbox \S+: 2 events shared, 0 pending, read /,
    );
    expect((await run('amarin', ['ledger', 'publish'])).stdout).toMatch(/: 2 events shared, 0 pending/);
    expect(github.git.history('hyperfleet-release', 'hyperfleet-tui/ledger')).toHaveLength(2);
    const colleague = await run('ciaran', ['summary']);
    expect(colleague).toMatchObject({ code: 0, stderr: '' });
    expect(colleague.stdout).toContain(`Signed in as @ciaranroche`);
    expect(colleague.stdout).toMatch(/Checklist: 1\/\d+ steps done/);
  }, 60_000);

  it('both send the same notice at once: exactly one Slack message, and both report its permalink', async () => {
    await plannedLocally();
    await run('amarin', ['ledger', 'publish']);
    await run('ciaran', ['summary']);
    slack.delay('conversations.history', 1500);
    const notify = ['notify', 'code-freeze', '--release', RELEASE];
    const [a, c] = await Promise.all([run('amarin', notify), run('ciaran', notify)]);
    const messages = slack.messages('hyperfleet-releases');
    expect(messages).toHaveLength(1);
    const permalink = `https://hyperfleet.slack.example/archives/C0HFRELEASE/p${messages[0]!.ts.replace('.', '')}`;
    for (const r of [a, c]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(permalink);
    }
    // The other machine saw the poster's claim on the ledger, waited for it, and found its message.
    const [poster, waiter] = a.stdout.includes('code-freeze posted') ? [a, c] : [c, a];
    expect(poster.stdout).toMatch(/^v0\.4\.0\/code-freeze posted /);
    expect(waiter.stderr).toMatch(
      /^hyperfleet-tui: process \d+ on \S+ \(@(rh-amarin|ciaranroche)\) is sending v0\.4\.0\/code-freeze; waiting for it…\n$/,
    );
  }, 90_000);

  it('a hand-over starts where the last one ended, and is posted once for the team, whoever asks', async () => {
    await plannedLocally();
    await run('amarin', ['ledger', 'publish']);
    const first = await run('amarin', ['handover']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^# Hand-over · HyperFleet Release 0\.4 \(v0\.4\.0\) · @rh-amarin · \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(first.stdout).toContain('## Done since the release began\n\n- Cut release-0.4');
    // The colleague reads it from the ledger: the next hand-over counts from it, and nothing was done since.
    const preview = await run('ciaran', ['handover', '--preview']);
    expect(preview.stdout).toMatch(/## Done since @rh-amarin's hand-over \d{4}-\d\d-\d\d \d\d:\d\d UTC\n\n- nothing\n/);
    expect((await run('ciaran', ['handover', '--last', '--json'])).stdout).toContain('"by": "rh-amarin"');

    slack.delay('conversations.history', 1500);
    const post = ['handover', '--last', '--post'];
    const [a, c] = await Promise.all([run('amarin', post), run('ciaran', post)]);
    expect(slack.messages('hyperfleet-releases')).toHaveLength(1);
    expect(slack.messages('hyperfleet-releases')[0]!.text).toMatch(/^Hand-over · HyperFleet Release 0\.4/);
    for (const r of [a, c]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        /(Posted|Not posted twice): the hand-over of .*https:\/\/hyperfleet\.slack\.example\/archives\/C0HFRELEASE\/p\d+/,
      );
    }
    const again = await run('amarin', post);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^hyperfleet-tui: Not posted again: the hand-over of .* is in the channel already — https:/);
    expect(slack.messages('hyperfleet-releases')).toHaveLength(1);
  }, 120_000);

  it("one rulebook: a colleague whose playbook differs is told so, and can take the release's", async () => {
    await plannedLocally();
    await run('amarin', ['ledger', 'publish']);
    expect(await run('amarin', ['rulebook', 'status'])).toMatchObject({ code: 1 });
    const shared = await run('amarin', ['rulebook', 'share']);
    expect(shared).toMatchObject({ code: 0, stderr: '' });
    expect(shared.stdout).toMatch(
      /^The rulebook of v0\.4\.0 is now [0-9a-f]{12} \(hyperfleet\.yaml, notices\.yaml, playbooks\/release\.yaml, playbooks\/hotfix\.yaml\)\n$/,
    );
    const hash = /now ([0-9a-f]{12})/.exec(shared.stdout)![1]!;
    expect((await run('amarin', ['rulebook', 'status'])).stdout).toContain('the same: this machine folds the release by its rules');
    // Every event records the rulebook it was recorded under.
    expect(await run('amarin', ['tick', 'prs-merged'])).toMatchObject({ code: 0 });
    const ticked = github.git.history('hyperfleet-release', 'hyperfleet-tui/ledger').find((c) => c.body.includes('"prs-merged"'))!;
    expect(JSON.parse(ticked.body)).toMatchObject({ type: 'step-completed', rulebook: hash });

    // The colleague's copy: the same ledger, and one step titled otherwise.
    const theirs = CONFIG();
    const playbook = join(dirname(theirs), 'playbooks/release.yaml');
    writeFileSync(playbook, replaceOnce('title: Code freeze gate', 'title: Freeze gate')(readFileSync(playbook, 'utf8')));
    const other = (args: string[]) => runCliAsync([...args, '--config', theirs], as('ciaran'));
    const differs = await other(['rulebook', 'status']);
    expect(differs.code, differs.stderr).toBe(1);
    expect(differs.stdout).toContain(`the release's: ${hash}, recorded by @rh-amarin`);
    expect(differs.stdout).toContain('they differ');
    const used = await other(['rulebook', 'use']);
    expect(used.code, used.stderr).toBe(0);
    const path = /start with --config (\S+)$/m.exec(used.stdout)![1]!;
    expect((await runCliAsync(['rulebook', 'status', '--config', path], as('ciaran'))).code).toBe(0);
  }, 90_000);

  it('ledger without a ledger configured is a usage error, exit 2', async () => {
    await plannedLocally();
    const result = await runCliAsync(['ledger', 'status'], as('amarin'));
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      'hyperfleet-tui: no shared ledger is configured: add `ledger: { repo: …, branch: … }` to hyperfleet.yaml, or set HYPERFLEET_LEDGER=REPO@BRANCH\n',
    );
  }, 30_000);

  it('--read-only: every recording command is refused (exit 1) before anything is read; what the others share still arrives', async () => {
    await plannedLocally();
    await run('amarin', ['ledger', 'publish']);
    for (const args of [
      ['approve', 'release-gate'],
      ['tick', 'prs-merged'],
      ['untick', 'cut-branches', '--reason', 'n'],
      ['undo'],
      ['plan', '--release', 'v0.9.0', '--ga', '2027-01-10'],
      ['waive', 'release-gate', '--layer', 'unit', '--tracking', 'X-1', '--reason', 'r', '--mitigation', 'm'],
      ['notify', 'code-freeze', '--release', RELEASE],
      ['hotfix', 'close', 'HYPERFLEET-901', '--note', 'n'],
      ['ledger', 'publish'],
      ['handover'],
      ['handover', '--last', '--post'],
      ['rulebook', 'share'],
    ]) {
      const refused = await run('ciaran', [...args, '--read-only']);
      expect(refused, args.join(' ')).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr).toBe(
        `hyperfleet-tui: ${args[0]} not run: read-only (--read-only): nothing is recorded here; what others record still arrives\n`,
      );
    }
    expect((await run('ciaran', ['handover', '--preview', '--read-only'])).code).toBe(0);
    const observed = await run('ciaran', ['summary', '--read-only']);
    expect(observed).toMatchObject({ code: 0, stderr: '' });
    expect(observed.stdout).toMatch(/Checklist: 1\/\d+ steps done/);
    expect(github.git.history('hyperfleet-release', 'hyperfleet-tui/ledger')).toHaveLength(2);
  }, 90_000);
});
