import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/domain/events.js';
import { IDENTIFIER_LIMIT, LINK_LIMIT, NOTICE_KEY_LIMIT, TEXT_LIMIT } from '../../src/domain/limits.js';
import * as z from 'zod/mini';
import { COMPILE_FROM_LINES, decodeEvent, decoderFor, encodeEvent, unversionedEventSchema } from '../../src/journal/codec.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { everyType, T } from './every-event.js';

const events = Object.values(everyType) as JournalEvent[];

/** Values of the wrong kind, or just past what a field allows. */
const WRONG: unknown[] = [
  null,
  0,
  -1,
  1.5,
  true,
  '',
  'x',
  [],
  {},
  [{}],
  'n'.repeat(IDENTIFIER_LIMIT + 1),
  'k'.repeat(NOTICE_KEY_LIMIT + 1),
  'u'.repeat(LINK_LIMIT + 1),
  't'.repeat(TEXT_LIMIT + 1),
  '2026-11-18',
  '2026-02-30T12:00:00.000Z',
  '2026-11-18T24:00:00.000Z',
  '2026-11-18T12:00:00.000+25:00',
  'Blocker ',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Every way to spoil a line of this event: each field (and, of a list, its first item's) left
 * out, given a value of each wrong kind, or given a stranger beside it; the whole line as some
 * other JSON value, or not JSON at all.
 */
function spoiled(event: JournalEvent): string[] {
  const record = JSON.parse(encodeEvent(event)) as Json;
  const lines: string[] = [];
  const walk = (value: Json, rebuild: (v: Json | undefined) => Json): void => {
    if (Array.isArray(value)) {
      if (value.length > 0) walk(value[0]!, (v) => rebuild(v === undefined ? value.slice(1) : [v, ...value.slice(1)]));
      lines.push(JSON.stringify(rebuild([...value, ...value.slice(0, 1), ...Array<Json>(1_000).fill(value[0] ?? 'x')])));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    lines.push(
      JSON.stringify(rebuild({ ...value, stranger: 1 })),
      JSON.stringify(rebuild({ ...value, ['x'.repeat(IDENTIFIER_LIMIT + 1)]: 'y' })),
    );
    for (const [key, inner] of Object.entries(value)) {
      const replaced = (v: Json | undefined) => {
        const copy = { ...value };
        if (v === undefined) delete copy[key];
        else copy[key] = v;
        return rebuild(copy);
      };
      lines.push(JSON.stringify(replaced(undefined)));
      for (const wrong of WRONG) lines.push(JSON.stringify(replaced(wrong as Json)));
      walk(inner, replaced);
    }
  };
  walk(record, (v) => v as Json);
  const line = encodeEvent(event);
  lines.push(line.slice(0, -1), line.replace('{', '{"__proto__":{"v":2},'), '[]', 'null', '"text"', '42', 'not json at all', line + line);
  return lines;
}

describe('the journal codec for a long journal (the compiled schema)', () => {
  const long = decoderFor(COMPILE_FROM_LINES);
  const short = decoderFor(0);

  it('is compiled by zod: a zod that could not would read it at a third of the speed, and say nothing', () => {
    expect(() => z.compile(unversionedEventSchema(), { strict: true })).not.toThrow();
  });

  it('reads every event type as the schema does, field for field and in the same order', () => {
    for (const event of events) {
      const line = encodeEvent(event);
      expect(long(line)).toEqual({ ok: true, event });
      expect(JSON.stringify(long(line))).toBe(JSON.stringify(short(line)));
    }
  });

  it('gives every spoiled line the answer the schema gives: the same event, or the same problem in the same words', () => {
    let refused = 0;
    let read = 0;
    for (const event of events) {
      for (const line of spoiled(event)) {
        const answer = long(line);
        expect(JSON.stringify(answer), line.slice(0, 300)).toBe(JSON.stringify(short(line)));
        if (answer.ok) read += 1;
        else refused += 1;
      }
    }
    // Most ways to spoil a line are refused; a stranger field is dropped, a shorter list still fits.
    expect(refused).toBeGreaterThan(2_000);
    expect(read).toBeGreaterThan(50);
  });

  it('reads each time as Date.parse does, in the form the journal writes and in every other the schema allows', () => {
    const times = [
      '2026-11-18T12:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '9999-12-31T23:59:59.999Z',
      '1000-01-01T00:00:00.000Z',
      '0999-12-31T23:59:59.999Z',
      '0050-06-01T12:00:00.000Z',
      '2026-11-18T12:00:00Z',
      '2026-11-18T12:00:00.5Z',
      '2026-11-18T12:00:00.123456Z',
      '2026-11-18T12:00:00.000+02:00',
      '2026-11-18T12:00:00-05:30',
    ];
    for (const at of times) {
      const line = encodeEvent(everyType['hotfix-closed']).replace(/"at":"[^"]+"/, `"at":"${at}"`);
      for (const decode of [long, short]) expect(decode(line), at).toMatchObject({ ok: true, event: { at: Date.parse(at) } });
    }
  });

  it('one line at a time (decodeEvent) answers as the short journal does', () => {
    for (const line of [encodeEvent(everyType['gate-approved']), ...spoiled(everyType['notice-sent']).slice(0, 50)])
      expect(decodeEvent(line)).toEqual(short(line));
  });
});

describe('claims of a step in the journal', () => {
  const claim = { v: 1, id: 'c1', at: '2026-11-18T12:00:00.000Z', actor: 'a', type: 'step-claimed', step: 'tag-rc' };
  const until = '2026-11-18T12:15:00.000Z';

  it('reads a claim with its lease as a time, and a release', () => {
    expect(decodeEvent(JSON.stringify({ ...claim, until, reason: 'on leave' }))).toEqual({
      ok: true,
      event: { id: 'c1', at: T, actor: 'a', type: 'step-claimed', step: 'tag-rc', until: Date.parse(until), reason: 'on leave' },
    });
    expect(decodeEvent(JSON.stringify({ ...claim, type: 'step-released' }))).toMatchObject({ ok: true, event: { type: 'step-released' } });
  });

  it('refuses a malformed one in words that say which field', () => {
    const problem = (record: object) => decodeEvent(JSON.stringify(record));
    expect(problem(claim)).toEqual({
      ok: false,
      problem: 'not a journal event (until: Invalid input: expected string, received undefined)',
    });
    expect(problem({ ...claim, until: 'in 15 minutes' })).toEqual({
      ok: false,
      problem: 'not a journal event (until: Invalid ISO datetime)',
    });
    expect(problem({ ...claim, until, reason: 'x'.repeat(TEXT_LIMIT + 1) })).toEqual({
      ok: false,
      problem: 'not a journal event (reason is 10,001 characters; the limit is 10,000)',
    });
    expect(problem({ ...claim, type: 'step-released', step: 7 })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^not a journal event \(step: /),
    });
  });
});

describe('a long journal on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hf-codec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('skips each damaged line with the warning a short journal gives it, and counts none of them', async () => {
    const bad = [
      'not json at all',
      '{"v":1,"id":"x","type":"step-completed"}',
      JSON.stringify({ v: 1, id: 'x', at: 'yesterday', actor: 'a', type: 'step-completed', step: 'a' }),
      JSON.stringify({ v: 2, id: 'x', at: new Date(T).toISOString(), actor: 'a', type: 'step-completed', step: 'a' }),
      JSON.stringify({ v: 1, id: 'x', at: new Date(T).toISOString(), actor: 'a', type: 'from-the-future' }),
      JSON.stringify({ ...JSON.parse(encodeEvent(everyType['hotfix-opened'])), id: 'y', summary: 't'.repeat(TEXT_LIMIT + 1) }),
      JSON.stringify({
        ...JSON.parse(encodeEvent(everyType['notice-intended'])),
        id: 'z',
        fields: { ['x'.repeat(IDENTIFIER_LIMIT + 1)]: 'y' },
      }),
      encodeEvent({ ...everyType['step-completed'], id: 'late', at: T + 3_600_000 }),
      encodeEvent(everyType['step-reopened']), // its id again, further down
    ];
    const many = Array.from({ length: COMPILE_FROM_LINES }, (_, i) => encodeEvent({ ...everyType['step-reopened'], id: `e${i}` }));
    writeFileSync(join(dir, 'short.jsonl'), `${[encodeEvent(everyType['step-reopened']), ...bad].join('\n')}\n`);
    writeFileSync(join(dir, 'long.jsonl'), `${[encodeEvent(everyType['step-reopened']), ...many, ...bad].join('\n')}\n`);
    const store = new FileJournalStore(dir);
    const short = await store.read('short', T);
    const long = await store.read('long', T);

    expect(long.events).toHaveLength(1 + COMPILE_FROM_LINES);
    expect(long.warnings.map((w) => w.line)).toEqual(short.warnings.map((w) => w.line + COMPILE_FROM_LINES));
    const words = (read: typeof long, file: string) => read.warnings.map((w) => w.message.replace(`${join(dir, file)}:${w.line}: `, ''));
    expect(words(long, 'long.jsonl')).toEqual(words(short, 'short.jsonl'));
    expect(words(long, 'long.jsonl')).toEqual([
      'not valid JSON; line skipped (fix or delete it)',
      expect.stringMatching(/^not a journal event \(at: .*\); line skipped/),
      expect.stringMatching(/^not a journal event \(at: .*\); line skipped/),
      expect.stringMatching(/^not a journal event \(v: .*\); line skipped/),
      expect.stringMatching(/^not a journal event \(type: .*\); line skipped/),
      'not a journal event (summary is 10,001 characters; the limit is 10,000); line skipped (fix or delete it)',
      'not a journal event (fields has a name that is 101 characters; the limit is 100); line skipped (fix or delete it)',
      expect.stringMatching(/^step-completed dated 2026-11-18 13:00 UTC, later than this clock/),
      'duplicate of line 1; counted once',
    ]);
  });
});
