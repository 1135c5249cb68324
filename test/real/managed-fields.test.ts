// metadata.managedFields: the same writes on a real API server and on the simulator leave the same field
// ownership (src/sim/managed-fields.ts). A real server sends them on every object, so the simulator does
// too: what the console parses from it is what it parses on a real cluster.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { collection, minimalSpec, objectUrl } from './support/flux.js';
import { type ApiRequest, apiRequest } from './support/http.js';
import { realSuite } from './support/suite.js';

const KS = { kind: 'Kustomization' as const, namespace: 'flux-system', name: 'apps' };
const MERGE = 'application/merge-patch+json';
const GOTK = 'fieldManager=gotk-kustomize-controller';
const ENTRY = 'kustomize.toolkit.fluxcd.io/v1';

/**
 * A controller's round and a user's: create, status, finalizers and labels, status again, apply, annotate,
 * then a change of an applied field and a label removed.
 */
async function writes(request: (req: ApiRequest) => Promise<unknown>): Promise<Record<string, unknown>> {
  // force is given: the real server would default it (a CRD default), the simulator does not default.
  const spec = minimalSpec('Kustomization', { force: false });
  await request({
    method: 'POST',
    path: collection('Kustomization', KS.namespace),
    body: {
      apiVersion: ENTRY,
      kind: 'Kustomization',
      metadata: { name: KS.name, namespace: KS.namespace },
      spec,
    },
  });
  const ready = {
    type: 'Ready',
    status: 'True',
    reason: 'ReconciliationSucceeded',
    message: 'Applied revision: main@sha1:abc',
    lastTransitionTime: '2026-01-01T00:00:00Z',
    observedGeneration: 1,
  };
  const status = (body: Record<string, unknown>) =>
    request({
      method: 'PATCH',
      path: `${objectUrl(KS)}/status?${GOTK}`,
      body: { status: body },
      contentType: MERGE,
    });
  await status({
    observedGeneration: 1,
    conditions: [ready],
    inventory: { entries: [{ id: 'apps_api_apps_Deployment', v: 'v1' }] },
    lastAppliedRevision: 'main@sha1:abc',
  });
  await request({
    method: 'PATCH',
    path: `${objectUrl(KS)}?${GOTK}`,
    body: { metadata: { finalizers: ['finalizers.fluxcd.io'], labels: { team: 'shop' } } },
    contentType: MERGE,
  });
  await status({ lastAppliedRevision: 'main@sha1:def' });
  await request({
    method: 'PATCH',
    path: `${objectUrl(KS)}?fieldManager=kustomize-controller&force=true`,
    body: {
      apiVersion: ENTRY,
      kind: 'Kustomization',
      metadata: {
        name: KS.name,
        namespace: KS.namespace,
        labels: { 'kustomize.toolkit.fluxcd.io/name': 'flux-system' },
      },
      spec: {
        interval: spec['interval'],
        path: spec['path'],
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      },
    },
    contentType: 'application/apply-patch+yaml',
  });
  await request({
    method: 'PATCH',
    path: objectUrl(KS),
    body: { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': '2026-01-01T00:01:00Z' } } },
    contentType: MERGE,
  });
  // A user takes a field from the Apply, and a label goes.
  await request({
    method: 'PATCH',
    path: objectUrl(KS),
    body: { metadata: { labels: { team: null } }, spec: { interval: '5m' } },
    contentType: MERGE,
  });
  return (await request({ path: objectUrl(KS) })) as Record<string, unknown>;
}

const label = (e: Record<string, unknown>) => `${e['manager']} ${e['operation']} ${e['subresource'] ?? ''}`;

/** The entries without their times (writes may straddle a second), in one order. */
function ownership(object: Record<string, unknown>) {
  const entries = ((object['metadata'] as Record<string, unknown>)['managedFields'] ?? []) as Record<
    string,
    unknown
  >[];
  return entries
    .map(({ time, ...rest }) => {
      expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      return rest;
    })
    .sort((a, b) => (label(a) < label(b) ? -1 : 1));
}

let sim: SimHandle | undefined;
beforeAll(async () => {
  sim = await startSim({ scenario: 'empty', controllers: false });
});
afterAll(async () => {
  await sim?.stop();
});

function simRequest(req: ApiRequest): Promise<unknown> {
  const started = sim as SimHandle;
  const kubeconfig = parseYaml(readFileSync(started.kubeconfigPath, 'utf8')) as {
    users: { user: { token: string } }[];
  };
  const token = kubeconfig.users[0]?.user.token ?? '';
  return apiRequest({ url: started.url, caPem: started.caPem }, token, req);
}

realSuite('managedFields', {}, (env) => {
  it('the same writes leave the same managers owning the same fields on the simulator', async () => {
    await env().ensureNamespace(KS.namespace);
    const real = await writes((req) => env().request(req));
    const simulated = await writes(simRequest);
    expect(ownership(real).map((e) => `${e['manager']} ${e['operation']} ${e['subresource'] ?? ''}`)).toEqual(
      [
        'gotk-kustomize-controller Update ',
        'gotk-kustomize-controller Update status',
        'kustomize-controller Apply ',
        'unknown Update ',
      ],
    );
    expect(ownership(simulated)).toEqual(ownership(real));
  });
});
