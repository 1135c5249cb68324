// Helm's release history from its storage Secrets (docs/helm.md): `owner=helm,name=<release>` in the
// storage namespace, `data.release` = base64 (the API's encoding) of base64 (Helm's) of gzip (when it
// starts with 1f 8b 08) of the release JSON. Only the decoded summary leaves this module — never any other
// Secret data.
import { helmReleaseSelector, parseHelmRelease } from '../flux/helm.js';
import { changePair, type HelmChanges, helmChanges, releaseContent } from '../flux/helm-changes.js';
import { type InventoryEntry, manifestInventory } from '../flux/inventory.js';
import { str } from '../flux/narrow.js';
import type { HelmReleaseRevision } from '../flux/types.js';
import { KubeError } from './errors.js';
import { decodeHelmReleaseData } from './helm-decode.js';
import { listAll } from './list.js';
import { SECRETS } from './paths.js';
import type { Transport } from './transport.js';

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

async function releaseSecrets(
  transport: Transport,
  storageNamespace: string,
  releaseName: string,
  signal?: AbortSignal,
): Promise<{ revision: HelmReleaseRevision; release: unknown }[]> {
  if (!RELEASE_NAME.test(releaseName) || releaseName.length > 53) {
    throw new KubeError('invalid', `"${releaseName}" is not a valid Helm release name`);
  }
  const { items } = await listAll(transport, SECRETS, {
    namespace: storageNamespace,
    labelSelector: helmReleaseSelector(releaseName),
    signal,
  });
  const out: { revision: HelmReleaseRevision; release: unknown }[] = [];
  for (const secret of items) {
    const data = str(secret, 'data', 'release');
    if (data === '') continue;
    const release = decodeHelmReleaseData(data);
    const revision = parseHelmRelease(release, str(secret, 'metadata', 'name'));
    if (revision) out.push({ revision, release });
  }
  return out.sort((a, b) => b.revision.revision - a.revision.revision);
}

export async function helmHistory(
  transport: Transport,
  storageNamespace: string,
  releaseName: string,
  signal?: AbortSignal,
): Promise<HelmReleaseRevision[]> {
  return (await releaseSecrets(transport, storageNamespace, releaseName, signal)).map((r) => r.revision);
}

/**
 * What the newest revision changed against the last good one (src/flux/helm-changes.ts); undefined when
 * the release has fewer than two revisions. The comparison happens here so that only its result — with
 * Secret data masked — leaves this module.
 */
export async function helmReleaseChanges(
  transport: Transport,
  storageNamespace: string,
  releaseName: string,
  signal?: AbortSignal,
): Promise<HelmChanges | undefined> {
  const secrets = await releaseSecrets(transport, storageNamespace, releaseName, signal);
  const pair = changePair(secrets.map((s) => s.revision));
  if (!pair) return undefined;
  const content = (rev: HelmReleaseRevision) => {
    const found = secrets.find((s) => s.revision.revision === rev.revision);
    return releaseContent(found?.release, rev);
  };
  return helmChanges(content(pair.from), content(pair.to));
}

/**
 * The objects of the release as it stands — the newest `deployed` revision, else the newest — read from its
 * manifest (src/flux/inventory.ts manifestInventory). Only the objects' identities leave this module.
 */
export async function releaseManifestEntries(
  transport: Transport,
  storageNamespace: string,
  releaseName: string,
  releaseNamespace: string,
  signal?: AbortSignal,
): Promise<InventoryEntry[]> {
  const secrets = await releaseSecrets(transport, storageNamespace, releaseName, signal);
  const current = secrets.find((s) => s.revision.status === 'deployed') ?? secrets[0];
  return current ? manifestInventory(str(current.release, 'manifest'), releaseNamespace) : [];
}
