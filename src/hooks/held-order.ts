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

/** `fresh` (sorted) arranged in the order `held` shows, new rows last in their sorted order. */
export function holdOrder<T>(held: HeldOrder<T>, fresh: readonly T[], key: (row: T) => string): HeldOrder<T> {
  const position = new Map<string, number>();
  for (const [i, row] of held.rows.entries()) position.set(key(row), i);
  const kept: (T | undefined)[] = new Array(held.rows.length);
  const added: T[] = [];
  for (const row of fresh) {
    const at = position.get(key(row));
    if (at === undefined) added.push(row);
    else kept[at] = row;
  }
  const rows: T[] = [];
  for (const row of kept) if (row !== undefined) rows.push(row);
  const arrived = new Set<string>();
  for (const row of rows) if (held.arrived.has(key(row))) arrived.add(key(row));
  for (const row of added) {
    rows.push(row);
    arrived.add(key(row));
  }
  return { rows, arrived: arrived.size === 0 ? NOTHING_ARRIVED : arrived };
}
