// The simulated helm's Kubernetes side: the kubeconfig (as helm resolves it), a guard that it only ever talks
// to the simulator on loopback, and Helm's Secrets storage driver (list by labels, create, update).
import { CoreV1Api, KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { decodeReleaseSecret, type HelmRelease, releaseSecret, releaseSecretName } from '../helm-storage.js';
import type { HelmArgs } from './args.js';

export class HelmError extends Error {}

export interface Storage {
  readonly namespace: string;
  /** Every revision of a release, oldest first; empty when none. */
  history(name: string): Promise<HelmRelease[]>;
  /** The latest revision of every release in the namespace (or all namespaces). */
  latestAll(allNamespaces: boolean): Promise<HelmRelease[]>;
  create(release: HelmRelease): Promise<void>;
  update(release: HelmRelease): Promise<void>;
}

export function openStorage(args: HelmArgs): Storage {
  const kc = new KubeConfig();
  const { KUBECONFIG, HELM_NAMESPACE } = process.env;
  const file = args.kubeconfig ?? KUBECONFIG?.split(':')[0];
  if (!file)
    throw new HelmError(
      'Kubernetes cluster unreachable: no kubeconfig given (use --kubeconfig or KUBECONFIG)',
    );
  kc.loadFromFile(file);
  if (args.kubeContext) {
    if (!kc.getContextObject(args.kubeContext)) {
      throw new HelmError(`Kubernetes cluster unreachable: context "${args.kubeContext}" does not exist`);
    }
    kc.setCurrentContext(args.kubeContext);
  }
  const server = kc.getCurrentCluster()?.server ?? '';
  // This helm writes simulated release records: never let it near a real cluster.
  if (!/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(server)) {
    throw new HelmError(
      `this is fluxdeck's simulated helm: it only talks to the simulator on 127.0.0.1, not ${server || 'an unknown server'}`,
    );
  }
  const namespace =
    args.namespace ?? HELM_NAMESPACE ?? (kc.getContextObject(kc.getCurrentContext())?.namespace || 'default');
  const core = kc.makeApiClient(CoreV1Api);
  const decodeAll = (items: readonly V1Secret[]): HelmRelease[] =>
    items.flatMap((s) => {
      const release = decodeReleaseSecret(s);
      return release ? [release] : [];
    });
  return {
    namespace,
    async history(name) {
      const list = await core.listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${name}` });
      return decodeAll(list.items).sort((a, b) => a.version - b.version);
    },
    async latestAll(allNamespaces) {
      const list = allNamespaces
        ? await core.listSecretForAllNamespaces({ labelSelector: 'owner=helm' })
        : await core.listNamespacedSecret({ namespace, labelSelector: 'owner=helm' });
      const latest = new Map<string, HelmRelease>();
      for (const release of decodeAll(list.items)) {
        const key = `${release.namespace}/${release.name}`;
        const seen = latest.get(key);
        if (!seen || seen.version < release.version) latest.set(key, release);
      }
      return [...latest.values()];
    },
    async create(release) {
      const body = releaseSecret(release, { createdAt: Date.now() / 1000 }, namespace);
      await core.createNamespacedSecret({ namespace, body: body as V1Secret });
    },
    async update(release) {
      const body = releaseSecret(release, { modifiedAt: Date.now() / 1000 }, namespace);
      await core.replaceNamespacedSecret({
        namespace,
        name: releaseSecretName(release.name, release.version),
        body: body as V1Secret,
      });
    },
  };
}
