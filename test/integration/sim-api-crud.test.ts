// get/list/create/update/patch/delete through @kubernetes/client-node against the simulator, with the
// real API server's Status errors.

import { ApiException, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiJson, HR, raw, seedHelmRelease, startTestSim, type TestSim } from './sim-api-helpers.js';

const group = 'helm.toolkit.fluxcd.io';
const version = 'v2';
const plural = 'helmreleases';
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

let t: TestSim;

async function apiError(promise: Promise<unknown>): Promise<{ code: number; status: ApiJson }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ApiException)) throw error;
    const body = typeof error.body === 'string' ? JSON.parse(error.body) : error.body;
    return { code: error.code, status: body as ApiJson };
  }
  throw new Error('expected the request to fail');
}

beforeAll(async () => {
  t = await startTestSim();
  seedHelmRelease(t.sim, 'apps', 'podinfo', { labels: { team: 'web', tier: 'frontend' } });
  seedHelmRelease(t.sim, 'apps', 'redis', {
    labels: { team: 'data' },
    ready: 'False',
    message: 'install failed',
  });
  seedHelmRelease(t.sim, 'infra', 'cert-manager', { labels: { team: 'platform' } });
  seedHelmRelease(t.sim, 'infra', 'ingress', { labels: { team: 'platform', tier: 'edge' } });
});
afterAll(async () => {
  await t?.sim.stop();
});

describe('get and list', () => {
  it('gets an object with the apiVersion of the request path', async () => {
    const hr = (await t.custom.getNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: 'apps',
      name: 'podinfo',
    })) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string; uid: string; resourceVersion: string; generation: number };
    };
    expect(hr.apiVersion).toBe('helm.toolkit.fluxcd.io/v2');
    expect(hr.kind).toBe('HelmRelease');
    expect(hr.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(hr.metadata.generation).toBe(1);
  });

  it('answers a missing object with the NotFound Status', async () => {
    const { code, status } = await apiError(
      t.custom.getNamespacedCustomObject({ group, version, plural, namespace: 'apps', name: 'nope' }),
    );
    expect(code).toBe(404);
    expect(status).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: 'helmreleases.helm.toolkit.fluxcd.io "nope" not found',
      details: { name: 'nope', group, kind: 'helmreleases' },
    });
  });

  it('lists one namespace or all of them, sorted, as a <Kind>List', async () => {
    const list = (await t.custom.listNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: 'apps',
    })) as {
      kind: string;
      metadata: { resourceVersion: string };
      items: { metadata: { name: string } }[];
    };
    expect(list.kind).toBe('HelmReleaseList');
    expect(Number(list.metadata.resourceVersion)).toBe(t.sim.store.resourceVersion);
    expect(list.items.map((i) => i.metadata.name)).toEqual(['podinfo', 'redis']);
    const all = (await t.custom.listClusterCustomObject({ group, version, plural })) as {
      items: { metadata: { name: string } }[];
    };
    expect(all.items.map((i) => i.metadata.name)).toEqual(['podinfo', 'redis', 'cert-manager', 'ingress']);
  });

  it('filters by label selector', async () => {
    const names = async (labelSelector: string) =>
      (
        (await t.custom.listClusterCustomObject({ group, version, plural, labelSelector })) as {
          items: { metadata: { name: string } }[];
        }
      ).items.map((i) => i.metadata.name);
    expect(await names('team=platform')).toEqual(['cert-manager', 'ingress']);
    expect(await names('team==web')).toEqual(['podinfo']);
    expect(await names('team!=platform')).toEqual(['podinfo', 'redis']);
    expect(await names('team in (web,data)')).toEqual(['podinfo', 'redis']);
    expect(await names('team notin (web,data)')).toEqual(['cert-manager', 'ingress']);
    expect(await names('tier')).toEqual(['podinfo', 'ingress']);
    expect(await names('!tier')).toEqual(['redis', 'cert-manager']);
    expect(await names('team=platform,tier=edge')).toEqual(['ingress']);
  });

  it('filters by field selector and rejects unknown fields as the API does', async () => {
    const list = (await t.custom.listClusterCustomObject({
      group,
      version,
      plural,
      fieldSelector: 'metadata.namespace=infra,metadata.name!=ingress',
    })) as { items: { metadata: { name: string } }[] };
    expect(list.items.map((i) => i.metadata.name)).toEqual(['cert-manager']);
    const { code, status } = await apiError(
      t.custom.listClusterCustomObject({ group, version, plural, fieldSelector: 'spec.suspend=true' }),
    );
    expect(code).toBe(400);
    expect(status.message).toBe(
      '"spec.suspend" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  it('pages with limit and continue', async () => {
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = (await t.custom.listClusterCustomObject({
        group,
        version,
        plural,
        limit: 3,
        _continue: token,
      })) as {
        metadata: { continue?: string; remainingItemCount?: number };
        items: { metadata: { name: string } }[];
      };
      if (pages === 0) expect(page.metadata.remainingItemCount).toBe(1);
      names.push(...page.items.map((i) => i.metadata.name));
      token = page.metadata.continue;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(names).toEqual(['podinfo', 'redis', 'cert-manager', 'ingress']);
  });

  it('expires a continue token older than the kept history', async () => {
    const first = (await t.custom.listClusterCustomObject({ group, version, plural, limit: 1 })) as {
      metadata: { continue: string };
    };
    // Push the token's resourceVersion out of the store's history (5,000 events).
    const other = seedHelmRelease(t.sim, 'scratch', 'churn');
    for (let i = 0; i < 5001; i++) {
      t.sim.store.mutate(HR, 'scratch', other.metadata.name, (o) => {
        o.metadata.annotations = { n: String(i) };
      });
    }
    const { code, status } = await apiError(
      t.custom.listClusterCustomObject({
        group,
        version,
        plural,
        limit: 1,
        _continue: first.metadata.continue,
      }),
    );
    expect(code).toBe(410);
    expect(status.reason).toBe('Expired');
    expect(String(status.message)).toMatch(/^The provided continue parameter is too old/);
    t.sim.store.delete(HR, 'scratch', 'churn');
  });
});

