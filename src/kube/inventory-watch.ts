// An inventory kept live (docs/inventory.md, "Kept live"): one list+watch per distinct kind, selected by the
// labels Flux puts on what it applies, so a 2,000-object Kustomization of a dozen kinds costs a dozen
// watches, not 2,000 GETs. Objects Flux did not label (labels edited, a Namespace that existed first) are
// read once with an unselected LIST and say so. Beyond MAX_WATCHED_KINDS kinds the rest are read once, with
// a note. A workload that is not Current has its pods read again whenever the workload itself changes, to
// say why (ImagePullBackOff …). Changes are coalesced into at most one readout per COALESCE_MS.
import type { InventoryEntry } from '../flux/inventory.js';
import { computeKStatus, type KStatusResult } from '../flux/kstatus.js';
import { str } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { ObjectRef } from '../flux/types.js';
import { REAL_TIMERS, type Timers } from './backoff.js';
import { isKubeError } from './errors.js';
import {
  appliedBySelector,
  type KindResolver,
  readInventoryObjects,
  WORKLOAD_KINDS,
  workloadCause,
} from './inventory-objects.js';
import { listAll } from './list.js';
import type { ListWatch, Resolution, WatchSink } from './list-watch.js';
import type { InventoryObjectHealth, InventoryReadout, PodCause, RawObject, WatchState } from './port.js';
import type { Transport } from './transport.js';

export const MAX_WATCHED_KINDS = 24;
const MAX_WORKLOADS_EXPLAINED = 20;
const COALESCE_MS = 100;
/** While kinds are still loading, the first readout waits this long: one frame with everything, not five. */
const PARTIAL_AFTER_MS = 750;

export type StartWatch = (
  resolve: (fresh: boolean) => Promise<Resolution>,
  namespace: string | undefined,
  sink: WatchSink,
  labelSelector: string,
) => Pick<ListWatch, 'close'>;

export interface InventoryWatchOptions {
  readonly transport: Transport;
  readonly resolver: KindResolver;
  readonly owner: ObjectRef;
  readonly entries: readonly InventoryEntry[];
  readonly startWatch: StartWatch;
  readonly now: () => number;
  readonly onChange: (readout: InventoryReadout) => void;
  readonly timers?: Timers;
  readonly maxKinds?: number;
}

const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;
const unknown = (why: string): KStatusResult => ({ status: 'Unknown', reason: 'Unreadable', message: why });
const notFound: KStatusResult = { status: 'NotFound', reason: '', message: 'not found in the cluster' };
const reading: KStatusResult = { status: 'Unknown', reason: 'Loading', message: 'reading…' };

interface KindGroup {
  readonly entries: readonly InventoryEntry[];
  /** Keyed `namespace/name` (namespace '' for cluster-scoped kinds). */
  readonly objects: Map<string, RawObject>;
  /** Objects without Flux's labels, read once. */
  readonly unlabelled: Map<string, RawObject>;
  namespaced: boolean;
  state: WatchState;
  /** The unselected read for missing entries was made (once per watch). */
  lookedWider: boolean;
  /** That read is under way: entries not found yet are not NotFound yet. */
  widening: boolean;
}

export class InventoryWatch {
  private readonly groups = new Map<string, KindGroup>();
  private readonly watches: Pick<ListWatch, 'close'>[] = [];
  private readonly timers: Timers;
  private readonly abort = new AbortController();
  private readonly causes = new Map<string, { version: string; cause: PodCause | undefined }>();
  private readonly readingCauses = new Set<string>();
  private onceRead: readonly InventoryObjectHealth[] = [];
  private notes: string[] = [];
  private lists = 0;
  private pending: unknown;
  /** The pending readout waits for kinds still loading (PARTIAL_AFTER_MS). */
  private pendingPartial = false;
  private closed = false;
  private readonly startedAt: number;

