// The `:timeline` table: the incident's lines (src/flux/timeline.ts) from the snapshot (rows, transitions,
// events), the controllers' log lines the console holds, and this session's actions — built only while the
// view is shown, and again when the snapshot or the actions change. `:timeline chain` narrows it to the
// dependency chain of the object selected when it was opened: what it depends on, what depends on it, and
// their sources.
import { useMemo } from 'react';
import type { DependencyGraph } from '../flux/graph.js';
import { formatRFC3339 } from '../flux/time.js';
import { buildTimeline, type TimelineEntry, type TimelineLog } from '../flux/timeline.js';
import { type ObjectKey, objectKey, type StatusRow } from '../flux/types.js';
import type { ClusterPort, ClusterSnapshot } from '../kube/port.js';
import { shownColumns } from '../present/grid-layout.js';
import type { SessionData } from '../present/session-columns.js';
import type { AuxTable } from '../present/tables.js';
import { timelineColumns, timelineKey, timelineRowStyle } from '../present/timeline-columns.js';
import type { Notice } from '../present/watch-state.js';
import type { ListScreen } from './navigation.js';
import { type TableSpec, useTableRows } from './use-table-rows.js';

const COLUMNS = timelineColumns();
const NONE: readonly TimelineEntry[] = [];

const SPEC: TableSpec<TimelineEntry> = {
  key: timelineKey,
  haystack: (e) => [e.key, e.what, e.detail, e.source],
  healthy: (e) => e.tone === 'recovery' || e.tone === 'info' || e.tone === 'action',
  // Oldest first: a timeline reads from how it began.
  order: (e) => [e.at, timelineKey(e)],
};

/** The object, what it depends on (transitively), what depends on it, and the sources of all of them. */
export function chainKeys(
  graph: DependencyGraph,
  key: ObjectKey,
  lookup: (k: ObjectKey) => StatusRow | undefined,
) {
  const keys = new Set<ObjectKey>([key, ...graph.upstream(key), ...graph.downstream(key)]);
  for (const k of [...keys]) {
    const source = lookup(k)?.source;
    if (source) keys.add(objectKey(source));
  }
  return keys;
}

function logLines(port: ClusterPort): TimelineLog[] {
  return port.getLogSnapshot().entries.map((e) => ({
    ts: e.line.ts,
    level: e.line.level,
    message: e.line.message,
    error: e.line.error,
    kind: e.line.kind,
    namespace: e.line.namespace,
    name: e.line.name,
    controller: e.controller,
  }));
}

export interface TimelineTableInput {
  readonly port: ClusterPort;
  readonly snapshot: ClusterSnapshot;
  readonly rows: readonly StatusRow[];
  readonly graph: DependencyGraph;
  readonly lookup: (key: ObjectKey) => StatusRow | undefined;
  readonly session: SessionData | undefined;
  readonly now: number;
}

export function useTimelineTable(
  input: TimelineTableInput,
  list: ListScreen,
  /** The table's width: a sort on a column it hides falls back to the timeline's order. */
  width: number,
): AuxTable<TimelineEntry> {
  const shown = list.view === 'timeline';
  const { port, snapshot, rows, graph, lookup, session, now } = input;
  const scope = shown ? list.scope : undefined;
  // `now` moves every tick; the timeline needs it only for the quiet window, so the minute is enough.
  const minute = Math.floor(now / 60_000);
  const timeline = useMemo(() => {
    if (!shown) return undefined;
    const keys = scope ? chainKeys(graph, scope, lookup) : undefined;
    return buildTimeline(
      {
        rows,
        transitions: snapshot.transitions,
        events: snapshot.events.items,
        logs: logLines(port),
        actions: (session?.auditLines ?? []).map((a) => ({ ...a, user: 'you' })),
        now: minute * 60_000,
      },
      keys ? { keys } : {},
    );
  }, [shown, scope, graph, lookup, rows, snapshot, port, session, minute]);
  const sortColumns = useMemo(() => shownColumns(COLUMNS, width), [width]);
  const table = useTableRows(
    timeline?.entries ?? NONE,
    SPEC,
    list.filter,
    list.health,
    list.sort,
    sortColumns,
    scope ?? '',
  );
  const start = timeline ? formatRFC3339(new Date(timeline.start).toISOString()) : '';
  const notice: Notice = {
    text: !timeline
      ? ''
      : timeline.startKey
        ? `from ${start}, when ${timeline.startKey} began failing${timeline.startLowerBound ? ' (or earlier)' : ''} — enter opens a line's object, :report writes it all down`
        : `from ${start} (nothing failing now: the last hour) — enter opens a line's object, :report writes it all down`,
    tone: 'muted',
  };
  const f = [list.filter ? `</${list.filter}>` : '', list.health !== 'all' ? `<${list.health}>` : ''].filter(
    Boolean,
  );
  return {
    ...table,
    title: `Timeline${scope ? `(chain of ${scope})` : ''}${f.length ? ` ${f.join(' ')}` : ''}`,
    columns: COLUMNS,
    rowKey: timelineKey,
    rowStyle: timelineRowStyle,
    notices: timeline ? [notice] : [],
    unavailable: false,
  };
}
