import { describe, expect, it } from 'vitest';
import { oneLine, stripControl } from '../../src/domain/sanitize.js';

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
