import { describe, expect, it } from 'vitest';
import { type HeldOrder, holdOrder, NOTHING_ARRIVED } from '../../src/hooks/held-order.js';

const key = (r: { k: string }) => r.k;
const rows = (...ks: string[]) => ks.map((k) => ({ k, v: 0 }));
const keys = (r: readonly { k: string }[]) => r.map(key);

describe('the order held while the user works', () => {
  it('keeps the held positions, updates rows in place, drops rows that left, puts arrivals last', () => {
    const held = { rows: rows('a', 'b', 'c'), arrived: NOTHING_ARRIVED };
    const updatedB = { k: 'b', v: 1 };
    const next = holdOrder(held, [{ k: 'x', v: 0 }, { k: 'c', v: 0 }, updatedB, { k: 'y', v: 0 }], key);
    expect(keys(next.rows)).toEqual(['b', 'c', 'x', 'y']);
    expect(next.rows[0]).toBe(updatedB);
    expect([...next.arrived]).toEqual(['x', 'y']);
  });

  it('keeps counting arrivals over several snapshots, forgetting those that left again', () => {
    const first = holdOrder({ rows: rows('a'), arrived: NOTHING_ARRIVED }, rows('n1', 'a', 'n2'), key);
    const second = holdOrder(first, rows('a', 'n2', 'n3'), key);
    expect(keys(second.rows)).toEqual(['a', 'n2', 'n3']);
    expect([...second.arrived].sort()).toEqual(['n2', 'n3']);
  });

  it('keeps the held order through publish after publish of updates, then a departure and an arrival', () => {
    // Publishes that only update rows hand the held order on unchanged (its positions are reused).
    let held: HeldOrder<{ k: string; v: number }> = {
      rows: rows('a', 'b', 'c', 'd'),
      arrived: NOTHING_ARRIVED,
    };
    for (const sorted of [
      ['d', 'c', 'b', 'a'],
      ['b', 'd', 'a', 'c'],
      ['c', 'a', 'd', 'b'],
    ]) {
      held = holdOrder(held, rows(...sorted), key);
      expect(keys(held.rows)).toEqual(['a', 'b', 'c', 'd']);
    }
    held = holdOrder(held, rows('d', 'a', 'c'), key);
    expect(keys(held.rows)).toEqual(['a', 'c', 'd']);
    held = holdOrder(held, rows('c', 'e', 'a', 'd'), key);
    expect(keys(held.rows)).toEqual(['a', 'c', 'd', 'e']);
    held = holdOrder(held, rows('e', 'd', 'c', 'a'), key);
    expect(keys(held.rows)).toEqual(['a', 'c', 'd', 'e']);
    expect([...held.arrived]).toEqual(['e']);
  });
});
