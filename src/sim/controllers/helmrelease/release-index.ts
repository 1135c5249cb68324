// Which Helm release revisions exist, from the storage Secrets' labels, kept current from store events —
// so a periodic HelmRelease reconcile does not copy every Secret of its namespace to find its release.
import { CORE_RESOURCES } from '../../resources.js';
import type { SimObject, SimStore, StoreEvent } from '../../types.js';
import { getStr } from '../json.js';

export interface StoredRevision {
  readonly version: number;
  readonly status: string;
  readonly secretName: string;
}

export class ReleaseIndex {
  /** `<storage namespace>/<release>` → version → revision. */
  private readonly releases = new Map<string, Map<number, StoredRevision>>();
  /** Secret `<namespace>/<name>` → the release key it was indexed under. */
  private readonly bySecret = new Map<string, string>();

  constructor(store: SimStore) {
    for (const secret of store.list(CORE_RESOURCES.secrets)) this.put(secret);
  }

  onStoreEvent(event: StoreEvent): void {
    if (event.resource !== CORE_RESOURCES.secrets) return;
    this.remove(event.object);
    if (event.type !== 'DELETED') this.put(event.object);
  }

  /** Revisions of a release, oldest first. */
  revisions(namespace: string, release: string): StoredRevision[] {
    const versions = this.releases.get(`${namespace}/${release}`);
    return versions ? [...versions.values()].sort((a, b) => a.version - b.version) : [];
  }

  private put(secret: SimObject): void {
    const labels = secret.metadata.labels;
    if (getStr(labels, 'owner') !== 'helm') return;
    const version = Number.parseInt(getStr(labels, 'version'), 10);
    if (!Number.isFinite(version)) return;
    const key = `${secret.metadata.namespace ?? ''}/${getStr(labels, 'name')}`;
    const versions = this.releases.get(key) ?? new Map<number, StoredRevision>();
    versions.set(version, { version, status: getStr(labels, 'status'), secretName: secret.metadata.name });
    this.releases.set(key, versions);
    this.bySecret.set(`${secret.metadata.namespace ?? ''}/${secret.metadata.name}`, key);
  }

  private remove(secret: SimObject): void {
    const id = `${secret.metadata.namespace ?? ''}/${secret.metadata.name}`;
    const key = this.bySecret.get(id);
    if (!key) return;
    this.bySecret.delete(id);
    const versions = this.releases.get(key);
    if (!versions) return;
    for (const [v, r] of versions) if (r.secretName === secret.metadata.name) versions.delete(v);
    if (versions.size === 0) this.releases.delete(key);
  }
}
