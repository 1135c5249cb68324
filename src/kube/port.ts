// The cluster port: everything the console (hooks, actions) may ask of a cluster. src/kube implements it
// with @kubernetes/client-node against a real API server (or the simulator, which is one); tests of hooks
// and views may use a fake of it when a real HTTP server is not the point.

import type { ControllerDeployment } from '../flux/controller-health.js';
import type { HelmChanges } from '../flux/helm-changes.js';
import type { InventoryEntry } from '../flux/inventory.js';
import type { KindName } from '../flux/kinds.js';
import type { KStatusResult } from '../flux/kstatus.js';
import type { PodCause } from '../flux/pod-cause.js';
import type { Trace, TraceTarget } from '../flux/trace.js';
import type { Transition } from '../flux/transitions.js';
import type { HelmReleaseRevision, ObjectKey, ObjectRef, ParsedLogLine, StatusRow } from '../flux/types.js';
import type { OwnerKind, WorkloadVerdict } from '../flux/workload-health.js';

/** Untrusted JSON as the API server sent it. */
export type RawObject = Readonly<Record<string, unknown>>;

export type WatchState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready'; readonly apiVersion: string }
  | {
      readonly phase: 'forbidden';
      readonly message: string;
      /** Where the server refused, e.g. `in namespace flux-system` or `at the cluster scope`. */
      readonly scope?: string;
    }
  | { readonly phase: 'not-installed'; readonly message: string }
  /**
   * Served before (or the server was just unreachable) and missing now, within the grace period: the rows
   * seen last are kept, stale, while the watch retries fast (src/kube/unserved-grace.ts).
   */
  | { readonly phase: 'not-served-yet'; readonly since: number; readonly message: string }
  | { readonly phase: 'disconnected'; readonly since: number; readonly message: string };

export interface KindSlice {
  readonly state: WatchState;
  /** Derived rows, keyed by object identity; the row object is reused while its object is unchanged. */
  readonly rows: ReadonlyMap<ObjectKey, StatusRow>;
  readonly raw: ReadonlyMap<ObjectKey, RawObject>;
}

export interface ControllerPod {
  readonly name: string;
  readonly namespace: string;
  /** The Flux controller it runs (its `app` label), e.g. `helm-controller`. */
  readonly controller: string;
  readonly phase: string;
  readonly ready: boolean;
  readonly restarts: number;
  /** e.g. CrashLoopBackOff from a container's waiting state; empty when running. */
  readonly waitingReason: string;
  readonly createdAt: string;
  readonly image: string;
  /** The container the console reads (`manager`), whose previous logs and resources it shows. */
  readonly container: string;
  /** How the container last ended (containerStatuses[].lastState.terminated); absent when it never did. */
  readonly lastTermination?: PodTermination;
  /** requests/limits of that container, e.g. `{ cpu: '100m', memory: '64Mi' }`. */
  readonly resources: { readonly requests: PodResourceList; readonly limits: PodResourceList };
  /** The pod as the server sent it (untrusted), for its YAML. */
  readonly raw?: RawObject;
}

export interface PodTermination {
  /** e.g. OOMKilled, Error, Completed; empty when the kubelet gave none. */
  readonly reason: string;
  readonly exitCode: number | undefined;
  /** ISO time it ended: when the pod last restarted. */
  readonly finishedAt: string;
}

export type PodResourceList = Readonly<Record<string, string>>;

/** The previous container's log (`kubectl logs --previous`), read once. */
export type PreviousLogs =
  | { readonly phase: 'ready'; readonly lines: readonly string[] }
  /** The container never terminated (nothing to read), with the server's words. */
  | { readonly phase: 'none'; readonly message: string }
  | { readonly phase: 'error'; readonly message: string };

export interface ClusterEvent {
  readonly uid: string;
  readonly namespace: string;
  readonly type: 'Normal' | 'Warning' | string;
  readonly reason: string;
  readonly message: string;
  readonly involved: { readonly kind: string; readonly namespace: string; readonly name: string };
  /** ISO of the most recent occurrence (series.lastObservedTime → lastTimestamp → eventTime). */
  readonly lastSeen: string;
  readonly firstSeen: string;
  readonly count: number;
  readonly source: string;
}

/** An inventory entry read live and judged by kstatus (src/kube/inventory-objects.ts). */
export interface InventoryObjectHealth {
  readonly entry: InventoryEntry;
  readonly health: KStatusResult;
  /** The object as the server sent it (untrusted); absent when not found or not readable. */
  readonly raw?: RawObject;
  /** For a workload not ready: why its pods are not, e.g. `ImagePullBackOff` (display-safe). */
  readonly cause?: PodCause;
}

