import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Controller } from '../../src/app/controller.js';
import { hotfixStream, releaseStream, type EventBody, type JournalEvent } from '../../src/domain/events.js';
import { DAY, HOUR } from '../../src/domain/time.js';
import { FAKE_SLACK_TOKEN, FakeSlack } from '../../src/fakes/slack/server.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import type { DeliveryPoint } from '../../src/notify/deliver.js';
import { SlackApi } from '../../src/notify/slack-api.js';
import { createAppStore } from '../../src/store/app-store.js';
import { selectNotices } from '../../src/store/selectors.js';
import { bundledConfig } from '../helpers/demo-session.js';

const config = bundledConfig();
const NOW = Date.parse('2026-11-23T10:00:00Z');
const RELEASE = 'v0.4.0';
const KEY = `${RELEASE}/code-freeze`;

let dir: string;
let slack: FakeSlack;
let slackUrl: string;

const event = (body: EventBody, at = NOW - DAY): JournalEvent => ({ id: randomUUID(), at, actor: 'rh-amarin', ...body }) as JournalEvent;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hf-notify-'));
  slack = new FakeSlack(undefined, () => NOW);
  slackUrl = await slack.start();
  const journal = new FileJournalStore(dir);
  await journal.append(
    releaseStream(RELEASE),
    event({ type: 'release-planned', release: RELEASE, milestones: { 'code-freeze': NOW + HOUR, ga: NOW + 2 * DAY } }, NOW - 20 * DAY),
    event({ type: 'step-completed', step: 'cut-branches' }),
  );
});
afterEach(async () => {
  await slack.stop();
  rmSync(dir, { recursive: true, force: true });
});

class Crash extends Error {}

/** One run of the app: a fresh controller over the same journal directory, as after a restart. */
async function start(options: { token?: string | null; checkpoint?: DeliveryPoint; baseUrl?: string; clock?: () => number } = {}) {
  const store = createAppStore({ config, release: RELEASE, journalPlace: dir, now: NOW });
  const token = options.token === undefined ? FAKE_SLACK_TOKEN : options.token;
  const controller = new Controller({
    store,
    journal: new FileJournalStore(dir),
    sources: [],
    clock: options.clock ?? (() => NOW),
    newId: randomUUID,
    slack: token === null ? null : new SlackApi({ token, baseUrl: options.baseUrl ?? slackUrl, timeoutMs: 2000 }),
    deliveryCheckpoint: (point) => {
      if (point === options.checkpoint) throw new Crash(`killed at ${point}`);
    },
  });
  await controller.loadJournal();
  store.setState({ viewer: 'rh-amarin' });
  const notice = () => selectNotices(store.getState()).find((n) => n.key === KEY)!;
  const events = async () => (await new FileJournalStore(dir).read(releaseStream(RELEASE), NOW)).events;
  return { store, controller, notice, events };
}

const posts = () => slack.calls.filter((c) => c === 'chat.postMessage').length;

