// `fluxdeck trace`: one trace without the console's watches — a transport from the kubeconfig, discovery
// for the kinds, and a GET for every object of the chain (src/kube/trace.ts).
import { findKind } from '../flux/kinds.js';
import type { TraceTarget } from '../flux/trace.js';
import type { ObjectRef } from '../flux/types.js';
import { isKubeError } from './errors.js';
import { KindResolver } from './inventory-objects.js';
import { resolveKubeconfig } from './kubeconfig.js';
import { objectPath } from './paths.js';
import type { RawObject, TraceOutcome } from './port.js';
import { traceObject } from './trace.js';
import { createTransport, type Transport } from './transport.js';

export interface TraceOnceOptions {
  readonly kubeconfigPath?: string | undefined;
  readonly context?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly now?: () => number;
}

/** A Flux object by one GET, at the newest version of its kind the server serves. */
async function getFlux(
  transport: Transport,
  resolver: KindResolver,
  ref: ObjectRef,
): Promise<RawObject | undefined> {
  const kind = findKind(ref.kind);
  if (!kind) return undefined;
  for (const version of kind.versions) {
    const resolved = await resolver.resolve(kind.group, version, kind.kind);
    if (!resolved.ok) continue;
    try {
      const body = await transport.request({
        path: objectPath(resolved.resource, ref.namespace, ref.name),
        about: {
          verb: 'get',
          resource: `${kind.plural}.${kind.group}`,
          namespace: ref.namespace,
          name: ref.name,
        },
      });
      return typeof body === 'object' && body !== null ? (body as RawObject) : undefined;
    } catch (error) {
      if (isKubeError(error, 'not-found')) return undefined;
      throw error;
    }
  }
  return undefined;
}

type Target = Omit<TraceTarget, 'namespace'> & { readonly namespace?: string | undefined };

/**
 * Traces each target in turn over one connection (flux trace takes several); a target without a namespace
 * is looked up in the context's namespace, else `default` (as kubectl). Kubeconfig and connection errors
 * reject (KubeError); an object that cannot be traced is an outcome like any other.
 */
export async function traceEach(
  targets: readonly Target[],
  options: TraceOnceOptions = {},
): Promise<readonly { readonly outcome: TraceOutcome; readonly namespace: string }[]> {
  const config = resolveKubeconfig({
    kubeconfigPath: options.kubeconfigPath,
    context: options.context,
    env: options.env,
  });
  const transport = createTransport(config);
  try {
    const resolver = new KindResolver(transport);
    const out: { outcome: TraceOutcome; namespace: string }[] = [];
    for (const target of targets) {
      const namespace = target.namespace ?? config.namespace ?? 'default';
      const outcome = await traceObject(
        {
          transport,
          resolver,
          now: (options.now ?? Date.now)(),
          fromStore: () => undefined,
          getFlux: (ref) => getFlux(transport, resolver, ref),
        },
        { kind: target.kind, name: target.name, namespace },
      );
      out.push({ outcome, namespace });
    }
    return out;
  } finally {
    transport.close();
  }
}

/** One target (traceEach of one). */
export async function traceOnce(
  target: Target,
  options: TraceOnceOptions = {},
): Promise<{ readonly outcome: TraceOutcome; readonly namespace: string }> {
  const [one] = await traceEach([target], options);
  if (!one) throw new Error('nothing traced');
  return one;
}
