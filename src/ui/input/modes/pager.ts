import { uiActions, type PagerState } from '../../../store/app-store.js';
import { timelineMarkdown } from '../../../domain/timeline.js';
import { stepDetailLines } from '../../text/step-lines.js';
import { pagerPage, wrapLines } from '../../components/Pager.js';
import { noticeForm } from '../../forms.js';
import { act, say } from '../../outcome.js';
import type { Binding, InputContext, Mode } from '../binding.js';
import { selectFreeze, selectNotices, shownTimes, shownZone } from '../../../store/selectors.js';
import { stepExtraLines } from '../../text/freeze-lines.js';
import { claimLines } from '../../text/claim-lines.js';
import { stepClaimOf } from '../../../store/team.js';
import { capitalise, safeJson } from '../../../domain/sanitize.js';
import type { NoticeView } from '../../../store/view.js';
import type { HandoverRecord } from '../../../domain/fold.js';
import { outcomeText } from '../../../domain/outcome.js';

const open = (ctx: InputContext, pager: Omit<PagerState, 'scroll' | 'lines'> & { lines: readonly string[] }) =>
  uiActions.openPager(ctx.store, { ...pager, lines: wrapLines(pager.lines, ctx.columns) });

export function showStepDetails(
  ctx: InputContext,
  selected: { view: import('../../../domain/playbook.js').StepView; hotfixKey: string | null },
) {
  const state = ctx.store.getState();
  const extra = [
    ...claimLines(stepClaimOf(state, selected.view, selected.hotfixKey), state.viewer, state.now),
    ...stepExtraLines(selectFreeze(state), state.config.codeFreeze, selected.view, selected.hotfixKey, shownTimes(state), true),
  ];
  const lines = stepDetailLines(selected.view, state.config.roles, state.now, shownZone(state), true, extra).map((l) => l.text);
  open(ctx, { kind: 'step', title: selected.view.title, step: { id: selected.view.step.id, hotfixKey: selected.hotfixKey }, lines });
}

export function showHandoff(ctx: InputContext, key: string): void {
  const markdown = ctx.actions.hotfixes.handoff(key);
  if (markdown !== null) open(ctx, { kind: 'handoff', title: `${key}: QE handoff`, hotfixKey: key, lines: markdown.split('\n') });
}

export function showTimeline(ctx: InputContext, key: string): void {
  const timeline = ctx.actions.hotfixes.timeline(key);
  if (timeline) open(ctx, { kind: 'timeline', title: `${key}: timeline`, hotfixKey: key, lines: timelineMarkdown(timeline).split('\n') });
}

/**
 * `W`: what a hand-over now would say, a draft until `w` or `s` records it; from then on the
 * pager shows the recorded one, which is what gets posted.
 */
export function showHandover(ctx: InputContext): void {
  const viewer = ctx.store.getState().viewer;
  if (!viewer) return say(ctx.store, 'warn', ctx.actions.signInProblem() ?? 'Not signed in to GitHub.');
  const lines = ctx.actions.handovers.lines(ctx.actions.handovers.draft(viewer));
  open(ctx, { kind: 'handover', title: 'Hand-over, a draft until w or s records it', lines });
}

function showRecordedHandover(ctx: InputContext, handover: HandoverRecord): void {
  const lines = ctx.actions.handovers.lines(ctx.actions.handovers.textOf(handover));
  open(ctx, { kind: 'handover', title: `Hand-over by @${handover.by} (recorded)`, handoverId: handover.id, lines });
}

/** The hand-over this pager shows, recorded now if it is still a draft. */
async function recordedHandover(ctx: InputContext): Promise<HandoverRecord | null> {
  const id = ctx.store.getState().pager?.handoverId;
  const known = id ? ctx.store.getState().releaseState.handovers.find((h) => h.id === id) : undefined;
  if (known) return known;
  const written = await ctx.actions.handovers.write();
  if (!written.handover) {
    say(ctx.store, 'warn', outcomeText(written));
    return null;
  }
  showRecordedHandover(ctx, written.handover);
  return written.handover;
}

