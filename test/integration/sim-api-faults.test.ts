// Injected faults as a client sees them: 5xx, RBAC denials, latency, an API server that goes away and
// comes back on the same port, and the request log.

import { ApiException } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiJson, HR, raw, seedHelmRelease, startTestSim, type TestSim } from './sim-api-helpers.js';

const group = 'helm.toolkit.fluxcd.io';
const version = 'v2';
const plural = 'helmreleases';

let t: TestSim;

/** Event-loop turns (I/O included) until `done`, at most `turns` of them; no timers, which may be fake. */
async function turnsUntil(done: () => boolean, turns = 100_000): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

async function failure(promise: Promise<unknown>): Promise<ApiException<string>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiException) return error as ApiException<string>;
    throw error;
  }
  throw new Error('expected the request to fail');
}

const statusOf = (error: ApiException<string>): ApiJson =>
  (typeof error.body === 'string' ? JSON.parse(error.body) : error.body) as ApiJson;

beforeAll(async () => {
  t = await startTestSim();
  seedHelmRelease(t.sim, 'apps', 'podinfo');
});
afterEach(async () => {
  await t.sim.faults.reset();
});
afterAll(async () => {
  await t?.sim.stop();
});

describe('server errors', () => {
  it('fails the next `count` matching requests with the given status, then recovers', async () => {
    t.sim.faults.serverErrors({
      status: 503,
      count: 2,
      match: (r) => r.resource === HR && r.verb === 'list',
    });
    const list = () => t.custom.listNamespacedCustomObject({ group, version, plural, namespace: 'apps' });
    // Other requests are untouched.
    await t.core.listNamespace();
    const first = await failure(list());
    expect(first.code).toBe(503);
    expect(statusOf(first)).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    expect((await failure(list())).code).toBe(503);
    await expect(list()).resolves.toBeDefined();
    const hits = t.sim.faults.requests().filter((r) => r.resource === HR && r.verb === 'list');
    expect(hits.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('fails everything with 500 until undone', async () => {
    const undo = t.sim.faults.serverErrors({ status: 500 });
    const error = await failure(t.core.listNamespace());
    expect(error.code).toBe(500);
    expect(statusOf(error)).toMatchObject({ reason: 'InternalError' });
    undo();
    await expect(t.core.listNamespace()).resolves.toBeDefined();
  });
});

describe('RBAC denial', () => {
  it('answers 403 with the authorizer’s wording, at the cluster scope and in a namespace', async () => {
    const undo = t.sim.faults.deny({ verb: 'list', resource: HR });
    const cluster = await failure(t.custom.listClusterCustomObject({ group, version, plural }));
    expect(cluster.code).toBe(403);
    expect(statusOf(cluster)).toMatchObject({
      reason: 'Forbidden',
      message:
        'helmreleases.helm.toolkit.fluxcd.io is forbidden: User "kubernetes-admin" cannot list resource "helmreleases" in API group "helm.toolkit.fluxcd.io" at the cluster scope',
      details: { group, kind: 'helmreleases' },
    });
    const namespaced = await failure(
      t.custom.listNamespacedCustomObject({ group, version, plural, namespace: 'apps' }),
    );
    expect(statusOf(namespaced).message).toBe(
      'helmreleases.helm.toolkit.fluxcd.io is forbidden: User "kubernetes-admin" cannot list resource "helmreleases" in API group "helm.toolkit.fluxcd.io" in the namespace "apps"',
    );
    // get is a different verb: still allowed.
    await expect(
      t.custom.getNamespacedCustomObject({ group, version, plural, namespace: 'apps', name: 'podinfo' }),
    ).resolves.toBeDefined();
    undo();
    await expect(t.custom.listClusterCustomObject({ group, version, plural })).resolves.toBeDefined();
  });

  it('names the object and the subresource when denying a patch or a log read', async () => {
    t.sim.faults.deny({ verb: 'patch', resource: 'helmreleases', namespace: 'apps' });
    t.sim.faults.deny({ verb: 'get', resource: 'pods' });
    const patch = await raw(
      t.kc,
      'PATCH',
      '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases/podinfo',
      {
        body: { spec: { suspend: true } },
        contentType: 'application/merge-patch+json',
      },
    );
    expect(patch.status).toBe(403);
    expect(patch.json().message).toBe(
      'helmreleases.helm.toolkit.fluxcd.io "podinfo" is forbidden: User "kubernetes-admin" cannot patch resource "helmreleases" in API group "helm.toolkit.fluxcd.io" in the namespace "apps"',
    );
    const log = await raw(t.kc, 'GET', '/api/v1/namespaces/flux-system/pods/x/log');
    expect(log.json().message).toBe(
      'pods "x" is forbidden: User "kubernetes-admin" cannot get resource "pods/log" in API group "" in the namespace "flux-system"',
    );
  });
});

describe('latency', () => {
  it('delays every request until undone', async () => {
    // The simulator's delay runs on fake timers: the request is answered when 150 ms have passed on them,
    // not a moment before, whatever the machine's speed.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const undo = t.sim.faults.latency(150);
      const before = t.sim.faults.requests().length;
      let answered = false;
      const listing = t.core.listNamespace().then(() => {
        answered = true;
      });
      await turnsUntil(() => t.sim.faults.requests().length > before);
      vi.advanceTimersByTime(149);
      await turnsUntil(() => answered, 50);
      expect(answered).toBe(false);
      vi.advanceTimersByTime(1);
      await listing;
      expect(answered).toBe(true);
      undo();
      // Undone: the next request is answered without the fake clock moving.
      const list = await t.core.listNamespace();
      expect(list.kind).toBe('NamespaceList');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('going away', () => {
  it('stops listening and comes back on the same port with the same certificate', async () => {
    const port = t.sim.port;
    await t.sim.faults.goAway();
    await expect(t.core.listNamespace()).rejects.toThrow(/ECONNREFUSED|fetch failed|connect/i);
    await t.sim.faults.comeBack();
    expect(t.sim.port).toBe(port);
    const namespaces = await t.core.listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain('apps');
  });

  it('ends open watches when it goes away', async () => {
    const { Watch } = await import('@kubernetes/client-node');
    let ended: unknown = 'open';
    await new Watch(t.kc).watch(
      '/apis/helm.toolkit.fluxcd.io/v2/helmreleases',
      {},
      () => {},
      (err) => {
        ended = err;
      },
    );
    await t.sim.faults.goAway();
    await t.sim.faults.comeBack();
    await expect.poll(() => ended).not.toBe('open');
  });
});
