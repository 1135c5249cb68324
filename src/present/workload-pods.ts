// The drill-down below the `:tree` screen: `enter` on a workload lists its pods as `kubectl get pods` does
// (READY, STATUS with the waiting or termination reason, RESTARTS, AGE) plus why a pod is not ready;
// `l` on a pod follows its log. Everything here comes from the cluster and is sanitised.
import { array, bool, num, str } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import { formatAge } from '../flux/time.js';
import type { RawObject } from './cluster-types.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import type { Tone } from './theme.js';

export interface WorkloadPodRow {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly ready: string;
  readonly healthy: boolean;
  readonly status: string;
  readonly restarts: number;
  readonly created: string;
  readonly node: string;
  readonly message: string;
  /** The containers, for `l` (the first not ready one first). */
  readonly containers: readonly string[];
  readonly tone: Tone | undefined;
}

function containerStatuses(pod: RawObject): readonly unknown[] {
  return array(pod, 'status', 'containerStatuses');
}

/** kubectl's STATUS: Terminating, a container's waiting or termination reason, else the phase. */
function podStatus(pod: RawObject): { status: string; message: string } {
  if (str(pod, 'metadata', 'deletionTimestamp')) return { status: 'Terminating', message: '' };
  for (const cs of containerStatuses(pod)) {
    if (bool(cs, 'ready') === true) continue;
    const waiting = str(cs, 'state', 'waiting', 'reason');
    if (waiting) return { status: waiting, message: str(cs, 'state', 'waiting', 'message') };
    const ended = str(cs, 'state', 'terminated', 'reason');
    if (ended && num(cs, 'state', 'terminated', 'exitCode') !== 0)
      return { status: ended, message: str(cs, 'state', 'terminated', 'message') };
  }
  const phase = str(pod, 'status', 'phase') || 'Unknown';
  const unschedulable = array(pod, 'status', 'conditions').find(
    (c) => str(c, 'type') === 'PodScheduled' && str(c, 'status') === 'False',
  );
  if (unschedulable) return { status: phase, message: str(unschedulable, 'message') };
  return { status: phase, message: str(pod, 'status', 'message') };
}

export function workloadPodRow(pod: RawObject): WorkloadPodRow {
  const statuses = containerStatuses(pod);
  const specContainers = array(pod, 'spec', 'containers').map((c) => str(c, 'name'));
  const total = Math.max(specContainers.length, statuses.length);
  const readyCount = statuses.filter((cs) => bool(cs, 'ready') === true).length;
  const { status, message } = podStatus(pod);
  const restarts = statuses.reduce<number>((n, cs) => n + (num(cs, 'restartCount') ?? 0), 0);
  const notReady = statuses.filter((cs) => bool(cs, 'ready') !== true).map((cs) => str(cs, 'name'));
  const containers = [...new Set([...notReady, ...specContainers])].filter(Boolean);
  const phase = str(pod, 'status', 'phase');
  const healthy = phase === 'Succeeded' || (phase === 'Running' && readyCount === total && total > 0);
  const namespace = sanitizeText(str(pod, 'metadata', 'namespace'), 253);
  const name = sanitizeText(str(pod, 'metadata', 'name'), 253);
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    ready: `${readyCount}/${total}`,
    healthy,
    status: sanitizeText(status, 60),
    restarts,
    created: str(pod, 'metadata', 'creationTimestamp'),
    node: sanitizeText(str(pod, 'spec', 'nodeName'), 253),
    message: sanitizeText(message, 400),
    containers: containers.map((c) => sanitizeText(c, 63)),
    tone: healthy ? undefined : /BackOff|Err|Failed|OOM|Evicted/.test(status) ? 'bad' : 'warn',
  };
}

export function workloadPodColumns(now: () => number): readonly GridColumn<WorkloadPodRow>[] {
  return [
    { id: 'NAME', cell: (r) => r.name, min: 16, max: 63, identity: true, cutMiddle: true },
    { id: 'READY', cell: (r) => r.ready, min: 5 },
    { id: 'STATUS', cell: (r) => r.status, min: 10, max: 28, tone: (r) => r.tone },
    { id: 'RESTARTS', cell: (r) => String(r.restarts), min: 8, align: 'right', sortValue: (r) => r.restarts },
    {
      id: 'AGE',
      cell: (r) => (r.created ? formatAge(r.created, now()) : ''),
      min: 5,
      drop: 3,
      sortValue: (r) => r.created,
    },
    { id: 'NODE', cell: (r) => r.node, min: 8, max: 30, drop: 4 },
    { id: 'MESSAGE', cell: (r) => r.message, flex: true, min: 12, drop: 2 },
  ];
}

export function workloadPodStyle(_r: WorkloadPodRow): RowStyle {
  return { tone: undefined };
}

/** One followed log line (already sanitised). */
export interface PodLogLine {
  readonly index: number;
  readonly text: string;
}

export function podLogColumns(): readonly GridColumn<PodLogLine>[] {
  return [{ id: 'LOG', cell: (r) => r.text, flex: true, min: 20, sortValue: (r) => r.index }];
}
