// Flux controller pods (flux-system, `app.kubernetes.io/part-of=flux`) as the console shows them.
import { array, field, num, str, stringMap } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { ControllerPod, RawObject } from './port.js';

export const FLUX_PART_OF_SELECTOR = 'app.kubernetes.io/part-of=flux';

/** The controller a pod runs: its `app` label, else the component label, else the pod name. */
export function podController(raw: unknown): string {
  const labels = stringMap(raw, 'metadata', 'labels');
  return sanitizeText(
    labels['app'] ??
      labels['app.kubernetes.io/component'] ??
      labels['app.kubernetes.io/name'] ??
      str(raw, 'metadata', 'name'),
    253,
  );
}

function containerStatuses(raw: unknown): readonly unknown[] {
  return array(raw, 'status', 'containerStatuses');
}

export function isPodReady(raw: unknown): boolean {
  return array(raw, 'status', 'conditions').some(
    (c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True',
  );
}

export function podRestarts(raw: unknown): number {
  let total = 0;
  for (const s of containerStatuses(raw)) total += num(s, 'restartCount') ?? 0;
  return total;
}

/** The container whose logs `flux logs` reads: `manager` when there are several, else the only one. */
export function logContainer(raw: unknown): string {
  const names = array(raw, 'spec', 'containers')
    .map((c) => str(c, 'name'))
    .filter((n) => n !== '');
  if (names.length === 1) return names[0] ?? 'manager';
  return names.includes('manager') || names.length === 0 ? 'manager' : (names[0] ?? 'manager');
}

export function toControllerPod(raw: RawObject): ControllerPod | undefined {
  const name = sanitizeText(str(raw, 'metadata', 'name'), 253);
  if (name === '') return undefined;
  const container = logContainer(raw);
  const spec = array(raw, 'spec', 'containers').find((c) => str(c, 'name') === container);
  let waitingReason = '';
  for (const s of containerStatuses(raw)) {
    const reason = str(s, 'state', 'waiting', 'reason') || str(s, 'state', 'terminated', 'reason');
    if (reason) {
      waitingReason = sanitizeText(reason, 100);
      break;
    }
  }
  return {
    name,
    namespace: sanitizeText(str(raw, 'metadata', 'namespace'), 253),
    controller: podController(raw),
    phase: sanitizeText(str(raw, 'status', 'phase'), 50) || 'Unknown',
    ready: isPodReady(raw),
    restarts: podRestarts(raw),
    waitingReason,
    createdAt: sanitizeText(str(raw, 'metadata', 'creationTimestamp'), 50),
    image: sanitizeText(field(spec, 'image'), 500),
  };
}

export function compareControllerPods(a: ControllerPod, b: ControllerPod): number {
  return a.controller.localeCompare(b.controller) || a.name.localeCompare(b.name);
}
