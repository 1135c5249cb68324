// Helpers for seeding objects that look as if the controllers had been running for weeks: backdated
// creation times and conditions, Flux's finalizer, the kustomize-controller ownership labels.
import { type KindName, kindInfo } from '../../flux/kinds.js';
import { FLUX_FINALIZER } from '../controllers/contract.js';
import { CORE_RESOURCES, resourceIdOf } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** RFC 3339 with seconds, as the API server writes metav1.Time. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export interface Cond {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  /** ms */
  readonly since: number;
}

export function conditions(generation: number, list: readonly Cond[]) {
  return list.map((c) => ({
    type: c.type,
    status: c.status,
    observedGeneration: generation,
    lastTransitionTime: isoSeconds(c.since),
    reason: c.reason,
    message: c.message,
  }));
}

export function apiVersionOf(ctx: SimContext, kind: KindName): string {
  const info = kindInfo(kind);
  const version = ctx.fluxVersions === 'legacy' ? info.legacyVersions[0] : info.versions[0];
  return `${info.group}/${version ?? info.versions[0]}`;
}

export interface FluxSeed {
  readonly spec: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
  readonly createdAt: number;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  /** Applied by this Kustomization (flux-system/<name>): adds kustomize-controller's ownership labels. */
  readonly appliedBy?: string;
}

export function createFlux(
  ctx: SimContext,
  kind: KindName,
  namespace: string,
  name: string,
  seed: FluxSeed,
): SimObject {
  const labels = {
    ...(seed.appliedBy
      ? {
          'kustomize.toolkit.fluxcd.io/name': seed.appliedBy,
          'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
        }
      : {}),
    ...seed.labels,
  };
  return ctx.store.create(resourceIdOf(kindInfo(kind)), {
    apiVersion: apiVersionOf(ctx, kind),
    kind,
    metadata: {
      name,
      namespace,
      creationTimestamp: isoSeconds(seed.createdAt),
      finalizers: [FLUX_FINALIZER],
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(seed.annotations ? { annotations: seed.annotations } : {}),
    },
    spec: seed.spec,
    ...(seed.status ? { status: seed.status } : {}),
  });
}

/** Changes the spec after creation so generation moves on, as edits in Git over the weeks would have. */
export function bumpGeneration(
  ctx: SimContext,
  object: SimObject,
  change: (spec: Record<string, unknown>) => void,
): SimObject {
  const resource = resourceIdOf(kindInfo(object.kind as KindName));
  return ctx.store.mutate(resource, object.metadata.namespace, object.metadata.name, (o) => {
    const spec = { ...(o as { spec?: Record<string, unknown> }).spec };
    change(spec);
    Object.assign(o, { spec });
  });
}

export function createNamespace(
  ctx: SimContext,
  name: string,
  createdAt: number,
  labels: Record<string, string> = {},
): void {
  if (ctx.store.get(CORE_RESOURCES.namespaces, undefined, name)) return;
  ctx.store.create(CORE_RESOURCES.namespaces, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      creationTimestamp: isoSeconds(createdAt),
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
}
