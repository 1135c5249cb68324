// The live store behind ClusterPort.subscribe/getSnapshot. Watch loops write into mutable tables; a
// batched publisher turns what changed into a new immutable snapshot at most ~10 times a second. Rows are
// derived once per object version (memoised by resourceVersion); unchanged kinds keep their slice object,
// unchanged objects keep their row object, and getSnapshot returns the same object until the next publish.

import type { ControllerDeployment } from '../flux/controller-health.js';
import { isKindName, KIND_NAMES, type KindName } from '../flux/kinds.js';
import { str } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import { deriveRow } from '../flux/status.js';
import type { ObjectKey, StatusRow } from '../flux/types.js';
import { degradedRow, isOwnerKind, type WorkloadVerdict } from '../flux/workload-health.js';
import { REAL_TIMERS, type Timers } from './backoff.js';
import { compareControllerDeployments, toControllerDeployment } from './controllers.js';
import { compareEvents, toClusterEvent } from './events.js';
import type { WatchEventType, WatchSink } from './list-watch.js';
import { withoutManagedFields } from './managed-fields.js';
import { SnapshotTable } from './overlay-map.js';
import { PackedRaw, RawCache, RawCell, RawPacker, RawView, resourceVersionOf } from './packed-raw.js';
import { compareControllerPods, toControllerPod } from './pods.js';
import type {
  ClusterEvent,
  ClusterSnapshot,
  ControllerPod,
  KindSlice,
  RawObject,
  WatchState,
} from './port.js';
import { BatchedPublisher, type PublisherOptions } from './publisher.js';
import { internRowStrings } from './row-strings.js';
import { StreakMemory } from './streak-memory.js';
import { StringPool } from './string-pool.js';
import { TransitionRecorder } from './transition-recorder.js';
import { WorkloadTable } from './workload-table.js';

const LOADING: WatchState = { phase: 'loading' };
/** Objects stay parsed this long after they arrive (a burst of changes, a start's listing), then are packed. */
const PACK_DELAY_MS = 1000;
/**
 * Objects packed at a time (~15 µs each), so a packing round never holds the console up. A round that
 * finds more than a batch waiting (a start's listing) is followed by the next one soon after: 10,000
 * objects are packed within about a second of quiet, and the console is idle after that. Packed over 40 s
 * at 250 a second, they kept an idle console at 5% of a core for all that time (bench: idle CPU). A round
 * with less (the 200 changes a second of churn) waits PACK_GAP_MS for the next.
 */
const PACK_BATCH = 100;
const PACK_GAP_MS = 200;
const PACK_BACKLOG_GAP_MS = 10;

/** Packing's own timers: they keep no process alive and are not the publisher's (tests count those). */
const PACK_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Same identity as the row's key (deriveRow sanitises names the same way). */
export function rawKey(kind: string, raw: RawObject): ObjectKey {
  return `${kind}/${sanitizeText(str(raw, 'metadata', 'namespace'), 253)}/${sanitizeText(str(raw, 'metadata', 'name'), 253)}`;
}

class KindTable {
  // Snapshot tables: a publish hands out views over a shared base instead of copying 10,000 entries.
  /** Each object as it came, or packed once it has been quiet (src/kube/packed-raw.ts). */
  readonly raw = new SnapshotTable<ObjectKey, RawCell>();
  readonly rows = new SnapshotTable<ObjectKey, StatusRow>();
  /** Keys whose row must be derived again at the next publish. */
  readonly dirty = new Set<ObjectKey>();
  /** Keys whose object came since the last publish (the workload table is told about those). */
  private readonly fresh = new Set<ObjectKey>();
  /** Keys whose object is held parsed: packed by `pack`. */
  private readonly unpacked = new Set<ObjectKey>();
  private readonly packer = new RawPacker();
  state: WatchState = LOADING;
  changed = false;
  slice: KindSlice = { state: LOADING, rows: new Map(), raw: new Map() };

  constructor(
    readonly kind: KindName,
    private readonly cache: RawCache,
    private readonly strings: StringPool,
    private readonly streaks: StreakMemory,
    private readonly recorder: TransitionRecorder,
    /** Told every object version published and every deletion (the owners of workloads). */
    private readonly onRaw?: (key: ObjectKey, raw: RawObject | undefined) => void,
    /** Told every row derived, in place of the recorder (an owner's row is recorded as shown: Degraded). */
    private readonly onRow?: (key: ObjectKey) => void,
  ) {}

  /** The object's row must be derived again (its failure streak moved). */
  touch(key: ObjectKey): void {
    if (!this.raw.has(key)) return;
    this.dirty.add(key);
    this.changed = true;
  }

