import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { CUT_MARK, fitCell, textWidth, truncate, wrapLine } from '../../src/present/text.js';

describe('fitting text into cells', () => {
  it('cuts with an ASCII mark, keeping exactly the width', () => {
    expect(CUT_MARK).toMatch(/^[\x20-\x7e]+$/);
    expect(truncate('Helm upgrade failed for release kyverno', 12)).toBe('Helm upgra..');
    expect(fitCell('stored artifact for revision', 10)).toBe('stored a..');
    expect(fitCell('short', 10)).toBe('short     ');
    expect(fitCell('42', 5, 'right')).toBe('   42');
  });

  it('leaves text that fits alone and cuts hard where the mark would not fit', () => {
    expect(truncate('exactly-10', 10)).toBe('exactly-10');
    expect(truncate('abcdef', 2)).toBe('ab');
    expect(truncate('abcdef', 0)).toBe('');
  });

  it('counts the tree’s box-drawing branches one cell each, as string-width does, on the fast path', () => {
    const branch = '│   ├── Deployment';
    expect(textWidth(branch)).toBe(stringWidth(branch));
    expect(textWidth(branch)).toBe(18);
    expect(truncate(branch, 20)).toBe(branch);
    expect(truncate(`${branch}-with-a-long-name`, 20)).toBe('│   ├── Deployment..');
  });

  it('counts wide characters as two cells', () => {
    const cut = truncate('日本語のメッセージ', 9);
    expect(cut).toBe('日本語..');
    expect(fitCell('日本語のメッセージ', 10)).toBe('日本語の..');
  });
});

describe('cuts between grapheme clusters, never inside one', () => {
  const family = '👨‍👩‍👧'; // three emoji joined by ZWJ: one cluster, two cells
  const flag = '🇩🇪'; // two regional indicators: one cluster, two cells
  const accent = 'e\u0301'; // e + combining acute: one cluster, one cell

  it('keeps a ZWJ sequence, a flag and a combining mark whole or drops them whole', () => {
    expect(truncate(`ab${family}cdef`, 6)).toBe(`ab${family}..`);
    expect(truncate(`ab${family}cdef`, 5)).toBe('ab..');
    expect(truncate(`${flag}${flag}${flag}x`, 6)).toBe(`${flag}${flag}..`);
    expect(truncate(`${accent}${accent}${accent}${accent}xyz`, 5)).toBe(`${accent}${accent}${accent}..`);
    for (const w of [3, 4, 5, 6, 7]) {
      expect(textWidth(truncate(`a${family}b${flag}c${accent}defgh`, w))).toBeLessThanOrEqual(w);
    }
  });

  it('wraps without splitting a cluster across lines', () => {
    const lines = wrapLine(`abc${family}${flag}de`, 4);
    expect(lines).toEqual([`abc`, `${family}${flag}`, 'de']);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(4);
  });
});
