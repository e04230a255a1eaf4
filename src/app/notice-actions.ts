import type { EventBody } from '../domain/events.js';
import { hotfixStream, releaseStream } from '../domain/events.js';
import { deliverNotice, reconcileNotice, type Delivery, type DeliveryPoint } from '../notify/deliver.js';
import { NoticeError } from '../notify/errors.js';
import type { SlackApi } from '../notify/slack-api.js';
import type { AppStore } from '../store/app-store.js';
import { done, failed, refused, type Outcome } from '../domain/outcome.js';
import { selectNotices, shownZone } from '../store/selectors.js';
import { noticeContent, type NoticeView } from '../store/view.js';
import type { NoticePayload } from '../domain/notices.js';
import { handoverKey, handoverStep, type NoticeRecord } from '../domain/fold.js';
import { redactSecrets } from './redact.js';
import { quoteTitles } from '../domain/playbook.js';
import { notSignedInReason } from '../domain/snapshot.js';
import { formatInZone, type DisplayZone } from '../domain/display-time.js';
import { claimant, POST_MARGIN_MS } from '../domain/claims.js';
import { ClaimError, type HeldClaim, type NoticeClaims } from '../journal/claims.js';

export interface NoticeActionsDeps {
  readonly store: AppStore;
  /** Appends one event as the signed-in GitHub login; false when it could not. */
  readonly record: (stream: string, body: EventBody) => Promise<boolean>;
  /** null without SLACK_BOT_TOKEN: the app runs dry, showing payloads and recording nothing. */
  readonly slack: SlackApi | null;
  /** The signed-in GitHub login, once the sources have said it. */
  readonly identity: () => Promise<string | null>;
  readonly clock: () => number;
  /** Turns to send, so that one journal posts a notice once whoever asks. */
  readonly claims: NoticeClaims;
  /** Reads the journal again: another run may have sent the notice while this one waited its turn. */
  readonly reload: () => Promise<void>;
  readonly checkpoint?: (point: DeliveryPoint) => void;
}

/** A sent notice as the journal has it: when, by whom, and where the message is. */
export type SentRecord = NonNullable<NonNullable<NoticeView['record']>['sent']>;

/** Posted, edited, found in the channel, or sent by another run while this one waited its turn. */
export type SendDelivery = Delivery | (Omit<Delivery, 'outcome'> & { readonly outcome: 'sent-elsewhere'; readonly sent: SentRecord });

/**
 * An outcome, with what Slack has when done (`delivery`), or, refused because the notice was sent
 * and editing that message was not asked for, when and where it was (`alreadySent`).
 */
export type SendResult = Outcome & { readonly delivery?: SendDelivery; readonly alreadySent?: SentRecord };

export interface SendOptions {
  /**
   * The ts of the sent message the person agreed to edit in place. Without it, a notice that was
   * sent is left as it is: nothing leaves without being asked.
   */
  readonly editing?: string;
  /** Told who holds the turn to send while this run waits for it (a headless run says so on stderr). */
  readonly onWait?: (holder: string) => void;
}

/** What `postOnce` posts: where its events go, and what the journal says of it now (null: it is gone). */
export interface PostTarget {
  readonly stream: string;
  readonly step: string;
  readonly key: string;
  readonly current: () => {
    readonly title: string;
    readonly payload: NoticePayload;
    readonly fields: Readonly<Record<string, string>>;
    readonly record?: NoticeRecord;
  } | null;
}

/** "sent 2026-11-20 14:02 CET by @rh-amarin (https://…)": where a sent notice is, in one phrase, in the person's zone. */
export const sentPhrase = (sent: SentRecord, zone: DisplayZone, now: number): string =>
  `sent ${formatInZone(sent.at, zone, now)} by @${sent.by} (${sent.permalink ?? (sent.ts ? `ts ${sent.ts}, no permalink yet` : 'no link recorded')})`;

/** Sending, editing and reconciling notices: the app's side of notify/, writing results into the store. */
/** Asking again for a permalink after a failure that came without Retry-After. */
const PERMALINK_RETRY_MS = 60_000;

export class NoticeActions {
  /** By notice key: not before this time is Slack asked again for the permalink of a sent notice. */
  private readonly permalinkRetryAt = new Map<string, number>();
  private completing: Promise<void> | null = null;

  constructor(private readonly deps: NoticeActionsDeps) {}

  get live(): boolean {
    return this.deps.slack !== null;
  }

  find(key: string): NoticeView | undefined {
    return selectNotices(this.deps.store.getState()).find((n) => n.key === key);
  }

