// The controllers' pods: where each controller's log lines go, and restarts (a container restart keeps the
// pod; a replacement is a new pod from the same ReplicaSet, as after `kubectl delete pod` or a rollout).
import { FLUX_SYSTEM_NAMESPACE } from '../../flux/kinds.js';
import { startupLogLines } from '../flux-logs.js';
import { CORE_RESOURCES } from '../resources.js';
import { scaledToZeroStatus } from '../scenario/controller-scale.js';
import { operatorPodObject } from '../scenario/flux-operator.js';
import { controllerPodObject, deploymentStatus, MANAGER_CONTAINER } from '../scenario/flux-system.js';
import type { SimContext, SimObject, StoreEvent } from '../types.js';
import { FLUX_OPERATOR, isSimReconciler, kindsOf, type SimReconciler } from './catalog.js';
import { randomK8sSuffix } from './ids.js';
import { field, getNum, getStr, isRecord } from './json.js';

const POD_START_MS = 2000;

/** The controller a pod runs: its `app` label (Flux controllers), else `app.kubernetes.io/name` (the operator). */
export function podReconciler(pod: SimObject): string {
  return getStr(pod.metadata.labels, 'app') || getStr(pod.metadata.labels, 'app.kubernetes.io/name');
}

/** The pod currently running a controller (the newest one carrying its label). */
export function findControllerPod(ctx: SimContext, controller: string): SimObject | undefined {
  const pods = ctx.store
    .list(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE)
    .filter((p) => podReconciler(p) === controller && !p.metadata.deletionTimestamp);
  pods.sort((a, b) => b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp));
  return pods[0];
}

export class ControllerPods {
  private readonly current = new Map<SimReconciler, string>();
  private readonly deletingOurselves = new Set<string>();
  private readonly timers = new Set<ReturnType<SimContext['clock']['setTimeout']>>();

  constructor(private readonly ctx: SimContext) {}

  stop(): void {
    for (const timer of this.timers) this.ctx.clock.clearTimeout(timer);
    this.timers.clear();
  }

  /** The controller's current pod (cached; pod deletions reset the cache). */
  podName(controller: SimReconciler): string | undefined {
    const cached = this.current.get(controller);
    if (cached) return cached;
    const found = findControllerPod(this.ctx, controller)?.metadata.name;
    if (found) this.current.set(controller, found);
    else this.current.delete(controller);
    return found;
  }

  /** Appends lines to the controller's `manager` container log; dropped when it has no pod. */
  write(controller: SimReconciler, lines: readonly string[]): void {
    const pod = this.podName(controller);
    if (!pod || lines.length === 0) return;
    this.ctx.logs.append(FLUX_SYSTEM_NAMESPACE, pod, MANAGER_CONTAINER, lines.join('\n'));
  }

  restart(controller: string, mode: 'container' | 'replace'): void {
    if (!isSimReconciler(controller)) throw new Error(`unknown controller ${controller}`);
    const pod = this.podName(controller);
    if (!pod) throw new Error(`controller ${controller} has no pod`);
    if (mode === 'container') {
      this.restartContainer(controller, pod);
      return;
    }
    const old = this.ctx.store.get(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod);
    const owner = old && ownerReplicaSet(old);
    if (!owner) throw new Error(`pod ${pod} has no ReplicaSet owner`);
    this.deletingOurselves.add(pod);
    this.ctx.store.delete(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod);
    this.replacePod(controller, pod, owner);
  }