  constructor(private readonly o: InventoryWatchOptions) {
    this.timers = o.timers ?? REAL_TIMERS;
    this.startedAt = o.now();
    const byKind = new Map<string, InventoryEntry[]>();
    for (const entry of o.entries) {
      const key = `${entry.group}/${entry.version}/${entry.kind}`;
      const list = byKind.get(key) ?? [];
      list.push(entry);
      byKind.set(key, list);
    }
    const max = o.maxKinds ?? MAX_WATCHED_KINDS;
    // The kinds with most objects are watched; the rarest beyond the cap are read once.
    const kinds = [...byKind.values()].sort((a, b) => b.length - a.length);
    for (const entries of kinds.slice(0, max)) this.watchKind(entries);
    const rest = kinds.slice(max).flat();
    if (rest.length > 0) {
      const count = kinds.length - max;
      this.notes.push(
        `${count} kind${count === 1 ? '' : 's'} beyond the first ${max} (${rest.length} objects) read once, not live: t again to read them anew`,
      );
      void this.readOnce(rest);
    }
    this.schedule();
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    if (this.pending !== undefined) this.timers.clearTimeout(this.pending);
    for (const w of this.watches) void w.close();
  }

  private watchKind(entries: readonly InventoryEntry[]): void {
    const first = entries[0] as InventoryEntry;
    const group: KindGroup = {
      entries,
      objects: new Map(),
      unlabelled: new Map(),
      namespaced: true,
      state: { phase: 'loading' },
      lookedWider: false,
      widening: false,
    };
    this.groups.set(`${first.group}/${first.version}/${first.kind}`, group);
    const namespaces = new Set(entries.map((e) => e.namespace));
    // One namespace: watch there, which namespace-scoped credentials allow; else across the cluster.
    const namespace = namespaces.size === 1 && first.namespace !== '' ? first.namespace : undefined;
    const resolve = async (fresh: boolean): Promise<Resolution> => {
      if (fresh) this.o.resolver.forget(first.group, first.version);
      const r = await this.o.resolver.resolve(first.group, first.version, first.kind);
      if (!r.ok) return { served: false, message: r.why, why: r.why };
      group.namespaced = r.namespaced;
      return { served: true, resource: r.resource };
    };
    const key = (raw: RawObject) =>
      keyOf(group.namespaced ? str(raw, 'metadata', 'namespace') : '', str(raw, 'metadata', 'name'));
    const withKind = (raw: RawObject) =>
      typeof raw['kind'] === 'string' ? raw : { ...raw, kind: first.kind };
    const sink: WatchSink = {
      reset: (items) => {
        this.lists++;
        group.objects.clear();
        for (const item of items) group.objects.set(key(item), withKind(item));
        if (!group.lookedWider) void this.lookWider(group, first, namespace);
        this.schedule();
      },
      event: (type, object) => {
        if (type === 'DELETED') group.objects.delete(key(object));
        else group.objects.set(key(object), withKind(object));
        this.schedule();
      },
      state: (state) => {
        group.state = state;
        this.schedule();
      },
    };
    this.watches.push(this.o.startWatch(resolve, namespace, sink, appliedBySelector(this.o.owner)));
  }

  /** Entries not among the labelled objects: one unselected LIST of the kind, once. */
  private async lookWider(group: KindGroup, first: InventoryEntry, namespace: string | undefined) {
    const missing = group.entries.filter((e) => !group.objects.has(this.entryKey(group, e)));
    if (missing.length === 0) return;
    group.lookedWider = true;
    group.widening = true;
    try {
      await this.readWider(group, first, namespace, missing);
    } finally {
      group.widening = false;
      this.schedule();
    }
  }

  private async readWider(
    group: KindGroup,
    first: InventoryEntry,
    namespace: string | undefined,
    missing: readonly InventoryEntry[],
  ): Promise<void> {
    const r = await this.o.resolver.resolve(first.group, first.version, first.kind).catch(() => undefined);
    if (!r?.ok || this.closed) return;
    try {
      this.lists++;
      const all = await listAll(this.o.transport, r.resource, { namespace, signal: this.abort.signal });
      const wanted = new Set(missing.map((e) => this.entryKey(group, e)));
      for (const item of all.items) {
        const k = keyOf(
          group.namespaced ? str(item, 'metadata', 'namespace') : '',
          str(item, 'metadata', 'name'),
        );
        if (wanted.has(k))
          group.unlabelled.set(k, typeof item['kind'] === 'string' ? item : { ...item, kind: first.kind });
      }
    } catch (error) {
      if (!isKubeError(error) || error.reason === 'aborted') return;
      // Not allowed to look wider: the labelled objects still count; the rest stay NotFound.
    }
  }

