import { describe, expect, it } from 'vitest';
import { createBackoff, sleep } from '../../src/kube/backoff.js';
import { LineSplitter } from '../../src/kube/lines.js';
import { BatchedPublisher, PublishGroup } from '../../src/kube/publisher.js';
import { manualTimers } from '../support/manual-timers.js';

/**
 * One publisher in a group with a 100 ms interval on manual timers; `published` records when it notified,
 * and `renderMs` is how long the render each notification causes takes (the adaptive group measures it).
 */
function groupedPublisher(adaptive: boolean) {
  const t = manualTimers();
  const group = new PublishGroup(100, t.timers, t.clock, adaptive);
  const p = new BatchedPublisher(() => true, { group });
  const published: number[] = [];
  const render = { ms: 0 };
  p.subscribe(() => {
    published.push(t.clock());
    t.advance(render.ms);
  });
  return { t, group, p, published, render };
}

describe('backoff', () => {
  it('doubles from 0.5 s up to the 30 s cap and starts over after a success', () => {
    const backoff = createBackoff({ initialMs: 500, maxMs: 30_000, jitter: 0 });
    expect(Array.from({ length: 9 }, () => backoff.next())).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it('spreads retries by the jitter but never past the cap', () => {
    const low = createBackoff({ initialMs: 1000, maxMs: 30_000, jitter: 0.2, random: () => 0 });
    const high = createBackoff({ initialMs: 1000, maxMs: 30_000, jitter: 0.2, random: () => 0.999999 });
    expect(low.next()).toBe(800);
    expect(high.next()).toBe(1200);
    for (let i = 0; i < 10; i++) high.next();
    expect(high.next()).toBe(30_000);
  });

  it('sleep ends early when aborted and leaves no timer behind', async () => {
    const t = manualTimers();
    const abort = new AbortController();
    const done = sleep(60_000, abort.signal, t.timers);
    expect(t.pending()).toBe(1);
    abort.abort();
    await done;
    expect(t.pending()).toBe(0);
  });
});

describe('line splitting', () => {
  it('joins lines across chunks, including a UTF-8 character cut in two', () => {
    const s = new LineSplitter();
    const bytes = Buffer.from('{"a":"é"}\r\n{"b":1}\npartial');
    expect(s.push(bytes.subarray(0, 8))).toEqual([]);
    expect(s.push(bytes.subarray(8))).toEqual(['{"a":"é"}', '{"b":1}']);
    expect(s.flush()).toEqual(['partial']);
  });
});

describe('batched publishing', () => {
  it('turns a burst of changes into one publish, and at most one per interval', () => {
    const t = manualTimers();
    let builds = 0;
    let notified = 0;
    const p = new BatchedPublisher(() => ++builds > 0, {
      intervalMs: 100,
      settleMs: 20,
      timers: t.timers,
      clock: t.clock,
    });
    p.subscribe(() => notified++);
    for (let i = 0; i < 1000; i++) p.changed();
    expect(notified).toBe(0);
    t.advance(20);
    expect(notified).toBe(1);
    p.changed();
    t.advance(20);
    expect(notified).toBe(1);
    t.advance(80);
    expect(notified).toBe(2);
  });

  it('schedules nothing while nothing changes, and stops on close', () => {
    const t = manualTimers();
    const p = new BatchedPublisher(() => true, { timers: t.timers, clock: t.clock });
    expect(t.pending()).toBe(0);
    p.changed();
    expect(t.pending()).toBe(1);
    p.close();
    expect(t.pending()).toBe(0);
  });

  it('does not notify when the build says nothing changed', () => {
    const t = manualTimers();
    let notified = 0;
    const p = new BatchedPublisher(() => false, { timers: t.timers, clock: t.clock });
    p.subscribe(() => notified++);
    p.changed();
    t.advance(1000);
    expect(notified).toBe(0);
  });
});

describe('publish groups', () => {
  it('flushes every publisher with changes in the same turn (one render for store and logs)', () => {
    const t = manualTimers();
    const group = new PublishGroup(100, t.timers, t.clock, false);
    const order: string[] = [];
    const store = new BatchedPublisher(() => true, { group });
    const logs = new BatchedPublisher(() => true, { group });
    store.subscribe(() => order.push(`store@${t.clock()}`));
    logs.subscribe(() => order.push(`logs@${t.clock()}`));
    store.changed();
    t.advance(10);
    logs.changed();
    expect(t.pending()).toBe(1);
    t.advance(10);
    expect(order).toEqual(['store@20', 'logs@20']);
    logs.changed();
    t.advance(50);
    expect(order).toHaveLength(2);
    t.advance(50);
    expect(order).toEqual(['store@20', 'logs@20', 'logs@120']);
  });

  it('stretches the interval to three times the cost of a flush and its render, and back', async () => {
    const { t, p, published, render } = groupedPublisher(true);
    render.ms = 60;
    const measured = () => new Promise((resolve) => setImmediate(resolve));

    p.changed();
    t.advance(20);
    await measured();
    expect(published).toEqual([20]);
    // Flushed at 20 at a cost of 60 ms: the next flush waits 3 × 60 = 180 ms from it.
    render.ms = 0;
    p.changed();
    t.advance(199 - t.clock());
    expect(published).toEqual([20]);
    t.advance(1);
    expect(published).toEqual([20, 200]);
    await measured();
    // A cheap flush brings the interval back to 100 ms.
    p.changed();
    t.advance(99);
    expect(published).toEqual([20, 200]);
    t.advance(1);
    expect(published).toEqual([20, 200, 300]);
  });

  it('publishes a completed listing after the settle delay, whatever the stretched interval', async () => {
    const { t, p, published, render } = groupedPublisher(true);
    render.ms = 150; // loading 10,000 objects: a heavy render
    p.changed();
    t.advance(20);
    await new Promise((resolve) => setImmediate(resolve));
    expect(published).toEqual([20]);
    // The interval is now 450 ms: an ordinary change waits for it …
    p.changed();
    t.advance(100);
    expect(published).toEqual([20]);
    // … a listing that completes in the meantime goes out 20 ms later, taking the pending change along.
    p.changed(true);
    t.advance(19);
    expect(published).toEqual([20]);
    t.advance(1);
    expect(published).toEqual([20, 290]);
  });

  it("holds a due publish back while a key is handled, so the key's frame goes out first", () => {
    const { t, group, p, published } = groupedPublisher(false);
    p.changed(); // due at 20 (settle)
    t.advance(10);
    group.holdForInput(60); // a key at 10: nothing until 70
    t.advance(59);
    expect(published).toEqual([]);
    t.advance(1);
    expect(published).toEqual([70]);
    // A change arriving during a hold waits for the hold too.
    t.advance(100); // 170
    group.holdForInput(60);
    p.changed();
    t.advance(59);
    expect(published).toEqual([70]);
    t.advance(1);
    expect(published).toEqual([70, 230]);
  });

  it('never lets keys in a row (a held key) keep changes back more than 250 ms past their time', () => {
    const { t, group, p, published } = groupedPublisher(false);
    p.changed(); // due at 20
    for (let at = 0; at < 600; at += 30) {
      group.holdForInput(60);
      t.advance(30);
    }
    expect(published).toHaveLength(1);
    expect(published[0]).toBeLessThanOrEqual(20 + 250 + 30);
  });
});
