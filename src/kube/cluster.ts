// The ClusterPort over a real API server (or the simulator): kubeconfig → transport → shared discovery →
// one ListWatch per Flux kind in scope plus controller pods and Flux events → the live store; log streams;
// single requests (get, merge patch, delete secret, Helm history); binaries through exec.ts.

import type { HelmChanges } from '../flux/helm-changes.js';
import type { InventoryEntry } from '../flux/inventory.js';
import { FLUX_SYSTEM_NAMESPACE, KIND_NAMES, type KindName } from '../flux/kinds.js';
import type { TraceTarget } from '../flux/trace.js';
import { type HelmReleaseRevision, type ObjectRef, objectKey } from '../flux/types.js';
import type { Timers } from './backoff.js';
import { isKubeError, KubeError } from './errors.js';
import { runCommand } from './exec.js';
import { helmHistory, helmReleaseChanges, releaseManifestEntries } from './helm-storage.js';
import { type IdentityLookup, lookupIdentity } from './identity.js';
import { KindResolver, readInventoryObjects } from './inventory-objects.js';
import { InventoryWatch } from './inventory-watch.js';
import { resolveKubeconfig } from './kubeconfig.js';
import { DEFAULT_TUNING, ListWatch, type ListWatchTuning } from './list-watch.js';
import { LogHub } from './logs.js';
import { contextNamespaceFallback } from './namespace-fallback.js';
import { DEPLOYMENTS, EVENTS, objectPath, PODS, type ResourceType, resourceName, SECRETS } from './paths.js';
import { followPodLog, watchPodSet } from './pod-follow.js';
import { FLUX_OPERATOR_SELECTOR, FLUX_PART_OF_SELECTOR } from './pods.js';
import type {
  ClusterInfo,
  ClusterPort,
  Command,
  InventoryReadout,
  PodLogState,
  PodSet,
  PreviousLogs,
  RawObject,
  TraceOutcome,
} from './port.js';
import { readPreviousLogs } from './previous-logs.js';
import { holdPublishesForInput } from './publisher.js';
import { SharedDiscovery } from './shared-discovery.js';
import { LiveStore } from './store.js';
import type { TerminalAccess } from './terminal-access.js';
import { traceObject } from './trace.js';
import type { TransitionRecorder } from './transition-recorder.js';
import { createTransport, type Transport } from './transport.js';
import { WorkloadWatches } from './workload-watches.js';

export interface ClusterPortOptions {
  readonly kubeconfigPath?: string | undefined;
  readonly context?: string | undefined;
  /** undefined = all namespaces. */
  readonly namespace?: string | undefined;
  /**
   * All namespaces were asked for explicitly (-A). Otherwise, when the user may not list Flux objects
   * cluster-wide and the context names a namespace, the console starts in that namespace.
   */
  readonly allNamespaces?: boolean | undefined;
  readonly helmPath?: string | undefined;
  /** The clock for derived times and `disconnected since` (tests pass the simulator's). */
  readonly now?: () => number;
  /** Defaults to process.env (KUBECONFIG, HOME). */
  readonly env?: NodeJS.ProcessEnv;
  /** Which kinds to watch (default: every kind in the catalog). */
  readonly kinds?: readonly KindName[];
  /** Retry pacing and page sizes (tests shorten the slow retries). */
  readonly tuning?: Partial<ListWatchTuning>;
  readonly timers?: Timers;
  /** Minimum time between two published snapshots (default 100 ms). */
  readonly publishIntervalMs?: number;
  /** The clock publishing is paced by (default the process clock; tests pass a manual one with `timers`). */
  readonly publishClock?: () => number;
  readonly logTailLines?: number;
  readonly logCapacity?: number;
  /** Called with every command actually run (exactly as run). */
  readonly onRun?: (command: Command) => void;
  /** Records settled verdict changes (seeded from the context's journal); a fresh one by default. */
  readonly transitions?: TransitionRecorder;
  /** Where an exec plug-in that asks for input gets the terminal (the console pauses its screen). */
  readonly terminal?: TerminalAccess | undefined;
  /**
   * Watch the workloads Flux applied, for Degraded (default: when Kustomizations or HelmReleases are
   * watched). Tests that count watches turn it off.
   */
  readonly workloads?: boolean;
}

const MERGE_PATCH = 'application/merge-patch+json';

