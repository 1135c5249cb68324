// The shapes every runbook action shares: a plan built as data (shown in the confirmation dialog first),
// the options the dialog can change, progress while it runs, and the outcome a user reads at the end.
import type { DesiredComparison } from '../flux/helm-desired.js';
import type { HelmReleaseRevision, ObjectRef, StatusRow } from '../flux/types.js';
import type { ClusterPort, Command } from '../kube/port.js';
import type { SuspendLedger } from './ledger.js';

/** One per runbook remediation; the app maps its key commands onto these (see registry.ts). */
export type ActionId =
  | 'reconcile'
  | 'reconcile-with-source'
  | 'suspend'
  | 'resume'
  | 'rollback'
  | 'clear-helm-lock'
  | 'fix-chain';

/** Everything the dialog may change. Each plan says which of these it offers (`optionSpecs`). */
export interface ActionOptions {
  /** HelmRelease reconcile: `reconcile.fluxcd.io/forceAt` (a one-off forced upgrade). */
  readonly force: boolean;
  /** HelmRelease reconcile: `reconcile.fluxcd.io/resetAt` (reset exhausted retries). */
  readonly reset: boolean;
  /** Suspend: why, recorded in the `fluxdeck.dev/suspended-reason` annotation. */
  readonly reason: string;
  /** Rollback: the Helm revision to go back to; undefined = the last good one. */
  readonly revision: number | undefined;
  /** Rollback: stay suspended afterwards (Git not fixed yet). */
  readonly leaveSuspended: boolean;
  /** Clear lock: resume a suspended release afterwards so it can reconcile. */
  readonly resume: boolean;
}

export const DEFAULT_OPTIONS: ActionOptions = {
  force: false,
  reset: false,
  reason: '',
  revision: undefined,
  leaveSuspended: false,
  resume: true,
};

export type OptionId = keyof ActionOptions;

/** How the dialog edits one option; the keys are the dialog's own, shown in it. */
export type OptionSpec =
  | {
      readonly id: 'force' | 'reset' | 'leaveSuspended' | 'resume';
      readonly type: 'toggle';
      readonly label: string;
    }
  | { readonly id: 'reason'; readonly type: 'text'; readonly label: string }
  | {
      readonly id: 'revision';
      readonly type: 'choice';
      readonly label: string;
      readonly choices: readonly { readonly value: number; readonly label: string }[];
    };

/** A plan: what will happen, in words and as the exact commands, before anything happens. */
export interface ActionPlan {
  readonly action: ActionId;
  readonly title: string;
  readonly targets: readonly ObjectRef[];
  readonly context: string;
  readonly cluster: string;
  /** Who acts (ActionContext.user when planned), as the dialog shows it and the audit log records it. */
  readonly user?: string;
  /** The namespace(s) of the targets, comma-separated. */
  readonly namespace: string;
  readonly steps: readonly string[];
  /** The equivalent flux / kubectl / helm command lines, as argument arrays. */
  readonly commands: readonly Command[];
  readonly warnings: readonly string[];
  /** Facts shown as read, e.g. the Helm history with decoded statuses. */
  readonly details?: { readonly title: string; readonly lines: readonly string[] };
  readonly options: ActionOptions;
  readonly optionSpecs: readonly OptionSpec[];
  /** Set when the action cannot run at all: the dialog shows this sentence and only cancels. */
  readonly refusal?: string;
  /** What the action learnt while planning (objects, Helm history); used by run() and replan. */
  readonly facts: ActionFacts;
}

/** Per-target facts read while planning. */
export interface TargetFacts {
  readonly ref: ObjectRef;
  readonly suspended: boolean;
  /** The object as read, undefined when it is gone. */
  readonly raw: Readonly<Record<string, unknown>> | undefined;
}

export interface HelmFacts {
  readonly releaseName: string;
  readonly releaseNamespace: string;
  readonly storageNamespace: string;
  readonly history: readonly HelmReleaseRevision[];
  /** Rollback: whether the HelmRelease still asks for the chart and values of its failed upgrade. */
  readonly desired?: DesiredComparison;
}

export interface ActionFacts {
  readonly targets: readonly TargetFacts[];
  readonly helm?: HelmFacts;
  /** with-source / fix-chain: the ordered objects to reconcile (last = the target). */
  readonly chain?: readonly ChainLink[];
}

export interface ChainLink {
  readonly ref: ObjectRef;
  readonly force: boolean;
  readonly reset: boolean;
  /** Suspended when planned: resumed in the same patch (Flux ignores requests on suspended objects). */
  readonly resume: boolean;
}

export interface ActionProgress {
  /** 1-based index of the running step. */
  readonly step: number;
  readonly total: number;
  /** The running step, in words. */
  readonly label: string;
  /** What is still awaited, in words (e.g. "waiting for helm-controller to handle the request"). */
  readonly pending: string;
}

export type ProgressListener = (progress: ActionProgress) => void;

export type ActionOutcome =
  | { readonly status: 'succeeded'; readonly message: string; readonly revision: string }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'timed-out'; readonly message: string; readonly pending: string }
  | { readonly status: 'cancelled'; readonly message: string };

/** Time for tokens, timeouts and fallback re-reads: wall time, or the simulator's virtual clock in tests. */
export interface ActionClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ActionContext {
  readonly port: ClusterPort;
  readonly readonly: boolean;
  readonly clock: ActionClock;
  /** Who is acting, for `fluxcd.controlplane.io/suspendedBy` and the audit log. */
  readonly user: string;
  /** How long to await one controller answer. */
  readonly timeoutMs: number;
  /** Re-read interval when the live snapshot does not carry the object (kind not watched). */
  readonly pollMs: number;
  readonly ledger: SuspendLedger;
  /** How the console's keys read (e.g. resume → "u"), for sentences like "resume it with u". */
  readonly keyLabel?: ((action: ActionId) => string | undefined) | undefined;
  /** The rows the console shows (the dependency graph of "fix chain"); else read from the port's snapshot. */
  readonly rows?: (() => readonly StatusRow[] | undefined) | undefined;
  readonly signal?: AbortSignal;
}
