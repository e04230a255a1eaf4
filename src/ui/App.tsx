import { Box } from 'ink';
import React from 'react';
import type { ScreenId } from '../store/app-store.js';
import { FlashLine, flashHeight, Footer } from './components/Footer.js';
import { Header, HEADER_HEIGHT } from './components/Header.js';
import { Form } from './components/Form.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { Pager } from './components/Pager.js';
import { useAppState } from './hooks/store-context.js';
import { useKeyboard } from './hooks/use-keyboard.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { Checklist } from './screens/Checklist.js';
import { Dashboard } from './screens/Dashboard.js';
import { Hotfix } from './screens/Hotfix.js';
import { Log } from './screens/Log.js';
import { Notices } from './screens/Notices.js';
import { Status } from './screens/Status.js';

const SCREENS: Record<ScreenId, React.ComponentType<{ width: number; height: number }>> = {
  dashboard: Dashboard,
  checklist: Checklist,
  hotfix: Hotfix,
  status: Status,
  notices: Notices,
  log: Log,
};

/** Layout. Screens render; keys are handled by useKeyboard, which calls the store or the controller. */
export function App() {
  useKeyboard();
  const { columns, rows } = useTerminalSize();
  const screen = useAppState((s) => s.screen);
  const helpOpen = useAppState((s) => s.helpOpen);
  const flash = useAppState((s) => s.flash);
  const formOpen = useAppState((s) => s.form !== null);
  const pagerOpen = useAppState((s) => s.pager !== null);

  const width = Math.max(20, columns);
  const bodyHeight = Math.max(1, rows - HEADER_HEIGHT - 1 - flashHeight(flash, width));
  const Screen = SCREENS[screen];
  return (
    <Box flexDirection="column" width={width} height={rows}>
      <Header width={width} />
      <Box height={bodyHeight} overflow="hidden">
        {formOpen ? (
          <Form width={width} height={bodyHeight} />
        ) : helpOpen ? (
          <HelpOverlay width={width} height={bodyHeight} />
        ) : pagerOpen ? (
          <Pager width={width} height={bodyHeight} />
        ) : (
          <Screen width={width} height={bodyHeight} />
        )}
      </Box>
      <FlashLine width={width} />
      <Footer width={width} />
    </Box>
  );
}
