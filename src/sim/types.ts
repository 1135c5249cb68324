// Contracts inside the simulator: the object store (what the HTTP API serves and the simulated
// controllers mutate), the clock, and pod logs. The HTTP layer and the controllers know each other only
// through these.

import type { KubeJson } from './deep.js';

/** Who makes a write, as metadata.managedFields records it (src/sim/managed-fields.ts). */
export interface Writer {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  /** The fields an Apply sent (its configuration). */
  readonly applied?: KubeJson;
}

/** Who writes each part of an object: its main resource and its status. */
export interface Writers {
  readonly main: Writer;
  readonly status: Writer;
}

/** A stored Kubernetes object. Untyped beyond metadata: the API stores what clients send. */
export interface SimObject {
  apiVersion: string;
  kind: string;
  metadata: SimMeta;
  [field: string]: unknown;
}

export interface SimMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: unknown[];
  [field: string]: unknown;
}

/**
 * A resource is named by group and plural, version-agnostic: `helm.toolkit.fluxcd.io/helmreleases`,
 * `apps/deployments`, and for the core group just the plural: `pods`, `events`, `secrets`.
 */
export type ResourceId = string;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  readonly type: WatchEventType;
  readonly resource: ResourceId;
  /** A deep copy as of the event; its metadata.resourceVersion is the event's version. */
  readonly object: SimObject;
}

export interface SimStore {
  /** Current (latest) resourceVersion of the whole store, as a number. */
  readonly resourceVersion: number;
  get(resource: ResourceId, namespace: string | undefined, name: string): SimObject | undefined;
  /** namespace undefined = all namespaces. Returned objects are copies. */
  list(resource: ResourceId, namespace?: string): SimObject[];
  /** Assigns uid, resourceVersion, generation 1, creationTimestamp (from the clock). Throws StoreError 409 if it exists. */
  create(
    resource: ResourceId,
    object: Omit<SimObject, 'metadata'> & { metadata: Partial<SimMeta> & { name: string } },
    writers?: Writers,
  ): SimObject;
  /**
   * Replaces an object. Bumps generation when `spec` changed (as the API server does for CRDs with the
   * status subresource). Throws StoreError 404 when absent, 409 when `metadata.resourceVersion` is set and stale.
   */
  update(resource: ResourceId, object: SimObject, writers?: Writers): SimObject;
  /** Read-modify-write of the stored object; the mutator may change anything. Returns the new copy. */
  mutate(
    resource: ResourceId,
    namespace: string | undefined,
    name: string,
    mutator: (object: SimObject) => void,
  ): SimObject;
  /** Throws StoreError 404 when absent. Returns the deleted object. */
  delete(resource: ResourceId, namespace: string | undefined, name: string): SimObject;
  /** Every change, synchronously, in resourceVersion order. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Events of `resource` after `resourceVersion`, or 'gone' when that version is older than the kept history. */
  eventsSince(resource: ResourceId, resourceVersion: number): StoreEvent[] | 'gone';
}

export class StoreError extends Error {
  constructor(
    readonly code: 404 | 409 | 410 | 422,
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Gone' | 'Invalid',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Time in the simulator. Real for the demo; virtual in tests (advance() runs due timers in order), so a
 * test can wait out a 30 s dependency requeue without sleeping.
 */
export interface SimClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): SimTimer;
  clearTimeout(timer: SimTimer): void;
  /** Virtual clocks only: move time forward, running every timer that falls due. */
  advance(ms: number): Promise<void>;
  readonly virtual: boolean;
}

export interface SimTimer {
  readonly id: number;
}

export interface LogRecord {
  /** ms since epoch (clock time) when the line was written. */
  readonly at: number;
  readonly text: string;
}

/** Container logs, kept per pod and container, bounded. */
export interface PodLogs {
  append(namespace: string, pod: string, container: string, text: string): void;
  read(
    namespace: string,
    pod: string,
    container: string,
    options: { tailLines?: number; sinceSeconds?: number },
  ): LogRecord[];
  /** New lines as they are written; the returned function stops following. */
  follow(
    namespace: string,
    pod: string,
    container: string,
    listener: (record: LogRecord) => void,
  ): () => void;
  /** The container stopped (pod deleted or restarted): followers' streams end. */
  end(namespace: string, pod: string, container: string): void;
}

/** Which Flux API versions the simulated cluster serves: today's, or an older Flux's (docs/flux-api.md). */
export type FluxVersionProfile = 'current' | 'legacy';

/** What the scenario seeders and the simulated controllers are given. */
export interface SimContext {
  readonly store: SimStore;
  readonly clock: SimClock;
  readonly logs: PodLogs;
  /** Seeded, deterministic: the same seed gives the same cluster. Returns [0, 1). */
  readonly random: () => number;
  readonly fluxVersions: FluxVersionProfile;
}

export type ScenarioName = 'runbook' | 'empty' | 'operator';

/** The simulated Flux controllers (src/sim/controllers). */
export interface SimControllers {
  stop(): void;
  /**
   * Restart a controller pod: 'container' bumps restartCount and starts a fresh log (same pod name);
   * 'replace' deletes the pod and creates a new one with a new name, as a Deployment rollout does.
   */
  restartPod(controller: string, mode: 'container' | 'replace'): void;
  /** Resolves when no reconcile is running or due within `withinMs` of the clock (for tests). */
  idle(withinMs?: number): Promise<void>;
}
