import { describe, expect, it } from 'vitest';
import { computeLayout, footerLines, headerLines, tablePageSize } from '../../src/present/layout.js';

const NOTHING = {
  advice: false,
  overlayHeight: 0,
  quitReasons: undefined,
  flash: false,
  prompt: undefined,
  hintLines: 1,
};

describe('layout arithmetic', () => {
  it('counts the footer: hint lines, advice, overlay, quit dialog, flash, prompt with its extra lines', () => {
    expect(footerLines(NOTHING)).toBe(1);
    expect(footerLines({ ...NOTHING, hintLines: 3 })).toBe(3);
    expect(footerLines({ ...NOTHING, advice: true, flash: true, overlayHeight: 7 })).toBe(10);
    expect(footerLines({ ...NOTHING, quitReasons: 2 })).toBe(7);
    expect(footerLines({ ...NOTHING, prompt: { suggestions: true, problem: true } })).toBe(4);
    expect(footerLines({ ...NOTHING, prompt: { suggestions: false, problem: false } })).toBe(2);
  });

  it('gives the body what header and footer leave of the terminal, one line short of it', () => {
    const layout = computeLayout(
      { columns: 120, rows: 40 },
      headerLines(true),
      footerLines(NOTHING),
      'hidden',
    );
    expect(layout.body.height).toBe(40 - 1 - 3 - 1);
    expect(tablePageSize(layout.body.height)).toBe(layout.body.height - 3);
    expect(tablePageSize(2)).toBe(1);
  });
});
