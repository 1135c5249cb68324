// The model of a table of Flux objects (Failing, Kustomizations, HelmReleases, Sources, Images,
// Notifications): which rows, in which order, with which columns and which watch-state notices.
import { useMemo } from 'react';
import { healthRank, needsAttention } from '../flux/status.js';
import { parseTime } from '../flux/time.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterSnapshot } from '../kube/port.js';
import { viewSpec } from '../present/catalog.js';
import { shownColumns } from '../present/grid-layout.js';
import { type StatusContext, statusColumns, statusRowStyle } from '../present/status-columns.js';
import type { StatusTable } from '../present/tables.js';
import type { Notice } from '../present/watch-state.js';
import { kindNotice } from '../present/watch-state.js';
import { workloadNotices } from '../present/workload-notice.js';
import type { ListScreen } from './navigation.js';
import { useKindRows } from './use-cluster.js';
import { forbiddenEverywhere, unreadableExplanation } from './use-summary.js';
import { type OrderKey, type TableSpec, useTableRows } from './use-table-rows.js';

export type ChainFacts = Pick<StatusContext, 'blockedBy' | 'chainMark'>;

const haystack = (r: StatusRow) => [r.ref.name, r.ref.namespace, r.message, r.ref.kind];

/**
 * compareRows (src/flux/status.ts) as an order key: problems first (healthRank), the longest failing, then
 * namespace, name, kind. A key per row instead of a comparator because compareRows parses timestamps on
 * every comparison, which costs ~0.3 s for 10,000 rows; test/unit/ui-order.test.ts keeps the two equal.
 */
export function statusOrder(row: StatusRow): OrderKey {
  const since = parseTime(row.failingSince) ?? Number.POSITIVE_INFINITY;
  return [healthRank(row.health), since, row.ref.namespace, row.ref.name, row.ref.kind];
}

const STATUS_SPEC: TableSpec<StatusRow> = {
  key: (r) => r.key,
  haystack,
  healthy: (r) => !needsAttention(r),
  order: statusOrder,
};

/** Longest failing first: the runbook alerts on duration, and the oldest failure is usually the cause. */
const FAILING_SPEC: TableSpec<StatusRow> = {
  ...STATUS_SPEC,
  order: (r) => [parseTime(r.failingSince) ?? Number.POSITIVE_INFINITY, ...statusOrder(r)],
};

export interface StatusTableOptions {
  readonly now: number;
  readonly alertThresholdMs: number;
  readonly namespace: string | undefined;
  readonly chain: ChainFacts;
  /** The table's own width (less the logs pane beside it): which columns it shows, and so sorts on. */
  readonly width: number;
}

export function useStatusTable(
  snapshot: ClusterSnapshot,
  list: ListScreen,
  opts: StatusTableOptions,
): StatusTable {
  const spec = viewSpec(list.view);
  const kinds = useMemo(() => (list.kind ? [list.kind] : spec.kinds), [list.kind, spec]);
  const kindRows = useKindRows(snapshot, kinds);
  const failing = list.view === 'failing';
  const base = useMemo(() => (failing ? kindRows.filter(needsAttention) : kindRows), [kindRows, failing]);

  const { alertThresholdMs, namespace, chain, now } = opts;
  const allNamespaces = namespace === undefined;
  // Sort values never depend on the clock, so a tick re-sorts nothing.
  const sortCtx = useMemo<StatusContext>(
    () => ({ now: 0, alertThresholdMs, allNamespaces, ...chain }),
    [alertThresholdMs, allNamespaces, chain],
  );
  const { width } = opts;
  // A sort on a column this width hides falls back to the view's order: the sort key is always shown.
  const sortColumns = useMemo(
    () => shownColumns(statusColumns(list.view, sortCtx), width),
    [list.view, sortCtx, width],
  );
  const table = useTableRows(
    base,
    failing ? FAILING_SPEC : STATUS_SPEC,
    list.filter,
    list.health,
    list.sort,
    sortColumns,
    `${list.view}/${list.kind ?? ''}/${opts.namespace ?? ''}`,
  );

  const ctx = useMemo(() => ({ ...sortCtx, now }), [sortCtx, now]);
  const columns = useMemo(() => statusColumns(list.view, ctx), [list.view, ctx]);
  const allColumns = useMemo(
    () => (allNamespaces ? columns : statusColumns(list.view, { ...ctx, allNamespaces: true })),
    [allNamespaces, columns, list.view, ctx],
  );
  const rowStyle = useMemo(() => statusRowStyle(ctx), [ctx]);

  const states = kinds.map((k) => snapshot.kinds.get(k)?.state ?? { phase: 'loading' as const });
  // Every kind forbidden: one explanation rather than a dozen "cannot list" lines.
  const blind = kinds.length > 1 && forbiddenEverywhere(states) !== undefined;
  const notices: readonly Notice[] = blind
    ? unreadableExplanation(states, namespace).map((text) => ({ text, tone: 'bad' as const }))
    : kinds.flatMap((k, i) => {
        const state = states[i];
        const n = state ? kindNotice(k, state, namespace) : undefined;
        // Not installed is normal for optional kinds in a family view; say it only when it is the whole view.
        return n && !(state?.phase === 'not-installed' && kinds.length > 1) ? [n] : [];
      });
  const workloads = failing ? workloadNotices(snapshot.workloads, namespace) : [];
  const shown = workloads.length > 0 ? [...notices, ...workloads] : notices;
  // Disconnected and not-served-yet kinds still show the rows seen last (stale, and the notice says so).
  const unavailable = states.every(
    (s) => s.phase !== 'ready' && s.phase !== 'disconnected' && s.phase !== 'not-served-yet',
  );

  const kindTitle = list.kind && spec.family ? `:${list.kind}` : '';
  const scope = namespace ?? 'all';
  const filters = [list.filter ? `</${list.filter}>` : '', list.health !== 'all' ? `<${list.health}>` : '']
    .filter(Boolean)
    .join(' ');
  const title = `${spec.title}${kindTitle}(${scope})${filters ? ` ${filters}` : ''}`;
  return { ...table, title, kinds, columns, allColumns, sortColumns, rowStyle, notices: shown, unavailable };
}
