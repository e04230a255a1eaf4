import { describe, expect, it } from 'vitest';
import { oneLine, safeJson, stripControl } from '../../src/domain/sanitize.js';

describe('stripControl', () => {
  it.each([
    ['colour (CSI SGR)', 'fix \u001b[31mred\u001b[0m bug', 'fix red bug'],
    ['cursor movement', 'a\u001b[2Jb\u001b[10;10Hc', 'abc'],
    ['window title (OSC, BEL)', '\u001b]0;pwned\u0007title', 'title'],
    ['hyperlink (OSC 8, ST)', '\u001b]8;;https://evil\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['8-bit CSI', 'x\u009b31my', 'xy'],
    ['DCS string', 'a\u001bPq#0;2;0;0;0\u001b\\b', 'ab'],
    ['backspace and carriage return', 'safe\b\b\b\bEVIL\rline', 'safeEVILline'],
    ['a lone escape at the end', 'text\u001b', 'text'],
    ['an unterminated OSC', 'ok\u001b]52;c;ZXZpbA==', 'ok'],
    ['C1 controls (NEL, a lone ST)', 'a\u0085b\u009cc', 'abc'],
    ['bidi overrides (Trojan Source)', 'access\u202e \u2066// admin\u2069 \u2066', 'access // admin '],
    ['every bidi embedding, override and isolate', '\u202a\u202b\u202c\u202d\u202ex\u2066\u2067\u2068\u2069', 'x'],
  ])('removes %s', (_, input, expected) => {
    expect(stripControl(input)).toBe(expected);
  });

  it('keeps ordinary text, unicode, newlines and tabs', () => {
    expect(stripControl('fix: ✓ ünïcode 漢字\n\tnext')).toBe('fix: ✓ ünïcode 漢字\n\tnext');
  });

  it('oneLine folds line breaks into spaces', () => {
    expect(oneLine('  title\nwith\r\nbreaks\t ')).toBe('title with breaks');
  });
});

describe('safeJson', () => {
  const hostile = { title: 'fix\u009b31m \u202eevil\u2066 \u0085 ✓ 漢字 \u001b[2J', 'key\u202d': ['\u007f'] };

  it('writes C1, DEL and bidi controls as \\u escapes: nothing raw reaches a terminal', () => {
    const text = safeJson(hostile);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('fix\\u009b31m \\u202eevil\\u2066 \\u0085 ✓ 漢字 \\u001b[2J');
    expect(text).toContain('"key\\u202d"');
  });

  it('stays valid JSON that reads back the very same value, indented as JSON.stringify does', () => {
    expect(JSON.parse(safeJson(hostile))).toEqual(hostile);
    expect(safeJson({ a: [1, 'b'] })).toBe(JSON.stringify({ a: [1, 'b'] }, null, 2));
  });
});