export async function createClusterPort(options: ClusterPortOptions = {}): Promise<ClusterPort> {
  const config = resolveKubeconfig({
    kubeconfigPath: options.kubeconfigPath,
    context: options.context,
    env: options.env,
  });
  const transport = createTransport(config, { terminal: options.terminal });
  const closing = new AbortController();
  const discovery = new SharedDiscovery(transport, closing.signal);
  try {
    // Bad credentials fail here, with their sentence; an unreachable server does not: the console opens
    // and its watches show `disconnected — retrying` until the server answers.
    await discovery.current('Kustomization');
  } catch (error) {
    if (isKubeError(error, 'unauthorized') || isKubeError(error, 'kubeconfig')) {
      transport.close();
      throw error;
    }
    discovery.refresh();
  }
  const fallback =
    options.namespace === undefined && !options.allNamespaces
      ? await contextNamespaceFallback(transport, discovery, config.namespace, closing.signal)
      : undefined;
  const port = new LiveClusterPort(
    { ...options, namespace: options.namespace ?? fallback },
    transport,
    discovery,
    closing,
    {
      context: config.context,
      cluster: config.cluster.name,
      server: transport.server,
      user: config.userName,
      namespace: options.namespace ?? fallback,
      ...(fallback
        ? { namespaceNote: "the context's namespace: listing Flux objects cluster-wide is forbidden" }
        : {}),
      kubeconfigPath: config.source,
    },
  );
  // Asked once credentials are known good (an exec plug-in runs once, not once per concurrent request),
  // and not awaited: the first frame does not wait for it, and no action is planned in that instant.
  port.askIdentity();
  return port;
}

/** How long to wait between two identity lookups while the server could not be asked. */
const IDENTITY_RETRY_MS = 10_000;

class LiveClusterPort implements ClusterPort {
  private readonly now: () => number;
  private readonly tuning: ListWatchTuning;
  private readonly store: LiveStore;
  private readonly logs: LogHub;
  private scoped: ListWatch[] = [];
  private readonly pods: ListWatch;
  private readonly deployments: ListWatch;
  /** The Flux Operator's pod and Deployment: it answers requests on its own kinds (docs/flux-operator.md). */
  private readonly operator: readonly ListWatch[];
  private readonly workloads: WorkloadWatches | undefined;
  private namespace: string | undefined;
  private closed = false;
  private kindResolver: KindResolver | undefined;

  constructor(
    private readonly options: ClusterPortOptions,
    private readonly transport: Transport,
    private readonly discovery: SharedDiscovery,
    private readonly closing: AbortController,
    private baseInfo: ClusterInfo,
  ) {
    this.now = options.now ?? Date.now;
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.namespace = options.namespace;
    const publish = {
      ...(options.publishIntervalMs !== undefined ? { intervalMs: options.publishIntervalMs } : {}),
      ...(options.publishClock ? { clock: options.publishClock } : {}),
    };
    const timers = options.timers ? { timers: options.timers } : {};
    this.store = new LiveStore({
      now: this.now,
      ...publish,
      ...timers,
      ...(options.transitions ? { transitions: options.transitions } : {}),
    });
    this.logs = new LogHub({
      transport,
      now: this.now,
      ...publish,
      ...timers,
      ...(options.logTailLines !== undefined ? { tailLines: options.logTailLines } : {}),
      ...(options.logCapacity !== undefined ? { capacity: options.logCapacity } : {}),
      backoffInitialMs: this.tuning.backoffInitialMs,
      backoffMaxMs: this.tuning.backoffMaxMs,
      slowRetryMs: this.tuning.slowRetryMs,
      pods: { onChange: (listener) => this.store.onPodsChanged(listener) },
    });
    this.pods = this.watch(
      () => Promise.resolve({ served: true, resource: PODS }),
      FLUX_SYSTEM_NAMESPACE,
      this.store.podSink(),
      FLUX_PART_OF_SELECTOR,
    );
    this.deployments = this.watch(
      () => Promise.resolve({ served: true, resource: DEPLOYMENTS }),
      FLUX_SYSTEM_NAMESPACE,
      this.store.deploymentSink(),
      FLUX_PART_OF_SELECTOR,
    );
    // Not labelled part-of=flux, so a watch of its own (a selector cannot say "either label").
    this.operator = [
      this.watch(
        () => Promise.resolve({ served: true, resource: PODS }),
        FLUX_SYSTEM_NAMESPACE,
        this.store.podSink('operator'),
        FLUX_OPERATOR_SELECTOR,
      ),
      this.watch(
        () => Promise.resolve({ served: true, resource: DEPLOYMENTS }),
        FLUX_SYSTEM_NAMESPACE,
        this.store.deploymentSink('operator'),
        FLUX_OPERATOR_SELECTOR,
      ),
    ];
    const kinds = options.kinds ?? KIND_NAMES;
    const owners = kinds.includes('Kustomization') || kinds.includes('HelmRelease');
    if (options.workloads ?? owners) {
      this.workloads = new WorkloadWatches(
        this.store.workloads,
        (resource, namespace, sink, labelSelector) =>
          this.watch(() => Promise.resolve({ served: true, resource }), namespace, sink, labelSelector),
        transport,
        closing.signal,
      );
    }
    this.startScoped();
  }

