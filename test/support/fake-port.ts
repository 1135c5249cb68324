// A ClusterPort made of plain data, for testing hooks and views without an API server. Every push publishes a
// new snapshot synchronously (the real port batches; nothing here depends on batching).
import { KINDS, type KindName } from '../../src/flux/kinds.js';
import type { Transition } from '../../src/flux/transitions.js';
import {
  type HelmReleaseRevision,
  type ObjectKey,
  type ObjectRef,
  objectKey,
  type ParsedLogLine,
  type StatusRow,
} from '../../src/flux/types.js';
import type {
  ClusterEvent,
  ClusterInfo,
  ClusterPort,
  ClusterSnapshot,
  Command,
  CommandResult,
  ControllerPod,
  KindSlice,
  LogEntry,
  LogSnapshot,
  LogStreamState,
  PreviousLogs,
  RawObject,
  WatchState,
} from '../../src/kube/port.js';

type RowInput = Partial<Omit<StatusRow, 'ref' | 'key'>> & {
  readonly kind: KindName;
  readonly name: string;
  readonly namespace?: string;
};

/** A StatusRow with sensible defaults: ready unless told otherwise. */
export function makeRow(input: RowInput): StatusRow {
  const ref: ObjectRef = { kind: input.kind, namespace: input.namespace ?? 'flux-system', name: input.name };
  const health = input.health ?? 'Ready';
  return {
    uid: `uid-${objectKey(ref)}`,
    apiVersion: 'v1',
    ready: health === 'Ready' ? 'True' : 'False',
    health,
    reason: health === 'Ready' ? 'ReconciliationSucceeded' : 'ReconciliationFailed',
    message: health === 'Ready' ? 'Applied revision: main@sha1:0123abcd' : 'something went wrong',
    revision: 'main@sha1:0123abcd',
    suspended: health === 'Suspended',
    reconciling: false,
    stalled: health === 'Stalled',
    conditions: [],
    generation: 1,
    observedGeneration: 1,
    createdAt: '2026-01-01T00:00:00Z',
    lastTransitionTime: '2026-01-01T00:00:00Z',
    failingSince: '',
    failingSinceLowerBound: false,
    lastHandledReconcileAt: '',
    dependsOn: [],
    suspendedBy: '',
    suspendReason: '',
    extra: {},
    ...input,
    ref,
    key: objectKey(ref),
  };
}

const INFO: ClusterInfo = {
  context: 'test-context',
  cluster: 'test-cluster',
  server: 'https://127.0.0.1:6443',
  user: 'tester',
  identity: { name: 'tester', source: 'server' },
  namespace: undefined,
  kubeconfigPath: undefined,
};

export function logEntry(seq: number, controller: string, line: Partial<ParsedLogLine>): LogEntry {
  const parsed: ParsedLogLine = {
    ts: '2026-01-01T00:00:00.000Z',
    level: 'info',
    message: '',
    error: '',
    kind: '',
    name: '',
    namespace: '',
    logger: '',
    structured: true,
    ...line,
  };
  return { seq, pod: `${controller}-abc`, controller, line: parsed };
}

export class FakePort implements ClusterPort {
  info: ClusterInfo;
  readonly followed: (readonly string[])[] = [];
  readonly namespaces: (string | undefined)[] = [];
  readonly historyCalls: [string, string][] = [];
  helmHistories = new Map<string, readonly HelmReleaseRevision[]>();
  objects = new Map<ObjectKey, RawObject>();
  /** Previous-container logs by `namespace/pod`; a pod not here answers as one that never restarted. */
  previous = new Map<string, PreviousLogs>();
  readonly previousCalls: string[] = [];
  /** Set by a test that watches key presses reach the port. */
  noteInput: (() => void) | undefined = undefined;

  private rows = new Map<KindName, Map<ObjectKey, StatusRow>>();
  private states = new Map<KindName, WatchState>();
  private pods: ClusterSnapshot['pods'] = { state: { phase: 'ready', apiVersion: 'v1' }, items: [] };
  private events: ClusterSnapshot['events'] = { state: { phase: 'ready', apiVersion: 'v1' }, items: [] };
  /** Every Flux controller installed and running, as on a healthy cluster; setControllers changes it. */
  private controllers: ClusterSnapshot['controllers'] = {
    state: { phase: 'ready', apiVersion: 'apps/v1' },
    items: [...new Set(KINDS.map((k) => k.controller))].map((controller) => ({
      name: controller,
      controller,
      replicas: 1,
      readyReplicas: 1,
    })),
  };
  private connection: ClusterSnapshot['connection'] = 'live';
  private lastEventAt = 0;
  private transitions: readonly Transition[] = [];
  private workloads: ClusterSnapshot['workloads'];
  private snapshot: ClusterSnapshot;
  private logs: LogSnapshot = { revision: 0, entries: [], streams: [] };
  private readonly listeners = new Set<() => void>();
  private readonly logListeners = new Set<() => void>();

