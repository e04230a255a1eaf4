import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, sendJson } from '../http.js';

/**
 * A loopback fake of the Slack Web API methods the app calls, speaking Slack's protocol: POST
 * /api/<method>, form-encoded (objects as JSON) or JSON bodies, a Bearer token, HTTP 200 with
 * `ok: false` and an error code for platform errors, 429 with Retry-After when rate limited.
 */
export type SlackFault = '500' | '429' | 'invalid_auth' | 'not_in_channel' | 'channel_not_found' | 'drop-after-store';

export interface FakeSlackMessage {
  readonly ts: string;
  readonly text: string;
  readonly blocks?: unknown;
  readonly metadata?: { readonly event_type: string; readonly event_payload: Record<string, unknown> };
  readonly edited?: boolean;
}

export interface FakeSlackChannel {
  readonly id: string;
  readonly name: string;
  /** Whether the bot was invited: posting and reading need it. */
  readonly member: boolean;
  readonly messages: FakeSlackMessage[];
}

export interface FakeSlackWorld {
  readonly tokens: readonly string[];
  readonly channels: FakeSlackChannel[];
}

export const FAKE_SLACK_TOKEN = 'xoxb-fake-hyperfleet';

export const defaultSlackWorld = (): FakeSlackWorld => ({
  tokens: [FAKE_SLACK_TOKEN],
  channels: [
    { id: 'C0HFRELEASE', name: 'hyperfleet-releases', member: true, messages: [] },
    { id: 'C0HFE2E', name: 'hyperfleet-e2e-status', member: true, messages: [] },
  ],
});

type Params = Record<string, unknown>;

function parseParams(request: IncomingMessage, body: string): Params {
  if ((request.headers['content-type'] ?? '').includes('application/json')) return body ? (JSON.parse(body) as Params) : {};
  const params: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return params;
}

const truthy = (value: unknown): boolean => value === true || value === 'true' || value === '1';

export class FakeSlack extends LoopbackServer<SlackFault> {
  private serial = 0;
  /** Every method called, in order: tests count posts with it. */
  readonly calls: string[] = [];
  private readonly methodFaults = new Map<string, SlackFault[]>();
  private readonly methodDelays = new Map<string, number>();
  private readonly methodHolds = new Map<string, Promise<void>>();

