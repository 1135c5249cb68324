// The live objects of a Kustomization's or HelmRelease's inventory, each with its kstatus health
// (docs/inventory.md). Cheap at any size: one LIST per distinct kind, selected by the labels Flux puts on
// what it applies (`kustomize.toolkit.fluxcd.io/name|namespace`, `helm.toolkit.fluxcd.io/name|namespace`),
// and one unselected LIST of that kind only when some entries were not among the labelled ones (an object
// whose labels were edited, a Namespace created before Flux took it over). Kinds are resolved to resources
// through API discovery (GET /api/v1, /apis/<group>/<version>), memoised for the session.
import { appliedByLabels, type InventoryEntry } from '../flux/inventory.js';
import { computeKStatus, type KStatusResult } from '../flux/kstatus.js';
import { str } from '../flux/narrow.js';
import { podCause } from '../flux/pod-cause.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { ObjectRef } from '../flux/types.js';
import { matchLabelsSelector } from '../flux/workload-health.js';
import { isKubeError } from './errors.js';
import { listAll } from './list.js';
import type { ResourceType } from './paths.js';
import type { InventoryObjectHealth, InventoryReadout, PodCause, RawObject } from './port.js';
import type { Transport } from './transport.js';

/** Why a pod is not ready (src/flux/pod-cause.ts). */
export { podCause };

/** Workloads whose pods are read when they are not Current, to say why (one LIST each, at most this many). */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
]);
const MAX_WORKLOADS_EXPLAINED = 20;
const PODS_RESOURCE: ResourceType = { group: '', version: 'v1', plural: 'pods' };

type Resolved =
  | { readonly ok: true; readonly resource: ResourceType; readonly namespaced: boolean }
  | { readonly ok: false; readonly why: string };

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** Kind → resource through discovery documents, one GET per group version, remembered for the session. */
export class KindResolver {
  private readonly docs = new Map<string, Promise<Map<string, { plural: string; namespaced: boolean }>>>();

  constructor(
    private readonly transport: Transport,
    private readonly signal?: AbortSignal,
  ) {}

  async resolve(group: string, version: string, kind: string): Promise<Resolved> {
    const gv = group === '' ? version : `${group}/${version}`;
    let doc = this.docs.get(gv);
    if (!doc) {
      doc = this.load(group, version);
      this.docs.set(gv, doc);
      // A failure (server unreachable) is not remembered: the next read asks again.
      doc.catch(() => this.docs.delete(gv));
    }
    let kinds: Map<string, { plural: string; namespaced: boolean }>;
    try {
      kinds = await doc;
    } catch (error) {
      if (isKubeError(error, 'forbidden')) return { ok: false, why: `discovery of ${gv} is forbidden` };
      if (isKubeError(error, 'not-found') || isKubeError(error, 'not-installed'))
        return { ok: false, why: `the server does not serve ${gv}` };
      throw error;
    }
    const found = kinds.get(kind);
    if (!found) return { ok: false, why: `the server does not serve ${kind} in ${gv}` };
    return { ok: true, resource: { group, version, plural: found.plural }, namespaced: found.namespaced };
  }

  /** Forgets a group version whose resources answered 404: discovery was stale. */
  forget(group: string, version: string): void {
    this.docs.delete(group === '' ? version : `${group}/${version}`);
  }

  private async load(group: string, version: string) {
    const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    const body = await this.transport.request({
      path,
      ...(this.signal ? { signal: this.signal } : {}),
      about: { verb: 'get', resource: group === '' ? version : `${group}/${version}`, collection: true },
    });
    const kinds = new Map<string, { plural: string; namespaced: boolean }>();
    const resources = asRecord(body)['resources'];
    for (const r of Array.isArray(resources) ? resources : []) {
      const name = str(r, 'name');
      const kind = str(r, 'kind');
      if (!name || !kind || name.includes('/') || kinds.has(kind)) continue;
      kinds.set(kind, { plural: name, namespaced: asRecord(r)['namespaced'] === true });
    }
    return kinds;
  }
}

/** Flux's ownership labels on what a Kustomization or HelmRelease applied, as a label selector. */
export function appliedBySelector(owner: ObjectRef): string {
  return appliedByLabels(owner);
}

const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;

const unknown = (why: string): KStatusResult => ({ status: 'Unknown', reason: 'Unreadable', message: why });
const notFound: KStatusResult = { status: 'NotFound', reason: '', message: 'not found in the cluster' };

