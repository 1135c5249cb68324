// Batched change notification for useSyncExternalStore stores: any number of changes within a window
// become one publish, at most one every `intervalMs`; nothing changing schedules nothing.
import { REAL_TIMERS, type Timers } from './backoff.js';

export interface PublisherOptions {
  /** Minimum time between two publishes (~10 a second by default). */
  readonly intervalMs?: number;
  /** How long a first change after a quiet spell waits for company, so a burst is one publish. */
  readonly settleMs?: number;
  readonly timers?: Timers;
  readonly clock?: () => number;
}

export class BatchedPublisher {
  private readonly listeners = new Set<() => void>();
  private readonly intervalMs: number;
  private readonly settleMs: number;
  private readonly timers: Timers;
  private readonly clock: () => number;
  private timer: unknown;
  private lastPublish = Number.NEGATIVE_INFINITY;
  private closed = false;

  /** `build` turns the pending changes into a new snapshot; it returns false when nothing changed. */
  constructor(
    private readonly build: () => boolean,
    options: PublisherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 100;
    this.settleMs = options.settleMs ?? 20;
    this.timers = options.timers ?? REAL_TIMERS;
    this.clock = options.clock ?? (() => performance.now());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Something changed: publish soon (never more than once per interval). */
  changed(): void {
    if (this.timer !== undefined || this.closed) return;
    const delay = Math.max(this.settleMs, this.lastPublish + this.intervalMs - this.clock());
    this.timer = this.timers.setTimeout(() => this.flush(), delay);
  }

  /** Publishes pending changes now (tests, and close of a one-shot reader). */
  flush(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || !this.build()) return;
    this.lastPublish = this.clock();
    for (const listener of [...this.listeners]) listener();
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }
}
