// The inventory of a Kustomization and a HelmRelease read live from the simulator: one LIST per kind with
// Flux's labels, every object judged by kstatus — the api Deployment stuck on ImagePullBackOff under the
// Ready apps Kustomization — objects deleted by hand NotFound, kinds not served or forbidden Unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInventory } from '../../src/flux/inventory.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort } from '../../src/kube/port.js';
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

const apps = { kind: 'Kustomization' as const, namespace: 'flux-system', name: 'apps' };
const appsEntries = () => readInventory(sim.store.get(resourceId('Kustomization'), 'flux-system', 'apps'));
const statusOf = (items: Awaited<ReturnType<NonNullable<ClusterPort['inventoryObjects']>>>['items']) =>
  Object.fromEntries(items.map((i) => [`${i.entry.kind} ${i.entry.namespace}/${i.entry.name}`, i.health]));

describe('inventory objects through the port', () => {
  it('judges every object of the apps Kustomization, with one LIST per kind', async () => {
    const entries = appsEntries();
    const kinds = new Set(entries.map((e) => `${e.group}/${e.kind}`)).size;
    const readout = await port.inventoryObjects?.(apps, entries);
    const health = statusOf(readout?.items ?? []);
    expect(health['Deployment apps/api']).toMatchObject({ status: 'InProgress' });
    const api = readout?.items.find((i) => i.entry.kind === 'Deployment' && i.entry.name === 'api');
    expect(api?.cause).toMatchObject({ reason: 'ImagePullBackOff', pod: expect.stringMatching(/^api-/) });
    expect(health['Service apps/api']?.status).toBe('Current');
    expect(health['ConfigMap apps/api']?.status).toBe('Current');
    expect(health['HelmRelease apps/podinfo']?.status).toBe('InProgress');
    // The apps Namespace predates Flux's labels: found by the one unselected LIST of Namespaces.
    expect(health['Namespace /apps']?.status).toBe('Current');
    // One LIST per kind, one more for Namespaces, one for the pods of the one workload not ready.
    expect(readout?.lists).toBeLessThanOrEqual(kinds + 2);
  });

  it('reports a HelmRelease’s crash-looping workload from its inventory', async () => {
    const hr = sim.store.get(resourceId('HelmRelease'), 'external-dns', 'external-dns');
    const readout = await port.inventoryObjects?.(
      { kind: 'HelmRelease', namespace: 'external-dns', name: 'external-dns' },
      readInventory(hr),
    );
    const health = statusOf(readout?.items ?? []);
    expect(health['Deployment external-dns/external-dns']).toMatchObject({ status: 'InProgress' });
    const deployment = readout?.items.find((i) => i.entry.kind === 'Deployment');
    expect(deployment?.cause?.reason).toBe('CrashLoopBackOff');
    expect(health['ServiceAccount external-dns/external-dns']?.status).toBe('Current');
  });

  it('shows an object deleted by hand as NotFound and a kind the server does not serve as Unknown', async () => {
    sim.store.delete(CORE_RESOURCES.configmaps, 'apps', 'api');
    const entries = [
      ...appsEntries(),
      {
        namespace: 'apps',
        name: 'api',
        group: 'monitoring.coreos.com',
        kind: 'ServiceMonitor',
        version: 'v1',
      },
    ];
    const health = statusOf((await port.inventoryObjects?.(apps, entries))?.items ?? []);
    expect(health['ConfigMap apps/api']?.status).toBe('NotFound');
    expect(health['ServiceMonitor apps/api']).toMatchObject({
      status: 'Unknown',
      message: expect.stringContaining('monitoring.coreos.com/v1'),
    });
    expect(health['Deployment apps/api']?.status).toBe('InProgress');
  });

  it('says a kind could not be read when listing it is forbidden, and judges the rest', async () => {
    const allow = sim.faults.deny({ verb: 'list', resource: 'deployments' });
    try {
      const health = statusOf((await port.inventoryObjects?.(apps, appsEntries()))?.items ?? []);
      expect(health['Deployment apps/api']).toMatchObject({
        status: 'Unknown',
        message: expect.stringMatching(/forbidden|cannot list/i),
      });
      expect(health['Service apps/api']?.status).toBe('Current');
    } finally {
      allow();
    }
  });
});
