import { withIsoTimes } from '../text/event-json.js';
import { formatInZone } from '../../domain/display-time.js';
import { capitalise, safeJson } from '../../domain/sanitize.js';
import { describeEvent } from '../../domain/timeline.js';
import { streamStepTitles } from '../../store/view.js';
import { uiActions } from '../../store/app-store.js';
import {
  approveForm,
  hotfixCloseForm,
  hotfixEditForm,
  hotfixOpenForm,
  noticeForm,
  takeoverForm,
  taskForm,
  waiveForm,
  type FormSpec,
} from '../forms.js';
import { act, say } from '../outcome.js';
import type { Binding, InputContext } from './binding.js';
import { ownerOf, selectedHotfix, selectedNotice, selectedStep } from './select.js';
import { showHandoff, showPayload, showStepDetails, showTimeline } from './modes/pager.js';
import { previewLines } from '../../domain/notices.js';
import { selectStatusRows, shownZone } from '../../store/selectors.js';
import { layerLink, noticeLink, stepLink } from './links.js';
import { wrapLines } from '../components/Pager.js';

/** The bindings of each screen, beside the global ones (input/modes/normal.ts). */

const flash = (ctx: InputContext, text: string, level: 'info' | 'warn' = 'info') => say(ctx.store, level, text);

/** GitHub is still being asked who you are: a form may open, and sending it waits for the answer. */
const identityPending = (ctx: InputContext): boolean => ctx.store.getState().viewer === null && ctx.store.getState().refreshing;

/** A form whose answer is recorded as your GitHub login: refused before anything is typed when there is no login. */
function openRecordingForm(ctx: InputContext, form: FormSpec): void {
  const problem = ctx.actions.signInProblem();
  if (problem && !identityPending(ctx)) return flash(ctx, problem, 'warn');
  uiActions.openForm(ctx.store, form);
}

function toggleStep(ctx: InputContext): void {
  const selected = selectedStep(ctx);
  if (!selected) return;
  const { view, hotfixKey } = selected;
  // Only a task (or a notice closed by hand) is ticked by hand; the controller says why for the rest.
  const byHand = view.step.kind === 'task' || view.step.kind === 'notice';
  if (!byHand || (view.record && view.record.via !== 'manual')) {
    return void act(ctx.store, ctx.actions.toggleTask(ownerOf(ctx, hotfixKey), view.step.id));
  }
  openRecordingForm(ctx, taskForm(view, hotfixKey));
}

/** `c`: claims the step if nobody is on it, lets go if it is yours, asks why before taking over someone else's. */
function claimStep(ctx: InputContext): void {
  const selected = selectedStep(ctx);
  if (!selected) return;
  const { view, hotfixKey } = selected;
  const owner = ownerOf(ctx, hotfixKey);
  const { viewer, now } = ctx.store.getState();
  const held = view.state === 'done' ? null : ctx.actions.claims.holder(owner, view.step.id);
  if (!held || held.by === viewer) return void act(ctx.store, ctx.actions.claims.toggle(owner, view.step.id));
  openRecordingForm(ctx, takeoverForm(view, hotfixKey, held, now));
}

function openGateForm(ctx: InputContext, kind: 'approve' | 'waive'): void {
  const selected = selectedStep(ctx);
  if (!selected) return;
  const { view, hotfixKey } = selected;
  if (view.step.kind !== 'gate') {
    return flash(ctx, `Only a gate can be ${kind === 'approve' ? 'approved' : 'waived'}; this step is a ${view.step.kind}.`);
  }
  // Refused before anything is typed: not an approver, not signed in, or nothing the gate allows.
  const owner = ownerOf(ctx, hotfixKey);
  const problem = kind === 'approve' ? ctx.actions.approvalProblem(owner, view.step.id) : ctx.actions.waiverProblem(owner, view.step.id);
  if (problem && !identityPending(ctx)) return flash(ctx, problem, 'warn');
  if (kind === 'approve') {
    const roles = ctx.actions.rolesToSign(owner, view.step.id);
    return uiActions.openForm(ctx.store, approveForm(view, hotfixKey, ctx.store.getState().viewer, roles));
  }
  const failing = view.gate?.layers.filter((l) => l.verdict === 'fail').map((l) => l.evaluation.layer.id) ?? [];
  uiActions.openForm(ctx.store, waiveForm(view, hotfixKey, failing));
}

const details: Binding = {
  keys: ['enter'],
  label: 'all details',
  run: (ctx) => {
    const selected = selectedStep(ctx);
    if (selected) showStepDetails(ctx, selected);
  },
};

const openLinkOf = (find: (ctx: InputContext) => string | undefined): Binding => ({
  keys: ['o'],
  label: 'open its link in the browser',
  run: (ctx) => void act(ctx.store, ctx.actions.openLink(find(ctx))),
});

/** Checklist and Hotfix: a playbook's steps. */
export const STEP_BINDINGS: readonly Binding[] = [
  { keys: ['space'], label: 'tick / untick task', hint: true, records: true, run: toggleStep },
  // Before the gate keys: who is on a step matters for every step, a gate's keys only for gates.
  { keys: ['c'], label: 'claim', hint: true, records: true, run: claimStep },
  { keys: ['a'], label: 'approve gate', hint: true, records: true, run: (ctx) => openGateForm(ctx, 'approve') },
  { keys: ['w'], label: 'waive layer', hint: true, records: true, run: (ctx) => openGateForm(ctx, 'waive') },
  details,
  openLinkOf((ctx) => {
    const selected = selectedStep(ctx);
    return selected ? stepLink(selected.view) : undefined;
  }),
];