  reset(items: readonly RawObject[]): void {
    const listed = new Set<ObjectKey>();
    for (const listedItem of items) {
      const item = withoutManagedFields(listedItem);
      const key = rawKey(this.kind, item);
      const old = this.raw.get(key);
      listed.add(key);
      if (old?.stored === item) continue;
      this.put(key, item);
      if (!old || resourceVersionOf(old.stored) !== resourceVersionOf(item) || !this.rows.has(key))
        this.dirty.add(key);
    }
    // Objects deleted while we were away disappear: no ghosts.
    for (const key of [...this.raw.keys()]) {
      if (listed.has(key)) continue;
      this.remove(key);
      this.streaks.forget(key);
      this.recorder.forget(key);
      this.onRaw?.(key, undefined);
    }
    for (const key of [...this.rows.keys()]) if (!this.raw.has(key)) this.rows.delete(key);
    for (const key of this.dirty) if (!this.raw.has(key)) this.dirty.delete(key);
    this.changed = true;
  }

  event(type: WatchEventType, received: RawObject): void {
    const object = withoutManagedFields(received);
    const key = rawKey(this.kind, object);
    if (type === 'DELETED') {
      if (!this.remove(key)) return;
      this.streaks.forget(key);
      this.recorder.forget(key);
      this.onRaw?.(key, undefined);
      this.rows.delete(key);
      this.dirty.delete(key);
    } else {
      const old = this.raw.get(key);
      const version = resourceVersionOf(object);
      if (old && resourceVersionOf(old.stored) === version && version !== '') return;
      this.put(key, object);
      this.dirty.add(key);
    }
    this.changed = true;
  }

  private put(key: ObjectKey, raw: RawObject): void {
    this.raw.set(key, new RawCell(raw));
    this.fresh.add(key);
    this.unpacked.add(key);
  }

  private remove(key: ObjectKey): boolean {
    this.fresh.delete(key);
    this.unpacked.delete(key);
    return this.raw.delete(key);
  }

  /** Whether some objects wait to be packed. */
  get packable(): boolean {
    return this.unpacked.size > 0;
  }

  /** Packs up to `limit` objects whose rows are derived, in their cells; returns how many it packed. */
  pack(limit: number): number {
    let packed = 0;
    for (const key of this.unpacked) {
      if (packed >= limit) break;
      if (this.dirty.has(key)) continue;
      this.unpacked.delete(key);
      const cell = this.raw.get(key);
      if (cell === undefined || cell.stored instanceof PackedRaw) continue;
      const raw = cell.stored;
      cell.stored = this.packer.pack(raw);
      this.cache.remember(cell.stored, raw);
      packed++;
    }
    return packed;
  }

  publish(now: number): boolean {
    if (!this.changed) return false;
    for (const key of this.dirty) {
      const cell = this.raw.get(key);
      const raw = cell === undefined ? undefined : this.cache.open(cell.stored);
      // The workload table hears of each new version of an owner, not of rows derived again.
      if (raw && this.fresh.has(key)) this.onRaw?.(key, raw);
      // The streak memory sees every version of the object, in order: how FAILING FOR survives retries.
      const row = raw ? deriveRow(this.kind, raw, now, this.streaks.observe(key, now)) : undefined;
      if (row) {
        internRowStrings(row, this.strings.intern);
        this.rows.set(key, row);
        if (this.onRow) this.onRow(key);
        else this.recorder.see(row, now);
      } else this.rows.delete(key);
    }
    this.dirty.clear();
    this.fresh.clear();
    this.changed = false;
    this.slice = {
      state: this.state,
      rows: this.rows.snapshot(),
      raw: new RawView(this.raw.snapshot(), this.cache.open),
    };
    return true;
  }
}

export interface LiveStoreOptions extends PublisherOptions {
  readonly now?: () => number;
  /** Newest events kept (default 2,000). */
  readonly eventLimit?: number;
  /** Where settled verdict changes are recorded (seeded from the journal); a fresh one by default. */
  readonly transitions?: TransitionRecorder;
  /** When quiet objects are packed (src/kube/packed-raw.ts); unreferenced real timers by default. */
  readonly packTimers?: Timers;
}

/** Which watch fills a part of the pods or Deployments: the Flux controllers', or the Flux Operator's. */
export type SinkPart = 'flux' | 'operator';

/** Objects kept per watch, so one watch's relist never drops what another listed; read as one. */
class Partitioned {
  private readonly parts = new Map<SinkPart, Map<string, RawObject>>();

