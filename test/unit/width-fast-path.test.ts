// Text made only of one-cell characters is measured by its length and cut by slicing (src/flux/width.ts).
// That is right only while string-width, which Ink measures with, agrees: each extra character one column
// alone and between others, so an upgrade of string-width that changes one fails here, not on screen.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, isOneCellEach, ONE_CELL_EXTRAS } from '../../src/flux/width.js';

describe('the one-cell fast path', () => {
  it('holds only characters string-width counts as one column, alone and in text', () => {
    for (const c of [...ONE_CELL_EXTRAS, '─', '│', '└', '├', '╿']) {
      expect(stringWidth(c), c).toBe(1);
      expect(stringWidth(`a${c}b${c}`), c).toBe(4);
      expect(isOneCellEach(`x ${c} y`), c).toBe(true);
    }
  });

  it('measures as string-width does, and leaves wide, zero-width and combined characters to it', () => {
    const texts = [
      'Reconciliation failed after 3m · revision main@sha1:abc — retrying…',
      'rows 1–48 → ≥12m ✓ ✗ ● ▲ ▼ “quoted” ‘x’ 10×20 30°',
      '日本語 · x',
      'cafe\u0301 · done',
      '✓\ufe0f check',
      'zero\u200bwidth',
      '👍 ok',
    ];
    for (const t of texts) expect(displayWidth(t), t).toBe(stringWidth(t));
    expect(isOneCellEach('日本語 · x')).toBe(false);
    expect(isOneCellEach('cafe\u0301')).toBe(false);
    expect(isOneCellEach('✓\ufe0f')).toBe(false);
    expect(isOneCellEach('\u001b[31m')).toBe(false);
  });
});
