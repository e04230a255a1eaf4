import { Box } from 'ink';
import { FlashLine, Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { Form } from './components/Form.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { Pager } from './components/Pager.js';
import { useAppState } from './hooks/store-context.js';
import { useKeyboard } from './hooks/use-keyboard.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { bodyHeight, frameHeight } from './layout.js';
import { screenOf } from './screens/registry.js';

/** Layout. Screens render; keys go to the bindings of the open mode (input/), which call the store or the actions. */
export function App() {
  useKeyboard();
  const { columns, rows } = useTerminalSize();
  const screen = useAppState((s) => s.screen);
  const helpOpen = useAppState((s) => s.helpOpen);
  const bodyForm = useAppState((s) => s.form?.placement === 'body');
  const pagerOpen = useAppState((s) => s.pager !== null);
  const height = useAppState((s) => bodyHeight(s, rows, columns));

  const width = Math.max(20, columns);
  const Screen = screenOf(screen).component;
  return (
    <Box flexDirection="column" width={width} height={frameHeight(rows)}>
      <Header width={width} />
      <Box height={height} overflow="hidden">
        {bodyForm ? (
          <Form width={width} height={height} />
        ) : helpOpen ? (
          <HelpOverlay width={width} height={height} />
        ) : pagerOpen ? (
          <Pager width={width} height={height} />
        ) : (
          <Screen width={width} height={height} />
        )}
      </Box>
      <FlashLine width={width} />
      <Footer width={width} />
    </Box>
  );
}
