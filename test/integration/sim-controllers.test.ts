// The simulated Flux controllers through the simulator's HTTPS API (client-node), on a virtual clock:
// reconcile requests, suspend and resume, new objects, restarts of controller pods.
import { afterEach, describe, expect, it } from 'vitest';
import { parseLogLine } from '../../src/flux/logs.js';
import { field } from '../../src/flux/narrow.js';
import {
  conditionOf,
  controllerLog,
  getFlux,
  patchFlux,
  requestReconcile,
  settle,
  startRunbook,
  type TestCluster,
} from './sim-controllers-support.js';

let t: TestCluster | undefined;
afterEach(async () => {
  await t?.sim.stop();
  t = undefined;
});

describe('simulated controllers', () => {
  it('handles a reconcile request: lastHandledReconcileAt is the token, Ready, an event and a log line', async () => {
    t = await startRunbook();
    const before = await controllerLog(t, 'kustomize-controller');
    const token = await requestReconcile(t, 'Kustomization', 'flux-system', 'apps');
    await settle(t);
    const apps = await getFlux(t, 'Kustomization', 'flux-system', 'apps');
    expect(field(apps, 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(field(apps, 'status', 'observedGeneration')).toBe(field(apps, 'metadata', 'generation'));
    expect(conditionOf(apps, 'Ready')).toMatchObject({ status: 'True', reason: 'ReconciliationSucceeded' });
    expect(conditionOf(apps, 'Ready')?.message).toMatch(/^Applied revision: main@sha1:[0-9a-f]{40}$/);
    expect(conditionOf(apps, 'Reconciling')).toBeUndefined();

    const events = await t.core.listNamespacedEvent({
      namespace: 'flux-system',
      fieldSelector: 'involvedObject.name=apps',
    });
    const latest = events.items
      .filter((e) => e.involvedObject.kind === 'Kustomization')
      .sort((a, b) => Date.parse(String(b.lastTimestamp)) - Date.parse(String(a.lastTimestamp)))[0];
    expect(latest?.message).toMatch(/^Reconciliation finished in .+, next run in 10m0s$/);
    expect(latest).toMatchObject({
      type: 'Normal',
      reason: 'ReconciliationSucceeded',
      source: { component: 'kustomize-controller' },
    });
    expect(Date.parse(String(latest?.lastTimestamp))).toBeGreaterThanOrEqual(Date.parse(token) - 1000);

    const added = (await controllerLog(t, 'kustomize-controller')).slice(before.length).map(parseLogLine);
    expect(added).toContainEqual(
      expect.objectContaining({
        kind: 'Kustomization',
        name: 'apps',
        namespace: 'flux-system',
        level: 'info',
      }),
    );
    expect(added.find((l) => l.name === 'apps')?.message).toMatch(
      /^Reconciliation finished in .+, next run in 10m0s$/,
    );
  });

  it('ignores requests while suspended, and reconciles again on resume', async () => {
    t = await startRunbook();
    await patchFlux(t, 'Kustomization', 'flux-system', 'infrastructure', { spec: { suspend: true } });
    await settle(t);
    const ignored = await requestReconcile(t, 'Kustomization', 'flux-system', 'infrastructure');
    await settle(t, 60_000);
    const suspended = await getFlux(t, 'Kustomization', 'flux-system', 'infrastructure');
    expect(field(suspended, 'status', 'lastHandledReconcileAt')).not.toBe(ignored);
    expect(field(suspended, 'status', 'observedGeneration')).toBe(1);
    expect(field(suspended, 'metadata', 'generation')).toBe(2);

    const token = await requestReconcile(t, 'Kustomization', 'flux-system', 'infrastructure', {
      spec: { suspend: false },
    });
    await settle(t);
    const resumed = await getFlux(t, 'Kustomization', 'flux-system', 'infrastructure');
    expect(field(resumed, 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(field(resumed, 'status', 'observedGeneration')).toBe(3);
    expect(conditionOf(resumed, 'Ready')).toMatchObject({ status: 'True', observedGeneration: 3 });
  });

  it('shows Reconciling and Ready=Unknown while an attempt runs, then the outcome', async () => {
    t = await startRunbook();
    await requestReconcile(t, 'Kustomization', 'flux-system', 'apps');
    await requestReconcile(t, 'GitRepository', 'flux-system', 'sre-platform');
    await new Promise((resolve) => setImmediate(resolve));
    // kustomize-controller marks Ready Unknown before it builds, whatever Ready said.
    const apps = await getFlux(t, 'Kustomization', 'flux-system', 'apps');
    expect(conditionOf(apps, 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'Progressing',
      message: 'Reconciliation in progress',
    });
    expect(conditionOf(apps, 'Reconciling')).toMatchObject({ status: 'True', reason: 'Progressing' });
    expect(conditionOf(apps, 'Reconciling')?.message).toMatch(/^Fetching manifests for revision main@sha1:/);
    // source-controller only marks Reconciling when there is no new upstream revision: Ready stays True.
    const running = await getFlux(t, 'GitRepository', 'flux-system', 'sre-platform');
    expect(conditionOf(running, 'Ready')).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(conditionOf(running, 'Reconciling')).toMatchObject({
      status: 'True',
      reason: 'Progressing',
      message: 'reconciliation in progress',
    });
    await settle(t);
    for (const [kind, name, reason] of [
      ['GitRepository', 'sre-platform', 'Succeeded'],
      ['Kustomization', 'apps', 'ReconciliationSucceeded'],
    ] as const) {
      const done = await getFlux(t, kind, 'flux-system', name);
      expect(conditionOf(done, 'Ready')).toMatchObject({ status: 'True', reason });
      expect(conditionOf(done, 'Reconciling')).toBeUndefined();
    }
  });

  it("marks a failing Kustomization's Ready Unknown on every retry, so its lastTransitionTime moves each time", async () => {
    t = await startRunbook();
    const seen: string[] = [];
    let last = '';
    for (let i = 0; i < 3; i++) {
      // platform-config retries every 2m (spec.retryInterval); its attempt takes a few seconds.
      await settle(t, 2 * 60_000 + 5_000);
      const ks = await getFlux(t, 'Kustomization', 'flux-system', 'platform-config');
      const ready = conditionOf(ks, 'Ready');
      expect(ready).toMatchObject({ status: 'False', reason: 'BuildFailed' });
      expect(conditionOf(ks, 'Reconciling')).toMatchObject({
        status: 'True',
        reason: 'ProgressingWithRetry',
      });
      expect(ready?.lastTransitionTime).not.toBe(last);
      last = ready?.lastTransitionTime ?? '';
      seen.push(last);
    }
    // Each retry's False is newer than the last: Ready went Unknown in between.
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(3);
  });

  it('reconciles a new HelmRelease: creates its HelmChart, installs the release, reports it', async () => {
    t = await startRunbook();
    const info = {
      group: 'helm.toolkit.fluxcd.io',
      version: 'v2',
      namespace: 'apps',
      plural: 'helmreleases',
    };
    await t.custom.createNamespacedCustomObject({
      ...info,
      body: {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: 'redis', namespace: 'apps' },
        spec: {
          interval: '10m',
          chart: {
            spec: {
              chart: 'podinfo',
              version: '6.7.1',
              sourceRef: { kind: 'HelmRepository', name: 'podinfo', namespace: 'flux-system' },
            },
          },
          values: { replicaCount: 1 },
        },
      },
    });
    await settle(t, 10_000);
    const chart = await getFlux(t, 'HelmChart', 'flux-system', 'apps-redis');
    expect(field(chart, 'status', 'artifact', 'revision')).toBe('6.7.1');
    const hr = await getFlux(t, 'HelmRelease', 'apps', 'redis');
    expect(conditionOf(hr, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'InstallSucceeded',
      message: 'Helm install succeeded for release apps/redis.v1 with chart podinfo@6.7.1',
    });
    expect(field(hr, 'status', 'helmChart')).toBe('flux-system/apps-redis');
    expect((field(hr, 'status', 'history') as { version: number; status: string }[])[0]).toMatchObject({
      version: 1,
      status: 'deployed',
      chartVersion: '6.7.1',
    });
    const secret = await t.core.readNamespacedSecret({
      namespace: 'apps',
      name: 'sh.helm.release.v1.redis.v1',
    });
    expect(secret.metadata?.labels).toMatchObject({
      owner: 'helm',
      name: 'redis',
      status: 'deployed',
      version: '1',
    });
  });

  it('installs a HelmRelease whose chart comes from an OCIRepository (spec.chartRef)', async () => {
    t = await startRunbook();
    const create = (plural: string, group: string, version: string, body: Record<string, unknown>) =>
      t?.custom.createNamespacedCustomObject({ group, version, namespace: 'apps', plural, body });
    await create('ocirepositories', 'source.toolkit.fluxcd.io', 'v1', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'podinfo-chart', namespace: 'apps' },
      spec: { interval: '10m', url: 'oci://ghcr.io/stefanprodan/charts/podinfo', ref: { tag: '6.7.1' } },
    });
    await create('helmreleases', 'helm.toolkit.fluxcd.io', 'v2', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo-oci', namespace: 'apps' },
      spec: { interval: '10m', chartRef: { kind: 'OCIRepository', name: 'podinfo-chart' } },
    });
    await settle(t, 10_000);
    const oci = await getFlux(t, 'OCIRepository', 'apps', 'podinfo-chart');
    expect(field(oci, 'status', 'artifact', 'revision')).toMatch(/^6\.7\.1@sha256:[0-9a-f]{64}$/);
    const hr = await getFlux(t, 'HelmRelease', 'apps', 'podinfo-oci');
    expect(conditionOf(hr, 'Ready')).toMatchObject({
      status: 'True',
      message: 'Helm install succeeded for release apps/podinfo-oci.v1 with chart podinfo@6.7.1',
    });
    expect(field(hr, 'status', 'lastAttemptedRevision')).toMatch(/^6\.7\.1\+[0-9a-f]{12}$/);
  });

  it('restarts a controller container (old log ends, a new one starts) and replaces a pod (new name, Deployment ready again)', async () => {
    t = await startRunbook();
    const pods = async () =>
      (
        await t?.core.listNamespacedPod({
          namespace: 'flux-system',
          labelSelector: 'app=kustomize-controller',
        })
      )?.items ?? [];
    const [pod] = await pods();
    t.controllers.restartPod('kustomize-controller', 'container');
    const [restarted] = await pods();
    expect(restarted?.metadata?.name).toBe(pod?.metadata?.name);
    expect(restarted?.status?.containerStatuses?.[0]?.restartCount).toBe(1);
    expect(restarted?.status?.containerStatuses?.[0]?.lastState?.terminated?.reason).toBe('Error');
    const fresh = await controllerLog(t, 'kustomize-controller');
    expect(parseLogLine(fresh[0] ?? '').message).toBe('starting manager');
    expect((await controllerLog(t, 'kustomize-controller', true)).length).toBeGreaterThan(fresh.length);

    t.controllers.restartPod('kustomize-controller', 'replace');
    const replaced = await pods();
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.metadata?.name).not.toBe(pod?.metadata?.name);
    expect(replaced[0]?.status?.phase).toBe('Pending');
    await t.sim.clock.advance(3000);
    const ready = await pods();
    expect(ready[0]?.status?.phase).toBe('Running');
    const deployment = await t.kc
      .makeApiClient((await import('@kubernetes/client-node')).AppsV1Api)
      .readNamespacedDeployment({ namespace: 'flux-system', name: 'kustomize-controller' });
    expect(deployment.status?.readyReplicas).toBe(1);
    await requestReconcile(t, 'Kustomization', 'flux-system', 'apps');
    await settle(t);
    expect(
      (await controllerLog(t, 'kustomize-controller')).map(parseLogLine).some((l) => l.name === 'apps'),
    ).toBe(true);
  });

  it('brings back a controller pod deleted through the API, as its ReplicaSet would', async () => {
    t = await startRunbook();
    const list = async () =>
      (await t?.core.listNamespacedPod({ namespace: 'flux-system', labelSelector: 'app=source-controller' }))
        ?.items ?? [];
    const [pod] = await list();
    await t.core.deleteNamespacedPod({ namespace: 'flux-system', name: pod?.metadata?.name ?? '' });
    await t.sim.clock.advance(3000);
    const after = await list();
    expect(after).toHaveLength(1);
    expect(after[0]?.metadata?.name).not.toBe(pod?.metadata?.name);
    expect(after[0]?.metadata?.name).toMatch(/^source-controller-[a-z0-9]+-[a-z0-9]{5}$/);
  });
});