function saveHandover(ctx: InputContext): void {
  void (async () => {
    const handover = await recordedHandover(ctx);
    if (handover) await act(ctx.store, ctx.actions.handovers.save(handover));
  })();
}

function postHandover(ctx: InputContext): void {
  const id = ctx.store.getState().pager?.handoverId;
  const recorded = id !== undefined;
  // Posted already: said at once (with its permalink), never asked as if it would post.
  const posted = recorded && ctx.store.getState().releaseState.handovers.find((h) => h.id === id)?.notice?.sent;
  if (posted) return void act(ctx.store, ctx.actions.handovers.post(id));
  uiActions.ask(ctx.store, {
    text: `${recorded ? 'Post this hand-over' : 'Record this hand-over and post it'} to ${ctx.actions.handovers.channel}?`,
    yes: recorded ? 'posts it, once for the team' : 'records it, then posts it once for the team',
    run: () =>
      void (async () => {
        const handover = await recordedHandover(ctx);
        const onWait = (holder: string) => say(ctx.store, 'info', `${capitalise(holder)}…`);
        if (handover) await act(ctx.store, ctx.actions.handovers.post(handover.id, { onWait }));
      })(),
  });
}

const HANDOVER_BINDINGS: readonly Binding[] = [
  { keys: ['w'], label: 'hand over: record, save as Markdown', hint: true, records: true, run: saveHandover },
  { keys: ['s'], label: "hand over: record, post to the team's channel (asks)", hint: true, records: true, run: postHandover },
];

/** The exact API payload of a notice, scrolled like any long text. */
export function showPayload(ctx: InputContext, notice: NoticeView, payload: unknown): void {
  open(ctx, { kind: 'payload', title: `${notice.view.title}: the exact chat.postMessage payload`, lines: safeJson(payload).split('\n') });
}

/** The qe-handoff notice's fields (what changed, what to test, what not to), edited over the handoff. */
function editHandoff(ctx: InputContext, key: string): void {
  const notice = selectNotices(ctx.store.getState()).find((n) => n.owner === key && n.template.kind === 'qe-handoff');
  if (!notice) return say(ctx.store, 'info', 'No qe-handoff notice in the hotfix playbook.');
  uiActions.openForm(ctx.store, noticeForm(notice, ctx.actions.notices.fieldsOf(notice), `QE handoff for ${key}`, key));
}

const scroll = (lines: (page: number) => number) => (ctx: InputContext) =>
  uiActions.scrollPager(ctx.store, lines(pagerPage(ctx.bodyHeight)), pagerPage(ctx.bodyHeight));

const SCROLLING: readonly Binding[] = [
  { keys: ['down', 'j'], label: 'scroll down', hint: true, run: scroll(() => 1) },
  { keys: ['up', 'k'], label: 'scroll up', run: scroll(() => -1) },
  { keys: ['pagedown', 'space'], label: 'next page', hint: true, run: scroll((page) => page) },
  { keys: ['pageup'], label: 'previous page', run: scroll((page) => -page) },
  { keys: ['g', 'home'], label: 'top', run: scroll(() => -Infinity) },
  { keys: ['G', 'end'], label: 'bottom', run: scroll(() => Infinity) },
  { keys: ['escape', 'q', 'enter', 'ctrl-c'], label: 'close', hint: true, run: (ctx) => uiActions.closePager(ctx.store) },
];

/** Long text over the screen: a step's details, the QE handoff, a timeline, a notice's payload. */
export const pagerMode: Mode = {
  id: 'pager',
  title: 'In the pager (step details, QE handoff, hand-over, timeline, payload)',
  bindings(ctx) {
    const pager = ctx.store.getState().pager;
    const key = pager?.hotfixKey;
    if (pager?.kind === 'handover') return [...HANDOVER_BINDINGS, ...SCROLLING];
    if (pager?.kind !== 'handoff' || !key) return SCROLLING;
    return [
      { keys: ['w'], label: 'save to a file', hint: true, run: (c) => void act(c.store, c.actions.hotfixes.saveHandoff(key)) },
      { keys: ['e'], label: 'edit what to test', hint: true, run: (c) => editHandoff(c, key) },
      ...SCROLLING,
    ];
  },
};
