import { render } from 'ink';
import type { Session } from '../app/session.js';
import { App } from '../ui/App.js';
import { WiringProvider } from '../ui/hooks/store-context.js';
import { ThemeProvider } from '../ui/theme.js';
import { showOutcome } from '../ui/outcome.js';
import { keepHeapNearLive } from './heap.js';

// Autowrap off while the app runs: the first frame Ink draws after a resize still has the old
// width, and a line wider than the terminal is then cut at its edge instead of wrapping onto the
// row below (or, from the last row, scrolling the screen), which the frame writer cannot know of.
const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[?7l';
// The app's screen is erased before it is left. A terminal grown taller since the start gives
// back the shell's shorter screen by shrinking the app's to that height and growing it again, and
// tmux keeps what was above the cursor there (after a tick of the clock, the cursor is near the
// top): the frame's top rows would stay above the shell's lines.
const LEAVE_ALT_SCREEN = '\u001b[2J\u001b[?7h\u001b[?1049l';

/**
 * Runs the interactive app on the terminal's alternate screen, so quitting (q, Ctrl-C, SIGTERM)
 * gives the user back their shell exactly as it was.
 */
export async function runTui(session: Session, terminal: { colour: boolean; hyperlinks: boolean }): Promise<void> {
  const { stdout } = process;
  stdout.write(ENTER_ALT_SCREEN);
  let left = false;
  const leave = (): void => {
    if (left) return;
    left = true;
    stdout.write(LEAVE_ALT_SCREEN);
  };
  process.once('exit', leave);

  // The sources are first asked once the first frame is out: their first request loads Node's
  // HTTP client (~40 ms), which must not stand between the user and the screen. Ink draws a frame
  // just after it reports rendering it, hence the turn of the event loop.
  const polling: { stop: (() => void) | null; asked: boolean; over: boolean } = { stop: null, asked: false, over: false };
  const onRender = (): void => {
    if (polling.asked) return;
    polling.asked = true;
    setImmediate(() => {
      if (polling.over) return;
      // A claim that could not be renewed is said in the message line: it lapses unless the next try works.
      polling.stop = session.controller.start((outcome) => showOutcome(session.store, outcome));
      // Heaps held near what is live from the first moment, V8 collected again and again while
      // the app loaded and drew (a tenth of the CPU to the first frame with data): once the
      // first answers are in, from then on for the days the app is open.
      void session.controller.settled().then(keepHeapNearLive);
    });
  };
  const instance = render(
    <ThemeProvider colour={terminal.colour} hyperlinks={terminal.hyperlinks}>
      <WiringProvider store={session.store} controller={session.controller}>
        <App />
      </WiringProvider>
    </ThemeProvider>,
    { exitOnCtrlC: false, patchConsole: true, maxFps: 60, onRender },
  );
  // Ctrl-C is a key once raw mode is on; before that (the first moments) it is SIGINT: same quit.
  const quit = (): void => instance.unmount();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.once(signal, quit);
  try {
    await instance.waitUntilExit();
  } finally {
    polling.over = true;
    polling.stop?.();
    for (const signal of signals) process.off(signal, quit);
    leave();
  }
}
