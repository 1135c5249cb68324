// Filter → sort → index for one table. Each step is memoised on its own inputs, so moving the selection or a
// clock tick costs nothing, and 10,000 rows are only re-sorted when the rows or the sort order change.
// Sorting decorates: each row's order key is computed once (and cached while the row object lives — the
// port reuses unchanged rows), so a sort never parses a timestamp per comparison.
import { useMemo } from 'react';
import type { GridColumn } from '../views/grid-layout.js';
import type { HealthFilter, SortState } from './navigation.js';
import { compileFilter } from './row-filter.js';

export type OrderKey = readonly (string | number)[];

export interface TableSpec<T extends object> {
  readonly key: (row: T) => string;
  /** The fields `/` matches. */
  readonly haystack: (row: T) => readonly string[];
  /** For `:healthy` / `:unhealthy`; tables without a health notion ignore them. */
  readonly healthy?: (row: T) => boolean;
  /** The natural order as a key compared element by element (numbers numerically, strings by code unit). */
  readonly order: (row: T) => OrderKey;
}

export interface TableRows<T> {
  readonly rows: readonly T[];
  readonly keys: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Why the filter text was not usable as typed. */
  readonly problem: string | undefined;
  readonly total: number;
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

const ORDER_CACHES = new WeakMap<object, WeakMap<object, OrderKey>>();

function orderOf<T extends object>(spec: TableSpec<T>): (row: T) => OrderKey {
  let cache = ORDER_CACHES.get(spec);
  if (!cache) {
    cache = new WeakMap();
    ORDER_CACHES.set(spec, cache);
  }
  const c = cache;
  return (row) => {
    let key = c.get(row);
    if (!key) {
      key = spec.order(row);
      c.set(row, key);
    }
    return key;
  };
}

/** Sorted by a column's value (or cell text), ties in the natural order. */
export function sortRows<T extends object>(
  rows: readonly T[],
  spec: TableSpec<T>,
  column: GridColumn<T> | undefined,
  desc: boolean,
): T[] {
  const order = orderOf(spec);
  const decorated = rows.map((row) => ({
    row,
    v: column ? (column.sortValue ? column.sortValue(row) : column.cell(row)) : 0,
    k: order(row),
  }));
  const dir = desc ? -1 : 1;
  decorated.sort((a, b) => {
    if (column && a.v !== b.v) {
      if (typeof a.v === 'number' && typeof b.v === 'number') return (a.v < b.v ? -1 : 1) * dir;
      return String(a.v).localeCompare(String(b.v)) * dir;
    }
    return compareOrderKeys(a.k, b.k) * (column ? 1 : dir);
  });
  return decorated.map((d) => d.row);
}

export function useTableRows<T extends object>(
  base: readonly T[],
  spec: TableSpec<T>,
  filter: string,
  health: HealthFilter,
  sort: SortState | undefined,
  sortColumns: readonly GridColumn<T>[],
): TableRows<T> {
  const compiled = useMemo(() => compileFilter(filter), [filter]);
  const filtered = useMemo(() => {
    const healthy = spec.healthy;
    if (filter.trim() === '' && (health === 'all' || !healthy)) return base;
    return base.filter(
      (row) =>
        (health === 'all' || !healthy || healthy(row) === (health === 'healthy')) &&
        compiled.matches(spec.haystack(row)),
    );
  }, [base, spec, compiled, filter, health]);
  const rows = useMemo(() => {
    const column = sort ? sortColumns.find((c) => c.id === sort.column) : undefined;
    return sortRows(filtered, spec, column, sort?.desc ?? false);
  }, [filtered, sort, sortColumns, spec]);
  const keys = useMemo(() => rows.map(spec.key), [rows, spec]);
  const indexOf = useMemo(() => new Map(keys.map((k, i) => [k, i])), [keys]);
  return { rows, keys, indexOf, problem: compiled.problem, total: base.length };
}
