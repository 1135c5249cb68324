// Degraded live against the simulator: the runbook's Ready apps Kustomization whose api Deployment is stuck
// on ImagePullBackOff, and the external-dns HelmRelease whose pods crash-loop, read from the workload
// watches; the row goes when the Deployment recovers; a managed Deployment deleted by hand is NotFound
// under its owner; narrowed to flux-system the workloads elsewhere are still judged; Deployments the user
// may not list make nothing NotFound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verdictWords } from '../../src/flux/transitions.js';
import { lookupRow } from '../../src/hooks/snapshot-rows.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort, ClusterSnapshot } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { CORE_RESOURCES } from '../../src/sim/resources.js';
import { isolatedEnv, waitForSnapshot } from './kube-helpers.js';

const APPS = 'Kustomization/flux-system/apps';
const DNS = 'HelmRelease/external-dns/external-dns';
const MIN = 60_000;

let sim: SimHandle;
let port: ClusterPort;

const open = (namespace?: string) =>
  createClusterPort({
    kubeconfigPath: sim.kubeconfigPath,
    env: isolatedEnv(),
    now: () => sim.clock.now(),
    ...(namespace ? { namespace } : {}),
  });

const verdict = (s: ClusterSnapshot, key: string) => s.workloads?.owners.get(key);
/** The transitions recorded of the two owners, as words. */
const changes = (s: ClusterSnapshot) =>
  s.transitions
    .filter((t) => t.key === APPS || t.key === DNS)
    .map(
      (t) => `${t.key} ${verdictWords(t.from)} → ${verdictWords(t.to)}${t.message ? `: ${t.message}` : ''}`,
    );

beforeAll(async () => {
  sim = await startSim({ scenario: 'runbook', clock: 'virtual', controllers: false });
  port = await open();
  await waitForSnapshot(port, 'live', (s) => s.connection === 'live');
});

afterAll(async () => {
  await port?.close();
  await sim?.stop();
});

describe('Degraded, live from the simulator', () => {
  it('a Ready Kustomization and a Ready HelmRelease whose workloads are not read Degraded, with the cause and since when', async () => {
    // Degraded once the pods say why (before, the Deployment is a rollout within its progress deadline).
    const s = await waitForSnapshot(
      port,
      'both verdicts',
      (x) =>
        verdict(x, APPS)?.degraded === true &&
        verdict(x, DNS)?.message.startsWith('CrashLoopBackOff') === true,
    );
    expect(lookupRow(s, APPS)).toMatchObject({
      ready: 'True',
      health: 'Degraded',
      message: 'ImagePullBackOff: Deployment apps/api — 1 of 1 managed workload not ready',
      failingSince: new Date(sim.clock.now() - 6 * MIN).toISOString(),
      failingSinceLowerBound: false,
    });
    expect(lookupRow(s, DNS)).toMatchObject({
      health: 'Degraded',
      message: 'CrashLoopBackOff: Deployment external-dns/external-dns — 1 of 1 managed workload not ready',
    });
    // What kstatus and the workload watches say of every other owner: nothing to lay over.
    expect([...(s.workloads?.owners.keys() ?? [])].sort()).toEqual([DNS, APPS].sort());
    // Degraded before this console started (it waited for the pods' reasons): not a change it saw.
    expect(changes(s)).toEqual([]);
  });

  it('the api Deployment rolled out: the row is Ready again', async () => {
    sim.store.mutate(CORE_RESOURCES.deployments, 'apps', 'api', (d) => {
      const status = d['status'] as Record<string, unknown>;
      d['status'] = {
        ...status,
        readyReplicas: 2,
        availableReplicas: 2,
        unavailableReplicas: undefined,
        conditions: [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
        ],
      };
    });
    const s = await waitForSnapshot(port, 'apps recovered', (x) => !verdict(x, APPS));
    expect(lookupRow(s, APPS)).toMatchObject({
      health: 'Ready',
      message: expect.stringMatching(/^Applied revision/),
    });
    expect(verdict(s, DNS)?.degraded).toBe(true);
    expect(changes(s)).toEqual([`${APPS} Degraded → Ready`]);
  });

  it('a managed Deployment deleted by hand is NotFound under its owner, since it went', async () => {
    const goneAt = sim.clock.now();
    sim.store.delete(CORE_RESOURCES.deployments, 'apps', 'api');
    const s = await waitForSnapshot(
      port,
      'api NotFound',
      (x) => verdict(x, APPS)?.message.includes('NotFound') === true,
    );
    expect(lookupRow(s, APPS)).toMatchObject({
      health: 'Degraded',
      message: 'NotFound (deleted?): Deployment apps/api — 1 of 1 managed workload not ready',
      failingSince: new Date(goneAt).toISOString(),
      failingSinceLowerBound: false,
    });
    expect(changes(s).at(-1)).toBe(
      `${APPS} Ready → Degraded: NotFound (deleted?): Deployment apps/api — 1 of 1 managed workload not ready`,
    );
  });

  it('narrowed to flux-system, what its Kustomizations applied in other namespaces is still judged', async () => {
    port.setNamespace('flux-system');
    const s = await waitForSnapshot(
      port,
      'apps judged in flux-system',
      (x) => !!verdict(x, APPS) && lookupRow(x, DNS) === undefined,
    );
    expect(lookupRow(s, APPS)?.health).toBe('Degraded');
    expect(s.workloads?.watches.every((w) => w.state.phase === 'ready')).toBe(true);
    port.setNamespace(undefined);
    await waitForSnapshot(port, 'all namespaces again', (x) => !!verdict(x, DNS));
  });
});

describe('Degraded when workloads may not be read', () => {
  it('Deployments forbidden everywhere: the watches say so, and nothing is NotFound', async () => {
    const allow = sim.faults.deny({ resource: 'deployments' });
    const denied = await open();
    try {
      const s = await waitForSnapshot(
        denied,
        'deployments forbidden',
        (x) =>
          x.connection === 'live' &&
          (x.workloads?.watches.filter((w) => w.kind === 'Deployment' && w.state.phase === 'forbidden')
            .length ?? 0) === 2,
      );
      expect(s.workloads?.owners.size).toBe(0);
      expect(lookupRow(s, APPS)?.health).toBe('Ready');
    } finally {
      allow();
      await denied.close();
    }
  });

  it('allowed only in one namespace: narrowed there, the watches fall back to it', async () => {
    const allow = sim.faults.deny({ resource: 'deployments', exceptNamespace: 'external-dns' });
    const narrow = await open('external-dns');
    try {
      const s = await waitForSnapshot(
        narrow,
        'external-dns judged',
        (x) => verdict(x, DNS)?.message.startsWith('CrashLoopBackOff') === true,
      );
      expect(lookupRow(s, DNS)?.message).toBe(
        'CrashLoopBackOff: Deployment external-dns/external-dns — 1 of 1 managed workload not ready',
      );
      expect(
        s.workloads?.watches.find((w) => w.kind === 'Deployment' && w.owner === 'HelmRelease')?.state.phase,
      ).toBe('ready');
    } finally {
      allow();
      await narrow.close();
    }
  });
});