describe('exactly once', () => {
  it('posts with the key in metadata, then journals it sent with ts and permalink', async () => {
    const app = await start();
    const result = await app.controller.notices.send(KEY);
    expect(result).toMatchObject({ kind: 'done', delivery: { outcome: 'posted', channel: 'C0HFRELEASE' } });
    const [message] = slack.messages('hyperfleet-releases');
    expect(message!.metadata).toEqual({ event_type: 'hyperfleet_notice', event_payload: { key: KEY } });
    expect(app.notice().record?.sent).toMatchObject({ ts: message!.ts, permalink: expect.stringContaining(message!.ts.replace('.', '')) });
    expect(app.notice().view.state).toBe('done');
    const types = (await app.events()).map((e) => e.type);
    expect(types.slice(-4)).toEqual(['notice-claimed', 'notice-intended', 'notice-sent', 'notice-released']);
  });

  it.each<DeliveryPoint>(['intended', 'searched'])(
    'killed at "%s" (before the post): nothing posted; the next start sends it once',
    async (point) => {
      const first = await start({ checkpoint: point });
      await expect(first.controller.notices.send(KEY)).rejects.toThrow(Crash);
      expect(slack.messages('hyperfleet-releases')).toHaveLength(0);

      const second = await start();
      expect(await second.controller.notices.reconcile()).toEqual([]);
      expect(second.notice().record?.intendedAt).toBeDefined();
      expect(second.notice().view.state).not.toBe('done');
      await second.controller.notices.send(KEY);
      expect(slack.messages('hyperfleet-releases')).toHaveLength(1);
      expect(second.notice().view.state).toBe('done');
    },
  );

  it('killed after the post, before the response (the answer is lost): the restart finds it instead of posting again', async () => {
    const first = await start();
    slack.failOn('chat.postMessage', 'drop-after-store');
    const lost = await first.controller.notices.send(KEY);
    expect(lost).toMatchObject({ kind: 'failed', error: expect.stringMatching(/sending again is safe/) });
    expect(posts()).toBe(1); // retries are off for chat.postMessage: a retry here would be a second message
    expect(first.notice().view.state).not.toBe('done');

    const second = await start();
    const found = await second.controller.notices.reconcile();
    expect(found).toEqual([expect.objectContaining({ outcome: 'found' })]);
    expect(second.notice().record?.sent).toMatchObject({ reconciled: true, ts: slack.messages('hyperfleet-releases')[0]!.ts });
    expect(slack.messages('hyperfleet-releases')).toHaveLength(1);
  });

  it('a hand-over killed after its post, before the journal: the restart finds it in the channel and marks it sent', async () => {
    const first = await start({ checkpoint: 'posted' });
    const written = await first.controller.handovers.write();
    expect(written.kind).toBe('done');
    const id = written.handover!.id;
    await expect(first.controller.handovers.post(id)).rejects.toThrow(Crash);
    expect(slack.messages('hyperfleet-releases')).toHaveLength(1);

    const second = await start();
    expect(second.store.getState().releaseState.handovers[0]!.notice?.sent).toBeUndefined();
    expect(await second.controller.notices.reconcile()).toEqual([expect.objectContaining({ outcome: 'found' })]);
    expect(second.store.getState().releaseState.handovers[0]!.notice?.sent).toMatchObject({ reconciled: true });
    expect(await second.controller.handovers.post(id)).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/^Not posted again/) });
    expect(slack.messages('hyperfleet-releases')).toHaveLength(1);
  });

  it('killed after the response, before the journal: the restart reconciles; sending again does not post twice', async () => {
    const first = await start({ checkpoint: 'posted' });
    await expect(first.controller.notices.send(KEY)).rejects.toThrow(Crash);
    expect(slack.messages('hyperfleet-releases')).toHaveLength(1);

    // Even without the reconcile on start, a send searches the channel before it posts.
    const second = await start();
    const again = await second.controller.notices.send(KEY);
    expect(again).toMatchObject({ kind: 'done', delivery: { outcome: 'found' } });
    expect(slack.messages('hyperfleet-releases')).toHaveLength(1);
    expect(posts()).toBe(1);
  });

  it('a sent notice is not sent again or edited unless editing that message was asked for', async () => {
    const app = await start();
    await app.controller.notices.send(KEY);
    const [message] = slack.messages('hyperfleet-releases');
    app.store.setState({ noticeEdits: { [KEY]: { note: 'Freeze moved: Blocker fixes only from 14:00 UTC.' } } });
    const before = slack.calls.length;
    const again = await app.controller.notices.send(KEY);
    expect(again).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(
        // Sent a moment ago: the time alone (a day or more away would show its date).
        /^Not sent again: v0\.4\.0\/code-freeze was sent 10:00 UTC by @rh-amarin \(https:\/\/\S+\); nothing was changed\.$/,
      ),
      alreadySent: { ts: message!.ts },
    });
    expect(slack.calls.length).toBe(before);
    // Agreeing to edit another message than the one sent is no agreement.
    expect(await app.controller.notices.send(KEY, { editing: '1.000001' })).toMatchObject({ kind: 'refused', alreadySent: {} });
    expect(slack.messages('hyperfleet-releases')[0]).not.toHaveProperty('edited');
  });

  it('editing a sent notice updates the same message with chat.update', async () => {
    const app = await start();
    await app.controller.notices.send(KEY);
    app.store.setState({ noticeEdits: { [KEY]: { note: 'Freeze moved: Blocker fixes only from 14:00 UTC.' } } });
    const edited = await app.controller.notices.send(KEY, { editing: app.notice().record!.sent!.ts! });
    expect(edited).toMatchObject({ kind: 'done', delivery: { outcome: 'updated' } });
    const messages = slack.messages('hyperfleet-releases');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ edited: true, text: expect.stringContaining('Freeze moved') });
    expect(slack.calls).toContain('chat.update');
  });
});

