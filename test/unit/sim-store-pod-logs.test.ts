import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/sim/clock.js';
import { MemoryPodLogs } from '../../src/sim/pod-logs.js';

const setup = (maxLines?: number) => {
  const clock = createVirtualClock(0);
  return { clock, logs: new MemoryPodLogs(clock, maxLines) };
};

describe('MemoryPodLogs', () => {
  it('keeps lines per container, bounded, with tailLines and sinceSeconds', async () => {
    const { clock, logs } = setup(5);
    for (let i = 1; i <= 8; i++) logs.append('ns', 'pod', 'manager', `l${i}`);
    logs.append('ns', 'pod', 'other', 'elsewhere');
    expect(logs.read('ns', 'pod', 'manager', {}).map((r) => r.text)).toEqual(['l4', 'l5', 'l6', 'l7', 'l8']);
    expect(logs.read('ns', 'pod', 'manager', { tailLines: 2 }).map((r) => r.text)).toEqual(['l7', 'l8']);
    await clock.advance(10_000);
    logs.append('ns', 'pod', 'manager', 'recent');
    expect(logs.read('ns', 'pod', 'manager', { sinceSeconds: 5 }).map((r) => r.text)).toEqual(['recent']);
  });

  it('splits multi-line text into records stamped with clock time', async () => {
    const { clock, logs } = setup();
    await clock.advance(42);
    logs.append('ns', 'pod', 'c', 'one\ntwo\n');
    expect(logs.read('ns', 'pod', 'c', {})).toEqual([
      { at: 42, text: 'one' },
      { at: 42, text: 'two' },
    ]);
  });

  it('feeds followers until the container ends; the next append starts a fresh log', () => {
    const { logs } = setup();
    const seen: string[] = [];
    let ended = 0;
    const stop = logs.follow(
      'ns',
      'pod',
      'c',
      (r) => seen.push(r.text),
      () => ended++,
    );
    logs.append('ns', 'pod', 'c', 'a');
    logs.end('ns', 'pod', 'c');
    logs.append('ns', 'pod', 'c', 'after restart');
    stop();
    expect(seen).toEqual(['a']);
    expect(ended).toBe(1);
    expect(logs.read('ns', 'pod', 'c', {}).map((r) => r.text)).toEqual(['after restart']);
    expect(logs.read('ns', 'pod', 'c', { previous: true }).map((r) => r.text)).toEqual(['a']);
    expect(logs.hasPrevious('ns', 'pod', 'c')).toBe(true);
  });

  it('stops feeding a follower that unsubscribed, and ends at once when already ended', () => {
    const { logs } = setup();
    const seen: string[] = [];
    const stop = logs.follow('ns', 'pod', 'c', (r) => seen.push(r.text));
    logs.append('ns', 'pod', 'c', 'x');
    stop();
    logs.append('ns', 'pod', 'c', 'y');
    expect(seen).toEqual(['x']);
    logs.end('ns', 'pod', 'c');
    let ended = false;
    logs.follow(
      'ns',
      'pod',
      'c',
      () => {},
      () => {
        ended = true;
      },
    );
    expect(ended).toBe(true);
  });

  it('forgets a deleted pod and ends its followers', () => {
    const { logs } = setup();
    let ended = false;
    logs.follow(
      'ns',
      'pod',
      'c',
      () => {},
      () => {
        ended = true;
      },
    );
    logs.append('ns', 'pod', 'c', 'x');
    logs.forgetPod('ns', 'pod');
    expect(ended).toBe(true);
    expect(logs.read('ns', 'pod', 'c', {})).toEqual([]);
  });
});