  part(name: SinkPart): Map<string, RawObject> {
    let part = this.parts.get(name);
    if (!part) {
      part = new Map();
      this.parts.set(name, part);
    }
    return part;
  }

  /** Every object once (a pod both watches list is one pod). */
  values(): RawObject[] {
    if (this.parts.size === 1) return [...(this.parts.values().next().value?.values() ?? [])];
    const all = new Map<string, RawObject>();
    for (const part of this.parts.values()) for (const [key, raw] of part) all.set(key, raw);
    return [...all.values()];
  }
}

export class LiveStore {
  private readonly now: () => number;
  private readonly eventLimit: number;
  private readonly tables = new Map<KindName, KindTable>();
  private readonly streaks = new StreakMemory();
  private readonly recorder: TransitionRecorder;
  private readonly pods = new Partitioned();
  private readonly deployments = new Partitioned();
  private readonly events = new Map<string, ClusterEvent>();
  private podState: WatchState = LOADING;
  private deploymentState: WatchState = LOADING;
  private deploymentsChanged = false;
  private eventState: WatchState = LOADING;
  private podsChanged = false;
  private eventsChanged = false;
  /** The last watch event's time; before any, when the store started (the header counts silence from it). */
  private lastEventAt: number;
  private snapshot: ClusterSnapshot;
  private readonly publisher: BatchedPublisher;
  private readonly podListeners = new Set<(pods: readonly RawObject[]) => void>();
  /** The health of the workloads Flux applied, per owner (Degraded). */
  readonly workloads: WorkloadTable;
  /** Owners whose row the recorder has not seen as shown yet: derived anew, verdict moved or not settled. */
  private readonly unrecorded = new Set<ObjectKey>();
  private readonly rawCache = new RawCache();
  private readonly rowStrings = new StringPool();
  private readonly packTimers: Timers;
  private packTimer: unknown;
  private closed = false;

  constructor(options: LiveStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.lastEventAt = this.now();
    this.packTimers = options.packTimers ?? PACK_TIMERS;
    this.eventLimit = options.eventLimit ?? 2000;
    this.recorder = options.transitions ?? new TransitionRecorder();
    this.workloads = new WorkloadTable({
      now: this.now,
      timers: options.timers ?? REAL_TIMERS,
      changed: () => this.publisher.changed(),
    });
    for (const kind of KIND_NAMES) {
      const owner = isOwnerKind(kind);
      this.tables.set(
        kind,
        new KindTable(
          kind,
          this.rawCache,
          this.rowStrings,
          this.streaks,
          this.recorder,
          owner ? (key, raw) => this.workloads.owner(key, raw) : undefined,
          owner ? (key) => this.unrecorded.add(key) : undefined,
        ),
      );
    }
    this.snapshot = this.build(0);
    this.publisher = new BatchedPublisher(() => this.publish(), options);
  }

  subscribe(listener: () => void): () => void {
    return this.publisher.subscribe(listener);
  }

  getSnapshot(): ClusterSnapshot {
    return this.snapshot;
  }

  /** Publishes pending changes at once (tests; never needed for correctness). */
  flush(): void {
    this.publisher.flush();
  }

  close(): void {
    this.closed = true;
    if (this.packTimer !== undefined) this.packTimers.clearTimeout(this.packTimer);
    this.packTimer = undefined;
    this.workloads.close();
    this.publisher.close();
    this.podListeners.clear();
  }

  /** Every pod change, synchronously with the raw pods (the log streams follow pod replacements). */
  onPodsChanged(listener: (pods: readonly RawObject[]) => void): () => void {
    this.podListeners.add(listener);
    return () => {
      this.podListeners.delete(listener);
    };
  }

  rawPods(): readonly RawObject[] {
    return this.pods.values();
  }

  /** Back to an empty, loading store (the namespace scope changed). */
  clear(): void {
    for (const table of this.tables.values()) {
      table.reset([]);
      table.state = LOADING;
    }
    this.streaks.clear();
    this.events.clear();
    this.eventState = LOADING;
    this.eventsChanged = true;
    this.publisher.changed();
  }

  kindSink(kind: KindName): WatchSink {
    const table = this.tables.get(kind) as KindTable;
    return {
      reset: (items) => {
        table.reset(items);
        this.publisher.changed(true);
      },
      event: (type, object) => {
        this.lastEventAt = this.now();
        table.event(type, object);
        this.publisher.changed();
      },
      state: (state) => {
        table.state = state;
        table.changed = true;
        this.publisher.changed(true);
      },
    };
  }

