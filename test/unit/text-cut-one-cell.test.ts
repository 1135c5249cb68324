// The cuts of one-cell text (printable ASCII, box drawing, the console's punctuation) are slices, taken without the grapheme segmenter: they
// must be exactly the cuts the general, grapheme-by-grapheme path makes, at every width.
import { describe, expect, it } from 'vitest';
import { CUT_MARK, truncate, truncateMiddle, wrapWords } from '../../src/present/text.js';

/** The general path's cuts, written out for one-cell characters (each code unit a grapheme of width 1). */
function endCut(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  const mark = width > CUT_MARK.length ? CUT_MARK : '';
  return text.slice(0, width - mark.length) + mark;
}
function middleCut(text: string, width: number): string {
  if (width <= CUT_MARK.length + 1) return endCut(text, width);
  if (text.length <= width) return text;
  const room = width - CUT_MARK.length;
  const tail = [...text].slice(text.length - Math.floor(room / 2)).join('');
  const head = [...text].slice(0, room - tail.length).join('');
  return `${head}${CUT_MARK}${tail}`;
}

/** A repeatable generator (mulberry32), so a failure names its case. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('cutting one-cell text', () => {
  const next = random(21);
  const alphabet = 'abcXYZ019-_./:@ ├─└│·—…→≥';
  const texts = Array.from({ length: 300 }, () =>
    Array.from(
      { length: Math.floor(next() * 40) },
      () => alphabet[Math.floor(next() * alphabet.length)],
    ).join(''),
  );

  it('cuts at the end as the general path does, at every width', () => {
    for (const text of texts)
      for (let width = 0; width <= 42; width++)
        expect(truncate(text, width), `${text} @${width}`).toBe(endCut(text, width));
  });

  it('cuts in the middle as the general path does, at every width', () => {
    for (const text of texts)
      for (let width = 0; width <= 42; width++)
        expect(truncateMiddle(text, width), `${text} @${width}`).toBe(middleCut(text, width));
  });

  it('still measures text with wide characters or accents by what it shows', () => {
    expect(truncate('日本語のテキスト', 7)).toBe('日本..');
    expect(truncateMiddle('podinfo-日本語-frontend', 12)).toBe('podin..ntend');
    expect(truncate('cafe\u0301-bar', 6)).toBe('cafe\u0301..');
  });
});

describe('wrapping prose', () => {
  it('breaks at spaces, and splits a word longer than a line where the line ends', () => {
    expect(wrapWords('clear the lock then reconcile', 12)).toEqual(['clear the', 'lock then', 'reconcile']);
    // The long word follows what precedes it instead of leaving that alone on its line.
    expect(wrapWords('build failed: xxxxxxxxxxxxxxxxxxxx done', 12)).toEqual([
      'build',
      'failed: xxxx',
      'xxxxxxxxxxxx',
      'xxxx done',
    ]);
    for (const line of wrapWords('a https://example.com/a/very/long/path/that/never/ends b', 10))
      expect(line.length).toBeLessThanOrEqual(10);
  });
});
