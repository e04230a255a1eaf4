import { render } from 'ink';
import type { Session } from '../app/session.js';
import { App } from '../ui/App.js';
import { WiringProvider } from '../ui/hooks/store-context.js';
import { ThemeProvider } from '../ui/theme.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

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

  const instance = render(
    <ThemeProvider colour={terminal.colour} hyperlinks={terminal.hyperlinks}>
      <WiringProvider store={session.store} controller={session.controller}>
        <App />
      </WiringProvider>
    </ThemeProvider>,
    { exitOnCtrlC: false, patchConsole: true, maxFps: 60 },
  );
  // The first frame is on screen before any source is asked.
  const stop = session.controller.start();
  // Ctrl-C is a key once raw mode is on; before that (the first moments) it is SIGINT: same quit.
  const quit = (): void => instance.unmount();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.once(signal, quit);
  try {
    await instance.waitUntilExit();
  } finally {
    stop();
    for (const signal of signals) process.off(signal, quit);
    leave();
  }
}