  /**
   * The controller pods one watch lists. `part` names the watch: the Flux controllers' (`flux`, whose state
   * is the pods' state) or another that adds its own (the Flux Operator's); a relist replaces only its part.
   */
  podSink(part: SinkPart = 'flux'): WatchSink {
    const pods = this.pods.part(part);
    const notify = (urgent: boolean) => {
      this.podsChanged = true;
      this.publisher.changed(urgent);
      const pods = this.rawPods();
      for (const listener of this.podListeners) listener(pods);
    };
    return {
      reset: (items) => {
        pods.clear();
        for (const item of items) pods.set(rawKey('Pod', item), item);
        notify(true);
      },
      event: (type, object) => {
        this.lastEventAt = this.now();
        if (type === 'DELETED') pods.delete(rawKey('Pod', object));
        else pods.set(rawKey('Pod', object), object);
        notify(false);
      },
      state: (state) => {
        if (part !== 'flux') return;
        this.podState = state;
        this.podsChanged = true;
        this.publisher.changed(true);
      },
    };
  }

  /** The controllers' Deployments one watch lists; `part` as for podSink. */
  deploymentSink(part: SinkPart = 'flux'): WatchSink {
    const deployments = this.deployments.part(part);
    const changed = (urgent: boolean) => {
      this.deploymentsChanged = true;
      this.publisher.changed(urgent);
    };
    return {
      reset: (items) => {
        deployments.clear();
        for (const item of items) deployments.set(rawKey('Deployment', item), item);
        changed(true);
      },
      event: (type, object) => {
        this.lastEventAt = this.now();
        if (type === 'DELETED') deployments.delete(rawKey('Deployment', object));
        else deployments.set(rawKey('Deployment', object), object);
        changed(false);
      },
      state: (state) => {
        if (part !== 'flux') return;
        this.deploymentState = state;
        changed(true);
      },
    };
  }

  eventSink(): WatchSink {
    return {
      reset: (items) => {
        this.events.clear();
        for (const item of items) this.addEvent(item, false);
        for (const key of this.streaks.resetEvents(this.events.values())) this.touch(key);
        this.eventsChanged = true;
        this.publisher.changed(true);
      },
      event: (type, object) => {
        this.lastEventAt = this.now();
        const uid = str(object, 'metadata', 'uid');
        if (type === 'DELETED') {
          const gone = this.events.get(uid);
          if (!gone) return;
          this.events.delete(uid);
          this.streaks.removeEvent(gone);
        } else if (!this.addEvent(object, true)) return;
        this.eventsChanged = true;
        this.publisher.changed();
      },
      state: (state) => {
        this.eventState = state;
        this.eventsChanged = true;
        this.publisher.changed(true);
      },
    };
  }

  private addEvent(raw: RawObject, remember: boolean): boolean {
    const event = toClusterEvent(raw);
    if (!event) return false;
    this.events.set(event.uid, event);
    if (remember) {
      const moved = this.streaks.addEvent(event);
      if (moved !== undefined) this.touch(moved);
    }
    return true;
  }

  /** Derive the row of `key` (`Kind/namespace/name`) again at the next publish. */
  private touch(key: ObjectKey): void {
    const kind = key.slice(0, key.indexOf('/'));
    if (isKindName(kind)) this.tables.get(kind)?.touch(key);
  }

  private publish(): boolean {
    const now = this.now();
    let changed = false;
    for (const table of this.tables.values()) changed = table.publish(now) || changed;
    // After the tables: they hand the owners' new versions to the workload table.
    const verdicts = this.workloads.getSnapshot().owners;
    changed = this.workloads.publish() || changed;
    this.recordOwners(verdicts, now);
    // A verdict that settled without changing anything else may still have been recorded.
    changed = this.recorder.transitions() !== this.snapshot.transitions || changed;
    this.schedulePacking(PACK_DELAY_MS);
    if (!changed && !this.podsChanged && !this.eventsChanged && !this.deploymentsChanged) return false;
    this.snapshot = this.build(this.snapshot.revision + 1);
    return true;
  }

  /** Packs quiet objects in batches, once `delay` has passed (nothing when a round is already due). */
  private schedulePacking(delay: number): void {
    if (this.packTimer !== undefined || this.closed) return;
    let packable = false;
    for (const table of this.tables.values()) packable ||= table.packable;
    if (!packable) return;
    this.packTimer = this.packTimers.setTimeout(() => {
      this.packTimer = undefined;
      let room = PACK_BATCH;
      for (const table of this.tables.values()) if (room > 0) room -= table.pack(room);
      this.schedulePacking(room === 0 ? PACK_BACKLOG_GAP_MS : PACK_GAP_MS);
    }, delay);
  }

