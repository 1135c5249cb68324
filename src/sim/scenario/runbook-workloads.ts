// What the runbook's Kustomizations and HelmReleases applied, created as objects (src/sim/managed-objects.ts),
// with two workloads unhealthy under Flux objects that report Ready — the case `flux get` misses: the `api`
// Deployment of the `apps` Kustomization stuck on ImagePullBackOff after a bad tag, and external-dns (a
// HelmRelease) crash-looping on expired DNS provider credentials.
import { kindInfo } from '../../flux/kinds.js';
import {
  applyManagedObjects,
  enableManagedObjects,
  helmManagedIds,
  type Manager,
  type WorkloadHealth,
} from '../managed-objects.js';
import { resourceIdOf } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import { MINUTE } from './builders.js';
import type { Timeline } from './timeline.js';

export const API_BAD_IMAGE = 'ghcr.io/acme/api:1.4.3-rc';
export const API_DEPLOYMENT = { namespace: 'apps', name: 'api' } as const;
export const CRASHING_RELEASE = { namespace: 'external-dns', name: 'external-dns' } as const;

function inventoryIds(object: SimObject): string[] {
  const entries = (object as { status?: { inventory?: { entries?: unknown } } }).status?.inventory?.entries;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e) => (typeof e?.id === 'string' ? [e.id as string] : []));
}

const managerOf = (kind: Manager['kind'], o: SimObject): Manager => ({
  kind,
  namespace: o.metadata.namespace ?? 'default',
  name: o.metadata.name,
});

export function seedRunbookWorkloads(ctx: SimContext, t: Timeline): void {
  enableManagedObjects(ctx);
  const health = new Map<string, WorkloadHealth>([
    [
      `${API_DEPLOYMENT.namespace}/${API_DEPLOYMENT.name}`,
      { state: 'image-pull-backoff', image: API_BAD_IMAGE, since: t.ago(6 * MINUTE) },
    ],
    [
      `${CRASHING_RELEASE.namespace}/${CRASHING_RELEASE.name}`,
      { state: 'crash-loop', restarts: 14, since: t.ago(52 * MINUTE) },
    ],
  ]);
  for (const ks of ctx.store.list(resourceIdOf(kindInfo('Kustomization')))) {
    const at = Date.parse(ks.metadata.creationTimestamp) || t.installed;
    applyManagedObjects(ctx, managerOf('Kustomization', ks), inventoryIds(ks), { at, health, replicas: 2 });
  }
  for (const hr of ctx.store.list(resourceIdOf(kindInfo('HelmRelease')))) {
    const at = Date.parse(hr.metadata.creationTimestamp) || t.installed;
    applyManagedObjects(ctx, managerOf('HelmRelease', hr), helmManagedIds(hr), { at, health });
  }
}
