// The `:trace` table: the chain read through the port when the screen opens, and again when one of its
// Flux links changes in the live store (a new revision applied, a verdict moved) — never per snapshot, as
// each trace costs a few GETs. Built only while the view is shown.
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseTraceTargetKey, type TraceTarget } from '../flux/trace.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterPort } from '../kube/port.js';
import { shownColumns } from '../present/grid-layout.js';
import type { AuxTable } from '../present/tables.js';
import {
  type TraceRow,
  type TraceState,
  traceColumns,
  traceNotices,
  traceRowKey,
  traceRowStyle,
  traceRows,
} from '../present/trace-columns.js';
import type { ListScreen } from './navigation.js';
import { type TableSpec, useTableRows } from './use-table-rows.js';

const COLUMNS = traceColumns();
const NONE: readonly TraceRow[] = [];
const LOADING: TraceState = { phase: 'loading' };

const SPEC: TableSpec<TraceRow> = {
  key: traceRowKey,
  haystack: (r) => [r.kind, r.namespace, r.name, r.status, r.reason, r.message, r.revision],
  healthy: (r) => r.ready,
  // A chain reads from the object up to its source.
  order: (r) => [r.index],
};

export function describeTarget(t: TraceTarget): string {
  return t.namespace ? `${t.kind}/${t.name} -n ${t.namespace}` : `${t.kind}/${t.name}`;
}

interface Held {
  readonly key: string;
  readonly state: TraceState;
  /** The Flux links as the live store had them when this state arrived. */
  readonly seen: string;
}

function fluxSignature(
  state: TraceState | undefined,
  lookup: (key: string) => StatusRow | undefined,
): string {
  if (!state || !('ok' in state) || !state.ok) return '';
  return state.trace.links
    .flatMap((l) => (l.fluxKey ? [lookup(l.fluxKey)] : []))
    .map((row) => (row ? `${row.health}@${row.revision}@${row.reason}` : '-'))
    .join('|');
}

function useTrace(
  port: ClusterPort,
  target: string | undefined,
  lookup: (key: string) => StatusRow | undefined,
) {
  const [held, setHeld] = useState<Held | undefined>(undefined);
  const [refresh, setRefresh] = useState(0);
  const lookupRef = useRef(lookup);
  lookupRef.current = lookup;
  // A Flux link changed in the live store since the chain was read: read it again (once per change).
  const now = held?.key === target ? fluxSignature(held?.state, lookup) : '';
  const changed = held !== undefined && held.key === target && now !== held.seen;
  useEffect(() => {
    if (changed) setRefresh((n) => n + 1);
  }, [changed]);
  useEffect(() => {
    const key = target;
    if (key === undefined || refresh < 0) return undefined;
    const parsed = parseTraceTargetKey(key);
    const settle = (state: TraceState) =>
      setHeld({ key, state, seen: fluxSignature(state, lookupRef.current) });
    if (!parsed) {
      settle({ phase: 'error', message: `not a KIND/NAME: ${key}` });
      return undefined;
    }
    if (!port.trace) {
      settle({ phase: 'error', message: 'objects cannot be traced here' });
      return undefined;
    }
    let current = true;
    // A re-read keeps the chain on screen until the new one arrives.
    setHeld((prev) => (prev?.key === key ? prev : { key, state: LOADING, seen: '' }));
    port.trace(parsed).then(
      (outcome) => current && settle(outcome),
      (e: unknown) =>
        current && settle({ phase: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [target, refresh, port]);
  return target !== undefined && held?.key === target ? held.state : LOADING;
}

export function useTraceTable(
  port: ClusterPort,
  list: ListScreen,
  lookup: (key: string) => StatusRow | undefined,
  /** The table's width: a sort on a column it hides falls back to the chain's order. */
  width: number,
): AuxTable<TraceRow> {
  const shown = list.view === 'trace';
  const target = shown ? list.scope : undefined;
  const state = useTrace(port, target, lookup);
  const rows = useMemo(() => ('ok' in state && state.ok ? traceRows(state.trace) : NONE), [state]);
  const sortColumns = useMemo(() => shownColumns(COLUMNS, width), [width]);
  const table = useTableRows(rows, SPEC, list.filter, list.health, list.sort, sortColumns, target ?? '');
  const parsed = target ? parseTraceTargetKey(target) : undefined;
  const what = parsed ? describeTarget(parsed) : (target ?? '');
  const title = 'ok' in state && state.ok ? state.trace.title : what;
  const f = [list.filter ? `</${list.filter}>` : '', list.health !== 'all' ? `<${list.health}>` : ''].filter(
    Boolean,
  );
  return {
    ...table,
    title: `Trace(${title})${f.length ? ` ${f.join(' ')}` : ''}`,
    columns: COLUMNS,
    rowKey: traceRowKey,
    rowStyle: traceRowStyle,
    notices: shown ? traceNotices(state, what) : [],
    unavailable: shown && !('ok' in state && state.ok),
  };
}
