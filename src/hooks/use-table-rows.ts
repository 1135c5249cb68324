// Sort → filter for one table. Each step is memoised on its own inputs, so moving the selection or a clock
// tick costs nothing; a snapshot that changed a few rows re-places and re-tests only those.
// Sorting decorates: each row's order key is computed once (and cached while the row object lives — the
// port reuses unchanged rows), so a sort never parses a timestamp per comparison.
import { useMemo, useRef } from 'react';
import { compareText } from '../flux/text-order.js';
import type { GridColumn } from '../present/grid-layout.js';
import type { TableRows } from '../present/tables.js';
import { type HeldOrder, holdOrder, NOTHING_ARRIVED } from './held-order.js';
import { type Ordering, type SortedSnapshot, sortIncrementally } from './incremental-sort.js';
import type { HealthFilter, SortState } from './navigation.js';
import { compileFilter, FIELD_SEPARATOR, type RowFilter } from './row-filter.js';
import { useOrderHeld } from './use-order-hold.js';

export type OrderKey = readonly (string | number)[];

export interface TableSpec<T extends object> {
  readonly key: (row: T) => string;
  /** The fields `/` matches. */
  readonly haystack: (row: T) => readonly string[];
  /** For `:healthy` / `:unhealthy`; tables without a health notion ignore them. */
  readonly healthy?: (row: T) => boolean;
  /** The natural order as a key compared element by element (numbers numerically, strings by code unit). */
  readonly order: (row: T) => OrderKey;
  /**
   * The order is the content's structure (a tree's branches, a log's lines): never held while the user
   * works, or an arriving branch would be drawn at the end, under the wrong parent.
   */
  readonly structural?: boolean;
}

function compareValues(a: string | number, b: string | number): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  return String(a) < String(b) ? -1 : 1;
}

export function compareOrderKeys(a: OrderKey, b: OrderKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i] ?? '', b[i] ?? '');
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * `compute`, remembered per row object: the port reuses a row object while its object is unchanged, so under
 * churn most rows are answered from the memo.
 */
function perRow<T extends object, V extends {}>(compute: (row: T) => V): (row: T) => V {
  const memo = new WeakMap<T, V>();
  return (row) => {
    let value = memo.get(row);
    if (value === undefined) {
      value = compute(row);
      memo.set(row, value);
    }
    return value;
  };
}

/** perRow(compute), made once per table spec, so its memo outlives a render. */
function perSpecRow<T extends object, V extends {}>(
  specs: WeakMap<object, unknown>,
  spec: object,
  compute: (row: T) => V,
): (row: T) => V {
  let memoised = specs.get(spec) as ((row: T) => V) | undefined;
  if (!memoised) {
    memoised = perRow(compute);
    specs.set(spec, memoised);
  }
  return memoised;
}

const ORDERS = new WeakMap<object, unknown>();
const HAYSTACKS = new WeakMap<object, unknown>();

function orderOf<T extends object>(spec: TableSpec<T>): (row: T) => OrderKey {
  return perSpecRow(ORDERS, spec, (row) => spec.order(row));
}

/**
 * A row's `/` fields as one lower-case text, so a keystroke in the filter is one `includes` per row. The
 * separator cannot be typed, so no match spans two fields.
 */
function haystackText<T extends object>(spec: Pick<TableSpec<T>, 'haystack'>): (row: T) => string {
  return perSpecRow(HAYSTACKS, spec, (row) => spec.haystack(row).join(FIELD_SEPARATOR).toLowerCase());
}

/**
 * The table's order: by a column's value (or cell text), ties in the natural order. Each row's values are
 * worked out once per ordering (and the order key once while the row object lives), so a comparison never
 * formats a cell or parses a timestamp.
 */
export function rowOrdering<T extends object>(
  spec: TableSpec<T>,
  column: GridColumn<T> | undefined,
  desc: boolean,
): Ordering<T> {
  const order = orderOf(spec);
  const dir = desc ? -1 : 1;
  const value = column ? sortValueOf(column) : () => 0;
  const compareDecorated = (va: string | number, ka: OrderKey, vb: string | number, kb: OrderKey) => {
    if (column && va !== vb) {
      const c =
        typeof va === 'number' && typeof vb === 'number'
          ? va < vb
            ? -1
            : 1
          : compareText(String(va), String(vb));
      if (c !== 0) return c * dir;
    }
    return compareOrderKeys(ka, kb) * (column ? 1 : dir);
  };
  return {
    compare: (a, b) => compareDecorated(value(a), order(a), value(b), order(b)),
    sortAll: (rows) =>
      rows
        .map((row) => ({ row, v: value(row), k: order(row) }))
        .sort((a, b) => compareDecorated(a.v, a.k, b.v, b.k))
        .map((d) => d.row),
  };
}

