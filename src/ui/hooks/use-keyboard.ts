import { useApp, useInput } from 'ink';
import type { StepOwner } from '../../app/controller.js';
import type { Outcome } from '../../app/outcome.js';
import { showOutcome } from '../outcome.js';
import { capitalise } from '../../domain/sanitize.js';
import type { StepView } from '../../domain/playbook.js';
import type { HotfixState } from '../../domain/fold.js';
import { uiActions, type ScreenId } from '../../store/app-store.js';
import { flatSteps } from '../../store/view.js';
import { commandFor, pressedKeys, type Command } from '../keymap.js';
import {
  approveForm,
  formProblem,
  hotfixCloseForm,
  hotfixEditForm,
  hotfixOpenForm,
  noticeForm,
  reportedText,
  taskForm,
  waiveForm,
  type FormSpec,
} from '../forms.js';
import { timelineMarkdown } from '../../domain/timeline.js';
import { stepDetailLines } from '../text/step-lines.js';
import { pagerPage, wrapLines } from '../components/Pager.js';
import { HEADER_HEIGHT } from '../components/Header.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useAppState, useController, useStoreApi } from './store-context.js';
import { useNotices, useOpenHotfixes, useReleasePhases, useStatusRows } from './use-views.js';

/** The rows the cursor moves over: release steps, and the steps of every open hotfix. */
function useSelectableSteps(): { releaseSteps: StepView[]; hotfixSteps: Array<{ hotfix: HotfixState; view: StepView }> } {
  const releaseSteps = flatSteps(useReleasePhases());
  const hotfixSteps = useOpenHotfixes().flatMap((h) => flatSteps(h.phases).map((view) => ({ hotfix: h.hotfix, view })));
  return { releaseSteps, hotfixSteps };
}

/**
 * Every keypress of the app: text into an open form or filter, else a command from the keymap.
 * Commands change the store (UI state) or call the controller (actions); nothing else.
 */
