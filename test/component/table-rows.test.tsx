import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { HealthFilter } from '../../src/hooks/navigation.js';
import { type TableSpec, useTableRows } from '../../src/hooks/use-table-rows.js';

interface Row {
  readonly name: string;
  readonly namespace: string;
  readonly ready: boolean;
}

const SPEC: TableSpec<Row> = {
  key: (r) => `${r.namespace}/${r.name}`,
  haystack: (r) => [r.name, r.namespace],
  healthy: (r) => r.ready,
  order: (r) => [r.namespace, r.name],
};

function Table(props: { rows: readonly Row[]; filter: string; health?: HealthFilter }) {
  const table = useTableRows(props.rows, SPEC, props.filter, props.health ?? 'all', undefined, []);
  return <Text>{table.keys.join(' ') || '-'}</Text>;
}

const rows: Row[] = [
  { name: 'podinfo', namespace: 'apps', ready: true },
  { name: 'kyverno', namespace: 'kyverno', ready: false },
  { name: 'loki-re', namespace: 'adyn', ready: true },
];

describe('table rows: sort, then filter', () => {
  it('matches text in any field, case-insensitively, in the table order', () => {
    const view = render(<Table rows={rows} filter="" />);
    expect(view.lastFrame()).toBe('adyn/loki-re apps/podinfo kyverno/kyverno');
    view.rerender(<Table rows={rows} filter="KYV" />);
    expect(view.lastFrame()).toBe('kyverno/kyverno');
    view.rerender(<Table rows={rows} filter="app" />);
    expect(view.lastFrame()).toBe('apps/podinfo');
    view.unmount();
  });

  it('never matches across two fields (name "loki-re" + namespace "adyn" is not "ready")', () => {
    const view = render(<Table rows={rows} filter="ready" />);
    expect(view.lastFrame()).toBe('-');
    view.rerender(<Table rows={rows} filter="-re" />);
    expect(view.lastFrame()).toBe('adyn/loki-re');
    view.unmount();
  });

  it('combines the text with the health filter, and regular expressions test each field', () => {
    const view = render(<Table rows={rows} filter="o" health="healthy" />);
    expect(view.lastFrame()).toBe('adyn/loki-re apps/podinfo');
    view.rerender(<Table rows={rows} filter="/^kyv.*o$/" />);
    expect(view.lastFrame()).toBe('kyverno/kyverno');
    view.unmount();
  });
});