/** Reads every entry's object and judges it; `now` is the clock kstatus measures pod scheduling against. */
export async function readInventoryObjects(
  transport: Transport,
  resolver: KindResolver,
  owner: ObjectRef,
  entries: readonly InventoryEntry[],
  now: number,
  signal?: AbortSignal,
): Promise<InventoryReadout> {
  const byKind = new Map<string, InventoryEntry[]>();
  for (const entry of entries) {
    const key = `${entry.group}/${entry.version}/${entry.kind}`;
    const list = byKind.get(key) ?? [];
    list.push(entry);
    byKind.set(key, list);
  }
  const results = new Map<InventoryEntry, InventoryObjectHealth>();
  let lists = 0;
  const selector = appliedBySelector(owner);
  await Promise.all(
    [...byKind.values()].map(async (group) => {
      const first = group[0] as InventoryEntry;
      const resolved = await resolver.resolve(first.group, first.version, first.kind);
      if (!resolved.ok) {
        for (const entry of group) results.set(entry, { entry, health: unknown(resolved.why) });
        return;
      }
      const namespaces = new Set(group.map((e) => e.namespace));
      // One namespace: list there, which namespace-scoped credentials allow; else across the cluster.
      const namespace =
        resolved.namespaced && namespaces.size === 1 && first.namespace !== '' ? first.namespace : undefined;
      const found = new Map<string, RawObject>();
      const read = async (labelSelector: string | undefined) => {
        lists++;
        const result = await listAll(transport, resolved.resource, {
          namespace,
          labelSelector,
          ...(signal ? { signal } : {}),
        });
        for (const item of result.items) {
          found.set(keyOf(str(item, 'metadata', 'namespace'), str(item, 'metadata', 'name')), item);
        }
      };
      try {
        await read(selector);
        if (group.some((e) => !found.has(keyOf(e.namespace, e.name)))) await read(undefined);
      } catch (error) {
        if (!isKubeError(error) || error.reason === 'aborted') throw error;
        if (error.reason === 'not-installed' || error.reason === 'not-found') {
          resolver.forget(first.group, first.version);
        }
        const why = sanitizeText(error.message, 300);
        for (const entry of group) results.set(entry, { entry, health: unknown(why) });
        return;
      }
      for (const entry of group) {
        const raw = found.get(keyOf(resolved.namespaced ? entry.namespace : '', entry.name));
        if (!raw) {
          results.set(entry, { entry, health: notFound });
          continue;
        }
        const object = typeof raw['kind'] === 'string' ? raw : { ...raw, kind: entry.kind };
        results.set(entry, { entry, health: computeKStatus(object, now), raw: object });
      }
    }),
  );
  const items = entries.map((entry) => results.get(entry) ?? { entry, health: unknown('not read') });
  const unready = items
    .filter((i) => i.raw && WORKLOAD_KINDS.has(i.entry.kind) && i.health.status !== 'Current')
    .slice(0, MAX_WORKLOADS_EXPLAINED);
  const causes = new Map<InventoryObjectHealth, PodCause>();
  await Promise.all(
    unready.map(async (item) => {
      if (!matchLabelsSelector(item.raw)) return;
      lists++;
      const cause = await workloadCause(transport, item.raw ?? {}, signal);
      if (cause) causes.set(item, cause);
    }),
  );
  return { items: items.map((i) => (causes.has(i) ? { ...i, cause: causes.get(i) as PodCause } : i)), lists };
}

/** Why a workload's pods are not ready (one LIST of its pods), or undefined when they say nothing. */
export async function workloadCause(
  transport: Transport,
  workload: RawObject,
  signal?: AbortSignal,
): Promise<PodCause | undefined> {
  const selector = matchLabelsSelector(workload);
  if (!selector) return undefined;
  try {
    const pods = await listAll(transport, PODS_RESOURCE, {
      namespace: str(workload, 'metadata', 'namespace'),
      labelSelector: selector,
      ...(signal ? { signal } : {}),
    });
    return pods.items.map(podCause).find((c) => c !== undefined);
  } catch (error) {
    if (!isKubeError(error) || error.reason === 'aborted') throw error;
    // Pods not readable (forbidden): the workload's own status still says it is not ready.
    return undefined;
  }
}