  constructor(
    public world: FakeSlackWorld = defaultSlackWorld(),
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  /** The next call of `method` (e.g. chat.postMessage) fails with `fault`; other calls go through. */
  failOn(method: string, fault: SlackFault): void {
    this.methodFaults.set(method, [...(this.methodFaults.get(method) ?? []), fault]);
  }

  /** Every call of `method` answers `ms` late, as a slow Slack would: it widens the window of a race. */
  delay(method: string, ms: number): void {
    this.methodDelays.set(method, ms);
  }

  /** Calls of `method` wait until the returned function is called: the test decides when Slack answers. */
  hold(method: string): () => void {
    let resume = (): void => {};
    this.methodHolds.set(method, new Promise<void>((resolve) => (resume = resolve)));
    return () => {
      this.methodHolds.delete(method);
      resume();
    };
  }

  /** Every message in a channel (by name or id), oldest first. */
  messages(channel: string): FakeSlackMessage[] {
    return this.channel(channel)?.messages ?? [];
  }

  private channel(nameOrId: string): FakeSlackChannel | undefined {
    const name = nameOrId.replace(/^#/, '');
    return this.world.channels.find((c) => c.id === name || c.name === name);
  }

  private nextTs(): string {
    this.serial += 1;
    return `${Math.floor(this.clock() / 1000)}.${String(this.serial).padStart(6, '0')}`;
  }

  protected async handle(
    request: IncomingMessage,
    body: string,
    response: ServerResponse,
    anyFault: SlackFault | undefined,
  ): Promise<void> {
    const method = /^\/api\/([a-zA-Z.]+)/.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || !method) return sendJson(response, 404, { ok: false, error: 'unknown_method' });
    this.calls.push(method);
    await this.methodHolds.get(method);
    // Answered from the channel as it is now; a slow Slack is slow to bring the answer back.
    const reply = this.reply(method, request, body, anyFault ?? this.methodFaults.get(method)?.shift());
    const delay = this.methodDelays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (reply === 'drop') {
      response.socket?.destroy(); // the message is stored; the answer never arrives
      return;
    }
    sendJson(response, reply.status, reply.body, reply.headers);
  }

  private reply(
    method: string,
    request: IncomingMessage,
    body: string,
    fault: SlackFault | undefined,
  ): { status: number; body: Params; headers?: Record<string, string> } | 'drop' {
    if (fault === '500') return { status: 500, body: { ok: false, error: 'internal_error' } };
    if (fault === '429') return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '30' } };
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (fault === 'invalid_auth' || !this.world.tokens.includes(token)) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    if (fault === 'not_in_channel' || fault === 'channel_not_found') return { status: 200, body: { ok: false, error: fault } };
    const answer = this.answer(method, parseParams(request, body), fault === 'drop-after-store');
    return answer === 'drop' ? 'drop' : { status: 200, body: answer };
  }

  private answer(method: string, params: Params, drop: boolean): Params | 'drop' {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://hyperfleet.slack.example/',
          team: 'HyperFleet',
          user: 'hyperfleet-bot',
          user_id: 'U0HFBOT',
          bot_id: 'B0HFBOT',
        };
      case 'conversations.list':
        return {
          ok: true,
          channels: this.world.channels.map((c) => ({ id: c.id, name: c.name, is_channel: true, is_member: c.member })),
          response_metadata: { next_cursor: '' },
        };
      case 'conversations.history':
        return this.history(params);
      case 'chat.postMessage':
        return this.post(params, drop);
      case 'chat.update':
        return this.update(params);
      case 'chat.getPermalink': {
        const channel = this.channel(String(params.channel ?? ''));
        const ts = String(params.message_ts ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!channel.messages.some((m) => m.ts === ts)) return { ok: false, error: 'message_not_found' };
        return {
          ok: true,
          channel: channel.id,
          permalink: `https://hyperfleet.slack.example/archives/${channel.id}/p${ts.replace('.', '')}`,
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private history(params: Params): Params {
    const channel = this.channel(String(params.channel ?? ''));
    if (!channel || !/^C/.test(String(params.channel))) return { ok: false, error: 'channel_not_found' };
    if (!channel.member) return { ok: false, error: 'not_in_channel' };
    const oldest = Number(params.oldest ?? 0);
    const limit = Math.min(Number(params.limit ?? 100) || 100, 999);
    const start = Number(params.cursor ?? 0) || 0;
    const newestFirst = [...channel.messages].reverse().filter((m) => Number(m.ts) > oldest);
    const page = newestFirst.slice(start, start + limit);
    const withMetadata = truthy(params.include_all_metadata);
    const hasMore = start + limit < newestFirst.length;
    return {
      ok: true,
      messages: page.map((m) => ({
        type: 'message',
        ts: m.ts,
        text: m.text,
        bot_id: 'B0HFBOT',
        ...(m.blocks ? { blocks: m.blocks } : {}),
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      })),
      has_more: hasMore,
      response_metadata: { next_cursor: hasMore ? String(start + limit) : '' },
    };
  }

  private post(params: Params, drop: boolean): Params | 'drop' {
    const channel = this.channel(String(params.channel ?? ''));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (!channel.member) return { ok: false, error: 'not_in_channel' };
    if (typeof params.text !== 'string' && !params.blocks) return { ok: false, error: 'no_text' };
    const message: FakeSlackMessage = {
      ts: this.nextTs(),
      text: String(params.text ?? ''),
      ...(params.blocks ? { blocks: params.blocks } : {}),
      ...(params.metadata ? { metadata: params.metadata as FakeSlackMessage['metadata'] } : {}),
    };
    channel.messages.push(message);
    if (drop) return 'drop';
    return { ok: true, channel: channel.id, ts: message.ts, message: { type: 'message', text: message.text, ts: message.ts } };
  }

  private update(params: Params): Params {
    const channel = this.channel(String(params.channel ?? ''));
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const index = channel.messages.findIndex((m) => m.ts === String(params.ts));
    if (index < 0) return { ok: false, error: 'message_not_found' };
    const old = channel.messages[index]!;
    channel.messages[index] = {
      ...old,
      text: String(params.text ?? old.text),
      ...(params.blocks ? { blocks: params.blocks } : {}),
      ...(params.metadata ? { metadata: params.metadata as FakeSlackMessage['metadata'] } : {}),
      edited: true,
    };
    return { ok: true, channel: channel.id, ts: old.ts, text: channel.messages[index]!.text };
  }
}
