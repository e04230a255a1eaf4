import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hotfixStream, releaseStream, type EventBody, type JournalEvent } from '../../src/domain/events.js';
import { HOUR } from '../../src/domain/time.js';
import { DEMO_NOW } from '../helpers/demo-session.js';
import { mount } from '../helpers/ui.js';

/** A one-byte CSI (U+009B), NEL (U+0085), a right-to-left override (U+202E) and an isolate (U+2066). */
const HOSTILE = 'A\u009b31mB\u202eC\u2066D\u0085E';
const RAW = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

const event = (body: EventBody): JournalEvent => ({ id: randomUUID(), at: DEMO_NOW - HOUR, actor: 'rh-amarin', ...body }) as JournalEvent;

describe('journal text with C1 and bidi controls', () => {
  it('never reaches a frame raw, on any screen or in a detail pane; the text around them is shown', async () => {
    const { session, press, frame, resize } = await mount();
    await resize(180, 30);
    await session.journal.append(
      hotfixStream('HYPERFLEET-970'),
      event({
        type: 'hotfix-opened',
        key: 'HYPERFLEET-970',
        severity: 'Blocker',
        component: 'hyperfleet-api',
        affects: 'v0.3.1',
        summary: `summary ${HOSTILE}`,
        reportedAt: DEMO_NOW - 30 * HOUR,
      }),
    );
    await session.journal.append(releaseStream('v0.4.0'), event({ type: 'step-reopened', step: 'prs-merged', note: `note ${HOSTILE}` }));
    await session.controller.loadJournal();

    const frames: string[] = [];
    for (const key of ['1', '2', '3', '4', '5', '6']) {
      await press(key);
      frames.push(frame());
    }
    // The new hotfix is the most urgent, so the Hotfix screen shows it; then its step detail, timeline and QE handoff.
    for (const key of ['\r', 't', 'H']) {
      await press('3', key);
      frames.push(frame());
      await press('\u001b');
    }

    expect(frames.filter((f) => RAW.test(f))).toEqual([]);
    expect(frames[2]).toContain('summary ABCDE');
    expect(frames[5]).toContain('note ABCDE');
    expect(frames[7]).toContain('summary ABCDE');
  });
});