  private restartContainer(controller: SimReconciler, pod: string): void {
    const { store, clock, logs } = this.ctx;
    logs.end(FLUX_SYSTEM_NAMESPACE, pod, MANAGER_CONTAINER);
    const now = clock.now();
    const at = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    store.mutate(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod, (p) => {
      const statuses = field(p, 'status', 'containerStatuses');
      if (!Array.isArray(statuses)) return;
      for (const cs of statuses) {
        if (!isRecord(cs) || getStr(cs, 'name') !== MANAGER_CONTAINER) continue;
        Object.assign(cs, {
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: getStr(cs, 'state', 'running', 'startedAt') || at,
              finishedAt: at,
              containerID: getStr(cs, 'containerID'),
            },
          },
          restartCount: (getNum(cs, 'restartCount') ?? 0) + 1,
          state: { running: { startedAt: at } },
          ready: true,
          started: true,
        });
      }
    });
    this.write(controller, startupLogLines(controller, kindsOf(controller), now));
  }

  /** Starts a new pod for the controller after `oldPod` went away; ready once its container has started. */
  private replacePod(controller: SimReconciler, oldPod: string | undefined, owner: ReplicaSetRef): void {
    const { store, clock, logs } = this.ctx;
    if (oldPod !== undefined) logs.end(FLUX_SYSTEM_NAMESPACE, oldPod, MANAGER_CONTAINER);
    const name = `${owner.name}-${randomK8sSuffix(this.ctx.random, 5)}`;
    const now = clock.now();
    const input = {
      controller,
      replicaSet: owner,
      name,
      createdAt: now,
      startedAt: now + POD_START_MS,
      restartCount: 0,
      ready: false,
    };
    store.create(CORE_RESOURCES.pods, podObject(this.ctx, input));
    this.current.set(controller, name);
    this.setDeploymentReady(controller, false);
    const timer = clock.setTimeout(() => {
      this.timers.delete(timer);
      if (!store.get(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, name)) return;
      const ready = podObject(this.ctx, { ...input, ready: true });
      store.mutate(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, name, (p) => {
        Object.assign(p, { status: field(ready, 'status') });
      });
      this.setDeploymentReady(controller, true);
      this.write(controller, startupLogLines(controller, kindsOf(controller), clock.now()));
    }, POD_START_MS);
    this.timers.add(timer);
  }

  private setDeploymentReady(controller: SimReconciler, ready: boolean): void {
    const { store, clock } = this.ctx;
    if (!store.get(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller)) return;
    store.mutate(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller, (d) => {
      Object.assign(d, { status: deploymentStatus(clock.now(), ready) });
    });
  }

  /**
   * A controller pod deleted through the API comes back, as its ReplicaSet would make it — while its
   * Deployment asks for a replica. Scaling the Deployment (spec.replicas) removes or starts the pod.
   */
  onStoreEvent(event: StoreEvent): void {
    if (event.resource === CORE_RESOURCES.deployments) {
      this.onDeployment(event);
      return;
    }
    if (event.type !== 'DELETED' || event.resource !== CORE_RESOURCES.pods) return;
    const { name, namespace, labels } = event.object.metadata;
    if (namespace !== FLUX_SYSTEM_NAMESPACE) return;
    for (const [controller, pod] of this.current) if (pod === name) this.current.delete(controller);
    if (this.deletingOurselves.delete(name)) return;
    const controller = getStr(labels, 'app') || getStr(labels, 'app.kubernetes.io/name');
    if (!controller || !isSimReconciler(controller)) return;
    const owner = ownerReplicaSet(event.object);
    if (!owner) return;
    setImmediate(() => {
      if (findControllerPod(this.ctx, controller) || this.wantedReplicas(controller) === 0) return;
      this.replacePod(controller, name, owner);
    });
  }

  /** spec.replicas of the controller's Deployment; 0 when it has none. */
  private wantedReplicas(controller: string): number {
    const d = this.ctx.store.get(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller);
    return d ? (getNum(d, 'spec', 'replicas') ?? 1) : 0;
  }

  private onDeployment(event: StoreEvent): void {
    const { name, namespace } = event.object.metadata;
    if (event.type === 'DELETED' || namespace !== FLUX_SYSTEM_NAMESPACE || !isSimReconciler(name)) return;
    const controller = name;
    // Out of the store's delivery loop: scaling writes to the store itself.
    setImmediate(() => {
      const wanted = this.wantedReplicas(controller);
      const pod = findControllerPod(this.ctx, controller);
      if (wanted === 0 && pod) this.scaleDown(controller, pod.metadata.name);
      else if (wanted > 0 && !pod) this.scaleUp(controller);
    });
  }

  private scaleDown(controller: SimReconciler, pod: string): void {
    const { store, clock, logs } = this.ctx;
    logs.end(FLUX_SYSTEM_NAMESPACE, pod, MANAGER_CONTAINER);
    this.deletingOurselves.add(pod);
    store.delete(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod);
    this.current.delete(controller);
    store.mutate(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller, (d) => {
      Object.assign(d, { status: scaledToZeroStatus(clock.now()) });
    });
  }

  private scaleUp(controller: SimReconciler): void {
    const deployment = this.ctx.store.get(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller);
    const rs = this.ctx.store
      .list(CORE_RESOURCES.replicasets, FLUX_SYSTEM_NAMESPACE)
      .find((r) => r.metadata.ownerReferences?.some((o) => getStr(o, 'uid') === deployment?.metadata.uid));
    if (!rs) return;
    this.replacePod(controller, undefined, { name: rs.metadata.name, uid: rs.metadata.uid });
  }
}

/** A new pod of the controller's ReplicaSet: the operator's has its own labels and image. */
function podObject(ctx: SimContext, input: Parameters<typeof controllerPodObject>[1] | OperatorPodInput) {
  return input.controller === FLUX_OPERATOR ? operatorPodObject(ctx, input) : controllerPodObject(ctx, input);
}

type OperatorPodInput = Omit<Parameters<typeof controllerPodObject>[1], 'controller'> & {
  readonly controller: typeof FLUX_OPERATOR;
};

interface ReplicaSetRef {
  readonly name: string;
  readonly uid: string;
}

function ownerReplicaSet(pod: SimObject): ReplicaSetRef | undefined {
  const owner = pod.metadata.ownerReferences?.find((o) => getStr(o, 'kind') === 'ReplicaSet');
  return isRecord(owner) ? { name: getStr(owner, 'name'), uid: getStr(owner, 'uid') } : undefined;
}
