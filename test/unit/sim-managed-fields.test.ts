// The simulator's own writes carry managedFields as a cluster Flux manages would: objects applied by
// kustomize-controller, their status (and finalizers) written by `gotk-<controller>`, pods by the
// ReplicaSet controller and the kubelet. HTTP writes are compared with a real API server in
// test/real/managed-fields.test.ts.
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/sim/clock.js';
import type { ManagedFieldsEntry } from '../../src/sim/managed-fields.js';
import { requestManager } from '../../src/sim/managed-fields.js';
import { MemoryStore } from '../../src/sim/store.js';
import type { SimObject } from '../../src/sim/types.js';

const KS = 'kustomize.toolkit.fluxcd.io/kustomizations';
const T0 = Date.parse('2026-03-01T10:00:00Z');

const entries = (o: SimObject) => (o.metadata['managedFields'] ?? []) as ManagedFieldsEntry[];
const who = (o: SimObject) =>
  entries(o).map((e) => `${e.manager} ${e.operation}${e.subresource ? ` ${e.subresource}` : ''} ${e.time}`);

function seed(store: MemoryStore): SimObject {
  return store.create(KS, {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: 'apps',
      namespace: 'flux-system',
      labels: { 'kustomize.toolkit.fluxcd.io/name': 'flux-system' },
      creationTimestamp: '2026-03-01T08:00:00Z',
    },
    spec: {
      interval: '10m',
      path: './apps',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'repo' },
    },
    status: {
      observedGeneration: 1,
      conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'Applied' }],
    },
  });
}

describe('managedFields of the simulator’s own writes', () => {
  it('a seeded Flux object was applied by kustomize-controller and its status written by gotk-kustomize-controller', () => {
    const store = new MemoryStore(createVirtualClock(T0));
    const created = seed(store);
    expect(who(created)).toEqual([
      'kustomize-controller Apply 2026-03-01T08:00:00Z',
      'gotk-kustomize-controller Update status 2026-03-01T08:00:00Z',
    ]);
    expect(entries(created)[0]?.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:kustomize.toolkit.fluxcd.io/name': {} } },
      'f:spec': {
        'f:interval': {},
        'f:path': {},
        'f:prune': {},
        'f:sourceRef': { 'f:kind': {}, 'f:name': {} },
      },
    });
    // Lists of custom resources are atomic: the conditions are one field.
    expect(entries(created)[1]?.fieldsV1).toEqual({
      'f:status': { 'f:conditions': {}, 'f:observedGeneration': {} },
    });
  });

  it('a controller’s status write moves only its status entry on, and a finalizer it adds is its own', async () => {
    const clock = createVirtualClock(T0);
    const store = new MemoryStore(clock);
    seed(store);
    await clock.advance(60_000);
    const retried = store.mutate(KS, 'flux-system', 'apps', (o) => {
      (o['status'] as Record<string, unknown>)['lastAttemptedRevision'] = 'main@sha1:abc';
    });
    expect(who(retried)).toEqual([
      'kustomize-controller Apply 2026-03-01T08:00:00Z',
      'gotk-kustomize-controller Update status 2026-03-01T10:01:00Z',
    ]);
    expect(entries(retried)[1]?.fieldsV1).toEqual({
      'f:status': { 'f:conditions': {}, 'f:lastAttemptedRevision': {}, 'f:observedGeneration': {} },
    });
    const finalized = store.mutate(KS, 'flux-system', 'apps', (o) => {
      o.metadata['finalizers'] = ['finalizers.fluxcd.io'];
    });
    expect(
      entries(finalized).find((e) => e.manager === 'gotk-kustomize-controller' && !e.subresource)?.fieldsV1,
    ).toEqual({ 'f:metadata': { 'f:finalizers': { '.': {}, 'v:"finalizers.fluxcd.io"': {} } } });
  });

  it('a write that changes nothing records nothing', async () => {
    const clock = createVirtualClock(T0);
    const store = new MemoryStore(clock);
    const created = seed(store);
    await clock.advance(60_000);
    const same = store.mutate(KS, 'flux-system', 'apps', () => {});
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(entries(same)).toEqual(entries(created));
  });

  it('a field that goes leaves its manager, and a manager left with nothing goes', () => {
    const store = new MemoryStore(createVirtualClock(T0));
    seed(store);
    const gone = store.mutate(KS, 'flux-system', 'apps', (o) => {
      delete o['status'];
    });
    expect(who(gone)).toEqual(['kustomize-controller Apply 2026-03-01T08:00:00Z']);
  });

  it('a pod is the ReplicaSet controller’s, its status the kubelet’s; containers are keyed by name', () => {
    const store = new MemoryStore(createVirtualClock(T0));
    const pod = store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'apps' },
      spec: {
        containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    });
    expect(entries(pod).map((e) => `${e.manager} ${e.subresource ?? ''}`)).toEqual([
      'kube-controller-manager ',
      'kubelet status',
    ]);
    expect(entries(pod)[0]?.fieldsV1).toEqual({
      'f:spec': {
        '.': {},
        'f:containers': {
          '.': {},
          'k:{"name":"web"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': {
              '.': {},
              'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
            },
          },
        },
      },
    });
    expect(entries(pod)[1]?.fieldsV1).toEqual({
      'f:status': {
        'f:conditions': { '.': {}, 'k:{"type":"Ready"}': { '.': {}, 'f:status': {}, 'f:type': {} } },
        'f:phase': {},
      },
    });
  });

  it('an HTTP write is its fieldManager’s, else its User-Agent’s up to the first slash, else unknown', () => {
    expect(requestManager('flux', 'kubectl/v1.33.0 (linux/amd64)')).toBe('flux');
    expect(requestManager(null, 'kubectl/v1.33.0 (linux/amd64)')).toBe('kubectl');
    expect(requestManager(null, undefined)).toBe('unknown');
  });
});
