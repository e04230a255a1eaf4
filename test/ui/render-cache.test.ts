import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
import { rememberByObject, rememberByText, rememberSlices, rememberWidths } from '../../src/ui/text/render-cache.js';

/** The stand-ins the build gives Ink answer exactly as the packages do, and compute each answer once. */
describe('Ink text, remembered across frames', () => {
  const lines = ['plain ascii', '  ✓  Confirm severity · 19h ago', '\u001b[32m✓\u001b[39m 全角 😀 e\u0301', ''];

  it('string-width: same widths; measured once per text; calls with options always measured', () => {
    let calls = 0;
    const width = rememberWidths((text, options) => (calls++, stringWidth(text, options)));
    for (const line of [...lines, ...lines]) expect(width(line)).toBe(stringWidth(line));
    expect(calls).toBe(lines.length);
    expect(width('全', { ambiguousIsNarrow: false })).toBe(stringWidth('全', { ambiguousIsNarrow: false }));
    expect(calls).toBe(lines.length + 1);
  });

  it('tokenize and styledCharsFromTokens: same cells, and the same objects for the same line', () => {
    const tokens = rememberByText(tokenize);
    const styled = rememberByObject(styledCharsFromTokens);
    for (const line of lines) {
      expect(styled(tokens(line))).toEqual(styledCharsFromTokens(tokenize(line)));
      expect(styled(tokens(line))).toBe(styled(tokens(line)));
    }
  });

  it('slice-ansi: same slices for every start and end', () => {
    const slice = rememberSlices(sliceAnsi);
    for (const line of lines)
      for (const [from, to] of [
        [0, 3],
        [2, 9],
        [1, undefined],
      ] as const)
        expect(slice(line, from, to)).toBe(sliceAnsi(line, from, to));
  });
});

describe('the caches are bounded by the memory they hold', () => {
  it('keeps the lines drawn lately and lets the oldest go, whatever the number of distinct lines', () => {
    const computed: string[] = [];
    // A budget of about three 100-character lines of tokens.
    const tokens = rememberByText((text: string) => (computed.push(text), tokenize(text)), 3 * 100 * 400);
    const line = (i: number) => `${String(i).padStart(3, '0')} ${'x'.repeat(96)}`;
    tokens(line(1));
    tokens(line(2));
    tokens(line(1)); // used again: now the most recent
    tokens(line(3));
    tokens(line(4)); // over budget: line 2, the least recently used, goes
    computed.length = 0;
    tokens(line(1));
    tokens(line(4));
    expect(computed).toEqual([]);
    tokens(line(2));
    expect(computed).toEqual([line(2)]);
  });

  it('a day of clock ticks does not grow the width cache past its budget', () => {
    let calls = 0;
    const width = rememberWidths((text) => (calls++, stringWidth(text)), 64 * 1024);
    for (let second = 0; second < 86_400; second += 1) width(`updated ${second}s ago`);
    calls = 0;
    width('updated 0s ago'); // long gone
    width('updated 86399s ago'); // just drawn
    expect(calls).toBe(1);
  });
});
