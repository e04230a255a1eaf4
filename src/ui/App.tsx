import { Box, useApp, useInput } from 'ink';
import React from 'react';
import { uiActions, type ScreenId } from '../store/app-store.js';
import { FlashLine, Footer } from './components/Footer.js';
import { Header, HEADER_HEIGHT } from './components/Header.js';
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
      case 'filter':
        return uiActions.startFilter(store);
      case 'toggle-step': {
        const { screen: current, cursor } = store.getState();
        if (current === 'checklist') {
          const view = releaseSteps[cursor.checklist];
          if (view) void controller.toggleTask({ kind: 'release' }, view.step.id);
        } else if (current === 'hotfix') {
          const picked = hotfixSteps[cursor.hotfix];
          if (picked) void controller.toggleTask({ kind: 'hotfix', hotfix: picked.hotfix }, picked.view.step.id);
        }
        return;
      }
    }
  };

  useInput((input, key) => {
    if (store.getState().flash) uiActions.flash(store, null);
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
        {helpOpen ? <HelpOverlay width={width} height={bodyHeight} /> : <Screen width={width} height={bodyHeight} />}
      </Box>
      <FlashLine />
      <Footer width={width} />
    </Box>
  );
}
