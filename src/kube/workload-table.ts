// Live health of the workloads Flux applied, per owner (docs/inventory.md, "Degraded"). Fed by list+watch
// loops over Deployments, StatefulSets and DaemonSets selected by the existence of Flux's labels
// (`kustomize.toolkit.fluxcd.io/name`, `helm.toolkit.fluxcd.io/name`: one watch per kind and label), by the
// pods of the workloads that are not Current (a bounded number of watches, for the reason), and by the
// owners' inventories (from the live store) for entries whose object is gone. Only owners touched by a
// change are judged again, at the store's publish; the result is one verdict per owner with a workload not
// ready. Nothing here polls: the one timer fires when an InProgress workload's grace ends.

import { str } from '../flux/narrow.js';
import type { ObjectKey } from '../flux/types.js';
import {
  goneWorkload,
  inventoryWorkloads,
  judgeWorkload,
  matchLabelsSelector,
  OWNER_KINDS,
  type OwnerKind,
  ownerFromLabels,
  type PodEvidence,
  podEvidence,
  WORKLOAD_GROUP,
  WORKLOAD_KINDS,
  type WorkloadJudgement,
  type WorkloadKind,
  type WorkloadRef,
  type WorkloadVerdict,
  workloadKey,
  workloadRef,
  workloadVerdict,
} from '../flux/workload-health.js';
import type { Timers } from './backoff.js';
import type { WatchSink } from './list-watch.js';
import type { RawObject, WatchState, WorkloadSnapshot, WorkloadWatchState } from './port.js';

/** At most this many workloads have their pods watched for a reason at once. */
export const MAX_POD_WATCHES = 20;
/** At most this many GETs confirming that an inventory entry's object is gone are in flight. */
const MAX_CONFIRMS = 20;

const LOADING: WatchState = { phase: 'loading' };
/** A watch in these states has said all it will say: nothing of its kind is judged. */
const REFUSED = new Set<WatchState['phase']>(['forbidden', 'not-installed']);

/** What the pods of a workload not Current are watched by: its namespace and `spec.selector.matchLabels`. */
export interface PodWatchSpec {
  /** The workload's key, `Deployment/apps/api`. */
  readonly key: string;
  readonly namespace: string;
  readonly selector: string;
}

/** A GET of an inventory entry's object: the object, `gone` (404), or undefined when it cannot be told. */
export type ConfirmGone = (ref: WorkloadRef) => Promise<RawObject | 'gone' | undefined>;

export interface WorkloadTableOptions {
  readonly now: () => number;
  readonly timers: Timers;
  /** Something the next snapshot must show happened (the store's publisher). */
  readonly changed: () => void;
}

type Confirmation =
  | { readonly state: 'pending' | 'unknown' | 'gone' }
  | { readonly state: 'exists'; readonly raw: RawObject };

interface Watched {
  state: WatchState;
  /** Listed once (or refused): what it holds is what the server said, not an empty start. */
  answered: boolean;
  readonly items: Map<string, RawObject>;
  /** Where the watch lists (undefined: every namespace): entries elsewhere are not judged. */
  readonly namespace?: string | undefined;
}

const watchId = (kind: string, owner: OwnerKind) => `${kind}:${owner}`;
const kindOfKey = (key: string) => key.slice(0, key.indexOf('/'));
const ownerKindOf = (owner: ObjectKey) => kindOfKey(owner) as OwnerKind;

