// Which table the list screen shows, as one value the app can route on.
import type { StatusRow } from '../flux/types.js';
import type { ClusterSnapshot } from '../kube/port.js';
import { type GridColumn, shownColumns } from '../present/grid-layout.js';
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
import { useTreeTable } from './use-tree-table.js';
import { usePodLogTable, useWorkloadPodsTable } from './use-workload-tables.js';

const DEFAULT_SORT_COLUMN = {
  status: 'NAME',
  pods: 'NAME',
  events: 'LAST SEEN',
  suspended: 'SUSPENDED AT',
  audit: 'TIME',
  timeline: 'TIME',
  trace: 'LINK',
  tree: 'OBJECT',
  workload: 'NAME',
  podlog: 'LOG',
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
  const pods = usePodTable(snapshot, list, opts.now, opts.namespace, opts.width);
  const events = useEventTable(snapshot, list, opts.now, opts.namespace, opts.width);
  const suspended = useSuspendedTable(session, list, opts.width);
  const audit = useAuditTable(session, list, opts.width);
  const timeline = useTimelineTable({ ...timelineInput, snapshot, session, now: opts.now }, list, opts.width);
  const trace = useTraceTable(timelineInput.port, list, timelineInput.lookup, opts.width);
  const tree = useTreeTable(timelineInput.port, snapshot, list, opts.width);
  const workload = useWorkloadPodsTable(timelineInput.port, list, opts.now, opts.width);
  const podlog = usePodLogTable(timelineInput.port, list, opts.width);
  if (list.view === 'controllers') return { type: 'pods', table: announced(pods) };
  if (list.view === 'events') return { type: 'events', table: announced(events) };
  if (list.view === 'suspended') return { type: 'suspended', table: announced(suspended) };
  if (list.view === 'audit') return { type: 'audit', table: announced(audit) };
  if (list.view === 'timeline') return { type: 'timeline', table: announced(timeline) };
  if (list.view === 'trace') return { type: 'trace', table: trace };
  if (list.view === 'tree') return { type: 'tree', table: tree };
  if (list.view === 'workload') return { type: 'workload', table: workload };
  if (list.view === 'podlog') return { type: 'podlog', table: podlog };
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

/** The columns the sort keys cycle through: those the table shows at its width. */
export function sortColumnIds(current: CurrentTable, width: number): readonly string[] {
  return shownColumnIds(current, width);
}

function shownColumnIds(current: CurrentTable, width: number): readonly string[] {
  // The union's column types differ; only the ids matter here.
  const columns: readonly GridColumn<never>[] = current.table.columns;
  return shownColumns(columns, width).map((c) => c.id);
}

/** The chosen sort while the table shows its column at `width` (else the view's order); undefined: none. */
export function shownListSort(current: CurrentTable, list: ListScreen, width: number): SortState | undefined {
  return list.sort && shownColumnIds(current, width).includes(list.sort.column) ? list.sort : undefined;
}

/** The sort in effect: the chosen one (while shown), or the view's natural column ascending. */
export function effectiveSort(current: CurrentTable, list: ListScreen, width: number): SortState {
  const fallback = list.view === 'failing' ? 'FAILING FOR' : DEFAULT_SORT_COLUMN[current.type];
  return shownListSort(current, list, width) ?? { column: fallback, desc: list.view === 'failing' };
}

/** The selected Flux object, when the table lists Flux objects. */
export function selectedStatusRow(current: CurrentTable, index: number): StatusRow | undefined {
  return current.type === 'status' ? current.table.rows[index] : undefined;
}
