import { describe, expect, it } from 'vitest';
import { foldRelease, handoverStep } from '../../src/domain/fold.js';
import type { JournalEvent } from '../../src/domain/events.js';
import { composeHandover, handoverMarkdown, handoverNotice, type HandoverInput } from '../../src/domain/handover.js';
import { evaluateLayer } from '../../src/domain/layers.js';
import { HANDOVER_LINE_LIMIT, HANDOVER_LINES_LIMIT } from '../../src/domain/limits.js';
import { evaluatePlaybook } from '../../src/domain/playbook.js';
import { HOUR, MINUTE } from '../../src/domain/time.js';
import { allGreen, components, layers, NOW, playbook, playbookBase, result, snapshot, step } from './fixtures.js';

const book = playbook(
  step('cut', { title: 'Cut the branch' }),
  step('tag', { title: 'Tag the RC', needs: ['cut'], due: { at: ['ga'], offset: { kind: 'calendar', ms: -2 * HOUR } } }),
  step('announce', { title: 'Announce GA', due: { at: ['ga'], offset: { kind: 'calendar', ms: 2 * 24 * HOUR } } }),
);

function input(over: Partial<HandoverInput> = {}, steps: Parameters<typeof evaluatePlaybook>[0]['steps'] = {}): HandoverInput {
  const phases = evaluatePlaybook({ ...playbookBase(), playbook: book, steps, anchors: { ga: NOW + 3 * HOUR } });
  return {
    now: NOW,
    since: null,
    streams: [{ label: '', phases }],
    layers: layers.map((l) => evaluateLayer(l, allGreen(), components, NOW)),
    stale: [],
    ...over,
  };
}

const section = (sections: ReturnType<typeof composeHandover>, title: string) => sections.find((s) => s.title.startsWith(title))!.lines;

describe('composeHandover', () => {
  it('done since the last hand-over only; due within the horizon; open with the most urgent first', () => {
    const steps = {
      cut: { at: NOW - 3 * HOUR, by: 'alice', via: 'manual' as const },
    };
    const sections = composeHandover(input({ since: { at: NOW - 2 * HOUR, by: 'bob' } }, steps));
    expect(sections.map((s) => s.title)).toEqual([
      'Failing',
      'Due in the next 8h',
      'Claimed',
      'Open',
      "Done since @bob's hand-over 2026-11-18 10:00 UTC",
    ]);
    // Cut was done before bob's hand-over: his hand-over said so, this one does not.
    expect(section(sections, 'Done')).toEqual(['nothing']);
    expect(section(sections, 'Due')).toEqual(['Tag the RC — due in 1h (2026-11-18 13:00 UTC)']);
    expect(section(sections, 'Open')[0]).toBe('1/3 steps done');
    expect(section(sections, 'Open')[1]).toMatch(/^next: Tag the RC \(ready\)/);

    const first = composeHandover(input({}, steps));
    expect(section(first, 'Done since the release began')).toEqual(['Cut the branch — @alice, 2026-11-18 09:00 UTC']);
  });

  it('a first hand-over counts the checks done by live data, which carry no time, so the totals under Open add up', () => {
    const steps = { cut: { at: NOW - 3 * HOUR, by: 'alice', via: 'manual' as const } };
    const release = input({}, steps);
    const check = { ...release.streams[0]!.phases[0]!.steps[0]!, title: 'Images published', state: 'done' as const, record: undefined };
    const phases = [{ ...release.streams[0]!.phases[0]!, steps: [...release.streams[0]!.phases[0]!.steps, check] }];
    const done = section(composeHandover({ ...release, streams: [{ label: '', phases }] }), 'Done');
    expect(done).toEqual([
      'Cut the branch — @alice, 2026-11-18 09:00 UTC',
      'and 1 done by live data (checks: they carry no time, so not listed)',
    ]);
    // Since a hand-over, when a check turned green is not known: it is not said to be since then.
    const since = section(
      composeHandover({ ...release, since: { at: NOW - 4 * HOUR, by: 'bob' }, streams: [{ label: '', phases }] }),
      'Done',
    );
    expect(since).toEqual(['Cut the branch — @alice, 2026-11-18 09:00 UTC']);
  });

  it('failing: a red layer, a failed step, a source not answering; a step not known yet is counted, never called failing', () => {
    const red = snapshot(result('unit', 'hyperfleet-api', 'failed'));
    const sections = composeHandover(
      input({
        layers: layers.map((l) => evaluateLayer(l, red, components, NOW)),
        stale: [{ source: 'prow', reason: 'connection refused', failing: true }],
      }),
    );
    const failing = section(sections, 'Failing');
    expect(failing[0]).toMatch(/^Unit failing — /);
    expect(failing.at(-1)).toBe('prow not answering: connection refused');
  });

  it('an open hotfix: its SLA deadline when it falls in the horizon, its lines labelled', () => {
    const release = input();
    const sections = composeHandover({
      ...release,
      streams: [...release.streams, { label: 'HYPERFLEET-901', phases: release.streams[0]!.phases, deadline: NOW + 90 * MINUTE }],
    });
    expect(section(sections, 'Due')).toContain('HYPERFLEET-901: SLA deadline 2026-11-18 13:30 UTC (due in 1h 30m)');
    expect(section(sections, 'Open')).toContain('HYPERFLEET-901: 0/3 steps done');
  });

  it('fits the journal: long lines are cut, too many lines are counted', () => {
    const claimed = Array.from({ length: HANDOVER_LINES_LIMIT + 5 }, (_, i) => `@x holds step ${i} ${'y'.repeat(HANDOVER_LINE_LIMIT)}`);
    const lines = section(composeHandover(input({ claimed })), 'Claimed');
    expect(lines).toHaveLength(HANDOVER_LINES_LIMIT);
    expect(lines.at(-1)).toBe('… and 6 more');
    expect([...lines[0]!]).toHaveLength(HANDOVER_LINE_LIMIT);
    expect(lines[0]!.endsWith('…')).toBe(true);
  });
});

