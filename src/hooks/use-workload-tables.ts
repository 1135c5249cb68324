// The tables under the `:tree` screen: a workload's pods (`enter` on a Deployment, StatefulSet …), live,
// and one pod container's log (`l` on a pod), followed. Both subscribe only while shown.
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { sanitizeText } from '../flux/sanitize.js';
import type { ClusterPort, PodLogState, PodSet } from '../kube/port.js';
import { shownColumns } from '../present/grid-layout.js';
import type { AuxTable } from '../present/tables.js';
import type { Notice } from '../present/watch-state.js';
import {
  type PodLogLine,
  podLogColumns,
  type WorkloadPodRow,
  workloadPodColumns,
  workloadPodRow,
  workloadPodStyle,
} from '../present/workload-pods.js';
import type { ListScreen } from './navigation.js';
import { type TableSpec, useTableRows } from './use-table-rows.js';

/** The `workload` view's scope: `Kind/namespace/name#selector`. */
export function workloadScope(key: string, selector: string): string {
  return `${key}#${selector}`;
}

export function parseWorkloadScope(scope: string | undefined) {
  if (!scope) return undefined;
  const hash = scope.indexOf('#');
  if (hash < 0) return undefined;
  const key = scope.slice(0, hash);
  const [kind = '', namespace = '', ...name] = key.split('/');
  return { key, kind, namespace, name: name.join('/'), selector: scope.slice(hash + 1) };
}

/** The `podlog` view's scope: `namespace/pod/container`. */
export function podLogScope(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}

function parsePodLogScope(scope: string | undefined) {
  const [namespace = '', pod = '', container = ''] = (scope ?? '').split('/');
  return namespace && pod && container ? { namespace, pod, container } : undefined;
}

const POD_SPEC: TableSpec<WorkloadPodRow> = {
  key: (r) => r.key,
  haystack: (r) => [r.name, r.status, r.node, r.message],
  healthy: (r) => r.healthy,
  order: (r) => [r.name],
};

const NO_PODS: readonly WorkloadPodRow[] = [];

export function useWorkloadPodsTable(
  port: ClusterPort,
  list: ListScreen,
  now: number,
  width: number,
): AuxTable<WorkloadPodRow> {
  const target = list.view === 'workload' ? parseWorkloadScope(list.scope) : undefined;
  const [set, setSet] = useState<{ scope: string; set: PodSet } | undefined>(undefined);
  const scope = target ? (list.scope ?? '') : '';
  useEffect(() => {
    const t = parseWorkloadScope(scope);
    if (!t || !port.watchPods) return undefined;
    return port.watchPods(t.namespace, t.selector, (s) => setSet({ scope, set: s }));
  }, [port, scope]);
  const current = set?.scope === scope ? set.set : undefined;
  const rows = useMemo(() => (current ? current.pods.map(workloadPodRow) : NO_PODS), [current]);
  const clock = useRef(now);
  clock.current = now;
  const columns = useMemo(() => workloadPodColumns(() => clock.current), []);
  const sortColumns = useMemo(() => shownColumns(columns, width), [columns, width]);
  const table = useTableRows(rows, POD_SPEC, list.filter, list.health, list.sort, sortColumns, scope);
  const notices: Notice[] = [];
  if (target) {
    if (!port.watchPods) notices.push({ text: 'pods cannot be listed here', tone: 'bad' });
    else if (!current || current.state.phase === 'loading')
      notices.push({
        text: `listing the pods of ${target.kind} ${target.namespace}/${target.name}…`,
        tone: 'busy',
      });
    else if (current.state.phase === 'forbidden')
      notices.push({
        text: `the pods cannot be listed: ${sanitizeText(current.state.message, 300)}`,
        tone: 'bad',
      });
    else if (current.pods.length === 0)
      notices.push({
        text: `no pod matches ${sanitizeText(target.selector, 200)}: the workload has none running`,
        tone: 'warn',
      });
    else
      notices.push({
        text: `pods selected by ${sanitizeText(target.selector, 200)} — l follows the log, T traces`,
        tone: 'muted',
      });
  }
  return {
    ...table,
    title: target ? `Pods(${target.kind}/${target.namespace}/${target.name})` : 'Pods',
    columns,
    rowKey: (r) => r.key,
    rowStyle: workloadPodStyle,
    notices,
    unavailable: target !== undefined && !port.watchPods,
  };
}

const LOG_SPEC: TableSpec<PodLogLine> = {
  key: (r) => String(r.index),
  haystack: (r) => [r.text],
  // Newest first: the line that just arrived is where the eye already is.
  order: (r) => [-r.index],
  structural: true,
};
const LOG_COLUMNS = podLogColumns();
/** Lines kept per followed log; the oldest go first. */
const LOG_CAPACITY = 5000;

interface LogBuffer {
  readonly scope: string;
  lines: PodLogLine[];
  next: number;
  state: PodLogState;
}

export function usePodLogTable(port: ClusterPort, list: ListScreen, width: number): AuxTable<PodLogLine> {
  const target = list.view === 'podlog' ? parsePodLogScope(list.scope) : undefined;
  const scope = target ? (list.scope ?? '') : '';
  const buffer = useRef<LogBuffer | undefined>(undefined);
  const [tick, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const target = parsePodLogScope(scope);
    if (!target || !port.followPodLog) return undefined;
    const b: LogBuffer = { scope, lines: [], next: 0, state: { phase: 'connecting' } };
    buffer.current = b;
    let queued = false;
    // Lines arrive in bursts (the tail first): one render per burst.
    const render = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        bump();
      });
    };
    return port.followPodLog(
      target.namespace,
      target.pod,
      target.container,
      (text) => {
        b.lines.push({ index: b.next++, text: sanitizeText(text, 2000) });
        if (b.lines.length > LOG_CAPACITY) b.lines = b.lines.slice(-LOG_CAPACITY);
        render();
      },
      (state) => {
        b.state = state;
        render();
      },
    );
  }, [port, scope]);
  const held = buffer.current?.scope === scope ? buffer.current : undefined;
  // tick: the buffer is mutated in place; a new array per render keeps the table's memo honest.
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick says the buffer grew in place.
  const rows = useMemo(() => (held ? [...held.lines] : []), [held, tick]);
  const sortColumns = useMemo(() => shownColumns(LOG_COLUMNS, width), [width]);
  const table = useTableRows(rows, LOG_SPEC, list.filter, 'all', undefined, sortColumns, scope);
  const notices: Notice[] = [];
  if (target) {
    const s = held?.state ?? { phase: 'connecting' };
    if (!port.followPodLog) notices.push({ text: 'logs cannot be read here', tone: 'bad' });
    else if (s.phase === 'connecting')
      notices.push({ text: `connecting to ${target.pod}/${target.container}…`, tone: 'busy' });
    else if (s.phase === 'following')
      notices.push({
        text: `following ${target.pod}/${target.container} (newest first: the last 200 lines, then live)`,
        tone: 'muted',
      });
    else notices.push({ text: s.message, tone: s.phase === 'failed' ? 'bad' : 'warn' });
  }
  return {
    ...table,
    title: target ? `Log(${target.namespace}/${target.pod}/${target.container})` : 'Log',
    columns: LOG_COLUMNS,
    rowKey: (r) => String(r.index),
    rowStyle: () => ({ tone: undefined }),
    notices,
    unavailable: target !== undefined && !port.followPodLog,
  };
}
