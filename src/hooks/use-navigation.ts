// The navigation reducer as a hook, plus its two effects on the cluster: narrowing the port's watches to the
// chosen namespace, and choosing the home view once the first data is in.
import { useEffect, useReducer, useRef } from 'react';
import { KINDS } from '../flux/kinds.js';
import type { ClusterPort, ClusterSnapshot } from '../kube/port.js';
import { viewForWord } from '../present/catalog.js';
import { initialNav, navReducer } from './navigation.js';

/** The kinds that apply things (category `fluxcd-appliers`): Kustomization, HelmRelease, FluxInstance, ResourceSet. */
const APPLIERS = KINDS.filter((k) => k.categories.includes('fluxcd-appliers')).map((k) => k.kind);

/**
 * The applier kinds decide the home view: the runbook's alert is about Kustomizations and HelmReleases, and
 * on a Flux Operator cluster about its FluxInstance and ResourceSets too (a kind that is not installed
 * answers as quickly). When they are forbidden, every kind must have answered, to tell whether anything
 * could be read at all.
 */
function appliersLoaded(snapshot: ClusterSnapshot): boolean {
  const phases = APPLIERS.map((k) => snapshot.kinds.get(k)?.state.phase ?? 'loading');
  if (phases.some((p) => p === 'loading')) return false;
  if (!phases.includes('forbidden')) return true;
  return [...snapshot.kinds.values()].every((s) => s.state.phase !== 'loading');
}

export function useNavigation(
  port: ClusterPort,
  initialView: string | undefined,
  snapshot: ClusterSnapshot,
  failing: number,
  /** No Flux kind could be read (every one forbidden): Failing is where that is explained. */
  unreadable = false,
) {
  const start = initialView === undefined ? undefined : viewForWord(initialView);
  const [nav, dispatch] = useReducer(navReducer, undefined, () =>
    initialNav(start ?? { view: 'failing' }, port.info.namespace, start === undefined),
  );

  // Home is the Failing view when anything is failing or nothing could be read, else Kustomizations;
  // decided once, before the user moves, so the screen never jumps under them.
  const loaded = nav.homePending && appliersLoaded(snapshot);
  const home = failing > 0 || unreadable ? 'failing' : 'kustomizations';
  useEffect(() => {
    if (loaded) dispatch({ type: 'resolveHome', view: home });
  }, [loaded, home]);

  // A new port (another context) starts on the namespace it was created with: re-apply the user's choice.
  const applied = useRef({ port, namespace: nav.namespace });
  useEffect(() => {
    const last = applied.current;
    applied.current = { port, namespace: nav.namespace };
    const changed =
      last.port === port ? last.namespace !== nav.namespace : port.info.namespace !== nav.namespace;
    if (changed) port.setNamespace(nav.namespace);
  }, [port, nav.namespace]);

  return [nav, dispatch] as const;
}