export type { PodCause } from '../flux/pod-cause.js';

export interface InventoryReadout {
  readonly items: readonly InventoryObjectHealth[];
  /** LIST requests made (discovery excluded), for the cost to stay visible in tests and the bench. */
  readonly lists: number;
  /** Kept live by watches (src/kube/inventory-watch.ts) rather than read once. */
  readonly live?: boolean;
  /** What the reader could not do as asked (kinds beyond the watch cap read once …), display-safe. */
  readonly notes?: readonly string[];
  /** Kinds whose first list has not arrived yet. */
  readonly loading?: readonly string[];
}

export interface WorkloadWatchState {
  /** Deployment, StatefulSet or DaemonSet. */
  readonly kind: string;
  /** Whose label selects them: `kustomize.toolkit.fluxcd.io/name` or `helm.toolkit.fluxcd.io/name`. */
  readonly owner: OwnerKind;
  readonly state: WatchState;
}

/** The health of the workloads Flux applied, per owner, kept live (src/kube/workload-table.ts). */
export interface WorkloadSnapshot {
  /** The workload watches, one per kind and owner label. */
  readonly watches: readonly WorkloadWatchState[];
  /** Per Kustomization or HelmRelease key: the verdict, for owners with a workload not ready only. */
  readonly owners: ReadonlyMap<ObjectKey, WorkloadVerdict>;
  /** Workloads not ready whose pods are not watched (past the cap), so their reason is not known. */
  readonly unexplained: number;
}

/** What `trace` found: the chain, or why there is none (the kind unknown, the object absent or forbidden). */
export type TraceOutcome =
  | { readonly ok: true; readonly trace: Trace }
  | {
      readonly ok: false;
      readonly reason: 'unknown-kind' | 'not-found' | 'forbidden';
      readonly message: string;
    };

export interface ClusterSnapshot {
  /** Increments with every published batch; a new snapshot object only when something changed. */
  readonly revision: number;
  readonly kinds: ReadonlyMap<KindName, KindSlice>;
  readonly pods: { readonly state: WatchState; readonly items: readonly ControllerPod[] };
  /** The controllers' Deployments in flux-system: whether a controller can answer a request at all. */
  readonly controllers: { readonly state: WatchState; readonly items: readonly ControllerDeployment[] };
  readonly events: { readonly state: WatchState; readonly items: readonly ClusterEvent[] };
  /**
   * The workloads Flux applied, judged per owner: a Ready owner whose workloads are not is Degraded.
   * Absent from a port that does not watch them.
   */
  readonly workloads?: WorkloadSnapshot;
  /** Settled Ready verdict changes observed (and inherited from the journal), oldest first. */
  readonly transitions: readonly Transition[];
  /** ms since epoch of the last watch event received; before any, of when the watches started. */
  readonly lastEventAt: number;
  /**
   * live when every watch is ready (or its kind not installed); partial when some kinds cannot be read
   * (not served yet, forbidden) while the rest are live; degraded when some are disconnected;
   * disconnected when all are.
   */
  readonly connection: 'connecting' | 'live' | 'partial' | 'degraded' | 'disconnected';
}

export interface LogEntry {
  /** Monotonic sequence number across all streams, for stable keys and scrolling. */
  readonly seq: number;
  readonly pod: string;
  readonly controller: string;
  /**
   * The line's fields: all the console shows of it. The raw text is not kept (it would be most of the ring's
   * memory); a line that is not JSON is its sanitised `message`.
   */
  readonly line: ParsedLogLine;
}

export interface LogStreamState {
  readonly pod: string;
  readonly controller: string;
  readonly container: string;
  readonly phase: 'connecting' | 'following' | 'reconnecting' | 'forbidden' | 'ended';
  readonly message: string;
  /** How many times the stream had to reconnect (pod restarted or replaced). */
  readonly reconnects: number;
}

export interface LogSnapshot {
  readonly revision: number;
  /** Bounded ring buffer, oldest first. */
  readonly entries: readonly LogEntry[];
  readonly streams: readonly LogStreamState[];
}

/** Who acts: the name the API server authenticated, else a name borrowed from the kubeconfig or the login. */
export interface ActingIdentity {
  readonly name: string;
  readonly source: 'server' | 'kubeconfig' | 'local';
}

