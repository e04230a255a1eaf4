import type { EventBody } from '../domain/events.js';
import type { NoticeRecord } from '../domain/fold.js';
import type { NoticePayload } from '../domain/notices.js';
import { NoticeError } from './errors.js';
import type { SlackApi } from './slack-api.js';

/**
 * Exactly-once delivery of one notice. The journal says "intended" before anything leaves;
 * the channel is searched for a message carrying the notice's key before posting; the post is
 * never retried; "sent" is journalled with the message's ts. A crash at any point leaves either
 * no message (intended, not found: sending again is safe) or one message that the next search
 * finds (reconciled instead of posted twice).
 */

/** The points between the protocol's steps, where a test stops it as a crash would. */
export type DeliveryPoint = 'intended' | 'searched' | 'posted';

export interface DeliveryDeps {
  readonly api: SlackApi;
  /** Appends one event to the notice's journal stream; false when the journal cannot be written. */
  readonly record: (body: EventBody) => Promise<boolean>;
  readonly clock: () => number;
  /** Asked just before the post: a reason not to post now (this run's turn to send is running out), or null. */
  readonly mayPost?: () => string | null;
  readonly checkpoint?: (point: DeliveryPoint) => void;
}

export interface NoticeToSend {
  readonly step: string;
  readonly key: string;
  readonly payload: NoticePayload;
  readonly fields: Readonly<Record<string, string>>;
  readonly record?: NoticeRecord;
}

export interface Delivery {
  /** posted: a new message; found: it was already there (an earlier try crashed); updated: edited in place. */
  readonly outcome: 'posted' | 'found' | 'updated';
  readonly channel: string;
  readonly ts: string;
  readonly permalink?: string;
  /** No permalink yet: how long Slack asked to wait before asking for it again (a 429's Retry-After). */
  readonly permalinkRetryAfterMs?: number;
}

const JOURNAL_DOWN = 'the journal could not be written, so nothing was posted';

async function confirm(
  deps: DeliveryDeps,
  notice: Pick<NoticeToSend, 'step' | 'key'>,
  channel: string,
  ts: string,
  found: boolean,
): Promise<Delivery> {
  const answer = await deps.api.permalink(channel, ts);
  const permalink = 'permalink' in answer ? answer.permalink : undefined;
  const retry = 'retryAfterMs' in answer && answer.retryAfterMs !== undefined ? { permalinkRetryAfterMs: answer.retryAfterMs } : {};
  const body: EventBody = {
    type: 'notice-sent',
    step: notice.step,
    key: notice.key,
    channel,
    ts,
    ...(permalink ? { permalink } : {}),
    ...(found ? { reconciled: true } : {}),
  };
  if (!(await deps.record(body))) {
    throw new NoticeError(
      `the notice is in Slack (ts ${ts}) but the journal could not be written; the next start finds it and marks it sent`,
    );
  }
  return { outcome: found ? 'found' : 'posted', channel, ts, ...(permalink ? { permalink } : retry) };
}

export async function deliverNotice(deps: DeliveryDeps, notice: NoticeToSend): Promise<Delivery> {
  const sent = notice.record?.sent;
  if (sent?.channel && sent.ts) return updateNotice(deps, notice, sent.channel, sent.ts);
  const intendedAt = notice.record?.intendedAt ?? deps.clock();
  const intent: EventBody = { type: 'notice-intended', step: notice.step, key: notice.key, fields: notice.fields };
  if (!(await deps.record(intent))) throw new NoticeError(JOURNAL_DOWN);
  deps.checkpoint?.('intended');

  const channel = await deps.api.channelId(notice.payload.channel);
  const existing = await deps.api.findNotice(channel, notice.key, intendedAt);
  if (existing) return confirm(deps, notice, channel, existing, true);
  deps.checkpoint?.('searched');

  const refusal = deps.mayPost?.();
  if (refusal) throw new NoticeError(refusal);
  const posted = await deps.api.post(channel, notice.payload);
  deps.checkpoint?.('posted');
  return confirm(deps, notice, posted.channel, posted.ts, false);
}

/** After a restart: a notice intended but never confirmed is looked for; found, it is marked sent. */
export async function reconcileNotice(
  deps: DeliveryDeps,
  notice: { readonly step: string; readonly key: string; readonly channel: string; readonly intendedAt: number },
): Promise<Delivery | null> {
  const channel = await deps.api.channelId(notice.channel);
  const ts = await deps.api.findNotice(channel, notice.key, notice.intendedAt);
  return ts ? confirm(deps, notice, channel, ts, true) : null;
}

async function updateNotice(deps: DeliveryDeps, notice: NoticeToSend, channel: string, ts: string): Promise<Delivery> {
  await deps.api.update(channel, ts, notice.payload);
  await deps.record({ type: 'notice-updated', step: notice.step, key: notice.key, ts });
  return { outcome: 'updated', channel, ts, ...(notice.record?.sent?.permalink ? { permalink: notice.record.sent.permalink } : {}) };
}
