// The reconcile loop shared by every simulated controller, after controller-runtime and Flux's conventions:
// an object is reconciled when it is created, when its spec changes (generation ≠ observedGeneration), when
// `reconcile.fluxcd.io/requestedAt` differs from `status.lastHandledReconcileAt`, when a source it reads gets a
// new artifact revision, and periodically at `spec.interval`. Suspended objects are left alone. An attempt takes
// simulated time; at its end lastHandledReconcileAt and observedGeneration are recorded whatever the outcome.
// Periodic attempts that change nothing write nothing, so an idle cluster sends no watch events.
// Handlers of the Flux Operator's kinds (`operator` set) follow the operator instead (docs/flux-operator.md):
// any annotation change or new generation triggers them, a paused object's attempt is the handler's to skip,
// and status.observedGeneration does not exist (their conditions carry the generation).
import type { ResourceId, SimContext, SimObject, SimTimer, StoreEvent } from '../types.js';
import type { SimReconciler } from './catalog.js';
import { conditionIs, findCondition, removeCondition, setCondition } from './conditions.js';
import {
  type Attempt,
  type AttemptOutcome,
  type AttemptPlan,
  type AttemptProgress,
  DEPENDENCY_REQUEUE_MS,
  type EngineServices,
  FLUX_FINALIZER,
  isSuspended,
  type KindHandler,
  needsReconcile,
  objectStoreKey,
  requestedAt,
} from './contract.js';
import { deepEqual, field, getStr, statusOf } from './json.js';

const isReadyTrue = (o: SimObject): boolean => conditionIs(o, 'Ready', 'True');

const signature = (h: KindHandler, o: SimObject): string =>
  h.operator
    ? `${h.operator.watchesGeneration ? o.metadata.generation : ''}|${JSON.stringify(o.metadata.annotations ?? {})}`
    : `${o.metadata.generation}|${requestedAt(o) ?? ''}`;

/** Whether the engine leaves the object alone: spec.suspend, or for the operator's kinds never (it skips). */
const leftAlone = (h: KindHandler, o: SimObject): boolean => (h.operator ? false : isSuspended(o));

/** Whether a periodic reconcile is due at all: not suspended (or paused, for the operator's kinds). */
const periodic = (h: KindHandler, o: SimObject): boolean =>
  h.operator ? !h.operator.paused(o) : !isSuspended(o);

/**
 * What the engine finds wanting at start or when a controller wakes: Flux's rule (needsReconcile), or for
 * the operator's kinds a generation its Ready condition has not seen, or a request not handled yet.
 */
function wants(h: KindHandler, o: SimObject): boolean {
  if (!h.operator) return needsReconcile(o);
  if (o.metadata.deletionTimestamp) return false;
  const ready = findCondition(o, 'Ready');
  if (h.operator.watchesGeneration && ready && ready.observedGeneration !== o.metadata.generation)
    return true;
  const token = requestedAt(o);
  return (
    h.operator.recordsHandledRequests &&
    token !== undefined &&
    token !== getStr(o, 'status', 'lastHandledReconcileAt')
  );
}

interface Running {
  readonly signature: string;
  readonly finishAt: number;
  readonly timer: SimTimer;
}

interface Entry {
  readonly resource: ResourceId;
  readonly namespace: string | undefined;
  readonly name: string;
  timer?: SimTimer;
  dueAt?: number;
  running?: Running;
  rerun: boolean;
}

const WAITING_REASONS = new Set([
  'DependencyNotReady',
  'ArtifactFailed',
  'SourceNotReady',
  'HelmChartNotReady',
]);

export class ReconcileEngine {
  private readonly handlers = new Map<ResourceId, KindHandler>();
  private readonly entries = new Map<string, Entry>();
  private readonly soon = new Map<string, boolean>();
  private readonly revisions = new Map<string, string>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly sourcesByObject = new Map<string, readonly string[]>();
  /** The operator's kinds: generation and annotations last seen, to trigger on any change of them. */
  private readonly seen = new Map<string, string>();
  private readonly waiters = new Set<() => void>();
  private flushScheduled = false;
  private stopped = false;

  constructor(
    private readonly ctx: SimContext,
    private readonly services: EngineServices,
    handlers: readonly KindHandler[],
  ) {
    for (const h of handlers) this.handlers.set(h.resource, h);
  }

