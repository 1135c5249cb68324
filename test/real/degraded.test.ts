// Degraded on a real API server. The harness plays the controllers: kustomize-controller (a Ready
// Kustomization whose inventory lists a Deployment, which it created with Flux's labels), the Deployment
// controller (a status that says not available) and the kubelet (a pod waiting on ImagePullBackOff). No
// controller-manager runs, so every status is written through the status subresource. The console's workload
// watches see it Degraded with the reason; the Deployment recovering takes it off; deleting it makes it
// NotFound; the namespace viewer, who may not list Deployments, sees no false NotFound and is told why.
import { expect, it } from 'vitest';
import type { IncidentReport } from '../../src/flux/report.js';
import { lookupRow } from '../../src/hooks/snapshot-rows.js';
import type { ClusterSnapshot } from '../../src/kube/port.js';
import { runCli } from './support/cli.js';
import { openConsole, waitForSnapshot } from './support/console.js';
import type { Envtest } from './support/envtest.js';
import { VIEWER_NAMESPACE } from './support/envtest.js';
import { createFlux, setConditions } from './support/flux.js';
import { realSuite } from './support/suite.js';

const NS = VIEWER_NAMESPACE;
const KS = { kind: 'Kustomization' as const, namespace: NS, name: 'shop' };
const KEY = `Kustomization/${NS}/shop`;
const DEPLOYMENTS = `/apis/apps/v1/namespaces/${NS}/deployments`;
const MIN = 60_000;
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const verdict = (s: ClusterSnapshot) => s.workloads?.owners.get(KEY);

const FLUX_LABELS = {
  'kustomize.toolkit.fluxcd.io/name': 'shop',
  'kustomize.toolkit.fluxcd.io/namespace': NS,
};

/** What the Deployment controller writes of cart's two replicas, `ready` of them available. */
async function cartStatus(env: Envtest, ready: number, conditions: readonly Record<string, unknown>[]) {
  await env.request({
    method: 'PATCH',
    path: `${DEPLOYMENTS}/cart/status`,
    contentType: 'application/merge-patch+json',
    body: {
      status: {
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        readyReplicas: ready,
        availableReplicas: ready,
        unavailableReplicas: ready < 2 ? 2 - ready : null,
        conditions,
      },
    },
  });
}

/** kustomize-controller's apply: the Deployment, labelled; then its Ready status with the inventory. */
async function applyShop(env: Envtest, stuckSince: number): Promise<void> {
  await env
    .request({
      method: 'POST',
      path: `/api/v1/namespaces/${NS}/serviceaccounts`,
      body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: NS } },
    })
    .catch(() => undefined);
  await env.request({
    method: 'POST',
    path: DEPLOYMENTS,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cart', namespace: NS, labels: { app: 'cart', ...FLUX_LABELS } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'cart' } },
        template: {
          metadata: { labels: { app: 'cart' } },
          spec: { containers: [{ name: 'cart', image: 'ghcr.io/acme/cart:2.0.0-typo' }] },
        },
      },
    },
  });
  // The Deployment controller: the new ReplicaSet's pods never become ready.
  await cartStatus(env, 0, [
    {
      type: 'Available',
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
      lastUpdateTime: iso(stuckSince),
      lastTransitionTime: iso(stuckSince),
    },
    {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: 'ReplicaSet "cart-5d4f" is progressing.',
      lastUpdateTime: iso(stuckSince),
      lastTransitionTime: iso(stuckSince),
    },
  ]);
  // The kubelet: the pod waits on its image.
  await env.request({
    method: 'POST',
    path: `/api/v1/namespaces/${NS}/pods`,
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'cart-5d4f-abcde',
        namespace: NS,
        labels: { app: 'cart', 'pod-template-hash': '5d4f' },
      },
      spec: { containers: [{ name: 'cart', image: 'ghcr.io/acme/cart:2.0.0-typo' }] },
    },
  });
  await env.request({
    method: 'PATCH',
    path: `/api/v1/namespaces/${NS}/pods/cart-5d4f-abcde/status`,
    contentType: 'application/merge-patch+json',
    body: {
      status: {
        phase: 'Pending',
        conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: iso(stuckSince) }],
        containerStatuses: [
          {
            name: 'cart',
            image: 'ghcr.io/acme/cart:2.0.0-typo',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } },
          },
        ],
      },
    },
  });
  await createFlux(env, KS);
  await setConditions(
    env,
    KS,
    [
      {
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: 'Applied revision: main@sha1:0a1b2c3d',
        lastTransitionTime: iso(stuckSince - 5 * MIN),
      },
    ],
    {
      lastAppliedRevision: 'main@sha1:0a1b2c3d',
      inventory: { entries: [{ id: `${NS}_cart_apps_Deployment`, v: 'v1' }] },
    },
  );
}

