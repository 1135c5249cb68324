// The console's store across an API server restart that leaves the CRD groups unregistered for a while (a
// real kube-apiserver does: its apiextensions controllers register them again a moment after it answers).
// The simulator's clock is virtual, so the lag ends when the test says; the console's retry waits are held
// until the test releases them, so each retry happens when the test says and its delay is recorded.
import { afterEach, describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import { allRows } from '../../src/hooks/use-cluster.js';
import { countRows, readCoverage, staleBanner, unreadText } from '../../src/hooks/use-summary.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort, ClusterSnapshot } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { heldTimers, isolatedEnv, seed, waitForSnapshot } from './kube-helpers.js';

let sim: SimHandle | undefined;
let port: ClusterPort | undefined;

afterEach(async () => {
  await port?.close();
  await sim?.stop();
  port = undefined;
  sim = undefined;
});

const LAG_MS = 4000;
const phase = (s: ClusterSnapshot, kind: 'HelmRelease' | 'Kustomization') => s.kinds.get(kind)?.state.phase;
const rowKeys = (s: ClusterSnapshot) => [...allRows(s)].map((r) => r.key).sort();

describe('an API server restart with the CRD registration lag', () => {
  it('keeps the rows (stale), is partial — never live — and never says not installed; back within one capped retry', async () => {
    sim = await startSim({
      scenario: 'empty',
      controllers: false,
      clock: 'virtual',
      crdRegistrationLagMs: LAG_MS,
    });
    seed(sim, 'HelmRelease', 'apps', 'kyverno');
    seed(sim, 'HelmRelease', 'apps', 'velero', 'False');
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    const s = sim;
    const retries = heldTimers(200);
    port = await createClusterPort({
      kubeconfigPath: sim.kubeconfigPath,
      env: isolatedEnv(),
      now: () => s.clock.now(),
      timers: retries.timers,
    });
    const before = await waitForSnapshot(port, 'live', (snap) => snap.connection === 'live');
    const keys = rowKeys(before);
    expect(keys).toHaveLength(3);

    const p = port;
    const seen = new Set<string>();
    const connections = new Set<string>();
    p.subscribe(() => {
      const snap = p.getSnapshot();
      for (const slice of snap.kinds.values()) seen.add(slice.state.phase);
      connections.add(snap.connection);
    });

    await sim.faults.restart();
    // The reconnection after the restart waits on held retries: release them until both kinds lag.
    await expect
      .poll(
        () => {
          const snap = p.getSnapshot();
          const lag =
            phase(snap, 'HelmRelease') === 'not-served-yet' &&
            phase(snap, 'Kustomization') === 'not-served-yet';
          if (!lag && retries.waiting().length > 0) retries.release();
          return lag;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const lagging = p.getSnapshot();
    const delaysFrom = retries.asked.length;
    // The rows seen before are still there…
    expect(rowKeys(lagging)).toEqual(keys);
    // …and the header may not say live, nor count them as read.
    expect(lagging.connection).toBe('partial');
    const coverage = readCoverage(lagging);
    expect(coverage.notServedYet).toEqual(expect.arrayContaining(['HelmRelease', 'Kustomization']));
    expect(unreadText(coverage)).toMatch(/^\d+ kinds not served yet$/);
    const counts = countRows(allRows(lagging), s.clock.now(), 15 * 60_000, coverage);
    expect(counts.total).toBe(0);
    expect(counts.notCounted).toBe('3 stale rows');
    expect(staleBanner(lagging)).toMatch(
      /^\d+ kinds not served yet since \d\d:\d\d:\d\d, as after an API server restart — rows shown are stale; retrying$/,
    );
    const state = lagging.kinds.get('HelmRelease')?.state;
    expect(state?.phase === 'not-served-yet' && state.message).toBe(
      'the API group helm.toolkit.fluxcd.io is not served',
    );

    // Still lagging after several retries: nothing flips to not installed.
    while (retries.asked.length < delaysFrom + 6) {
      await retries.held(1);
      retries.release();
    }
    expect(retries.asked.length).toBeGreaterThanOrEqual(delaysFrom + 6);
    expect(seen.has('not-installed')).toBe(false);
    expect(port.getSnapshot().connection).toBe('partial');

    await sim.clock.advance(LAG_MS);
    // Let the pending retries run until the kinds are listed again.
    await expect
      .poll(
        () => {
          if (retries.waiting().length > 0) retries.release();
          return p.getSnapshot().connection;
        },
        { timeout: 15_000 },
      )
      .toBe('live');
    const back = p.getSnapshot();
    expect(rowKeys(back)).toEqual(keys);
    for (const kind of KIND_NAMES) expect(back.kinds.get(kind)?.state.phase).toBe('ready');
    expect(seen.has('not-installed')).toBe(false);
    expect(connections.has('live')).toBe(true);
    // Retried fast: no wait while not served yet was longer than the 5 s cap.
    const waits = retries.asked.slice(delaysFrom);
    expect(Math.max(...waits)).toBeLessThanOrEqual(5000);
  }, 30_000);
});
