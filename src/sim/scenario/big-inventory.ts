// `fluxdeck sim --inventory N`: one Ready Kustomization, flux-system/big-inventory, that applied N objects
// in namespace big-inventory — ConfigMaps, Services, ServiceAccounts and Deployments (each with its
// ReplicaSet and a running pod) in the proportions of a large application — created as the controller
// creates them (src/sim/managed-objects.ts). For the bench: the tree of a 2,000-object Kustomization.
import { applyManagedObjects, enableManagedObjects } from '../managed-objects.js';
import type { SimContext } from '../types.js';
import { conditions, createFlux } from './builders.js';

export const BIG_INVENTORY = { namespace: 'flux-system', name: 'big-inventory', target: 'big-inventory' };

const MIX: readonly { readonly id: (i: number) => string; readonly share: number }[] = [
  { id: (i) => `${BIG_INVENTORY.target}_settings-${i}__ConfigMap`, share: 0.4 },
  { id: (i) => `${BIG_INVENTORY.target}_svc-${i}__Service`, share: 0.25 },
  { id: (i) => `${BIG_INVENTORY.target}_sa-${i}__ServiceAccount`, share: 0.15 },
  { id: (i) => `${BIG_INVENTORY.target}_worker-${i}_apps_Deployment`, share: 0.2 },
];

export function seedBigInventory(ctx: SimContext, count: number): void {
  const at = ctx.clock.now() - 60 * 60 * 1000;
  const ids = [`_${BIG_INVENTORY.target}__Namespace`];
  for (const { id, share } of MIX) {
    const n = Math.round(count * share);
    for (let i = 0; i < n && ids.length < count; i++) ids.push(id(i));
  }
  const revision = 'main@sha1:2b1d0c3f7e0a4b5c6d7e8f90a1b2c3d4e5f60718';
  createFlux(ctx, 'Kustomization', BIG_INVENTORY.namespace, BIG_INVENTORY.name, {
    createdAt: at,
    spec: {
      interval: '10m',
      path: './big',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      targetNamespace: BIG_INVENTORY.target,
    },
    status: {
      observedGeneration: 1,
      lastAppliedRevision: revision,
      lastAttemptedRevision: revision,
      inventory: { entries: ids.map((id) => ({ id, v: 'v1' })) },
      conditions: conditions(1, [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: `Applied revision: ${revision}`,
          since: at,
        },
      ]),
    },
  });
  enableManagedObjects(ctx);
  applyManagedObjects(
    ctx,
    { kind: 'Kustomization', namespace: BIG_INVENTORY.namespace, name: BIG_INVENTORY.name },
    ids,
    { at, replicas: 1 },
  );
}
