import { describe, expect, it } from 'vitest';
import { formatStamp, parseDisplayZone, UTC_ZONE } from '../../src/domain/display-time.js';
import { mount, tagGaEarly, until } from '../helpers/ui.js';

const KOLKATA = parseDisplayZone('Asia/Kolkata')!;

describe('times in the person’s zone, and Z for UTC', () => {
  it('the Log stamps each event in the zone the header names; Z switches both to UTC and back', async () => {
    const { press, frame, session } = await mount(false, undefined, { displayZone: KOLKATA });
    const first = session.store.getState().log[0]!.event.at;
    await press('6');
    expect(frame()).toContain('times UTC+5:30 · ');
    expect(frame()).toContain('times in Asia/Kolkata (UTC+5:30)');
    expect(frame()).toContain(formatStamp(first, KOLKATA));
    expect(frame()).not.toContain(formatStamp(first, UTC_ZONE));
    await press('Z');
    expect(frame()).toContain('times UTC · ');
    expect(frame()).toContain('events, times in UTC');
    expect(frame()).toContain(formatStamp(first, UTC_ZONE));
    expect(frame()).not.toContain(formatStamp(first, KOLKATA));
    await press('Z');
    expect(frame()).toContain('times UTC+5:30 · ');
    expect(frame()).toContain(formatStamp(first, KOLKATA));
  });

  it("a step's deadline: the time alone within a day, with its date further off, in the zone; Z shows it in UTC", async () => {
    const { press, frame } = await mount(false, undefined, { displayZone: KOLKATA });
    // The demo runs at 10:00 UTC (15:30 in Kolkata); the hotfix's first step was due at its report, 10 hours before.
    await press('3');
    expect(frame()).toContain('due 05:30 UTC+5:30 (10h ago)');
    await press('Z');
    expect(frame()).toContain('due 00:00 UTC (10h ago)');
    await press('Z', '2');
    expect(frame()).toContain('All PRs for the release merged to main');
    expect(frame()).toContain('due 2026-11-15 12:30 UTC+5:30 (3d 3h ago)');
  });

  it('at 80 columns the zone never cuts the hotfix clock: the component gives way first', async () => {
    const { frame, resize } = await mount(false, undefined, { displayZone: KOLKATA });
    expect(frame()).toMatch(/^HOTFIX HYPERFLEET-901 Blocker hyperfleet-adapter 13h left +times UTC\+5:30 · @rh-amarin$/m);
    await resize(80, 24);
    expect(frame()).toMatch(/^HOTFIX HYPERFLEET-901 13h left +times UTC\+5:30 · @rh-amarin$/m);
  });

  it('in UTC the header says nothing of zones until Z is pressed; the help and footer name Z', async () => {
    const { press, frame } = await mount();
    expect(frame()).not.toContain('times UTC');
    expect(frame()).toMatch(/Z UTC \/ your zone/);
    await press('Z');
    expect(frame()).toContain('times UTC · ');
    await press('?');
    expect(frame()).toMatch(/Z\s+UTC \/ your zone/);
  });
});

describe('code freeze in the person’s zone', () => {
  it('the Status screen dates the freeze and each exception in the zone, and in UTC after Z', async () => {
    const { press, frame } = await mount(false, undefined, { displayZone: parseDisplayZone('Europe/Berlin')! });
    await press('4');
    // The gate was approved 2026-11-17 14:00 UTC and #216 merged 2026-11-18 07:00 UTC: 15:00 and 08:00 in Berlin.
    expect(frame()).toMatch(/Code freeze: 1 exception, 1 flagged · since 15:00 CET \(gate approval\)/);
    expect(frame()).toContain('⚠ #216 hyperfleet-adapter release-0.5, merged 08:00 CET by @hf-developer');
    await press('Z');
    expect(frame()).toMatch(/since 14:00 UTC \(gate approval\)/);
    expect(frame()).toContain('merged 07:00 UTC by @hf-developer');
  });
});

describe('a process violation in the person’s zone', () => {
  it('dates the early tag in the zone on the Dashboard and the Status screen', async () => {
    const { frame, press, session } = await mount(false, undefined, { displayZone: parseDisplayZone('Europe/Berlin')! });
    tagGaEarly(session, Date.parse('2026-11-18T08:00:00Z'));
    await until(() => frame().includes('Violation'));
    expect(frame()).toMatch(/Violation +✗ v0\.4\.0 tagged 2026-11-18 09:00 CET \(hyperfleet-api\) while its gate/);
    await press('4', 'Z');
    expect(frame()).toContain('✗ Process violation: v0.4.0 tagged 2026-11-18 08:00 UTC (hyperfleet-api) while its gate');
  });
});
