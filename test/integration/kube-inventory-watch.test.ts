// The live tree under `t`: an inventory kept live by watches against the simulator (the api Deployment
// recovering, a ConfigMap deleted by hand and re-created), a workload's pods by its selector, a pod's log
// followed, and a HelmRelease's objects read from its release manifest in Helm storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/flux/inventory.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort, InventoryReadout, PodLogState, PodSet } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { CORE_RESOURCES } from '../../src/sim/resources.js';
import { isolatedEnv, resourceId, waitForSnapshot } from './kube-helpers.js';

let sim: SimHandle;
let port: ClusterPort;

beforeAll(async () => {
  sim = await startSim({ scenario: 'runbook', clock: 'virtual', controllers: false });
  port = await createClusterPort({
    kubeconfigPath: sim.kubeconfigPath,
    env: isolatedEnv(),
    now: () => sim.clock.now(),
  });
  await waitForSnapshot(port, 'live', (s) => s.connection === 'live');
});

afterAll(async () => {
  await port?.close();
  await sim?.stop();
});

/** Resolves with the first value `subscribe` delivers that `ok` accepts (a safety-net timeout only). */
function until<T>(
  subscribe: (push: (value: T) => void) => () => void,
  ok: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let stop: (() => void) | undefined;
    let done = false;
    const timer = setTimeout(() => reject(new Error('condition not reached')), 20_000);
    stop = subscribe((value) => {
      if (done || !ok(value)) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => stop?.());
      resolve(value);
    });
  });
}

const apps = { kind: 'Kustomization' as const, namespace: 'flux-system', name: 'apps' };
const statusOf = (r: InventoryReadout, id: string) =>
  r.items.find((i) => `${i.entry.kind} ${i.entry.namespace}/${i.entry.name}` === id)?.health.status;

describe('a live inventory', () => {
  it('follows the objects as they change, without reading them again', async () => {
    const entries = readInventory(sim.store.get(resourceId('Kustomization'), 'flux-system', 'apps'));
    const updates: InventoryReadout[] = [];
    const stop = port.watchInventory?.(apps, entries, (r) => updates.push(r));
    const watch = (ok: (r: InventoryReadout) => boolean) =>
      until<InventoryReadout>((push) => {
        const i = setInterval(() => {
          const last = updates.at(-1);
          if (last) push(last);
        }, 20);
        return () => clearInterval(i);
      }, ok);
    try {
      const first = await watch(
        (r) =>
          statusOf(r, 'Deployment apps/api') === 'InProgress' &&
          r.items.some((i) => i.cause?.reason === 'ImagePullBackOff'),
      );
      expect(first.live).toBe(true);
      expect(statusOf(first, 'ConfigMap apps/api')).toBe('Current');
      const listsAfterFirst = first.lists;

      // Someone deletes the ConfigMap by hand: NotFound, from the watch alone.
      sim.store.delete(CORE_RESOURCES.configmaps, 'apps', 'api');
      const deleted = await watch((r) => statusOf(r, 'ConfigMap apps/api') === 'NotFound');
      expect(deleted.lists).toBe(listsAfterFirst);

      // The Deployment rolls out: Current.
      sim.store.mutate(CORE_RESOURCES.deployments, 'apps', 'api', (d) => {
        const replicas = 2;
        d['status'] = {
          observedGeneration: d.metadata.generation,
          replicas,
          updatedReplicas: replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
          conditions: [
            { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
            { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
          ],
        };
      });
      await watch((r) => statusOf(r, 'Deployment apps/api') === 'Current');
    } finally {
      stop?.();
    }
  });
});

describe('the drill-down below a workload', () => {
  it('lists the pods a workload selects, with why they are not ready', async () => {
    const set = await until<PodSet>(
      (push) => port.watchPods?.('external-dns', 'app=external-dns', push) ?? (() => undefined),
      (s) => s.state.phase === 'ready' && s.pods.length > 0,
    );
    const waiting = set.pods.map((p) =>
      JSON.stringify((p['status'] as Record<string, unknown>)['containerStatuses'] ?? ''),
    );
    expect(waiting.join('')).toContain('CrashLoopBackOff');
  });

  it('follows a pod’s log, and says why there is none for a container that never started', async () => {
    const pods = sim.store.list(CORE_RESOURCES.pods, 'apps');
    const api = pods.find((p) => p.metadata.name.startsWith('api-'));
    expect(api).toBeDefined();
    const state = await until<PodLogState>(
      (push) =>
        port.followPodLog?.('apps', api?.metadata.name ?? '', 'api', () => undefined, push) ??
        (() => undefined),
      (s) => s.phase === 'failed',
    );
    expect(state).toMatchObject({ phase: 'failed', message: expect.stringContaining('waiting to start') });
  });

  it('reads a HelmRelease’s objects from its release manifest when it records no inventory', async () => {
    const entries = await port.helmManifestEntries?.('kyverno', 'kyverno', 'kyverno');
    expect(entries?.length).toBeGreaterThan(0);
    expect(entries?.map((e) => e.kind)).toContain('Deployment');
    expect(entries?.every((e) => e.namespace === 'kyverno' || e.namespace === '')).toBe(true);
  });
});

describe('the Flux Operator’s appliers in the tree', () => {
  it('reads a ResourceSet’s objects by the operator’s own labels: every one found, none NotFound', async () => {
    const operator = await startSim({ scenario: 'operator', clock: 'virtual', controllers: false });
    const p = await createClusterPort({
      kubeconfigPath: operator.kubeconfigPath,
      env: isolatedEnv(),
      now: () => operator.clock.now(),
    });
    try {
      const raw = operator.store.get('fluxcd.controlplane.io/resourcesets', 'flux-system', 'tenants');
      const entries = readInventory(raw);
      expect(entries.length).toBeGreaterThan(0);
      const readout = await until<InventoryReadout>(
        (push) =>
          p.watchInventory?.(
            { kind: 'ResourceSet', namespace: 'flux-system', name: 'tenants' },
            entries,
            push,
          ) ?? (() => undefined),
        (r) => (r.loading ?? []).length === 0 && r.items.every((i) => i.health.reason !== 'Loading'),
      );
      const missing = readout.items
        .filter((i) => i.health.status === 'NotFound')
        .map((i) => `${i.entry.kind} ${i.entry.namespace}/${i.entry.name}`);
      expect(missing).toEqual([]);
    } finally {
      await p.close();
      await operator.stop();
    }
  });
});