  constructor(rows: readonly StatusRow[] = [], info: Partial<ClusterInfo> = {}) {
    this.info = { ...INFO, ...info };
    for (const k of KINDS) this.states.set(k.kind, { phase: 'ready', apiVersion: k.versions[0] ?? 'v1' });
    for (const r of rows) this.put(r);
    this.snapshot = this.build(1);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = () => this.snapshot;
  subscribeLogs = (listener: () => void) => {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  };
  getLogSnapshot = () => this.logs;

  followControllers(controllers: readonly string[]): void {
    this.followed.push([...controllers]);
  }
  async getObject(ref: ObjectRef): Promise<RawObject | undefined> {
    return this.objects.get(objectKey(ref));
  }
  async previousLogs(
    namespace: string,
    pod: string,
    container: string,
    tailLines: number,
  ): Promise<PreviousLogs> {
    this.previousCalls.push(`${namespace}/${pod}/${container}?tailLines=${tailLines}`);
    return (
      this.previous.get(`${namespace}/${pod}`) ?? {
        phase: 'none',
        message: `${container} has not restarted in ${pod}: there is no previous container to read`,
      }
    );
  }
  async helmHistory(storageNamespace: string, releaseName: string): Promise<readonly HelmReleaseRevision[]> {
    this.historyCalls.push([storageNamespace, releaseName]);
    return this.helmHistories.get(`${storageNamespace}/${releaseName}`) ?? [];
  }
  async mergePatch(): Promise<RawObject> {
    throw new Error('the fake port does not patch');
  }
  async deleteSecret(): Promise<void> {
    throw new Error('the fake port does not delete');
  }
  async run(_command: Command): Promise<CommandResult> {
    throw new Error('the fake port does not run binaries');
  }
  setNamespace(namespace: string | undefined): void {
    this.namespaces.push(namespace);
  }
  async close(): Promise<void> {}

  // ---- test controls: each publishes a new snapshot ----

  upsert(...rows: StatusRow[]): void {
    for (const r of rows) this.put(r);
    this.publish();
  }
  remove(...keys: ObjectKey[]): void {
    for (const byKey of this.rows.values()) for (const k of keys) byKey.delete(k);
    this.publish();
  }
  /** The raw object behind a row (YAML, events --for); published with the next snapshot. */
  setObject(key: ObjectKey, raw: RawObject): void {
    this.objects.set(key, raw);
    this.publish();
  }
  setState(kind: KindName, state: WatchState): void {
    this.states.set(kind, state);
    this.publish();
  }
  setPods(items: readonly ControllerPod[], state: WatchState = { phase: 'ready', apiVersion: 'v1' }): void {
    this.pods = { state, items };
    this.publish();
  }
  setEvents(items: readonly ClusterEvent[], state: WatchState = { phase: 'ready', apiVersion: 'v1' }): void {
    this.events = { state, items };
    this.publish();
  }
  setControllers(
    items: ClusterSnapshot['controllers']['items'],
    state: WatchState = { phase: 'ready', apiVersion: 'apps/v1' },
  ): void {
    this.controllers = { state, items };
    this.publish();
  }
  setTransitions(transitions: readonly Transition[]): void {
    this.transitions = transitions;
    this.publish();
  }
  /** The workload verdicts (Degraded); undefined: a port that does not watch workloads. */
  setWorkloads(workloads: ClusterSnapshot['workloads']): void {
    this.workloads = workloads;
    this.publish();
  }
  setConnection(connection: ClusterSnapshot['connection'], lastEventAt = this.lastEventAt): void {
    this.connection = connection;
    this.lastEventAt = lastEventAt;
    this.publish();
  }
  pushLogs(entries: readonly LogEntry[], streams?: readonly LogStreamState[]): void {
    this.logs = {
      revision: this.logs.revision + 1,
      entries: [...this.logs.entries, ...entries],
      streams: streams ?? this.logs.streams,
    };
    for (const l of this.logListeners) l();
  }

  private put(row: StatusRow): void {
    const byKey = this.rows.get(row.ref.kind) ?? new Map<ObjectKey, StatusRow>();
    byKey.set(row.key, row);
    this.rows.set(row.ref.kind, byKey);
  }

  private publish(): void {
    this.snapshot = this.build(this.snapshot.revision + 1);
    for (const l of this.listeners) l();
  }

  private build(revision: number): ClusterSnapshot {
    const kinds = new Map<KindName, KindSlice>();
    for (const k of KINDS) {
      const rows = new Map(this.rows.get(k.kind) ?? []);
      const raw = new Map<ObjectKey, RawObject>();
      for (const key of rows.keys()) raw.set(key, this.objects.get(key) ?? {});
      kinds.set(k.kind, { state: this.states.get(k.kind) ?? { phase: 'loading' }, rows, raw });
    }
    return {
      revision,
      kinds,
      pods: this.pods,
      events: this.events,
      controllers: this.controllers,
      transitions: this.transitions,
      ...(this.workloads ? { workloads: this.workloads } : {}),
      lastEventAt: this.lastEventAt,
      connection: this.connection,
    };
  }
}
