// While the user works (keys pressed in the last few seconds, a dialog open, an action running) the rows
// keep the order they had when the work began: updated rows change in place, rows that left disappear, and
// rows that arrived go to the end, counted so the table can announce them. Nothing slides under the cursor
// between `j` and `R`. Once the user pauses, the table takes its sorted order again (the selection stays on
// its object either way).

export interface HeldOrder<T> {
  /** Every row of the table (before the filter), in the held order. */
  readonly rows: readonly T[];
  /** Keys of rows that arrived during the hold and were put at the end instead of their sorted place. */
  readonly arrived: ReadonlySet<string>;
}

export const NOTHING_ARRIVED: ReadonlySet<string> = new Set();

/**
 * Each held order's positions by key, kept while the order lives: under churn the rows only change in place,
 * the held order stays the same from publish to publish, and so does this 10,000-entry map.
 */
const POSITIONS = new WeakMap<readonly unknown[], { key: unknown; at: Map<string, number> }>();

function positionsOf<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const known = POSITIONS.get(rows);
  if (known?.key === key) return known.at;
  const at = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) at.set(key(rows[i] as T), i);
  POSITIONS.set(rows, { key, at });
  return at;
}

/** `fresh` (sorted) arranged in the order `held` shows, new rows last in their sorted order. */
export function holdOrder<T>(held: HeldOrder<T>, fresh: readonly T[], key: (row: T) => string): HeldOrder<T> {
  const position = positionsOf(held.rows, key);
  const kept: (T | undefined)[] = new Array(held.rows.length);
  const added: T[] = [];
  for (const row of fresh) {
    const at = position.get(key(row));
    if (at === undefined) added.push(row);
    else kept[at] = row;
  }
  const rows: T[] = [];
  for (const row of kept) if (row !== undefined) rows.push(row);
  // Every held row still there, none new: the same keys in the same places.
  if (added.length === 0 && rows.length === held.rows.length) POSITIONS.set(rows, { key, at: position });
  const arrived = new Set<string>();
  if (held.arrived.size > 0) for (const row of rows) if (held.arrived.has(key(row))) arrived.add(key(row));
  for (const row of added) {
    rows.push(row);
    arrived.add(key(row));
  }
  return { rows, arrived: arrived.size === 0 ? NOTHING_ARRIVED : arrived };
}
