// Helm's release history from its storage Secrets (docs/helm.md): `owner=helm,name=<release>` in the
// storage namespace, `data.release` = base64 (the API's encoding) of base64 (Helm's) of gzip (when it
// starts with 1f 8b 08) of the release JSON. Only the decoded summary leaves this module — never any other
// Secret data.
import { helmReleaseSelector, parseHelmRelease } from '../flux/helm.js';
import { str } from '../flux/narrow.js';
import type { HelmReleaseRevision } from '../flux/types.js';
import { KubeError } from './errors.js';
import { decodeHelmReleaseData } from './helm-decode.js';
import { listAll } from './list.js';
import { SECRETS } from './paths.js';
import type { Transport } from './transport.js';

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export async function helmHistory(
  transport: Transport,
  storageNamespace: string,
  releaseName: string,
  signal?: AbortSignal,
): Promise<HelmReleaseRevision[]> {
  if (!RELEASE_NAME.test(releaseName) || releaseName.length > 53) {
    throw new KubeError('invalid', `"${releaseName}" is not a valid Helm release name`);
  }
  const { items } = await listAll(transport, SECRETS, {
    namespace: storageNamespace,
    labelSelector: helmReleaseSelector(releaseName),
    signal,
  });
  const revisions: HelmReleaseRevision[] = [];
  for (const secret of items) {
    const data = str(secret, 'data', 'release');
    if (data === '') continue;
    const revision = parseHelmRelease(decodeHelmReleaseData(data), str(secret, 'metadata', 'name'));
    if (revision) revisions.push(revision);
  }
  return revisions.sort((a, b) => b.revision - a.revision);
}
