// `flux trace` through the API (docs/trace.md): GET the object by the kind typed, follow its owner
// references up (each owner resolved through discovery, at most MAX_OWNER_DEPTH of them), read the Flux
// labels along the chain, then the Kustomization or HelmRelease they name and its sources — from the live
// store when the console watches them, else with one GET each. src/flux/trace.ts judges what was read.

import { str } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import {
  buildTrace,
  type FluxRead,
  findManager,
  MAX_OWNER_DEPTH,
  ownerToFollow,
  sourceRefs,
  splitApiVersion,
  type TraceRead,
  type TraceTarget,
} from '../flux/trace.js';
import type { ObjectRef } from '../flux/types.js';
import { isKubeError } from './errors.js';
import { type KindResolver, podCause, workloadCause } from './inventory-objects.js';
import { collectionPath, type ResourceType, resourceName } from './paths.js';
import type { RawObject, TraceOutcome } from './port.js';
import { resolveKindWord } from './trace-kinds.js';
import type { Transport } from './transport.js';

export interface TraceDeps {
  readonly transport: Transport;
  readonly resolver: KindResolver;
  readonly now: number;
  readonly signal?: AbortSignal;
  /** A Flux object from the live store; undefined when it is not watched (another namespace, not in scope). */
  readonly fromStore: (ref: ObjectRef) => RawObject | undefined;
  /** One GET of a Flux object (undefined when not found). */
  readonly getFlux: (ref: ObjectRef) => Promise<RawObject | undefined>;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

function where(kind: string, namespace: string, name: string): string {
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

async function getRaw(
  deps: TraceDeps,
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
): Promise<RawObject> {
  const body = await deps.transport.request({
    path: `${collectionPath(resource, namespace)}/${encodeURIComponent(name)}`,
    ...(deps.signal ? { signal: deps.signal } : {}),
    about: { verb: 'get', resource: resourceName(resource), ...(namespace ? { namespace } : {}), name },
  });
  return typeof body === 'object' && body !== null ? (body as RawObject) : {};
}

/** Why a read failed, in one display-safe sentence. */
function problemOf(error: unknown, what: string): string {
  if (isKubeError(error, 'not-found')) return `${what} not found`;
  if (isKubeError(error, 'forbidden'))
    return `reading ${what} is forbidden: ${sanitizeText(error.message, 300)}`;
  if (isKubeError(error) && error.reason !== 'aborted') return sanitizeText(error.message, 300);
  throw error;
}

/** Adds the pods' reason to a pod or workload that is not ready (one LIST for a workload). */
async function withCause(deps: TraceDeps, raw: RawObject): Promise<TraceRead> {
  const kind = str(raw, 'kind');
  if (kind === 'Pod') {
    const cause = podCause(raw);
    return cause ? { raw, cause } : { raw };
  }
  if (!WORKLOADS.has(kind)) return { raw };
  const cause = await workloadCause(deps.transport, raw, deps.signal);
  return cause ? { raw, cause } : { raw };
}

async function readFlux(deps: TraceDeps, ref: ObjectRef): Promise<FluxRead> {
  const stored = deps.fromStore(ref);
  if (stored) return { ref, raw: stored };
  try {
    const raw = await deps.getFlux(ref);
    return raw
      ? { ref, raw }
      : { ref, raw: undefined, problem: `${where(ref.kind, ref.namespace, ref.name)} not found` };
  } catch (error) {
    return { ref, raw: undefined, problem: problemOf(error, where(ref.kind, ref.namespace, ref.name)) };
  }
}

export async function traceObject(deps: TraceDeps, target: TraceTarget): Promise<TraceOutcome> {
  const kind = await resolveKindWord(deps.transport, deps.resolver, target.kind, deps.signal);
  if ('why' in kind) return { ok: false, reason: 'unknown-kind', message: kind.why };
  const namespace = kind.namespaced ? target.namespace : undefined;
  const what = where(kind.kind, namespace ?? '', target.name);
  let object: RawObject;
  try {
    object = await getRaw(deps, kind.resource, namespace, target.name);
  } catch (error) {
    if (isKubeError(error, 'not-found'))
      return {
        ok: false,
        reason: 'not-found',
        message: namespace
          ? `${kind.kind} ${target.name} not found in namespace ${namespace}`
          : `${what} not found`,
      };
    if (isKubeError(error, 'forbidden'))
      return { ok: false, reason: 'forbidden', message: problemOf(error, what) };
    throw error;
  }
  // The list form of a GET carries no kind on items; a single GET does, but a hostile server may not.
  const first = typeof object['kind'] === 'string' ? object : { ...object, kind: kind.kind };
  const chain: TraceRead[] = [await withCause(deps, first)];
  let chainStop: string | undefined;
  let current: RawObject = first;
  const seen = new Set([str(first, 'metadata', 'uid') || what]);
  // Owners are read until one carries Kustomization labels or none is left: Flux prefers a Kustomization
  // anywhere in the chain to HelmRelease labels nearer the object.
  while (findManager(chain.map((c) => c.raw))?.ref.kind !== 'Kustomization') {
    const step = ownerToFollow(current);
    if (!step) break;
    if (chain.length > MAX_OWNER_DEPTH) {
      chainStop = `more than ${MAX_OWNER_DEPTH} owners`;
      break;
    }
    const { group, version } = splitApiVersion(step.apiVersion);
    const ownerWhat = where(step.kind, namespace ?? '', step.name);
    try {
      const resolved = await deps.resolver.resolve(group, version, step.kind);
      if (!resolved.ok) {
        chainStop = `${ownerWhat}: ${resolved.why}`;
        break;
      }
      // Owners live in the object's namespace, or at the cluster scope.
      const raw = await getRaw(
        deps,
        resolved.resource,
        resolved.namespaced ? namespace : undefined,
        step.name,
      );
      const owner = typeof raw['kind'] === 'string' ? raw : { ...raw, kind: step.kind };
      const id = str(owner, 'metadata', 'uid') || ownerWhat;
      if (seen.has(id)) {
        chainStop = `${ownerWhat} owns itself through its owners (a cycle)`;
        break;
      }
      seen.add(id);
      chain.push(await withCause(deps, owner));
      current = owner;
    } catch (error) {
      chainStop = problemOf(error, ownerWhat);
      break;
    }
  }
  const found = findManager(chain.map((c) => c.raw));
  if (!found)
    return {
      ok: true,
      trace: buildTrace({ chain, ...(chainStop ? { chainStop } : {}), sources: [], now: deps.now }),
    };
  const manager = await readFlux(deps, found.ref);
  const sources =
    manager.raw === undefined
      ? []
      : await Promise.all(sourceRefs(found.ref, manager.raw).map((ref) => readFlux(deps, ref)));
  return {
    ok: true,
    trace: buildTrace({ chain, ...(chainStop ? { chainStop } : {}), manager, sources, now: deps.now }),
  };
}
