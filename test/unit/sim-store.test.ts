import { describe, expect, it } from 'vitest';
import { field } from '../../src/flux/narrow.js';
import { createVirtualClock } from '../../src/sim/clock.js';
import { MemoryStore } from '../../src/sim/store.js';
import { StoreError, type StoreEvent } from '../../src/sim/types.js';

const HR = 'helm.toolkit.fluxcd.io/helmreleases';

function hr(name: string, namespace = 'apps', spec: Record<string, unknown> = { interval: '5m' }) {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name, namespace },
    spec,
  };
}

function setup(historyLimit?: number) {
  const clock = createVirtualClock(Date.UTC(2026, 0, 15, 9, 0, 0));
  let n = 0;
  const store = new MemoryStore(clock, {
    uid: () => `uid-${++n}`,
    ...(historyLimit ? { historyLimit } : {}),
  });
  const events: StoreEvent[] = [];
  store.subscribe((e) => events.push(e));
  return { clock, store, events };
}

describe('MemoryStore', () => {
  it('assigns uid, resourceVersion, generation 1 and creationTimestamp on create', () => {
    const { store, events } = setup();
    const created = store.create(HR, hr('podinfo'));
    expect(created.metadata).toMatchObject({
      name: 'podinfo',
      namespace: 'apps',
      uid: 'uid-1',
      resourceVersion: String(store.resourceVersion),
      generation: 1,
      creationTimestamp: '2026-01-15T09:00:00Z',
    });
    expect(events.map((e) => e.type)).toEqual(['ADDED']);
    expect(() => store.create(HR, hr('podinfo'))).toThrow(StoreError);
    try {
      store.create(HR, hr('podinfo'));
    } catch (error) {
      expect((error as StoreError).code).toBe(409);
      expect((error as StoreError).message).toBe(
        'helmreleases.helm.toolkit.fluxcd.io "podinfo" already exists',
      );
    }
  });

  it('keeps a seeder’s creationTimestamp and uid', () => {
    const { store } = setup();
    const old = store.create(HR, {
      ...hr('old'),
      metadata: { name: 'old', namespace: 'apps', uid: 'fixed', creationTimestamp: '2025-12-01T00:00:00Z' },
    });
    expect(old.metadata.uid).toBe('fixed');
    expect(old.metadata.creationTimestamp).toBe('2025-12-01T00:00:00Z');
  });

  it('hands out deep copies', () => {
    const { store } = setup();
    const created = store.create(HR, hr('podinfo'));
    Object.assign(field(created, 'spec') as object, { interval: 'changed' });
    const got = store.get(HR, 'apps', 'podinfo');
    expect(field(got, 'spec')).toEqual({ interval: '5m' });
    Object.assign(field(got, 'spec') as object, { interval: 'changed again' });
    expect(field(store.list(HR)[0], 'spec')).toEqual({ interval: '5m' });
  });

  it('bumps resourceVersion on every change and generation only when spec changes', () => {
    const { store } = setup();
    const created = store.create(HR, hr('podinfo'));
    const labelled = store.mutate(HR, 'apps', 'podinfo', (o) => {
      o.metadata.labels = { a: 'b' };
    });
    expect(Number(labelled.metadata.resourceVersion)).toBe(Number(created.metadata.resourceVersion) + 1);
    expect(labelled.metadata.generation).toBe(1);
    const specChanged = store.update(HR, { ...labelled, spec: { interval: '1m' } });
    expect(specChanged.metadata.generation).toBe(2);
    const statusChanged = store.mutate(HR, 'apps', 'podinfo', (o) => {
      Object.assign(o, { status: { observedGeneration: 2 } });
    });
    expect(statusChanged.metadata.generation).toBe(2);
  });

  it('ignores writes that change nothing: no new resourceVersion, no event', () => {
    const { store, events } = setup();
    store.create(HR, hr('podinfo'));
    const version = store.resourceVersion;
    const same = store.mutate(HR, 'apps', 'podinfo', () => {});
    const again = store.update(HR, store.get(HR, 'apps', 'podinfo') ?? expect.unreachable());
    expect(store.resourceVersion).toBe(version);
    expect(same.metadata.resourceVersion).toBe(String(version));
    expect(again.metadata.resourceVersion).toBe(String(version));
    expect(events).toHaveLength(1);
  });

  it('refuses an update with a stale resourceVersion (409) and one of a missing object (404)', () => {
    const { store } = setup();
    const created = store.create(HR, hr('podinfo'));
    store.mutate(HR, 'apps', 'podinfo', (o) => {
      o.metadata.labels = { x: 'y' };
    });
    expect(() => store.update(HR, created)).toThrow(/the object has been modified/);
    expect(() =>
      store.update(HR, { ...created, metadata: { ...created.metadata, name: 'ghost', resourceVersion: '' } }),
    ).toThrow('helmreleases.helm.toolkit.fluxcd.io "ghost" not found');
  });

  it('deletes with a DELETED event at a new resourceVersion', () => {
    const { store, events } = setup();
    store.create(HR, hr('podinfo'));
    const deleted = store.delete(HR, 'apps', 'podinfo');
    expect(deleted.metadata.resourceVersion).toBe(String(store.resourceVersion));
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    expect(store.get(HR, 'apps', 'podinfo')).toBeUndefined();
    expect(() => store.delete(HR, 'apps', 'podinfo')).toThrow(StoreError);
  });

  it('removes a terminating object once its last finalizer is gone', () => {
    const { store, events } = setup();
    store.create(HR, {
      ...hr('podinfo'),
      metadata: { name: 'podinfo', namespace: 'apps', finalizers: ['f'] },
    });
    store.mutate(HR, 'apps', 'podinfo', (o) => {
      o.metadata.deletionTimestamp = '2026-01-15T09:00:00Z';
    });
    expect(store.get(HR, 'apps', 'podinfo')).toBeDefined();
    store.mutate(HR, 'apps', 'podinfo', (o) => {
      Object.assign(o.metadata, { finalizers: [] });
    });
    expect(store.get(HR, 'apps', 'podinfo')).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('lists in namespace/name order, per namespace or all', () => {
    const { store } = setup();
    for (const [ns, name] of [
      ['b', 'z'],
      ['a', 'y'],
      ['b', 'a'],
      ['a', 'x'],
    ] as const)
      store.create(HR, hr(name, ns));
    expect(store.list(HR).map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'a/x',
      'a/y',
      'b/a',
      'b/z',
    ]);
    expect(store.list(HR, 'b').map((o) => o.metadata.name)).toEqual(['a', 'z']);
    expect(store.list('pods')).toEqual([]);
  });

  it('delivers events in resourceVersion order even when a listener writes', () => {
    const { store } = setup();
    const seen: string[] = [];
    store.subscribe((e) => {
      seen.push(`${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`);
      if (e.type === 'ADDED' && e.object.metadata.name === 'first') store.create(HR, hr('second'));
    });
    const late: string[] = [];
    store.subscribe((e) => late.push(e.object.metadata.resourceVersion));
    store.create(HR, hr('first'));
    expect(late).toEqual([...late].sort((a, b) => Number(a) - Number(b)));
    expect(seen).toHaveLength(2);
  });

  it('replays events after a resourceVersion, per resource, and reports older ones as gone', () => {
    const { store } = setup(3);
    store.create(HR, hr('a'));
    const from = store.resourceVersion;
    store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'apps' } });
    store.create(HR, hr('b'));
    const since = store.eventsSince(HR, from);
    expect(since).not.toBe('gone');
    expect((since as StoreEvent[]).map((e) => e.object.metadata.name)).toEqual(['b']);
    store.create(HR, hr('c'));
    store.create(HR, hr('d'));
    expect(store.eventsSince(HR, from)).toBe('gone');
    expect(store.eventsSince(HR, store.resourceVersion)).toEqual([]);
  });
});
