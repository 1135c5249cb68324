// Column widths for the windowed table, computed from the header and the visible rows only (never from the
// whole list: 10,000 rows must cost nothing while they are off screen).

import { textWidth } from './text.js';
import type { Tone } from './theme.js';

export interface GridColumn<T> {
  /** Header text, also the sort column id. */
  readonly id: string;
  /** Display-safe cell text (sanitised by the column, not here). */
  readonly cell: (row: T) => string;
  readonly min?: number;
  /** Cap for the natural width. */
  readonly max?: number;
  /** Takes whatever width is left (MESSAGE); at most one per table. */
  readonly flex?: boolean;
  readonly align?: 'left' | 'right';
  /** When the terminal is narrow, columns with the highest drop are hidden first; undefined: never hidden. */
  readonly drop?: number;
  /** Sort value; columns without one sort by their cell text. */
  readonly sortValue?: (row: T) => string | number;
  /** Colour of this cell (otherwise the row's tone). */
  readonly tone?: (row: T) => Tone | undefined;
}

export interface PlacedColumn<T> {
  readonly column: GridColumn<T>;
  readonly width: number;
}

/** Selection and mark markers in front of every row. */
export const PREFIX_WIDTH = 2;
const FLEX_MIN = 12;

export function columnGap(width: number): number {
  return width >= 120 ? 2 : 1;
}

function headerText<T>(column: GridColumn<T>, sortMark: string | undefined): string {
  return sortMark ? `${column.id}${sortMark}` : column.id;
}

export function layoutColumns<T>(
  columns: readonly GridColumn<T>[],
  cells: readonly (readonly string[])[],
  width: number,
  sortMarks: ReadonlyMap<string, string>,
): readonly PlacedColumn<T>[] {
  const gap = columnGap(width);
  const natural = columns.map((c, i) => {
    const header = textWidth(headerText(c, sortMarks.get(c.id)));
    if (c.flex) return Math.max(header, c.min ?? FLEX_MIN);
    let w = header;
    for (const row of cells) w = Math.max(w, textWidth(row[i] ?? ''));
    return Math.max(c.min ?? 0, Math.min(w, Math.max(header, c.max ?? Number.POSITIVE_INFINITY)));
  });
  // An optional column with nothing to say on this screen gives its room to the others (MESSAGE first).
  const shown = columns.map(
    (c, i) => c.drop === undefined || cells.length === 0 || cells.some((row) => (row[i] ?? '') !== ''),
  );
  const total = () => PREFIX_WIDTH + natural.reduce((sum, w, i) => sum + (shown[i] ? w + gap : 0), 0) - gap;

  // Hide optional columns, highest drop first, until the rest fits.
  const droppable = columns
    .map((c, i) => ({ i, drop: c.drop }))
    .filter((d): d is { i: number; drop: number } => d.drop !== undefined)
    .sort((a, b) => b.drop - a.drop);
  for (const d of droppable) {
    if (total() <= width) break;
    shown[d.i] = false;
  }

  // Give the flex column the rest, or squeeze the widest columns when it still does not fit.
  const widths = [...natural];
  const flexAt = columns.findIndex((c, i) => c.flex && shown[i]);
  let excess = total() - width;
  if (flexAt >= 0 && excess < 0) widths[flexAt] = (widths[flexAt] ?? 0) - excess;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (shown[i] && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) widest = i;
    }
    const w = widths[widest] ?? 0;
    if (widest < 0 || w <= 3) break;
    widths[widest] = w - 1;
    excess -= 1;
  }
  return columns.flatMap((column, i) => (shown[i] ? [{ column, width: widths[i] ?? 0 }] : []));
}

export { headerText };

export interface RowStyle {
  readonly tone?: Tone;
  /** Past the alert threshold: bold; the caller colours and marks the cell that says why (NO_COLOR). */
  readonly alert?: boolean;
}