  get info(): ClusterInfo {
    return this.baseInfo;
  }

  /**
   * Asks the server who we are. When it could not be asked (the console opened during an outage), asks
   * again once the watches are live, so actions record the authenticated name rather than the
   * kubeconfig's label for the rest of the session.
   */
  askIdentity(): void {
    let asking = false;
    let lastAsked = Number.NEGATIVE_INFINITY;
    let stop: (() => void) | undefined;
    const ask = () => {
      asking = true;
      void lookupIdentity(this.transport, { env: this.options.env, signal: this.closing.signal }).then(
        (found: IdentityLookup) => {
          asking = false;
          if (this.closed) return;
          this.baseInfo = { ...this.baseInfo, identity: found.identity };
          if (found.final) stop?.();
          else stop ??= this.store.subscribe(retry);
        },
      );
    };
    const retry = () => {
      if (this.closed) return stop?.();
      if (asking || this.store.getSnapshot().connection !== 'live') return;
      // The first retry once live goes out at once; a server that is live yet fails it is not hammered.
      if (performance.now() - lastAsked < IDENTITY_RETRY_MS) return;
      lastAsked = performance.now();
      ask();
    };
    ask();
  }

  private watch(
    resolve: ConstructorParameters<typeof ListWatch>[0]['resolve'],
    namespace: string | undefined,
    sink: ConstructorParameters<typeof ListWatch>[0]['sink'],
    labelSelector?: string,
  ): ListWatch {
    return new ListWatch({
      transport: this.transport,
      resolve,
      namespace,
      sink,
      tuning: this.tuning,
      now: this.now,
      ...(labelSelector ? { labelSelector } : {}),
      ...(this.options.timers ? { timers: this.options.timers } : {}),
    });
  }

  private startScoped(): void {
    const kinds = this.options.kinds ?? KIND_NAMES;
    this.scoped = [
      ...kinds.map((kind) =>
        this.watch(this.discovery.resolver(kind), this.namespace, this.store.kindSink(kind)),
      ),
      this.watch(
        () => Promise.resolve({ served: true, resource: EVENTS }),
        this.namespace,
        this.store.eventSink(),
      ),
    ];
    this.workloads?.watch(this.namespace);
  }

  subscribe(listener: () => void): () => void {
    return this.store.subscribe(listener);
  }

  getSnapshot() {
    return this.store.getSnapshot();
  }

  subscribeLogs(listener: () => void): () => void {
    return this.logs.subscribe(listener);
  }

  getLogSnapshot() {
    return this.logs.getSnapshot();
  }

  noteInput(): void {
    holdPublishesForInput();
  }

  followControllers(controllers: readonly string[]): void {
    if (!this.closed) this.logs.followControllers(controllers);
  }

  setNamespace(namespace: string | undefined): void {
    if (this.closed || namespace === this.namespace) return;
    const old = this.scoped;
    this.namespace = namespace;
    this.baseInfo = { ...this.baseInfo, namespace };
    for (const w of old) void w.close();
    this.store.clear();
    this.startScoped();
  }

  private async resource(kind: KindName): Promise<ResourceType> {
    let found: Awaited<ReturnType<SharedDiscovery['current']>>;
    try {
      found = await this.discovery.current(kind);
    } catch {
      this.discovery.refresh();
      found = await this.discovery.current(kind);
    }
    if (!found.served) throw new KubeError('not-installed', found.message, 404);
    return found.resource;
  }

  /** A 404 on a kind's path means discovery is stale (CRD removed, version gone): ask again next time. */
  private stale(error: unknown): never {
    if (isKubeError(error, 'not-installed')) this.discovery.refresh();
    throw error;
  }

  async getObject(ref: ObjectRef): Promise<RawObject | undefined> {
    const resource = await this.resource(ref.kind);
    try {
      const body = await this.transport.request({
        path: objectPath(resource, ref.namespace, ref.name),
        about: { verb: 'get', resource: resourceName(resource), namespace: ref.namespace, name: ref.name },
      });
      return typeof body === 'object' && body !== null ? (body as RawObject) : undefined;
    } catch (error) {
      if (isKubeError(error, 'not-found')) return undefined;
      return this.stale(error);
    }
  }

  helmHistory(storageNamespace: string, releaseName: string): Promise<readonly HelmReleaseRevision[]> {
    return helmHistory(this.transport, storageNamespace, releaseName, this.closing.signal);
  }

