// The Flux controllers' Deployments in flux-system (`app.kubernetes.io/part-of=flux`), as the console reads
// them to know whether a controller can answer a request (src/flux/controller-health.ts).
import type { ControllerDeployment } from '../flux/controller-health.js';
import { num, str, stringMap } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import { compareText } from '../flux/text-order.js';
import type { RawObject } from './port.js';

export function toControllerDeployment(raw: RawObject): ControllerDeployment | undefined {
  const name = sanitizeText(str(raw, 'metadata', 'name'), 253);
  if (name === '') return undefined;
  const app = stringMap(raw, 'spec', 'template', 'metadata', 'labels')['app'];
  // spec.replicas is defaulted to 1 by the API server; a missing field is 1, not 0.
  const replicas = num(raw, 'spec', 'replicas') ?? 1;
  return {
    name,
    controller: app ? sanitizeText(app, 253) : name,
    replicas: Math.max(0, replicas),
    readyReplicas: Math.max(0, num(raw, 'status', 'readyReplicas') ?? 0),
  };
}

export function compareControllerDeployments(a: ControllerDeployment, b: ControllerDeployment): number {
  return compareText(a.controller, b.controller) || compareText(a.name, b.name);
}
