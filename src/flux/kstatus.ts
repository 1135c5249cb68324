// The health of any Kubernetes object as kstatus computes it (kubernetes-sigs/cli-utils pkg/kstatus/status,
// which Flux's health checks use): Current, InProgress, Failed, Terminating — plus NotFound for an inventory
// entry that no longer exists and Unknown when an object cannot be judged. The rules, in order: being
// deleted; a generation not yet observed; Reconciling/Stalled conditions; the built-in kinds' own rules
// (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, Pod, PVC, Service, CRD …); a Ready condition;
// otherwise Current. See docs/inventory.md.
import { array, field, isRecord, num, str } from './narrow.js';
import { parseTime } from './time.js';

export type KStatus = 'Current' | 'InProgress' | 'Failed' | 'Terminating' | 'NotFound' | 'Unknown';

/** How each verdict reads in colour (the word carries it without): what the tree and trace show. */
export const KSTATUS_TONE: Readonly<Record<KStatus, 'ok' | 'warn' | 'bad' | 'muted'>> = {
  Current: 'ok',
  InProgress: 'warn',
  Terminating: 'warn',
  Failed: 'bad',
  NotFound: 'bad',
  Unknown: 'muted',
};

export interface KStatusResult {
  readonly status: KStatus;
  /** kstatus's reason for InProgress/Failed (`LessReady`, `ProgressDeadlineExceeded` …), '' otherwise. */
  readonly reason: string;
  readonly message: string;
}

/** Pending pods are given this long to be scheduled before Unschedulable counts as failed. */
const SCHEDULE_WINDOW_MS = 15_000;

const current = (message: string): KStatusResult => ({ status: 'Current', reason: '', message });
const inProgress = (reason: string, message: string): KStatusResult => ({
  status: 'InProgress',
  reason,
  message,
});
const failed = (reason: string, message: string): KStatusResult => ({ status: 'Failed', reason, message });

interface Cond {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

function conditions(obj: unknown): Cond[] {
  return array(obj, 'status', 'conditions').map((c) => ({
    type: str(c, 'type'),
    status: str(c, 'status'),
    reason: str(c, 'reason'),
    message: str(c, 'message'),
  }));
}

/** An integer field, or `fallback` when absent (kstatus's GetIntField). */
function int(obj: unknown, path: string, fallback: number): number {
  const value = num(obj, ...path.split('.'));
  return value === undefined ? fallback : value;
}

function generic(obj: unknown): KStatusResult | undefined {
  if (str(obj, 'metadata', 'deletionTimestamp') !== '')
    return { status: 'Terminating', reason: '', message: 'Resource scheduled for deletion' };
  const generation = num(obj, 'metadata', 'generation');
  const observed = num(obj, 'status', 'observedGeneration');
  if (generation !== undefined && observed !== undefined && generation !== observed) {
    const kind = str(obj, 'kind');
    return inProgress(
      'LatestGenerationNotObserved',
      `${kind} generation is ${generation}, but latest observed generation is ${observed}`,
    );
  }
  for (const c of conditions(obj)) {
    if (c.type === 'Reconciling' && c.status === 'True') return inProgress(c.reason, c.message);
    if (c.type === 'Stalled' && c.status === 'True') return failed(c.reason, c.message);
  }
  return undefined;
}

function deployment(obj: unknown): KStatusResult {
  let progressing = num(obj, 'spec', 'progressDeadlineSeconds') === undefined;
  let available = false;
  for (const c of conditions(obj)) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') return failed(c.reason, 'Progress deadline exceeded');
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') progressing = true;
    }
    if (c.type === 'Available' && c.status === 'True') available = true;
  }
  const spec = int(obj, 'spec.replicas', 1);
  const replicas = int(obj, 'status.replicas', 0);
  const updated = int(obj, 'status.updatedReplicas', 0);
  const ready = int(obj, 'status.readyReplicas', 0);
  const availableReplicas = int(obj, 'status.availableReplicas', 0);
  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress('LessUpdated', `Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (updated > availableReplicas)
    return inProgress('LessAvailable', `Available: ${availableReplicas}/${updated}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (!progressing) return inProgress('ReplicaSetNotAvailable', 'ReplicaSet not Available');
  if (!available) return inProgress('DeploymentNotAvailable', 'Deployment not Available');
  return current(`Deployment is available. Replicas: ${replicas}`);
}