  private async readOnce(entries: readonly InventoryEntry[]) {
    try {
      const readout = await readInventoryObjects(
        this.o.transport,
        this.o.resolver,
        this.o.owner,
        entries,
        this.o.now(),
        this.abort.signal,
      );
      this.lists += readout.lists;
      this.onceRead = readout.items;
    } catch (error) {
      if (isKubeError(error) && error.reason === 'aborted') return;
      const why = sanitizeText(error instanceof Error ? error.message : String(error), 300);
      this.onceRead = entries.map((entry) => ({ entry, health: unknown(why) }));
    }
    this.schedule();
  }

  private entryKey(group: KindGroup, e: InventoryEntry): string {
    return keyOf(group.namespaced ? e.namespace : '', e.name);
  }

  private schedule(): void {
    if (this.closed) return;
    const loading = [...this.groups.values()].some((g) => g.state.phase === 'loading' || g.widening);
    if (this.pending !== undefined) {
      // Waiting for the rest to load, and the rest just did: show it now rather than at the deadline.
      if (!this.pendingPartial || loading) return;
      this.timers.clearTimeout(this.pending);
      this.pending = undefined;
      this.pendingPartial = true;
    }
    const waited = this.o.now() - this.startedAt;
    const wasPartial = this.pendingPartial;
    this.pendingPartial = loading && waited < PARTIAL_AFTER_MS;
    // The first full readout goes out at once: the user is waiting for it.
    const delay = this.pendingPartial ? PARTIAL_AFTER_MS - waited : wasPartial ? 0 : COALESCE_MS;
    this.pending = this.timers.setTimeout(() => {
      this.pending = undefined;
      this.pendingPartial = false;
      if (!this.closed) this.o.onChange(this.readout());
    }, delay);
  }

  /** The inventory as the watches have it now; the first readout may still have kinds loading. */
  readout(): InventoryReadout {
    const now = this.o.now();
    const judged = new Map<InventoryEntry, InventoryObjectHealth>();
    for (const item of this.onceRead) judged.set(item.entry, item);
    const loading: string[] = [];
    for (const group of this.groups.values()) {
      const state = group.state;
      for (const entry of group.entries) {
        const k = this.entryKey(group, entry);
        const raw = group.objects.get(k) ?? group.unlabelled.get(k);
        if (raw) {
          judged.set(entry, { entry, health: computeKStatus(raw, now), raw, ...this.causeOf(entry, raw) });
        } else if (group.widening) {
          judged.set(entry, { entry, health: reading });
        } else if (state.phase === 'ready' || state.phase === 'not-served-yet') {
          judged.set(entry, { entry, health: notFound });
        } else if (state.phase === 'loading') {
          judged.set(entry, { entry, health: reading });
          if (!loading.includes(entry.kind)) loading.push(entry.kind);
        } else {
          judged.set(entry, { entry, health: unknown(sanitizeText(state.message, 300)) });
        }
      }
    }
    const items = this.o.entries.map(
      (entry): InventoryObjectHealth => judged.get(entry) ?? { entry, health: reading },
    );
    this.explain(items);
    return { items, lists: this.lists, notes: this.notes, live: true, loading };
  }

  private causeOf(entry: InventoryEntry, raw: RawObject): { cause?: PodCause } {
    const known = this.causes.get(`${entry.kind}/${entry.namespace}/${entry.name}`);
    const version = str(raw, 'metadata', 'resourceVersion');
    return known?.cause && known.version === version ? { cause: known.cause } : {};
  }

  /** Reads the pods of workloads that are not Current and whose cause is not known for this version. */
  private explain(items: readonly InventoryObjectHealth[]): void {
    const unready = items
      .filter((i) => i.raw && WORKLOAD_KINDS.has(i.entry.kind) && i.health.status !== 'Current')
      .slice(0, MAX_WORKLOADS_EXPLAINED);
    for (const item of unready) {
      const id = `${item.entry.kind}/${item.entry.namespace}/${item.entry.name}`;
      const version = str(item.raw, 'metadata', 'resourceVersion');
      if (this.causes.get(id)?.version === version || this.readingCauses.has(id)) continue;
      this.readingCauses.add(id);
      this.lists++;
      workloadCause(this.o.transport, item.raw ?? {}, this.abort.signal)
        .then(
          (cause) => {
            this.causes.set(id, { version, cause });
            if (cause) this.schedule();
          },
          () => this.causes.set(id, { version, cause: undefined }),
        )
        .finally(() => this.readingCauses.delete(id));
    }
  }
}
