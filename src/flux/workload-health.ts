// The workloads a Kustomization or HelmRelease manages, judged: the case `flux get` misses — a Ready object
// whose Deployment never rolls out, whose pods crash-loop, or whose objects were deleted by hand. Pure: the
// kube side (src/kube/workload-table.ts live, src/kube/workload-once.ts for `fluxdeck status`) gathers the
// objects and their pods; here each is judged (kstatus, then the grace rule), the judgements of one owner
// become its verdict, and a Ready owner with a verdict that counts becomes a Degraded row. The rules are in
// docs/inventory.md ("Degraded: a Ready owner whose workloads are not").
import { parseInventoryId } from './inventory.js';
import { computeKStatus, type KStatusResult } from './kstatus.js';
import { array, asRecord, num, str, stringMap } from './narrow.js';
import { type NotReadyItem, notReadyCausesFirst, notReadyFirst } from './not-ready.js';
import { type PodCause, podCause, podUnreadySince } from './pod-cause.js';
import { sanitizeText } from './sanitize.js';
import { parseTime } from './time.js';
import type { ObjectKey, StatusRow } from './types.js';

/** The workload kinds judged (group apps): what runs the pods of what Flux applied. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];
export const WORKLOAD_GROUP = 'apps';

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/** The Flux kinds that apply workloads, and the label prefix each puts on what it applied. */
export type OwnerKind = 'Kustomization' | 'HelmRelease';
export const OWNER_KINDS: readonly OwnerKind[] = ['Kustomization', 'HelmRelease'];

/** Whether `kind` applies workloads (OWNER_KINDS, compared directly: it runs for every row drawn). */
export function isOwnerKind(kind: string): kind is OwnerKind {
  return kind === 'Kustomization' || kind === 'HelmRelease';
}
export const OWNER_LABEL_PREFIX: Readonly<Record<OwnerKind, string>> = {
  Kustomization: 'kustomize.toolkit.fluxcd.io',
  HelmRelease: 'helm.toolkit.fluxcd.io',
};

/** `kustomize.toolkit.fluxcd.io/name`: the existence selector for what an owner kind applied. */
export function appliedByKindSelector(kind: OwnerKind): string {
  return `${OWNER_LABEL_PREFIX[kind]}/name`;
}

/** `kustomize.toolkit.fluxcd.io/namespace=<ns>`: what the owners of one namespace applied, anywhere. */
export function appliedInNamespaceSelector(kind: OwnerKind, namespace: string): string {
  return `${OWNER_LABEL_PREFIX[kind]}/namespace=${namespace}`;
}

/** The owner's key (`Kustomization/ns/name`) from an object's Flux labels; undefined without them. */
export function ownerFromLabels(object: unknown, kind: OwnerKind): ObjectKey | undefined {
  const labels = stringMap(object, 'metadata', 'labels');
  const prefix = OWNER_LABEL_PREFIX[kind];
  const name = sanitizeText(labels[`${prefix}/name`] ?? '', 253);
  const namespace = sanitizeText(labels[`${prefix}/namespace`] ?? '', 253);
  return name && namespace ? `${kind}/${namespace}/${name}` : undefined;
}

