import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECONDS_SHOWN_MS } from '../../src/flux/time.js';
import { QUIET_TICK_MS, tickInterval, useAgeClock } from '../../src/hooks/use-cluster.js';

const clock = () => Date.now();

function Clock({ changes, ticks }: { changes: unknown; ticks: number[] }) {
  const now = useAgeClock(changes, 5000, clock);
  if (ticks.at(-1) !== now) ticks.push(now);
  return <Text>{now}</Text>;
}

/**
 * Lets React render and run its effects (on the real event loop, which the fake timers leave alone) until
 * the clock's timer is armed again. React's scheduler yields after a few milliseconds of real time, so on a
 * loaded machine a render takes more turns of the loop: a fixed number of turns lost ticks there.
 */
async function settle() {
  for (let i = 0; i < 200; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (i >= 2 && vi.getTimerCount() > 0) return;
  }
}

/**
 * Advances the fake clock in 5 s steps — the fastest tick, so no step can hold two ticks — letting React
 * re-arm the clock's timer after each. (1 s steps made 900 renders: over 30 s on a loaded machine.)
 */
async function advance(ms: number) {
  for (let t = 0; t < ms; t += 5000) {
    vi.advanceTimersByTime(Math.min(5000, ms - t));
    await settle();
  }
}

describe('the age clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks every 5 s while data changed in the last 10 minutes, then every 30 s, and fast again on a change', async () => {
    const ticks: number[] = [];
    const view = render(<Clock changes={1} ticks={ticks} />);
    await settle();
    await advance(SECONDS_SHOWN_MS);
    expect(ticks).toHaveLength(1 + SECONDS_SHOWN_MS / 5000);
    // Quiet for 10 minutes: nothing on screen shows seconds any more.
    ticks.length = 0;
    await advance(5 * 60_000);
    expect(ticks).toHaveLength(10);
    // A change (a new snapshot) brings the 5 s ticks back at once.
    view.rerender(<Clock changes={2} ticks={ticks} />);
    await settle();
    ticks.length = 0;
    await advance(60_000);
    expect(ticks).toHaveLength(12);
    view.unmount();
  }, 60_000);

  it('keeps ticking every 5 s under a stream of changes (the timer is not restarted by each one)', async () => {
    const ticks: number[] = [];
    const view = render(<Clock changes={0} ticks={ticks} />);
    await settle();
    for (let i = 1; i <= 100; i++) {
      vi.advanceTimersByTime(100);
      view.rerender(<Clock changes={i} ticks={ticks} />);
      await settle();
    }
    // 10 s of changes every 100 ms: two ticks, not none.
    expect(ticks).toHaveLength(3);
    view.unmount();
  }, 60_000);

  it('says how long the next tick waits', () => {
    expect(tickInterval(5000, 0, SECONDS_SHOWN_MS - 1)).toBe(5000);
    expect(tickInterval(5000, 0, SECONDS_SHOWN_MS)).toBe(QUIET_TICK_MS);
  });
});
