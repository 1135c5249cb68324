// A one-shot read of every Flux kind in scope (for `fluxdeck status`): every kind listed in parallel with
// large pages, at the version current Flux serves, while the served groups are asked alongside; a kind
// whose listing fails that way is listed again as discovery says (an older Flux, not installed,
// forbidden). On a current cluster that takes discovery's two round trips off the critical path, and its
// group-version requests off the wire. Forbidden and not-installed kinds are reported, not thrown; not
// reaching the server at all is thrown.
import { KIND_NAMES, type KindName, kindInfo } from '../flux/kinds.js';
import { OWNER_KINDS } from '../flux/workload-health.js';
import { DiscoverySession } from './discovery.js';
import { isKubeError } from './errors.js';
import { resolveKubeconfig } from './kubeconfig.js';
import { type ListOptions, listAll } from './list.js';
import { type ResourceType, resourceName } from './paths.js';
import type { ClusterInfo, RawObject } from './port.js';
import { createTransport, type Transport } from './transport.js';

export type KindListing =
  | {
      readonly kind: KindName;
      readonly state: 'listed';
      readonly apiVersion: string;
      readonly items: RawObject[];
    }
  | { readonly kind: KindName; readonly state: 'forbidden' | 'not-installed'; readonly message: string };

export interface OneShotOptions {
  readonly kubeconfigPath?: string | undefined;
  readonly context?: string | undefined;
  /** undefined = all namespaces. */
  readonly namespace?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly kinds?: readonly KindName[];
  readonly pageSize?: number;
}

export interface OneShotResult<T> {
  readonly info: ClusterInfo;
  /** What `take` made of each kind's listing, in catalog order. */
  readonly kinds: readonly T[];
  /**
   * Whether the namespace asked for exists: false only on the server's NotFound; undefined for all
   * namespaces, or when we may not read Namespaces (a namespace-scoped viewer) or could not ask.
   */
  readonly namespaceExists?: boolean;
}

const NAMESPACES: ResourceType = { group: '', version: 'v1', plural: 'namespaces' };

