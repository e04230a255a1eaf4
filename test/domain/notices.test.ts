import { describe, expect, it } from 'vitest';
import type { NoticeTemplate, Step } from '../../src/domain/config.js';
import {
  escapeMrkdwn,
  link,
  noticePayload,
  placeholdersOf,
  previewLines,
  renderNotice,
  SLACK_LIMITS,
  type Mrkdwn,
} from '../../src/domain/notices.js';
import { evaluatePlaybook, type PlaybookInput } from '../../src/domain/playbook.js';
import { DAY, HOUR, WEEK } from '../../src/domain/time.js';

const template = (blocks: NoticeTemplate['blocks'], text = 'fallback {title}'): NoticeTemplate => ({
  kind: 'k',
  title: 'K',
  channel: '#c',
  contract: false,
  fields: [{ name: 'note', label: 'Note', default: 'default note' }],
  text,
  blocks,
});

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here|here>', '&lt;!here|here&gt;'],
    ['<@U024BE7LH>', '&lt;@U024BE7LH&gt;'],
    ['<!subteam^S0614TZR7|@team>', '&lt;!subteam^S0614TZR7|@team&gt;'],
    ['<https://evil.example|docs>', '&lt;https://evil.example|docs&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt;!channel&gt;', '&amp;lt;!channel&amp;gt;'],
    ['\u001b]8;;https://x\u0007click\u001b]8;;\u0007 @here', 'click @here'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('a link keeps its label text and cannot be closed early by its URL', () => {
    expect(link('https://github.com/o/r/pull/1', '<!channel> fix').mrkdwn).toBe('<https://github.com/o/r/pull/1|&lt;!channel&gt; fix>');
    expect(link('https://x.example/a>b|c', 'ok').mrkdwn).toBe('<https://x.example/a%3Eb%7Cc|ok>');
    expect(link('javascript:alert(1)', 'click').mrkdwn).toBe('click');
  });
});

describe('renderNotice', () => {
  it('fills values escaped, fields from the person (escaped too), and keeps template text as written', () => {
    const t = template([{ type: 'section', text: '<!here> {title}: {note}' }]);
    const rendered = renderNotice(t, { title: 'R <@U1>' }, { note: '<!channel> please' });
    expect(rendered.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '<!here> R &lt;@U1&gt;: &lt;!channel&gt; please' } },
    ]);
    expect(rendered.text).toBe('fallback R &lt;@U1&gt;');
    expect(renderNotice(t, { title: 'R' }).blocks[0]).toMatchObject({ text: { text: '<!here> R: default note' } });
  });

  it('a header is plain text, one line, at most 150 characters', () => {
    const rendered = renderNotice(template([{ type: 'header', text: '{title}' }]), { title: `a\nb ${'x'.repeat(200)}` });
    const header = rendered.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(header.text.text).toMatch(/^a b x+…$/);
  });

  it('a list too long for a section keeps what fits and links to the rest', () => {
    const lines: Mrkdwn[] = Array.from({ length: 200 }, (_, i) => ({ mrkdwn: `• component-${i} \`v1.2.${i}\` built and verified` }));
    const rendered = renderNotice(template([{ type: 'section', text: '*Components*\n{components}' }]), {
      components: lines,
      more: link('https://github.com/o/r/blob/main/NOTES.md', 'release notes'),
    });
    const text = (rendered.blocks[0] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(text).toMatch(/…and \d+ more: <https:\/\/github\.com\/o\/r\/blob\/main\/NOTES\.md\|release notes>$/);
    const kept = text.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(text).toContain(`…and ${200 - kept} more`);
  });

  it('at most 50 blocks; empty sections (an empty optional field) are left out', () => {
    const many = Array.from({ length: 60 }, () => ({ type: 'divider' as const }));
    expect(renderNotice(template(many), {}).blocks).toHaveLength(SLACK_LIMITS.blocks);
    const t = {
      ...template([{ type: 'section', text: '{note}' }, { type: 'divider' }]),
      fields: [{ name: 'note', label: 'N', default: '' }],
    };
    expect(renderNotice(t, {}).blocks).toEqual([{ type: 'divider' }]);
  });

  it('the payload carries the key in metadata and turns name linking off', () => {
    const payload = noticePayload(renderNotice(template([{ type: 'divider' }]), { title: 'T' }), '#rel', 'v1.0.0/ga');
    expect(payload).toMatchObject({
      channel: '#rel',
      link_names: false,
      metadata: { event_type: 'hyperfleet_notice', event_payload: { key: 'v1.0.0/ga' } },
    });
  });

  it('names its placeholders, and the preview reads as Slack shows it', () => {
    const t = template([
      { type: 'header', text: '{title}' },
      { type: 'section', text: 'see {notes} & {note}' },
    ]);
    expect(placeholdersOf(t).sort()).toEqual(['note', 'notes', 'title']);
    const lines = previewLines(renderNotice(t, { title: 'T', notes: link('https://x.example/n', 'notes') }, { note: '<b>' }));
    expect(lines).toContain('see notes (https://x.example/n) & <b>');
  });
});

describe('notice deadlines', () => {
  const step = (due: Step['due']): Step => ({ id: 's', title: 'S', owner: 'o', kind: 'notice', needs: [], ...(due ? { due } : {}) });
  const dueOf = (due: Step['due'], anchors: PlaybookInput['anchors'], now = Date.parse('2026-11-02T00:00:00Z')) =>
    evaluatePlaybook({
      playbook: { id: 'p', title: 'P', phases: [{ id: 'ph', title: 'Ph', steps: [step(due)] }] },
      steps: {},
      anchors,
      snapshot: null,
      layers: [],
      components: [],
      calendar: { holidays: [] },
      dueSoonMs: DAY,
      now,
      sprintLength: { kind: 'calendar', ms: 3 * WEEK },
    })[0]!.steps[0]!.dueAt;
  const rcTag = Date.parse('2026-11-03T10:12:00Z');
  const ga = Date.parse('2026-11-20T17:00:00Z');

  it('on RC cut day: the end of the day the RC tag was made, else of the planned feature freeze', () => {
    const due = { at: ['rc-tag', 'feature-freeze'], endOfDay: true };
    expect(dueOf(due, { 'rc-tag': rcTag, 'feature-freeze': rcTag - DAY })).toBe(Date.parse('2026-11-03T23:59:59Z'));
    expect(dueOf(due, { 'feature-freeze': rcTag - DAY })).toBe(Date.parse('2026-11-02T23:59:59Z'));
    expect(dueOf(due, {})).toBeUndefined();
  });

  it('a breaking change: one sprint (the configured length) before the planned GA', () => {
    expect(dueOf({ at: ['ga'], before: 'sprint' }, { ga })).toBe(ga - 3 * WEEK);
    expect(dueOf({ at: ['ga'], before: { kind: 'working-days', days: 2 } }, { ga })).toBe(ga - 2 * DAY);
  });

  it('a patch notice: two hours after the patch tag, or after the step was ticked before GitHub says', () => {
    const tagged = Date.parse('2026-11-05T08:00:00Z');
    const due = { at: ['patch-tag', 'step:s'], offset: { kind: 'calendar' as const, ms: 2 * HOUR } };
    expect(dueOf(due, { 'patch-tag': tagged })).toBe(tagged + 2 * HOUR);
  });
});