realSuite('Degraded on a real API server', {}, (env) => {
  const stuckSince = Date.now() - 7 * MIN;

  it('a Ready Kustomization whose Deployment is not available reads Degraded, with the pods’ reason, since the Deployment said so', async () => {
    await applyShop(env(), stuckSince);
    const port = await openConsole(env(), 'admin');
    try {
      const s = await waitForSnapshot(
        port,
        'shop Degraded',
        (x) => verdict(x)?.message.startsWith('ImagePullBackOff') === true,
      );
      expect(lookupRow(s, KEY)).toMatchObject({
        ready: 'True',
        health: 'Degraded',
        message: 'ImagePullBackOff: Deployment team-a/cart — 1 of 1 managed workload not ready',
        failingSince: new Date(Math.floor(stuckSince / 1000) * 1000).toISOString(),
        failingSinceLowerBound: false,
      });

      // `fluxdeck report` judges the workloads as the console does, in one pass (the built CLI).
      const report = runCli(env(), 'report', ['-o', 'json'], 'admin');
      expect(report.code).toBe(0);
      const doc = JSON.parse(report.stdout) as IncidentReport;
      expect(doc.failing.find((f) => f.object === KEY)).toMatchObject({
        status: 'Degraded',
        reason: 'ImagePullBackOff',
        message: 'ImagePullBackOff: Deployment team-a/cart — 1 of 1 managed workload not ready',
      });
      expect(doc.rootCauses.find((r) => r.object === KEY)?.status).toBe('Degraded');
      expect(doc.summary.degraded).toBe(1);

      // The Deployment controller again: rolled out.
      await cartStatus(env(), 2, [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          lastTransitionTime: iso(Date.now()),
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          lastTransitionTime: iso(Date.now()),
        },
      ]);
      const ok = await waitForSnapshot(port, 'shop Ready again', (x) => !verdict(x));
      expect(lookupRow(ok, KEY)?.health).toBe('Ready');

      // Deleted by hand: the inventory still lists it.
      await env().request({ method: 'DELETE', path: `${DEPLOYMENTS}/cart` });
      const gone = await waitForSnapshot(
        port,
        'cart NotFound',
        (x) => verdict(x)?.message.includes('NotFound') === true,
      );
      expect(lookupRow(gone, KEY)).toMatchObject({
        health: 'Degraded',
        message: 'NotFound (deleted?): Deployment team-a/cart — 1 of 1 managed workload not ready',
        failingSinceLowerBound: false,
      });
    } finally {
      await port.close();
    }
  });

  it('the namespace viewer may not list Deployments: told so, and no false NotFound', async () => {
    const port = await openConsole(env(), 'viewer', { namespace: NS });
    try {
      const s = await waitForSnapshot(
        port,
        'the viewer’s workload watches forbidden',
        (x) =>
          lookupRow(x, KEY) !== undefined &&
          (x.workloads?.watches.length ?? 0) === 6 &&
          x.workloads?.watches.every((w) => w.state.phase === 'forbidden') === true,
        60_000,
      );
      expect(verdict(s)).toBeUndefined();
      expect(lookupRow(s, KEY)?.health).toBe('Ready');
    } finally {
      await port.close();
    }
  });
});
