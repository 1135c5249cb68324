// The cluster's namespace names, for shell completion: one request, a short deadline, [] on any failure —
// a completion must never hang the user's shell or print an error into it.
import { resolveKubeconfig } from './kubeconfig.js';
import { createTransport } from './transport.js';

export interface NamespaceNamesOptions {
  readonly kubeconfigPath?: string | undefined;
  readonly context?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly timeoutMs?: number;
}

export async function namespaceNames(options: NamespaceNamesOptions): Promise<string[]> {
  let transport: ReturnType<typeof createTransport> | undefined;
  try {
    const config = resolveKubeconfig(options);
    transport = createTransport(config);
    const timeoutMs = options.timeoutMs ?? 2000;
    const body = (await transport.request({
      path: '/api/v1/namespaces',
      signal: AbortSignal.timeout(timeoutMs),
      timeoutMs,
      about: { verb: 'list', resource: 'namespaces', collection: true },
    })) as { items?: { metadata?: { name?: unknown } }[] };
    return (body.items ?? [])
      .map((item) => item.metadata?.name)
      .filter((name): name is string => typeof name === 'string' && /^[a-z0-9-]+$/.test(name))
      .sort();
  } catch {
    return [];
  } finally {
    transport?.close();
  }
}
