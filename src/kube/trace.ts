// `flux trace` through the API (docs/trace.md): GET the object by the kind typed, follow its owner
// references up (each owner resolved through discovery, at most MAX_OWNER_DEPTH of them), read the Flux
// labels along the chain, then the Kustomization or HelmRelease they name (or the Flux Operator's
// ResourceSet or FluxInstance) and its sources, then what applied that, upward (at most MAX_UPSTREAM) — from
// the live store when the console watches them, else with one GET each. src/flux/trace.ts judges what was
// read.

import { str } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import {
  buildTrace,
  type FluxRead,
  findApplier,
  findManager,
  MAX_OWNER_DEPTH,
  MAX_UPSTREAM,
  ownerToFollow,
  sourceRefs,
  splitApiVersion,
  type TraceRead,
  type TraceTarget,
  type UpstreamRead,
  upstreamApplier,
} from '../flux/trace.js';
import { type ObjectKey, type ObjectRef, objectKey } from '../flux/types.js';
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
  // The error already starts `forbidden: ` (src/kube/errors.ts): said once, not twice.
  if (isKubeError(error, 'forbidden'))
    return `reading ${what} is forbidden: ${sanitizeText(error.message.replace(/^forbidden: /, ''), 300)}`;
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
  const found = findApplier(chain.map((c) => c.raw));
  if (!found)
    return {
      ok: true,
      trace: buildTrace({ chain, ...(chainStop ? { chainStop } : {}), sources: [], now: deps.now }),
    };
  const read = new Set<ObjectKey>();
  const manager = await readFlux(deps, found.ref);
  const sources = await sourcesOf(deps, manager, read);
  const upstream = await upstreamOf(deps, manager, read);
  return {
    ok: true,
    trace: buildTrace({
      chain,
      ...(chainStop ? { chainStop } : {}),
      manager,
      sources,
      ...(upstream.length > 0 ? { upstream } : {}),
      now: deps.now,
    }),
  };
}

/** The sources of an applier not read already (a FluxInstance syncs from its Kustomization's source). */
async function sourcesOf(deps: TraceDeps, applier: FluxRead, read: Set<ObjectKey>): Promise<FluxRead[]> {
  if (applier.raw === undefined) return [];
  const refs = sourceRefs(applier.ref, applier.raw).filter((ref) => !read.has(objectKey(ref)));
  for (const ref of refs) read.add(objectKey(ref));
  return Promise.all(refs.map((ref) => readFlux(deps, ref)));
}

/**
 * What applied the manager, and so on (upstreamApplier): at most MAX_UPSTREAM steps, never an applier
 * twice, so labels that loop end the walk.
 */
async function upstreamOf(deps: TraceDeps, manager: FluxRead, read: Set<ObjectKey>): Promise<UpstreamRead[]> {
  const out: UpstreamRead[] = [];
  const seen = new Set<ObjectKey>([objectKey(manager.ref)]);
  let current = manager;
  while (out.length < MAX_UPSTREAM && current.raw !== undefined) {
    const ref = upstreamApplier(current.ref, current.raw);
    if (!ref || seen.has(objectKey(ref))) break;
    seen.add(objectKey(ref));
    const applier = await readFlux(deps, ref);
    out.push({ manager: applier, sources: await sourcesOf(deps, applier, read) });
    current = applier;
  }
  return out;
}
