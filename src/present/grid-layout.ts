// The width policy of the console's tables (docs/architecture.md, "Table widths"). Which columns a table
// shows depends on the table's own width only — never on the cells, the filter or the sort — so columns do
// not come and go while the user works. Their widths are computed from the header and the visible rows
// only (never from the whole list: 10,000 rows must cost nothing while they are off screen).

import { fitCell, textWidth, truncateApart } from './text.js';
import type { Tone } from './theme.js';

export interface GridColumn<T> {
  /** Header text, also the sort column id. */
  readonly id: string;
  /** Display-safe cell text (sanitised by the column, not here). */
  readonly cell: (row: T) => string;
  /**
   * Cells the column is owed to be shown at all (the header's width when larger), and the width it is never
   * squeezed below. Narrower content leaves the room to the flex column.
   */
  readonly min?: number;
  /** Cap for the natural width. */
  readonly max?: number;
  /** Takes whatever width is left (MESSAGE); at most one per table. */
  readonly flex?: boolean;
  readonly align?: 'left' | 'right';
  /** When the table is narrow, columns with the highest drop are hidden first; undefined: never hidden. */
  readonly drop?: number;
  /**
   * Tells rows apart (KIND, NAMESPACE, NAME): squeezed only after every other column, and then cut in the
   * middle, keeping the head and the tail where names differ. Never give it a drop.
   */
  readonly identity?: boolean;
  /** Cut in the middle when squeezed (as identity columns are): REVISION keeps its branch and its hash's end. */
  readonly cutMiddle?: boolean;
  /** Below COMPACT_WIDTH: a shorter cell (KIND abbreviated) and its own minimum; the order stays the full cell's. */
  readonly compact?: { readonly cell: (row: T) => string; readonly min?: number };
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
/** Below this table width the tables use compact cells (KIND abbreviated). */
export const COMPACT_WIDTH = 120;
const FLEX_MIN = 12;
/** Room kept for the sort mark (`↑`/`↓`) after the sort column's header. */
const SORT_MARK_WIDTH = 1;

export function columnGap(width: number): number {
  return width >= 120 ? 2 : 1;
}

function headerText<T>(column: GridColumn<T>, sortMark: string | undefined): string {
  return sortMark ? `${column.id}${sortMark}` : column.id;
}

/** The share of a wide table (COMPACT_WIDTH and up) the flex column is owed: 30 cells at 120, 50 at 200. */
const FLEX_SHARE = 1 / 4;

/** The cells a column is owed: its declared minimum, never less than its header; see FLEX_SHARE. */
function need<T>(column: GridColumn<T>, width: number): number {
  const own = Math.max(textWidth(column.id), column.min ?? 0);
  if (!column.flex) return own;
  return Math.max(own, FLEX_MIN, width >= COMPACT_WIDTH ? Math.floor(width * FLEX_SHARE) : 0);
}

/**
 * The columns a table of `width` cells shows, in display order: the optional ones are hidden, highest drop
 * first, until every shown column gets its minimum. A function of the width alone, so the same table at the
 * same width always has the same columns; below COMPACT_WIDTH a column's compact cell replaces its cell.
 */
export function shownColumns<T>(all: readonly GridColumn<T>[], width: number): readonly GridColumn<T>[] {
  const columns = width < COMPACT_WIDTH ? all.map(compacted) : all;
  const gap = columnGap(width);
  const shown = columns.map(() => true);
  const total = () =>
    PREFIX_WIDTH +
    SORT_MARK_WIDTH +
    columns.reduce((sum, c, i) => sum + (shown[i] ? need(c, width) + gap : 0), 0) -
    gap;
  const droppable = columns
    .map((c, i) => ({ i, drop: c.drop }))
    .filter((d): d is { i: number; drop: number } => d.drop !== undefined)
    // Stable: among equal drops the rightmost goes first.
    .sort((a, b) => b.drop - a.drop || b.i - a.i);
  for (const d of droppable) {
    if (total() <= width) break;
    shown[d.i] = false;
  }
  return columns.filter((_, i) => shown[i]);
}

/** The column as a narrow table shows it: its compact cell and minimum; the order stays the full cell's. */
function compacted<T>(column: GridColumn<T>): GridColumn<T> {
  if (!column.compact) return column;
  const { cell, min = column.min } = column.compact;
  return { ...column, cell, min, compact: undefined, sortValue: column.sortValue ?? column.cell };
}

/** The sort in effect at this width: a sort on a column the width hides falls back to the view's default. */
export function shownSort<T, S extends { readonly column: string }>(
  sort: S | undefined,
  columns: readonly GridColumn<T>[],
  width: number,
): S | undefined {
  if (!sort) return undefined;
  return shownColumns(columns, width).some((c) => c.id === sort.column) ? sort : undefined;
}

/**
 * Widths for the shown columns (shownColumns) over the visible rows' cells: each takes what its cells need
 * up to its cap, the flex column takes what is left (at least its minimum), and when that does not fit the
 * widest columns give way, never below their minimum.
 */
export function layoutColumns<T>(
  columns: readonly GridColumn<T>[],
  cells: readonly (readonly string[])[],
  width: number,
  sortMarks: ReadonlyMap<string, string>,
): readonly PlacedColumn<T>[] {
  const gap = columnGap(width);
  const headers = columns.map((c) => textWidth(headerText(c, sortMarks.get(c.id))));
  const widths = columns.map((c, i) => {
    const header = headers[i] ?? 0;
    if (c.flex) return Math.max(header, need(c, width));
    let w = header;
    for (const row of cells) w = Math.max(w, textWidth(row[i] ?? ''));
    return Math.max(header, Math.min(w, c.max ?? Number.POSITIVE_INFINITY));
  });
  const floors = columns.map((c, i) => Math.min(widths[i] ?? 0, Math.max(need(c, width), headers[i] ?? 0)));
  const total = PREFIX_WIDTH + widths.reduce((sum, w) => sum + w + gap, 0) - gap;
  const flexAt = columns.findIndex((c) => c.flex);
  let excess = total - width;
  if (flexAt >= 0 && excess < 0) widths[flexAt] = (widths[flexAt] ?? 0) - excess;
  // The identity columns (what tells rows apart) give way last.
  for (const squeezable of [(c: GridColumn<T>) => c.identity !== true, () => true]) {
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        const column = columns[i];
        const room = (widths[i] ?? 0) - (floors[i] ?? 0);
        if (!column || room <= 0 || !squeezable(column)) continue;
        if (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0)) widest = i;
      }
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
      excess -= 1;
    }
  }
  return columns.map((column, i) => ({ column, width: widths[i] ?? 0 }));
}

/**
 * The visible rows' cells as drawn, each exactly its placed column's width (`cells` in the columns' order,
 * as layoutColumns places them). An identity column's cells are cut together, so that two rows the middle
 * cut would make look alike keep the part of the name where they differ (truncateApart): the rows on
 * screen only, like the widths.
 */
export function fitRows<T>(
  placed: readonly PlacedColumn<T>[],
  cells: readonly (readonly string[])[],
): readonly (readonly string[])[] {
  const columns = placed.map(({ column, width }, c) => {
    const texts = cells.map((row) => row[c] ?? '');
    if (column.identity) return truncateApart(texts, width).map((text) => fitCell(text, width, column.align));
    return texts.map((text) => fitCell(text, width, column.align, column.cutMiddle ? 'middle' : 'end'));
  });
  return cells.map((_, r) => columns.map((column) => column[r] ?? ''));
}

export { headerText };

export interface RowStyle {
  readonly tone?: Tone;
  /** Past the alert threshold: bold; the caller colours and marks the cell that says why (NO_COLOR). */
  readonly alert?: boolean;
}
