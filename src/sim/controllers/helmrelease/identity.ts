// Which Helm release a HelmRelease manages and where its storage lives (helm-controller api/v2
// GetReleaseName, GetReleaseNamespace, GetStorageNamespace; internal/release/name.go).
import type { SimObject } from '../../types.js';
import { sha256Hex } from '../ids.js';
import { getStr } from '../json.js';

export interface ReleaseIdentity {
  readonly releaseName: string;
  readonly releaseNamespace: string;
  readonly storageNamespace: string;
}

export function releaseIdentity(hr: SimObject): ReleaseIdentity {
  const namespace = hr.metadata.namespace ?? 'default';
  const target = getStr(hr, 'spec', 'targetNamespace');
  const base =
    getStr(hr, 'spec', 'releaseName') || (target ? `${target}-${hr.metadata.name}` : hr.metadata.name);
  return {
    releaseName: shortenName(base),
    releaseNamespace: target || namespace,
    storageNamespace: getStr(hr, 'spec', 'storageNamespace') || namespace,
  };
}

/** Release names over 53 characters become the first 40, a dash and 12 hex of their sha256. */
export function shortenName(name: string): string {
  return name.length <= 53 ? name : `${name.slice(0, 40)}-${sha256Hex(name).slice(0, 12)}`;
}
