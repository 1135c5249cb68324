// helm-controller's view of Helm storage through the store: revisions by label (cheap, no decoding), and the
// writes Helm's Secrets driver makes (create with createdAt, update replacing labels with modifiedAt).
import {
  decodeReleaseSecret,
  type HelmRelease,
  type HelmReleaseStatus,
  PENDING_STATUSES,
  releaseSecret,
  releaseSecretName,
} from '../../helm-storage.js';
import { CORE_RESOURCES } from '../../resources.js';
import type { SimStore } from '../../types.js';

export function isPending(status: string): boolean {
  return (PENDING_STATUSES as readonly string[]).includes(status);
}

export function readRelease(
  store: SimStore,
  namespace: string,
  name: string,
  version: number,
): HelmRelease | undefined {
  return decodeReleaseSecret(store.get(CORE_RESOURCES.secrets, namespace, releaseSecretName(name, version)));
}

export function createRelease(
  store: SimStore,
  storageNamespace: string,
  release: HelmRelease,
  nowMs: number,
): void {
  store.create(CORE_RESOURCES.secrets, releaseSecret(release, { createdAt: nowMs / 1000 }, storageNamespace));
}

/** Rewrites a revision as Helm's Update does (labels replaced, modifiedAt set); creates it when missing. */
export function updateRelease(
  store: SimStore,
  storageNamespace: string,
  release: HelmRelease,
  nowMs: number,
): void {
  const secret = releaseSecret(release, { modifiedAt: nowMs / 1000 }, storageNamespace);
  const { name, namespace } = secret.metadata;
  if (!store.get(CORE_RESOURCES.secrets, namespace, name)) {
    store.create(CORE_RESOURCES.secrets, secret);
    return;
  }
  store.mutate(CORE_RESOURCES.secrets, namespace, name, (s) => {
    s.metadata.labels = secret.metadata.labels;
    Object.assign(s, { type: secret.type, data: secret.data });
  });
}

export function setReleaseStatus(
  store: SimStore,
  storageNamespace: string,
  release: HelmRelease,
  change: {
    readonly status: HelmReleaseStatus;
    readonly description?: string;
    readonly lastDeployed?: string;
  },
  nowMs: number,
): HelmRelease {
  const next: HelmRelease = {
    ...release,
    info: {
      ...release.info,
      status: change.status,
      description: change.description ?? release.info.description,
      last_deployed: change.lastDeployed ?? release.info.last_deployed,
    },
  };
  updateRelease(store, storageNamespace, next, nowMs);
  return next;
}
