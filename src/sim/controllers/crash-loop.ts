// A controller container that keeps being OOMKilled, as the kubelet reports it (docs/simulator.md): it runs
// for a while (ready, reconciling), is killed with exit code 137 and reason OOMKilled, and waits in
// CrashLoopBackOff — the back-off doubling from 10 s to the kubelet's 5 minute cap — before it starts
// again; restartCount counts the restarts, lastState.terminated says how the last container ended, and
// its log becomes what `kubectl logs --previous` shows. Pods in CrashLoopBackOff when the simulator starts
// are driven from their own status, so a restarted simulator carries on.
import { FLUX_SYSTEM_NAMESPACE } from '../../flux/kinds.js';
import { isoTimestamp, runtimeLogLine, startupLogLines } from '../flux-logs.js';
import { CORE_RESOURCES } from '../resources.js';
import { deploymentStatus, MANAGER_CONTAINER } from '../scenario/flux-system.js';
import type { SimContext, SimObject, SimTimer } from '../types.js';
import { isSimController, kindsOf, type SimControllerName } from './catalog.js';
import { randomHex } from './ids.js';
import { field, getNum, getStr, isRecord } from './json.js';

/** The kubelet's container restart back-off: 10 s doubling per restart, capped at 5 minutes. */
export function crashBackoffMs(restarts: number): number {
  return Math.min(300_000, 10_000 * 2 ** Math.max(0, restarts - 1));
}

/** How long the container runs before the kernel's OOM killer ends it again. */
export const CRASH_RUN_MS = 45_000;

/** `5m0s` as Go prints a back-off duration in the kubelet's message. */
function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
}

const secondsIso = (ms: number): string => isoTimestamp(ms).replace(/\.\d{3}Z$/, 'Z');

export function managerStatus(pod: SimObject): Record<string, unknown> | undefined {
  const statuses = field(pod, 'status', 'containerStatuses');
  if (!Array.isArray(statuses)) return undefined;
  const found = statuses.find((cs) => isRecord(cs) && getStr(cs, 'name') === MANAGER_CONTAINER);
  return isRecord(found) ? found : undefined;
}

/** The waiting state the kubelet writes between restarts. */
export function crashLoopWaiting(pod: { readonly name: string; readonly uid: string }, backoffMs: number) {
  return {
    waiting: {
      reason: 'CrashLoopBackOff',
      message: `back-off ${goDuration(backoffMs)} restarting failed container=${MANAGER_CONTAINER} pod=${pod.name}_${FLUX_SYSTEM_NAMESPACE}(${pod.uid})`,
    },
  };
}

/** Pod conditions Ready and ContainersReady as the kubelet sets them when the container (un)readies. */
export function setReadyConditions(pod: Record<string, unknown>, ready: boolean, at: number): void {
  const conditions = field(pod, 'status', 'conditions');
  if (!Array.isArray(conditions)) return;
  for (const c of conditions) {
    if (!isRecord(c) || (c['type'] !== 'Ready' && c['type'] !== 'ContainersReady')) continue;
    Object.assign(c, { status: ready ? 'True' : 'False', lastTransitionTime: secondsIso(at) });
    if (ready) {
      Reflect.deleteProperty(c, 'reason');
      Reflect.deleteProperty(c, 'message');
    } else {
      Object.assign(c, {
        reason: 'ContainersNotReady',
        message: `containers with unready status: [${MANAGER_CONTAINER}]`,
      });
    }
  }
}

export class CrashLoops {
  private readonly timers = new Map<string, SimTimer>();

  constructor(private readonly ctx: SimContext) {}

