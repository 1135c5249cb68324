// kubectl works in the context's namespace; fluxdeck starts in all namespaces, because failures can be
// anywhere. A user bound only to one namespace would then see every kind forbidden and `0 of 0`. So when
// the context names a namespace and listing Flux objects cluster-wide is forbidden, start in that
// namespace instead (the header says why). One small request, only for contexts that name a namespace.

import { isKubeError } from './errors.js';
import { type KubeconfigOptions, resolveKubeconfig } from './kubeconfig.js';
import { collectionPath } from './paths.js';
import { SharedDiscovery } from './shared-discovery.js';
import { createTransport, type Transport } from './transport.js';

export async function contextNamespaceFallback(
  transport: Transport,
  discovery: SharedDiscovery,
  contextNamespace: string | undefined,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (!contextNamespace) return undefined;
  try {
    const found = await discovery.current('Kustomization');
    if (!found.served) return undefined;
    await transport.request({
      path: collectionPath(found.resource, undefined),
      query: { limit: 1 },
      signal,
      about: { verb: 'list', resource: 'kustomizations', collection: true },
    });
    return undefined;
  } catch (error) {
    return isKubeError(error, 'forbidden') ? contextNamespace : undefined;
  }
}

/**
 * The same rule for a one-shot command (`fluxdeck status`): the context's namespace when it names one and
 * Kustomizations cannot be listed across the cluster, else undefined (all namespaces). One connection, one
 * small request, only for contexts that name a namespace; kubeconfig errors are left to the command's own
 * read, which says them.
 */
export async function oneShotNamespaceFallback(options: KubeconfigOptions): Promise<string | undefined> {
  let config: ReturnType<typeof resolveKubeconfig>;
  try {
    config = resolveKubeconfig(options);
  } catch {
    return undefined;
  }
  if (!config.namespace) return undefined;
  const transport = createTransport(config);
  const closing = new AbortController();
  try {
    return await contextNamespaceFallback(
      transport,
      new SharedDiscovery(transport, closing.signal),
      config.namespace,
      closing.signal,
    );
  } catch {
    return undefined;
  } finally {
    closing.abort();
    transport.close();
  }
}
