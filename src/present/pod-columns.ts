// The Controllers view: Flux controller pods. A crash-looping controller is the runbook's escalation signal,
// so it is coloured, sorted first and spelled out above the table; RESTARTS says when it last restarted
// (kubectl's `7 (4m ago)`) and LAST EXIT how (OOMKilled 137), which is what the platform team asks first.
import { sanitizeText } from '../flux/sanitize.js';
import { formatAge, parseTime } from '../flux/time.js';
import type { ControllerPod } from './cluster-types.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import type { Notice } from './watch-state.js';

/** CrashLoopBackOff, or not ready after several restarts: escalate to the platform team (docs/runbook.md). */
export function isCrashLooping(pod: ControllerPod): boolean {
  return pod.waitingReason === 'CrashLoopBackOff' || (!pod.ready && pod.restarts >= 3);
}

export function podStatus(pod: ControllerPod): string {
  return sanitizeText(pod.waitingReason || pod.phase, 60);
}

export const podKey = (pod: ControllerPod) => `${pod.namespace}/${pod.name}`;

/** How the container last ended, e.g. `OOMKilled 137`; '' when it never did. */
export function lastExit(pod: ControllerPod): string {
  const last = pod.lastTermination;
  if (!last) return '';
  return [last.reason, last.exitCode === undefined ? '' : String(last.exitCode)].filter(Boolean).join(' ');
}

/** `7 (4m ago)` as kubectl prints RESTARTS: the count, and how long since the container last ended. */
export function restartsCell(pod: ControllerPod, now: number): string {
  const ago = pod.lastTermination ? formatAge(pod.lastTermination.finishedAt, now) : '';
  return pod.restarts > 0 && ago ? `${pod.restarts} (${ago} ago)` : String(pod.restarts);
}

export function podColumns(now: number, allNamespaces: boolean): readonly GridColumn<ControllerPod>[] {
  const ns: GridColumn<ControllerPod>[] = allNamespaces
    ? [{ id: 'NAMESPACE', cell: (p) => sanitizeText(p.namespace, 63), min: 10, max: 20, identity: true }]
    : [];
  // Hidden first as the table narrows: CONTROLLER (the pod's name says it), IMAGE, then AGE. RESTARTS,
  // STATUS (CrashLoopBackOff) and LAST EXIT (OOMKilled 137) stay whole: they are the escalation signal.
  return [
    ...ns,
    { id: 'NAME', cell: (p) => sanitizeText(p.name, 253), min: 16, max: 48, identity: true },
    { id: 'CONTROLLER', cell: (p) => sanitizeText(p.controller, 60), min: 12, max: 30, drop: 5 },
    { id: 'READY', cell: (p) => (p.ready ? 'True' : 'False'), tone: (p) => (p.ready ? 'ok' : 'bad') },
    { id: 'RESTARTS', cell: (p) => restartsCell(p, now), min: 11, sortValue: (p) => p.restarts },
    {
      id: 'STATUS',
      cell: podStatus,
      min: 16,
      tone: (p) => (isCrashLooping(p) ? 'alert' : p.ready ? 'ok' : 'warn'),
    },
    {
      id: 'LAST EXIT',
      cell: lastExit,
      min: 13,
      tone: (p) => (p.lastTermination && p.lastTermination.exitCode !== 0 ? 'warn' : undefined),
    },
    {
      id: 'AGE',
      cell: (p) => formatAge(p.createdAt, now),
      align: 'right',
      min: 4,
      drop: 3,
      sortValue: (p) => -(parseTime(p.createdAt) ?? 0),
    },
    // Not flex: a pod's full name matters more than its image's.
    { id: 'IMAGE', cell: (p) => sanitizeText(p.image, 300), min: 30, max: 60, drop: 4 },
  ];
}

export function podRowStyle(pod: ControllerPod): RowStyle {
  if (isCrashLooping(pod)) return { tone: 'bad', alert: true };
  return { tone: pod.ready ? undefined : 'warn' };
}

/** Crash-looping controllers first (they are what the on-call must escalate), then not ready, then by name. */
export function podOrder(pod: ControllerPod): readonly (string | number)[] {
  return [isCrashLooping(pod) ? 0 : pod.ready ? 2 : 1, pod.controller, pod.name];
}

export function crashLoopNotices(pods: readonly ControllerPod[]): readonly Notice[] {
  return pods.filter(isCrashLooping).map((p) => ({
    text: `${sanitizeText(p.controller || p.name, 80)} is crash-looping (${podStatus(p)}, ${p.restarts} restarts): escalate to the platform team now (runbook)`,
    tone: 'alert' as const,
  }));
}
