// The live store packs the objects that have been quiet for a moment (src/kube/packed-raw.ts) and parses
// them again for whoever reads them: readers see the same objects, rows stay as they were derived.
import { describe, expect, it } from 'vitest';
import { type PackedRaw, RawCache, RawCell, RawPacker, RawView } from '../../src/kube/packed-raw.js';
import type { RawObject } from '../../src/kube/port.js';
import { LiveStore } from '../../src/kube/store.js';
import { manualTimers } from '../support/manual-timers.js';

function kustomization(name: string, rv: string, message = 'Applied revision: main@sha1:abc'): RawObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name,
      namespace: 'apps',
      resourceVersion: rv,
      uid: `uid-${name}`,
      generation: 1,
      labels: { 'kustomize.toolkit.fluxcd.io/name': 'flux-system', tier: 'ünïcode ✓' },
    },
    spec: {
      interval: '10m',
      path: `./apps/${name}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'repo' },
    },
    status: {
      observedGeneration: 1,
      lastAppliedRevision: 'main@sha1:abc',
      inventory: { entries: [{ id: `apps_${name}_apps_Deployment`, v: 'v1' }] },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    },
  };
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `ks-${String(i).padStart(3, '0')}`);
const key = (name: string) => `Kustomization/apps/${name}`;

/** A store on manual timers with `n` Kustomizations listed, and time moved on until it is quiet. */
function listed(n: number) {
  const t = manualTimers();
  const store = new LiveStore({ now: t.clock, timers: t.timers, packTimers: t.timers });
  const sink = store.kindSink('Kustomization');
  sink.state({ phase: 'ready', apiVersion: 'kustomize.toolkit.fluxcd.io/v1' });
  sink.reset(
    names(n).map((name) => kustomization(name, '1')),
    '',
  );
  store.flush();
  const slice = () => store.getSnapshot().kinds.get('Kustomization');
  const before = new Map(names(n).map((name) => [name, slice()?.raw.get(key(name))]));
  const rows = new Map(names(n).map((name) => [name, slice()?.rows.get(key(name))]));
  const settle = () => {
    for (let i = 0; i < 200; i++) t.advance(50);
  };
  return { t, store, sink, slice, before, rows, settle };
}

describe('the live store’s packed objects', () => {
  it('gives a quiet object back whole once packed, and keeps its row', () => {
    const { store, slice, before, rows, settle } = listed(300);
    settle();
    const after = slice();
    for (const name of names(300)) {
      expect(after?.raw.get(key(name))).toEqual(before.get(name));
      expect(after?.rows.get(key(name))).toBe(rows.get(name));
    }
    // Parsed again: the first ones packed are no longer the objects that came (the cache holds the last).
    expect(after?.raw.get(key('ks-000'))).not.toBe(before.get('ks-000'));
    expect(after?.raw.size).toBe(300);
    expect([...(after?.raw.keys() ?? [])]).toEqual(names(300).map(key));
    store.close();
  });

  it('packs a start’s listing a second after it came, in rounds back to back, not spread over seconds', () => {
    const { t, store, slice, before } = listed(300);
    t.advance(999);
    // Still parsed: the very objects that came.
    expect(slice()?.raw.get(key('ks-000'))).toBe(before.get('ks-000'));
    // Rounds of 100 at 1,000, 1,010 and 1,020 ms (each timer set when the one before ran): all packed,
    // and ks-000 long out of the parsed cache.
    for (const step of [1, 10, 10]) t.advance(step);
    const again = slice()?.raw.get(key('ks-000'));
    expect(again).not.toBe(before.get('ks-000'));
    expect(again).toEqual(before.get('ks-000'));
    store.close();
  });

  it('packs without publishing, and a snapshot handed out before still reads every object', () => {
    const { store, before, settle } = listed(300);
    const earlier = store.getSnapshot();
    let publishes = 0;
    store.subscribe(() => publishes++);
    settle();
    expect(publishes).toBe(0);
    expect(store.getSnapshot()).toBe(earlier);
    for (const name of names(300))
      expect(earlier.kinds.get('Kustomization')?.raw.get(key(name))).toEqual(before.get(name));
    store.close();
  });

  it('gives every reader the same object while it is read', () => {
    const { store, slice, settle } = listed(300);
    settle();
    const first = slice()?.raw.get(key('ks-001'));
    expect(slice()?.raw.get(key('ks-001'))).toBe(first);
    store.close();
  });

  it('takes a new version of a packed object, and ignores one it already has', () => {
    const { store, sink, slice, rows, settle } = listed(10);
    settle();
    const revision = store.getSnapshot().revision;
    sink.event('MODIFIED', kustomization('ks-003', '1'));
    store.flush();
    expect(store.getSnapshot().revision).toBe(revision);
    sink.event('MODIFIED', kustomization('ks-003', '2', 'Applied revision: main@sha1:def'));
    store.flush();
    expect(slice()?.rows.get(key('ks-003'))?.message).toBe('Applied revision: main@sha1:def');
    expect(slice()?.rows.get(key('ks-004'))).toBe(rows.get('ks-004'));
    settle();
    const status = slice()?.raw.get(key('ks-003'))?.['status'] as { conditions: { message: string }[] };
    expect(status.conditions[0]?.message).toBe('Applied revision: main@sha1:def');
    store.close();
  });

  it('keeps the rows of packed objects listed again at the same version, and drops those gone', () => {
    const { store, sink, slice, rows, settle } = listed(10);
    settle();
    sink.reset(
      names(9).map((name) => kustomization(name, '1')),
      '',
    );
    store.flush();
    expect(slice()?.rows.get(key('ks-002'))).toBe(rows.get('ks-002'));
    expect(slice()?.raw.has(key('ks-009'))).toBe(false);
    expect(slice()?.rows.size).toBe(9);
    store.close();
  });

  it('stops packing when closed', () => {
    const { t, store } = listed(10);
    store.close();
    expect(t.pending()).toBe(0);
  });
});

describe('packed objects', () => {
  it('come back as they went, through the dictionary of their kind', () => {
    const packer = new RawPacker();
    const objects = names(3).map((name) => kustomization(name, '7'));
    const packed = objects.map((o) => packer.pack(o));
    expect(packed.map((p) => packer.unpack(p))).toEqual(objects);
    expect(packed[1]?.resourceVersion).toBe('7');
    // The first object is the dictionary: the others are a fraction of their JSON.
    expect(packed[2]?.bytes.length).toBeLessThan(JSON.stringify(objects[2]).length / 4);
  });

  it('are read through a bounded cache that gives the same object until it forgets it', () => {
    const packer = new RawPacker();
    const cache = new RawCache(2);
    const [a, b, c] = names(3).map((name) => packer.pack(kustomization(name, '1'))) as [
      PackedRaw,
      PackedRaw,
      PackedRaw,
    ];
    const first = cache.open(a);
    expect(cache.open(a)).toBe(first);
    cache.open(b);
    cache.open(c);
    expect(cache.open(a)).not.toBe(first);
    expect(cache.open(a)).toEqual(first);
    const plain = kustomization('plain', '1');
    expect(cache.open(plain)).toBe(plain);
  });

  it('read as a map: every key, value and entry, in order', () => {
    const packer = new RawPacker();
    const cache = new RawCache();
    const objects = names(3).map((name) => kustomization(name, '1'));
    const view = new RawView(
      new Map([
        [key('ks-000'), new RawCell(packer.pack(objects[0] as RawObject))],
        [key('ks-001'), new RawCell(objects[1] as RawObject)],
        [key('ks-002'), new RawCell(packer.pack(objects[2] as RawObject))],
      ]),
      cache.open,
    );
    expect(view.size).toBe(3);
    expect(view.has(key('ks-001'))).toBe(true);
    expect(view.get(key('ks-009'))).toBeUndefined();
    expect([...view.values()]).toEqual(objects);
    expect([...view].map(([k]) => k)).toEqual(names(3).map(key));
    const seen: string[] = [];
    view.forEach((value, k) => {
      seen.push(`${k} ${(value['metadata'] as { name: string }).name}`);
    });
    expect(seen).toEqual(names(3).map((n) => `${key(n)} ${n}`));
  });
});
