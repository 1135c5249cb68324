// The Flux controllers absent or scaled to zero (docs/simulator.md): a cluster where nothing answers a
// reconcile request, as after `flux uninstall --keep-namespace`, a failed upgrade of Flux itself, or an
// on-call who scaled a crashing controller down. Everything goes through the store, so the API serves it
// and `kubectl scale deployment … --replicas=1` brings a controller back (src/sim/controllers/pods.ts).
import { FLUX_SYSTEM_NAMESPACE } from '../../flux/kinds.js';
import { isSimReconciler, SIM_CONTROLLERS, type SimReconciler } from '../controllers/catalog.js';
import { getNum, getStr } from '../controllers/json.js';
import { CORE_RESOURCES } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import { deploymentStatus } from './flux-system.js';

export type FluxControllersMode = 'running' | 'absent' | 'scaled-to-zero';
export const FLUX_CONTROLLERS_MODES: readonly FluxControllersMode[] = ['running', 'absent', 'scaled-to-zero'];

function podsOf(ctx: SimContext, controller: string): SimObject[] {
  return ctx.store
    .list(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE)
    .filter(
      (p) =>
        (getStr(p.metadata.labels, 'app') || getStr(p.metadata.labels, 'app.kubernetes.io/name')) ===
        controller,
    );
}

function replicaSetsOf(ctx: SimContext, controller: string): SimObject[] {
  return ctx.store
    .list(CORE_RESOURCES.replicasets, FLUX_SYSTEM_NAMESPACE)
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => getStr(o, 'name') === controller));
}

function ensureController(controller: string): SimReconciler {
  if (!isSimReconciler(controller)) throw new Error(`unknown Flux controller ${controller}`);
  return controller;
}

/** Sets spec.replicas as `kubectl scale` does; the simulated ReplicaSet starts or removes the pod. */
export function scaleFluxController(ctx: SimContext, controller: string, replicas: number): void {
  const name = ensureController(controller);
  if (!ctx.store.get(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, name)) {
    throw new Error(`no ${name} Deployment in ${FLUX_SYSTEM_NAMESPACE}`);
  }
  ctx.store.mutate(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, name, (d) => {
    Object.assign(d, { spec: { ...(d['spec'] as object), replicas } });
  });
}

/** Deletes the controller's Deployment, ReplicaSets and pods, as `kubectl delete deployment` and GC do. */
export function removeFluxController(ctx: SimContext, controller: string): void {
  const name = ensureController(controller);
  const { store } = ctx;
  if (store.get(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, name)) {
    store.delete(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, name);
  }
  for (const rs of replicaSetsOf(ctx, name)) {
    store.delete(CORE_RESOURCES.replicasets, FLUX_SYSTEM_NAMESPACE, rs.metadata.name);
  }
  for (const pod of podsOf(ctx, name))
    store.delete(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod.metadata.name);
}

/** The Deployment's status once its ReplicaSet has caught up with spec.replicas = 0. */
export function scaledToZeroStatus(since: number) {
  const status = deploymentStatus(since, true);
  return {
    ...status,
    replicas: 0,
    updatedReplicas: 0,
    readyReplicas: undefined,
    availableReplicas: undefined,
  };
}

/** Applied to a freshly seeded cluster, before the simulated controllers start. */
export function applyFluxControllersMode(ctx: SimContext, mode: FluxControllersMode): void {
  if (mode === 'running') return;
  const { store, clock } = ctx;
  for (const controller of SIM_CONTROLLERS) {
    if (mode === 'absent') {
      removeFluxController(ctx, controller);
      continue;
    }
    for (const pod of podsOf(ctx, controller)) {
      store.delete(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod.metadata.name);
    }
    for (const rs of replicaSetsOf(ctx, controller)) {
      store.mutate(CORE_RESOURCES.replicasets, FLUX_SYSTEM_NAMESPACE, rs.metadata.name, (r) => {
        Object.assign(r, {
          spec: { ...(r['spec'] as object), replicas: 0 },
          status: { replicas: 0, observedGeneration: 2 },
        });
      });
    }
    store.mutate(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller, (d) => {
      Object.assign(d, {
        spec: { ...(d['spec'] as object), replicas: 0 },
        status: scaledToZeroStatus(clock.now()),
      });
    });
  }
}

/** Whether a controller can reconcile now: its Deployment asks for a replica and one is ready. */
export function isFluxControllerUp(ctx: SimContext, controller: string): boolean {
  const d = ctx.store.get(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller);
  if (!d) return false;
  return (getNum(d, 'spec', 'replicas') ?? 1) > 0 && (getNum(d, 'status', 'readyReplicas') ?? 0) > 0;
}