  helmChanges(storageNamespace: string, releaseName: string): Promise<HelmChanges | undefined> {
    return helmReleaseChanges(this.transport, storageNamespace, releaseName, this.closing.signal);
  }

  inventoryObjects(owner: ObjectRef, entries: readonly InventoryEntry[]): Promise<InventoryReadout> {
    this.kindResolver ??= new KindResolver(this.transport, this.closing.signal);
    return readInventoryObjects(
      this.transport,
      this.kindResolver,
      owner,
      entries,
      this.now(),
      this.closing.signal,
    );
  }

  watchInventory(
    owner: ObjectRef,
    entries: readonly InventoryEntry[],
    listener: (readout: InventoryReadout) => void,
  ): () => void {
    this.kindResolver ??= new KindResolver(this.transport, this.closing.signal);
    const watch = new InventoryWatch({
      transport: this.transport,
      resolver: this.kindResolver,
      owner,
      entries,
      now: this.now,
      onChange: listener,
      startWatch: (resolve, namespace, sink, selector) => this.watch(resolve, namespace, sink, selector),
      ...(this.options.timers ? { timers: this.options.timers } : {}),
    });
    return () => watch.close();
  }

  watchPods(namespace: string, selector: string, listener: (set: PodSet) => void): () => void {
    return watchPodSet(
      (resolve, ns, sink, sel) => this.watch(resolve, ns, sink, sel),
      namespace,
      selector,
      listener,
    );
  }

  followPodLog(
    namespace: string,
    pod: string,
    container: string,
    onLine: (text: string) => void,
    onState: (state: PodLogState) => void,
  ): () => void {
    return followPodLog({
      transport: this.transport,
      namespace,
      pod,
      container,
      tailLines: 200,
      onLine,
      onState,
    });
  }

  helmManifestEntries(
    storageNamespace: string,
    releaseName: string,
    releaseNamespace: string,
  ): Promise<readonly InventoryEntry[]> {
    return releaseManifestEntries(
      this.transport,
      storageNamespace,
      releaseName,
      releaseNamespace,
      this.closing.signal,
    );
  }

  trace(target: TraceTarget): Promise<TraceOutcome> {
    this.kindResolver ??= new KindResolver(this.transport, this.closing.signal);
    return traceObject(
      {
        transport: this.transport,
        resolver: this.kindResolver,
        now: this.now(),
        signal: this.closing.signal,
        fromStore: (ref) => this.getSnapshot().kinds.get(ref.kind)?.raw.get(objectKey(ref)),
        getFlux: (ref) => this.getObject(ref),
      },
      target,
    );
  }

  previousLogs(namespace: string, pod: string, container: string, tailLines: number): Promise<PreviousLogs> {
    return readPreviousLogs(this.transport, namespace, pod, container, tailLines, this.closing.signal);
  }

  async mergePatch(ref: ObjectRef, patch: Readonly<Record<string, unknown>>): Promise<RawObject> {
    const resource = await this.resource(ref.kind);
    const send = () =>
      this.transport.request({
        method: 'PATCH',
        path: objectPath(resource, ref.namespace, ref.name),
        body: patch,
        contentType: MERGE_PATCH,
        about: { verb: 'patch', resource: resourceName(resource), namespace: ref.namespace, name: ref.name },
      });
    let body: unknown;
    try {
      body = await send();
    } catch (error) {
      // Flux's patches carry no resourceVersion, so a 409 is a write race inside the server: once more.
      if (!isKubeError(error, 'conflict')) return this.stale(error);
      body = await send();
    }
    if (typeof body !== 'object' || body === null) {
      throw new KubeError(
        'server',
        `the API server answered the patch of ${ref.kind} ${ref.namespace}/${ref.name} without the object`,
      );
    }
    return body as RawObject;
  }

  async deleteSecret(namespace: string, name: string): Promise<void> {
    await this.transport.request({
      method: 'DELETE',
      path: objectPath(SECRETS, namespace, name),
      about: { verb: 'delete', resource: 'secrets', namespace, name },
    });
  }

  run(command: Command, options?: { readonly signal?: AbortSignal; readonly timeoutMs?: number }) {
    return runCommand(command, {
      signal: options?.signal,
      timeoutMs: options?.timeoutMs,
      helmPath: this.options.helmPath,
      onRun: this.options.onRun,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    const watches = [...this.scoped, this.pods, this.deployments, ...this.operator].map((w) => w.close());
    const workloads = this.workloads?.close();
    const logs = this.logs.close();
    this.store.close();
    this.transport.close();
    await Promise.all([...watches, workloads, logs]);
  }
}
