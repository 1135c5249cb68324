// The Inventory tab's text: the objects not ready named first (a workload whose pods say why before the
// rest), then the tree by namespace and kind, nested Flux objects marked, cluster data sanitised.
import { describe, expect, it } from 'vitest';
import type { KStatus } from '../../src/flux/kstatus.js';
import type { InventoryObjectHealth } from '../../src/kube/port.js';
import { inventoryLines, inventorySummary } from '../../src/present/inventory-lines.js';

function item(
  kind: string,
  namespace: string,
  name: string,
  status: KStatus,
  extra: Partial<InventoryObjectHealth> = {},
): InventoryObjectHealth {
  const group = kind === 'Deployment' ? 'apps' : kind === 'HelmRelease' ? 'helm.toolkit.fluxcd.io' : '';
  return {
    entry: { kind, namespace, name, group, version: 'v1' },
    health: {
      status,
      reason: status === 'InProgress' || status === 'Failed' ? 'LessReady' : '',
      message: status === 'Current' ? '' : 'Ready: 0/2',
    },
    ...extra,
  };
}

const owner = { key: 'Kustomization/flux-system/apps', health: 'Ready', ready: true };

describe('inventory summary', () => {
  it('names the workload with a pod reason first, then the others, with a count', () => {
    const items = [
      item('HelmRelease', 'apps', 'podinfo', 'InProgress'),
      item('Service', 'apps', 'api', 'Current'),
      item('Deployment', 'apps', 'api', 'InProgress', {
        cause: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"', pod: 'api-1' },
      }),
      item('ConfigMap', 'apps', 'gone', 'NotFound'),
    ];
    expect(inventorySummary(items)).toEqual({
      text: '3 of 4 managed objects not ready: ConfigMap apps/gone NotFound (deleted?), Deployment apps/api ImagePullBackOff, HelmRelease apps/podinfo LessReady',
      ok: false,
    });
  });

  it('says all are ready when they are', () => {
    expect(inventorySummary([item('Service', 'apps', 'api', 'Current')])).toEqual({
      text: 'all 1 managed object ready',
      ok: true,
    });
  });
});

describe('inventory lines', () => {
  it('shows the owner, the summary, then namespaces (cluster first) and kinds, nested Flux objects marked', () => {
    const lines = inventoryLines(
      {
        phase: 'ready',
        readout: {
          lists: 3,
          items: [
            item('HelmRelease', 'apps', 'podinfo', 'Current'),
            item('Namespace', '', 'apps', 'Current'),
            item('Deployment', 'apps', 'api', 'Failed', {
              cause: { reason: 'CrashLoopBackOff', message: 'back-off \u001b[31m5m0s', pod: 'api-1' },
            }),
          ],
        },
      },
      owner,
      120,
    ).map((l) => l.text);
    expect(lines).toEqual([
      'Kustomization/flux-system/apps  Ready',
      '1 of 3 managed objects not ready: Deployment apps/api CrashLoopBackOff',
      '',
      '(cluster)',
      '  Namespace',
      '    ✓ apps  Current',
      'apps',
      '  Deployment',
      '    ✗ api  Failed  CrashLoopBackOff: back-off 5m0s (pod api-1)',
      '  HelmRelease',
      '    ✓ podinfo  Current  (Flux: has its own inventory)',
    ]);
  });

  it('explains an object without inventory and a read that failed', () => {
    expect(inventoryLines({ phase: 'none', message: 'no inventory yet' }, owner, 80)[1]?.text).toBe(
      'no inventory yet',
    );
    expect(inventoryLines({ phase: 'error', message: 'forbidden' }, owner, 80)[1]).toMatchObject({
      text: 'Inventory unavailable: forbidden',
      tone: 'bad',
    });
  });
});
