// The bench's `j` latency: a key must move the selection, and on the last row `j` has nothing to move to,
// so the bench turns to `k` there instead of counting keys as lost (and back to `j` on the first row).
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ES module of the benchmark, no types
import { moveLatency } from '../../bench/lib/console-bench.mjs';

/** A console showing a list of `count` objects with one selected, as the bench's screen model reads it. */
function fakeSession(count: number, start: number) {
  let selected = start;
  const pressed: string[] = [];
  const lines = () => [
    `Sources(all) [${selected + 1}/${count}]`,
    '  KIND           NAMESPACE    NAME',
    `> GitRepository  flux-system  repo-${selected}`,
  ];
  const screen = { lines };
  return {
    pressed,
    screen,
    press(key: string) {
      pressed.push(key);
      if (key === 'j') selected = Math.min(count - 1, selected + 1);
      if (key === 'k') selected = Math.max(0, selected - 1);
      return performance.now();
    },
    // The fake redraws at once: the effect shows now or never.
    until(test: (s: typeof screen) => boolean) {
      return test(screen) ? Promise.resolve(performance.now()) : Promise.reject(new Error('no effect'));
    },
  };
}

describe('moveLatency', () => {
  it('turns to k on the last row and back to j on the first, so no key goes without effect', async () => {
    const session = fakeSession(3, 1);
    const result = await moveLatency(session, 6);
    expect(result.failures).toBe(0);
    expect(result.n).toBe(6);
    expect(session.pressed).toEqual(['j', 'k', 'k', 'j', 'j', 'k']);
  });

  it('still counts a key whose effect never shows as lost', async () => {
    const session = fakeSession(3, 0);
    session.press = (key: string) => {
      session.pressed.push(key);
      return performance.now();
    };
    const result = await moveLatency(session, 2);
    expect(result.failures).toBe(2);
  });
});
