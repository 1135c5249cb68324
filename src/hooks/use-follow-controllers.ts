// Tells the port whose logs to stream: the selected object's controller, every Flux controller on the
// Failing view, the selected pod's controller on the Controllers view; nothing while the pane is hidden.
import { useEffect } from 'react';
import { KINDS, kindInfo } from '../flux/kinds.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterPort } from '../kube/port.js';
import type { ViewId } from '../present/catalog.js';
import { viewSpec } from '../present/catalog.js';

const ALL_CONTROLLERS: readonly string[] = [...new Set(KINDS.map((k) => k.controller))];

/**
 * `installed`: the controllers that have pods (from the pods watch); when known, controllers that are not
 * installed (source-watcher on an older Flux) are not asked for.
 */
export function controllersFor(
  view: ViewId,
  row: StatusRow | undefined,
  podController: string | undefined,
  installed: ReadonlySet<string> | undefined,
): readonly string[] {
  const all =
    installed && installed.size > 0 ? ALL_CONTROLLERS.filter((c) => installed.has(c)) : ALL_CONTROLLERS;
  if (view === 'controllers') return podController ? [podController] : all;
  if (view === 'failing' || view === 'events') return all;
  if (row) return [kindInfo(row.ref.kind).controller];
  return [...new Set(viewSpec(view).kinds.map((k) => kindInfo(k).controller))].filter((c) => all.includes(c));
}

export function useFollowControllers(
  port: ClusterPort,
  visible: boolean,
  controllers: readonly string[],
): void {
  const wanted = visible ? controllers.join(',') : '';
  useEffect(() => {
    port.followControllers(wanted === '' ? [] : wanted.split(','));
  }, [port, wanted]);
}