function withHotfix(ctx: InputContext, run: (key: string) => void): void {
  const hotfix = selectedHotfix(ctx);
  if (!hotfix) return flash(ctx, 'No open hotfix: n opens one.');
  run(hotfix.key);
}

export const HOTFIX_BINDINGS: readonly Binding[] = [
  ...STEP_BINDINGS,
  {
    keys: ['n'],
    label: 'new hotfix',
    hint: true,
    records: true,
    run: (ctx) => openRecordingForm(ctx, hotfixOpenForm(ctx.store.getState().config.components.map((c) => c.name))),
  },
  { keys: ['H'], label: 'QE handoff', hint: true, run: (ctx) => withHotfix(ctx, (key) => showHandoff(ctx, key)) },
  { keys: ['t'], label: 'timeline', hint: true, run: (ctx) => withHotfix(ctx, (key) => showTimeline(ctx, key)) },
  {
    keys: ['e'],
    label: 'severity / report time',
    records: true,
    run: (ctx) => withHotfix(ctx, (key) => openRecordingForm(ctx, hotfixEditForm(ctx.actions.hotfixes.find(key)!))),
  },
  {
    keys: ['x'],
    label: 'close hotfix',
    records: true,
    run: (ctx) =>
      withHotfix(ctx, (key) => {
        const hotfix = ctx.actions.hotfixes.find(key)!;
        openRecordingForm(ctx, hotfixCloseForm(hotfix, ctx.actions.hotfixes.openSteps(hotfix).length));
      }),
  },
];

export const STATUS_BINDINGS: readonly Binding[] = [
  { keys: ['enter'], label: 'raw checks', hint: true, run: (ctx) => uiActions.toggleDetail(ctx.store) },
  { keys: ['/'], label: 'filter', hint: true, run: (ctx) => uiActions.startFilter(ctx.store) },
  { keys: ['m'], label: 'compatibility matrix (and back)', run: (ctx) => uiActions.toggleMatrix(ctx.store) },
  openLinkOf((ctx) => {
    const state = ctx.store.getState();
    const row = selectStatusRows(state)[state.cursor.status];
    return row ? layerLink(row) : undefined;
  }),
];

function sendNotice(ctx: InputContext): void {
  const notice = selectedNotice(ctx);
  if (!notice) return;
  // Dry, blocked or refused: the action says why without asking first.
  if (!ctx.actions.notices.live || notice.view.state === 'blocked') return void act(ctx.store, ctx.actions.notices.send(notice.key));
  const { channel } = notice.template;
  const sent = notice.record?.sent;
  const state = ctx.store.getState();
  // What the question says is what `y` does: a sent notice is edited, by the ts shown.
  uiActions.ask(ctx.store, {
    text: sent
      ? `Edit the message sent at ${formatInZone(sent.at, shownZone(state), state.now)} in ${channel}?`
      : `Post '${notice.view.title}' to ${channel}, for ROSA and GCP?`,
    yes: sent ? 'updates it in place' : 'posts it',
    run: () => {
      // Someone else holding the turn to send (another run on this journal) is said while we wait for it.
      const onWait = (holder: string) => flash(ctx, `${capitalise(holder)}…`);
      void act(ctx.store, ctx.actions.notices.send(notice.key, { ...(sent?.ts ? { editing: sent.ts } : {}), onWait }));
    },
  });
}

/** The Log: a row is one line; Enter shows the whole event, every field as the journal holds it. */
export const LOG_BINDINGS: readonly Binding[] = [
  {
    keys: ['enter'],
    label: 'the whole event',
    hint: true,
    run: (ctx) => {
      const state = ctx.store.getState();
      const logged = state.log[state.cursor.log];
      if (!logged) return;
      const { stream, event } = logged;
      const byId = (id: string) => state.log.find((l) => l.event.id === id)?.event;
      const what = describeEvent(event, streamStepTitles(state.config, state.release, state.hotfixes)(stream), byId);
      const lines = [
        `${formatInZone(event.at, shownZone(state), state.now)} · ${stream} · @${event.actor}`,
        what,
        '',
        ...safeJson(withIsoTimes(event)).split('\n'),
      ];
      uiActions.openPager(ctx.store, { kind: 'payload', title: `Journal event ${event.id}`, lines: wrapLines(lines, ctx.columns) });
    },
  },
];

export const NOTICE_BINDINGS: readonly Binding[] = [
  openLinkOf((ctx) => {
    const notice = selectedNotice(ctx);
    return notice ? noticeLink(notice) : undefined;
  }),
  { keys: ['s'], label: 'send (asks first)', hint: true, records: true, run: sendNotice },
  {
    keys: ['e'],
    label: 'edit fields',
    hint: true,
    run: (ctx) => {
      const notice = selectedNotice(ctx);
      if (!notice) return;
      if (notice.template.fields.length === 0) return flash(ctx, 'This notice has no free-text fields.');
      uiActions.openForm(ctx.store, noticeForm(notice, ctx.actions.notices.fieldsOf(notice), `Edit: ${notice.view.title}`, null));
    },
  },
  {
    keys: ['enter'],
    label: 'whole preview',
    run: (ctx) => {
      const notice = selectedNotice(ctx);
      if (!notice) return;
      const { rendered } = ctx.actions.notices.content(notice);
      const lines = previewLines(rendered);
      uiActions.openPager(ctx.store, {
        kind: 'payload',
        title: `${notice.view.title}: as Slack shows it`,
        lines: wrapLines(lines, ctx.columns),
      });
    },
  },
  {
    keys: ['p'],
    label: 'exact payload',
    hint: true,
    run: (ctx) => {
      const notice = selectedNotice(ctx);
      if (notice) showPayload(ctx, notice, ctx.actions.notices.content(notice).payload);
    },
  },
];