function statefulSet(obj: unknown): KStatusResult {
  if (str(obj, 'spec', 'updateStrategy', 'type') === 'OnDelete')
    return current('StatefulSet is using the ondelete update strategy');
  const spec = int(obj, 'spec.replicas', 1);
  const ready = int(obj, 'status.readyReplicas', 0);
  const currentReplicas = int(obj, 'status.currentReplicas', 0);
  const updated = int(obj, 'status.updatedReplicas', 0);
  const replicas = int(obj, 'status.replicas', 0);
  const partition = int(obj, 'spec.updateStrategy.rollingUpdate.partition', -1);
  if (spec > replicas) return inProgress('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (partition !== -1) {
    if (updated < spec - partition)
      return inProgress('PartitionRollout', `updated: ${updated}/${spec - partition}`);
    return current(`Partition rollout complete. updated: ${updated}`);
  }
  if (spec > currentReplicas) return inProgress('LessCurrent', `current: ${currentReplicas}/${spec}`);
  if (str(obj, 'status', 'currentRevision') !== str(obj, 'status', 'updateRevision'))
    return inProgress('RevisionMismatch', 'Waiting for updated revision to match current');
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}

function daemonSet(obj: unknown): KStatusResult {
  if (num(obj, 'metadata', 'generation') === undefined)
    return inProgress('NoGeneration', `${str(obj, 'kind')} metadata.generation not found`);
  if (num(obj, 'status', 'observedGeneration') === undefined)
    return inProgress('NoObservedGeneration', `${str(obj, 'kind')} status.observedGeneration not found`);
  const desired = int(obj, 'status.desiredNumberScheduled', -1);
  if (desired === -1) return inProgress('NoDesiredNumber', 'Missing .status.desiredNumberScheduled');
  const checks: [string, string, number][] = [
    ['LessCurrent', 'Current', int(obj, 'status.currentNumberScheduled', 0)],
    ['LessUpdated', 'Updated', int(obj, 'status.updatedNumberScheduled', 0)],
    ['LessAvailable', 'Available', int(obj, 'status.numberAvailable', 0)],
    ['LessReady', 'Ready', int(obj, 'status.numberReady', 0)],
  ];
  for (const [reason, label, value] of checks)
    if (desired > value) return inProgress(reason, `${label}: ${value}/${desired}`);
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}

