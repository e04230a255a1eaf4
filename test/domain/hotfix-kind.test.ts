import { describe, expect, it } from 'vitest';
import { hotfixDeadline, hotfixKind, openedText } from '../../src/domain/hotfix.js';
import { formatInZone, UTC_ZONE } from '../../src/domain/display-time.js';
import { hotfixNoticeValues } from '../../src/domain/notice-values.js';
import { renderNotice } from '../../src/domain/notices.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { hotfixState } from './fixtures.js';

const config = bundledConfig();
/** A Friday morning: working days skip the weekend. */
const FRIDAY = Date.parse('2026-11-20T09:00:00Z');

// hyperfleet-release-process.md §1.9: "Confirm severity: Blocker or Critical only"; "Major: Not part
// of Emergency Hotfix; route to standard patch release workflow".
describe('emergency hotfixes are for Blocker and Critical; a Major is a scheduled patch release', () => {
  it.each([
    ['Blocker', 'emergency'],
    ['Critical', 'emergency'],
    ['Major', 'scheduled'],
  ] as const)('%s → %s', (severity, kind) => {
    expect(hotfixKind(severity, config.hotfix)).toBe(kind);
  });

  it('opening a Major says it is no emergency, and opens it as a scheduled patch release due by its own deadline', () => {
    const major = { key: 'HYPERFLEET-7', severity: 'Major' as const, reportedAt: FRIDAY };
    // The Konflux design's "all other issues: 2 working days": Friday 09:00 → Tuesday 09:00.
    const deadline = hotfixDeadline(major, config);
    expect(new Date(deadline).toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(openedText(major, formatInZone(deadline, UTC_ZONE, FRIDAY), config.hotfix)).toBe(
      'Major is not an emergency hotfix (those are for Blocker and Critical): opened HYPERFLEET-7 as a scheduled patch release, due 2026-11-24 09:00 UTC',
    );
    const blocker = { ...major, severity: 'Blocker' as const };
    // "Blocker / Critical CVE: 1 working day": Friday 09:00 → Monday 09:00.
    expect(openedText(blocker, formatInZone(hotfixDeadline(blocker, config), UTC_ZONE, FRIDAY), config.hotfix)).toBe(
      'Opened HYPERFLEET-7 (Blocker): patch due 2026-11-23 09:00 UTC',
    );
  });

  it('its alert names the kind, not an emergency', () => {
    const template = config.slack.notices.find((n) => n.kind === 'hotfix-alert')!;
    const alert = (severity: 'Major' | 'Critical') => {
      const hotfix = hotfixState({ severity });
      return renderNotice(template, hotfixNoticeValues(config, hotfix, hotfixDeadline(hotfix, config), { fix: null, patch: null }), {})
        .text;
    };
    expect(alert('Major')).toMatch(/^Scheduled patch release HYPERFLEET-\d+ \(Major\)/);
    expect(alert('Critical')).toMatch(/^Emergency hotfix HYPERFLEET-\d+ \(Critical\)/);
  });

  it('the hotfix config can name other severities as emergencies, one line away', () => {
    expect(hotfixKind('Major', { emergency: ['Blocker', 'Critical', 'Major'] })).toBe('emergency');
  });
});

describe('the defaults of the newest documents', () => {
  it('patch notices and GA notices post where the runbook posts them; the others to slack.channel', () => {
    const channel = (kind: string) => config.slack.notices.find((n) => n.kind === kind)!.channel;
    expect(config.slack.channel).toBe('#hyperfleet-releases');
    // ldornele/architecture release/operations/release-runbook.md §1.5 step 3 and §3 step 4.
    expect(channel('ga-published')).toBe('#hyperfleet-e2e-status');
    expect(channel('patch-release')).toBe('#hyperfleet-e2e-status');
    expect(channel('rc-available')).toBe('#hyperfleet-releases');
  });

  it("a patch's notes link is its own RELEASE/RELEASE-NOTES-vX.Y.Z.md", () => {
    const hotfix = hotfixState({ affects: 'v0.3.1' });
    const values = hotfixNoticeValues(config, hotfix, FRIDAY, { fix: null, patch: null });
    expect(JSON.stringify(values.notes)).toContain('/blob/release-0.3/RELEASE/RELEASE-NOTES-v0.3.2.md');
  });
});