export interface ClusterInfo {
  readonly context: string;
  readonly cluster: string;
  readonly server: string;
  /** The kubeconfig's user entry name (a local label, not who the server says we are). */
  readonly user: string;
  /** Who the API server says we are (SelfSubjectReview); absent until asked, e.g. in `fluxdeck status`. */
  readonly identity?: ActingIdentity;
  /** undefined = all namespaces. */
  readonly namespace: string | undefined;
  /** Why the console started in `namespace` though none was asked for (the context's, as a fallback). */
  readonly namespaceNote?: string;
  readonly kubeconfigPath: string | undefined;
}

/** A binary invocation built as data: shown in the confirmation dialog first, executed only after. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ClusterPort {
  readonly info: ClusterInfo;

  /** useSyncExternalStore contract: listeners are called at most ~10 times a second. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): ClusterSnapshot;

  subscribeLogs(listener: () => void): () => void;
  getLogSnapshot(): LogSnapshot;
  /** Which controllers' logs to follow (by `app` label); [] stops every stream. */
  followControllers(controllers: readonly string[]): void;

  getObject(ref: ObjectRef): Promise<RawObject | undefined>;
  /**
   * The last `tailLines` lines of a pod's previous (terminated) container, one read. Optional: a port that
   * cannot read logs leaves it out and the details say so.
   */
  previousLogs?(namespace: string, pod: string, container: string, tailLines: number): Promise<PreviousLogs>;
  /** Helm storage for a release, newest revision first, decoded from its Secrets. */
  helmHistory(storageNamespace: string, releaseName: string): Promise<readonly HelmReleaseRevision[]>;
  /** What the newest revision changed against the last good one; undefined with fewer than two revisions. */
  helmChanges?(storageNamespace: string, releaseName: string): Promise<HelmChanges | undefined>;
  /**
   * The live objects of a Kustomization's or HelmRelease's inventory with their kstatus health: one LIST
   * per distinct kind (src/kube/inventory-objects.ts). Optional: a port that cannot read them leaves it out.
   */
  inventoryObjects?(owner: ObjectRef, entries: readonly InventoryEntry[]): Promise<InventoryReadout>;
  /**
   * The same, kept live: one list+watch per kind (src/kube/inventory-watch.ts); `listener` gets each new
   * readout (coalesced). Returns the stop. Optional, like inventoryObjects.
   */
  watchInventory?(
    owner: ObjectRef,
    entries: readonly InventoryEntry[],
    listener: (readout: InventoryReadout) => void,
  ): () => void;
  /**
   * The objects of a HelmRelease's current release manifest, from Helm storage, as inventory entries: for
   * helm-controller before 1.5, which writes no status.inventory. Optional.
   */
  helmManifestEntries?(
    storageNamespace: string,
    releaseName: string,
    releaseNamespace: string,
  ): Promise<readonly InventoryEntry[]>;

  /** A workload's pods by its selector, kept live (src/kube/pod-follow.ts). Returns the stop. Optional. */
  watchPods?(namespace: string, selector: string, listener: (set: PodSet) => void): () => void;
  /** One container's log, followed until it ends or the stop is called. Optional. */
  followPodLog?(
    namespace: string,
    pod: string,
    container: string,
    onLine: (text: string) => void,
    onState: (state: PodLogState) => void,
  ): () => void;

  /**
   * `flux trace`: the object, its owners, the Flux object that applied it and its sources, each judged
   * (src/kube/trace.ts). Optional: a port that cannot read arbitrary kinds leaves it out.
   */
  trace?(target: TraceTarget): Promise<TraceOutcome>;

  /** JSON merge patch, as the flux CLI does (application/merge-patch+json). */
  mergePatch(ref: ObjectRef, patch: Readonly<Record<string, unknown>>): Promise<RawObject>;
  deleteSecret(namespace: string, name: string): Promise<void>;
  run(
    command: Command,
    options?: { readonly signal?: AbortSignal; readonly timeoutMs?: number },
  ): Promise<CommandResult>;

  /**
   * A key was pressed: snapshot publishes wait a moment so the key's own frame is not queued behind a
   * snapshot render. Optional: a port without batching has nothing to hold.
   */
  noteInput?(): void;

  /** Narrow to one namespace (undefined = all); watches restart. */
  setNamespace(namespace: string | undefined): void;
  close(): Promise<void>;
}

/** A workload's pods as a watch has them (src/kube/pod-follow.ts). */
export interface PodSet {
  readonly pods: readonly RawObject[];
  readonly state: WatchState;
}

/** A followed pod log's state (src/kube/pod-follow.ts). */
export type PodLogState =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'following' }
  | { readonly phase: 'ended'; readonly message: string }
  | { readonly phase: 'failed'; readonly message: string };
