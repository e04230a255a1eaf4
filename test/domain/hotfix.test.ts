import { describe, expect, it } from 'vitest';
import { namesHotfix, scopeFlags } from '../../src/domain/fix.js';
import { handoffMarkdown } from '../../src/domain/handoff.js';
import { parseHotfixInput, parseReportedTime } from '../../src/domain/hotfix.js';
import { hotfixNoticeValues } from '../../src/domain/notice-values.js';
import { renderNotice } from '../../src/domain/notices.js';
import type { PullRequestFact } from '../../src/domain/status.js';
import { hotfixTimeline, timelineMarkdown } from '../../src/domain/timeline.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { hotfixState } from './fixtures.js';

const NOW = Date.parse('2026-11-22T03:00:00Z');
const config = bundledConfig();

const pr = (over: Partial<PullRequestFact> = {}): PullRequestFact => ({
  number: 212,
  title: 'HYPERFLEET-901: fix the watch',
  url: 'https://github.example/o/hyperfleet-adapter/pull/212',
  state: 'merged',
  base: 'main',
  head: 'fix/watch',
  labels: [],
  ci: 'passed',
  review: 'approved',
  commit: 'a'.repeat(40),
  ...over,
});

const hotfix = hotfixState({ summary: 'Status | stale <!here>', reportedAt: NOW - 10 * 3600_000 });

describe('which pull requests belong to a hotfix', () => {
  it.each([
    ['HYPERFLEET-901: fix', 'x', [], true],
    ['fix the watch (hyperfleet-901)', 'x', [], true],
    ['fix', 'fix/HYPERFLEET-901-watch', [], true],
    ['fix', 'x', ['hyperfleet-901'], true],
    ['HYPERFLEET-9010: other', 'x', [], false],
    ['XHYPERFLEET-901', 'x', [], false],
    ['fix', 'x', ['hotfix'], false],
  ])('%j on branch %j labelled %j: %s', (title, head, labels, expected) => {
    expect(namesHotfix({ title, head, labels }, 'HYPERFLEET-901')).toBe(expected);
  });

  it('the scope guard: conventional feat titles (with scope or !), feature labels in any case, more files than allowed', () => {
    const scope = { maxFiles: 10, featureLabels: ['feature'] };
    expect(scopeFlags([pr({ title: 'feat!: drop v1' })], scope).map((f) => f.reason)).toEqual(['its title says feat:']);
    expect(
      scopeFlags([pr({ title: 'fix: feat: in the middle', labels: ['FEATURE'], changedFiles: 11 })], scope).map((f) => f.reason),
    ).toEqual(['it is labelled "FEATURE"', 'it touches 11 files (more than 10)']);
    expect(scopeFlags([pr({ changedFiles: 10 })], scope)).toEqual([]);
  });
});

describe('opening a hotfix', () => {
  it.each([
    ['', NOW],
    ['now', NOW],
    ['90m ago', NOW - 90 * 60_000],
    ['2h ago', NOW - 2 * 3600_000],
    ['2026-11-21 23:10', Date.parse('2026-11-21T23:10:00Z')],
    ['2026-11-21T23:10:00+02:00', Date.parse('2026-11-21T21:10:00Z')],
  ])('report time %j', (text, at) => {
    expect(parseReportedTime(text, NOW)).toBe(at);
  });

  it.each(['yesterday', '2026-11-21', '2h', '2026-13-40 10:00'])('report time %j is not understood', (text) => {
    expect(parseReportedTime(text, NOW)).toBeNull();
  });

  it('normalises what it can (key case, severity case, a version without v) and names every problem', () => {
    const ok = parseHotfixInput(
      { key: ' hyperfleet-1 ', severity: 'critical', component: 'hyperfleet-api', affects: '0.3.1', summary: ' a\nb ', reported: '' },
      config,
      NOW,
    );
    expect(ok).toEqual({
      ok: true,
      facts: { key: 'HYPERFLEET-1', severity: 'Critical', component: 'hyperfleet-api', affects: 'v0.3.1', summary: 'a b', reportedAt: NOW },
    });
    const bad = parseHotfixInput(
      { key: 'X', severity: 'P1', component: 'ui', affects: 'v1', summary: '', reported: '2026-11-23 10:00' },
      config,
      NOW,
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems).toHaveLength(6);
    expect(!bad.ok && bad.problems.at(-1)).toBe('report time 2026-11-23 10:00 UTC is in the future');
  });
});

describe('what outside text can do in the handoff and the notices', () => {
  const evil = pr({ title: 'HYPERFLEET-901 <!channel> [click](https://evil.example) | `x`' });
  const fix = {
    repo: 'hyperfleet-adapter',
    main: { branch: 'main', prs: [evil], merged: evil },
    release: { branch: 'release-0.3', prs: [] },
    bothMerged: false,
    scope: [],
  };

  it('the handoff Markdown escapes titles, summaries and typed fields: no links, no broken table, no mentions', () => {
    const md = handoffMarkdown({
      hotfix,
      deadline: NOW + 38 * 3600_000,
      fix,
      patch: null,
      fields: { test: 'Restart the API pod\n# not a heading', skip: '', changed: '' },
      generatedAt: NOW,
    });
    expect(md).toContain('**Summary:** Status \\| stale \\<!here\\>');
    expect(md).toContain(
      '[\\#212 HYPERFLEET-901 \\<!channel\\> \\[click\\](https://evil.example) \\| \\`x\\`](https://github.example/o/hyperfleet-adapter/pull/212)',
    );
    expect(md).toContain('Restart the API pod\n\\# not a heading');
    expect(md).toContain('## What not to test\n\n_not described_');
    const row = md.split('\n').find((l) => l.startsWith('| main |'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(8); // six cells: no | from the title split the row
  });

  it('the {prs} value of a hotfix notice escapes a PR title: <!channel> stays text', () => {
    const template = config.slack.notices.find((n) => n.kind === 'qe-handoff')!;
    const values = hotfixNoticeValues(config, hotfix, NOW, { fix, patch: null });
    const rendered = renderNotice(template, values, {});
    const prs = JSON.stringify(rendered.blocks);
    expect(prs).toContain('&lt;!channel&gt;');
    expect(prs).not.toContain('<!channel>');
    expect(prs).not.toContain('<!here>');
  });

  it('the timeline is in time order, from the report, with journal and GitHub events', () => {
    const timeline = hotfixTimeline({
      hotfix,
      events: [
        { id: '2', at: NOW - 3600_000, actor: 'dev', type: 'step-completed', step: 'rca', note: 'the watch' },
        { id: '1', at: NOW - 9 * 3600_000, actor: 'rm', type: 'hotfix-opened', ...hotfix },
      ],
      phases: [],
      fix: { ...fix, main: { ...fix.main, merged: { ...evil, mergedAt: NOW - 1800_000 }, prs: [{ ...evil, mergedAt: NOW - 1800_000 }] } },
      patch: null,
      deadline: NOW + 38 * 3600_000,
      sla: { kind: 'calendar', ms: 48 * 3600_000 },
      kind: 'emergency',
      now: NOW,
    });
    expect(timeline.entries.map((e) => [e.from, e.elapsedMs / 3600_000])).toEqual([
      ['report', 0],
      ['journal', 1],
      ['journal', 9],
      ['github', 9.5],
    ]);
    expect(timeline.timeToFixMs).toBeNull();
    expect(timelineMarkdown(timeline)).toContain('| 2026-11-22 02:30 | 9h 30m | GitHub | PR \\#212 merged into main |');
  });
});