  /**
   * Drives every controller pod that is crash-looping now: waiting in CrashLoopBackOff, or in a running
   * window between OOMKills (a simulator restarted from its state directory mid-window).
   */
  start(): void {
    for (const pod of this.ctx.store.list(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE)) {
      const controller = getStr(pod.metadata.labels, 'app');
      const status = managerStatus(pod);
      if (!isSimController(controller) || !status) continue;
      const name = pod.metadata.name;
      const restarts = getNum(status, 'restartCount') ?? 1;
      if (getStr(status, 'state', 'waiting', 'reason') === 'CrashLoopBackOff') {
        const finished =
          Date.parse(getStr(status, 'lastState', 'terminated', 'finishedAt')) || this.ctx.clock.now();
        this.schedule(name, finished + crashBackoffMs(restarts), () => this.startContainer(controller, name));
        continue;
      }
      const started = Date.parse(getStr(status, 'state', 'running', 'startedAt'));
      const looping = getStr(status, 'lastState', 'terminated', 'reason') === 'OOMKilled' && restarts >= 3;
      if (looping && started)
        this.schedule(name, started + CRASH_RUN_MS, () => this.oomKill(controller, name));
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) this.ctx.clock.clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(pod: string, at: number, run: () => void): void {
    const previous = this.timers.get(pod);
    if (previous) this.ctx.clock.clearTimeout(previous);
    const timer = this.ctx.clock.setTimeout(
      () => {
        this.timers.delete(pod);
        if (this.ctx.store.get(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod)) run();
      },
      Math.max(0, at - this.ctx.clock.now()),
    );
    this.timers.set(pod, timer);
  }

  /** Back-off over: a new container starts, becomes ready and reconciles until it is killed again. */
  private startContainer(controller: SimControllerName, pod: string): void {
    const { store, clock, logs } = this.ctx;
    const now = clock.now();
    store.mutate(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod, (p) => {
      const cs = managerStatus(p);
      if (!cs) return;
      Object.assign(cs, {
        state: { running: { startedAt: secondsIso(now) } },
        ready: true,
        started: true,
        containerID: `containerd://${randomHex(this.ctx.random, 64)}`,
      });
      setReadyConditions(p, true, now);
    });
    this.setDeploymentReady(controller, true);
    logs.append(
      FLUX_SYSTEM_NAMESPACE,
      pod,
      MANAGER_CONTAINER,
      startupLogLines(controller, kindsOf(controller), now).join('\n'),
    );
    this.schedule(pod, now + CRASH_RUN_MS, () => this.oomKill(controller, pod));
  }

  /** Over its memory limit: exit code 137, reason OOMKilled, then CrashLoopBackOff. */
  private oomKill(controller: SimControllerName, pod: string): void {
    const { store, clock, logs } = this.ctx;
    const now = clock.now();
    logs.append(
      FLUX_SYSTEM_NAMESPACE,
      pod,
      MANAGER_CONTAINER,
      runtimeLogLine('info', now - 500, 'scanning image repositories', {
        logger: 'controller.imagerepository',
      }),
    );
    logs.end(FLUX_SYSTEM_NAMESPACE, pod, MANAGER_CONTAINER);
    let backoff = crashBackoffMs(1);
    store.mutate(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod, (p) => {
      const cs = managerStatus(p);
      if (!cs) return;
      const restarts = (getNum(cs, 'restartCount') ?? 0) + 1;
      backoff = crashBackoffMs(restarts);
      Object.assign(cs, {
        lastState: {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            startedAt: getStr(cs, 'state', 'running', 'startedAt') || secondsIso(now),
            finishedAt: secondsIso(now),
            containerID: getStr(cs, 'containerID'),
          },
        },
        restartCount: restarts,
        state: crashLoopWaiting({ name: pod, uid: p.metadata.uid }, backoff),
        ready: false,
        started: false,
      });
      setReadyConditions(p, false, now);
    });
    this.setDeploymentReady(controller, false);
    const object = store.get(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, pod);
    if (object) recordBackOff(this.ctx, object, now);
    this.schedule(pod, now + backoff, () => this.startContainer(controller, pod));
  }

  private setDeploymentReady(controller: SimControllerName, ready: boolean): void {
    const { store, clock } = this.ctx;
    if (!store.get(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller)) return;
    store.mutate(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, controller, (d) => {
      Object.assign(d, { status: deploymentStatus(clock.now(), ready) });
    });
  }
}

/** The kubelet's `BackOff` Warning about the pod, folded into one Event with count++ as client-go does. */
export function recordBackOff(
  ctx: SimContext,
  pod: SimObject,
  lastAt: number,
  history?: { readonly firstAt: number; readonly count: number },
): void {
  const message = `Back-off restarting failed container ${MANAGER_CONTAINER} in pod ${pod.metadata.name}_${FLUX_SYSTEM_NAMESPACE}(${pod.metadata.uid})`;
  const existing = ctx.store
    .list(CORE_RESOURCES.events, FLUX_SYSTEM_NAMESPACE)
    .find(
      (e) => getStr(e, 'involvedObject', 'uid') === pod.metadata.uid && getStr(e, 'reason') === 'BackOff',
    );
  if (existing) {
    ctx.store.mutate(CORE_RESOURCES.events, FLUX_SYSTEM_NAMESPACE, existing.metadata.name, (e) => {
      Object.assign(e, { count: (getNum(e, 'count') ?? 1) + 1, lastTimestamp: secondsIso(lastAt) });
    });
    return;
  }
  const firstAt = history?.firstAt ?? lastAt;
  ctx.store.create(CORE_RESOURCES.events, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${pod.metadata.name}.${(BigInt(Math.floor(firstAt)) * 1_000_000n).toString(16)}`,
      namespace: FLUX_SYSTEM_NAMESPACE,
      creationTimestamp: secondsIso(firstAt),
    },
    involvedObject: {
      apiVersion: 'v1',
      kind: 'Pod',
      name: pod.metadata.name,
      namespace: FLUX_SYSTEM_NAMESPACE,
      uid: pod.metadata.uid,
      resourceVersion: pod.metadata.resourceVersion,
      fieldPath: `spec.containers{${MANAGER_CONTAINER}}`,
    },
    reason: 'BackOff',
    message,
    source: { component: 'kubelet', host: getStr(pod, 'spec', 'nodeName') },
    firstTimestamp: secondsIso(firstAt),
    lastTimestamp: secondsIso(lastAt),
    count: history?.count ?? 1,
    type: 'Warning',
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: getStr(pod, 'spec', 'nodeName'),
  });
}
