// The live tree (`t`) against a real API server: a Ready Kustomization whose inventory lists a ConfigMap and
// a Deployment that never became available (no controllers run here, so the test plays them), read through
// one label-selected watch per kind — the Deployment judged by kstatus from its real status, a ConfigMap
// deleted by hand turning NotFound from the watch alone, and the pods of the Deployment listed by its
// selector.
import { expect, it } from 'vitest';
import type { InventoryEntry } from '../../src/flux/inventory.js';
import type { ObjectRef } from '../../src/flux/types.js';
import type { InventoryReadout, PodSet } from '../../src/kube/port.js';
import { openConsole } from './support/console.js';
import { createFlux, minimalSpec, setConditions } from './support/flux.js';
import { realSuite } from './support/suite.js';

const apps: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const labels = {
  'kustomize.toolkit.fluxcd.io/name': 'apps',
  'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
};

function latest<T>(values: T[], ok: (v: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('condition not reached')), 20_000);
    const check = setInterval(() => {
      const last = values.at(-1);
      if (last !== undefined && ok(last)) {
        clearInterval(check);
        clearTimeout(deadline);
        resolve(last);
      }
    }, 20);
  });
}

realSuite('the live tree against a real API server', {}, (env) => {
  it('judges the objects of an inventory from label-selected watches, and sees a deletion live', async () => {
    const e = env();
    await e.ensureNamespace('shop');
    await e.request({
      method: 'POST',
      path: '/api/v1/namespaces/shop/configmaps',
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels }, data: { a: '1' } },
    });
    await e.request({
      method: 'POST',
      path: '/apis/apps/v1/namespaces/shop/deployments',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'cart', labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'cart' } },
          template: {
            metadata: { labels: { app: 'cart' } },
            spec: { containers: [{ name: 'cart', image: 'ghcr.io/acme/cart:1.0.0' }] },
          },
        },
      },
    });
    // The deployment controller's verdict, written as it would: observed, none of 2 available.
    await e.request({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/shop/deployments/cart/status',
      contentType: 'application/merge-patch+json',
      body: {
        status: {
          observedGeneration: 1,
          replicas: 2,
          updatedReplicas: 2,
          unavailableReplicas: 2,
          conditions: [
            {
              type: 'Available',
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
            },
          ],
        },
      },
    });
    await createFlux(e, apps, minimalSpec('Kustomization'));
    await setConditions(
      e,
      apps,
      [
        {
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: 'Applied revision: main@sha1:0123',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
      {
        inventory: {
          entries: [
            { id: 'shop_settings__ConfigMap', v: 'v1' },
            { id: 'shop_cart_apps_Deployment', v: 'v1' },
          ],
        },
      },
    );
    const port = await openConsole(e);
    try {
      const entries: InventoryEntry[] = [
        { namespace: 'shop', name: 'settings', group: '', kind: 'ConfigMap', version: 'v1' },
        { namespace: 'shop', name: 'cart', group: 'apps', kind: 'Deployment', version: 'v1' },
      ];
      const readouts: InventoryReadout[] = [];
      const stop = port.watchInventory?.(apps, entries, (r) => readouts.push(r));
      const status = (r: InventoryReadout, kind: string) =>
        r.items.find((i) => i.entry.kind === kind)?.health;
      try {
        const first = await latest(readouts, (r) => (r.loading ?? []).length === 0 && r.items.length === 2);
        expect(status(first, 'ConfigMap')?.status).toBe('Current');
        expect(status(first, 'Deployment')).toMatchObject({ status: 'InProgress' });
        await e.request({ method: 'DELETE', path: '/api/v1/namespaces/shop/configmaps/settings' });
        await latest(readouts, (r) => status(r, 'ConfigMap')?.status === 'NotFound');
      } finally {
        stop?.();
      }
      const sets: PodSet[] = [];
      const stopPods = port.watchPods?.('shop', 'app=cart', (s) => sets.push(s));
      try {
        const set = await latest(sets, (s) => s.state.phase === 'ready');
        // No kubelet and no ReplicaSet controller: the selector finds nothing, and says so honestly.
        expect(set.pods).toEqual([]);
      } finally {
        stopPods?.();
      }
    } finally {
      await port.close();
    }
  });
});