/** GET /api/v1/namespaces/NAME: true, false on NotFound, undefined when the answer says neither. */
async function namespaceExists(transport: Transport, namespace: string): Promise<boolean | undefined> {
  try {
    await transport.request({
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}`,
      about: { verb: 'get', resource: resourceName(NAMESPACES), name: namespace },
    });
    return true;
  } catch (error) {
    return isKubeError(error, 'not-found') ? false : undefined;
  }
}

export const ONE_SHOT_PAGE_SIZE = 5000;

/**
 * Lists every kind and hands each listing to `take` as soon as it arrives, so deriving rows of one kind
 * overlaps with the server still sending the others (and raw objects need not outlive their rows).
 */
/**
 * Lists one Flux kind: first at the newest version this console knows (what discovery would choose on a
 * current cluster, without waiting for it), then as discovery says when that guess fails.
 */
export function kindLister(
  transport: Transport,
  listOptions: ListOptions,
): (kind: KindName) => Promise<KindListing> {
  // The served groups are asked alongside the guesses (a kind not installed is then said without another
  // round trip); a group version's resources only for a kind whose guess failed — on a current cluster
  // none, and each is a request (often a new connection) for the server and for us.
  const discovery = new DiscoverySession(transport);
  discovery.prefetchGroups();
  async function listKind(kind: KindName, resource: ResourceType): Promise<KindListing> {
    const listed = await listAll(transport, resource, listOptions);
    return { kind, state: 'listed', apiVersion: listed.apiVersion, items: listed.items };
  }
  return async (kind) => {
    const info = kindInfo(kind);
    const newest = info.versions[0];
    if (newest !== undefined) {
      try {
        return await listKind(kind, { group: info.group, version: newest, plural: info.plural });
      } catch {
        // Not served at that version, not allowed, or not reachable: discovery decides below.
      }
    }
    const found = await discovery.discover(kind);
    if (!found?.served)
      return { kind, state: 'not-installed', message: found?.message ?? `${kind} is not installed` };
    try {
      return await listKind(kind, found.resource);
    } catch (error) {
      if (isKubeError(error, 'forbidden')) return { kind, state: 'forbidden', message: error.message };
      if (isKubeError(error, 'not-installed'))
        return { kind, state: 'not-installed', message: error.message };
      throw error;
    }
  };
}

/**
 * The order the kinds are asked for: Kustomizations and HelmReleases — usually the most objects, and the
 * largest (inventories, values) — last. A server that answers one list at a time answers in the order
 * asked, and the reader derives each kind as it arrives: asked first, the largest answers kept the reader
 * idle while the server printed them, and then every other kind queued behind them. Measured on the
 * 10,000-object simulator, interleaved: `status -A -o json` ~19 ms faster; the floor, which only parses,
 * the same either way (docs/performance.md).
 */
export function requestOrder(kinds: readonly KindName[]): KindName[] {
  const rank = (kind: KindName) => (OWNER_KINDS as readonly KindName[]).indexOf(kind);
  return [...kinds].sort((a, b) => rank(a) - rank(b));
}

/**
 * Every kind's listing, started in requestOrder, in the order of `kinds`. Nothing here holds on to them: a
 * settled promise keeps its listing — every raw object of the kind — for as long as it is held, so each
 * should be let go once taken (holding them all until the last arrived cost ~10 ms of collection at
 * 10,000 objects).
 */
export function listInOrder(
  kinds: readonly KindName[],
  list: (kind: KindName) => Promise<KindListing>,
): Promise<KindListing>[] {
  const started = new Map(requestOrder(kinds).map((kind) => [kind, list(kind)]));
  return kinds.map((kind) => started.get(kind) ?? list(kind));
}

/**
 * The connections a one-shot read opens at most. It asks for ~28 lists at once (every kind, the groups,
 * the workloads); each connection is a TLS handshake for the server and for us, and the small answers are
 * done long before the large ones, so later requests reuse their connections. Measured against the
 * simulator (40 interleaved rounds): `status -A -o json` at 10,000 objects 380 → 362 ms with 12 (366 with
 * 8, 376 with 16), at 1,000 objects 171 → 156 ms; `report` 608 → 595 ms.
 */
export const ONE_SHOT_CONNECTIONS = 12;

/** The transport and the cluster's identity for a one-shot read; the caller closes the transport. */
export function oneShotTransport(options: OneShotOptions): { transport: Transport; info: ClusterInfo } {
  const config = resolveKubeconfig({
    kubeconfigPath: options.kubeconfigPath,
    context: options.context,
    env: options.env,
  });
  const transport = createTransport(config, { maxConnections: ONE_SHOT_CONNECTIONS });
  const info: ClusterInfo = {
    context: config.context,
    cluster: config.cluster.name,
    server: transport.server,
    user: config.userName,
    namespace: options.namespace,
    kubeconfigPath: config.source,
  };
  return { transport, info };
}

/**
 * Lists every kind and hands each listing to `take` as soon as it arrives, so deriving rows of one kind
 * overlaps with the server still sending the others (and raw objects need not outlive their rows).
 */
export async function listFluxObjects<T, E = undefined>(
  take: (listing: KindListing) => T,
  options: OneShotOptions = {},
  /**
   * More reading on the same connection, started with the listings and given the promise of their end
   * (the workloads, src/kube/workload-once.ts); its result is `extra`.
   */
  alongside?: (transport: Transport, listed: Promise<unknown>) => Promise<E>,
): Promise<OneShotResult<T> & { readonly extra?: E }> {
  const { transport, info } = oneShotTransport(options);
  try {
    const kinds = options.kinds ?? KIND_NAMES;
    const listOptions = {
      namespace: options.namespace,
      pageSize: options.pageSize ?? ONE_SHOT_PAGE_SIZE,
      keepManagedFields: true,
    };
    // Asked alongside the listings: an empty report for a mistyped -n must not read as "all ready".
    const namespace =
      options.namespace === undefined ? undefined : namespaceExists(transport, options.namespace);
    const list = kindLister(transport, listOptions);
    const listing = Promise.all(listInOrder(kinds, list).map(async (listed) => take(await listed)));
    const more = alongside?.(transport, listing);
    // Not left unhandled while the listings are awaited; awaited (and thrown) below.
    more?.catch(() => undefined);
    const taken = await listing;
    const extra = await more;
    const exists = await namespace;
    return {
      info,
      kinds: taken,
      ...(exists === undefined ? {} : { namespaceExists: exists }),
      ...(more ? { extra: extra as E } : {}),
    };
  } finally {
    transport.close();
  }
}
