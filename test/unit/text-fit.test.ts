import { describe, expect, it } from 'vitest';
import { CUT_MARK, fitCell, truncate } from '../../src/present/text.js';

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

  it('counts wide characters as two cells', () => {
    const cut = truncate('日本語のメッセージ', 9);
    expect(cut).toBe('日本語..');
    expect(fitCell('日本語のメッセージ', 10)).toBe('日本語の..');
  });
});
