// The state of a Helm release compared with its HelmRelease (helm-controller internal/reconcile/state.go),
// decided from the storage Secrets' labels and status.history.
import type { ReleaseIndex, StoredRevision } from './release-index.js';
import { isPending } from './release-store.js';
import type { Snapshot } from './snapshots.js';

export type ReleaseState =
  | { readonly status: 'absent'; readonly reason: string }
  | { readonly status: 'locked'; readonly reason: string; readonly latest: StoredRevision }
  | { readonly status: 'unmanaged'; readonly reason: string; readonly latest: StoredRevision }
  | { readonly status: 'failed'; readonly latest: StoredRevision }
  | { readonly status: 'out-of-sync'; readonly reason: string; readonly latest: StoredRevision }
  | { readonly status: 'in-sync'; readonly latest: StoredRevision };

export interface Desired {
  readonly chartVersion: string;
  readonly configDigest: string;
}

export function determineReleaseState(
  index: ReleaseIndex,
  storageNamespace: string,
  releaseName: string,
  history: readonly Snapshot[],
  desired: Desired,
): ReleaseState {
  const revisions = index.revisions(storageNamespace, releaseName);
  const latest = revisions.at(-1);
  if (!latest) return { status: 'absent', reason: 'no release in storage for object' };
  if (isPending(latest.status))
    return { status: 'locked', reason: `release with status '${latest.status}'`, latest };
  const current = history[0];
  if (!current) {
    if (latest.status === 'uninstalled')
      return { status: 'absent', reason: 'found uninstalled release in storage' };
    return { status: 'unmanaged', reason: 'found existing release in storage', latest };
  }
  // A revision the controller did not make (e.g. a manual `helm rollback`) means it no longer manages the release.
  if (current.version !== latest.version) {
    return { status: 'unmanaged', reason: 'release not observed to be made for object', latest };
  }
  if (latest.status === 'failed') return { status: 'failed', latest };
  if (latest.status === 'uninstalled')
    return { status: 'absent', reason: 'found uninstalled release in storage' };
  if (current.chartVersion !== desired.chartVersion) {
    return { status: 'out-of-sync', reason: 'release chart changed', latest };
  }
  if (current.configDigest !== desired.configDigest) {
    return { status: 'out-of-sync', reason: 'release config values changed', latest };
  }
  return { status: 'in-sync', latest };
}
