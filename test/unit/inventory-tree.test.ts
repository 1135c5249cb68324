// The `:tree` screen's rows: `flux tree`'s branches with each object's live health, nested Kustomizations
// and HelmReleases expanded once, owners not yet read or beyond the cap said so; and the objects of a Helm
// release manifest as inventory entries (helm-controller before 1.5 writes no inventory).
import { describe, expect, it } from 'vitest';
import { type InventoryEntry, manifestInventory } from '../../src/flux/inventory.js';
import type { KStatus } from '../../src/flux/kstatus.js';
import type { InventoryObjectHealth } from '../../src/present/cluster-types.js';
import { readyCount, type TreeChildren, treeRows } from '../../src/present/tree-columns.js';
import { workloadPodRow } from '../../src/present/workload-pods.js';

const entry = (kind: string, namespace: string, name: string, group = ''): InventoryEntry => ({
  kind,
  namespace,
  name,
  group,
  version: 'v1',
});
const item = (
  e: InventoryEntry,
  status: KStatus = 'Current',
  extra: Partial<InventoryObjectHealth> = {},
) => ({
  entry: e,
  health: {
    status,
    reason: status === 'Current' ? '' : 'Why',
    message: status === 'Current' ? '' : `${status} now`,
  },
  ...extra,
});
const owner = {
  key: 'Kustomization/flux-system/root',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'root',
  health: 'Ready',
  ready: true,
  message: 'Applied revision: main@sha1:abc',
};

describe('treeRows', () => {
  const apps = entry('Kustomization', 'flux-system', 'apps', 'kustomize.toolkit.fluxcd.io');
  const deploy = entry('Deployment', 'apps', 'api', 'apps');
  const children = new Map<string, TreeChildren>([
    [owner.key, { phase: 'ready', items: [item(entry('Namespace', '', 'apps')), item(apps)] }],
    [
      'Kustomization/flux-system/apps',
      {
        phase: 'ready',
        items: [
          item(deploy, 'InProgress', {
            cause: { reason: 'ImagePullBackOff', message: 'Back-off pulling image', pod: 'api-1' },
            raw: { spec: { replicas: 2 }, status: { readyReplicas: 0 } },
          }),
          item(entry('Service', 'apps', 'api')),
          // A cycle back to the root is listed, not expanded again.
          item(entry('Kustomization', 'flux-system', 'root', 'kustomize.toolkit.fluxcd.io')),
        ],
      },
    ],
  ]);
  const rows = treeRows({
    owner,
    children: (key) => children.get(key),
    fluxStatus: (key) =>
      key.endsWith('/apps')
        ? { health: 'Ready', ready: true, message: '' }
        : { health: 'Ready', ready: true, message: '' },
  });

  it('draws the branches as flux tree does, cluster-scoped objects first, nested owners expanded', () => {
    expect(rows.map((r) => `${r.prefix}${r.kind} ${r.namespace}/${r.name} ${r.status}`)).toEqual([
      'Kustomization flux-system/root Ready',
      '├── Namespace /apps Current',
      '└── Kustomization flux-system/apps Ready',
      '    ├── Deployment apps/api InProgress',
      '    ├── Service apps/api Current',
      '    └── Kustomization flux-system/root Ready',
    ]);
  });

  it('says why a workload is not ready from its pods, with its ready count', () => {
    const api = rows.find((r) => r.kind === 'Deployment');
    expect(api).toMatchObject({
      count: '0/2',
      ready: false,
      tone: 'warn',
      message: 'ImagePullBackOff: Back-off pulling image (pod api-1)',
    });
  });

  it('judges a nested Flux object by its own Ready condition, not by kstatus', () => {
    const failing = treeRows({
      owner,
      children: (key) =>
        key === owner.key ? { phase: 'ready', items: [item(apps, 'InProgress')] } : undefined,
      fluxStatus: () => ({ health: 'Failed', ready: false, message: 'kustomize build failed' }),
    });
    expect(failing[1]).toMatchObject({
      status: 'Failed',
      ready: false,
      tone: 'bad',
      message: 'kustomize build failed',
    });
  });

  it('says when an owner’s objects are not shown, and why', () => {
    const capped = treeRows({
      owner,
      children: (key) =>
        key === owner.key
          ? { phase: 'ready', items: [item(apps)] }
          : { phase: 'capped', message: 'not expanded: 16 inventories are kept live at once' },
      fluxStatus: () => undefined,
    });
    expect(capped.at(-1)).toMatchObject({
      prefix: '    └── ',
      kind: '',
      message: 'not expanded: 16 inventories are kept live at once',
    });
  });
});

describe('readyCount', () => {
  it('counts as kubectl does per kind, and nothing for kinds without a count', () => {
    expect(readyCount('Deployment', { spec: { replicas: 3 }, status: { readyReplicas: 1 } })).toBe('1/3');
    expect(readyCount('DaemonSet', { status: { numberReady: 2, desiredNumberScheduled: 2 } })).toBe('2/2');
    expect(readyCount('Job', { spec: { completions: 1 }, status: {} })).toBe('0/1');
    expect(readyCount('Service', {})).toBe('');
  });
});

describe('manifestInventory', () => {
  it('turns a release manifest into entries, in the release namespace unless the object names its own', () => {
    const manifest = [
      '---',
      '# Source: chart/templates/sa.yaml',
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata:',
      '  name: kyverno',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata:',
      '  name: kyverno:admission',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: kyverno-admission',
      '  namespace: other',
      '---',
      'not: [valid',
      '---',
      'kind: ConfigMap',
    ].join('\n');
    expect(manifestInventory(manifest, 'kyverno')).toEqual([
      { namespace: 'kyverno', name: 'kyverno', group: '', kind: 'ServiceAccount', version: 'v1' },
      {
        namespace: 'kyverno',
        name: 'kyverno:admission',
        group: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        version: 'v1',
      },
      { namespace: 'other', name: 'kyverno-admission', group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
  });
});

describe('workloadPodRow', () => {
  it('shows a pod as kubectl get pods does, the waiting reason as its status', () => {
    const row = workloadPodRow({
      metadata: { namespace: 'apps', name: 'api-1\u001b[31m', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { nodeName: 'n1', containers: [{ name: 'api' }, { name: 'sidecar' }] },
      status: {
        phase: 'Pending',
        containerStatuses: [
          { name: 'sidecar', ready: true, restartCount: 1 },
          {
            name: 'api',
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting' } },
          },
        ],
      },
    });
    expect(row).toMatchObject({
      name: 'api-1',
      ready: '1/2',
      status: 'CrashLoopBackOff',
      restarts: 5,
      healthy: false,
      tone: 'bad',
      message: 'back-off 5m0s restarting',
      containers: ['api', 'sidecar'],
    });
  });
});