describe('create and update', () => {
  const body = (name: string) => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name, namespace: 'apps', uid: 'client-chosen', resourceVersion: '999' },
    spec: { interval: '1m' },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  });

  it('creates (201) with server-owned metadata and without status, then refuses a duplicate (409)', async () => {
    const created = (await t.custom.createNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: 'apps',
      body: body('created'),
    })) as { metadata: { uid: string; generation: number; creationTimestamp: string }; status?: unknown };
    expect(created.metadata.uid).not.toBe('client-chosen');
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.creationTimestamp).toMatch(/Z$/);
    expect(created.status).toBeUndefined();
    const { code, status } = await apiError(
      t.custom.createNamespacedCustomObject({
        group,
        version,
        plural,
        namespace: 'apps',
        body: body('created'),
      }),
    );
    expect(code).toBe(409);
    expect(status).toMatchObject({
      reason: 'AlreadyExists',
      message: 'helmreleases.helm.toolkit.fluxcd.io "created" already exists',
    });
  });

  it('refuses to create in a namespace that does not exist', async () => {
    const { code, status } = await apiError(
      t.custom.createNamespacedCustomObject({
        group,
        version,
        plural,
        namespace: 'ghost',
        body: { ...body('x'), metadata: { name: 'x' } },
      }),
    );
    expect(code).toBe(404);
    expect(status.message).toBe('namespaces "ghost" not found');
  });

  it('updates with optimistic concurrency: a stale resourceVersion gets 409 Conflict', async () => {
    const current = (await t.custom.getNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: 'apps',
      name: 'podinfo',
    })) as {
      metadata: { resourceVersion: string; generation: number };
      spec: Record<string, unknown>;
    };
    const updated = (await t.custom.replaceNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: 'apps',
      name: 'podinfo',
      body: { ...current, spec: { ...current.spec, interval: '10m' } },
    })) as { metadata: { resourceVersion: string; generation: number } };
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(
      Number(current.metadata.resourceVersion),
    );
    expect(updated.metadata.generation).toBe(current.metadata.generation + 1);
    const { code, status } = await apiError(
      t.custom.replaceNamespacedCustomObject({
        group,
        version,
        plural,
        namespace: 'apps',
        name: 'podinfo',
        body: current,
      }),
    );
    expect(code).toBe(409);
    expect(status.reason).toBe('Conflict');
    expect(status.message).toBe(
      'Operation cannot be fulfilled on helmreleases.helm.toolkit.fluxcd.io "podinfo": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('rejects a PUT whose body names another object (400, as kube-apiserver)', async () => {
    const current = t.sim.store.get(HR, 'apps', 'podinfo');
    const res = await raw(
      t.kc,
      'PUT',
      '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases/podinfo',
      {
        body: { ...current, metadata: { ...current?.metadata, name: 'other' } },
      },
    );
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      reason: 'BadRequest',
      message: 'the name of the object (other) does not match the name on the URL (podinfo)',
    });
  });
});

