import { describe, expect, it } from 'vitest';
import { compareRows } from '../../src/flux/status.js';
import type { Health } from '../../src/flux/types.js';
import { statusOrder } from '../../src/hooks/use-status-table.js';
import { compareOrderKeys } from '../../src/hooks/use-table-rows.js';
import { makeRow } from '../support/fake-port.js';

const HEALTHS: Health[] = ['Ready', 'Reconciling', 'Waiting', 'Failed', 'Stalled', 'Suspended', 'Pending'];

describe('the tables’ natural order', () => {
  it('is exactly compareRows, as a precomputed key', () => {
    const rows = Array.from({ length: 400 }, (_, i) =>
      makeRow({
        kind: i % 3 === 0 ? 'HelmRelease' : 'Kustomization',
        name: `n${(i * 7) % 13}`,
        namespace: `ns${(i * 5) % 4}`,
        health: HEALTHS[i % HEALTHS.length] ?? 'Ready',
        failingSince: i % 4 === 0 ? '' : i % 4 === 1 ? 'garbage' : `2026-01-01T1${i % 10}:00:00Z`,
      }),
    );
    const byComparator = [...rows].sort(compareRows).map((r) => r.key + r.failingSince + r.health);
    const byKey = [...rows]
      .map((r) => ({ r, k: statusOrder(r) }))
      .sort((a, b) => compareOrderKeys(a.k, b.k))
      .map(({ r }) => r.key + r.failingSince + r.health);
    expect(byKey).toEqual(byComparator);
  });
});
