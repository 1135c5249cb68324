import { describe, expect, it } from 'vitest';
import { type Ordering, sortIncrementally } from '../../src/hooks/incremental-sort.js';
import { compareOrderKeys, rowOrdering, type TableSpec } from '../../src/hooks/use-table-rows.js';
import type { GridColumn } from '../../src/present/grid-layout.js';

interface Row {
  readonly name: string;
  readonly score: number;
}

const SPEC: TableSpec<Row> = {
  key: (r) => r.name,
  haystack: (r) => [r.name],
  order: (r) => [r.name],
};
const BY_SCORE = {
  id: 'score',
  cell: (r: Row) => String(r.score),
  sortValue: (r: Row) => r.score,
} as unknown as GridColumn<Row>;

/** A deterministic pseudo-random sequence, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

function table(n: number, next: () => number): Row[] {
  return Array.from({ length: n }, (_, i) => ({ name: `row-${i}`, score: Math.floor(next() * 50) }));
}

/** Replaces `changes` rows with new objects (new scores), drops `drops` and adds `adds` new rows. */
function churn(
  rows: readonly Row[],
  next: () => number,
  changes: number,
  drops: number,
  adds: number,
): Row[] {
  const out = [...rows];
  for (let i = 0; i < changes; i++) {
    const at = Math.floor(next() * out.length);
    const old = out[at] as Row;
    out[at] = { name: old.name, score: Math.floor(next() * 50) };
  }
  for (let i = 0; i < drops; i++) out.splice(Math.floor(next() * out.length), 1);
  for (let i = 0; i < adds; i++) out.push({ name: `new-${next().toString(36).slice(2)}`, score: 7 });
  return out;
}

describe('sortIncrementally', () => {
  for (const [label, ordering] of [
    ['natural order', rowOrdering(SPEC, undefined, false)],
    ['natural order, descending', rowOrdering(SPEC, undefined, true)],
    ['a numeric column, ties by name', rowOrdering(SPEC, BY_SCORE, false)],
    ['a numeric column descending', rowOrdering(SPEC, BY_SCORE, true)],
  ] as const) {
    it(`keeps exactly the full sort's order through 60 rounds of churn (${label})`, () => {
      const next = random(42);
      let rows = table(2000, next);
      let sorted = sortIncrementally(undefined, rows, ordering);
      for (let round = 0; round < 60; round++) {
        // Mostly small batches (the incremental path), now and then a large one (the full-sort path).
        rows = round % 15 === 14 ? churn(rows, next, 600, 40, 40) : churn(rows, next, 30, 3, 4);
        sorted = sortIncrementally(sorted, rows, ordering);
        expect(sorted.output.map((r) => r.name)).toEqual(ordering.sortAll(rows).map((r) => r.name));
      }
    });
  }

  it('keeps the same output array when the rows are the same objects', () => {
    const ordering = rowOrdering(SPEC, undefined, false);
    const rows = table(50, random(1));
    const first = sortIncrementally(undefined, rows, ordering);
    const again = sortIncrementally(first, [...rows].reverse(), ordering);
    expect(again.output).toBe(first.output);
  });

  it('sorts afresh when the ordering changes', () => {
    const rows = table(100, random(7));
    const byName = sortIncrementally(undefined, rows, rowOrdering(SPEC, undefined, false));
    const byScore: Ordering<Row> = rowOrdering(SPEC, BY_SCORE, false);
    const resorted = sortIncrementally(byName, rows, byScore);
    const scores = resorted.output.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});

describe('rowOrdering', () => {
  it('compares one pair exactly as it sorts a whole table', () => {
    const ordering = rowOrdering(SPEC, BY_SCORE, true);
    const rows = table(300, random(3));
    expect([...rows].sort(ordering.compare)).toEqual(ordering.sortAll(rows));
  });

  it('orders keys element by element, numbers numerically', () => {
    expect(compareOrderKeys([2, 'a'], [10, 'a'])).toBeLessThan(0);
    expect(compareOrderKeys(['b'], ['a', 'z'])).toBeGreaterThan(0);
  });
});

describe('rowOrdering on a text column', () => {
  const BY_NAME = { id: 'name', cell: (r: Row) => r.name } as unknown as GridColumn<Row>;
  const rows: Row[] = ['beta', 'Zeta', 'alpha', 'Alpha', 'a-b', 'a_b'].map((name) => ({ name, score: 0 }));

  it('orders by code unit, as the natural order does (no locale collation)', () => {
    const byColumn = rowOrdering(SPEC, BY_NAME, false)
      .sortAll(rows)
      .map((r) => r.name);
    expect(byColumn).toEqual(['Alpha', 'Zeta', 'a-b', 'a_b', 'alpha', 'beta']);
    expect(byColumn).toEqual(
      rowOrdering(SPEC, undefined, false)
        .sortAll(rows)
        .map((r) => r.name),
    );
    expect(
      rowOrdering(SPEC, BY_NAME, true)
        .sortAll(rows)
        .map((r) => r.name),
    ).toEqual([...byColumn].reverse());
  });
});
