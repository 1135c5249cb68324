// Watches through client-node's Watch: initial ADDED, MODIFIED, DELETED, selectors that stop matching,
// bookmarks on the virtual clock, resume from a resourceVersion, 410 Expired, timeouts and faults.

import { Watch } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryStore } from '../../src/sim/store.js';
import { HR, seedHelmRelease, startTestSim, type TestSim, until } from './sim-api-helpers.js';

const PATH = '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases';

interface Seen {
  readonly type: string;
  readonly name: string;
  readonly rv: string;
  readonly object: {
    apiVersion?: string;
    code?: number;
    message?: string;
    metadata?: { annotations?: Record<string, string> };
  };
}

interface Recorder {
  readonly events: Seen[];
  readonly done: Promise<unknown>;
  readonly ended: () => boolean;
  abort(): void;
}

let t: TestSim;
let baseListeners = 0;
const open: Recorder[] = [];

async function watch(path: string, query: Record<string, string | number | boolean> = {}): Promise<Recorder> {
  const events: Seen[] = [];
  let finished = false;
  let resolveDone: (err: unknown) => void = () => {};
  const done = new Promise<unknown>((resolve) => {
    resolveDone = resolve;
  });
  const controller = await new Watch(t.kc).watch(
    path,
    query,
    (type, object: { metadata?: { name?: string; resourceVersion?: string } }) => {
      events.push({
        type,
        name: object.metadata?.name ?? '',
        rv: object.metadata?.resourceVersion ?? '',
        object: object as Seen['object'],
      });
    },
    (err) => {
      finished = true;
      resolveDone(err);
    },
  );
  const recorder = { events, done, ended: () => finished, abort: () => controller.abort() };
  open.push(recorder);
  return recorder;
}

