// The runbook's escalation case: image-reflector-controller crash-looping, OOMKilled over and over, found
// 40 minutes into the incident in CrashLoopBackOff (src/sim/controllers/crash-loop.ts drives it from
// there). It only scans image repositories, so its crashes stop none of the runbook's other steps.
import { FLUX_SYSTEM_NAMESPACE } from '../../flux/kinds.js';
import { kindsOf } from '../controllers/catalog.js';
import {
  CRASH_RUN_MS,
  crashBackoffMs,
  crashLoopWaiting,
  managerStatus,
  recordBackOff,
  setReadyConditions,
} from '../controllers/crash-loop.js';
import { field, isRecord } from '../controllers/json.js';
import { findControllerPod } from '../controllers/pods.js';
import { runtimeLogLine, startupLogLines } from '../flux-logs.js';
import { CORE_RESOURCES } from '../resources.js';
import type { SimContext } from '../types.js';
import { deploymentStatus } from './flux-system.js';
import { writePodLog } from './seed-history.js';
import type { Timeline } from './timeline.js';

export const CRASHING_CONTROLLER = 'image-reflector-controller';
/** Restarts so far: past the kubelet's 5 minute back-off cap. */
export const CRASH_RESTARTS = 7;

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Puts the controller's pod in CrashLoopBackOff after its 7th OOMKill, 40 s ago; its log is the dead one's. */
export function seedCrashLoop(ctx: SimContext, t: Timeline): void {
  const { store } = ctx;
  const pod = findControllerPod(ctx, CRASHING_CONTROLLER);
  if (!pod) return;
  const killed = t.ago(40_000);
  const started = killed - CRASH_RUN_MS;
  const name = pod.metadata.name;
  store.mutate(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, name, (p) => {
    const cs = managerStatus(p);
    if (!cs) return;
    Object.assign(cs, {
      restartCount: CRASH_RESTARTS,
      ready: false,
      started: false,
      state: crashLoopWaiting({ name, uid: p.metadata.uid }, crashBackoffMs(CRASH_RESTARTS)),
      lastState: {
        terminated: {
          exitCode: 137,
          reason: 'OOMKilled',
          startedAt: iso(started),
          finishedAt: iso(killed),
          containerID: field(cs, 'containerID'),
        },
      },
    });
    setReadyConditions(p, false, killed);
  });
  store.mutate(CORE_RESOURCES.deployments, FLUX_SYSTEM_NAMESPACE, CRASHING_CONTROLLER, (d) => {
    Object.assign(d, { status: deploymentStatus(t.ago(38 * 60_000), false) });
  });
  const rs = store
    .list(CORE_RESOURCES.replicasets, FLUX_SYSTEM_NAMESPACE)
    .find((r) => r.metadata.labels?.['app'] === CRASHING_CONTROLLER);
  if (rs)
    store.mutate(CORE_RESOURCES.replicasets, FLUX_SYSTEM_NAMESPACE, rs.metadata.name, (r) => {
      const status = field(r, 'status');
      if (isRecord(status)) Object.assign(status, { readyReplicas: 0, availableReplicas: 0 });
    });
  const current = store.get(CORE_RESOURCES.pods, FLUX_SYSTEM_NAMESPACE, name);
  if (current) recordBackOff(ctx, current, t.ago(20_000), { firstAt: t.ago(38 * 60_000), count: 31 });
}

/** What the container that died 40 s ago printed: it started, scanned, and was killed mid-scan. */
export function crashedContainerLog(t: Timeline): string[] {
  const killed = t.ago(40_000);
  const started = killed - CRASH_RUN_MS;
  return [
    ...startupLogLines(CRASHING_CONTROLLER, kindsOf(CRASHING_CONTROLLER), started),
    runtimeLogLine('info', killed - 30_000, 'scanning image repositories', {
      logger: 'controller.imagerepository',
    }),
    runtimeLogLine('info', killed - 2_000, 'loading tags into the badger database', {
      logger: 'controller.imagerepository',
      repository: 'ghcr.io/stefanprodan/podinfo',
      tags: 18_432,
    }),
  ];
}

/** The crashed container's log, ended: `kubectl logs --previous` (and, during the back-off, plain logs). */
export function writeCrashedLog(ctx: SimContext, t: Timeline): void {
  writePodLog(ctx, CRASHING_CONTROLLER, crashedContainerLog(t), true);
}
