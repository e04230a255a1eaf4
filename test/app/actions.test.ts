import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/app/session.js';
import { releaseStream } from '../../src/domain/events.js';
import { MINUTE } from '../../src/domain/time.js';
import { UNDO_WINDOW_MS } from '../../src/domain/undo.js';
import { DEMO_NOW, demoSession } from '../helpers/demo-session.js';

let session: Session | undefined;
afterEach(async () => session?.dispose());

const RELEASE = { kind: 'release' } as const;
const events = async (s: Session) => (await s.journal.read(releaseStream('v0.4.0'), s.store.getState().now)).events;

describe('actions return outcomes, and never write the message line', () => {
  it('unticking a finished task takes a reason, refused on the reason field', async () => {
    session = await demoSession();
    const before = (await events(session)).length;
    expect(await session.controller.toggleTask(RELEASE, 'no-open-cves')).toEqual({
      kind: 'refused',
      reason: 'Reopening "No open CRITICAL or HIGH CVEs" takes a reason: say why it is not done after all.',
      field: 'reason',
    });
    expect((await events(session)).length).toBe(before);
    expect(await session.controller.toggleTask(RELEASE, 'no-open-cves', 'scan found CVE-2026-1234')).toEqual({
      kind: 'done',
      message: 'Reopened: No open CRITICAL or HIGH CVEs',
    });
    expect(session.store.getState().flash).toBeNull();
  });

  it('a task that stands on evidence is ticked only with a link to it, refused on the note', async () => {
    session = await demoSession();
    const step = 'freeze-no-open-bugs';
    // The demo ticked it with its query; reopened, it is ticked again.
    expect(await session.controller.toggleTask(RELEASE, step, 'a new Major came in')).toMatchObject({ kind: 'done' });
    const before = (await events(session)).length;
    expect(await session.controller.toggleTask(RELEASE, step, 'checked the board, none open')).toEqual({
      kind: 'refused',
      reason:
        '"No open Blocker, Critical or Major bugs at code freeze" is ticked with a link to what you looked at (the query, the results): put it in the note.',
      field: 'note',
    });
    expect((await events(session)).length).toBe(before);
    const link = 'https://issues.example/issues/?jql=project%3DHYPERFLEET%20AND%20priority%3E%3DMajor 0 open';
    expect(await session.controller.toggleTask(RELEASE, step, link)).toMatchObject({ kind: 'done' });
    expect((await events(session)).at(-1)).toMatchObject({ type: 'step-completed', step, note: link });
  });

  it('a hotfix form value at fault is named: the report time, the open steps a close needs a note for', async () => {
    session = await demoSession();
    const input = { key: 'HYPERFLEET-950', severity: 'Major', component: 'hyperfleet-api', affects: 'v0.3.1', summary: 's' };
    expect(await session.controller.hotfixes.open({ ...input, reported: 'yesterday-ish' })).toMatchObject({
      kind: 'refused',
      field: 'reported',
    });
    expect(await session.controller.hotfixes.open({ ...input, summary: '', reported: 'now' })).toMatchObject({
      kind: 'refused',
      field: 'summary',
    });
    const open = session.store.getState().hotfixes.find((h) => h.closedAt === null)!;
    expect(await session.controller.hotfixes.close(open.key, '')).toMatchObject({ kind: 'refused', field: 'note' });
    expect(session.store.getState().flash).toBeNull();
  });
});

describe('undo', () => {
  it('undoes your own last action as a compensating event; the journal keeps both, the Log says what was undone', async () => {
    let now = DEMO_NOW;
    session = await demoSession(() => now);
    await session.controller.toggleTask(RELEASE, 'no-open-cves', 'rescan');
    expect(session.store.getState().releaseState.steps['no-open-cves']).toBeUndefined();
    now += MINUTE;
    expect(await session.controller.undoLast()).toEqual({
      kind: 'done',
      message: 'Undone: Reopened: No open CRITICAL or HIGH CVEs — rescan',
    });
    expect(session.store.getState().releaseState.steps['no-open-cves']).toMatchObject({ via: 'manual' });
    const [reopened, undo] = (await events(session)).slice(-2);
    expect(reopened).toMatchObject({ type: 'step-reopened', step: 'no-open-cves' });
    expect(undo).toMatchObject({ type: 'event-retracted', target: reopened!.id, actor: 'rh-amarin', at: now });
  });

  it('is refused once the window has passed, and says so', async () => {
    let now = DEMO_NOW;
    session = await demoSession(() => now);
    await session.controller.toggleTask(RELEASE, 'no-open-cves', 'rescan');
    now += UNDO_WINDOW_MS + 1;
    const before = (await events(session)).length;
    expect(await session.controller.undoLast()).toEqual({
      kind: 'refused',
      reason: 'Your last action is not undone: it is older than 5 minutes.',
    });
    expect((await events(session)).length).toBe(before);
  });
});

describe('the demo port', () => {
  it('plays the story it is given, whichever screen the app shows', async () => {
    session = await demoSession();
    session.store.setState({ screen: 'dashboard' });
    expect(await session.controller.advanceDemo('hotfix')).toEqual({
      kind: 'done',
      message: expect.stringMatching(/^Demo: the cherry-pick of #\d+ onto release-0\.3 was opened/),
    });
  });
});