function sortValueOf<T extends object>(column: GridColumn<T>): (row: T) => string | number {
  return perRow((row: T) => (column.sortValue ? column.sortValue(row) : column.cell(row)));
}

/**
 * Whether a row passes the `/` filter (and `:healthy`/`:unhealthy`), remembered per row object; undefined
 * when every row passes. The console's tables and the fleet's filter alike.
 */
export function rowPredicate<T extends object>(
  spec: Pick<TableSpec<T>, 'haystack' | 'healthy'>,
  filter: string,
  compiled: RowFilter,
  health: HealthFilter,
): ((row: T) => boolean) | undefined {
  const healthy = spec.healthy;
  if (filter.trim() === '' && (health === 'all' || !healthy)) return undefined;
  const text = haystackText(spec);
  const { matchesText } = compiled;
  return perRow<T, boolean>(
    (row) =>
      (health === 'all' || !healthy || healthy(row) === (health === 'healthy')) &&
      (matchesText ? matchesText(text(row)) : compiled.matches(spec.haystack(row))),
  );
}

export function useTableRows<T extends object>(
  base: readonly T[],
  spec: TableSpec<T>,
  filter: string,
  health: HealthFilter,
  sort: SortState | undefined,
  sortColumns: readonly GridColumn<T>[],
  /** What the rows are of (view, kind): a new scope is a new table, sorted afresh even during a hold. */
  scope = '',
): TableRows<T> {
  const compiled = useMemo(() => compileFilter(filter), [filter]);
  const column = sort ? sortColumns.find((c) => c.id === sort.column) : undefined;
  const desc = sort?.desc ?? false;
  const ordering = useMemo(() => rowOrdering(spec, column, desc), [spec, column, desc]);
  // Sorted before filtered: the whole table's order survives keystrokes (each one only filters, in
  // order), and under churn it is kept up to date incrementally — the previous order lives in this ref.
  const sorted = useRef<SortedSnapshot<T> | undefined>(undefined);
  const sortedRows = useMemo(() => {
    sorted.current = sortIncrementally(sorted.current, base, ordering);
    return sorted.current.output;
  }, [base, ordering]);
  const { rows: ordered, arrived } = useHeldOrder(sortedRows, spec, ordering, scope);
  const predicate = useMemo(
    () => rowPredicate(spec, filter, compiled, health),
    [spec, filter, compiled, health],
  );
  const rows = useMemo(() => (predicate ? ordered.filter(predicate) : ordered), [ordered, predicate]);
  const keys = useMemo(() => rows.map(spec.key), [rows, spec]);
  const arrivedShown = useMemo(
    () => (arrived.size === 0 ? 0 : keys.reduce((n, k) => (arrived.has(k) ? n + 1 : n), 0)),
    [arrived, keys],
  );
  return { rows, keys, problem: compiled.problem, total: base.length, arrived: arrivedShown };
}

interface HeldState<T> extends HeldOrder<T> {
  readonly ordering: Ordering<T>;
  readonly scope: string;
}

/**
 * The sorted rows, or while the user works (useOrderHeld) the order the table had when the work began, so
 * rows do not move under the cursor. A new sort or a new scope is the user asking for a new order: taken
 * at once.
 */
function useHeldOrder<T extends object>(
  sortedRows: readonly T[],
  spec: TableSpec<T>,
  ordering: Ordering<T>,
  scope: string,
): HeldOrder<T> {
  const held = useOrderHeld();
  const state = useRef<HeldState<T> | undefined>(undefined);
  return useMemo(() => {
    const previous = state.current;
    const same = !spec.structural && held && previous?.ordering === ordering && previous.scope === scope;
    const kept = same && previous.rows.length > 0 ? holdOrder(previous, sortedRows, spec.key) : undefined;
    // Nothing of the held table is left (e.g. another namespace's watch): a new table, not arrivals.
    const next: HeldState<T> =
      kept && kept.arrived.size < kept.rows.length
        ? { ...kept, ordering, scope }
        : { rows: sortedRows, arrived: NOTHING_ARRIVED, ordering, scope };
    state.current = next;
    return next;
  }, [held, sortedRows, spec, ordering, scope]);
}
