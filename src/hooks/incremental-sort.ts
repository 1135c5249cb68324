// Keeping a sorted table sorted as its rows change. Under churn a snapshot replaces a few dozen of 10,000
// row objects (the port reuses unchanged rows), so re-sorting everything per snapshot is mostly wasted:
// here the previous order is kept, rows that left are dropped and rows that arrived are inserted by binary
// search. Past a fraction of the table a full sort is cheaper and is used instead.
import { firstIndexAfter } from './binary-search.js';

/** A total order on rows: `compare` for one row at a time, `sortAll` for a whole table at once. */
export interface Ordering<T> {
  readonly compare: (a: T, b: T) => number;
  /** A sorted copy; may decorate the rows first, which beats `compare` on a whole table. */
  readonly sortAll: (rows: readonly T[]) => T[];
}

export interface SortedSnapshot<T extends object> {
  readonly input: readonly T[];
  readonly members: ReadonlySet<T>;
  readonly output: readonly T[];
  readonly ordering: Ordering<T>;
}

/** More changes than this share of the table (and a small floor) and a full sort is cheaper. */
const FULL_SORT_SHARE = 1 / 8;
const FULL_SORT_FLOOR = 64;

function fullSort<T extends object>(input: readonly T[], ordering: Ordering<T>): SortedSnapshot<T> {
  return { input, members: new Set(input), output: ordering.sortAll(input), ordering };
}

/**
 * `input` in `ordering`, reusing `previous` when it was sorted by the same ordering. The result is the
 * order a full sort gives whenever the ordering is total (no ties), which the tables' order keys are (they
 * end in the object's identity).
 */
export function sortIncrementally<T extends object>(
  previous: SortedSnapshot<T> | undefined,
  input: readonly T[],
  ordering: Ordering<T>,
): SortedSnapshot<T> {
  if (!previous || previous.ordering !== ordering) return fullSort(input, ordering);
  const compare = ordering.compare;
  if (previous.input === input) return previous;
  const limit = Math.max(FULL_SORT_FLOOR, input.length * FULL_SORT_SHARE);
  const added: T[] = [];
  for (const row of input) {
    if (previous.members.has(row)) continue;
    added.push(row);
    if (added.length > limit) return fullSort(input, ordering);
  }
  const removed = previous.input.length - (input.length - added.length);
  if (added.length + removed > limit) return fullSort(input, ordering);
  if (added.length === 0 && removed === 0) return { ...previous, input };

  const members = new Set(input);
  const output = removed > 0 ? previous.output.filter((row) => members.has(row)) : [...previous.output];
  // After any equal rows: ties stay in arrival order.
  for (const row of added)
    output.splice(
      firstIndexAfter(output, (x) => compare(x, row) > 0),
      0,
      row,
    );
  return { input, members, output, ordering };
}
