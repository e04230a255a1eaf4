import { Box, useApp, useInput } from 'ink';
import React from 'react';
import { uiActions, type ScreenId } from '../store/app-store.js';
import { FlashLine, Footer } from './components/Footer.js';
import { Header, HEADER_HEIGHT } from './components/Header.js';
import { Form } from './components/Form.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { useAppState, useController, useStoreApi } from './hooks/store-context.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useNotices, useOpenHotfixes, useReleasePhases, useStatusRows } from './hooks/use-views.js';
import { commandFor, keyNames, type Command } from './keymap.js';
import { Checklist } from './screens/Checklist.js';
import { Dashboard } from './screens/Dashboard.js';
import { Hotfix } from './screens/Hotfix.js';
import { Log } from './screens/Log.js';
import { Notices } from './screens/Notices.js';
import { Status } from './screens/Status.js';
import { flatSteps } from '../store/view.js';

const SCREENS: Record<ScreenId, React.ComponentType<{ width: number; height: number }>> = {
  dashboard: Dashboard,
  checklist: Checklist,
  hotfix: Hotfix,
  status: Status,
  notices: Notices,
  log: Log,
};

/** The rows the cursor moves over: release steps, and the steps of every open hotfix. */
function useSelectableSteps() {
  const releaseSteps = flatSteps(useReleasePhases());
  const hotfixSteps = useOpenHotfixes().flatMap((h) => flatSteps(h.phases).map((view) => ({ hotfix: h.hotfix, view })));
  return { releaseSteps, hotfixSteps };
}

