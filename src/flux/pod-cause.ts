// Why a pod is not ready, in the kubelet's own words: the first container waiting for a reason other than
// starting (ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError …) or that ended with an error,
// else the pod's own failure or that it cannot be scheduled. Pure; the pod is untrusted JSON.
import { array, field, isRecord, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import { parseTime } from './time.js';

export interface PodCause {
  readonly reason: string;
  readonly message: string;
  readonly pod: string;
}

/** Waiting reasons that only say the container is on its way. */
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);

export function podCause(pod: unknown): PodCause | undefined {
  if (!isRecord(pod)) return undefined;
  const name = sanitizeText(str(pod, 'metadata', 'name'), 253);
  for (const cs of array(pod, 'status', 'containerStatuses')) {
    if (field(cs, 'ready') === true) continue;
    const reason = str(cs, 'state', 'waiting', 'reason');
    if (reason && !STARTING.has(reason)) {
      const message = str(cs, 'state', 'waiting', 'message');
      return { reason: sanitizeText(reason, 100), message: sanitizeText(message, 300), pod: name };
    }
    const ended = str(cs, 'state', 'terminated', 'reason');
    if (ended && field(cs, 'state', 'terminated', 'exitCode') !== 0) {
      return { reason: sanitizeText(ended, 100), message: '', pod: name };
    }
  }
  const phase = str(pod, 'status', 'phase');
  if (phase === 'Failed') {
    const reason = str(pod, 'status', 'reason') || 'Failed';
    return {
      reason: sanitizeText(reason, 100),
      message: sanitizeText(str(pod, 'status', 'message'), 300),
      pod: name,
    };
  }
  if (phase === 'Pending') {
    const scheduled = array(pod, 'status', 'conditions').find((c) => str(c, 'type') === 'PodScheduled');
    if (str(scheduled, 'status') === 'False' && str(scheduled, 'reason') === 'Unschedulable') {
      return { reason: 'Unschedulable', message: sanitizeText(str(scheduled, 'message'), 300), pod: name };
    }
  }
  return undefined;
}

/**
 * Since when the pod is not ready, as the pod says: its Ready condition's last transition to False, else
 * when it was created. undefined when it does not say.
 */
export function podUnreadySince(pod: unknown): number | undefined {
  const ready = array(pod, 'status', 'conditions').find((c) => str(c, 'type') === 'Ready');
  if (ready && str(ready, 'status') !== 'True') {
    const at = parseTime(str(ready, 'lastTransitionTime'));
    if (at !== undefined) return at;
  }
  return parseTime(str(pod, 'metadata', 'creationTimestamp'));
}
