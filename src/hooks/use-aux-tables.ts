// The tables that are not Flux objects: controller pods and events. Both are computed only while their
// view is shown (an empty base otherwise), so they cost nothing elsewhere.
import { useMemo } from 'react';
import { readFluxReport } from '../flux/flux-report.js';
import { str } from '../flux/narrow.js';
import { parseTime } from '../flux/time.js';
import type { ClusterEvent, ClusterSnapshot, ControllerPod, WatchState } from '../kube/port.js';
import { eventColumns, eventKey, eventRowStyle } from '../present/event-columns.js';
import { fluxReportLines } from '../present/flux-report-lines.js';
import { shownColumns } from '../present/grid-layout.js';
import { crashLoopNotices, podColumns, podKey, podOrder, podRowStyle } from '../present/pod-columns.js';
import type { AuxTable } from '../present/tables.js';
import { watchNotice } from '../present/watch-state.js';
import type { ListScreen } from './navigation.js';
import { type TableSpec, useTableRows } from './use-table-rows.js';

const POD_SPEC: TableSpec<ControllerPod> = {
  key: podKey,
  haystack: (p) => [p.name, p.namespace, p.controller, p.waitingReason, p.phase],
  healthy: (p) => p.ready,
  order: podOrder,
};

const EVENT_SPEC: TableSpec<ClusterEvent> = {
  key: eventKey,
  haystack: (e) => [e.involved.name, e.namespace, e.message, e.reason, e.involved.kind],
  healthy: (e) => e.type !== 'Warning',
  // Events of the same second in a fixed, readable order (by object, then reason), not by their random uid.
  order: (e) => [
    -(parseTime(e.lastSeen) ?? 0),
    e.involved.kind,
    e.involved.namespace,
    e.involved.name,
    e.reason,
    e.uid,
  ],
};

const NONE: readonly never[] = [];

/** The Flux Operator's report (`flux`, else the first listed), when its kind is installed and listed. */
function fluxReport(snapshot: ClusterSnapshot) {
  const raw = snapshot.kinds.get('FluxReport')?.raw;
  if (!raw || raw.size === 0) return undefined;
  const all = [...raw.values()];
  return all.find((r) => str(r, 'metadata', 'name') === 'flux') ?? all[0];
}

function stateNotices(what: string, plural: string, state: WatchState, namespace: string | undefined) {
  const n = watchNotice(what, plural, state, namespace);
  return { notices: n ? [n] : [], unavailable: state.phase !== 'ready' && state.phase !== 'disconnected' };
}

function title(base: string, list: ListScreen, namespace: string | undefined): string {
  const f = [list.filter ? `</${list.filter}>` : '', list.health !== 'all' ? `<${list.health}>` : ''].filter(
    Boolean,
  );
  return `${base}(${namespace ?? 'all'})${f.length ? ` ${f.join(' ')}` : ''}`;
}

export function usePodTable(
  snapshot: ClusterSnapshot,
  list: ListScreen,
  now: number,
  namespace: string | undefined,
  width: number,
): AuxTable<ControllerPod> {
  const shown = list.view === 'controllers';
  const base = shown ? snapshot.pods.items : NONE;
  const allNs = namespace === undefined;
  const sortColumns = useMemo(() => shownColumns(podColumns(0, allNs), width), [allNs, width]);
  const table = useTableRows(base, POD_SPEC, list.filter, list.health, list.sort, sortColumns, namespace);
  const columns = useMemo(() => podColumns(now, allNs), [now, allNs]);
  const state = stateNotices('Pod', 'pods', snapshot.pods.state, namespace);
  const crash = useMemo(() => crashLoopNotices(base), [base]);
  const report = shown ? fluxReport(snapshot) : undefined;
  const summary = useMemo(() => (report ? fluxReportLines(readFluxReport(report)) : NONE), [report]);
  return {
    ...table,
    title: title('Controllers', list, namespace),
    columns,
    rowKey: podKey,
    rowStyle: podRowStyle,
    notices: [...crash, ...state.notices],
    summary,
    unavailable: state.unavailable,
  };
}

export function useEventTable(
  snapshot: ClusterSnapshot,
  list: ListScreen,
  now: number,
  namespace: string | undefined,
  width: number,
): AuxTable<ClusterEvent> {
  const shown = list.view === 'events';
  const base = shown ? snapshot.events.items : NONE;
  const allNs = namespace === undefined;
  const sortColumns = useMemo(() => shownColumns(eventColumns(0, allNs), width), [allNs, width]);
  const table = useTableRows(base, EVENT_SPEC, list.filter, list.health, list.sort, sortColumns, namespace);
  const columns = useMemo(() => eventColumns(now, allNs), [now, allNs]);
  const state = stateNotices('Event', 'events', snapshot.events.state, namespace);
  return {
    ...table,
    title: title('Events', list, namespace),
    columns,
    rowKey: eventKey,
    rowStyle: eventRowStyle,
    notices: state.notices,
    unavailable: state.unavailable,
  };
}
