// Deployments as a LIST of the workload watches returns them (no kind, no apiVersion), labelled as applied
// by a Kustomization in flux-system: the material of the workload table's and the store's Degraded tests.
import type { RawObject } from '../../src/kube/port.js';

export const kustomizeLabels = (owner: string) => ({
  'kustomize.toolkit.fluxcd.io/name': owner,
  'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
});

export interface ListedOptions {
  readonly resourceVersion?: string;
  /** In place of Progressing=NewReplicaSetAvailable and Available (True when ready, else False since 01:30). */
  readonly conditions?: readonly Record<string, unknown>[];
}

/** A Deployment `apps/<name>` of one replica, ready or not; `extra` replaces top-level fields. */
export function listedDeployment(
  name: string,
  owner: string,
  ready: boolean,
  extra: Record<string, unknown> = {},
  options: ListedOptions = {},
): RawObject {
  return {
    metadata: {
      name,
      namespace: 'apps',
      generation: 1,
      labels: kustomizeLabels(owner),
      resourceVersion: options.resourceVersion ?? '1',
    },
    spec: { replicas: 1, progressDeadlineSeconds: 600, selector: { matchLabels: { app: name } } },
    status: {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: ready ? 1 : 0,
      availableReplicas: ready ? 1 : 0,
      conditions: options.conditions ?? [
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
        {
          type: 'Available',
          status: ready ? 'True' : 'False',
          lastTransitionTime: new Date(90 * 60_000).toISOString(),
        },
      ],
    },
    ...extra,
  };
}
