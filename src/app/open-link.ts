import { done, failed, refused, type Outcome } from '../domain/outcome.js';

/** Where the browser is: a display to open it on, and the opener (the `open` package) loaded only when asked. */
export interface LinkOpener {
  readonly hasDisplay: boolean;
  open(url: string): Promise<void>;
}

/** A display to open a browser on: macOS and Windows always have one; elsewhere X or Wayland says so. */
export const systemHasDisplay = (env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean =>
  platform === 'darwin' || platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);

export const systemOpener = (env: NodeJS.ProcessEnv = process.env): LinkOpener => ({
  hasDisplay: systemHasDisplay(env),
  async open(url) {
    const { default: open } = await import('open');
    await open(url, { wait: false });
  },
});

/**
 * `o`: a run, pull request or permalink in the browser, as gh-dash does; without a display (an SSH
 * session) the link is said instead, to copy. Only web links: a link from outside is never a command.
 */
export async function openLink(url: string | undefined, opener: LinkOpener): Promise<Outcome> {
  if (!url) return refused('Nothing here has a link to open.');
  if (!/^https?:\/\//i.test(url)) return refused(`Not a web link, so not opened: ${url}`);
  if (!opener.hasDisplay) return done(`No display to open a browser on; the link: ${url}`);
  try {
    await opener.open(url);
    return done(`Opened ${url}`);
  } catch (error) {
    return failed(`Could not open a browser (${(error as Error).message}); the link: ${url}`);
  }
}