export interface WorkloadRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export function workloadKey(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** The workload's reference as the object says (display-safe). */
export function workloadRef(raw: unknown): WorkloadRef {
  return {
    kind: sanitizeText(str(raw, 'kind'), 100),
    namespace: sanitizeText(str(raw, 'metadata', 'namespace'), 253),
    name: sanitizeText(str(raw, 'metadata', 'name'), 253),
  };
}

const WORKLOAD_SUFFIXES = WORKLOAD_KINDS.map((k) => `_${WORKLOAD_GROUP}_${k}`);

function isWorkloadId(id: string): boolean {
  for (const suffix of WORKLOAD_SUFFIXES) if (id.endsWith(suffix)) return true;
  return false;
}

/**
 * The workload entries of an owner's status.inventory (apps Deployments, StatefulSets, DaemonSets),
 * display-safe. Other entries are skipped by their suffix before any parsing: a 2,000-entry inventory
 * costs 2,000 string comparisons.
 */
export function inventoryWorkloads(owner: unknown): WorkloadRef[] {
  const out: WorkloadRef[] = [];
  // Constant-key reads (narrow.ts asRecord) and no closure per entry: `status` walks the inventories of
  // 4,000 owners in a process that has compiled nothing yet, where the path helpers took 12 ms.
  const entries = asRecord(asRecord(asRecord(owner)?.['status'])?.['inventory'])?.['entries'];
  if (!Array.isArray(entries)) return out;
  for (const entry of entries) {
    const id = asRecord(entry)?.['id'];
    if (typeof id !== 'string' || !isWorkloadId(id)) continue;
    const parsed = parseInventoryId(id);
    if (!parsed || parsed.namespace === '') continue;
    out.push({
      kind: parsed.kind,
      namespace: sanitizeText(parsed.namespace, 253),
      name: sanitizeText(parsed.name, 253),
    });
  }
  return out;
}

/** One workload judged, or an inventory entry whose object is gone (NotFound). */
export interface WorkloadJudgement extends NotReadyItem {
  readonly entry: WorkloadRef;
  readonly health: KStatusResult;
  readonly cause?: PodCause;
  /** ms: since when it is not healthy, as far as known; undefined when Current or not known. */
  readonly since?: number;
  /** `since` is only when this console first saw it so: it began then or earlier. */
  readonly sinceLowerBound: boolean;
  /** Counts at once: Failed, NotFound, pods stuck (STUCK_REASONS), or a Deployment that stopped progressing. */
  readonly stuck: boolean;
  /** InProgress and not stuck: when its grace ends and it counts (a normal rollout ends before). */
  readonly graceEndsAt?: number;
}

/**
 * Pod reasons that do not clear up by waiting: a rollout showing one is stuck, however young. ErrImagePull is
 * left out (the first failed pull, which may be a registry's hiccup; it turns into ImagePullBackOff).
 */
export const STUCK_REASONS: ReadonlySet<string> = new Set([
  'ImagePullBackOff',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** The grace of a workload without a deadline of its own: the Deployment default progressDeadlineSeconds. */
export const DEFAULT_GRACE_MS = 600_000;

/** How long an InProgress workload is a rollout rather than a problem. */
export function graceMs(raw: unknown): number {
  const deadline =
    str(raw, 'kind') === 'Deployment' ? num(raw, 'spec', 'progressDeadlineSeconds') : undefined;
  return deadline !== undefined && deadline > 0 ? deadline * 1000 : DEFAULT_GRACE_MS;
}

/** Why a workload's pods are not ready, and since when the pod says so. */
export interface PodEvidence {
  readonly cause: PodCause;
  readonly since?: number;
}

/** What a workload's pods say: the first one not ready for a reason, and since when. */
export function podEvidence(pods: Iterable<unknown>): PodEvidence | undefined {
  for (const pod of pods) {
    const cause = podCause(pod);
    if (!cause) continue;
    const since = podUnreadySince(pod);
    return since === undefined ? { cause } : { cause, since };
  }
  return undefined;
}

export interface WorkloadEvidence {
  readonly now: number;
  readonly pods?: PodEvidence;
  /** When this console first saw it not Current: its `since` when nothing better is known (a lower bound). */
  readonly firstSeenAt?: number;
}

const earliest = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/**
 * Since when the object says it is not healthy: a Deployment's Available=False or Progressing=False
 * transition, or the last progress of a rollout under way (Progressing=True other than
 * NewReplicaSetAvailable: its lastUpdateTime). StatefulSets and DaemonSets say nothing of the kind.
 */
function objectSince(raw: unknown): number | undefined {
  let since: number | undefined;
  for (const c of array(raw, 'status', 'conditions')) {
    const type = str(c, 'type');
    const status = str(c, 'status');
    const transition = parseTime(str(c, 'lastTransitionTime'));
    if (type === 'Available' && status === 'False') since = earliest(since, transition);
    else if (type === 'Progressing' && status === 'False') since = earliest(since, transition);
    else if (type === 'Progressing' && str(c, 'reason') !== 'NewReplicaSetAvailable')
      since = earliest(since, parseTime(str(c, 'lastUpdateTime')) ?? transition);
  }
  return since;
}

function stoppedProgressing(raw: unknown): boolean {
  return array(raw, 'status', 'conditions').some(
    (c) => str(c, 'type') === 'Progressing' && str(c, 'status') === 'False',
  );
}

/** kstatus's verdict on a workload, with since when and whether it counts yet (docs/inventory.md). */
export function judgeWorkload(raw: unknown, evidence: WorkloadEvidence): WorkloadJudgement {
  const entry = workloadRef(raw);
  const health = computeKStatus(raw, evidence.now);
  if (health.status === 'Current') return { entry, health, sinceLowerBound: false, stuck: false };
  const cause = evidence.pods?.cause;
  let since = earliest(objectSince(raw), evidence.pods?.since);
  let sinceLowerBound = false;
  if (since === undefined && evidence.firstSeenAt !== undefined) {
    since = evidence.firstSeenAt;
    sinceLowerBound = true;
  }
  const stuck =
    health.status === 'Failed' ||
    (cause !== undefined && STUCK_REASONS.has(cause.reason)) ||
    stoppedProgressing(raw);
  const graceEndsAt =
    !stuck && health.status === 'InProgress' ? (since ?? evidence.now) + graceMs(raw) : undefined;
  return {
    entry,
    health,
    ...(cause ? { cause } : {}),
    ...(since !== undefined ? { since } : {}),
    sinceLowerBound,
    stuck,
    ...(graceEndsAt !== undefined ? { graceEndsAt } : {}),
  };
}

/** An inventory entry whose object is gone: deleted by hand, most likely. Counts at once. */
export function goneWorkload(
  ref: WorkloadRef,
  since: number | undefined,
  lowerBound: boolean,
): WorkloadJudgement {
  return {
    entry: ref,
    health: { status: 'NotFound', reason: '', message: 'not found in the cluster' },
    ...(since !== undefined ? { since } : {}),
    sinceLowerBound: lowerBound,
    stuck: true,
  };
}

/** Whether a judgement counts towards Degraded at `now`. */
export function counts(j: WorkloadJudgement, now: number): boolean {
  return j.stuck || (j.graceEndsAt !== undefined && now >= j.graceEndsAt);
}

/** What an owner's workloads add up to; only owners with some workload not ready have one. */
export interface WorkloadVerdict {
  /** Some workload counts: a Ready owner is Degraded. */
  readonly degraded: boolean;
  /** `ImagePullBackOff: Deployment apps/api — 1 of 3 managed workloads not ready` (display-safe). */
  readonly message: string;
  /** ISO: since when the earliest counting workload is not healthy, as far as known; '' when not known. */
  readonly since: string;
  readonly sinceLowerBound: boolean;
  readonly notReady: number;
  readonly total: number;
  /** The workloads not ready, worst first. */
  readonly problems: readonly WorkloadJudgement[];
  /** When the verdict changes by itself (an InProgress workload's grace ends); undefined: only on a change. */
  readonly recheckAt?: number;
}

/**
 * The verdict on an owner's judged workloads (every one, Current included: they make the total); undefined
 * when all are Current.
 */
export function workloadVerdict(
  items: readonly WorkloadJudgement[],
  now: number,
): WorkloadVerdict | undefined {
  const problems = notReadyFirst(items);
  if (problems.length === 0) return undefined;
  let degraded = false;
  let since: number | undefined;
  let sinceLowerBound = false;
  let recheckAt: number | undefined;
  for (const p of problems) {
    if (counts(p, now)) {
      degraded = true;
      if (p.since !== undefined && (since === undefined || p.since < since)) {
        since = p.since;
        sinceLowerBound = p.sinceLowerBound;
      }
    } else if (p.graceEndsAt !== undefined) recheckAt = earliest(recheckAt, p.graceEndsAt);
  }
  return {
    degraded,
    message: sanitizeText(notReadyCausesFirst(items, 'managed workload'), 1000),
    since: since === undefined ? '' : new Date(since).toISOString(),
    sinceLowerBound,
    notReady: problems.length,
    total: items.length,
    problems,
    ...(recheckAt !== undefined ? { recheckAt } : {}),
  };
}

/**
 * A Degraded message's cause: the workloads named with their reasons, before ` — N of M … not ready`
 * (`ImagePullBackOff: Deployment apps/api`).
 */
export function degradedCause(message: string): string {
  const dash = message.indexOf(' — ');
  return dash < 0 ? message : message.slice(0, dash);
}

/** The reason of the worst workload a Degraded message names (`ImagePullBackOff`, `NotFound (deleted?)`). */
export function degradedReason(message: string): string {
  const cause = degradedCause(message);
  const colon = cause.indexOf(': ');
  return colon < 0 ? '' : cause.slice(0, colon);
}

/**
 * The row as the console shows a Ready owner whose workloads count: STATUS Degraded, MESSAGE the cause,
 * FAILING FOR from when the workload went unhealthy. READY stays True (what `flux get` says). Any other
 * row is returned as it is: a failing owner already says why, and its own message comes first.
 */
export function degradedRow(row: StatusRow, verdict: WorkloadVerdict | undefined): StatusRow {
  if (!verdict?.degraded || row.health !== 'Ready') return row;
  return {
    ...row,
    health: 'Degraded',
    message: verdict.message,
    failingSince: verdict.since,
    failingSinceLowerBound: verdict.sinceLowerBound,
  };
}

/** `spec.selector.matchLabels` as a label selector; undefined when the workload selects by expressions only. */
export function matchLabelsSelector(raw: unknown): string | undefined {
  const parts = Object.entries(stringMap(raw, 'spec', 'selector', 'matchLabels')).map(
    ([k, v]) => `${k}=${v}`,
  );
  return parts.length ? parts.join(',') : undefined;
}
