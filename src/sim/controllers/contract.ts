// What a simulated controller's per-kind handler implements and gets, and the triggers every Flux controller
// shares (creation, spec change, requestedAt, suspend), used by the reconcile engine (engine.ts).
import type { KindName } from '../../flux/kinds.js';
import type { FluxLogLevel } from '../flux-logs.js';
import type { ResourceId, SimObject } from '../types.js';
import type { SimReconciler } from './catalog.js';
import type { EventInput } from './events.js';
import { field, getNum, getStr } from './json.js';

export const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';
export const FLUX_FINALIZER = 'finalizers.fluxcd.io';
/** How long waiting on a dependency or a missing artifact waits before checking again (Flux's default). */
export const DEPENDENCY_REQUEUE_MS = 30_000;

export type AttemptOutcome =
  | { readonly state: 'ready'; readonly requeueAfterMs?: number }
  | { readonly state: 'retry'; readonly requeueAfterMs: number }
  | { readonly state: 'stalled' }
  /** Nothing reconciled (the Flux Operator's kinds while disabled): conditions untouched, no requeue. */
  | { readonly state: 'skipped' };

export interface AttemptPlan {
  /** What the object shows while the attempt runs; written for attempts something asked for, or `always`. */
  readonly progress?: AttemptProgress;
  /** Simulated duration; by default 1–3 s drawn from the seeded random. */
  readonly durationMs?: number;
  /** Runs when the attempt ends, on a fresh copy of the object whose status it updates. */
  finish(draft: SimObject): AttemptOutcome;
}

export interface AttemptProgress {
  readonly reconciling: string;
  /** Ready=Unknown (reason Progressing) with this message; Ready is left alone when undefined. */
  readonly ready?: string;
  /** Write even for a periodic attempt (the attempt changes the world, e.g. a Helm upgrade). */
  readonly always?: boolean;
  /**
   * Write for the periodic attempts of an object that is not Ready=True too — the retries. kustomize- and
   * helm-controller patch their progress before they work on every attempt, so on a real cluster Ready's
   * lastTransitionTime moves with each retry (docs/status.md); source-controller writes it only when asked or
   * on a new revision. A healthy object's periodic attempt writes nothing here, although the real
   * kustomize-controller writes Unknown then True again: the simulator keeps an idle cluster quiet.
   */
  readonly retries?: boolean;
  /** Further status changes made visible at the start (e.g. a pending release in status.history). */
  readonly mutate?: (draft: SimObject) => void;
}

export interface Attempt {
  readonly reconcileID: string;
  /** Asked for (creation, spec change, request, new source revision) rather than periodic. */
  readonly triggered: boolean;
  readonly startedAt: number;
  /** The requestedAt token seen when the attempt started. */
  readonly token: string | undefined;
  now(): number;
  nowIso(): string;
  log(level: FluxLogLevel, msg: string, extras?: Readonly<Record<string, unknown>>): void;
  event(object: SimObject, input: EventInput): void;
}

export interface KindHandler {
  readonly kind: KindName;
  readonly resource: ResourceId;
  readonly controller: SimReconciler;
  /**
   * The Flux Operator's way (docs/flux-operator.md): any annotation change or new generation triggers a
   * reconcile, and the handler itself decides what a paused (`fluxcd.controlplane.io/reconcile: disabled`)
   * object does; spec.suspend means nothing. Flux controllers' way when absent.
   */
  readonly operator?: OperatorSemantics;
  /** Keys (see objectStoreKey) of the sources this object reads, so their new revisions trigger it. */
  sourcesOf?(object: SimObject): readonly string[];
  /** What dependents watch for changes; by default `status.artifact.revision`. */
  revisionOf?(object: SimObject): string;
  /** Periodic reconcile interval; undefined = none. */
  intervalOf(object: SimObject): number | undefined;
  /** Starts an attempt; undefined when the kind has nothing to reconcile (static objects). */
  start(object: SimObject, attempt: Attempt): AttemptPlan | undefined;
  onDelete?(object: SimObject): void;
}

export interface OperatorSemantics {
  /** Paused: no periodic reconciles (a triggered one still runs, and the handler skips it). */
  paused(object: SimObject): boolean;
  /** Copies requestedAt into status.lastHandledReconcileAt (the report never does). */
  readonly recordsHandledRequests: boolean;
  /** A new generation triggers it (GenerationChangedPredicate); the report watches annotations only. */
  readonly watchesGeneration: boolean;
}

export interface EngineServices {
  log(controller: SimReconciler, kind: KindName, object: SimObject, line: LogInput): void;
  event(controller: SimReconciler, object: SimObject, input: EventInput): void;
  uuid(): string;
  /** Whether the controller runs at all (its Deployment has a ready replica); attempts wait until it does. */
  canReconcile?(controller: SimReconciler): boolean;
}

export interface LogInput {
  readonly level: FluxLogLevel;
  readonly at: number;
  readonly msg: string;
  readonly reconcileID: string;
  readonly extras?: Readonly<Record<string, unknown>>;
}

export function objectStoreKey(resource: ResourceId, namespace: string | undefined, name: string): string {
  return `${resource}|${namespace ?? ''}|${name}`;
}

export function isSuspended(object: SimObject): boolean {
  return field(object, 'spec', 'suspend') === true;
}

export function requestedAt(object: SimObject): string | undefined {
  return object.metadata.annotations?.[REQUESTED_AT];
}

export function needsReconcile(object: SimObject): boolean {
  if (isSuspended(object) || object.metadata.deletionTimestamp) return false;
  if ((getNum(object, 'status', 'observedGeneration') ?? -1) !== object.metadata.generation) return true;
  const token = requestedAt(object);
  return token !== undefined && token !== getStr(object, 'status', 'lastHandledReconcileAt');
}
