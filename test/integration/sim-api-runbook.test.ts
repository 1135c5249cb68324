// The full simulator — runbook scenario and simulated controllers — through client-node: every Flux kind
// lists, the controllers' pods serve their JSON logs, and a reconcile request made over the API is
// handled by the controllers and seen through a watch.

import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../src/flux/kinds.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { until } from './sim-api-helpers.js';

interface Item {
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  status?: { lastHandledReconcileAt?: string; conditions?: { type: string; status: string }[] };
}

let sim: SimHandle;
let kc: KubeConfig;

beforeAll(async () => {
  sim = await startSim({ scenario: 'runbook', clock: 'virtual' });
  kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
});
afterAll(async () => {
  await sim?.stop();
});

describe('runbook scenario over the API', () => {
  it('lists every Flux kind, with the failing HelmRelease chain in place', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    for (const kind of KINDS) {
      const list = (await custom.listClusterCustomObject({
        group: kind.group,
        version: kind.versions[0] ?? '',
        plural: kind.plural,
      })) as {
        kind: string;
      };
      expect(list.kind).toBe(`${kind.kind}List`);
    }
    const releases = (await custom.listClusterCustomObject({
      group: 'helm.toolkit.fluxcd.io',
      version: 'v2',
      plural: 'helmreleases',
    })) as {
      items: Item[];
    };
    const names = releases.items.map((i) => i.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['istio-base', 'cert-manager', 'kyverno', 'velero']));
    const notReady = releases.items.filter((i) =>
      i.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'False'),
    );
    expect(notReady.length).toBeGreaterThan(0);
  });

  it('runs the Flux controllers as Deployments with pods whose logs are JSON lines', async () => {
    const deployments = await kc.makeApiClient(AppsV1Api).listNamespacedDeployment({
      namespace: 'flux-system',
      labelSelector: 'app.kubernetes.io/part-of=flux',
    });
    expect(deployments.items.map((d) => d.metadata?.name)).toEqual(
      expect.arrayContaining(['helm-controller', 'source-controller']),
    );
    const pods = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({ namespace: 'flux-system', labelSelector: 'app=helm-controller' });
    const pod = pods.items[0]?.metadata?.name ?? '';
    expect(pod).toMatch(/^helm-controller-/);
    const log = await kc
      .makeApiClient(CoreV1Api)
      .readNamespacedPodLog({ namespace: 'flux-system', name: pod, container: 'manager', tailLines: 5 });
    const lines = log.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('hands a reconcile request made over the API to the controllers, visible through a watch', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const group = 'source.toolkit.fluxcd.io';
    const target = (await custom.getNamespacedCustomObject({
      group,
      version: 'v1',
      plural: 'gitrepositories',
      namespace: 'flux-system',
      name: 'sre-platform',
    })) as Item;
    const seen: Item[] = [];
    const controller = await new Watch(kc).watch(
      '/apis/source.toolkit.fluxcd.io/v1/namespaces/flux-system/gitrepositories',
      { fieldSelector: 'metadata.name=sre-platform', resourceVersion: String(sim.store.resourceVersion) },
      (_type, object: Item) => seen.push(object),
      () => {},
    );
    const token = '2026-01-15T09:00:00.123456789Z';
    await custom.patchNamespacedCustomObject(
      {
        group,
        version: 'v1',
        plural: 'gitrepositories',
        namespace: target.metadata.namespace,
        name: target.metadata.name,
        body: { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    for (let i = 0; i < 20 && !seen.some((o) => o.status?.lastHandledReconcileAt === token); i++) {
      await sim.clock.advance(1_000);
    }
    await until(
      () => seen.some((o) => o.status?.lastHandledReconcileAt === token),
      5000,
      'the handled request',
    );
    controller.abort();
    // The watch showed the request first, then the controller's answer to it.
    const requested = seen.findIndex(
      (o) => o.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'] === token,
    );
    const handled = seen.findIndex((o) => o.status?.lastHandledReconcileAt === token);
    expect(requested).toBeGreaterThanOrEqual(0);
    expect(handled).toBeGreaterThanOrEqual(requested);
  });
});