const summary = (r: Recorder) =>
  r.events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${e.type} ${e.name}`);

beforeAll(async () => {
  t = await startTestSim({ clock: 'virtual' });
  seedHelmRelease(t.sim, 'apps', 'podinfo', { labels: { team: 'web' } });
  seedHelmRelease(t.sim, 'apps', 'redis', { labels: { team: 'data' } });
  seedHelmRelease(t.sim, 'other', 'elsewhere');
  baseListeners = (t.sim.store as MemoryStore).listenerCount;
});
afterEach(() => {
  for (const r of open.splice(0)) r.abort();
});
afterAll(async () => {
  await t?.sim.stop();
});

describe('watch', () => {
  it('starts with ADDED for what exists, then streams MODIFIED and DELETED', async () => {
    const w = await watch(PATH);
    await until(() => w.events.length === 2, 5000, 'initial events');
    expect(summary(w)).toEqual(['ADDED podinfo', 'ADDED redis']);
    t.sim.store.mutate(HR, 'apps', 'podinfo', (o) => {
      o.metadata.annotations = { touched: 'yes' };
    });
    seedHelmRelease(t.sim, 'apps', 'temp');
    t.sim.store.delete(HR, 'apps', 'temp');
    seedHelmRelease(t.sim, 'other', 'not-for-this-namespace');
    await until(() => w.events.length === 5, 5000, 'live events');
    expect(summary(w)).toEqual([
      'ADDED podinfo',
      'ADDED redis',
      'MODIFIED podinfo',
      'ADDED temp',
      'DELETED temp',
    ]);
    const rvs = w.events.slice(2).map((e) => Number(e.rv));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(w.events[2]?.object.apiVersion).toBe('helm.toolkit.fluxcd.io/v2');
  });

  it('applies label selectors to changes: an object that stops matching is DELETED, one that starts is ADDED', async () => {
    const w = await watch(PATH, { labelSelector: 'team=web' });
    await until(() => w.events.length === 1, 5000, 'initial event');
    t.sim.store.mutate(HR, 'apps', 'podinfo', (o) => {
      o.metadata.labels = { team: 'data' };
    });
    t.sim.store.mutate(HR, 'apps', 'redis', (o) => {
      o.metadata.labels = { team: 'web' };
    });
    await until(() => w.events.length === 3, 5000, 'selector transitions');
    expect(summary(w)).toEqual(['ADDED podinfo', 'DELETED podinfo', 'ADDED redis']);
    // Put the labels back for the other tests.
    t.sim.store.mutate(HR, 'apps', 'podinfo', (o) => {
      o.metadata.labels = { team: 'web' };
    });
    t.sim.store.mutate(HR, 'apps', 'redis', (o) => {
      o.metadata.labels = { team: 'data' };
    });
  });

  it('resumes from a resourceVersion with exactly the events after it', async () => {
    const from = t.sim.store.resourceVersion;
    t.sim.store.mutate(HR, 'apps', 'redis', (o) => {
      o.metadata.annotations = { step: '1' };
    });
    t.sim.store.mutate(HR, 'apps', 'redis', (o) => {
      o.metadata.annotations = { step: '2' };
    });
    const w = await watch(PATH, { resourceVersion: String(from) });
    await until(() => w.events.length === 2, 5000, 'replayed events');
    expect(summary(w)).toEqual(['MODIFIED redis', 'MODIFIED redis']);
    expect(w.events[1]?.object.metadata?.annotations).toEqual({ step: '2' });
  });

  it('sends BOOKMARKs with the current resourceVersion when asked, on clock time', async () => {
    const w = await watch(PATH, {
      allowWatchBookmarks: true,
      resourceVersion: String(t.sim.store.resourceVersion),
    });
    await t.sim.clock.advance(5_000);
    await until(() => w.events.some((e) => e.type === 'BOOKMARK'), 5000, 'a bookmark');
    const bookmark = w.events.find((e) => e.type === 'BOOKMARK');
    expect(bookmark?.rv).toBe(String(t.sim.store.resourceVersion));
    expect(bookmark?.object).toEqual({
      kind: 'HelmRelease',
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      metadata: { resourceVersion: String(t.sim.store.resourceVersion) },
    });
    const without = await watch(PATH, { resourceVersion: String(t.sim.store.resourceVersion) });
    await t.sim.clock.advance(20_000);
    await until(() => w.events.filter((e) => e.type === 'BOOKMARK').length >= 5, 5000, 'more bookmarks');
    expect(without.events).toEqual([]);
  });

  it('answers a resume from beyond the kept history with a 410 Expired ERROR event, then closes', async () => {
    const old = t.sim.store.resourceVersion;
    for (let i = 0; i < 5001; i++) {
      t.sim.store.mutate(HR, 'other', 'elsewhere', (o) => {
        o.metadata.annotations = { n: String(i) };
      });
    }
    const w = await watch(PATH, { resourceVersion: String(old) });
    await w.done;
    expect(w.events).toHaveLength(1);
    expect(w.events[0]?.type).toBe('ERROR');
    expect(w.events[0]?.object).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
    expect(String(w.events[0]?.object.message)).toMatch(
      new RegExp(`^too old resource version: ${old} \\(\\d+\\)$`),
    );
  });

  it('closes after timeoutSeconds of clock time', async () => {
    const w = await watch(PATH, { timeoutSeconds: 30 });
    await until(() => w.events.length === 2, 5000, 'initial events');
    await t.sim.clock.advance(29_000);
    expect(w.ended()).toBe(false);
    await t.sim.clock.advance(1_000);
    expect(await w.done).toBeNull();
  });

  it('releases the server side when the client goes away', async () => {
    const store = t.sim.store as MemoryStore;
    await until(() => store.listenerCount === baseListeners, 5000, 'earlier watches to close');
    const w = await watch(PATH);
    await until(() => w.events.length === 2, 5000, 'initial events');
    expect(store.listenerCount).toBe(baseListeners + 1);
    w.abort();
    await w.done;
    await until(() => store.listenerCount === baseListeners, 5000, 'the server to let go');
    // A change after the disconnect must not reach a dead stream (nor throw in the server).
    t.sim.store.mutate(HR, 'apps', 'podinfo', (o) => {
      o.metadata.annotations = { after: 'abort' };
    });
  });

  it('also serves the legacy /watch/ path prefix', async () => {
    const w = await watch('/apis/helm.toolkit.fluxcd.io/v2/watch/namespaces/apps/helmreleases');
    await until(() => w.events.length === 2, 5000, 'initial events');
    expect(summary(w)).toEqual(['ADDED podinfo', 'ADDED redis']);
  });
});

describe('watch faults', () => {
  it('dropWatches ends every open watch; the client resumes from its last resourceVersion', async () => {
    const a = await watch(PATH);
    const b = await watch('/apis/helm.toolkit.fluxcd.io/v2/helmreleases');
    await until(() => a.events.length === 2 && b.events.length >= 3, 5000, 'initial events');
    // A live event: its resourceVersion is recent (the objects' own versions may predate the history).
    t.sim.store.mutate(HR, 'apps', 'podinfo', (o) => {
      o.metadata.annotations = { before: 'drop' };
    });
    await until(() => a.events.length === 3, 5000, 'a live event');
    t.sim.faults.dropWatches();

    await Promise.all([a.done, b.done]);
    const last = a.events.at(-1)?.rv ?? '';
    t.sim.store.mutate(HR, 'apps', 'redis', (o) => {
      o.metadata.annotations = { missed: 'while-away' };
    });
    const resumed = await watch(PATH, { resourceVersion: last });
    await until(() => resumed.events.length === 1, 5000, 'the missed event');
    expect(summary(resumed)).toEqual(['MODIFIED redis']);
  });

  it('goneOnNextWatch makes the next resume get 410, once', async () => {
    const rv = String(t.sim.store.resourceVersion);
    t.sim.faults.goneOnNextWatch(HR);
    const gone = await watch(PATH, { resourceVersion: rv });
    await gone.done;
    expect(gone.events.map((e) => `${e.type} ${String(e.object.code)}`)).toEqual(['ERROR 410']);
    const fine = await watch(PATH, { resourceVersion: rv });
    t.sim.store.mutate(HR, 'apps', 'redis', (o) => {
      o.metadata.annotations = { after: 'gone' };
    });
    await until(() => fine.events.length === 1, 5000, 'a normal event');
    expect(fine.events[0]?.type).toBe('MODIFIED');
  });
});
