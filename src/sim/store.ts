// The simulated cluster's object store: what the HTTP API serves and the simulated controllers mutate.
// It keeps the API server's persistence rules: one global resourceVersion counter, uid and
// creationTimestamp on create, generation bumped when spec changes, no-op writes change nothing, and a
// bounded history of events so watches can resume from a resourceVersion (older ones are 'gone').

import { deepCopy, deepEqual, type KubeJson, type MetaJson } from './deep.js';
import { managedFieldsAfter, simWriters } from './managed-fields.js';

import type {
  ResourceId,
  SimClock,
  SimMeta,
  SimObject,
  SimStore,
  StoreEvent,
  WatchEventType,
  Writers,
} from './types.js';
import { StoreError } from './types.js';

/** An event as kept in history: the stored object itself (never mutated, copy-on-write) and its predecessor. */
export interface StoredEvent {
  readonly type: WatchEventType;
  readonly resource: ResourceId;
  readonly object: SimObject;
  /** The object as it was before this event (absent for ADDED). Lets watches apply selectors to both. */
  readonly old: SimObject | undefined;
  readonly resourceVersion: number;
}

export interface StoreOptions {
  /** Source of uids; seeded in the simulator so a seed reproduces the cluster. */
  uid?: () => string;
  /** How many events are kept for watch resume. */
  historyLimit?: number;
}

/** `helm.toolkit.fluxcd.io/helmreleases` → `helmreleases.helm.toolkit.fluxcd.io`, as API messages name it. */
export function qualifiedResource(resource: ResourceId): string {
  const slash = resource.lastIndexOf('/');
  return slash < 0 ? resource : `${resource.slice(slash + 1)}.${resource.slice(0, slash)}`;
}

const keyOf = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;

/** Custom resources (lists atomic in managedFields): a group with a dot outside Kubernetes' own. */
function isCustom(resource: ResourceId): boolean {
  const slash = resource.lastIndexOf('/');
  const group = slash < 0 ? '' : resource.slice(0, slash);
  return group.includes('.') && !group.endsWith('.k8s.io');
}

class Bucket {
  readonly objects = new Map<string, SimObject>();
  /** Keys in namespace/name order (as etcd returns them); rebuilt only when keys come or go. */
  private sortedKeys: string[] | undefined;

  set(key: string, object: SimObject): void {
    if (!this.objects.has(key)) this.sortedKeys = undefined;
    this.objects.set(key, object);
  }

  remove(key: string): void {
    this.objects.delete(key);
    this.sortedKeys = undefined;
  }

  inOrder(): SimObject[] {
    this.sortedKeys ??= [...this.objects.keys()].sort();
    return this.sortedKeys.map((k) => this.objects.get(k) as SimObject);
  }
}

export class MemoryStore implements SimStore {
  private version = 1;
  private readonly buckets = new Map<ResourceId, Bucket>();
  private readonly history: StoredEvent[] = [];
  private historyStart = 0;
  private readonly historyLimit: number;
  private readonly newUid: () => string;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly rawListeners = new Set<(event: StoredEvent) => void>();
  private readonly queue: StoredEvent[] = [];
  private emitting = false;

  constructor(
    private readonly clock: SimClock,
    options: StoreOptions = {},
  ) {
    this.historyLimit = Math.max(1, options.historyLimit ?? 5000);
    this.newUid = options.uid ?? (() => crypto.randomUUID());
  }

  get resourceVersion(): number {
    return this.version;
  }

  get(resource: ResourceId, namespace: string | undefined, name: string): SimObject | undefined {
    const found = this.peek(resource, namespace, name);
    return found ? deepCopy(found) : undefined;
  }

  list(resource: ResourceId, namespace?: string): SimObject[] {
    return this.peekList(resource, namespace).map((o) => deepCopy(o));
  }

