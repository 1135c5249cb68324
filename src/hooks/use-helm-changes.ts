// The Changes tab's data: read from Helm storage when the tab opens, and again when the release's revision
// moves — not on every snapshot (each read lists and decodes every revision's Secret).
import { helmReleaseName, helmStorageNamespace } from '../flux/helm.js';
import type { HelmChanges } from '../flux/helm-changes.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterPort } from '../kube/port.js';
import type { ChangesState } from '../present/changes-lines.js';
import { useRevisionLoad } from './use-revision-load.js';

export type LoadHelmChanges = (row: StatusRow) => Promise<HelmChanges | undefined>;

export function helmChangesFromPort(port: ClusterPort): LoadHelmChanges | undefined {
  const read = port.helmChanges?.bind(port);
  if (!read) return undefined;
  return async (row) => {
    const raw =
      port.getSnapshot().kinds.get('HelmRelease')?.raw.get(row.key) ?? (await port.getObject(row.ref));
    if (!raw) throw new Error(`${row.key} is not in the cache`);
    return read(helmStorageNamespace(raw), helmReleaseName(raw));
  };
}

export function useHelmChanges(row: StatusRow | undefined, load: LoadHelmChanges | undefined): ChangesState {
  const loaded = useRevisionLoad(row, load, 'Helm storage cannot be read here');
  return loaded.phase === 'ready' ? { phase: 'ready', changes: loaded.value } : loaded;
}
