// The details of a controller pod (`enter` on :ctrl): what the platform team asks first when a controller
// crash-loops — why it is waiting, how its container last ended and when, its requests and limits, what
// it printed before it died (the previous container's log) and the kubelet's events about it.
import { podProblem } from '../flux/controller-health.js';
import { formatFluxLogsLine, parseLogLine } from '../flux/logs.js';
import { sanitizeText } from '../flux/sanitize.js';
import { formatAge } from '../flux/time.js';
import type { ClusterEvent, ControllerPod, PodResourceList, PreviousLogs } from './cluster-types.js';
import { type DetailLine, type DetailsTab, eventLines } from './details-lines.js';
import { compareEventsNewestFirst } from './event-columns.js';
import { lastExit } from './pod-columns.js';
import { wrapWords } from './text.js';

/** How many lines of the previous container's log are read: enough to see what led to the crash. */
export const PREVIOUS_LOG_LINES = 50;

const POD_PREFIX = 'Pod/';

/** The details key of a pod, beside the Flux objects' `Kind/namespace/name`. */
export function podDetailsKey(pod: Pick<ControllerPod, 'namespace' | 'name'>): string {
  return `${POD_PREFIX}${pod.namespace}/${pod.name}`;
}

export function isPodDetailsKey(key: string): boolean {
  return key.startsWith(POD_PREFIX);
}

export function findPod(pods: readonly ControllerPod[], key: string): ControllerPod | undefined {
  return pods.find((p) => podDetailsKey(p) === key);
}

export const POD_TABS: readonly DetailsTab[] = ['overview', 'events', 'yaml'];

export type PreviousLogsState = { readonly phase: 'loading' } | PreviousLogs;

/** The kubelet's events about this pod, newest first. */
export function podEvents(events: readonly ClusterEvent[], pod: ControllerPod): ClusterEvent[] {
  return events
    .filter(
      (e) =>
        e.involved.kind === 'Pod' && e.involved.name === pod.name && e.involved.namespace === pod.namespace,
    )
    .sort(compareEventsNewestFirst);
}

function resourcesText(list: PodResourceList): string {
  const entries = Object.entries(list);
  return entries.length === 0 ? 'none set' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}

const heading = (text: string): DetailLine => ({ text, bold: true });
const blank: DetailLine = { text: '' };

/** Prose and log lines broken at spaces; a word longer than the line is split. */
function wrapped(text: string, width: number, indent: string, tone?: DetailLine['tone']): DetailLine[] {
  return wrapWords(text, Math.max(10, width - indent.length)).map((t) => ({
    text: indent + t,
    ...(tone ? { tone } : {}),
  }));
}

export interface PodOverviewInput {
  readonly pod: ControllerPod;
  readonly events: readonly ClusterEvent[];
  readonly previous: PreviousLogsState;
  readonly now: number;
  readonly width: number;
}

export function podOverviewLines({ pod, events, previous, now, width }: PodOverviewInput): DetailLine[] {
  const problem = podProblem(pod);
  const lines: DetailLine[] = [
    {
      text: `${sanitizeText(pod.controller, 80)}  ${pod.ready ? 'ready' : 'not ready'}  ${sanitizeText(pod.waitingReason || pod.phase, 60)}`,
      tone: problem ? 'bad' : pod.ready ? 'ok' : 'warn',
      bold: true,
    },
  ];
  if (problem) lines.push(...wrapped(`escalate to the platform team: ${problem}`, width, '  ', 'bad'));
  const last = pod.lastTermination;
  lines.push({ text: `  restarts ${pod.restarts}   age ${formatAge(pod.createdAt, now) || '?'}` });
  if (last) {
    const ago = formatAge(last.finishedAt, now);
    lines.push({
      text: `  last terminated: ${lastExit(pod) || 'reason not given'}${ago ? `, ${ago} ago` : ''}${last.reason === 'OOMKilled' ? ' (out of memory: over its memory limit)' : ''}`,
      tone: last.exitCode === 0 ? undefined : 'warn',
    });
  } else lines.push({ text: '  never terminated', tone: 'muted' });
  lines.push(
    blank,
    heading(`Resources (container ${sanitizeText(pod.container, 63)})`),
    { text: `  requests: ${resourcesText(pod.resources.requests)}` },
    { text: `  limits:   ${resourcesText(pod.resources.limits)}` },
    { text: `  image:    ${sanitizeText(pod.image, 300)}` },
    blank,
    heading(`Previous container's log (last ${PREVIOUS_LOG_LINES} lines)`),
    ...previousLogLines(previous, width),
  );
  const recent = podEvents(events, pod).slice(0, 5);
  lines.push(blank, heading('Events (newest first; e shows all)'), ...eventLines(recent, now, width));
  return lines;
}

export function previousLogLines(previous: PreviousLogsState, width: number): DetailLine[] {
  switch (previous.phase) {
    case 'loading':
      return [{ text: '  reading the previous container’s log…', tone: 'muted' }];
    case 'none':
      return wrapped(previous.message, width, '  ', 'muted');
    case 'error':
      return wrapped(previous.message, width, '  ', 'bad');
    case 'ready':
      if (previous.lines.length === 0)
        return [{ text: '  the previous container printed nothing', tone: 'muted' }];
      // As `flux logs` prints them (time, level, object, message, error): the message first within the width.
      return previous.lines.flatMap((line) =>
        wrapped(formatFluxLogsLine(parseLogLine(line)).trimEnd(), width, '  '),
      );
  }
}
