// Timers and a clock that move only when a test advances them.
import type { Timers } from '../../src/kube/backoff.js';

/** Timers that run only when the test says so. */
export function manualTimers() {
  let clock = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  let id = 0;
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(++id, { at: clock + ms, run });
      return id;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    clock: () => clock,
    pending: () => pending.size,
    advance(ms: number) {
      clock += ms;
      for (const [key, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= clock) {
          pending.delete(key);
          t.run();
        }
      }
    },
  };
}
