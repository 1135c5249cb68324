// Flux controller pods (flux-system, `app.kubernetes.io/part-of=flux`) as the console shows them.
import { array, field, num, str, stringMap } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import { compareText } from '../flux/text-order.js';
import type { ControllerPod, PodResourceList, PodTermination, RawObject } from './port.js';

export const FLUX_PART_OF_SELECTOR = 'app.kubernetes.io/part-of=flux';
/** The Flux Operator's Deployment and pods (flux-operator config/manager/deployment.yaml). */
export const FLUX_OPERATOR_SELECTOR = 'app.kubernetes.io/name=flux-operator';

/** How a controller's Deployment is labelled: the Flux Operator its own way, the Flux controllers part-of=flux. */
export function controllerSelector(controller: string): string {
  return controller === 'flux-operator' ? FLUX_OPERATOR_SELECTOR : FLUX_PART_OF_SELECTOR;
}

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

/**
 * How a container last ended (lastState.terminated): OOMKilled with exit code 137, Error with 1 …
 * (docs/logs-and-events.md). Its finishedAt is when the pod last restarted.
 */
export function lastTermination(status: unknown): PodTermination | undefined {
  const terminated = field(status, 'lastState', 'terminated');
  if (typeof terminated !== 'object' || terminated === null) return undefined;
  const exitCode = num(terminated, 'exitCode');
  return {
    reason: sanitizeText(str(terminated, 'reason'), 60),
    exitCode: exitCode !== undefined && Number.isInteger(exitCode) ? exitCode : undefined,
    finishedAt: sanitizeText(str(terminated, 'finishedAt'), 50),
  };
}

/** A container's requests or limits, quantities as strings (anything else is not a quantity: dropped). */
function resourceList(spec: unknown, which: 'requests' | 'limits'): PodResourceList {
  // fromEntries defines own properties, so a hostile `__proto__` key stays a plain key.
  return Object.fromEntries(
    Object.entries(stringMap(spec, 'resources', which))
      .slice(0, 20)
      .map(([k, v]) => [sanitizeText(k, 60), sanitizeText(v, 40)]),
  );
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
  const statuses = containerStatuses(raw);
  const status =
    statuses.find((s) => str(s, 'name') === container) ?? (statuses.length === 1 ? statuses[0] : undefined);
  const last = lastTermination(status);
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
    container: sanitizeText(container, 253),
    ...(last ? { lastTermination: last } : {}),
    resources: { requests: resourceList(spec, 'requests'), limits: resourceList(spec, 'limits') },
    raw,
  };
}

export function compareControllerPods(a: ControllerPod, b: ControllerPod): number {
  return compareText(a.controller, b.controller) || compareText(a.name, b.name);
}
