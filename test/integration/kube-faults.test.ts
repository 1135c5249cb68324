// The watches under injected faults: what the user sees (states, messages, data) and what the API server
// sees (requests: resumes instead of relists, backoff instead of hot loops).
import { afterEach, describe, expect, it } from 'vitest';
import { type ClusterPortOptions, createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { heldTimers, isolatedEnv, requestsFor, resourceId, seed, waitForSnapshot } from './kube-helpers.js';
import { until } from './sim-api-helpers.js';

const HR = resourceId('HelmRelease');
const KS = resourceId('Kustomization');

let sim: SimHandle | undefined;
let port: ClusterPort | undefined;

afterEach(async () => {
  await port?.close();
  await sim?.stop();
  port = undefined;
  sim = undefined;
});

async function start(
  options: Partial<ClusterPortOptions> = {},
): Promise<{ sim: SimHandle; port: ClusterPort }> {
  sim = await startSim({ scenario: 'empty', controllers: false });
  seed(sim, 'HelmRelease', 'apps', 'kyverno');
  seed(sim, 'HelmRelease', 'apps', 'velero');
  seed(sim, 'Kustomization', 'flux-system', 'apps');
  const s = sim;
  port = await createClusterPort({
    kubeconfigPath: sim.kubeconfigPath,
    env: isolatedEnv(),
    now: () => s.clock.now(),
    ...options,
  });
  await waitForSnapshot(port, 'live', (snap) => snap.connection === 'live');
  return { sim, port };
}

const hrRows = (p: ClusterPort) => [...(p.getSnapshot().kinds.get('HelmRelease')?.rows.keys() ?? [])].sort();

describe('watch faults', () => {
  it('resumes dropped watches from the last resourceVersion, without a relist', async () => {
    const { sim, port } = await start();
    const listsBefore = requestsFor(sim, HR, 'list').length;
    const watchesBefore = requestsFor(sim, HR, 'watch').length;
    sim.faults.dropWatches();
    seed(sim, 'HelmRelease', 'apps', 'cert-manager');
    await waitForSnapshot(port, 'cert-manager', (s) => s.kinds.get('HelmRelease')?.rows.size === 3);
    expect(hrRows(port)).toEqual([
      'HelmRelease/apps/cert-manager',
      'HelmRelease/apps/kyverno',
      'HelmRelease/apps/velero',
    ]);
    expect(requestsFor(sim, HR, 'list').length).toBe(listsBefore);
    const rewatches = requestsFor(sim, HR, 'watch').slice(watchesBefore);
    expect(rewatches.length).toBeGreaterThanOrEqual(1);
    expect(rewatches[0]?.query).toMatch(/resourceVersion=\d+/);
    expect(port.getSnapshot().kinds.get('HelmRelease')?.state.phase).toBe('ready');
  });

  it('relists on 410 Gone and replaces the contents: an object deleted while away disappears', async () => {
    const { sim, port } = await start();
    await sim.faults.goAway();
    sim.store.delete(HR, 'apps', 'kyverno');
    seed(sim, 'HelmRelease', 'apps', 'loki');
    sim.faults.goneOnNextWatch(HR);
    const listsBefore = requestsFor(sim, HR, 'list').length;
    await sim.faults.comeBack();
    await waitForSnapshot(port, 'loki and no kyverno', (s) => {
      const rows = s.kinds.get('HelmRelease')?.rows;
      return (
        rows?.has('HelmRelease/apps/loki') === true &&
        !rows.has('HelmRelease/apps/kyverno') &&
        s.connection === 'live'
      );
    });
    expect(hrRows(port)).toEqual(['HelmRelease/apps/loki', 'HelmRelease/apps/velero']);
    expect(port.getSnapshot().kinds.get('HelmRelease')?.raw.size).toBe(2);
    // It was a relist (after the 410), not a replay of the watch.
    expect(requestsFor(sim, HR, 'list').length).toBe(listsBefore + 1);
  });

  it('backs off exponentially on server errors — no hot loop — and recovers', async () => {
    // Retry waits (from 1 s) wait for this test; publishing runs on real timers.
    const retries = heldTimers(1000);
    const { sim, port } = await start({
      timers: retries.timers,
      // The dropped watches reconnect at once however long they lasted (real time): only failures wait.
      tuning: { backoffInitialMs: 2000, backoffMaxMs: 30_000, random: () => 0.5, quickWatchMs: 0 },
    });
    const failing = sim.faults.serverErrors({ status: 503, match: (r) => r.resource === HR });
    sim.faults.dropWatches();
    const down = await waitForSnapshot(
      port,
      'HelmRelease disconnected',
      (snap) => snap.kinds.get('HelmRelease')?.state.phase === 'disconnected',
    );
    const state = down.kinds.get('HelmRelease')?.state;
    expect(state?.phase === 'disconnected' && state.message).toMatch(/answered 503.* — retrying$/);
    // Other kinds are unaffected: the connection is degraded, not lost.
    expect(down.connection).toBe('degraded');
    expect(down.kinds.get('Kustomization')?.state.phase).toBe('ready');

    // Each failed attempt is followed by a wait, twice as long each time up to the 30 s cap (2, 4, 8, 16,
    // 30, 30 s), and the next attempt comes only when that wait ends: no hot loop.
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      await retries.held();
      expect(retries.waiting()).toHaveLength(1);
      const before = requestsFor(sim, HR).length;
      delays.push(retries.release());
      await until(() => requestsFor(sim, HR).length > before, 15_000, `attempt ${attempt + 1}`);
    }
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000]);

    failing();
    await retries.held();
    retries.release();
    await waitForSnapshot(
      port,
      'HelmRelease ready again',
      (s) => s.kinds.get('HelmRelease')?.state.phase === 'ready',
      20_000,
    );
    expect(hrRows(port)).toEqual(['HelmRelease/apps/kyverno', 'HelmRelease/apps/velero']);
  });

  it('shows a denied kind as forbidden with the API server message, the others ready, and does not retry it quickly', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'HelmRelease', 'apps', 'kyverno');
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    sim.faults.deny({ verb: 'list', resource: 'helmreleases' });
    const retries = heldTimers(1000);
    port = await createClusterPort({
      kubeconfigPath: sim.kubeconfigPath,
      env: isolatedEnv(),
      timers: retries.timers,
    });
    // Never `live` with a kind left out of the counts: partial.
    const snap = await waitForSnapshot(port, 'settled', (s) => s.connection === 'partial');
    const state = snap.kinds.get('HelmRelease')?.state;
    expect(state?.phase).toBe('forbidden');
    expect(state?.phase === 'forbidden' && state.message).toMatch(
      /^forbidden: User ".+" cannot list resource "helmreleases" in API group "helm.toolkit.fluxcd.io"/,
    );
    expect(snap.kinds.get('HelmRelease')?.rows.size).toBe(0);
    expect(snap.kinds.get('Kustomization')?.rows.size).toBe(1);
    // The denied kind waits a slow retry (60 s) before it asks again; nothing else waits.
    await retries.held();
    expect(retries.waiting()).toEqual([60_000]);
    expect(requestsFor(sim, HR, 'list').length).toBe(1);
  });

  it('shows a removed CRD as not served yet, then not installed after the grace period, and picks it up again when it returns', async () => {
    const { sim, port } = await start({ tuning: { slowRetryMs: 300, unservedGraceMs: 1000 } });
    sim.faults.removeCrd('HelmRelease');
    // Served a moment ago: first "not served yet", its rows kept…
    const late = await waitForSnapshot(
      port,
      'not served yet',
      (s) => s.kinds.get('HelmRelease')?.state.phase === 'not-served-yet',
    );
    expect(late.kinds.get('HelmRelease')?.rows.size).toBe(2);
    // …then, still absent from discovery after the grace period, not installed.
    const gone = await waitForSnapshot(
      port,
      'not installed',
      (s) => s.kinds.get('HelmRelease')?.state.phase === 'not-installed',
    );
    const state = gone.kinds.get('HelmRelease')?.state;
    expect(state?.phase === 'not-installed' && state.message).toMatch(
      /HelmRelease \(helmreleases\.helm\.toolkit\.fluxcd\.io\) is not installed: the API group helm\.toolkit\.fluxcd\.io is not served \(still not served \d+s later\)$/,
    );
    expect(gone.kinds.get('HelmRelease')?.rows.size).toBe(0);
    expect(gone.kinds.get('Kustomization')?.state.phase).toBe('ready');
    sim.faults.restoreCrd('HelmRelease');
    const back = await waitForSnapshot(port, 'back', (s) => s.kinds.get('HelmRelease')?.rows.size === 2);
    expect(back.kinds.get('HelmRelease')?.state.phase).toBe('ready');
    expect(hrRows(port)).toEqual(['HelmRelease/apps/kyverno', 'HelmRelease/apps/velero']);
  });

  it('shows a CRD absent from the start as not installed at once, never as not served yet', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    sim.faults.removeCrd('HelmRelease');
    port = await createClusterPort({ kubeconfigPath: sim.kubeconfigPath, env: isolatedEnv() });
    const phases: string[] = [];
    const p = port;
    p.subscribe(() => phases.push(p.getSnapshot().kinds.get('HelmRelease')?.state.phase ?? ''));
    const snap = await waitForSnapshot(port, 'settled', (s) => s.connection === 'live');
    expect(snap.kinds.get('HelmRelease')?.state.phase).toBe('not-installed');
    expect(phases).not.toContain('not-served-yet');
  });

  it('says disconnected since the outage began, then shows current data when the server comes back', async () => {
    const { sim, port } = await start();
    const before = sim.clock.now();
    await sim.faults.goAway();
    const down = await waitForSnapshot(port, 'disconnected', (s) => s.connection === 'disconnected');
    const state = down.kinds.get('Kustomization')?.state;
    expect(state?.phase).toBe('disconnected');
    if (state?.phase !== 'disconnected') return;
    expect(state.since).toBeGreaterThanOrEqual(before);
    expect(state.since).toBeLessThanOrEqual(sim.clock.now());
    expect(state.message).toMatch(
      /^cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: connection (refused|reset|closed) — retrying$/,
    );
    // The `since` of a continuing outage does not move.
    const later = await waitForSnapshot(port, 'another retry', (s) => s.revision > down.revision);
    const again = later.kinds.get('Kustomization')?.state;
    expect(again?.phase === 'disconnected' && again.since).toBe(state.since);

    sim.store.delete(KS, 'flux-system', 'apps');
    seed(sim, 'Kustomization', 'flux-system', 'infra');
    await sim.faults.comeBack();
    const back = await waitForSnapshot(
      port,
      'live with current data',
      (s) =>
        s.connection === 'live' &&
        s.kinds.get('Kustomization')?.rows.has('Kustomization/flux-system/infra') === true,
      40_000,
    );
    expect([...(back.kinds.get('Kustomization')?.rows.keys() ?? [])]).toEqual([
      'Kustomization/flux-system/infra',
    ]);
  }, 60_000);
});
