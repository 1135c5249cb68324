// The fast paths taken for the common shapes (canonical timestamps, ASCII text, messages with one hash)
// must answer exactly as the general code does for every input, including the awkward ones.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { truncateHex } from '../../src/flux/hex.js';
import { formatRFC3339, parseTime } from '../../src/flux/time.js';
import { displayWidth } from '../../src/flux/width.js';

describe('parseTime on the API server layout (YYYY-MM-DDTHH:MM:SSZ)', () => {
  /** The same instant built with Date's setters, which read every year literally (0099 is not 1999). */
  function expected(iso: string): number {
    const date = new Date(0);
    date.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
    date.setUTCHours(Number(iso.slice(11, 13)), Number(iso.slice(14, 16)), Number(iso.slice(17, 19)), 0);
    return date.getTime();
  }

  it.each([
    ['2024-02-29T12:00:00Z'],
    ['2000-02-29T00:00:00Z'],
    ['1969-12-31T23:59:59Z'],
    ['0099-03-01T00:00:00Z'],
    ['9999-12-31T23:59:59Z'],
  ])('%s', (iso) => {
    expect(parseTime(iso)).toBe(expected(iso));
  });

  it.each([
    ['2023-02-29T00:00:00Z'],
    ['1900-02-29T00:00:00Z'],
    ['2024-04-31T00:00:00Z'],
    ['2024-00-10T00:00:00Z'],
    ['2024-01-00T00:00:00Z'],
    ['2024-01-01T24:00:00Z'],
    ['2024-01-01T00:60:00Z'],
    ['2024-01-01T00:00:61Z'],
    ['2024-01-01T0a:00:00Z'],
    ['2024/01/01T00:00:00Z'],
  ])('rejects %s', (iso) => {
    expect(parseTime(iso)).toBeUndefined();
    expect(formatRFC3339(iso)).toBe('');
  });

  it('leaves a leap second to the general path', () => {
    expect(parseTime('2016-12-31T12:59:60Z')).toBe(Date.UTC(2016, 11, 31, 13, 0, 0));
  });

  it('formats canonical timestamps as given and others in that layout', () => {
    expect(formatRFC3339('2021-08-01T04:28:42Z')).toBe('2021-08-01T04:28:42Z');
    expect(formatRFC3339('2021-08-01t04:28:42z')).toBe('2021-08-01T04:28:42Z');
    expect(formatRFC3339('2021-08-01T06:28:42.5+02:00')).toBe('2021-08-01T04:28:42Z');
  });
});

describe('truncateHex without a regex', () => {
  const sha = `${'a'.repeat(8)}0123456789abcdef0123456789abcdef`;
  it.each([
    [`main@sha1:${sha}`, 'main@sha1:aaaaaaaa'],
    [`'main@sha1:${sha}' and ${sha}.`, "'main@sha1:aaaaaaaa' and aaaaaaaa."],
    [`x${sha}`, `x${sha}`], // a word character before: not a word of its own
    [`${sha}_`, `${sha}_`],
    [`${sha}g`, `${sha}g`],
    [`${sha.toUpperCase()}`, `${sha.toUpperCase()}`],
    [sha.slice(0, 39), sha.slice(0, 39)],
    ['f'.repeat(129), 'f'.repeat(129)],
    [`${'f'.repeat(128)} `, `${'f'.repeat(8)} `],
    // Each hit is replaced everywhere, even inside a longer word (as the CLI's strings.ReplaceAll).
    [`${sha} x${sha}y`, 'aaaaaaaa xaaaaaaaay'],
  ])('%s', (input, want) => {
    expect(truncateHex(input)).toBe(want);
  });
});

describe('displayWidth', () => {
  it.each([
    ['plain ascii', 11],
    ['', 0],
    ['ascii then 漢字', 15],
    ['e\u0301', 1],
    ['🚀 ok', 5],
    // What the old partial width table got wrong, measured now as Ink measures (string-width).
    ['👨‍👩‍👧 family', 9],
    ['🇩🇪 flag', 7],
    ['한국어', 6],
    ['soft\u00adhyphen', 10],
    ['zero\u2060joiner', 10],
    ['ｶﾀｶﾅ', 4],
  ])('%j is %d columns', (s, want) => {
    expect(displayWidth(s)).toBe(want);
  });

  it('agrees with string-width, which Ink measures lines with, on and off the ASCII fast path', () => {
    for (const s of [
      'plain',
      'tab\there',
      'bell\u0007',
      'café',
      'ascii then 漢字',
      '⚠ warn',
      'e\u0301',
      '✅ ok',
    ]) {
      expect(displayWidth(s)).toBe(stringWidth(s));
    }
  });
});
