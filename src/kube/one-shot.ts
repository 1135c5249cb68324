// A one-shot read of every Flux kind in scope (for `fluxdeck status`): discovery, then every served kind
// listed in parallel with large pages. Forbidden and not-installed kinds are reported, not thrown; not
// reaching the server at all is thrown.
import { KIND_NAMES, type KindName } from '../flux/kinds.js';
import { discoverKinds } from './discovery.js';
import { isKubeError } from './errors.js';
import { resolveKubeconfig } from './kubeconfig.js';
import { listAll } from './list.js';
import type { ClusterInfo, RawObject } from './port.js';
import { createTransport } from './transport.js';

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
}

export const ONE_SHOT_PAGE_SIZE = 5000;

/**
 * Lists every kind and hands each listing to `take` as soon as it arrives, so deriving rows of one kind
 * overlaps with the server still sending the others (and raw objects need not outlive their rows).
 */
export async function listFluxObjects<T>(
  take: (listing: KindListing) => T,
  options: OneShotOptions = {},
): Promise<OneShotResult<T>> {
  const config = resolveKubeconfig({
    kubeconfigPath: options.kubeconfigPath,
    context: options.context,
    env: options.env,
  });
  const transport = createTransport(config);
  const info: ClusterInfo = {
    context: config.context,
    cluster: config.cluster.name,
    server: transport.server,
    user: config.userName,
    namespace: options.namespace,
    kubeconfigPath: config.source,
  };
  try {
    const kinds = options.kinds ?? KIND_NAMES;
    const discovered = await discoverKinds(transport, kinds);
    const list = async (kind: KindName): Promise<KindListing> => {
      const found = discovered.get(kind);
      if (!found?.served)
        return { kind, state: 'not-installed', message: found?.message ?? `${kind} is not installed` };
      try {
        const listed = await listAll(transport, found.resource, {
          namespace: options.namespace,
          pageSize: options.pageSize ?? ONE_SHOT_PAGE_SIZE,
        });
        return { kind, state: 'listed', apiVersion: listed.apiVersion, items: listed.items };
      } catch (error) {
        if (isKubeError(error, 'forbidden')) return { kind, state: 'forbidden', message: error.message };
        if (isKubeError(error, 'not-installed'))
          return { kind, state: 'not-installed', message: error.message };
        throw error;
      }
    };
    return { info, kinds: await Promise.all(kinds.map(async (kind) => take(await list(kind)))) };
  } finally {
    transport.close();
  }
}
