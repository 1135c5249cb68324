// Time in the simulator. The real clock is wall time; the virtual clock only moves when a test calls
// advance(), which runs due timers one at a time in time order and lets promises settle in between, so
// a test can wait out a 30 s requeue without sleeping.

import type { SimClock, SimTimer } from './types.js';

/** Where virtual time starts unless told otherwise: a fixed instant keeps tests reproducible. */
export const VIRTUAL_EPOCH = Date.UTC(2026, 0, 15, 9, 0, 0);

export function createRealClock(): SimClock {
  let nextId = 1;
  const timers = new Map<number, NodeJS.Timeout>();
  return {
    virtual: false,
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const id = nextId++;
      const handle = setTimeout(
        () => {
          timers.delete(id);
          callback();
        },
        Math.max(0, ms),
      );
      // The HTTP server keeps the process alive; a pending requeue alone must not.
      handle.unref();
      timers.set(id, handle);
      return { id };
    },
    clearTimeout(timer) {
      const handle = timers.get(timer.id);
      if (handle) clearTimeout(handle);
      timers.delete(timer.id);
    },
    advance() {
      return Promise.reject(new Error('advance() is only available on the virtual clock'));
    },
  };
}

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

const earlier = (a: PendingTimer, b: PendingTimer): boolean =>
  a.due < b.due || (a.due === b.due && a.id < b.id);

/** A binary min-heap on (due, id): thousands of requeue timers stay cheap to schedule and pop. */
class TimerHeap {
  private readonly items: PendingTimer[] = [];

  push(timer: PendingTimer): void {
    const items = this.items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as PendingTimer;
      if (!earlier(timer, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = timer;
  }

  peek(): PendingTimer | undefined {
    return this.items[0];
  }

  pop(): PendingTimer | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && earlier(items[right] as PendingTimer, items[left] as PendingTimer)
          ? right
          : left;
      const c = items[child] as PendingTimer;
      if (!earlier(c, last)) break;
      items[i] = c;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

/** Lets every queued microtask and already-due I/O callback run before the next timer fires. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function createVirtualClock(start: number = VIRTUAL_EPOCH): SimClock {
  let current = start;
  let nextId = 1;
  // Cleared timers stay in the heap and are skipped when popped (lazy deletion).
  const live = new Set<number>();
  const heap = new TimerHeap();

  const popDue = (limit: number): PendingTimer | undefined => {
    for (let top = heap.peek(); top && top.due <= limit; top = heap.peek()) {
      heap.pop();
      if (live.delete(top.id)) return top;
    }
    return undefined;
  };

  return {
    virtual: true,
    now: () => current,
    setTimeout(callback, ms) {
      const id = nextId++;
      live.add(id);
      heap.push({ id, due: current + Math.max(0, ms), callback });
      return { id };
    },
    clearTimeout(timer: SimTimer) {
      live.delete(timer.id);
    },
    async advance(ms) {
      const target = current + Math.max(0, ms);
      await settle();
      for (let timer = popDue(target); timer; timer = popDue(target)) {
        current = Math.max(current, timer.due);
        timer.callback();
        await settle();
      }
      current = target;
    },
  };
}
