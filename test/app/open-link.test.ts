import { describe, expect, it } from 'vitest';
import { openLink, systemHasDisplay, type LinkOpener } from '../../src/app/open-link.js';

const opener = (hasDisplay: boolean, fail = false) => {
  const opened: string[] = [];
  const value: LinkOpener = {
    hasDisplay,
    open: async (url) => {
      if (fail) throw new Error('xdg-open not found');
      opened.push(url);
    },
  };
  return { value, opened };
};

describe('o: a link in the browser', () => {
  it('opens a web link where there is a display', async () => {
    const { value, opened } = opener(true);
    expect(await openLink('https://github.com/openshift-hyperfleet/hyperfleet-api/pull/212', value)).toEqual({
      kind: 'done',
      message: 'Opened https://github.com/openshift-hyperfleet/hyperfleet-api/pull/212',
    });
    expect(opened).toHaveLength(1);
  });

  it('without a display (an SSH session), says the link instead', async () => {
    const { value, opened } = opener(false);
    expect(await openLink('https://prow.example/x', value)).toEqual({
      kind: 'done',
      message: 'No display to open a browser on; the link: https://prow.example/x',
    });
    expect(opened).toEqual([]);
  });

  it('never opens what is not a web link, and says when there is none or the browser fails', async () => {
    const { value, opened } = opener(true);
    expect((await openLink('file:///etc/passwd', value)).kind).toBe('refused');
    expect((await openLink(undefined, value)).kind).toBe('refused');
    expect(opened).toEqual([]);
    expect(await openLink('https://x.example', opener(true, true).value)).toMatchObject({ kind: 'failed' });
  });

  it('knows a display from the environment', () => {
    expect(systemHasDisplay({}, 'linux')).toBe(false);
    expect(systemHasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(systemHasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(systemHasDisplay({}, 'darwin')).toBe(true);
  });
});