export function useKeyboard(): void {
  const { exit } = useApp();
  const store = useStoreApi();
  const controller = useController();
  const show = (outcome: Outcome): Outcome => showOutcome(store, outcome);
  const onWait = (text: string): void => uiActions.flash(store, { level: 'info', text: `${capitalise(text)}…` });
  const { releaseSteps, hotfixSteps } = useSelectableSteps();
  const notices = useNotices();
  const componentNames = useAppState((s) => s.config.components).map((c) => c.name);
  const { rows, columns } = useTerminalSize();
  const bodyHeight = Math.max(1, rows - HEADER_HEIGHT - 1);
  const lengths: Record<ScreenId, number> = {
    dashboard: 0,
    checklist: releaseSteps.length,
    hotfix: hotfixSteps.length,
    status: useStatusRows().length,
    notices: notices.length,
    log: useAppState((s) => s.log.length),
  };

  const ownerOf = (hotfixKey: string | null): StepOwner => {
    const hotfix = hotfixKey ? hotfixSteps.find((h) => h.hotfix.key === hotfixKey)?.hotfix : undefined;
    return hotfix ? { kind: 'hotfix', hotfix } : { kind: 'release' };
  };

  const run = (command: Command): void => {
    switch (command.type) {
      case 'quit':
        return exit();
      case 'help':
        return uiActions.toggleHelp(store);
      case 'close':
        return uiActions.closeOverlays(store);
      case 'screen':
        return uiActions.showScreen(store, command.screen);
      case 'cycle':
        return uiActions.cycleScreen(store, command.delta);
      case 'move':
        return uiActions.moveCursor(store, command.delta, lengths[store.getState().screen]);
      case 'refresh':
        return void controller.refresh();
      case 'detail':
        return uiActions.toggleDetail(store);
      case 'approve':
      case 'waive':
        return openGateForm(command.type);
      case 'filter':
        return uiActions.startFilter(store);
      case 'demo-next':
        return void controller.advanceDemo(store.getState().screen === 'hotfix' ? 'hotfix' : 'release').then(show);
      case 'toggle-payload':
        return uiActions.togglePayload(store);
      case 'step-details': {
        const selected = selectedStep();
        if (!selected) return;
        const { roles } = store.getState().config;
        const lines = stepDetailLines(selected.view, roles, store.getState().now, true).map((l) => l.text);
        const step = { id: selected.view.step.id, hotfixKey: selected.hotfixKey };
        return uiActions.openPager(store, { kind: 'step', title: selected.view.title, step, lines: wrapLines(lines, columns) });
      }
      case 'open-hotfix':
        return openRecordingForm(hotfixOpenForm(componentNames));
      case 'edit-hotfix': {
        const hotfix = selectedHotfix();
        if (!hotfix) return;
        return openRecordingForm(hotfixEditForm(hotfix));
      }
      case 'close-hotfix': {
        const hotfix = selectedHotfix();
        if (!hotfix) return;
        return openRecordingForm(hotfixCloseForm(hotfix));
      }
      case 'handoff': {
        const hotfix = selectedHotfix();
        if (hotfix) showHandoff(hotfix.key);
        return;
      }
      case 'timeline': {
        const hotfix = selectedHotfix();
        const timeline = hotfix ? controller.hotfixes.timeline(hotfix.key) : null;
        if (!hotfix || !timeline) return;
        return uiActions.openPager(store, {
          kind: 'timeline',
          title: `${hotfix.key}: timeline`,
          hotfixKey: hotfix.key,
          lines: wrapLines(timelineMarkdown(timeline).split('\n'), columns),
        });
      }
      case 'send-notice': {
        const notice = notices[store.getState().cursor.notices];
        if (!notice) return;
        // Dry, blocked or refused: the controller says why without asking first.
        if (!controller.notices.live || notice.view.state === 'blocked') return void controller.notices.send(notice.key).then(show);
        // What the question says is what `y` does: a sent notice is edited, by the ts shown.
        const editing = notice.record?.sent?.ts;
        return uiActions.askToSend(store, { key: notice.key, ...(editing ? { editing } : {}) });
      }
      case 'edit-notice': {
        const notice = notices[store.getState().cursor.notices];
        if (!notice) return;
        if (notice.template.fields.length === 0)
          return uiActions.flash(store, { level: 'info', text: 'This notice has no free-text fields.' });
        return uiActions.openForm(store, noticeForm(notice, controller.notices.fieldsOf(notice), `Edit: ${notice.view.title}`, null));
      }
      case 'toggle-step': {
        const selected = selectedStep();
        if (!selected) return;
        const { view, hotfixKey } = selected;
        // Only a task is ticked by hand, and ticking asks for a note; the controller explains the rest.
        const byHand = view.step.kind === 'task' || view.step.kind === 'notice';
        if (!byHand || (view.record && view.record.via !== 'manual')) {
          return void controller.toggleTask(ownerOf(hotfixKey), view.step.id).then(show);
        }
        return openRecordingForm(taskForm(view, hotfixKey));
      }
    }
  };

  /** The hotfix under the cursor on the Hotfix screen (or the most urgent one). */
  const selectedHotfix = (): HotfixState | null => {
    const picked = hotfixSteps[store.getState().cursor.hotfix] ?? hotfixSteps[0];
    if (!picked) uiActions.flash(store, { level: 'info', text: 'No open hotfix: n opens one.' });
    return picked?.hotfix ?? null;
  };

  const showHandoff = (key: string): void => {
    const markdown = controller.hotfixes.handoff(key);
    if (markdown === null) return;
    uiActions.openPager(store, {
      kind: 'handoff',
      title: `${key}: QE handoff`,
      hotfixKey: key,
      lines: wrapLines(markdown.split('\n'), columns),
    });
  };

  /** The qe-handoff notice's fields (what changed, what to test, what not to), edited over the handoff. */
  const editHandoff = (key: string): void => {
    const notice = notices.find((n) => n.owner === key && n.template.kind === 'qe-handoff');
    if (!notice) return uiActions.flash(store, { level: 'info', text: 'No qe-handoff notice in the hotfix playbook.' });
    uiActions.openForm(store, noticeForm(notice, controller.notices.fieldsOf(notice), `QE handoff for ${key}`, key));
  };

  /** Keys while the pager is open: scroll, save or edit the handoff, close. */
  const pagerKey = (name: string): void => {
    const pager = store.getState().pager!;
    const page = pagerPage(bodyHeight);
    const moves: Record<string, number> = {
      up: -1,
      k: -1,
      down: 1,
      j: 1,
      pageup: -page,
      pagedown: page,
      space: page,
      g: -Infinity,
      G: Infinity,
    };
    if (name in moves) return uiActions.scrollPager(store, moves[name]!, page);
    if (name === 'escape' || name === 'q' || name === 'enter') return uiActions.closePager(store);
    if (pager.kind === 'handoff' && pager.hotfixKey && name === 'w')
      return void controller.hotfixes.saveHandoff(pager.hotfixKey).then(show);
    if (pager.kind === 'handoff' && pager.hotfixKey && name === 'e') return editHandoff(pager.hotfixKey);
  };

  /** Sends the open form to the controller; the controller says yes (journal) or why not. */
  const submitForm = (): void => {
    const form = store.getState().form;
    if (!form) return;
    // Longer than the journal keeps: refused here, the form stays open to shorten it, nothing is written.
    const tooLong = formProblem(form);
    if (tooLong) return uiActions.flash(store, { level: 'warn', text: tooLong });
    uiActions.closeForm(store);
    const values = Object.fromEntries(form.fields.map((f) => [f.key, f.value]));
    const owner = ownerOf(form.hotfixKey);
    const text = (key: string) => values[key] ?? '';
    if (form.kind === 'notice') {
      uiActions.editNotice(store, form.stepId, values);
      // Editing the handoff's fields from its pager shows the handoff again, with them.
      const pager = store.getState().pager;
      if (pager?.kind === 'handoff' && pager.hotfixKey) showHandoff(pager.hotfixKey);
    } else if (form.kind === 'hotfix-open') {
      void controller.hotfixes
        .open({
          key: text('key'),
          severity: text('severity'),
          component: text('component'),
          affects: text('affects'),
          summary: text('summary'),
          reported: text('reported'),
        })
        .then(show);
    } else if (form.kind === 'hotfix-edit' && form.hotfixKey) {
      void editHotfix(form.hotfixKey, text('severity'), text('reported'), text('reason'));
    } else if (form.kind === 'hotfix-close' && form.hotfixKey) {
      void controller.hotfixes.close(form.hotfixKey, text('note')).then(show);
    } else if (form.kind === 'task') void controller.toggleTask(owner, form.stepId, values.note ?? '').then(show);
    else if (form.kind === 'approve') void controller.approve(owner, form.stepId, values.comment ?? '').then(show);
    else
      void controller
        .waive(owner, form.stepId, {
          layer: values.layer ?? '',
          tracking: values.tracking ?? '',
          reason: values.reason ?? '',
          mitigation: values.mitigation ?? '',
        })
        .then(show);
  };

  /** The step under the cursor, and whose playbook it is in. */
  const selectedStep = () => {
    const { screen: current, cursor } = store.getState();
    if (current === 'checklist') {
      const view = releaseSteps[cursor.checklist];
      return view ? { view, hotfixKey: null } : null;
    }
    if (current === 'hotfix') {
      const picked = hotfixSteps[cursor.hotfix];
      return picked ? { view: picked.view, hotfixKey: picked.hotfix.key } : null;
    }
    return null;
  };

  /** GitHub is still being asked who you are: a form may open, and sending it waits for the answer. */
  const identityPending = (): boolean => store.getState().viewer === null && store.getState().refreshing;

  /**
   * A form whose answer goes into the journal as your GitHub login: refused before anything is
   * typed when GitHub has said there is no login (no token, or GitHub's own error).
   */
  const openRecordingForm = (form: FormSpec): void => {
    const problem = controller.signInProblem();
    if (problem && !identityPending()) return uiActions.flash(store, { level: 'warn', text: problem });
    uiActions.openForm(store, form);
  };

  const openGateForm = (kind: 'approve' | 'waive'): void => {
    const selected = selectedStep();
    if (!selected) return;
    const { view, hotfixKey } = selected;
    if (view.step.kind !== 'gate')
      return uiActions.flash(store, {
        level: 'info',
        text: `Only a gate can be ${kind === 'approve' ? 'approved' : 'waived'}; this step is a ${view.step.kind}.`,
      });
    // Refused before anything is typed: not an approver, not signed in, or nothing the gate allows.
    // While GitHub is still being asked who you are, the form opens, and sending it waits for that.
    const owner = ownerOf(hotfixKey);
    const problem = kind === 'approve' ? controller.approvalProblem(owner, view.step.id) : controller.waiverProblem(owner, view.step.id);
    if (problem && !identityPending()) return uiActions.flash(store, { level: 'warn', text: problem });
    if (kind === 'approve') return uiActions.openForm(store, approveForm(view, hotfixKey));
    const failing = view.gate?.layers.filter((l) => l.verdict === 'fail').map((l) => l.evaluation.layer.id) ?? [];
    uiActions.openForm(store, waiveForm(view, hotfixKey, failing));
  };

  /** The edit form records what changed: the severity, the report time, or both. */
  const editHotfix = async (key: string, severity: string, reported: string, reason: string): Promise<void> => {
    const hotfix = controller.hotfixes.find(key);
    if (!hotfix) return;
    if (severity.trim().toLowerCase() !== hotfix.severity.toLowerCase()) {
      if (show(await controller.hotfixes.changeSeverity(key, severity, reason)).kind !== 'done') return;
    }
    if (reported.trim() !== reportedText(hotfix)) show(await controller.hotfixes.correctReported(key, reported, reason));
  };

  /**
   * Text typed into a form. Keys typed faster than a frame (or sent by tmux, or pasted) arrive as
   * one string: a Tab, Enter or Backspace inside it still moves, sends or deletes, in order.
   */
  const typeIntoForm = (input: string): void => {
    for (const part of input.split(/([\t\r\n\u007f\b])/)) {
      const form = store.getState().form;
      if (!form || part === '') continue;
      if (part === '\t') uiActions.editForm(store, { type: 'move', delta: 1 });
      else if (part === '\r' || part === '\n') {
        if (form.index === form.fields.length - 1) submitForm();
        else uiActions.editForm(store, { type: 'move', delta: 1 });
      } else if (part === '\u007f' || part === '\b') uiActions.editForm(store, { type: 'backspace' });
      else uiActions.editForm(store, { type: 'append', text: part.replace(/[\u0000-\u001f\u007f]/g, '') });
    }
  };

  useInput((input, key) => {
    if (store.getState().flash) uiActions.flash(store, null);
    const confirming = store.getState().confirmSend;
    if (confirming) {
      // An explicit yes posts to the partners' channel; any other key is a no.
      uiActions.askToSend(store, null);
      if (input === 'y')
        void controller.notices.send(confirming.key, { ...(confirming.editing ? { editing: confirming.editing } : {}), onWait }).then(show);
      return;
    }
    const form = store.getState().form;
    if (form) {
      // In a form, keys are text: Tab and ↑↓ move between fields, ← → choose an answer, Enter sends from the last.
      if (key.escape) return uiActions.closeForm(store);
      if (key.return) return form.index === form.fields.length - 1 ? submitForm() : uiActions.editForm(store, { type: 'move', delta: 1 });
      if (key.tab || key.downArrow) return uiActions.editForm(store, { type: 'move', delta: key.shift ? -1 : 1 });
      if (key.upArrow) return uiActions.editForm(store, { type: 'move', delta: -1 });
      if (key.leftArrow || key.rightArrow) return uiActions.editForm(store, { type: 'choose', delta: key.rightArrow ? 1 : -1 });
      if (key.backspace || key.delete) return uiActions.editForm(store, { type: 'backspace' });
      if (input && !key.ctrl && !key.meta) typeIntoForm(input);
      return;
    }
    if (store.getState().filtering) {
      // While typing a filter, keys are text: Enter keeps the filter, Esc clears it.
      if (key.return || key.escape) return uiActions.endFilter(store, key.return);
      if (key.backspace || key.delete) return uiActions.editFilter(store, { type: 'backspace' });
      if (input && !key.ctrl && !key.meta && !/[\u0000-\u001f]/.test(input)) uiActions.editFilter(store, { type: 'append', text: input });
      return;
    }
    const pressed = pressedKeys(input, key);
    for (const [i, { name }] of pressed.entries()) {
      const state = store.getState();
      if (state.form || state.filtering) {
        // A key earlier in this chunk opened a form or the filter: the rest is typed into it.
        const rest = pressed
          .slice(i)
          .map((k) => k.text)
          .join('');
        if (state.form) typeIntoForm(rest);
        else uiActions.editFilter(store, { type: 'append', text: rest.replace(/[\u0000-\u001f\u007f]/g, '') });
        return;
      }
      if (state.pager) {
        pagerKey(name);
        continue;
      }
      const command = commandFor(name, state.screen);
      if (command) run(command);
    }
  });
}