/** Layout and keys. Screens render; every action goes to the controller or the store. */
export function App() {
  const { exit } = useApp();
  const store = useStoreApi();
  const controller = useController();
  const { columns, rows } = useTerminalSize();
  const screen = useAppState((s) => s.screen);
  const helpOpen = useAppState((s) => s.helpOpen);
  const flash = useAppState((s) => s.flash);
  const formOpen = useAppState((s) => s.form !== null);
  const { releaseSteps, hotfixSteps } = useSelectableSteps();
  const lengths: Record<ScreenId, number> = {
    dashboard: 0,
    checklist: releaseSteps.length,
    hotfix: hotfixSteps.length,
    status: useStatusRows().length,
    notices: useNotices().length,
    log: useAppState((s) => s.log.length),
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
      case 'toggle-step': {
        const selected = selectedStep();
        if (!selected) return;
        const { view, hotfixKey } = selected;
        const hotfix = hotfixKey ? hotfixSteps.find((h) => h.hotfix.key === hotfixKey)?.hotfix : undefined;
        // Only a task is ticked by hand, and ticking asks for a note; the controller explains the rest.
        if (view.step.kind !== 'task' || (view.record && view.record.via !== 'manual')) {
          return void controller.toggleTask(hotfix ? { kind: 'hotfix', hotfix } : { kind: 'release' }, view.step.id);
        }
        const verb = view.record ? 'Reopen' : 'Done';
        return uiActions.openForm(store, {
          kind: 'task',
          title: `${verb}: ${view.title}`,
          hotfixKey,
          stepId: view.step.id,
          fields: [{ key: 'note', label: 'Note', value: '', hint: 'optional: a link, a number, what you saw' }],
        });
      }
    }
  };

  /** Sends the open form to the controller; the controller says yes (journal) or why not. */
  const submitForm = (): void => {
    const form = store.getState().form;
    if (!form) return;
    uiActions.closeForm(store);
    const values = Object.fromEntries(form.fields.map((f) => [f.key, f.value]));
    const hotfix = form.hotfixKey ? hotfixSteps.find((h) => h.hotfix.key === form.hotfixKey)?.hotfix : undefined;
    const owner = hotfix ? ({ kind: 'hotfix', hotfix } as const) : ({ kind: 'release' } as const);
    if (form.kind === 'task') void controller.toggleTask(owner, form.stepId, values.note ?? '');
    else if (form.kind === 'approve') void controller.approve(owner, form.stepId, values.comment ?? '');
    else
      void controller.waive(owner, form.stepId, {
        layer: values.layer ?? '',
        tracking: values.tracking ?? '',
        reason: values.reason ?? '',
        mitigation: values.mitigation ?? '',
      });
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

  const openGateForm = (kind: 'approve' | 'waive'): void => {
    const selected = selectedStep();
    if (!selected) return;
    const { view, hotfixKey } = selected;
    if (view.step.kind !== 'gate')
      return uiActions.flash(store, {
        level: 'info',
        text: `Only a gate can be ${kind === 'approve' ? 'approved' : 'waived'}; this step is a ${view.step.kind}.`,
      });
    if (kind === 'approve') {
      return uiActions.openForm(store, {
        kind,
        title: `Approve: ${view.title}`,
        hotfixKey,
        stepId: view.step.id,
        fields: [{ key: 'comment', label: 'Comment', value: '', hint: 'optional; recorded with what you see now' }],
      });
    }
    const failing = view.gate?.layers.filter((l) => l.verdict === 'fail').map((l) => l.evaluation.layer.id) ?? [];
    if (failing.length === 0)
      return uiActions.flash(store, { level: 'info', text: 'No failing or missing mandatory layer to waive here.' });
    uiActions.openForm(store, {
      kind,
      title: `Waive a layer of: ${view.title}`,
      hotfixKey,
      stepId: view.step.id,
      fields: [
        { key: 'layer', label: 'Layer', value: failing[0]!, hint: `failing: ${failing.join(', ')}` },
        { key: 'tracking', label: 'Tracking issue', value: '', hint: 'e.g. HYPERFLEET-123 or GCP-334' },
        { key: 'reason', label: 'Reason', value: '' },
        { key: 'mitigation', label: 'Mitigation', value: '' },
      ],
    });
  };

  useInput((input, key) => {
    if (store.getState().flash) uiActions.flash(store, null);
    const form = store.getState().form;
    if (form) {
      // In a form, keys are text: Tab and arrows move between fields, Enter sends from the last.
      if (key.escape) return uiActions.closeForm(store);
      if (key.return) return form.index === form.fields.length - 1 ? submitForm() : uiActions.editForm(store, { type: 'move', delta: 1 });
      if (key.tab || key.downArrow) return uiActions.editForm(store, { type: 'move', delta: key.shift ? -1 : 1 });
      if (key.upArrow) return uiActions.editForm(store, { type: 'move', delta: -1 });
      if (key.backspace || key.delete) return uiActions.editForm(store, { type: 'backspace' });
      if (input && !key.ctrl && !key.meta) uiActions.editForm(store, { type: 'append', text: input.replace(/[\u0000-\u001f\u007f]/g, '') });
      return;
    }
    if (store.getState().filtering) {
      // While typing a filter, keys are text: Enter keeps the filter, Esc clears it.
      if (key.return || key.escape) return uiActions.endFilter(store, key.return);
      if (key.backspace || key.delete) return uiActions.editFilter(store, { type: 'backspace' });
      if (input && !key.ctrl && !key.meta && !/[\u0000-\u001f]/.test(input)) uiActions.editFilter(store, { type: 'append', text: input });
      return;
    }
    for (const name of keyNames(input, key)) {
      const command = commandFor(name, store.getState().screen);
      if (command) run(command);
    }
  });

  const width = Math.max(20, columns);
  const bodyHeight = Math.max(1, rows - HEADER_HEIGHT - 1 - (flash ? 1 : 0));
  const Screen = SCREENS[screen];
  return (
    <Box flexDirection="column" width={width} height={rows}>
      <Header width={width} />
      <Box height={bodyHeight} overflow="hidden">
        {formOpen ? (
          <Form width={width} height={bodyHeight} />
        ) : helpOpen ? (
          <HelpOverlay width={width} height={bodyHeight} />
        ) : (
          <Screen width={width} height={bodyHeight} />
        )}
      </Box>
      <FlashLine />
      <Footer width={width} />
    </Box>
  );
}