  /** Schedules what is already in the store; the caller feeds store events to onStoreEvent. */
  start(): void {
    for (const handler of this.handlers.values()) {
      for (const object of this.ctx.store.list(handler.resource)) {
        const key = this.track(handler, object);
        if (handler.operator) this.seen.set(key, signature(handler, object));
        if (wants(handler, object)) this.triggerSoon(key);
        else this.scheduleInitial(handler, key, object);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    for (const entry of this.entries.values()) {
      if (entry.timer) this.ctx.clock.clearTimeout(entry.timer);
      if (entry.running) this.ctx.clock.clearTimeout(entry.running.timer);
    }
    this.entries.clear();
    this.notify();
  }

  /**
   * A controller (re)started: like controller-runtime's first list, it reconciles every object of its kinds
   * that wants it (a request it never answered, a changed spec), and schedules the rest at their interval.
   */
  wake(controller: SimReconciler): void {
    for (const [key, entry] of this.entries) {
      const handler = this.handlers.get(entry.resource);
      if (handler?.controller !== controller || entry.running) continue;
      const object = this.ctx.store.get(entry.resource, entry.namespace, entry.name);
      if (!object) continue;
      if (wants(handler, object)) this.triggerSoon(key);
      else if (!entry.timer) this.scheduleInitial(handler, key, object);
    }
  }

  /** Reconcile now, as a request would (used when a fix lands in Git or a source revision changes). */
  trigger(resource: ResourceId, namespace: string | undefined, name: string): void {
    this.triggerSoon(objectStoreKey(resource, namespace, name));
  }

  /**
   * Resolves once nothing runs and nothing is due before `withinMs` from now (a fixed deadline, so periodic
   * requeues cannot keep it going); on a virtual clock it advances time to get there.
   */
  async idle(withinMs = 0): Promise<void> {
    const deadline = this.ctx.clock.now() + withinMs;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.stopped) return;
      const next = this.nextDue(deadline);
      if (next === undefined) return;
      if (this.ctx.clock.virtual) {
        await this.ctx.clock.advance(Math.max(0, next - this.ctx.clock.now()));
      } else {
        await new Promise<void>((resolve) => {
          this.waiters.add(resolve);
          const t = setTimeout(resolve, Math.max(10, next - this.ctx.clock.now()));
          t.unref();
        });
      }
    }
  }

  /** The earliest moment something is due: an attempt to start or finish, or a timer before the deadline. */
  private nextDue(deadline: number): number | undefined {
    if (this.soon.size > 0) return this.ctx.clock.now();
    let next: number | undefined;
    for (const entry of this.entries.values()) {
      const due =
        entry.running?.finishAt ?? (entry.timer && entry.dueAt !== undefined ? entry.dueAt : undefined);
      if (due === undefined || (due > deadline && !entry.running)) continue;
      if (next === undefined || due < next) next = due;
    }
    return next;
  }

