import { describe, expect, it } from 'vitest';
import { createRealClock, createVirtualClock, VIRTUAL_EPOCH } from '../../src/sim/clock.js';

describe('virtual clock', () => {
  it('starts at a fixed instant and only moves on advance()', async () => {
    const clock = createVirtualClock();
    expect(clock.virtual).toBe(true);
    expect(clock.now()).toBe(VIRTUAL_EPOCH);
    await clock.advance(1500);
    expect(clock.now()).toBe(VIRTUAL_EPOCH + 1500);
  });

  it('runs due timers in time order, each seeing its own due time', async () => {
    const clock = createVirtualClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 200);
    clock.setTimeout(() => seen.push('late'), 1000);
    await clock.advance(500);
    expect(seen).toEqual(['a@100', 'b@200', 'c@200']);
    expect(clock.now()).toBe(500);
    await clock.advance(500);
    expect(seen.at(-1)).toBe('late');
  });

  it('runs timers scheduled by timers when they fall due within the same advance', async () => {
    const clock = createVirtualClock(0);
    const ticks: number[] = [];
    const tick = () => {
      ticks.push(clock.now());
      clock.setTimeout(tick, 30_000);
    };
    clock.setTimeout(tick, 30_000);
    await clock.advance(100_000);
    expect(ticks).toEqual([30_000, 60_000, 90_000]);
  });

  it('lets promise continuations of one timer run before the next timer fires', async () => {
    const clock = createVirtualClock(0);
    const order: string[] = [];
    clock.setTimeout(() => {
      void Promise.resolve()
        .then(() => undefined)
        .then(() => order.push('first continued'));
      order.push('first');
    }, 10);
    clock.setTimeout(() => order.push('second'), 20);
    await clock.advance(20);
    expect(order).toEqual(['first', 'first continued', 'second']);
  });

  it('does not run cleared timers', async () => {
    const clock = createVirtualClock(0);
    let ran = false;
    const timer = clock.setTimeout(() => {
      ran = true;
    }, 10);
    clock.clearTimeout(timer);
    await clock.advance(100);
    expect(ran).toBe(false);
  });
});

describe('real clock', () => {
  it('tells wall time, fires timers, and refuses advance()', async () => {
    const clock = createRealClock();
    expect(clock.virtual).toBe(false);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 5));
    let ran = false;
    clock.clearTimeout(
      clock.setTimeout(() => {
        ran = true;
      }, 1),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(false);
    await expect(clock.advance(10)).rejects.toThrow(/virtual/);
  });
});
