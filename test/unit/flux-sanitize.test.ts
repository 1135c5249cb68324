import { describe, expect, it } from 'vitest';
import { sanitizeMultiline, sanitizeText } from '../../src/flux/sanitize.js';

const ESC = '\x1b';

describe('sanitizeText', () => {
  it.each([
    [
      'plain text is unchanged',
      'Applied revision: main@sha1:696f056d',
      'Applied revision: main@sha1:696f056d',
    ],
    ['CSI colour', `${ESC}[31mred${ESC}[0m text`, 'red text'],
    ['CSI with intermediates and private params', `a${ESC}[?25l${ESC}[2 qb`, 'ab'],
    ['cursor movement that could overwrite a cell', `ok${ESC}[2K${ESC}[1Gfailed`, 'okfailed'],
    ['OSC 8 hyperlink (BEL)', `${ESC}]8;;http://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    ['OSC 52 clipboard write', `x${ESC}]52;c;cm0gLXJmIH4=\x07y`, 'xy'],
    ['OSC title ended by ST', `${ESC}]0;pwned${ESC}\\title`, 'title'],
    ['DCS string', `a${ESC}P1;2|secret${ESC}\\b`, 'ab'],
    ['SOS, PM and APC strings', `a${ESC}Xsos${ESC}\\b${ESC}^pm${ESC}\\c${ESC}_apc${ESC}\\d`, 'abcd'],
    ['8-bit CSI 0x9b', 'a\u009b31mb', 'ab'],
    ['8-bit OSC 0x9d ended by 8-bit ST', 'a\u009d8;;http://x\u009cb', 'ab'],
    ['other C1 controls', 'a\u0085\u0090x\u009cb', 'ab'],
    ['two-character escapes (charset, save cursor, reset)', `a${ESC}(Bb${ESC}7c${ESC}cd`, 'abcd'],
    ['lone ESC at the end', `abc${ESC}`, 'abc'],
    ['lone ESC before a newline', `a${ESC}\nb`, 'a b'],
    ['unterminated OSC swallows the rest', `ok${ESC}]8;;http://evil`, 'ok'],
    ['malformed CSI stops at the first foreign byte', `a${ESC}[12\u0001b`, 'ab'],
    ['C0 controls and DEL', 'a\u0000b\u0007c\u0008d\u007fe', 'abcde'],
    ['newlines and tabs become spaces', 'line1\nline2\r\nline3\tend', 'line1 line2 line3 end'],
    ['lone CR cannot rewind the line', 'safe\rEVIL', 'safe EVIL'],
    ['unicode line separators', 'a\u2028b\u2029c', 'a b c'],
    ['bidi overrides and isolates', 'a\u202eevil\u202cb\u2066c\u2069', 'aevilbc'],
    ['zero-width characters and BOM', 'z\u200bw\u200cj\u200dx\u2060\ufeffy', 'zwjxy'],
    ['emoji survive', 'ok ✅ 🚀', 'ok ✅ 🚀'],
    ['lone surrogates become U+FFFD', 'a\ud800b\udc00c', 'a\ufffdb\ufffdc'],
  ])('%s', (_name, input, want) => {
    expect(sanitizeText(input)).toBe(want);
  });

  it.each([[undefined], [null], [42], [true], [{ toString: () => 'x' }], [['a']]])(
    'turns the non-string %j into an empty string',
    (value) => {
      expect(sanitizeText(value)).toBe('');
    },
  );

  it('truncates to maxLength with an ellipsis', () => {
    expect(sanitizeText('abcdefghij', 5)).toBe('abcd…');
    expect(sanitizeText('abcde', 5)).toBe('abcde');
    expect(sanitizeText('abc', 0)).toBe('');
    expect(sanitizeText(`${ESC}[1mabcdefghij`, 5)).toBe('abcd…');
  });

  it('never splits a surrogate pair when truncating', () => {
    const out = sanitizeText('ab🚀cd', 4);
    expect(out).toBe('ab…');
  });

  it('bounds the work on huge input', () => {
    const huge = `${ESC}[31m${'x'.repeat(5_000_000)}\n${'y'.repeat(10)}`;
    const out = sanitizeText(huge);
    expect(out).toHaveLength(2000);
    expect(out.endsWith('…')).toBe(true);
    expect(sanitizeText('z'.repeat(3_000_000))).toHaveLength(2000);
  });

  it('leaves no escape or control character in random hostile input', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const alphabet = [
      '\x1b',
      '[',
      ']',
      '\x07',
      '\\',
      'P',
      '\x9b',
      '\x9d',
      '\x9c',
      'a',
      '1',
      ';',
      '\n',
      '\u202e',
      'm',
    ];
    for (let n = 0; n < 200; n++) {
      let s = '';
      for (let i = 0; i < 60; i++) s += alphabet[rnd() % alphabet.length];
      const out = sanitizeText(s);
      const bad = [...out].filter((ch) => {
        const c = ch.codePointAt(0) ?? 0;
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e);
      });
      expect(bad).toEqual([]);
    }
  });
});

describe('sanitizeMultiline', () => {
  it('keeps line breaks and normalises CRLF and CR', () => {
    expect(sanitizeMultiline('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('expands tabs to the next 8-column stop', () => {
    expect(sanitizeMultiline('ab\tc\n\td')).toBe('ab      c\n        d');
  });

  it('strips control sequences like sanitizeText', () => {
    expect(sanitizeMultiline(`${ESC}]52;c;eA==\x07key: ${ESC}[31mvalue\n\u202eok`)).toBe('key: value\nok');
  });

  it('returns "" for non-strings and truncates long text', () => {
    expect(sanitizeMultiline(12)).toBe('');
    expect(sanitizeMultiline('a\nbcdef', 4)).toBe('a\nb…');
    expect(sanitizeMultiline('x'.repeat(2_000_000))).toHaveLength(1_000_000);
  });
});