  private notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }

  private track(handler: KindHandler, object: SimObject): string {
    const key = objectStoreKey(handler.resource, object.metadata.namespace, object.metadata.name);
    if (!this.entries.has(key)) {
      this.entries.set(key, {
        resource: handler.resource,
        namespace: object.metadata.namespace,
        name: object.metadata.name,
        rerun: false,
      });
    }
    const sources = handler.sourcesOf?.(object) ?? [];
    const before = this.sourcesByObject.get(key) ?? [];
    if (!deepEqual(before, sources)) {
      for (const s of before) this.dependents.get(s)?.delete(key);
      for (const s of sources) {
        const set = this.dependents.get(s) ?? new Set<string>();
        set.add(key);
        this.dependents.set(s, set);
      }
      this.sourcesByObject.set(key, sources);
    }
    const revision = handler.revisionOf?.(object) ?? getStr(object, 'status', 'artifact', 'revision');
    const previous = this.revisions.get(key);
    this.revisions.set(key, revision);
    if (previous !== undefined && previous !== revision && revision !== '') {
      for (const dependent of this.dependents.get(key) ?? []) this.triggerSoon(dependent);
    }
    return key;
  }

  private scheduleInitial(handler: KindHandler, key: string, object: SimObject): void {
    if (!periodic(handler, object) || findCondition(object, 'Stalled')?.status === 'True') return;
    const ready = findCondition(object, 'Ready');
    const window =
      ready && WAITING_REASONS.has(ready.reason) ? DEPENDENCY_REQUEUE_MS : handler.intervalOf(object);
    if (window === undefined) return;
    this.schedule(key, Math.floor(this.ctx.random() * window) + 1000);
  }

  onStoreEvent(event: StoreEvent): void {
    const handler = this.handlers.get(event.resource);
    if (!handler || this.stopped) return;
    const object = event.object;
    const key = objectStoreKey(event.resource, object.metadata.namespace, object.metadata.name);
    if (event.type === 'DELETED') {
      this.forget(key);
      handler.onDelete?.(object);
      return;
    }
    if (object.metadata.deletionTimestamp) {
      this.releaseFinalizer(event.resource, object);
      return;
    }
    this.track(handler, object);
    if (handler.operator ? !this.changed(handler, key, object) : !needsReconcile(object)) return;
    const entry = this.entries.get(key);
    if (entry?.running) {
      if (entry.running.signature !== signature(handler, object)) entry.rerun = true;
      return;
    }
    this.triggerSoon(key);
  }

  /**
   * The operator's predicates (GenerationChanged or AnnotationChanged): a new object, a new generation or
   * any annotation written since last seen. Status writes change neither, so its own writes never trigger.
   */
  private changed(handler: KindHandler, key: string, object: SimObject): boolean {
    const now = signature(handler, object);
    const before = this.seen.get(key);
    this.seen.set(key, now);
    return before !== now;
  }

  /** Flux's finalizer goes once the controller has cleaned up (the DELETED event then runs onDelete). */
  private releaseFinalizer(resource: ResourceId, object: SimObject): void {
    const finalizers = field(object, 'metadata', 'finalizers');
    if (!Array.isArray(finalizers) || !finalizers.includes(FLUX_FINALIZER)) return;
    const { namespace, name } = object.metadata;
    setImmediate(() => {
      const current = this.ctx.store.get(resource, namespace, name);
      if (!current) return;
      this.ctx.store.mutate(resource, namespace, name, (o) => {
        const list = field(o, 'metadata', 'finalizers');
        Object.assign(o.metadata, {
          finalizers: Array.isArray(list) ? list.filter((f) => f !== FLUX_FINALIZER) : [],
        });
      });
    });
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry?.timer) this.ctx.clock.clearTimeout(entry.timer);
    if (entry?.running) this.ctx.clock.clearTimeout(entry.running.timer);
    this.entries.delete(key);
    this.seen.delete(key);
    this.soon.delete(key);
    this.revisions.delete(key);
    for (const s of this.sourcesByObject.get(key) ?? []) this.dependents.get(s)?.delete(key);
    this.sourcesByObject.delete(key);
    this.notify();
  }

  private triggerSoon(key: string): void {
    if (!this.entries.has(key)) return;
    this.soon.set(key, true);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Out of the store's delivery loop: an attempt writes to the store itself.
    setImmediate(() => {
      this.flushScheduled = false;
      const keys = [...this.soon.keys()];
      this.soon.clear();
      for (const k of keys) this.startAttempt(k, true);
      this.notify();
    });
  }

  private schedule(key: string, delayMs: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.stopped) return;
    if (entry.timer) this.ctx.clock.clearTimeout(entry.timer);
    const delay = Math.max(1000, delayMs);
    entry.dueAt = this.ctx.clock.now() + delay;
    entry.timer = this.ctx.clock.setTimeout(() => {
      entry.timer = undefined;
      entry.dueAt = undefined;
      this.startAttempt(key, false);
      this.notify();
    }, delay);
  }

  private startAttempt(key: string, triggered: boolean): void {
    const entry = this.entries.get(key);
    const handler = entry && this.handlers.get(entry.resource);
    if (!entry || !handler || this.stopped) return;
    if (entry.running) {
      entry.rerun = true;
      return;
    }
    const object = this.ctx.store.get(entry.resource, entry.namespace, entry.name);
    if (!object || leftAlone(handler, object) || object.metadata.deletionTimestamp) return;
    // No controller running: nothing happens — not even a periodic retry — until it starts (wake()).
    if (this.services.canReconcile && !this.services.canReconcile(handler.controller)) return;
    if (entry.timer) this.ctx.clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.dueAt = undefined;
    const attempt = this.newAttempt(handler, object, triggered);
    let plan: AttemptPlan | undefined;
    try {
      plan = handler.start(object, attempt);
    } catch (error) {
      attempt.log('error', 'Reconciler error', { error: String(error) });
      return;
    }
    if (!plan) return;
    const durationMs = plan.durationMs ?? 1000 + Math.floor(this.ctx.random() * 2000);
    const timer = this.ctx.clock.setTimeout(() => {
      this.finishAttempt(key, handler, attempt, plan, object);
      this.notify();
    }, durationMs);
    // Running before the progress write, so its own watch event does not ask for another attempt.
    entry.running = {
      signature: signature(handler, object),
      finishAt: this.ctx.clock.now() + durationMs,
      timer,
    };
    const progress = plan.progress;
    if (progress && (triggered || progress.always || (progress.retries && !isReadyTrue(object)))) {
      this.markProgress(entry, progress, attempt.nowIso());
    }
  }

  private markProgress(entry: Entry, progress: AttemptProgress, nowIso: string): void {
    this.ctx.store.mutate(entry.resource, entry.namespace, entry.name, (o) => {
      progress.mutate?.(o);
      setCondition(
        o,
        { type: 'Reconciling', status: 'True', reason: 'Progressing', message: progress.reconciling },
        nowIso,
      );
      if (progress.ready !== undefined) {
        setCondition(
          o,
          { type: 'Ready', status: 'Unknown', reason: 'Progressing', message: progress.ready },
          nowIso,
        );
      }
    });
  }

  private finishAttempt(
    key: string,
    handler: KindHandler,
    attempt: Attempt,
    plan: AttemptPlan,
    started: SimObject,
  ): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.running = undefined;
    const current = this.ctx.store.get(entry.resource, entry.namespace, entry.name);
    if (!current) return;
    const before = JSON.stringify(field(current, 'status') ?? {});
    let outcome: AttemptOutcome;
    try {
      outcome = plan.finish(current);
    } catch (error) {
      attempt.log('error', 'Reconciler error', { error: String(error) });
      outcome = { state: 'retry', requeueAfterMs: handler.intervalOf(current) ?? 60_000 };
    }
    this.finalize(handler, current, started, attempt, outcome);
    const after = statusOf(current);
    if (attempt.triggered || before !== JSON.stringify(after)) {
      this.ctx.store.mutate(entry.resource, entry.namespace, entry.name, (o) => {
        Object.assign(o, { status: after });
      });
    }
    // Something asked again while this attempt ran (new request, spec change, new source revision): go again.
    if (entry.rerun) {
      entry.rerun = false;
      this.triggerSoon(key);
      return;
    }
    if ((outcome.state === 'ready' || outcome.state === 'retry') && outcome.requeueAfterMs !== undefined) {
      this.schedule(key, outcome.requeueAfterMs);
    }
  }

  /**
   * What every Flux controller does last: record the handled request and generation, settle Reconciling.
   * The operator's kinds have no status.observedGeneration, and its report records no handled request; a
   * skipped attempt (paused) records the request and leaves every condition as it was.
   */
  private finalize(
    handler: KindHandler,
    object: SimObject,
    started: SimObject,
    attempt: Attempt,
    outcome: AttemptOutcome,
  ): void {
    const status = statusOf(object);
    const records = handler.operator?.recordsHandledRequests ?? true;
    if (attempt.token !== undefined && records) status.lastHandledReconcileAt = attempt.token;
    if (!handler.operator) status.observedGeneration = started.metadata.generation;
    if (outcome.state === 'skipped') return;
    const nowIso = attempt.nowIso();
    if (outcome.state === 'retry') {
      const message = findCondition(object, 'Ready')?.message ?? '';
      setCondition(
        object,
        { type: 'Reconciling', status: 'True', reason: 'ProgressingWithRetry', message },
        nowIso,
      );
    } else {
      removeCondition(object, 'Reconciling');
    }
    if (outcome.state !== 'stalled') removeCondition(object, 'Stalled');
  }

  private newAttempt(handler: KindHandler, object: SimObject, triggered: boolean): Attempt {
    const reconcileID = this.services.uuid();
    const clock = this.ctx.clock;
    const services = this.services;
    return {
      reconcileID,
      triggered,
      startedAt: clock.now(),
      token: requestedAt(object),
      now: () => clock.now(),
      nowIso: () => new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      log(level, msg, extras) {
        services.log(handler.controller, handler.kind, object, {
          level,
          at: clock.now(),
          msg,
          reconcileID,
          extras,
        });
      },
      event(target, input) {
        services.event(handler.controller, target, input);
      },
    };
  }
}