  create(
    resource: ResourceId,
    object: Omit<SimObject, 'metadata'> & { metadata: Partial<SimMeta> & { name: string } },
    writers: Writers = simWriters(resource, true),
  ): SimObject {
    const meta = object.metadata;
    if (typeof meta.name !== 'string' || meta.name === '') {
      throw new StoreError(
        422,
        'Invalid',
        `${qualifiedResource(resource)} "": metadata.name: Required value`,
      );
    }
    const bucket = this.bucket(resource);
    const key = keyOf(meta.namespace, meta.name);
    if (bucket.objects.has(key)) {
      throw new StoreError(
        409,
        'AlreadyExists',
        `${qualifiedResource(resource)} "${meta.name}" already exists`,
      );
    }
    const copy = deepCopy(object) as SimObject;
    const rv = this.version + 1;
    // A seeder may pass uid/creationTimestamp (objects that "existed for hours"); the HTTP layer strips them.
    copy.metadata = {
      ...copy.metadata,
      uid: typeof meta.uid === 'string' && meta.uid !== '' ? meta.uid : this.newUid(),
      resourceVersion: String(rv),
      generation: 1,
      creationTimestamp:
        typeof meta.creationTimestamp === 'string' && meta.creationTimestamp !== ''
          ? meta.creationTimestamp
          : this.seconds(),
    };
    this.manage(resource, undefined, copy, writers, copy.metadata.creationTimestamp);
    this.version = rv;
    bucket.set(key, copy);
    this.record({ type: 'ADDED', resource, object: copy, old: undefined, resourceVersion: rv });
    return deepCopy(copy);
  }

