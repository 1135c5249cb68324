// Which pod of a controller to read logs from: kubectl's podutils.ByLogging order, as `flux logs` uses it
// (assigned to a node, Running before Unknown before Pending, ready, ready for longer, more restarts, older),
// with pods already being deleted last.
import { array, field, record, str, stringMap } from '../flux/narrow.js';
import { compareText } from '../flux/text-order.js';
import { parseTime } from '../flux/time.js';
import { isPodReady, podRestarts } from './pods.js';
import type { RawObject } from './port.js';

const PHASE_RANK: Readonly<Record<string, number>> = { Running: 0, Unknown: 1, Pending: 2 };

function readySince(pod: RawObject): number {
  const ready = array(pod, 'status', 'conditions').find((c) => str(c, 'type') === 'Ready');
  return parseTime(str(ready, 'lastTransitionTime')) ?? Number.POSITIVE_INFINITY;
}

function created(pod: RawObject): number {
  return parseTime(str(pod, 'metadata', 'creationTimestamp')) ?? Number.POSITIVE_INFINITY;
}

/** Negative when a is the better pod to read logs from. */
export function compareForLogging(a: RawObject, b: RawObject): number {
  const deleting = (p: RawObject) => (field(p, 'metadata', 'deletionTimestamp') ? 1 : 0);
  const unassigned = (p: RawObject) => (str(p, 'spec', 'nodeName') ? 0 : 1);
  const phase = (p: RawObject) => PHASE_RANK[str(p, 'status', 'phase')] ?? 3;
  const notReady = (p: RawObject) => (isPodReady(p) ? 0 : 1);
  return (
    deleting(a) - deleting(b) ||
    unassigned(a) - unassigned(b) ||
    phase(a) - phase(b) ||
    notReady(a) - notReady(b) ||
    readySince(a) - readySince(b) ||
    podRestarts(b) - podRestarts(a) ||
    created(a) - created(b) ||
    compareText(str(a, 'metadata', 'name'), str(b, 'metadata', 'name'))
  );
}

export function bestPodForLogs<T extends RawObject>(pods: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const pod of pods) if (!best || compareForLogging(pod, best) < 0) best = pod;
  return best;
}

/** Whether a pod's labels satisfy a Deployment's spec.selector.matchLabels. */
export function matchesLabels(pod: unknown, matchLabels: Readonly<Record<string, string>>): boolean {
  const labels = stringMap(pod, 'metadata', 'labels');
  const entries = Object.entries(matchLabels);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** `k=v,k2=v2` for the API's labelSelector parameter. */
export function selectorString(matchLabels: Readonly<Record<string, string>>): string {
  return Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The Deployment of a controller: named after it, or whose pod template carries `app: <controller>`. */
export function deploymentFor(deployments: readonly RawObject[], controller: string): RawObject | undefined {
  return deployments.find(
    (d) =>
      str(d, 'metadata', 'name') === controller ||
      stringMap(d, 'spec', 'template', 'metadata', 'labels')['app'] === controller,
  );
}

export function deploymentSelector(deployment: RawObject): Readonly<Record<string, string>> {
  const match = stringMap(deployment, 'spec', 'selector', 'matchLabels');
  return Object.keys(match).length > 0 || !record(deployment, 'spec', 'template')
    ? match
    : stringMap(deployment, 'spec', 'template', 'metadata', 'labels');
}