describe('a permalink Slack did not hand out', () => {
  it('a 429 on chat.getPermalink records "sent" without it; the next start asks again and records it', async () => {
    const first = await start();
    slack.failOn('chat.getPermalink', '429');
    const sent = await first.controller.notices.send(KEY);
    expect(sent).toMatchObject({ kind: 'done', delivery: { outcome: 'posted' } });
    expect(first.notice().record?.sent).toMatchObject({ ts: expect.any(String) });
    expect(first.notice().record?.sent?.permalink).toBeUndefined();

    const second = await start();
    await second.controller.notices.reconcile();
    const ts = slack.messages('hyperfleet-releases')[0]!.ts;
    expect(second.notice().record?.sent?.permalink).toBe(`https://hyperfleet.slack.example/archives/C0HFRELEASE/p${ts.replace('.', '')}`);
    const last = (await second.events()).at(-1);
    expect(last).toMatchObject({ type: 'notice-permalink', key: KEY, ts, permalink: second.notice().record!.sent!.permalink });
    // Once recorded, nobody asks again.
    const asked = slack.calls.filter((c) => c === 'chat.getPermalink').length;
    await (await start()).controller.notices.reconcile();
    expect(slack.calls.filter((c) => c === 'chat.getPermalink').length).toBe(asked);
  });

  it('in one run, it is asked again only once the Retry-After has passed', async () => {
    let now = NOW;
    const app = await start({ clock: () => now });
    slack.failOn('chat.getPermalink', '429'); // the fake asks for 30 s
    await app.controller.notices.send(KEY);
    const asks = () => slack.calls.filter((c) => c === 'chat.getPermalink').length;
    expect(asks()).toBe(1);
    now += 29_000;
    await app.controller.notices.completePermalinks();
    expect(asks()).toBe(1);
    now += 2_000;
    await app.controller.notices.completePermalinks();
    expect(asks()).toBe(2);
    expect(app.notice().record?.sent?.permalink).toMatch(/^https:\/\/hyperfleet\.slack\.example\/archives\//);
  });
});

describe('escaping', () => {
  it('a hotfix summary carrying mentions, a fake link, C1 and bidi controls posts as harmless text; only the template mentions', async () => {
    const journal = new FileJournalStore(dir);
    await journal.append(
      hotfixStream('HYPERFLEET-999'),
      event({
        type: 'hotfix-opened',
        key: 'HYPERFLEET-999',
        severity: 'Critical',
        component: 'hyperfleet-api',
        affects: 'v0.3.1',
        summary:
          'fix: crash <!channel> @here <@U024BE7LH> <!subteam^S0614TZR7|oncall> <https://evil.example|docs> & more \u202eafter\u2066 \u0085re\u009b2Jstart',
        reportedAt: NOW - HOUR,
      }),
      event({ type: 'step-completed', step: 'confirm-severity' }),
    );
    const app = await start();
    const result = await app.controller.notices.send('HYPERFLEET-999/hotfix-alert');
    expect(result.kind).toBe('done');
    const posted = JSON.stringify(slack.messages('hyperfleet-releases')[0]);
    expect(posted).not.toMatch(/<!channel>|<!here>|<@U|<!subteam|<https:\/\/evil/);
    expect(posted).toContain('&lt;!channel&gt; @here &lt;@U024BE7LH&gt;');
    expect(posted).toContain('&amp; more after restart');
    expect(posted).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('errors keep the notice pending, with the fix in the message', () => {
  it.each([
    ['invalid_auth', /SLACK_BOT_TOKEN/],
    ['not_in_channel', /invite it there with \/invite/],
    ['channel_not_found', /check slack\.channel in the config/],
    ['429', /rate limiting .* try again in 30s/],
    ['500', /HTTP 500/],
  ] as const)('%s', async (fault, fix) => {
    const app = await start();
    slack.fail(fault, 5);
    const result = await app.controller.notices.send(KEY);
    expect(result).toMatchObject({ kind: 'failed', error: expect.stringMatching(fix) });
    expect(app.store.getState().noticeErrors[KEY]).toMatch(fix);
    expect(app.notice().view.state).not.toBe('done');
    expect(slack.messages('hyperfleet-releases')).toHaveLength(0);
    slack.clearFaults();
    expect(await app.controller.notices.send(KEY)).toMatchObject({ kind: 'done' });
    expect(app.store.getState().noticeErrors[KEY]).toBeUndefined();
  });

  it('a wrong token is refused without the token in the message', async () => {
    const token = 'xoxb-1234567890-not-a-real-token';
    const app = await start({ token });
    const result = await app.controller.notices.send(KEY);
    expect(result).toMatchObject({ kind: 'failed', error: expect.stringMatching(/invalid_auth/) });
    expect(JSON.stringify(app.store.getState())).not.toContain(token);
  });

  it('Slack unreachable: says so, and that sending again is safe', async () => {
    const app = await start({ baseUrl: 'http://127.0.0.1:2' });
    const result = await app.controller.notices.send(KEY);
    expect(result).toMatchObject({
      kind: 'failed',
      error: expect.stringMatching(/cannot reach Slack at http:\/\/127\.0\.0\.1:2\/api\/ .*sending again is safe/),
    });
  });

  it('without a token the app runs dry: nothing posted, nothing recorded', async () => {
    const app = await start({ token: null });
    const before = (await app.events()).length;
    const result = await app.controller.notices.send(KEY);
    expect(result).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/dry run: SLACK_BOT_TOKEN is not set/) });
    expect((await app.events()).length).toBe(before);
    expect(slack.calls).toEqual([]);
  });
});
