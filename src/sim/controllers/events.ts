// core/v1 Events as Flux's recorder (client-go's EventRecorder underneath) writes them: involvedObject with
// uid and resourceVersion, reason = the Ready reason, source.component = the controller, annotations
// `<group>/revision`, and repeats of the same reason and message folded into one Event with count++ (the
// EventCorrelator). Events expire after an hour, as the API server's event TTL does.
import { isKindName, kindInfo } from '../../flux/kinds.js';
import { isoTimestamp } from '../flux-logs.js';
import { CORE_RESOURCES } from '../resources.js';
import { type SimContext, type SimObject, type SimTimer, StoreError } from '../types.js';
import type { SimReconciler } from './catalog.js';
import { getNum, getStr } from './json.js';

const EVENT_TTL_MS = 60 * 60_000;
const SWEEP_EVERY_MS = 10 * 60_000;

export interface EventInput {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** Value of the `<group>/revision` annotation, when the event is about a revision. */
  readonly revision?: string;
}

/** For seeding history: when the first and last occurrence happened, and how many there were. */
export interface EventHistory {
  readonly firstAt: number;
  readonly lastAt: number;
  readonly count: number;
}

const secondsIso = (ms: number): string => isoTimestamp(ms).replace(/\.\d{3}Z$/, 'Z');

export class EventRecorder {
  /** aggregation key → event name, per namespace. */
  private readonly index = new Map<string, { namespace: string; name: string }>();
  private sequence = 0;
  private sweepTimer: SimTimer | undefined;

  constructor(private readonly ctx: SimContext) {}

  /** Starts expiring old events (only while the controllers run). */
  startExpiry(): void {
    const tick = () => {
      this.sweep();
      this.sweepTimer = this.ctx.clock.setTimeout(tick, SWEEP_EVERY_MS);
    };
    this.sweepTimer = this.ctx.clock.setTimeout(tick, SWEEP_EVERY_MS);
  }

  stop(): void {
    if (this.sweepTimer) this.ctx.clock.clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  record(
    controller: SimReconciler,
    involved: SimObject,
    input: EventInput,
    history?: EventHistory,
    reportingInstance = '',
  ): void {
    const namespace = involved.metadata.namespace ?? 'default';
    const key = [involved.metadata.uid, input.type, input.reason, input.message].join('\u0000');
    const now = history?.lastAt ?? this.ctx.clock.now();
    const known = this.index.get(key) ?? this.findExisting(namespace, involved, input);
    if (known && this.bump(known, now, history?.count ?? 1)) {
      this.index.set(key, known);
      return;
    }
    const name = `${involved.metadata.name}.${this.eventSuffix(history?.firstAt ?? now)}`;
    const group = isKindName(involved.kind) ? kindInfo(involved.kind).group : '';
    this.ctx.store.create(CORE_RESOURCES.events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name,
        namespace,
        creationTimestamp: secondsIso(history?.firstAt ?? now),
        ...(input.revision && group ? { annotations: { [`${group}/revision`]: input.revision } } : {}),
      },
      involvedObject: {
        apiVersion: involved.apiVersion,
        kind: involved.kind,
        name: involved.metadata.name,
        namespace,
        uid: involved.metadata.uid,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason: input.reason,
      message: input.message,
      source: { component: controller },
      firstTimestamp: secondsIso(history?.firstAt ?? now),
      lastTimestamp: secondsIso(now),
      count: history?.count ?? 1,
      type: input.type,
      eventTime: null,
      reportingComponent: controller,
      reportingInstance,
    });
    this.index.set(key, { namespace, name });
  }

  /** An event recorded before (e.g. seeded history, or by a previous controller run) to aggregate into. */
  private findExisting(namespace: string, involved: SimObject, input: EventInput) {
    const found = this.ctx.store
      .list(CORE_RESOURCES.events, namespace)
      .find(
        (e) =>
          getStr(e, 'involvedObject', 'uid') === involved.metadata.uid &&
          getStr(e, 'type') === input.type &&
          getStr(e, 'reason') === input.reason &&
          getStr(e, 'message') === input.message,
      );
    return found ? { namespace, name: found.metadata.name } : undefined;
  }

  private bump(event: { namespace: string; name: string }, now: number, by: number): boolean {
    try {
      this.ctx.store.mutate(CORE_RESOURCES.events, event.namespace, event.name, (e) => {
        Object.assign(e, { count: (getNum(e, 'count') ?? 1) + by, lastTimestamp: secondsIso(now) });
      });
      return true;
    } catch (error) {
      if (error instanceof StoreError && error.code === 404) return false;
      throw error;
    }
  }

  /** client-go names events `<object>.<unix nanos in hex>`. */
  private eventSuffix(at: number): string {
    this.sequence += 1;
    return (BigInt(Math.floor(at)) * 1_000_000n + BigInt(this.sequence)).toString(16);
  }

  private sweep(): void {
    const cutoff = this.ctx.clock.now() - EVENT_TTL_MS;
    for (const [key, ref] of this.index) {
      const event = this.ctx.store.get(CORE_RESOURCES.events, ref.namespace, ref.name);
      const last = event ? Date.parse(getStr(event, 'lastTimestamp')) || 0 : 0;
      if (event && last >= cutoff) continue;
      this.index.delete(key);
      if (event) this.ctx.store.delete(CORE_RESOURCES.events, ref.namespace, ref.name);
    }
  }
}
