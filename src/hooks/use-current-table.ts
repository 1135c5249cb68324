// Which table the list screen shows, as one value the app can route on.
import type { StatusRow } from '../flux/types.js';
import type { ClusterSnapshot } from '../kube/port.js';
import type { SessionData } from '../present/session-columns.js';
import type { CurrentTable } from '../present/tables.js';
import type { ListScreen, SortState } from './navigation.js';
import { useEventTable, usePodTable } from './use-aux-tables.js';
import { useAuditTable, useSuspendedTable } from './use-session-tables.js';
import { type StatusTableOptions, useStatusTable } from './use-status-table.js';

const DEFAULT_SORT_COLUMN = {
  status: 'NAME',
  pods: 'NAME',
  events: 'LAST SEEN',
  suspended: 'SUSPENDED AT',
  audit: 'TIME',
} as const;

export function useCurrentTable(
  snapshot: ClusterSnapshot,
  list: ListScreen,
  opts: StatusTableOptions,
  session?: SessionData,
): CurrentTable {
  // Every hook runs on every render (rules of hooks); the ones for other views get an empty base.
  const status = useStatusTable(snapshot, list, opts);
  const pods = usePodTable(snapshot, list, opts.now, opts.namespace);
  const events = useEventTable(snapshot, list, opts.now, opts.namespace);
  const suspended = useSuspendedTable(session, list);
  const audit = useAuditTable(session, list);
  if (list.view === 'controllers') return { type: 'pods', table: pods };
  if (list.view === 'events') return { type: 'events', table: events };
  if (list.view === 'suspended') return { type: 'suspended', table: suspended };
  if (list.view === 'audit') return { type: 'audit', table: audit };
  return { type: 'status', table: status };
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
