// Which table the list screen shows, as one value the app can route on.
import type { StatusRow } from '../flux/types.js';
import type { ClusterSnapshot } from '../kube/port.js';
import type { SessionData } from '../present/session-columns.js';
import type { CurrentTable } from '../present/tables.js';
import type { Notice } from '../present/watch-state.js';
import type { ListScreen, SortState } from './navigation.js';
import { useEventTable, usePodTable } from './use-aux-tables.js';
import { ORDER_HOLD_MS } from './use-order-hold.js';
import { useAuditTable, useSuspendedTable } from './use-session-tables.js';
import { type StatusTableOptions, useStatusTable } from './use-status-table.js';
import { type TimelineTableInput, useTimelineTable } from './use-timeline-table.js';
import { useTraceTable } from './use-trace-table.js';

const DEFAULT_SORT_COLUMN = {
  status: 'NAME',
  pods: 'NAME',
  events: 'LAST SEEN',
  suspended: 'SUSPENDED AT',
  audit: 'TIME',
  timeline: 'TIME',
  trace: 'LINK',
} as const;

export function useCurrentTable(
  snapshot: ClusterSnapshot,
  list: ListScreen,
  opts: StatusTableOptions,
  session: SessionData | undefined,
  timelineInput: Omit<TimelineTableInput, 'snapshot' | 'session' | 'now'>,
): CurrentTable {
  // Every hook runs on every render (rules of hooks); the ones for other views get an empty base.
  const status = useStatusTable(snapshot, list, opts);
  const pods = usePodTable(snapshot, list, opts.now, opts.namespace);
  const events = useEventTable(snapshot, list, opts.now, opts.namespace);
  const suspended = useSuspendedTable(session, list);
  const audit = useAuditTable(session, list);
  const timeline = useTimelineTable({ ...timelineInput, snapshot, session, now: opts.now }, list);
  const trace = useTraceTable(timelineInput.port, list, timelineInput.lookup);
  if (list.view === 'controllers') return { type: 'pods', table: announced(pods) };
  if (list.view === 'events') return { type: 'events', table: announced(events) };
  if (list.view === 'suspended') return { type: 'suspended', table: announced(suspended) };
  if (list.view === 'audit') return { type: 'audit', table: announced(audit) };
  if (list.view === 'timeline') return { type: 'timeline', table: announced(timeline) };
  if (list.view === 'trace') return { type: 'trace', table: trace };
  return { type: 'status', table: announced(status) };
}

/** Rows that arrived while the order was held are at the end: say so, or they slip in unseen. */
function announced<T extends { readonly arrived: number; readonly notices: readonly Notice[] }>(table: T): T {
  if (table.arrived === 0) return table;
  const rows = table.arrived === 1 ? '1 new row' : `${table.arrived} new rows`;
  const notice: Notice = {
    text: `${rows} at the end — order held while you work; sorted again ${ORDER_HOLD_MS / 1000} s after your last key`,
    tone: 'accent',
  };
  return { ...table, notices: [notice, ...table.notices] };
}

export function sortColumnIds(current: CurrentTable): readonly string[] {
  return current.table.columns.map((c) => c.id);
}

/** The sort in effect: the chosen one, or the view's natural column ascending. */
export function effectiveSort(current: CurrentTable, list: ListScreen): SortState {
  const fallback = list.view === 'failing' ? 'FAILING FOR' : DEFAULT_SORT_COLUMN[current.type];
  return list.sort ?? { column: fallback, desc: list.view === 'failing' };
}

/** The selected Flux object, when the table lists Flux objects. */
export function selectedStatusRow(current: CurrentTable, index: number): StatusRow | undefined {
  return current.type === 'status' ? current.table.rows[index] : undefined;
}