  /** The fields as edited in this session, over what the last send used, over the template's defaults. */
  fieldsOf(notice: NoticeView): Record<string, string> {
    const edits = this.deps.store.getState().noticeEdits[notice.key] ?? {};
    return Object.fromEntries(notice.template.fields.map((f) => [f.name, edits[f.name] ?? notice.record?.fields?.[f.name] ?? f.default]));
  }

  /** Exactly what would be posted, with these fields (by default, as edited). */
  content(notice: NoticeView, fields = this.fieldsOf(notice)) {
    const state = this.deps.store.getState();
    return noticeContent(state.config, notice, state, fields);
  }

  private streamOf(notice: NoticeView): string {
    return notice.subject.kind === 'release' ? releaseStream(notice.owner) : hotfixStream(notice.owner);
  }

  private deliveryDeps(stream: string, slack: SlackApi) {
    return {
      api: slack,
      record: (body: EventBody) => this.deps.record(stream, body),
      clock: this.deps.clock,
      ...(this.deps.checkpoint ? { checkpoint: this.deps.checkpoint } : {}),
    };
  }

  private setError(key: string, error: string | null): void {
    this.deps.store.setState((s) => {
      const { [key]: _, ...rest } = s.noticeErrors;
      return { noticeErrors: error === null ? rest : { ...rest, [key]: error } };
    });
  }

  /**
   * Posts the notice, or edits the sent message in place when `options.editing` names it. Dry
   * (no token): refuses, recording nothing. A failure keeps the notice pending, with the reason
   * shown beside it.
   */
  async send(key: string, options: SendOptions = {}): Promise<SendResult> {
    const notice = this.find(key);
    if (!notice) return refused(`Not sent: no notice ${key} in this release or its open hotfixes.`);
    const slack = this.deps.slack;
    if (!slack) return refused('Not sent: dry run: SLACK_BOT_TOKEN is not set, so nothing was posted and nothing recorded.');
    if (notice.view.state === 'blocked') return this.refuse(key, `"${notice.view.title}" waits for ${quoteTitles(notice.view.waitsFor)}`);
    const sent = notice.record?.sent;
    if (sent && (!sent.ts || options.editing !== sent.ts)) {
      return {
        ...refused(
          `Not sent again: ${key} was ${sentPhrase(sent, shownZone(this.deps.store.getState()), this.deps.clock())}; nothing was changed.`,
        ),
        alreadySent: sent,
      };
    }
    const target = {
      stream: this.streamOf(notice),
      step: notice.view.step.id,
      key,
      current: () => {
        const now = this.find(key);
        if (!now) return null;
        const fields = this.fieldsOf(now);
        return { title: now.view.title, fields, payload: this.content(now, fields).payload, ...(now.record ? { record: now.record } : {}) };
      },
    };
    return this.postOnce(target, slack, sent, options);
  }

  /**
   * Posts a message once for the whole team: with the turn to send it held (domain/claims), and
   * the journal read again, since another run may have sent it while this one waited. Notices
   * come here, and so does a hand-over (its own step and key).
   */
  async postOnce(target: PostTarget, slack: SlackApi, seen: SentRecord | undefined, options: SendOptions = {}): Promise<SendResult> {
    const { key } = target;
    const actor = await this.deps.identity();
    if (!actor) {
      return this.refuse(key, `${notSignedInReason(this.deps.store.getState().snapshot)}, and the journal records who sent each notice`);
    }
    // One run at a time sends a notice, whoever asks: the TUI, a headless run, or two of either.
    let claim: HeldClaim;
    try {
      claim = await this.deps.claims.acquire(target.stream, { step: target.step, key }, actor, (holder) =>
        options.onWait?.(`${claimant(holder)} is sending ${key}; waiting for it`),
      );
    } catch (error) {
      if (!(error instanceof ClaimError)) throw error;
      return this.fail(key, error.message);
    }
    try {
      return await this.deliver(target, seen, claim, slack);
    } finally {
      await claim.release();
      await this.deps.reload(); // the Log shows the turn ended
    }
  }