describe('patch', () => {
  it('merge-patches spec (generation bumps) and metadata (it does not)', async () => {
    const before = t.sim.store.get(HR, 'apps', 'redis');
    const suspended = (await t.custom.patchNamespacedCustomObject(
      { group, version, plural, namespace: 'apps', name: 'redis', body: { spec: { suspend: true } } },
      merge,
    )) as { spec: { suspend: boolean; interval: string }; metadata: { generation: number } };
    expect(suspended.spec).toMatchObject({ suspend: true, interval: '5m' });
    expect(suspended.metadata.generation).toBe((before?.metadata.generation ?? 0) + 1);
    const annotated = (await t.custom.patchNamespacedCustomObject(
      {
        group,
        version,
        plural,
        namespace: 'apps',
        name: 'redis',
        body: { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'token-1' } } },
      },
      merge,
    )) as { metadata: { generation: number; annotations: Record<string, string> } };
    expect(annotated.metadata.generation).toBe(suspended.metadata.generation);
    expect(annotated.metadata.annotations['reconcile.fluxcd.io/requestedAt']).toBe('token-1');
  });

  it('does not bump resourceVersion for a patch that changes nothing', async () => {
    const before = t.sim.store.resourceVersion;
    await t.custom.patchNamespacedCustomObject(
      { group, version, plural, namespace: 'apps', name: 'redis', body: { spec: { suspend: true } } },
      merge,
    );
    expect(t.sim.store.resourceVersion).toBe(before);
  });

  it('applies a JSON patch and answers 422 when a test operation fails', async () => {
    const patched = (await t.custom.patchNamespacedCustomObject(
      {
        group,
        version,
        plural,
        namespace: 'apps',
        name: 'redis',
        body: [
          { op: 'test', path: '/spec/suspend', value: true },
          { op: 'replace', path: '/spec/suspend', value: false },
          { op: 'add', path: '/metadata/annotations/example.com~1owner', value: 'sre' },
        ],
      },
      jsonPatch,
    )) as { spec: { suspend: boolean }; metadata: { annotations: Record<string, string> } };
    expect(patched.spec.suspend).toBe(false);
    expect(patched.metadata.annotations['example.com/owner']).toBe('sre');
    const { code, status } = await apiError(
      t.custom.patchNamespacedCustomObject(
        {
          group,
          version,
          plural,
          namespace: 'apps',
          name: 'redis',
          body: [{ op: 'test', path: '/spec/suspend', value: true }],
        },
        jsonPatch,
      ),
    );
    expect(code).toBe(422);
    expect(status.reason).toBe('Invalid');
  });

  it('answers 415 to a strategic merge patch on a custom resource, but accepts it on built-ins', async () => {
    const res = await raw(
      t.kc,
      'PATCH',
      '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases/redis',
      {
        body: { spec: { suspend: true } },
        contentType: 'application/strategic-merge-patch+json',
      },
    );
    expect(res.status).toBe(415);
    expect(res.json()).toMatchObject({
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    });
    await t.core.createNamespacedConfigMap({
      namespace: 'apps',
      body: { metadata: { name: 'settings' }, data: { a: '1' } },
    });
    const cm = await t.core.patchNamespacedConfigMap(
      { namespace: 'apps', name: 'settings', body: { data: { b: '2' } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(cm.data).toEqual({ a: '1', b: '2' });
  });

  it('keeps spec and status apart: /status changes only status, the main resource never status', async () => {
    const viaStatus = (await t.custom.patchNamespacedCustomObjectStatus(
      {
        group,
        version,
        plural,
        namespace: 'apps',
        name: 'podinfo',
        body: { spec: { suspend: true }, status: { observedGeneration: 7 } },
      },
      merge,
    )) as { spec: { suspend?: boolean }; status: { observedGeneration: number } };
    expect(viaStatus.status.observedGeneration).toBe(7);
    expect(viaStatus.spec.suspend).toBeUndefined();
    const viaMain = (await t.custom.patchNamespacedCustomObject(
      {
        group,
        version,
        plural,
        namespace: 'apps',
        name: 'podinfo',
        body: { status: { observedGeneration: 99 } },
      },
      merge,
    )) as { status: { observedGeneration: number } };
    expect(viaMain.status.observedGeneration).toBe(7);
  });
});

describe('delete', () => {
  it('deletes (200 with the object), then 404', async () => {
    seedHelmRelease(t.sim, 'apps', 'doomed');
    const deleted = (await t.custom.deleteNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: 'apps',
      name: 'doomed',
    })) as {
      metadata: { name: string };
    };
    expect(deleted.metadata.name).toBe('doomed');
    expect(t.sim.store.get(HR, 'apps', 'doomed')).toBeUndefined();
    const { code } = await apiError(
      t.custom.deleteNamespacedCustomObject({ group, version, plural, namespace: 'apps', name: 'doomed' }),
    );
    expect(code).toBe(404);
  });

  it('only marks an object with finalizers, which goes away when the last finalizer is removed', async () => {
    seedHelmRelease(t.sim, 'apps', 'final');
    t.sim.store.mutate(HR, 'apps', 'final', (o) => {
      Object.assign(o.metadata, { finalizers: ['finalizers.fluxcd.io'] });
    });
    const marked = (await t.custom.deleteNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: 'apps',
      name: 'final',
    })) as {
      metadata: { deletionTimestamp?: string };
    };
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(t.sim.store.get(HR, 'apps', 'final')).toBeDefined();
    await t.custom.patchNamespacedCustomObject(
      { group, version, plural, namespace: 'apps', name: 'final', body: { metadata: { finalizers: null } } },
      merge,
    );
    expect(t.sim.store.get(HR, 'apps', 'final')).toBeUndefined();
  });
});

describe('errors on the wire', () => {
  it('requires the bearer token (401 Status)', async () => {
    const res = await raw(t.kc, 'GET', '/api/v1/namespaces', { anonymous: true });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect((await raw(t.kc, 'GET', '/healthz', { anonymous: true })).text).toBe('ok');
  });

  it('answers unknown resources 404 and wrong methods 405', async () => {
    const missing = await raw(t.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/widgets');
    expect(missing.status).toBe(404);
    expect(missing.json().message).toBe('the server could not find the requested resource');
    const wrong = await raw(
      t.kc,
      'POST',
      '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases/podinfo',
      {
        body: {},
      },
    );
    expect(wrong.status).toBe(405);
    expect(wrong.json().reason).toBe('MethodNotAllowed');
  });
});
