import { describe, expect, it } from 'vitest';
import { releaseStream } from '../../src/domain/events.js';
import { mount } from '../helpers/ui.js';

describe('one release, one rulebook', () => {
  it('the header says when the release is run by another rulebook than this machine\'s; R saves the release\'s and says how to start with it', async () => {
    const { frame, session, press } = await mount();
    expect(frame()).not.toContain("not the release's rulebook");
    const { controller, store } = session;
    // A colleague recorded another rulebook for the release: this machine's hyperfleet.yaml is not it.
    const theirs = { path: 'hyperfleet.yaml', text: 'not: a configuration\n' };
    await session.journal.append(releaseStream(store.getState().release), {
      id: 'rb-1',
      at: store.getState().now,
      actor: 'ciaranroche',
      type: 'rulebook-recorded',
      hash: 'abcdefabcdef',
      files: [theirs],
    });
    await controller.loadJournal();
    await press('');
    expect(frame()).toContain("not the release's rulebook (R) · @rh-amarin");
    await press('R');
    // The release's files are checked as any configuration is: this one is refused, naming its file.
    await expect.poll(() => store.getState().flash?.text ?? '').toMatch(/^The release's rulebook could not be used: .*hyperfleet\.yaml/);
  });
});
