// The simulated helm's Kubernetes side: the kubeconfig (as helm resolves it), a guard that it only ever talks
// to the simulator on loopback, and Helm's Secrets storage driver (list by labels, create, update).
import { AppsV1Api, CoreV1Api, KubeConfig, type V1Deployment, type V1Secret } from '@kubernetes/client-node';
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
  /**
   * Helm's KubeClient.Update, as far as the simulator goes: the API server is asked to admit the release's
   * Deployment (a dry run — the simulator runs no workloads), so an admission failure there (a fault such as
   * a webhook that times out) fails the action as it fails Helm's. Throws HelmError with Helm's wording.
   */
  apply(release: HelmRelease): Promise<void>;
}

function apiMessage(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  const message =
    typeof parsed === 'object' && parsed !== null ? (parsed as { message?: unknown }).message : undefined;
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : String(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function statusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
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
  const apps = kc.makeApiClient(AppsV1Api);
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
    async apply(release) {
      const deployment: V1Deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: release.name,
          namespace: release.namespace,
          annotations: {
            'meta.helm.sh/release-name': release.name,
            'meta.helm.sh/release-namespace': release.namespace,
          },
          labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': release.name },
        },
      };
      try {
        await apps.createNamespacedDeployment({
          namespace: release.namespace,
          body: deployment,
          dryRun: 'All',
        });
      } catch (error) {
        if (statusCode(error) === 409) return;
        throw new HelmError(`failed to create resource: ${apiMessage(error)}`);
      }
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
