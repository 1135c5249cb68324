// Discovery (legacy and aggregated), the legacy Flux profile, CRD removal, and Table output for kubectl.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, seedHelmRelease, seedPod, startTestSim, type TestSim } from './sim-api-helpers.js';

const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const TABLE =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

interface GroupDoc {
  name: string;
  versions: { groupVersion: string; version: string }[];
  preferredVersion: { version: string };
}

let t: TestSim;

beforeAll(async () => {
  // Virtual time: ages in Table cells are exact.
  t = await startTestSim({ clock: 'virtual' });

  seedHelmRelease(t.sim, 'apps', 'podinfo', { ready: 'False', message: 'upgrade failed' });
  seedPod(t.sim, 'flux-system', 'helm-controller-abc', ['manager']);
});
afterAll(async () => {
  await t?.sim.stop();
});

describe('legacy discovery', () => {
  it('serves /version, /api and /apis with preferred versions', async () => {
    expect((await raw(t.kc, 'GET', '/version')).json().gitVersion).toMatch(/^v1\.34\./);
    expect((await raw(t.kc, 'GET', '/api')).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await raw(t.kc, 'GET', '/apis')).json().groups as GroupDoc[];
    const helm = groups.find((g) => g.name === 'helm.toolkit.fluxcd.io');
    expect(helm?.versions).toEqual([{ groupVersion: 'helm.toolkit.fluxcd.io/v2', version: 'v2' }]);
    expect(helm?.preferredVersion.version).toBe('v2');
    expect(groups.map((g) => g.name)).toContain('apps');
    const group = (await raw(t.kc, 'GET', '/apis/source.toolkit.fluxcd.io')).json();
    expect(group).toMatchObject({
      kind: 'APIGroup',
      name: 'source.toolkit.fluxcd.io',
      preferredVersion: { version: 'v1' },
    });
  });

  it('lists resources of a group version with their subresources', async () => {
    const list = (await raw(t.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2')).json();
    expect(list).toMatchObject({ kind: 'APIResourceList', groupVersion: 'helm.toolkit.fluxcd.io/v2' });
    const resources = list.resources as Record<string, unknown>[];
    expect(resources).toContainEqual({
      name: 'helmreleases',
      singularName: 'helmrelease',
      namespaced: true,
      kind: 'HelmRelease',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['hr'],
      categories: ['all', 'fluxcd', 'fluxcd-appliers'],
    });
    expect(resources).toContainEqual(
      expect.objectContaining({ name: 'helmreleases/status', verbs: ['get', 'patch', 'update'] }),
    );
    const core = (await raw(t.kc, 'GET', '/api/v1')).json().resources as { name: string; verbs: string[] }[];
    expect(core.find((r) => r.name === 'pods/log')?.verbs).toEqual(['get']);
    expect(core.map((r) => r.name)).toEqual(
      expect.arrayContaining(['namespaces', 'pods', 'events', 'secrets', 'configmaps']),
    );
  });
});

describe('aggregated discovery', () => {
  it('answers kubectl’s Accept with an APIGroupDiscoveryList', async () => {
    const res = await raw(t.kc, 'GET', '/apis', { accept: AGGREGATED });
    expect(res.headers['content-type']).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const body = res.json() as {
      kind: string;
      items: {
        metadata: { name: string };
        versions: { version: string; resources: { resource?: string; subresources?: unknown }[] }[];
      }[];
    };
    expect(body.kind).toBe('APIGroupDiscoveryList');
    const helm = body.items.find((i) => i.metadata.name === 'helm.toolkit.fluxcd.io');
    expect(helm?.versions[0]?.resources[0]).toMatchObject({
      resource: 'helmreleases',
      responseKind: { group: 'helm.toolkit.fluxcd.io', version: 'v2', kind: 'HelmRelease' },
      scope: 'Namespaced',
      singularResource: 'helmrelease',
      shortNames: ['hr'],
      subresources: [{ subresource: 'status', verbs: ['get', 'patch', 'update'] }],
    });
    const core = (await raw(t.kc, 'GET', '/api', { accept: AGGREGATED })).json() as typeof body;
    const pods = core.items[0]?.versions[0]?.resources.find((r) => r.resource === 'pods');
    expect(pods?.subresources).toContainEqual(
      expect.objectContaining({ subresource: 'log', verbs: ['get'] }),
    );
  });
});

describe('CRD removal', () => {
  it('takes the kind out of discovery and 404s its paths until restored', async () => {
    t.sim.faults.removeCrd('HelmRelease');
    const groups = (await raw(t.kc, 'GET', '/apis')).json().groups as GroupDoc[];
    expect(groups.map((g) => g.name)).not.toContain('helm.toolkit.fluxcd.io');
    const res = await raw(t.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
    });
    t.sim.faults.restoreCrd('HelmRelease');
    const back = await raw(t.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2/namespaces/apps/helmreleases');
    expect((back.json().items as unknown[]).length).toBe(1);
  });
});

describe('Table output', () => {
  it('renders Flux kinds with the catalog’s printer columns and metadata rows', async () => {
    await t.sim.clock.advance(125_000);

    const table = (
      await raw(t.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2/helmreleases', { accept: TABLE })
    ).json() as {
      kind: string;
      apiVersion: string;
      columnDefinitions: { name: string; type: string; format: string }[];
      rows: { cells: unknown[]; object: { kind: string; metadata: { namespace: string } } }[];
    };
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age', 'Ready', 'Status']);
    expect(table.columnDefinitions[0]?.format).toBe('name');
    expect(table.rows[0]?.cells).toEqual(['podinfo', '2m5s', 'False', 'upgrade failed']);
    expect(table.rows[0]?.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { namespace: 'apps' },
    });
  });

  it('renders pods as kubectl shows them', async () => {
    const table = (
      await raw(t.kc, 'GET', '/api/v1/namespaces/flux-system/pods?includeObject=None', { accept: TABLE })
    ).json() as {
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: unknown[]; object?: unknown }[];
    };
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
    ]);
    expect(table.rows[0]?.cells.slice(0, 4)).toEqual(['helm-controller-abc', '1/1', 'Running', '0']);
    expect(table.rows[0]?.object).toBeUndefined();
  });
});

describe('legacy Flux profile', () => {
  let legacy: TestSim;
  beforeAll(async () => {
    legacy = await startTestSim({ fluxVersions: 'legacy' });
    seedHelmRelease(legacy.sim, 'apps', 'old');
  });
  afterAll(async () => {
    await legacy?.sim.stop();
  });

  it('serves only the older versions, and kinds that did not exist are absent', async () => {
    const groups = (await raw(legacy.kc, 'GET', '/apis')).json().groups as GroupDoc[];
    const version = (name: string) => groups.find((g) => g.name === name)?.preferredVersion.version;
    expect(version('helm.toolkit.fluxcd.io')).toBe('v2beta2');
    expect(version('source.toolkit.fluxcd.io')).toBe('v1beta2');
    expect(version('kustomize.toolkit.fluxcd.io')).toBe('v1beta2');
    expect(version('source.extensions.fluxcd.io')).toBeUndefined();
    const sources = (await raw(legacy.kc, 'GET', '/apis/source.toolkit.fluxcd.io/v1beta2')).json()
      .resources as { name: string }[];
    expect(sources.map((r) => r.name)).not.toContain('externalartifacts');
    expect((await raw(legacy.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2/helmreleases')).status).toBe(404);
    const old = (
      await raw(legacy.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2beta2/namespaces/apps/helmreleases/old')
    ).json();
    expect(old.apiVersion).toBe('helm.toolkit.fluxcd.io/v2beta2');
  });
});
