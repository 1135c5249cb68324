// The Changes tab's data: read from Helm storage when the tab opens, and again when the release's revision
// moves — not on every snapshot (each read lists and decodes every revision's Secret).
import { useEffect, useRef, useState } from 'react';
import { helmReleaseName, helmStorageNamespace } from '../flux/helm.js';
import type { HelmChanges } from '../flux/helm-changes.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterPort } from '../kube/port.js';
import type { ChangesState } from '../present/changes-lines.js';

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
  const [state, setState] = useState<{ key: string; state: ChangesState } | undefined>(undefined);
  const target = useRef(row);
  target.current = row;
  const trigger = row ? `${row.key}@${row.revision}` : undefined;
  useEffect(() => {
    const current = target.current;
    if (trigger === undefined || !current) return undefined;
    const key = current.key;
    if (!load) {
      setState({ key, state: { phase: 'error', message: 'Helm storage cannot be read here' } });
      return undefined;
    }
    let live = true;
    setState({ key, state: { phase: 'loading' } });
    load(current).then(
      (changes) => live && setState({ key, state: { phase: 'ready', changes } }),
      (e: unknown) =>
        live &&
        setState({ key, state: { phase: 'error', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [trigger, load]);
  return row && state?.key === row.key ? state.state : { phase: 'loading' };
}
