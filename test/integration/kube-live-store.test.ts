// The live store against the simulator over HTTPS (TLS verification on): what a user sees in snapshots.
import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { manualTimers } from '../support/manual-timers.js';
import { isolatedEnv, resourceId, seed, waitForSnapshot } from './kube-helpers.js';
import { until } from './sim-api-helpers.js';

let sim: SimHandle | undefined;
let port: ClusterPort | undefined;

afterEach(async () => {
  await port?.close();
  await sim?.stop();
  port = undefined;
  sim = undefined;
});

async function start(
  options: Parameters<typeof startSim>[0] = {},
): Promise<{ sim: SimHandle; port: ClusterPort }> {
  sim = await startSim({ scenario: 'empty', controllers: false, ...options });
  port = await createClusterPort({
    kubeconfigPath: sim.kubeconfigPath,
    env: isolatedEnv(),
    now: () => sim?.clock.now() ?? 0,
  });
  return { sim, port };
}

describe('live store', () => {
  it('shows every Flux kind with its rows, derived as flux get does', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    for (const kind of KIND_NAMES) seed(sim, kind, 'apps', `${kind.toLowerCase()}-a`);
    seed(sim, 'HelmRelease', 'kyverno', 'kyverno', 'False');
    port = await createClusterPort({ kubeconfigPath: sim.kubeconfigPath, env: isolatedEnv() });
    const snap = await waitForSnapshot(port, 'every kind ready', (s) => s.connection === 'live');
    for (const kind of KIND_NAMES) {
      const slice = snap.kinds.get(kind);
      expect(slice?.state.phase, kind).toBe('ready');
      expect(slice?.rows.get(`${kind}/apps/${kind.toLowerCase()}-a`)?.ref.kind, kind).toBe(kind);
    }
    const failed = snap.kinds.get('HelmRelease')?.rows.get('HelmRelease/kyverno/kyverno');
    expect(failed).toMatchObject({
      ready: 'False',
      health: 'Failed',
      message: 'it broke',
      failingSince: '2026-01-01T00:00:00Z',
    });
    expect(snap.kinds.get('HelmRelease')?.state).toEqual({
      phase: 'ready',
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
    });
  });

  it('shows a change another client makes through the API', async () => {
    const { sim, port } = await start();
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    await waitForSnapshot(
      port,
      'apps listed',
      (s) => s.kinds.get('Kustomization')?.rows.has('Kustomization/flux-system/apps') === true,
    );

    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    const api = kc.makeApiClient(CustomObjectsApi);
    const patchedAt = sim.clock.now();
    await api.patchNamespacedCustomObject(
      {
        group: 'kustomize.toolkit.fluxcd.io',
        version: 'v1',
        namespace: 'flux-system',
        plural: 'kustomizations',
        name: 'apps',
        body: { spec: { suspend: true } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const snap = await waitForSnapshot(
      port,
      'apps suspended',
      (s) => s.kinds.get('Kustomization')?.rows.get('Kustomization/flux-system/apps')?.suspended === true,
    );
    expect(snap.kinds.get('Kustomization')?.rows.get('Kustomization/flux-system/apps')?.health).toBe(
      'Suspended',
    );
    // The patch's watch event, not the watches' start.
    expect(snap.lastEventAt).toBeGreaterThanOrEqual(patchedAt);
  });

  it('turns a burst of 1,000 changes into a few publishes, and publishes nothing while idle', async () => {
    // Publishing on a clock and timers that move only when the test advances them: what is measured is the
    // publisher's pacing, not how fast this machine is.
    const t = manualTimers();
    sim = await startSim({ scenario: 'empty', controllers: false });
    const s = sim;
    port = await createClusterPort({
      kubeconfigPath: sim.kubeconfigPath,
      env: isolatedEnv(),
      now: () => s.clock.now(),
      timers: t.timers,
      publishClock: t.clock,
    });
    const p = port;
    /** Moves the publishing clock on in 10 ms steps (letting the watches' data in between) until `done`. */
    const pump = (what: string, done: () => boolean) =>
      until(
        () => {
          if (done()) return true;
          t.advance(10);
          return done();
        },
        15_000,
        what,
      );
    await pump('live', () => p.getSnapshot().connection === 'live');
    const publishes: number[] = [];
    const unsubscribe = port.subscribe(() => publishes.push(t.clock()));
    const before = port.getSnapshot();
    for (let i = 0; i < 1000; i++) seed(sim, 'GitRepository', 'apps', `repo-${i}`);
    // Nothing is published while the clock stands still, however many changes arrive.
    await until(() => t.pending() > 0, 15_000, 'a publish scheduled');
    const firstChangeAt = t.clock();
    expect(publishes).toEqual([]);
    await pump('1,000 repositories', () => p.getSnapshot().kinds.get('GitRepository')?.rows.size === 1000);
    unsubscribe();
    // The first change waits 20 ms for company; after that at most one publish per 100 ms of the clock.
    expect(publishes.length).toBeGreaterThanOrEqual(1);
    expect((publishes[0] ?? 0) - firstChangeAt).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < publishes.length; i++) {
      expect((publishes[i] ?? 0) - (publishes[i - 1] ?? 0)).toBeGreaterThanOrEqual(100);
    }
    const snap = port.getSnapshot();
    // Kinds that did not change keep their slice object.
    expect(snap.kinds.get('HelmRelease')).toBe(before.kinds.get('HelmRelease'));

    // Idle: nothing is scheduled, and a minute of clock publishes nothing.
    let idle = 0;
    port.subscribe(() => idle++);
    expect(t.pending()).toBe(0);
    t.advance(60_000);
    expect(idle).toBe(0);
    expect(port.getSnapshot()).toBe(snap);
  });

  it('finds HelmRelease at v2beta2 on an older Flux and lists it', async () => {
    const { sim, port } = await start({ fluxVersions: 'legacy' });
    sim.store.create(resourceId('HelmRelease'), {
      apiVersion: 'helm.toolkit.fluxcd.io/v2beta2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo', namespace: 'apps' },
      spec: { interval: '5m' },
      status: {
        conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'ok' }],
      },
    });
    const snap = await waitForSnapshot(
      port,
      'legacy HelmRelease',
      (s) => s.kinds.get('HelmRelease')?.rows.size === 1,
    );
    expect(snap.kinds.get('HelmRelease')?.state).toEqual({
      phase: 'ready',
      apiVersion: 'helm.toolkit.fluxcd.io/v2beta2',
    });
    expect(snap.kinds.get('HelmRelease')?.rows.get('HelmRelease/apps/podinfo')?.apiVersion).toBe(
      'helm.toolkit.fluxcd.io/v2beta2',
    );
  });

  it('rescopes to one namespace on setNamespace', async () => {
    const { sim, port } = await start();
    seed(sim, 'Kustomization', 'a', 'one');
    seed(sim, 'Kustomization', 'b', 'two');
    await waitForSnapshot(port, 'both', (s) => s.kinds.get('Kustomization')?.rows.size === 2);
    port.setNamespace('b');
    expect(port.info.namespace).toBe('b');
    const snap = await waitForSnapshot(
      port,
      'only b',
      (s) => s.connection === 'live' && s.kinds.get('Kustomization')?.rows.size === 1,
    );
    expect([...(snap.kinds.get('Kustomization')?.rows.keys() ?? [])]).toEqual(['Kustomization/b/two']);
  });
});
