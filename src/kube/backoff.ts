// Retry pacing for watches and log streams: exponential backoff with jitter, capped, reset on success;
// and the timers it runs on, injectable so tests can see the delays without waiting them out.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  /** ±fraction of each delay, so that many watches failing together do not retry together. */
  readonly jitter?: number;
  readonly random?: () => number;
}

export interface Backoff {
  /** The delay before the next attempt; each call doubles the base up to maxMs. */
  next(): number;
  reset(): void;
  readonly attempts: number;
}

export function createBackoff(policy: BackoffPolicy): Backoff {
  const jitter = policy.jitter ?? 0.2;
  const random = policy.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempts, 30));
      attempts++;
      const spread = base * jitter * (2 * random() - 1);
      return Math.max(0, Math.min(policy.maxMs, Math.round(base + spread)));
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}

/** Resolves after ms, or at once when the signal aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal, timers: Timers = REAL_TIMERS): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      timers.clearTimeout(handle);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const handle = timers.setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
