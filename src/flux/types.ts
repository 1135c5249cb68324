// Shared domain types. Objects from the cluster are untrusted JSON (`unknown`) until src/flux narrows them.
import type { KindName } from './kinds.js';

export interface ObjectRef {
  readonly kind: KindName;
  readonly namespace: string;
  readonly name: string;
}

/** Stable identity of a Flux object across updates: `Kind/namespace/name`. */
export type ObjectKey = string;

export function objectKey(ref: ObjectRef): ObjectKey {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/**
 * What the console shows for an object beyond READY (docs/status.md):
 * Suspended, Stalled (terminal until something changes), Waiting (DependencyNotReady),
 * Failed (Ready=False), Reconciling (in progress), Pending (generation not observed yet), Ready. Degraded is
 * never derived from the object itself: a Ready Kustomization or HelmRelease whose managed workloads are not
 * healthy (src/flux/workload-health.ts) — READY stays True, as `flux get` says.
 */
export type Health =
  | 'Ready'
  | 'Reconciling'
  | 'Waiting'
  | 'Failed'
  | 'Stalled'
  | 'Suspended'
  | 'Pending'
  | 'Degraded';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
  /** ISO 8601, empty when the object did not say. */
  readonly lastTransitionTime: string;
  readonly observedGeneration?: number;
}

export interface DependencyRef {
  readonly ref: ObjectRef;
  /** Filled in by the dependency graph from the live store; undefined when not looked up. */
  readonly health?: Health | 'Missing';
}

/** One row of a Flux pane, derived purely from the object (src/flux/status.ts). */
export interface StatusRow {
  readonly key: ObjectKey;
  readonly ref: ObjectRef;
  readonly uid: string;
  readonly apiVersion: string;
  /** The `flux get` READY column: the Ready condition's status, `False` when there is none. */
  readonly ready: ConditionStatus;
  readonly health: Health;
  /** The Ready condition's reason, e.g. `DependencyNotReady`, `UpgradeFailed`. */
  readonly reason: string;
  /** The `flux get` MESSAGE column (hex-truncated as the CLI does), single line. */
  readonly message: string;
  /** The `flux get` REVISION column. */
  readonly revision: string;
  readonly suspended: boolean;
  readonly reconciling: boolean;
  readonly stalled: boolean;
  readonly conditions: readonly Condition[];
  readonly generation: number;
  readonly observedGeneration: number;
  /** ISO timestamps; empty string when unknown. */
  readonly createdAt: string;
  readonly lastTransitionTime: string;
  /**
   * When the failure streak began: since the object was last Ready=True, not reset by a retry's Unknown
   * (src/flux/streak.ts); '' while ready or without a verdict.
   */
  readonly failingSince: string;
  /** failingSince is only derived from what the cluster holds: the streak began then or earlier (`≥`). */
  readonly failingSinceLowerBound: boolean;
  readonly lastHandledReconcileAt: string;
  readonly dependsOn: readonly ObjectRef[];
  /** The source it pulls from (Kustomization sourceRef, HelmRelease chart source, HelmChart sourceRef …). */
  readonly source?: ObjectRef;
  /** Who suspended it and why, from annotations fluxdeck or the Flux web UI wrote. */
  readonly suspendedBy: string;
  readonly suspendReason: string;
  /** Per-kind extra columns (URL, CHART, VERSION, LAST FETCH, IMAGE, TAG …), already display-safe. */
  readonly extra: Readonly<Record<string, string>>;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'other';

/**
 * A controller log line as `flux logs` decodes it (docs/logs-and-events.md); both the current and the older
 * format.
 */
export interface ParsedLogLine {
  readonly ts: string;
  readonly level: LogLevel;
  readonly message: string;
  readonly error: string;
  /** `controllerKind`, or `reconciler kind` on older controllers; empty for non-reconciler lines. */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly logger: string;
  /** False when the line was not JSON: it is shown as it came (sanitised), never dropped. */
  readonly structured: boolean;
  /**
   * The line's other scalar keys in their order (e.g. `revision`), for reading after the message; absent
   * when there are none. Keys every reconciler line carries (controller, group, reconcileID …) are left out.
   */
  readonly fields?: readonly (readonly [key: string, value: string])[];
}

/** One Helm release revision as decoded from its storage Secret (docs/helm.md). */
export interface HelmReleaseRevision {
  readonly releaseName: string;
  readonly namespace: string;
  readonly revision: number;
  /** Helm's info.status: deployed, superseded, failed, pending-install, pending-upgrade, pending-rollback … */
  readonly status: string;
  readonly chartName: string;
  readonly chartVersion: string;
  readonly appVersion: string;
  readonly description: string;
  /** ISO timestamps, empty when absent. */
  readonly firstDeployed: string;
  readonly lastDeployed: string;
  /** The storage Secret's name, `sh.helm.release.v1.<release>.v<revision>`. */
  readonly secretName: string;
  /** Fingerprint of the user values Helm stored (`config`), see valuesFingerprint; absent when not read. */
  readonly valuesDigest?: string;
}
