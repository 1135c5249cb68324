// The width policy's arithmetic (src/present/grid-layout.ts, src/present/text.ts, src/present/short-kinds.ts).
import { describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import { type GridColumn, layoutColumns, shownColumns } from '../../src/present/grid-layout.js';
import { SHORT_KINDS } from '../../src/present/short-kinds.js';
import { fitCell, truncateMiddle } from '../../src/present/text.js';

type Row = { readonly kind: string; readonly name: string; readonly note: string };
const COLUMNS: readonly GridColumn<Row>[] = [
  {
    id: 'KIND',
    cell: (r) => r.kind,
    compact: { cell: (r) => r.kind.slice(0, 2), min: 4 },
    min: 13,
    identity: true,
  },
  { id: 'NAME', cell: (r) => r.name, min: 10, identity: true },
  { id: 'LOW', cell: () => 'low', min: 10, drop: 1 },
  { id: 'HIGH', cell: () => 'high', min: 10, drop: 2 },
  { id: 'NOTE', cell: (r) => r.note, flex: true, min: 12 },
];
const ids = (width: number) => shownColumns(COLUMNS, width).map((c) => c.id);

describe('which columns a table shows', () => {
  it('hides the highest drop first, from what the columns are owed (never from their cells)', () => {
    // Owed below 120: 4 + 10 + 10 + 10 + 12, gaps of 1, the row prefix 2 and the sort mark 1.
    expect(ids(53)).toEqual(['KIND', 'NAME', 'LOW', 'HIGH', 'NOTE']);
    expect(ids(52)).toEqual(['KIND', 'NAME', 'LOW', 'NOTE']);
    expect(ids(41)).toEqual(['KIND', 'NAME', 'NOTE']);
  });

  it('uses the compact cell below 120 columns and keeps sorting on the full one', () => {
    const narrow = shownColumns(COLUMNS, 80)[0];
    const row = { kind: 'Kustomization', name: 'apps', note: '' };
    expect(narrow?.cell(row)).toBe('Ku');
    expect(narrow?.sortValue?.(row)).toBe('Kustomization');
    expect(shownColumns(COLUMNS, 120)[0]?.cell(row)).toBe('Kustomization');
  });

  it('owes the flex column a quarter of a wide table', () => {
    // At 120: KIND 13 + NAME 10 + NOTE 30, gaps of 2, prefix and mark: 60 with both optional columns out.
    const wide: readonly GridColumn<Row>[] = COLUMNS.map((c) => (c.drop ? { ...c, min: 30 } : c));
    expect(shownColumns(wide, 120).map((c) => c.id)).toEqual(['KIND', 'NAME', 'LOW', 'NOTE']);
  });
});

describe('column widths', () => {
  it('squeezes NAME only as far as the row needs, never LOW and HIGH below their headers', () => {
    // Natural: 4 + 40 + 3 + 4 + 12, gaps 4, prefix 2 = 69 for 60 cells: NAME gives the 9.
    const shown = shownColumns(COLUMNS, 60);
    const cells = [['Ku', 'a-very-long-name-of-forty-characters-xyz', 'low', 'high', 'note']];
    const placed = layoutColumns(shown, cells, 60, new Map());
    expect(placed.map((p) => [p.column.id, p.width])).toEqual([
      ['KIND', 4],
      ['NAME', 31],
      ['LOW', 3],
      ['HIGH', 4],
      ['NOTE', 12],
    ]);
  });
});

describe('cutting in the middle', () => {
  it('keeps the head and the tail of a name', () => {
    expect(truncateMiddle('frontend-production-eu-west-1', 14)).toBe('fronte..west-1');
    expect(truncateMiddle('frontend-production-eu-west-1', 13)).toBe('fronte..est-1');
    expect(truncateMiddle('short', 14)).toBe('short');
    expect(fitCell('frontend-production-us-east-1', 15, 'left', 'middle')).toBe('fronten..east-1');
    expect(fitCell('short', 7, 'left', 'middle')).toBe('short  ');
  });
});

describe('short kinds', () => {
  it('gives every Flux kind a distinct short name of at most 8 cells', () => {
    const shorts = KIND_NAMES.map((k) => SHORT_KINDS[k]);
    expect(new Set(shorts).size).toBe(KIND_NAMES.length);
    for (const s of shorts) expect(s.length).toBeLessThanOrEqual(8);
    expect(SHORT_KINDS.Kustomization).toBe('KS');
    expect(SHORT_KINDS.GitRepository).toBe('GIT');
  });
});