  /** With the turn held: what the journal says now decides, not what this run saw before it waited. */
  private async deliver(target: PostTarget, seen: SentRecord | undefined, claim: HeldClaim, slack: SlackApi): Promise<SendResult> {
    const { key } = target;
    await this.deps.reload();
    const current = target.current();
    if (!current) return refused(`Not sent: no notice ${key} in this release or its open hotfixes.`);
    const sent = current.record?.sent;
    if (sent && sent.ts !== seen?.ts) {
      const delivery = { outcome: 'sent-elsewhere', channel: sent.channel ?? '', ts: sent.ts ?? '', sent } as const;
      this.setError(key, null);
      return {
        ...done(`Not posted twice: ${current.title} was ${sentPhrase(sent, shownZone(this.deps.store.getState()), this.deps.clock())}`),
        delivery: { ...delivery, ...(sent.permalink ? { permalink: sent.permalink } : {}) },
      };
    }
    const { fields, payload } = current;
    const mayPost = () =>
      this.deps.clock() < claim.expiresAt - POST_MARGIN_MS
        ? null
        : `the turn to send ${key} ran out before the post (Slack was slow); nothing was posted, so sending again is safe`;
    try {
      const delivery = await deliverNotice(
        { ...this.deliveryDeps(target.stream, slack), mayPost },
        { step: target.step, key, payload, fields, ...(current.record ? { record: current.record } : {}) },
      );
      this.setError(key, null);
      if (!delivery.permalink) this.permalinkRetryAt.set(key, this.deps.clock() + (delivery.permalinkRetryAfterMs ?? PERMALINK_RETRY_MS));
      const verb = { posted: 'Posted', found: 'Already in the channel (marked sent)', updated: 'Edited in Slack' }[delivery.outcome];
      return { ...done(`${verb}: ${current.title}${delivery.permalink ? ` — ${delivery.permalink}` : ''}`), delivery };
    } catch (error) {
      if (!(error instanceof NoticeError)) throw error;
      return this.fail(key, error.message);
    }
  }

  /** Not sent, and shown beside the notice until it is: refused (it waits, no login) or failed (Slack, the journal). */
  private fail(key: string, message: string): SendResult {
    const error = redactSecrets(message);
    this.setError(key, error);
    return failed(`Not sent: ${error}`);
  }

  private refuse(key: string, message: string): SendResult {
    const reason = redactSecrets(message);
    this.setError(key, reason);
    return refused(`Not sent: ${reason}`);
  }

  /**
   * On start: every notice intended but never confirmed is looked for in the channel, unless a
   * run is sending it right now (its intent is no crash, and its own confirmation is coming).
   */
  async reconcile(): Promise<Delivery[]> {
    const slack = this.deps.slack;
    if (!slack) return [];
    const state = this.deps.store.getState();
    const notices = selectNotices(state)
      .filter((n) => n.record?.intendedAt !== undefined && !n.record.sent)
      .map((n) => ({
        stream: this.streamOf(n),
        step: n.view.step.id,
        key: n.key,
        channel: n.template.channel,
        intendedAt: n.record!.intendedAt!,
      }));
    const handovers = state.releaseState.handovers
      .filter((h) => h.notice?.intendedAt !== undefined && !h.notice.sent)
      .map((h) => ({
        stream: releaseStream(state.release),
        step: handoverStep(h.id),
        key: handoverKey(state.release, h.id),
        channel: state.config.slack.channel,
        intendedAt: h.notice!.intendedAt!,
      }));
    const found: Delivery[] = [];
    for (const { stream, ...notice } of [...notices, ...handovers]) {
      try {
        if (await this.deps.claims.holder(stream, notice.key)) continue;
        const delivery = await reconcileNotice(this.deliveryDeps(stream, slack), notice);
        if (delivery) found.push(delivery);
      } catch (error) {
        if (!(error instanceof NoticeError)) throw error;
        this.setError(notice.key, error.message);
      }
    }
    await this.completePermalinks();
    return found;
  }

  /**
   * Asks Slack again for the permalink of every sent notice that has none (Slack was rate
   * limiting when it was sent, say), never sooner than Slack's Retry-After, and records each
   * one found. Called on start, by every notify command, and by the app's clock each second.
   */
  completePermalinks(): Promise<void> {
    return (this.completing ??= this.askForPermalinks().finally(() => (this.completing = null)));
  }

  private async askForPermalinks(): Promise<void> {
    const slack = this.deps.slack;
    const due = (n: NoticeView) =>
      n.record?.sent?.ts &&
      n.record.sent.channel &&
      !n.record.sent.permalink &&
      (this.permalinkRetryAt.get(n.key) ?? 0) <= this.deps.clock();
    if (!slack || !selectNotices(this.deps.store.getState()).some(due)) return;
    // Recorded as the signed-in login; without one there is nobody to record it as, and no need to say so each second.
    if (!(await this.deps.identity())) return;
    for (const notice of selectNotices(this.deps.store.getState()).filter(due)) {
      const { channel, ts } = notice.record!.sent! as { channel: string; ts: string };
      const answer = await slack.permalink(channel, ts);
      if (!('permalink' in answer)) {
        this.permalinkRetryAt.set(notice.key, this.deps.clock() + (answer.retryAfterMs ?? PERMALINK_RETRY_MS));
        continue;
      }
      this.permalinkRetryAt.delete(notice.key);
      const body = { type: 'notice-permalink', step: notice.view.step.id, key: notice.key, ts, permalink: answer.permalink } as const;
      await this.deps.record(this.streamOf(notice), body);
    }
  }
}
