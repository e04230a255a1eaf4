import { releaseStream, type EventBody } from '../domain/events.js';
import { handoverKey, handoverStep, type HandoverRecord } from '../domain/fold.js';
import {
  composeHandover,
  handoverHeadline,
  handoverLines,
  handoverMarkdown,
  handoverNotice,
  type HandoverSection,
} from '../domain/handover.js';
import { hotfixClock } from '../domain/hotfix.js';
import { noticePayload } from '../domain/notices.js';
import { done, failed, refused, type Outcome } from '../domain/outcome.js';
import { staleNotes } from '../domain/snapshot.js';
import { releaseTitle } from '../domain/version.js';
import type { SlackApi } from '../notify/slack-api.js';
import type { AppStore } from '../store/app-store.js';
import { selectLayerEvaluations, selectOpenHotfixes, selectReleasePhases, selectTeam } from '../store/selectors.js';
import { formatUtc } from '../domain/time.js';
import { heldFor } from '../domain/step-claims.js';
import type { NoticeActions, SendOptions, SendResult } from './notice-actions.js';

export interface HandoverActionsDeps {
  readonly store: AppStore;
  /** Appends one event with this id as the signed-in login: null once recorded, else why not. */
  readonly record: (stream: string, body: EventBody, id: string) => Promise<Outcome | null>;
  readonly newId: () => string;
  /** The signed-in GitHub login, once the sources have said it. */
  readonly identity: () => Promise<string | null>;
  readonly notices: NoticeActions;
  readonly slack: SlackApi | null;
  readonly writeExport: (name: string, text: string) => Promise<string>;
}

/** A hand-over, whether written yet or only drafted: what it says, as text a person reads. */
export interface HandoverText {
  readonly headline: string;
  readonly sections: readonly HandoverSection[];
}

/** The outcome of writing one: and the record, once it is in the journal. */
export type HandoverWritten = Outcome & { readonly handover?: HandoverRecord };

/**
 * Hand-overs (`W`, `handover`): a summary of everything since the last one, recorded in the
 * release's journal so the next one starts there, saved as Markdown, and posted to the team's
 * channel once (the notice protocol, with the hand-over's own step and key).
 */
export class HandoverActions {
  constructor(private readonly deps: HandoverActionsDeps) {}

  private get state() {
    return this.deps.store.getState();
  }

  /** The newest hand-over recorded, if any. */
  last(): HandoverRecord | undefined {
    return this.state.releaseState.handovers.at(-1);
  }

  /** What a hand-over written now would say, as `by`. */
  draft(by: string): HandoverText {
    const state = this.state;
    const last = this.last();
    const hotfixes = selectOpenHotfixes(state);
    const sections = composeHandover({
      now: state.now,
      since: last ? { at: last.at, by: last.by } : null,
      streams: [
        { label: '', phases: selectReleasePhases(state) },
        ...hotfixes.map(({ hotfix, phases }) => ({
          label: hotfix.key,
          phases,
          deadline: hotfixClock(hotfix, state.config, state.now).deadline,
        })),
      ],
      layers: selectLayerEvaluations(state),
      stale: staleNotes(state.snapshot),
      claimed: selectTeam(state).flatMap((member) =>
        member.on.map(
          (claim) =>
            `@${member.login} is on ${claim.hotfixKey ? `${claim.hotfixKey}: ` : ''}${claim.title}, since ${formatUtc(claim.since)} (${heldFor(claim.since, state.now)})`,
        ),
      ),
    });
    return { headline: handoverHeadline(this.title(), by, state.now), sections };
  }

  private title(): string {
    return `${releaseTitle(this.state.release)} (${this.state.release})`;
  }

  /** A recorded hand-over as text. */
  textOf(handover: HandoverRecord): HandoverText {
    return { headline: handoverHeadline(this.title(), handover.by, handover.at), sections: handover.sections };
  }

  lines = (text: HandoverText): string[] => handoverLines(text.headline, text.sections);
  markdown = (text: HandoverText): string => handoverMarkdown(text.headline, text.sections);

  /** Records a hand-over as the signed-in login: what it says is fixed from here on. */
  async write(): Promise<HandoverWritten> {
    const viewer = await this.deps.identity();
    if (!viewer) return refused('Not handed over: not signed in to GitHub, and the journal records who handed over.');
    const { sections } = this.draft(viewer);
    const since = this.last()?.at;
    const id = this.deps.newId();
    const body: EventBody = { type: 'handover-written', sections, ...(since !== undefined ? { since } : {}) };
    const problem = await this.deps.record(releaseStream(this.state.release), body, id);
    if (problem) return problem;
    const handover = this.state.releaseState.handovers.find((h) => h.id === id);
    if (!handover) return failed('The hand-over was written, but the journal did not read it back; run `hyperfleet-tui handover --last`.');
    return { ...done(`Handed over: the next hand-over starts from ${id.slice(0, 8)}`), handover };
  }

  /** Saves a hand-over's Markdown beside the journal. */
  async save(handover: HandoverRecord): Promise<Outcome> {
    const stamp = new Date(handover.at).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    try {
      const path = await this.deps.writeExport(`handover-${this.state.release}-${stamp}.md`, this.markdown(this.textOf(handover)));
      return done(`Saved the hand-over to ${path}`);
    } catch (error) {
      return failed(`Could not save the hand-over: ${(error as Error).message}`);
    }
  }

  /** The channel the hand-over goes to: the team's, as hyperfleet.yaml `slack.channel` names it. */
  get channel(): string {
    return this.state.config.slack.channel;
  }

  /** Posts a recorded hand-over to the team's channel, once for the whole team. */
  async post(id: string, options: SendOptions = {}): Promise<SendResult> {
    const slack = this.deps.slack;
    if (!slack) return refused('Not posted: dry run: SLACK_BOT_TOKEN is not set, so nothing was posted.');
    const find = () => this.state.releaseState.handovers.find((h) => h.id === id);
    const handover = find();
    if (!handover) return refused(`Not posted: no hand-over ${id} in the journal of ${this.state.release}.`);
    const key = handoverKey(this.state.release, id);
    const current = () => {
      const now = find();
      if (!now) return null;
      const text = this.textOf(now);
      const payload = noticePayload(handoverNotice(text.headline, text.sections), this.channel, key);
      return {
        title: `the hand-over of ${formatUtc(now.at)}`,
        payload,
        fields: {},
        ...(now.notice ? { record: now.notice } : {}),
      };
    };
    const sent = handover.notice?.sent;
    if (sent)
      return {
        ...refused(`Not posted again: ${current()!.title} is in the channel already${sent.permalink ? ` — ${sent.permalink}` : ''}.`),
        alreadySent: sent,
      };
    return this.deps.notices.postOnce(
      { stream: releaseStream(this.state.release), step: handoverStep(id), key, current },
      slack,
      undefined,
      options,
    );
  }
}
