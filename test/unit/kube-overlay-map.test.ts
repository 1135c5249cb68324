// Snapshot tables (src/kube/overlay-map.ts): a published view never changes afterwards, reads and iterates
// like a Map of the table at that moment, and compaction is invisible.
import { describe, expect, it } from 'vitest';
import { SnapshotTable } from '../../src/kube/overlay-map.js';

const entries = <V>(m: ReadonlyMap<string, V>) => [...m];

describe('SnapshotTable', () => {
  it('publishes views that later changes do not touch', () => {
    const t = new SnapshotTable<string, number>();
    for (let i = 0; i < 100; i++) t.set(`k${i}`, i);
    const first = t.snapshot();
    t.set('k1', 1001);
    t.delete('k2');
    t.set('new', 7);
    const second = t.snapshot();
    t.set('k3', 3003);
    expect(first.get('k1')).toBe(1);
    expect(first.has('k2')).toBe(true);
    expect(first.has('new')).toBe(false);
    expect(first.size).toBe(100);
    expect(second.get('k1')).toBe(1001);
    expect(second.get('k2')).toBeUndefined();
    expect(second.has('k2')).toBe(false);
    expect(second.get('new')).toBe(7);
    expect(second.get('k3')).toBe(3);
    expect(second.size).toBe(100);
  });

  it('iterates in Map order: changed values in place, deletions skipped, additions last', () => {
    const t = new SnapshotTable<string, number>();
    const reference = new Map<string, number>();
    const both = (k: string, v?: number) => {
      if (v === undefined) {
        t.delete(k);
        reference.delete(k);
      } else {
        t.set(k, v);
        reference.set(k, v);
      }
    };
    for (let i = 0; i < 200; i++) both(`k${i}`, i);
    t.snapshot();
    both('k5', 55);
    both('k6');
    both('added', 1);
    both('k6', 66); // deleted then back: Map puts it at the end
    both('added');
    both('later', 2);
    const view = t.snapshot();
    expect(entries(view)).toEqual(entries(reference));
    expect([...view.keys()]).toEqual([...reference.keys()]);
    expect([...view.values()]).toEqual([...reference.values()]);
    const seen: string[] = [];
    view.forEach((_, k) => {
      seen.push(k);
    });
    expect(seen).toEqual([...reference.keys()]);
  });

  it('walks an overlay with forEach in the same order and values, before anything else is asked of it', () => {
    const t = new SnapshotTable<string, number>();
    const reference = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      t.set(`k${i}`, i);
      reference.set(`k${i}`, i);
    }
    t.snapshot();
    for (const [k, v] of [
      ['k5', 55],
      ['k9', 99],
      ['new', 1],
      ['newer', 2],
    ] as const) {
      t.set(k, v);
      reference.set(k, v);
    }
    t.delete('k7');
    reference.delete('k7');
    const view = t.snapshot();
    expect(view).not.toBeInstanceOf(Map);
    const seen: [string, number][] = [];
    view.forEach((v, k, map) => {
      expect(map).toBe(view);
      seen.push([k, v]);
    });
    expect(seen).toEqual([...reference.entries()]);
    // And the same again once the arrays exist.
    expect([...view.keys()]).toEqual([...reference.keys()]);
    const again: [string, number][] = [];
    view.forEach((v, k) => {
      again.push([k, v]);
    });
    expect(again).toEqual(seen);
  });

  it('compacts once changes outgrow the base, with the same contents', () => {
    const t = new SnapshotTable<string, number>();
    for (let i = 0; i < 1000; i++) t.set(`k${i}`, i);
    const base = t.snapshot();
    expect(base).toBeInstanceOf(Map);
    for (let i = 0; i < 100; i++) t.set(`k${i}`, -i);
    const overlay = t.snapshot();
    expect(overlay).not.toBeInstanceOf(Map);
    for (let i = 100; i < 300; i++) t.delete(`k${i}`);
    const compacted = t.snapshot();
    expect(compacted).toBeInstanceOf(Map);
    expect(compacted.size).toBe(800);
    expect(compacted.get('k0')).toBe(-0);
    expect(compacted.has('k150')).toBe(false);
    expect(overlay.has('k150')).toBe(true);
    expect(base.get('k1')).toBe(1);
  });

  it('clear empties the table but not earlier views', () => {
    const t = new SnapshotTable<string, number>();
    t.set('a', 1);
    const before = t.snapshot();
    t.clear();
    expect(t.snapshot().size).toBe(0);
    expect(entries(t.snapshot())).toEqual([]);
    expect(entries(before)).toEqual([['a', 1]]);
  });
});
