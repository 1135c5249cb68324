// FAILING FOR against the simulated controllers, which mark Ready Unknown at the start of every attempt as
// kustomize-controller does: the console's row keeps the streak's start across the sim's retries and across a
// reconcile the console requests, while Ready's lastTransitionTime moves with each attempt. Virtual clock.
import { afterEach, describe, expect, it } from 'vitest';
import { reconcilePatch } from '../../src/flux/reconcile.js';
import type { StatusRow } from '../../src/flux/types.js';
import { countRows } from '../../src/hooks/use-summary.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort, ClusterSnapshot } from '../../src/kube/port.js';
import { isolatedEnv, waitForSnapshot } from './kube-helpers.js';
import { conditionOf, getFlux, startRunbook, type TestCluster } from './sim-controllers-support.js';

const MINUTE = 60_000;
const THRESHOLD = 15 * MINUTE;

interface Running {
  readonly cluster: TestCluster;
  readonly port: ClusterPort;
}

let running: Running | undefined;
afterEach(async () => {
  await running?.port.close();
  await running?.cluster.sim.stop();
  running = undefined;
});

/** The runbook sim, its controllers having run `beforeMs` of virtual time before the console connects. */
async function start(beforeMs = 0): Promise<Running> {
  const cluster = await startRunbook();
  if (beforeMs > 0) await cluster.controllers.idle(beforeMs);
  const clock = cluster.sim.clock;
  const port = await createClusterPort({
    kubeconfigPath: cluster.sim.kubeconfigPath,
    env: isolatedEnv(),
    now: () => clock.now(),
  });
  running = { cluster, port };
  await waitForSnapshot(port, 'live', (snap) => snap.connection === 'live');
  return running;
}

function rowOf(snap: ClusterSnapshot, name: string): StatusRow | undefined {
  return snap.kinds.get('Kustomization')?.rows.get(`Kustomization/flux-system/${name}`);
}

/** Lets the sim run `ms` of virtual time, then waits until the console shows Ready as the API has it. */
async function runFor(t: Running, name: string, ms: number): Promise<StatusRow> {
  await t.cluster.controllers.idle(ms);
  const raw = await getFlux(t.cluster, 'Kustomization', 'flux-system', name);
  const ltt = conditionOf(raw, 'Ready')?.lastTransitionTime;
  const snap = await waitForSnapshot(
    t.port,
    `${name} at Ready ${ltt}`,
    (s) => rowOf(s, name)?.lastTransitionTime === ltt,
  );
  return rowOf(snap, name) as StatusRow;
}

describe('FAILING FOR against the simulated controllers', () => {
  it('keeps growing across the retries and a requested reconcile of a Kustomization it saw fail', async () => {
    const t = await start();
    await waitForSnapshot(t.port, 'apps ready', (s) => rowOf(s, 'apps')?.ready === 'True');
    t.cluster.controllers.setFault(
      { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
      { reason: 'BuildFailed', message: 'kustomize build failed: invalid YAML', transient: false },
    );
    await t.port.mergePatch(
      { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
      reconcilePatch('t1'),
    );
    const first = await runFor(t, 'apps', 10_000);
    expect(first).toMatchObject({ ready: 'False', reason: 'BuildFailed', failingSinceLowerBound: false });
    const since = first.failingSince;
    const startedAt = Date.parse(since);

    // apps retries every interval (10m): Ready goes Unknown and False again each time.
    const transitions = new Set([first.lastTransitionTime]);
    let row = first;
    for (let i = 0; i < 2; i++) {
      row = await runFor(t, 'apps', 10 * MINUTE + 10_000);
      transitions.add(row.lastTransitionTime);
      expect(row).toMatchObject({ ready: 'False', failingSince: since, failingSinceLowerBound: false });
    }
    expect(transitions.size).toBe(3);

    // The console asks for a reconcile: another Unknown, another False; the streak goes on.
    await t.port.mergePatch(
      { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
      reconcilePatch('t2'),
    );
    row = await runFor(t, 'apps', 10_000);
    expect(row.lastHandledReconcileAt).toBe('t2');
    expect(row).toMatchObject({ failingSince: since, failingSinceLowerBound: false });
    const now = t.cluster.sim.clock.now();
    expect(now - startedAt).toBeGreaterThan(20 * MINUTE);
    // Past the threshold by the streak, though Ready's last transition is seconds old.
    expect(now - Date.parse(row.lastTransitionTime)).toBeLessThan(MINUTE);
    expect(countRows([row], now, THRESHOLD).alerting).toBe(1);
  });

  it("shows a failure already running when it started as a lower bound from the failure's events", async () => {
    // platform-config has failed since the bad commit 27 minutes ago and retries every 2 minutes: by the time
    // the console starts, Ready's lastTransitionTime is that of the latest retry.
    const t = await start(2 * MINUTE + 10_000);
    let row = await runFor(t, 'platform-config', 0);
    const now = t.cluster.sim.clock.now();
    expect(now - Date.parse(row.lastTransitionTime)).toBeLessThan(3 * MINUTE);
    expect(row.failingSinceLowerBound).toBe(true);
    const since = Date.parse(row.failingSince);
    expect(now - since).toBeGreaterThan(28 * MINUTE);
    expect(countRows([row], now, THRESHOLD).alerting).toBe(1);
    row = await runFor(t, 'platform-config', 2 * MINUTE + 10_000);
    expect(row).toMatchObject({ failingSinceLowerBound: true });
    expect(Date.parse(row.failingSince)).toBe(since);
  });
});
