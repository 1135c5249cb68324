// `status` and `report` read the pods of each workload not ready once: asked for as soon as the labelled
// workloads are listed, and not again for a workload another owner's inventory names too.
import { describe, expect, it } from 'vitest';
import type { HttpRequest, Transport } from '../../src/kube/transport.js';
import { type OwnerInventory, readWorkloadsOnce } from '../../src/kube/workload-once.js';

const api = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'api',
    namespace: 'apps',
    generation: 1,
    labels: {
      'kustomize.toolkit.fluxcd.io/name': 'a',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
    },
  },
  spec: { replicas: 1, selector: { matchLabels: { app: 'api' } } },
  status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 0, availableReplicas: 0 },
};

/** A cluster that answers LISTs: the api Deployment for the Kustomization label, nothing else. */
function cluster(): { transport: Transport; paths: string[] } {
  const paths: string[] = [];
  const transport: Transport = {
    server: 'https://127.0.0.1:1',
    userName: 'u',
    async request(request: HttpRequest) {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) query.set(k, String(v));
      paths.push(`${request.path}?${query}`);
      const selector = query.get('labelSelector') ?? '';
      const items = request.path.endsWith('/deployments') && selector.startsWith('kustomize') ? [api] : [];
      return { metadata: { resourceVersion: '1' }, items };
    },
    openStream: () => Promise.reject(new Error('no streams')),
    close: () => undefined,
  };
  return { transport, paths };
}

describe('readWorkloadsOnce', () => {
  it('asks for the pods of a workload not ready once, though two owners name it', async () => {
    const { transport, paths } = cluster();
    const entries = [{ kind: 'Deployment', namespace: 'apps', name: 'api' }];
    const owners: OwnerInventory[] = [
      { key: 'Kustomization/flux-system/a', entries },
      { key: 'Kustomization/flux-system/b', entries },
    ];
    const readout = await readWorkloadsOnce(
      transport,
      undefined,
      Promise.resolve(owners),
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(paths.filter((p) => p.includes('/pods'))).toEqual([
      '/api/v1/namespaces/apps/pods?limit=500&labelSelector=app%3Dapi',
    ]);
    expect([...readout.verdicts.keys()].sort()).toEqual([
      'Kustomization/flux-system/a',
      'Kustomization/flux-system/b',
    ]);
  });

  it('asks for those pods before the owners are listed', async () => {
    const { transport, paths } = cluster();
    let ownersListed: (owners: readonly OwnerInventory[]) => void = () => undefined;
    const owners = new Promise<readonly OwnerInventory[]>((resolve) => (ownersListed = resolve));
    const readout = readWorkloadsOnce(transport, undefined, owners, Date.parse('2026-01-01T00:00:00Z'));
    for (let i = 0; i < 20 && !paths.some((p) => p.includes('/pods')); i++) await Promise.resolve();
    expect(paths.some((p) => p.includes('/pods'))).toBe(true);
    ownersListed([]);
    await readout;
  });
});
