// The tables a list screen shows, as one value the app can route on and the views draw: rows in order,
// their keys, columns, row styles and watch-state notices.
import type { KindName } from '../flux/kinds.js';
import type { TimelineEntry } from '../flux/timeline.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterEvent, ControllerPod } from './cluster-types.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import type { SessionAuditRow, SessionSuspension } from './session-columns.js';
import type { TraceRow } from './trace-columns.js';
import type { TreeRow } from './tree-columns.js';
import type { Notice } from './watch-state.js';
import type { PodLogLine, WorkloadPodRow } from './workload-pods.js';

export interface TableRows<T> {
  readonly rows: readonly T[];
  readonly keys: readonly string[];
  /** Why the filter text was not usable as typed. */
  readonly problem: string | undefined;
  readonly total: number;
  /** Rows that arrived while the order was held, shown at the end instead of their sorted place. */
  readonly arrived: number;
}

export interface StatusTable extends TableRows<StatusRow> {
  readonly title: string;
  readonly kinds: readonly KindName[];
  readonly columns: readonly GridColumn<StatusRow>[];
  /**
   * Every column the view has — NAMESPACE too when one namespace hides it —: what a plugin's `$COL-…` reads,
   * so a plugin works the same whatever the terminal's width or the namespace.
   */
  readonly allColumns: readonly GridColumn<StatusRow>[];
  readonly sortColumns: readonly GridColumn<StatusRow>[];
  readonly rowStyle: (row: StatusRow) => RowStyle;
  readonly notices: readonly Notice[];
  /** Every kind of the view is still loading, forbidden or not installed: there is no table to show. */
  readonly unavailable: boolean;
}

export interface AuxTable<T> extends TableRows<T> {
  readonly title: string;
  readonly columns: readonly GridColumn<T>[];
  readonly rowKey: (row: T) => string;
  readonly rowStyle: (row: T) => RowStyle;
  readonly notices: readonly Notice[];
  /** Lines about the view as a whole, above its notices (the Controllers view: the Flux Operator's report). */
  readonly summary?: readonly Notice[];
  readonly unavailable: boolean;
}

export type CurrentTable =
  | { readonly type: 'status'; readonly table: StatusTable }
  | { readonly type: 'pods'; readonly table: AuxTable<ControllerPod> }
  | { readonly type: 'events'; readonly table: AuxTable<ClusterEvent> }
  | { readonly type: 'suspended'; readonly table: AuxTable<SessionSuspension> }
  | { readonly type: 'audit'; readonly table: AuxTable<SessionAuditRow> }
  | { readonly type: 'timeline'; readonly table: AuxTable<TimelineEntry> }
  | { readonly type: 'trace'; readonly table: AuxTable<TraceRow> }
  | { readonly type: 'tree'; readonly table: AuxTable<TreeRow> }
  | { readonly type: 'workload'; readonly table: AuxTable<WorkloadPodRow> }
  | { readonly type: 'podlog'; readonly table: AuxTable<PodLogLine> };
