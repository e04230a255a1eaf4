import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RELEASE_MILESTONES } from '../../src/domain/config.js';
import type { EventType, JournalEvent } from '../../src/domain/events.js';
import {
  ACCEPTED_CHECKS_LIMIT,
  ACCEPTED_EVIDENCE_LIMIT,
  EVIDENCE_LIMIT,
  HANDOVER_LINE_LIMIT,
  HANDOVER_LINES_LIMIT,
  HANDOVER_SECTIONS_LIMIT,
  HOST_LIMIT,
  IDENTIFIER_LIMIT,
  LINK_LIMIT,
  lengthProblem,
  NOTICE_KEY_LIMIT,
  RULEBOOK_FILE_LIMIT,
  RULEBOOK_FILES_LIMIT,
  TEXT_LIMIT,
  textLength,
  tooLongBy,
} from '../../src/domain/limits.js';
import { FileJournalStore, JournalError } from '../../src/journal/file-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hf-limits-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.parse('2026-11-18T12:00:00Z');
/** Free text as long as it may be, in characters a person counts: each emoji is one, two UTF-16 units. */
const text = (limit = TEXT_LIMIT) => 'ü😀\n"'.repeat(limit / 4);
const name = (limit = IDENTIFIER_LIMIT, letter = 'n') => letter.repeat(limit);
const base = (id: string) => ({ id: name(IDENTIFIER_LIMIT - id.length, '0') + id, at: T, actor: name(IDENTIFIER_LIMIT, 'a') });

/** Layer cells as many and as full as allowed. */
const largestEvidence = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    layer: name(IDENTIFIER_LIMIT, 'l'),
    component: i % 2 ? null : name(IDENTIFIER_LIMIT, 'c'),
    state: name(IDENTIFIER_LIMIT, 's'),
    commit: name(IDENTIFIER_LIMIT, 'f'),
    url: `https://ci.example/${'u'.repeat(LINK_LIMIT - 19)}`,
    finishedAt: T - i,
  }));

/** The checks a step went past as they passed, as many and as full as allowed. */
function largestAccepted() {
  return Array.from({ length: ACCEPTED_CHECKS_LIMIT }, (_, c) => ({
    step: name(IDENTIFIER_LIMIT, String.fromCharCode(97 + c)),
    evidence: largestEvidence(ACCEPTED_EVIDENCE_LIMIT),
    found: Array.from({ length: ACCEPTED_EVIDENCE_LIMIT }, () => `https://tag.example/${'t'.repeat(LINK_LIMIT - 20)}`),
  }));
}

/** One event of every type, each field as long as it may be: the type makes a new event type fail here until it has one. */
const largest: { [K in EventType]: Extract<JournalEvent, { type: K }> } = {
  'release-planned': {
    ...base('1'),
    type: 'release-planned',
    release: name(),
    milestones: Object.fromEntries(RELEASE_MILESTONES.map((m, i) => [m, T + i])),
  },
  'step-completed': { ...base('2'), type: 'step-completed', step: name(), note: text(), accepted: largestAccepted() },
  'step-reopened': { ...base('3'), type: 'step-reopened', step: name(), note: text() },
  'event-retracted': { ...base('x'), type: 'event-retracted', target: name(), reason: text() },
  'gate-approved': {
    ...base('4'),
    type: 'gate-approved',
    step: name(),
    comment: text(),
    evidence: largestEvidence(EVIDENCE_LIMIT),
    accepted: largestAccepted(),
  },
  'gate-waived': {
    ...base('5'),
    type: 'gate-waived',
    step: name(),
    layer: name(IDENTIFIER_LIMIT, 'l'),
    tracking: text(),
    reason: text(),
    mitigation: text(),
  },
  'notice-intended': {
    ...base('6'),
    type: 'notice-intended',
    step: name(),
    key: name(NOTICE_KEY_LIMIT, 'k'),
    fields: { [name(IDENTIFIER_LIMIT, 'x')]: text(), [name(IDENTIFIER_LIMIT, 'y')]: text() },
  },
  'notice-sent': {
    ...base('7'),
    type: 'notice-sent',
    step: name(),
    key: name(NOTICE_KEY_LIMIT, 'k'),
    channel: name(IDENTIFIER_LIMIT, 'C'),
    ts: name(IDENTIFIER_LIMIT, '1'),
    permalink: `https://slack.example/${'p'.repeat(LINK_LIMIT - 22)}`,
    reconciled: true,
  },
  'notice-updated': {
    ...base('8'),
    type: 'notice-updated',
    step: name(),
    key: name(NOTICE_KEY_LIMIT, 'k'),
    ts: name(IDENTIFIER_LIMIT, '1'),
  },
  'notice-permalink': {
    ...base('p'),
    type: 'notice-permalink',
    step: name(),
    key: name(NOTICE_KEY_LIMIT, 'k'),
    ts: name(IDENTIFIER_LIMIT, '1'),
    permalink: `https://slack.example/${'p'.repeat(LINK_LIMIT - 22)}`,
  },
  'notice-claimed': {
    ...base('c'),
    type: 'notice-claimed',
    step: name(),
    key: name(NOTICE_KEY_LIMIT, 'k'),
    pid: 2 ** 31,
    host: name(HOST_LIMIT, 'h'),
  },
  'step-claimed': { ...base('s'), type: 'step-claimed', step: name(), until: T + 1, reason: text() },
  'step-released': { ...base('t'), type: 'step-released', step: name() },
  'notice-released': {
    ...base('r'),
    type: 'notice-released',
    step: name(),
    key: name(NOTICE_KEY_LIMIT, 'k'),
    claim: name(IDENTIFIER_LIMIT, 'i'),
  },
  'hotfix-opened': {
    ...base('9'),
    type: 'hotfix-opened',
    key: name(IDENTIFIER_LIMIT, 'K'),
    severity: 'Blocker',
    component: name(IDENTIFIER_LIMIT, 'c'),
    affects: name(IDENTIFIER_LIMIT, 'v'),
    summary: text(),
    reportedAt: T - 5000,
  },
  'hotfix-severity-changed': { ...base('10'), type: 'hotfix-severity-changed', severity: 'Major', reason: text() },
  'hotfix-reported-changed': { ...base('11'), type: 'hotfix-reported-changed', reportedAt: T - 9000, reason: text() },
  'hotfix-closed': { ...base('12'), type: 'hotfix-closed', note: text() },
  'rulebook-recorded': {
    ...base('rb'),
    type: 'rulebook-recorded',
    hash: 'f'.repeat(12),
    files: Array.from({ length: RULEBOOK_FILES_LIMIT }, () => ({ path: name(LINK_LIMIT, 'p'), text: text(RULEBOOK_FILE_LIMIT) })),
  },
  'handover-written': {
    ...base('h'),
    type: 'handover-written',
    since: T,
    sections: Array.from({ length: HANDOVER_SECTIONS_LIMIT }, (_, i) => ({
      title: name(IDENTIFIER_LIMIT, String.fromCharCode(97 + i)),
      lines: Array.from({ length: HANDOVER_LINES_LIMIT }, () => name(HANDOVER_LINE_LIMIT, 'l')),
    })),
  },
};
const events = Object.values(largest) as JournalEvent[];