describe('a hand-over as Markdown and as a Slack message', () => {
  const sections = [{ title: 'Failing', lines: ['PR <!channel> [x](http://evil) `rm`', '\u001b[31mred\u001b[0m'] }];

  it('Markdown escapes outside text and drops control sequences', () => {
    const markdown = handoverMarkdown('Hand-over · v0.4.0', sections);
    expect(markdown).toBe('# Hand-over · v0.4.0\n\n## Failing\n\n- PR \\<!channel\\> \\[x\\](http://evil) \\`rm\\`\n- red\n');
  });

  it('Slack: mentions arrive as text, every section within its limit', () => {
    const notice = handoverNotice('Hand-over · v0.4.0', sections);
    const text = JSON.stringify(notice.blocks);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('\u001b');
    expect(notice.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Hand-over · v0.4.0', emoji: true } });
  });
});

describe('the fold keeps hand-overs and their messages apart from the checklist', () => {
  it('a hand-over, its notice events under its own step, and nothing ignored', () => {
    const at = NOW;
    const events: JournalEvent[] = [
      { id: 'h1', at, actor: 'alice', type: 'handover-written', sections: [{ title: 'Failing', lines: ['nothing'] }] },
      { id: 'i1', at: at + 1, actor: 'alice', type: 'notice-intended', step: handoverStep('h1'), key: 'v0.4.0/handover-h1' },
      {
        id: 's1',
        at: at + 2,
        actor: 'alice',
        type: 'notice-sent',
        step: handoverStep('h1'),
        key: 'v0.4.0/handover-h1',
        channel: 'C1',
        ts: '1.2',
        permalink: 'https://slack.example/p12',
      },
    ];
    const state = foldRelease(events, new Set(['cut']));
    expect(state.ignored).toEqual([]);
    expect(state.steps).toEqual({});
    expect(state.handovers).toEqual([
      {
        id: 'h1',
        at,
        by: 'alice',
        sections: [{ title: 'Failing', lines: ['nothing'] }],
        notice: { sent: { at: at + 2, by: 'alice', channel: 'C1', ts: '1.2', permalink: 'https://slack.example/p12' } },
      },
    ]);
  });
});
