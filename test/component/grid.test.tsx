import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { GridColumn } from '../../src/present/grid-layout.js';
import { ResourceGrid, scrollTop } from '../../src/views/resource-grid.js';

interface Item {
  readonly id: string;
  readonly message: string;
}

let instance: ReturnType<typeof render> | undefined;
afterEach(() => instance?.unmount());

function grid(
  rows: readonly Item[],
  selectedIndex: number,
  width: number,
  onCell: () => void = () => undefined,
) {
  const columns: GridColumn<Item>[] = [
    {
      id: 'NAME',
      cell: (r) => {
        onCell();
        return r.id;
      },
      min: 10,
    },
    { id: 'OPTIONAL', cell: () => 'optional-value', drop: 1 },
    { id: 'MESSAGE', cell: (r) => r.message, flex: true },
  ];
  return (
    <ResourceGrid
      title="Items"
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      selectedIndex={selectedIndex}
      marked={new Set(['item-00002'])}
      width={width}
      height={12}
      color={false}
      focused
      empty="nothing"
    />
  );
}

const items = (n: number): Item[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `item-${String(i).padStart(5, '0')}`,
    message: `message number ${i} ${'x'.repeat(80)}`,
  }));

describe('resource grid', () => {
  it('does work only for the rows on screen, even with 10,000 rows', () => {
    let calls = 0;
    const rows = items(10_000);
    instance = render(grid(rows, 5000, 100, () => (calls += 1)));
    const frame = instance.lastFrame() ?? '';
    expect(frame.split('\n')).toHaveLength(12);
    expect(calls).toBe(10); // 12 lines: title, header, 10 rows
    expect(frame).toContain('Items [5001/10000] rows 4992–5001');
    expect(frame.split('\n').find((l) => l.startsWith('>'))).toContain('item-05000');
  });

  it('fits the terminal width: MESSAGE takes the rest and is cut with .., optional columns go first', () => {
    // NAME 10, OPTIONAL 8, MESSAGE 12 (its minimum), the gaps, the row prefix and the sort mark's room: 35.
    instance = render(grid(items(3), 0, 100));
    let lines = (instance.lastFrame() ?? '').split('\n');
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines[2]).toMatch(/\.\.$/);
    // Rows stay printable ASCII: Ink measures them on its fast path.
    expect(lines[2]).toMatch(/^[\x20-\x7e]*$/);
    expect(lines[1]).toContain('OPTIONAL');
    instance.rerender(grid(items(3), 0, 34));
    lines = (instance.lastFrame() ?? '').split('\n');
    expect(lines[1]).not.toContain('OPTIONAL');
    expect(lines.every((l) => l.length <= 34)).toBe(true);
  });

  it('marks marked rows and keeps the scroll offset stable while moving within the window', () => {
    instance = render(grid(items(50), 2, 80));
    expect((instance.lastFrame() ?? '').split('\n').find((l) => l.includes('item-00002'))).toMatch(/^>\*/);
    expect(scrollTop(0, 12, 10, 50)).toBe(3);
    expect(scrollTop(3, 8, 10, 50)).toBe(3);
    expect(scrollTop(3, 2, 10, 50)).toBe(2);
    expect(scrollTop(45, 49, 10, 50)).toBe(40);
  });

  it('shows what an empty table means', () => {
    instance = render(grid([], 0, 80));
    expect(instance.lastFrame()).toContain('nothing');
  });
});
