// What the trace screens say around the chain: the notices above the table while reading, when there is no
// chain, and the verdict lines; the text of `fluxdeck trace`; what `T` traces on the Inventory tab.
import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../src/flux/trace.js';
import type { InventoryObjectHealth } from '../../src/kube/port.js';
import { inventoryTraceTarget } from '../../src/present/inventory-lines.js';
import { traceNotices } from '../../src/present/trace-columns.js';
import { formatTraceText } from '../../src/present/trace-text.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const unmanaged = buildTrace({
  chain: [{ raw: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'apps' } } }],
  sources: [],
  now: NOW,
});

describe('trace notices', () => {
  it('says it is reading, why there is no chain, or the verdict', () => {
    expect(traceNotices({ phase: 'loading' }, 'deploy/api -n apps')).toEqual([
      { text: 'tracing deploy/api -n apps…', tone: 'busy' },
    ]);
    expect(traceNotices({ ok: false, reason: 'forbidden', message: 'reading x is forbidden' }, 'x')).toEqual([
      { text: 'reading x is forbidden', tone: 'bad' },
    ]);
    expect(traceNotices({ phase: 'error', message: 'boom' }, 'cm/x')).toEqual([
      { text: 'cannot trace cm/x: boom', tone: 'bad' },
    ]);
    expect(traceNotices({ ok: true, trace: unmanaged }, 'cm/cm')).toEqual([
      {
        text: 'not managed by Flux: no kustomize.toolkit.fluxcd.io, helm.toolkit.fluxcd.io or Flux Operator labels on it or its owners',
        tone: 'warn',
      },
    ]);
  });
});

describe('fluxdeck trace text', () => {
  it('prints the verdict, then one block per link', () => {
    expect(formatTraceText(unmanaged)).toBe(
      [
        'Verdict:    not managed by Flux: no kustomize.toolkit.fluxcd.io, helm.toolkit.fluxcd.io or Flux Operator labels on it or its owners',
        '---',
        'Object:     ConfigMap/cm',
        'Namespace:  apps',
        'Status:     Current',
        '',
      ].join('\n'),
    );
  });
});

const item = (
  kind: string,
  name: string,
  status: 'Current' | 'InProgress' | 'Failed',
  pod?: string,
): InventoryObjectHealth => ({
  entry: { kind, name, namespace: 'apps', group: 'apps', version: 'v1' },
  health: { status, reason: '', message: '' },
  ...(pod ? { cause: { reason: 'ImagePullBackOff', message: '', pod } } : {}),
});

describe('T on the Inventory tab', () => {
  it('traces the first object not ready, through the pod that says why when there is one', () => {
    const ready = (items: InventoryObjectHealth[]) =>
      inventoryTraceTarget({ phase: 'ready', readout: { items, lists: 1 } });
    expect(
      ready([item('Deployment', 'web', 'Current'), item('Deployment', 'api', 'InProgress', 'api-1')]),
    ).toEqual({
      kind: 'Pod',
      namespace: 'apps',
      name: 'api-1',
    });
    // Failed before InProgress, as the summary names them.
    expect(ready([item('Deployment', 'api', 'InProgress'), item('StatefulSet', 'db', 'Failed')])).toEqual({
      kind: 'StatefulSet',
      namespace: 'apps',
      name: 'db',
    });
    expect(ready([item('Deployment', 'web', 'Current')])).toBeUndefined();
    expect(inventoryTraceTarget({ phase: 'loading' })).toBeUndefined();
  });
});
