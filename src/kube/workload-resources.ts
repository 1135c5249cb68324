// The workload kinds' resources, and the one GET that tells whether an inventory entry's object is gone.
import type { WorkloadKind, WorkloadRef } from '../flux/workload-health.js';
import { isKubeError } from './errors.js';
import {
  DAEMONSETS,
  DEPLOYMENTS,
  objectPath,
  type ResourceType,
  resourceName,
  STATEFULSETS,
} from './paths.js';
import type { RawObject } from './port.js';
import type { Transport } from './transport.js';

export const WORKLOAD_RESOURCES: Readonly<Record<WorkloadKind, ResourceType>> = {
  Deployment: DEPLOYMENTS,
  StatefulSet: STATEFULSETS,
  DaemonSet: DAEMONSETS,
};

/** The object, `gone` on 404, undefined when the server does not say (forbidden, unreachable, unknown kind). */
export async function getWorkload(
  transport: Transport,
  ref: WorkloadRef,
  signal?: AbortSignal,
): Promise<RawObject | 'gone' | undefined> {
  const resource = WORKLOAD_RESOURCES[ref.kind as WorkloadKind];
  if (!resource) return undefined;
  try {
    const body = await transport.request({
      path: objectPath(resource, ref.namespace, ref.name),
      ...(signal ? { signal } : {}),
      about: { verb: 'get', resource: resourceName(resource), namespace: ref.namespace, name: ref.name },
    });
    return typeof body === 'object' && body !== null ? (body as RawObject) : undefined;
  } catch (error) {
    return isKubeError(error, 'not-found') ? 'gone' : undefined;
  }
}