  /**
   * The recorder sees an owner's row as the console shows it, its workloads' verdict laid over (Degraded,
   * docs/timeline-and-report.md): when the row was derived anew, when its verdict moved, and — for a Ready
   * row — only once the verdict is settled, so a verdict still being read is not taken for a change.
   */
  private recordOwners(before: ReadonlyMap<ObjectKey, WorkloadVerdict>, now: number): void {
    const after = this.workloads.getSnapshot().owners;
    if (after !== before) {
      for (const [key, verdict] of after) if (before.get(key) !== verdict) this.unrecorded.add(key);
      for (const key of before.keys()) if (!after.has(key)) this.unrecorded.add(key);
    }
    for (const key of this.unrecorded) {
      const kind = key.slice(0, key.indexOf('/'));
      const row = isKindName(kind) ? this.tables.get(kind)?.rows.get(key) : undefined;
      if (!row) {
        this.unrecorded.delete(key);
        continue;
      }
      const shown = degradedRow(row, after.get(key));
      if (shown.health === 'Ready' && !this.workloads.settled(key)) continue;
      this.recorder.see(shown, now);
      this.unrecorded.delete(key);
    }
  }

  private build(revision: number): ClusterSnapshot {
    const kinds = new Map<KindName, KindSlice>();
    for (const [kind, table] of this.tables) kinds.set(kind, table.slice);
    const previous = this.snapshot as ClusterSnapshot | undefined;
    const pods = this.podsChanged || !previous ? this.buildPods() : previous.pods;
    const events = this.eventsChanged || !previous ? this.buildEvents() : previous.events;
    const controllers = this.deploymentsChanged || !previous ? this.buildControllers() : previous.controllers;
    this.podsChanged = false;
    this.eventsChanged = false;
    this.deploymentsChanged = false;
    const connection = connectionOf(
      [...kinds.values()].map((s) => s.state),
      [pods.state, events.state, controllers.state],
    );
    const transitions = this.recorder.transitions();
    return {
      revision,
      kinds,
      pods,
      events,
      controllers,
      transitions,
      workloads: this.workloads.getSnapshot(),
      lastEventAt: this.lastEventAt,
      connection,
    };
  }

  private buildPods(): ClusterSnapshot['pods'] {
    const items: ControllerPod[] = [];
    for (const raw of this.pods.values()) {
      const pod = toControllerPod(raw);
      if (pod) items.push(pod);
    }
    items.sort(compareControllerPods);
    return { state: this.podState, items };
  }

  private buildControllers(): ClusterSnapshot['controllers'] {
    const items: ControllerDeployment[] = [];
    for (const raw of this.deployments.values()) {
      const deployment = toControllerDeployment(raw);
      if (deployment) items.push(deployment);
    }
    items.sort(compareControllerDeployments);
    return { state: this.deploymentState, items };
  }

  private buildEvents(): ClusterSnapshot['events'] {
    const items = [...this.events.values()].sort(compareEvents);
    if (items.length > this.eventLimit) {
      const evicted = items.splice(0, items.length - this.eventLimit);
      for (const e of evicted) {
        this.events.delete(e.uid);
        this.streaks.removeEvent(e);
      }
    }
    return { state: this.eventState, items };
  }
}

/** A Flux kind whose objects the console could not read: its rows are missing or stale. */
export function isUnreadKind(state: WatchState): boolean {
  return state.phase === 'not-served-yet' || state.phase === 'forbidden';
}

/**
 * live: every watch ready (a kind not installed has nothing to read); partial: the open watches are ready
 * but some Flux kinds cannot be read (not served yet, forbidden), so counts leave them out; degraded: some
 * disconnected; disconnected: all that can be are. Pods and events (`others`) never make it partial: the
 * counts do not come from them.
 */
export function connectionOf(
  kinds: readonly WatchState[],
  others: readonly WatchState[] = [],
): ClusterSnapshot['connection'] {
  const open = [...kinds, ...others].filter(
    (s) => s.phase !== 'forbidden' && s.phase !== 'not-installed' && s.phase !== 'not-served-yet',
  );
  const disconnected = open.filter((s) => s.phase === 'disconnected').length;
  if (disconnected > 0) return disconnected === open.length ? 'disconnected' : 'degraded';
  if (open.some((s) => s.phase === 'loading')) return 'connecting';
  return kinds.some(isUnreadKind) ? 'partial' : 'live';
}
