import type { WebAPICallResult, WebClient } from '@slack/web-api';
import { NOTICE_EVENT_TYPE, type NoticePayload } from '../domain/notices.js';
import { describeSlackError } from './errors.js';

/** Slack's own host; tests and GitHub-Enterprise-like setups point HYPERFLEET_SLACK_API elsewhere. */
/** The package is CommonJS: bundled, its exports arrive on `default`; unbundled (tests), as named exports. */
async function loadWebClient(): Promise<typeof WebClient> {
  const loaded = (await import('@slack/web-api')) as typeof import('@slack/web-api') & { default?: typeof import('@slack/web-api') };
  return loaded.WebClient ?? loaded.default!.WebClient;
}

export const SLACK_API_DEFAULT = 'https://slack.com/api/';

export interface SlackApiOptions {
  readonly token: string;
  /** Slack's API root; in the demo, the loopback fake's, known once it listens. */
  readonly baseUrl?: string | PromiseLike<string>;
  readonly timeoutMs?: number;
}

interface HistoryMessage {
  readonly ts?: string;
  readonly metadata?: { readonly event_type?: string; readonly event_payload?: Record<string, unknown> };
}

/** How far back, and how many pages, the channel is searched for a notice already posted. */
const HISTORY_MARGIN_S = 24 * 3600;
const HISTORY_PAGES = 5;

export type PermalinkAnswer =
  | { readonly permalink: string }
  /** `retryAfterMs`: Slack's Retry-After on a 429, the earliest time to ask again. */
  | { readonly error: string; readonly retryAfterMs?: number };

const apiRoot = (url: string): string => url.replace(/\/?(api\/?)?$/, '/api/');

/**
 * The Slack calls the notices need, over the real @slack/web-api client. Two clients: reads
 * retry (they are idempotent); posts never do, because a post retried after a lost answer is
 * a second message in the partners' channel.
 */
export class SlackApi {
  private clients: Promise<{ reads: WebClient; writes: WebClient }> | null = null;
  private readonly channels = new Map<string, string>();
  /** For messages: the configured root, before the demo's fake has said where it listens. */
  baseUrl: string;

  constructor(private readonly options: SlackApiOptions) {
    this.baseUrl = typeof options.baseUrl === 'string' ? apiRoot(options.baseUrl) : SLACK_API_DEFAULT;
  }

  private connect(): Promise<{ reads: WebClient; writes: WebClient }> {
    // Loaded on first use: the Slack client (and axios under it) is a fifth of the bundle, and
    // most runs never post.
    const load = () => Promise.all([loadWebClient(), Promise.resolve(this.options.baseUrl ?? SLACK_API_DEFAULT)]);
    return (this.clients ??= load().then(([WebClient, url]) => {
      this.baseUrl = apiRoot(url);
      const common = {
        slackApiUrl: this.baseUrl,
        timeout: this.options.timeoutMs ?? 15_000,
        rejectRateLimitedCalls: true,
        allowAbsoluteUrls: false,
        logger: SILENT_LOGGER,
      };
      return {
        reads: new WebClient(this.options.token, { ...common, retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 } }),
        writes: new WebClient(this.options.token, { ...common, retryConfig: { retries: 0 } }),
      };
    }));
  }

  private async call<T extends WebAPICallResult>(
    what: string,
    run: (c: { reads: WebClient; writes: WebClient }) => Promise<T>,
  ): Promise<T> {
    const clients = await this.connect();
    try {
      return await run(clients);
    } catch (error) {
      throw describeSlackError(error, what, this.baseUrl);
    }
  }

  /** A channel name ("#hyperfleet-releases") as Slack's id; conversations.history takes ids only. */
  async channelId(name: string): Promise<string> {
    const bare = name.replace(/^#/, '');
    if (/^[CG][A-Z0-9]+$/.test(bare)) return bare;
    const known = this.channels.get(bare);
    if (known) return known;
    let cursor: string | undefined;
    do {
      const page = await this.call('conversations.list', (c) =>
        c.reads.conversations.list({
          types: 'public_channel,private_channel',
          exclude_archived: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        }),
      );
      for (const channel of page.channels ?? []) if (channel.name && channel.id) this.channels.set(channel.name, channel.id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor && !this.channels.has(bare));
    const id = this.channels.get(bare);
    if (!id) throw describeSlackError({ data: { error: 'channel_not_found' } }, 'conversations.list', this.baseUrl, name);
    return id;
  }

  /** The ts of a message in the channel whose metadata carries `key`, posted after `sinceMs`. */
  async findNotice(channel: string, key: string, sinceMs: number): Promise<string | null> {
    const oldest = String(Math.floor(sinceMs / 1000) - HISTORY_MARGIN_S);
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page += 1) {
      const answer = await this.call('conversations.history', (c) =>
        c.reads.conversations.history({ channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) }),
      );
      const found = (answer.messages as HistoryMessage[] | undefined)?.find(
        (m) => m.metadata?.event_type === NOTICE_EVENT_TYPE && m.metadata.event_payload?.key === key,
      );
      if (found?.ts) return found.ts;
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || !cursor) return null;
    }
    return null;
  }

  async post(channel: string, payload: NoticePayload): Promise<{ channel: string; ts: string }> {
    const answer = await this.call('chat.postMessage', (c) =>
      c.writes.chat.postMessage({ ...payload, channel, blocks: [...payload.blocks] } as Parameters<WebClient['chat']['postMessage']>[0]),
    );
    if (!answer.ts) throw describeSlackError({ data: { error: 'no_ts_in_answer' } }, 'chat.postMessage', this.baseUrl);
    return { channel: answer.channel ?? channel, ts: answer.ts };
  }

  async update(channel: string, ts: string, payload: NoticePayload): Promise<void> {
    await this.call('chat.update', (c) =>
      c.reads.chat.update({
        channel,
        ts,
        text: payload.text,
        blocks: [...payload.blocks],
        metadata: payload.metadata,
      } as Parameters<WebClient['chat']['update']>[0]),
    );
  }

  /**
   * A notice is sent whether or not Slack hands out its link now; without it, the answer says
   * why and, when Slack is rate limiting, how long to wait before asking again.
   */
  async permalink(channel: string, ts: string): Promise<PermalinkAnswer> {
    try {
      const { reads } = await this.connect();
      const answer = await reads.chat.getPermalink({ channel, message_ts: ts });
      if (typeof answer.permalink === 'string') return { permalink: answer.permalink };
      return { error: 'Slack answered chat.getPermalink without a permalink' };
    } catch (error) {
      const { code, retryAfter } = (error ?? {}) as { code?: string; retryAfter?: number };
      const limited = code === 'slack_webapi_rate_limited_error' && typeof retryAfter === 'number';
      return {
        error: describeSlackError(error, 'chat.getPermalink', this.baseUrl).message,
        ...(limited ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
  }
}

const ignore = (): void => {};
/** The client logs to the console by default; the app says what matters itself. */
const SILENT_LOGGER = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  setLevel: ignore,
  getLevel: () => 'error' as never,
  setName: ignore,
};
