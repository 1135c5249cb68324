import { describe, expect, it } from 'vitest';
import { fitDialog } from '../../src/present/dialog-fit.js';

// 5 rows never given up, a warning and an option (each with a blank line and a title), the question's blank
// line, 6 body rows (2 of them the blank line and "Targets" title), 4 rows of commands:
// 5 + 1 + 1 + 5 + 6 + 4 = 22 rows in all.
const rows = { fixed: 5, warnings: 1, options: 1, body: 6, bodyLead: 2, commands: 4 };

describe('fitDialog', () => {
  it('shows everything when it fits; c folds the commands to their one line', () => {
    expect(fitDialog(rows, 22, 0, false)).toMatchObject({
      commandsShown: true,
      commandsFolded: false,
      compact: false,
      scrolls: false,
      window: 10,
    });
    expect(fitDialog(rows, undefined, 0, false)).toMatchObject({ commandsShown: true, scrolls: false });
    expect(fitDialog(rows, 22, 0, true)).toMatchObject({
      commandsShown: false,
      commandsFolded: true,
      scrolls: false,
      window: 6,
    });
  });

  it('folds the commands to one line when they do not fit, the rest of the body in view', () => {
    // 22 rows do not fit in 21; without the commands, 18 rows and the folded line do.
    expect(fitDialog(rows, 21, 0, false)).toMatchObject({
      commandsShown: false,
      commandsFolded: true,
      compact: false,
      scrolls: false,
      top: 0,
      window: 6,
      bodyRows: 6,
    });
  });

  it('goes compact before it scrolls: no blank lines nor titles, so the first target stays in view', () => {
    // Folded: 7 kept + 1 folded line + 5 decoration + 6 body = 19 > 16; compact: 8 + 4 body rows = 12.
    expect(fitDialog(rows, 16, 0, false)).toMatchObject({
      commandsFolded: true,
      compact: true,
      scrolls: false,
      bodyRows: 4,
      window: 4,
    });
    // Compact and still too tall: 11 - 8 = 3 rows of body, the lower marker among them.
    expect(fitDialog(rows, 11, 0, false)).toMatchObject({
      compact: true,
      scrolls: true,
      markerAbove: false,
      markerBelow: true,
      top: 0,
      window: 2,
    });
    // One row left: one body row and no marker, still scrolled by ↑/↓.
    expect(fitDialog(rows, 9, 0, false)).toMatchObject({
      scrolls: true,
      window: 1,
      top: 0,
      markerBelow: false,
    });
    expect(fitDialog(rows, 9, 2, false)).toMatchObject({ window: 1, top: 2 });
    expect(fitDialog(rows, 9, 100, false).top).toBe(3);
  });

  it('unfolded against the fit, the body scrolls with a marker only where there is more', () => {
    // Compact with the commands: 7 kept, 3 rows of room for 8 body rows.
    const at = (scroll: number) => fitDialog(rows, 10, scroll, true);
    expect(at(0)).toMatchObject({ commandsShown: true, scrolls: true, bodyRows: 8, window: 2, top: 0 });
    expect(at(3)).toMatchObject({ markerAbove: true, markerBelow: true, window: 1, top: 3 });
    // At the end only the upper marker: the last two rows show.
    expect(at(100)).toMatchObject({ markerAbove: true, markerBelow: false, window: 2, top: 6 });
    expect(at(-5).top).toBe(0);
  });

  it('has nothing to fold without commands', () => {
    expect(fitDialog({ ...rows, commands: 0 }, 100, 0, true)).toMatchObject({
      commandsShown: false,
      commandsFolded: false,
      scrolls: false,
      window: 6,
    });
  });
});