function replicaSet(obj: unknown): KStatusResult {
  if (conditions(obj).some((c) => c.type === 'ReplicaFailure' && c.status === 'True'))
    return inProgress('ReplicaFailure', 'Replica Failure condition. Check Pods');
  const spec = int(obj, 'spec.replicas', 1);
  const replicas = int(obj, 'status.replicas', 0);
  const ready = int(obj, 'status.readyReplicas', 0);
  const available = int(obj, 'status.availableReplicas', 0);
  const labelled = int(obj, 'status.fullyLabeledReplicas', 0);
  if (spec > labelled) return inProgress('LessLabelled', `Labelled: ${labelled}/${spec}`);
  if (spec > available) return inProgress('LessAvailable', `Available: ${available}/${spec}`);
  if (spec > ready) return inProgress('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress('ExtraPods', `Pending termination: ${replicas - spec}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}

function crashLooping(obj: unknown): string[] {
  return array(obj, 'status', 'containerStatuses')
    .filter((cs) => str(cs, 'state', 'waiting', 'reason') === 'CrashLoopBackOff')
    .map((cs) => str(cs, 'name'))
    .filter((name) => name !== '');
}

function pod(obj: unknown, now: number): KStatusResult {
  const phase = str(obj, 'status', 'phase');
  const conds = conditions(obj);
  switch (phase) {
    case 'Succeeded':
      return current('Pod has completed successfully');
    case 'Failed':
      return current('Pod has completed, but not successfully');
    case 'Running': {
      if (conds.some((c) => c.type === 'Ready' && c.status === 'True')) return current('Pod is Ready');
      const looping = crashLooping(obj);
      if (looping.length > 0)
        return failed('ContainerCrashLooping', `Containers in CrashLoop state: ${looping.join(',')}`);
      return inProgress('PodRunningNotReady', 'Pod is running but is not Ready');
    }
    case 'Pending': {
      const unschedulable = conds.some(
        (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
      );
      if (unschedulable) {
        const created = parseTime(str(obj, 'metadata', 'creationTimestamp')) ?? now;
        if (now - SCHEDULE_WINDOW_MS < created)
          return inProgress('PodNotScheduled', 'Pod has not been scheduled');
        return failed('PodUnschedulable', 'Pod could not be scheduled');
      }
      return inProgress('PodPending', 'Pod is in the Pending phase');
    }
    case '':
      return inProgress('PodNotObserved', 'Pod phase not available');
    default:
      return { status: 'Unknown', reason: '', message: `unknown phase ${phase}` };
  }
}

function job(obj: unknown): KStatusResult {
  const parallelism = int(obj, 'spec.parallelism', 1);
  const completions = int(obj, 'spec.completions', parallelism);
  const succeeded = int(obj, 'status.succeeded', 0);
  const active = int(obj, 'status.active', 0);
  const failedPods = int(obj, 'status.failed', 0);
  for (const c of conditions(obj)) {
    if (c.type === 'Complete' && c.status === 'True')
      return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    if (c.type === 'Failed' && c.status === 'True')
      return failed('JobFailed', `Job Failed. failed: ${failedPods}/${completions}`);
    if (c.type === 'Suspended' && c.status === 'True' && field(obj, 'spec', 'suspend') === true)
      return current('Job is suspended');
  }
  if (str(obj, 'status', 'startTime') === '') return inProgress('JobNotStarted', 'Job not started');
  return current(`Job in progress. success:${succeeded}, active: ${active}, failed: ${failedPods}`);
}

function pvc(obj: unknown): KStatusResult {
  const phase = str(obj, 'status', 'phase') || 'unknown';
  return phase === 'Bound'
    ? current('PVC is Bound')
    : inProgress('NotBound', `PVC is not Bound. phase: ${phase}`);
}

function service(obj: unknown): KStatusResult {
  if ((str(obj, 'spec', 'type') || 'ClusterIP') === 'LoadBalancer' && str(obj, 'spec', 'clusterIP') === '')
    return inProgress('NoIPAssigned', 'ClusterIP not set. Service type: LoadBalancer');
  return current('Service is ready');
}

function crd(obj: unknown): KStatusResult {
  for (const c of conditions(obj)) {
    if (c.type === 'NamesAccepted' && c.status === 'False') return failed(c.reason, c.message);
    if (c.type === 'Established') {
      if (c.status === 'False' && c.reason !== 'Installing') return failed(c.reason, c.message);
      if (c.status === 'True') return current('CRD is established');
    }
  }
  return inProgress('Installing', 'Install in progress');
}

const ALWAYS_READY = (): KStatusResult => current('Resource is always ready');

/** Keyed `group/Kind`, the core group as just `Kind` (kstatus's legacyTypes). */
const BUILT_IN: Readonly<Record<string, (obj: unknown, now: number) => KStatusResult>> = {
  Service: service,
  Pod: pod,
  Secret: ALWAYS_READY,
  PersistentVolumeClaim: pvc,
  'apps/StatefulSet': statefulSet,
  'apps/DaemonSet': daemonSet,
  'extensions/DaemonSet': daemonSet,
  'apps/Deployment': deployment,
  'extensions/Deployment': deployment,
  'apps/ReplicaSet': replicaSet,
  'extensions/ReplicaSet': replicaSet,
  'policy/PodDisruptionBudget': () => current('AllowedDisruptions has been computed.'),
  'batch/CronJob': ALWAYS_READY,
  ConfigMap: ALWAYS_READY,
  'batch/Job': job,
  'apiextensions.k8s.io/CustomResourceDefinition': crd,
};

function groupOf(obj: unknown): string {
  const apiVersion = str(obj, 'apiVersion');
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

/** kstatus's Compute for one object as the API returned it; `now` for the Pending-pod window. */
export function computeKStatus(obj: unknown, now: number): KStatusResult {
  if (!isRecord(obj)) return { status: 'Unknown', reason: '', message: 'not an object' };
  const early = generic(obj);
  if (early) return early;
  const group = groupOf(obj);
  const kind = str(obj, 'kind');
  const rule = BUILT_IN[group === '' ? kind : `${group}/${kind}`];
  if (rule) return rule(obj, now);
  for (const c of conditions(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') return current('Resource is Ready');
    if (c.status === 'False' || c.status === 'Unknown') return inProgress(c.reason, c.message);
  }
  return current('Resource is current');
}