const pick = (from: unknown, keys: readonly string[]): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  if (typeof from !== 'object' || from === null) return out;
  for (const key of keys) {
    const value = (from as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
};

const METADATA = [
  'name',
  'namespace',
  'uid',
  'generation',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'labels',
];
const SPEC = ['replicas', 'progressDeadlineSeconds', 'minReadySeconds', 'selector', 'updateStrategy'];

/**
 * What the table keeps of a workload: what kstatus, the owner labels and the pod selector read, with kind
 * and apiVersion (list items of built-in kinds come without them). Not the pod template nor the
 * annotations (a last-applied-configuration is the object again): thousands of Deployments stay small.
 */
export function workloadEssentials(raw: RawObject, kind: string): RawObject {
  return {
    apiVersion: `${WORKLOAD_GROUP}/v1`,
    kind,
    metadata: pick(raw['metadata'], METADATA),
    spec: pick(raw['spec'], SPEC),
    ...(raw['status'] !== undefined ? { status: raw['status'] } : {}),
  };
}

/** Whether two verdicts read the same on screen (and change by themselves at the same moment). */
function sameVerdict(a: WorkloadVerdict, b: WorkloadVerdict): boolean {
  return (
    a.degraded === b.degraded &&
    a.message === b.message &&
    a.since === b.since &&
    a.sinceLowerBound === b.sinceLowerBound &&
    a.notReady === b.notReady &&
    a.total === b.total &&
    a.recheckAt === b.recheckAt &&
    a.problems.every((p, i) => {
      const q = b.problems[i];
      return (
        q !== undefined && workloadKey(p.entry) === workloadKey(q.entry) && p.cause?.pod === q.cause?.pod
      );
    })
  );
}

export class WorkloadTable {
  private readonly watches = new Map<string, Watched>();
  /** Owner key → the workloads labelled as its (keys), from the watch of its own label. */
  private readonly labelled = new Map<ObjectKey, Set<string>>();
  /** Owner key → its inventory's workload entries; the object itself weakly (the store packs it when quiet). */
  private readonly owners = new Map<
    ObjectKey,
    { raw: WeakRef<RawObject>; entries: readonly WorkloadRef[] }
  >();
  /** Workload key → the owners whose inventory lists it. */
  private readonly listedBy = new Map<string, Set<ObjectKey>>();
  private readonly pods = new Map<string, Watched>();
  private readonly podRevisions = new Map<string, number>();
  /** Workload key → when this console first saw it not healthy, and whether it saw it healthy before. */
  private readonly unhealthySince = new Map<string, { at: number; lowerBound: boolean }>();
  private readonly seenHealthy = new Set<string>();
  private readonly confirmations = new Map<string, Confirmation>();
  private confirming = 0;
  private readonly waitingForConfirm = new Set<ObjectKey>();
  private readonly judged = new Map<string, { raw: RawObject; pods: number; judgement: WorkloadJudgement }>();
  private readonly dirty = new Set<ObjectKey>();
  private verdicts = new Map<ObjectKey, WorkloadVerdict>();
  private podSpecs: readonly PodWatchSpec[] = [];
  private unexplained = 0;
  private changedSincePublish = true;
  private snapshot: WorkloadSnapshot = { watches: [], owners: new Map(), unexplained: 0 };
  private timer: unknown;
  private timerAt: number | undefined;
  private confirm: ConfirmGone | undefined;
  private podsWanted: ((specs: readonly PodWatchSpec[]) => void) | undefined;
  private closed = false;
  /** Verdicts read once elsewhere, held as they are (adopt). */
  private adopted: ReadonlyMap<ObjectKey, WorkloadVerdict> | undefined;

  constructor(private readonly options: WorkloadTableOptions) {}

  /** How entries missing from the watches are confirmed gone, and where the pod watches wanted go. */
  connect(confirm: ConfirmGone, wantPods: (specs: readonly PodWatchSpec[]) => void): void {
    this.confirm = confirm;
    this.podsWanted = wantPods;
  }

  /** The watches start again (the console's namespace changed): forgets every workload and pod. */
  reset(): void {
    this.watches.clear();
    this.labelled.clear();
    this.pods.clear();
    this.podRevisions.clear();
    this.confirmations.clear();
    this.judged.clear();
    this.unhealthySince.clear();
    this.seenHealthy.clear();
    for (const owner of this.owners.keys()) this.dirty.add(owner);
    this.touch();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  getSnapshot(): WorkloadSnapshot {
    return this.snapshot;
  }

  /**
   * The sink of the watch of one workload kind labelled by one owner kind, listing in `namespace`
   * (undefined: every namespace); it replaces the sink of an earlier watch of the same kind and label.
   */
  sink(kind: WorkloadKind, owner: OwnerKind, namespace?: string): WatchSink {
    const id = watchId(kind, owner);
    const previous = this.watches.get(id);
    for (const [key, old] of previous?.items ?? []) this.moved(key, owner, old, undefined);
    const w: Watched = { state: LOADING, answered: false, items: new Map(), namespace };
    this.watches.set(id, w);
    // A superseded sink's late calls (its watch closing) change nothing.
    const live = () => this.watches.get(id) === w;
    const put = (raw: RawObject) => {
      const object = workloadEssentials(raw, kind);
      const key = workloadKey(workloadRef(object));
      const old = w.items.get(key);
      w.items.set(key, object);
      this.moved(key, owner, old, object);
    };
    return {
      reset: (items) => {
        if (!live()) return;
        const before = new Map(w.items);
        w.answered = true;
        w.items.clear();
        for (const item of items) put(item);
        for (const [key, old] of before) if (!w.items.has(key)) this.moved(key, owner, old, undefined);
        this.touch();
      },
      event: (type, object) => {
        if (!live()) return;
        if (type === 'DELETED') {
          const key = workloadKey(workloadRef(workloadEssentials(object, kind)));
          const old = w.items.get(key);
          if (!w.items.delete(key)) return;
          // Seen going: NotFound from this moment, not a lower bound (for an inventory that lists it).
          if (this.listedBy.get(key)?.size)
            this.unhealthySince.set(key, { at: this.options.now(), lowerBound: false });
          this.moved(key, owner, old, undefined);
        } else put(object);
        this.touch();
      },
      state: (state) => {
        if (!live()) return;
        w.state = state;
        if (REFUSED.has(state.phase)) w.answered = true;
        for (const o of this.owners.keys()) if (ownerKindOf(o) === owner) this.dirty.add(o);
        this.touch();
      },
    };
  }

  /** The sink of the pod watch of one workload (PodWatchSpec.key). */
  podSink(key: string): WatchSink {
    const watched = (): Watched => {
      let w = this.pods.get(key);
      if (!w) {
        w = { state: LOADING, answered: false, items: new Map() };
        this.pods.set(key, w);
      }
      return w;
    };
    const podKey = (raw: RawObject) => str(raw, 'metadata', 'name');
    const changed = () => {
      this.podRevisions.set(key, (this.podRevisions.get(key) ?? 0) + 1);
      this.ownersOf(key);
      this.touch();
    };
    return {
      reset: (items) => {
        const w = watched();
        w.answered = true;
        w.items.clear();
        for (const item of items) w.items.set(podKey(item), item);
        changed();
      },
      event: (type, object) => {
        const w = watched();
        if (type === 'DELETED') w.items.delete(podKey(object));
        else w.items.set(podKey(object), object);
        changed();
      },
      state: (state) => {
        const w = watched();
        w.state = state;
        if (REFUSED.has(state.phase)) w.answered = true;
        changed();
      },
    };
  }

  /** A pod watch was closed: its pods are forgotten. */
  dropPods(key: string): void {
    if (!this.pods.delete(key)) return;
    this.podRevisions.delete(key);
    this.ownersOf(key);
    this.touch();
  }

  /** A Kustomization or HelmRelease as the store holds it now (undefined: deleted). */
  owner(key: ObjectKey, raw: RawObject | undefined): void {
    const held = this.owners.get(key);
    if (raw === undefined ? held === undefined : held?.raw.deref() === raw) return;
    for (const entry of held?.entries ?? []) {
      const k = workloadKey(entry);
      this.listedBy.get(k)?.delete(key);
      // Applied again: what was gone or unlabelled is asked again.
      this.confirmations.delete(k);
    }
    if (raw) {
      const entries = inventoryWorkloads(raw);
      this.owners.set(key, { raw: new WeakRef(raw), entries });
      for (const entry of entries) {
        const k = workloadKey(entry);
        const set = this.listedBy.get(k) ?? new Set<ObjectKey>();
        set.add(key);
        this.listedBy.set(k, set);
      }
    } else this.owners.delete(key);
    this.dirty.add(key);
    this.touch();
  }

  /** Judges the owners touched since the last publish; false when nothing changed. */
  publish(): boolean {
    if (!this.changedSincePublish || this.closed) return false;
    this.changedSincePublish = false;
    const now = this.options.now();
    let changed = false;
    for (const owner of this.dirty) {
      const verdict = this.adopted ? this.adopted.get(owner) : this.judgeOwner(owner, now);
      const held = this.verdicts.get(owner);
      // The same verdict keeps its object: the owner's row is not laid over again, nor re-sorted.
      if (verdict && !(held && sameVerdict(held, verdict))) {
        this.verdicts.set(owner, verdict);
        changed = true;
      } else if (!verdict && held) {
        this.verdicts.delete(owner);
        changed = true;
      }
    }
    this.dirty.clear();
    if (!this.adopted) {
      this.arm(now);
      this.wantPods();
    }
    const watches = this.watchStates();
    const held = this.snapshot;
    const sameWatches =
      watches.length === held.watches.length && watches.every((w, i) => w.state === held.watches[i]?.state);
    // Pod events that change no verdict publish nothing: the screen has nothing new to draw.
    if (!changed && sameWatches && this.unexplained === held.unexplained) return false;
    this.snapshot = {
      watches: sameWatches ? held.watches : watches,
      owners: changed ? new Map(this.verdicts) : held.owners,
      unexplained: this.unexplained,
    };
    return true;
  }

  /**
   * Verdicts read once elsewhere (`fluxdeck report` reads the workloads in one pass with
   * src/kube/workload-once.ts, as `fluxdeck status` does): held as they are, never judged again.
   */
  adopt(verdicts: ReadonlyMap<ObjectKey, WorkloadVerdict>): void {
    this.adopted = verdicts;
    for (const owner of verdicts.keys()) this.dirty.add(owner);
    for (const owner of this.verdicts.keys()) this.dirty.add(owner);
    this.touch();
  }

  /**
   * Whether the owner's verdict says all the watches can tell yet: each watch of its label listed once,
   * the pods of its workloads not Current listed (those watched), no GET of a missing entry pending. Until
   * then a Ready owner may still turn out Degraded (a Deployment reads as a young rollout until its pods
   * say ImagePullBackOff): the store records its verdict once it is settled, so the console's start is not
   * taken for a change it saw.
   */
  settled(owner: ObjectKey): boolean {
    if (this.adopted) return true;
    const kind = ownerKindOf(owner);
    for (const workload of WORKLOAD_KINDS)
      if (this.watches.get(watchId(workload, kind))?.answered === false) return false;
    if (this.waitingForConfirm.has(owner)) return false;
    for (const entry of this.owners.get(owner)?.entries ?? [])
      if (this.confirmations.get(workloadKey(entry))?.state === 'pending') return false;
    for (const problem of this.verdicts.get(owner)?.problems ?? []) {
      const key = workloadKey(problem.entry);
      if (this.podSpecs.some((s) => s.key === key) && !this.pods.get(key)?.answered) return false;
    }
    return true;
  }

  private touch(): void {
    this.changedSincePublish = true;
    this.options.changed();
  }

  /** A workload appeared, changed or went: its owners (by label, before and after, and by inventory). */
  private moved(key: string, owner: OwnerKind, before: RawObject | undefined, after: RawObject | undefined) {
    const was = before ? ownerFromLabels(before, owner) : undefined;
    const is = after ? ownerFromLabels(after, owner) : undefined;
    if (was !== is && was) {
      this.labelled.get(was)?.delete(key);
      this.dirty.add(was);
    }
    if (is) {
      const set = this.labelled.get(is) ?? new Set<string>();
      set.add(key);
      this.labelled.set(is, set);
      this.dirty.add(is);
    }
    this.confirmations.delete(key);
    for (const o of this.listedBy.get(key) ?? []) this.dirty.add(o);
  }

  /** Marks every owner of a workload (labels or inventory) to be judged again. */
  private ownersOf(key: string): void {
    for (const owner of OWNER_KINDS) {
      const raw = this.watches.get(watchId(kindOfKey(key), owner))?.items.get(key);
      const o = raw ? ownerFromLabels(raw, owner) : undefined;
      if (o) this.dirty.add(o);
    }
    for (const o of this.listedBy.get(key) ?? []) this.dirty.add(o);
  }

  private judgeOwner(owner: ObjectKey, now: number): WorkloadVerdict | undefined {
    const kind = ownerKindOf(owner);
    const judgements: WorkloadJudgement[] = [];
    const seen = new Set<string>();
    for (const key of this.labelled.get(owner) ?? []) {
      const raw = this.watches.get(watchId(kindOfKey(key), kind))?.items.get(key);
      if (!raw) continue;
      seen.add(key);
      judgements.push(this.judge(key, raw, now));
    }
    for (const entry of this.owners.get(owner)?.entries ?? []) {
      const key = workloadKey(entry);
      if (seen.has(key)) continue;
      const w = this.watches.get(watchId(entry.kind, kind));
      // Not readable (forbidden), not listed yet, or disconnected: never a false NotFound.
      if (w?.state.phase !== 'ready') continue;
      // Listed in one namespace only (cluster-wide was forbidden): entries elsewhere are not judged.
      if (w.namespace !== undefined && w.namespace !== entry.namespace) continue;
      seen.add(key);
      // Labelled for another owner (moved between Kustomizations): it exists.
      const elsewhere = w.items.get(key);
      if (elsewhere) {
        judgements.push(this.judge(key, elsewhere, now));
        continue;
      }
      const confirmation = this.confirmation(owner, entry, key);
      if (confirmation?.state === 'exists') judgements.push(this.judge(key, confirmation.raw, now));
      else if (confirmation?.state === 'gone') {
        const since = this.unhealthySince.get(key) ?? { at: now, lowerBound: true };
        this.unhealthySince.set(key, since);
        judgements.push(goneWorkload(entry, since.at, since.lowerBound));
      }
    }
    return workloadVerdict(judgements, now);
  }

  /**
   * Whether an entry missing from the labelled objects is really gone: asked once with a GET (its labels
   * may have been edited), remembered until the owner applies again or a watch sees the object.
   */
  private confirmation(owner: ObjectKey, entry: WorkloadRef, key: string): Confirmation | undefined {
    const known = this.confirmations.get(key);
    if (known) return known;
    const confirm = this.confirm;
    if (!confirm) return undefined;
    if (this.confirming >= MAX_CONFIRMS) {
      this.waitingForConfirm.add(owner);
      return undefined;
    }
    const pending: Confirmation = { state: 'pending' };
    this.confirmations.set(key, pending);
    this.confirming++;
    const settle = (result: Confirmation) => {
      this.confirming--;
      if (this.closed) return;
      // Superseded (a watch saw the object, the owner applied again): this answer is stale.
      if (this.confirmations.get(key) === pending) this.confirmations.set(key, result);
      this.ownersOf(key);
      for (const o of this.waitingForConfirm) this.dirty.add(o);
      this.waitingForConfirm.clear();
      this.touch();
    };
    confirm(entry).then(
      (found) =>
        settle(
          found === 'gone'
            ? { state: 'gone' }
            : found
              ? { state: 'exists', raw: workloadEssentials(found, entry.kind) }
              : { state: 'unknown' },
        ),
      () => settle({ state: 'unknown' }),
    );
    return pending;
  }

  private judge(key: string, raw: RawObject, now: number): WorkloadJudgement {
    const pods = this.podRevisions.get(key) ?? 0;
    const memo = this.judged.get(key);
    if (memo && memo.raw === raw && memo.pods === pods) return memo.judgement;
    const first = this.unhealthySince.get(key);
    const judgement = judgeWorkload(raw, {
      now,
      ...(first ? { firstSeenAt: first.at } : {}),
      ...this.podEvidence(key),
    });
    if (judgement.health.status === 'Current') {
      this.unhealthySince.delete(key);
      this.seenHealthy.add(key);
    } else if (!first) {
      this.unhealthySince.set(key, { at: now, lowerBound: !this.seenHealthy.has(key) });
      // Judged again with the moment just noted, so `since` is never missing.
      const again = judgeWorkload(raw, { now, firstSeenAt: now, ...this.podEvidence(key) });
      this.judged.set(key, { raw, pods, judgement: again });
      return again;
    }
    this.judged.set(key, { raw, pods, judgement });
    return judgement;
  }

  private podEvidence(key: string): { pods?: PodEvidence } {
    const pods = podEvidence(this.pods.get(key)?.items.values() ?? []);
    return pods ? { pods } : {};
  }

  private watchStates(): readonly WorkloadWatchState[] {
    const out: WorkloadWatchState[] = [];
    for (const kind of WORKLOAD_KINDS) {
      for (const owner of OWNER_KINDS) {
        const w = this.watches.get(watchId(kind, owner));
        if (w) out.push({ kind, owner, state: w.state });
      }
    }
    return out;
  }

  /** The one timer: when the earliest InProgress workload's grace ends, its owners are judged again. */
  private arm(now: number): void {
    let next: number | undefined;
    for (const v of this.verdicts.values())
      if (v.recheckAt !== undefined && (next === undefined || v.recheckAt < next)) next = v.recheckAt;
    if (next === this.timerAt) return;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = next;
    if (next === undefined) return;
    this.timer = this.options.timers.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = undefined;
        const at = this.options.now();
        for (const [owner, v] of this.verdicts)
          if (v.recheckAt !== undefined && v.recheckAt <= at) this.dirty.add(owner);
        this.touch();
      },
      Math.max(0, next - now),
    );
  }

  /** The pod watches wanted: workloads not Current, those already watched first, at most MAX_POD_WATCHES. */
  private wantPods(): void {
    const wanted = new Map<string, PodWatchSpec>();
    for (const v of this.verdicts.values()) {
      for (const p of v.problems) {
        if (p.health.status === 'NotFound') continue;
        const key = workloadKey(p.entry);
        if (wanted.has(key)) continue;
        const raw = this.rawOf(key);
        const selector = raw ? matchLabelsSelector(raw) : undefined;
        if (selector) wanted.set(key, { key, namespace: p.entry.namespace, selector });
      }
    }
    const kept = this.podSpecs.filter((s) => wanted.has(s.key));
    const added = [...wanted.values()].filter((s) => !kept.some((k) => k.key === s.key));
    const specs = [...kept, ...added].slice(0, MAX_POD_WATCHES);
    this.unexplained = Math.max(0, wanted.size - specs.length);
    const same =
      specs.length === this.podSpecs.length && specs.every((s, i) => s.key === this.podSpecs[i]?.key);
    if (same) return;
    this.podSpecs = specs;
    this.podsWanted?.(specs);
  }

  private rawOf(key: string): RawObject | undefined {
    for (const owner of OWNER_KINDS) {
      const raw = this.watches.get(watchId(kindOfKey(key), owner))?.items.get(key);
      if (raw) return raw;
    }
    const confirmed = this.confirmations.get(key);
    return confirmed?.state === 'exists' ? confirmed.raw : undefined;
  }
}