/** Every text field of an event (of a list, its first item): a copy one character longer there, and why it is refused. */
function longerByOne(event: JournalEvent): Array<{ path: string; problem: string; event: JournalEvent }> {
  const variants: Array<{ path: string; problem: string; event: JournalEvent }> = [];
  const walk = (value: unknown, path: string[], rebuild: (v: unknown) => unknown): void => {
    if (typeof value === 'string') {
      // The type and severity are fixed words, a rulebook's hash twelve hex digits: not text with a limit.
      if (path.length === 1 && ['type', 'severity', 'hash', 'rulebook'].includes(path[0]!)) return;
      const problem = `${path.join('.')} ${tooLongBy(textLength(value) + 1, textLength(value))}`;
      variants.push({ path: path.join('.'), problem, event: rebuild(`${value}😀`) as JournalEvent });
    } else if (Array.isArray(value)) {
      if (value.length > 0) walk(value[0], [...path, '0'], (v) => rebuild([v, ...value.slice(1)]));
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        walk(inner, [...path, key], (v) => rebuild({ ...value, [key]: v }));
        // A record's names are limited too: the same entry under a name one character longer.
        if (path.at(-1) === 'fields') {
          const renamed = Object.fromEntries(Object.entries(value).map(([k, v]) => [k === key ? `${k}x` : k, v]));
          const problem = `${path.join('.')} has a name that ${tooLongBy(key.length + 1, key.length)}`;
          variants.push({ path: [...path, `${key}x`].join('.'), problem, event: rebuild(renamed) as JournalEvent });
        }
      }
    }
  };
  walk(event, [], (v) => v);
  return variants;
}

describe('journal limits', () => {
  it('the largest event of every type allowed is written through the file store and read back, every field equal', async () => {
    const store = new FileJournalStore(dir);
    for (const event of events) await store.append('s', event);
    expect(await store.read('s', T)).toEqual({ events, warnings: [] });
  });

  it('one character more in any field is refused before anything is written, naming the field, its length and the limit', async () => {
    const store = new FileJournalStore(dir);
    await store.append('s', largest['release-planned']);
    const before = readFileSync(join(dir, 's.jsonl'), 'utf8');
    let checked = 0;
    for (const event of events) {
      for (const variant of longerByOne(event)) {
        const refusal = store.append('s', variant.event);
        await expect(refusal, variant.path).rejects.toThrow(JournalError);
        await expect(refusal, variant.path).rejects.toThrow(`${event.type} not recorded: ${variant.problem}; nothing was written`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(readFileSync(join(dir, 's.jsonl'), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['s.jsonl']);
  });

  it('counts characters as a person does, and says them as the refusal does', () => {
    expect(textLength('😀é')).toBe(2);
    expect(lengthProblem('--summary', 'x'.repeat(10_001), TEXT_LIMIT)).toBe('--summary is 10,001 characters; the limit is 10,000');
    expect(lengthProblem('Summary', '😀'.repeat(TEXT_LIMIT), TEXT_LIMIT)).toBeNull();
    expect(lengthProblem('Note', '😀'.repeat(1_234_567), TEXT_LIMIT)).toBe('Note is 1,234,567 characters; the limit is 10,000');
  });
});
