// Batched change notification for useSyncExternalStore stores: any number of changes within a window
// become one publish, at most one every `intervalMs`; nothing changing schedules nothing.
//
// Publishers flush in groups: the console's object store and its log lines share one, so a store change
// and new log lines that come together cost one render, not two. The shared group also stretches its
// interval when the work that follows a flush (the render) is heavy — under sustained churn it keeps
// rendering to about a third of a core instead of falling behind; a quiet console is unaffected.
//
// A key press holds the shared group back for a moment (`holdForInput`): the key's render and frame then go
// out first instead of queueing behind a snapshot render, which is what a typist feels under churn.
import { REAL_TIMERS, type Timers } from './backoff.js';

export interface PublisherOptions {
  /** Minimum time between two publishes (~10 a second by default). */
  readonly intervalMs?: number;
  /** How long a first change after a quiet spell waits for company, so a burst is one publish. */
  readonly settleMs?: number;
  readonly timers?: Timers;
  readonly clock?: () => number;
  /** Flush with these publishers (the timing options above then do not apply). */
  readonly group?: PublishGroup;
}

const DEFAULT_INTERVAL_MS = 100;
const DEFAULT_SETTLE_MS = 20;
/** The shared group's interval grows to this many times the cost of a flush and what follows it … */
const COST_FACTOR = 3;
/** … but never past this (two frames a second). */
const MAX_ADAPTIVE_INTERVAL_MS = 500;

/**
 * A key holds publishes back this long: its own render and frame take 10–30 ms, and a typist's next key
 * usually comes within 150 ms, so while someone types the snapshots wait for the pauses (or the cap below)
 * instead of landing between two keys.
 */
export const INPUT_HOLD_MS = 150;
/** Keys in a row (a held key) never keep changes back longer than this past their due time. */
const MAX_INPUT_DELAY_MS = 250;

/** Publishers that flush together, at most once per interval. */
export class PublishGroup {
  private readonly pending = new Set<BatchedPublisher>();
  private timer: unknown;
  private dueAt = Number.POSITIVE_INFINITY;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private gapMs: number;
  private heldUntil = Number.NEGATIVE_INFINITY;
  /** When the changes now pending were first due: bounds how long holds can push them back. */
  private firstDueAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly timers: Timers,
    private readonly clock: () => number,
    /** Measure each flush's cost (through the render it causes) and stretch the interval to match. */
    private readonly adaptive: boolean,
  ) {
    this.gapMs = intervalMs;
  }

  /**
   * `publisher` has changes: flush it after `delay`, and not sooner than the interval allows — unless they
   * are `urgent` (a listing completed), which only waits `delay`.
   */
  request(publisher: BatchedPublisher, delay: number, urgent = false): void {
    this.pending.add(publisher);
    const soonest = this.clock() + delay;
    const at = urgent ? soonest : Math.max(soonest, this.lastFlush + this.gapMs);
    this.firstDueAt = Math.min(this.firstDueAt, at);
    this.schedule(Math.min(Math.max(at, this.heldUntil), this.firstDueAt + MAX_INPUT_DELAY_MS));
  }

  /** Input arrived: publish nothing for `ms` (pending changes wait, but not past MAX_INPUT_DELAY_MS). */
  holdForInput(ms: number): void {
    this.heldUntil = this.clock() + ms;
    if (this.timer === undefined) return;
    const at = Math.min(Math.max(this.dueAt, this.heldUntil), this.firstDueAt + MAX_INPUT_DELAY_MS);
    if (at <= this.dueAt) return;
    this.timers.clearTimeout(this.timer);
    this.arm(at);
  }

  private schedule(at: number): void {
    if (this.timer !== undefined && this.dueAt <= at) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.arm(at);
  }

  private arm(at: number): void {
    this.dueAt = at;
    this.timer = this.timers.setTimeout(() => this.fire(), Math.max(0, at - this.clock()));
  }

  cancel(publisher: BatchedPublisher): void {
    this.pending.delete(publisher);
    if (this.pending.size === 0 && this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
      this.dueAt = Number.POSITIVE_INFINITY;
      this.firstDueAt = Number.POSITIVE_INFINITY;
    }
  }

  private fire(): void {
    this.timer = undefined;
    this.dueAt = Number.POSITIVE_INFINITY;
    this.firstDueAt = Number.POSITIVE_INFINITY;
    const started = this.clock();
    this.lastFlush = started;
    const batch = [...this.pending];
    this.pending.clear();
    for (const publisher of batch) publisher.publishNow();
    // React renders the notified stores in microtasks after this task: by setImmediate it is done.
    if (this.adaptive) {
      setImmediate(() => {
        const cost = this.clock() - started;
        this.gapMs = Math.max(this.intervalMs, Math.min(MAX_ADAPTIVE_INTERVAL_MS, cost * COST_FACTOR));
      });
    }
  }
}

/** The console's stores share this group (real timers); publishers given their own timing get their own. */
const SHARED_GROUP = new PublishGroup(DEFAULT_INTERVAL_MS, REAL_TIMERS, () => performance.now(), true);

/** A key was pressed: the console's stores publish nothing for a moment, so the key's frame comes first. */
export function holdPublishesForInput(): void {
  SHARED_GROUP.holdForInput(INPUT_HOLD_MS);
}

export class BatchedPublisher {
  private readonly listeners = new Set<() => void>();
  private readonly settleMs: number;
  private readonly group: PublishGroup;
  private requested = false;
  private closed = false;

  /** `build` turns the pending changes into a new snapshot; it returns false when nothing changed. */
  constructor(
    private readonly build: () => boolean,
    options: PublisherOptions = {},
  ) {
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    const own =
      options.timers !== undefined ||
      options.clock !== undefined ||
      options.intervalMs !== undefined ||
      options.settleMs !== undefined;
    this.group =
      options.group ??
      (own
        ? new PublishGroup(
            options.intervalMs ?? DEFAULT_INTERVAL_MS,
            options.timers ?? REAL_TIMERS,
            options.clock ?? (() => performance.now()),
            false,
          )
        : SHARED_GROUP);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Something changed: publish soon (never more than once per interval). `urgent`: a listing completed or a
   * watch changed state — publish after the settle delay whatever the interval, because the first complete
   * frame waits for it: while 10,000 objects load, each publish is a heavy render, and the interval they
   * stretched kept the last kind's rows back up to half a second with nothing else to do.
   */
  changed(urgent = false): void {
    if (this.closed || (this.requested && !urgent)) return;
    this.requested = true;
    this.group.request(this, this.settleMs, urgent);
  }

  /** Publishes pending changes now (tests, and close of a one-shot reader). */
  flush(): void {
    this.group.cancel(this);
    this.publishNow();
  }

  /** Called by the group when its turn comes. */
  publishNow(): void {
    this.requested = false;
    if (this.closed || !this.build()) return;
    for (const listener of [...this.listeners]) listener();
  }

  close(): void {
    this.closed = true;
    this.requested = false;
    this.group.cancel(this);
    this.listeners.clear();
  }
}
