// kubectl works in the context's namespace; fluxdeck starts in all namespaces, because failures can be
// anywhere. A user bound only to one namespace would then see every kind forbidden and `0 of 0`. So when
// the context names a namespace and listing Flux objects cluster-wide is forbidden, start in that
// namespace instead (the header says why). One small request, only for contexts that name a namespace.

import { isKubeError } from './errors.js';
import { collectionPath } from './paths.js';
import type { SharedDiscovery } from './shared-discovery.js';
import type { Transport } from './transport.js';

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