  update(resource: ResourceId, object: SimObject, writers: Writers = simWriters(resource, false)): SimObject {
    const meta = object.metadata;
    const current = this.peek(resource, meta.namespace, meta.name);
    if (!current) throw notFound(resource, meta.name);
    if (meta.resourceVersion && meta.resourceVersion !== current.metadata.resourceVersion) {
      throw new StoreError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${qualifiedResource(resource)} "${meta.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    return this.write(resource, current, deepCopy(object), writers);
  }

  mutate(
    resource: ResourceId,
    namespace: string | undefined,
    name: string,
    mutator: (object: SimObject) => void,
  ): SimObject {
    const current = this.peek(resource, namespace, name);
    if (!current) throw notFound(resource, name);
    const draft = deepCopy(current);
    mutator(draft);
    return this.write(resource, current, draft, simWriters(resource, false));
  }

  delete(resource: ResourceId, namespace: string | undefined, name: string): SimObject {
    const current = this.peek(resource, namespace, name);
    if (!current) throw notFound(resource, name);
    return this.remove(resource, current, current);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  eventsSince(resource: ResourceId, resourceVersion: number): StoreEvent[] | 'gone' {
    const raw = this.rawEventsSince(resource, resourceVersion);
    if (raw === 'gone') return raw;
    return raw.map((e) => ({ type: e.type, resource: e.resource, object: deepCopy(e.object) }));
  }

  // ---- for the HTTP layer: shared references, which callers must never mutate ----

  peek(resource: ResourceId, namespace: string | undefined, name: string): SimObject | undefined {
    return this.buckets.get(resource)?.objects.get(keyOf(namespace, name));
  }

  peekList(resource: ResourceId, namespace?: string): readonly SimObject[] {
    const all = this.buckets.get(resource)?.inOrder() ?? [];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  /** Every change with the previous state, in resourceVersion order, without copies. */
  subscribeRaw(listener: (event: StoredEvent) => void): () => void {
    this.rawListeners.add(listener);
    return () => this.rawListeners.delete(listener);
  }

  rawEventsSince(resource: ResourceId, resourceVersion: number): readonly StoredEvent[] | 'gone' {
    if (resourceVersion < this.oldestResumableVersion) return 'gone';
    // Every write bumps the version by one and records one event, so versions index the history.
    const first = this.history[this.historyStart];
    if (!first) return [];
    const out: StoredEvent[] = [];
    const skip = Math.max(0, resourceVersion + 1 - first.resourceVersion);
    const size = this.history.length;
    for (let i = skip; i < size; i++) {
      const event = this.history[(this.historyStart + i) % size] as StoredEvent;
      if (event.resource === resource) out.push(event);
    }
    return out;
  }

  /** The oldest resourceVersion a watch may resume from; older ones get 410 Gone. */
  get oldestResumableVersion(): number {
    const first = this.history[this.historyStart];
    if (!first || this.history.length < this.historyLimit) return 0;
    return first.resourceVersion - 1;
  }

  /** How many listeners are attached (both kinds): lets tests prove that closed watches let go. */
  get listenerCount(): number {
    return this.listeners.size + this.rawListeners.size;
  }

  /** Resources that hold at least one object (for namespace bookkeeping). */

  resources(): ResourceId[] {
    return [...this.buckets.keys()];
  }

  private bucket(resource: ResourceId): Bucket {
    let bucket = this.buckets.get(resource);
    if (!bucket) {
      bucket = new Bucket();
      this.buckets.set(resource, bucket);
    }
    return bucket;
  }

  private seconds(): string {
    return new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Sets next's managedFields for this write (as the API server records every write). */
  private manage(
    resource: ResourceId,
    old: SimObject | undefined,
    next: SimObject,
    writers: Writers,
    time = this.seconds(),
  ): void {
    const entries = managedFieldsAfter({ resource, custom: isCustom(resource), old, next, writers, time });
    if (entries.length > 0) next.metadata['managedFields'] = entries;
    else delete next.metadata['managedFields'];
  }

  private write(resource: ResourceId, current: SimObject, next: SimObject, writers: Writers): SimObject {
    const was = current.metadata;
    next.metadata = {
      ...next.metadata,
      name: was.name,
      uid: was.uid,
      creationTimestamp: was.creationTimestamp,
      resourceVersion: was.resourceVersion,
      generation: deepEqual((current as KubeJson).spec, (next as KubeJson).spec)
        ? was.generation
        : was.generation + 1,
    };
    if (was.namespace === undefined) delete next.metadata.namespace;
    else next.metadata.namespace = was.namespace;
    if (deepEqual(current, next)) return deepCopy(current);
    const finalizers = (next.metadata as MetaJson).finalizers;
    // As the API server does: a terminating object goes away once its last finalizer is removed.
    if (next.metadata.deletionTimestamp && (!Array.isArray(finalizers) || finalizers.length === 0)) {
      return this.remove(resource, current, next);
    }
    this.manage(resource, current, next, writers);
    const rv = this.version + 1;
    next.metadata.resourceVersion = String(rv);
    this.version = rv;
    this.bucket(resource).set(keyOf(was.namespace, was.name), next);
    this.record({ type: 'MODIFIED', resource, object: next, old: current, resourceVersion: rv });
    return deepCopy(next);
  }

  private remove(resource: ResourceId, current: SimObject, last: SimObject): SimObject {
    const rv = this.version + 1;
    const gone: SimObject = { ...last, metadata: { ...last.metadata, resourceVersion: String(rv) } };
    this.version = rv;
    this.bucket(resource).remove(keyOf(current.metadata.namespace, current.metadata.name));
    this.record({ type: 'DELETED', resource, object: gone, old: current, resourceVersion: rv });
    return deepCopy(gone);
  }

  private record(event: StoredEvent): void {
    if (this.history.length < this.historyLimit) {
      this.history.push(event);
    } else {
      this.history[this.historyStart] = event;
      this.historyStart = (this.historyStart + 1) % this.historyLimit;
    }
    this.queue.push(event);
    // A listener that writes to the store must not overtake the event being delivered: queue, then drain.
    if (this.emitting) return;
    this.emitting = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.deliver(next);
    } finally {
      this.emitting = false;
    }
  }

  private deliver(event: StoredEvent): void {
    for (const listener of [...this.rawListeners]) guard(() => listener(event));
    for (const listener of [...this.listeners]) {
      guard(() => listener({ type: event.type, resource: event.resource, object: deepCopy(event.object) }));
    }
  }
}

/** One failing listener must not stop the others; its error still surfaces as an uncaught exception. */
function guard(run: () => void): void {
  try {
    run();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

function notFound(resource: ResourceId, name: string): StoreError {
  return new StoreError(404, 'NotFound', `${qualifiedResource(resource)} "${name}" not found`);
}
