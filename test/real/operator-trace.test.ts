// `trace` through the Flux Operator's labels on a real API server with the operator's own CRDs: a tenant's
// Pod walks its owners up to the Deployment a ResourceSet applied, the ResourceSet, the sync Kustomization
// that applied the ResourceSet from Git, the FluxInstance that applied that Kustomization, and the sync
// GitRepository. No operator or Flux controller runs, so the harness applies what they would, labelled as
// they label it, and writes their status through the status subresource:
// - a ResourceSet's objects: `resourceset.fluxcd.controlplane.io/name|namespace` (flux-operator 17c6aea, the
//   commit of test/fixtures/crds: api/v1/resourceset_types.go:23-25, `GroupOwnerLabelResourceSet`;
//   internal/controller/resourceset_controller.go:508-512 builds its ssa.Owner with that group and calls
//   SetOwnerLabels, which in fluxcd/pkg ssa writes `<group>/name` and `<group>/namespace`);
// - a FluxInstance's objects: `fluxcd.controlplane.io/name|namespace` (fluxinstance_controller.go:467-471, the
//   API group itself) plus the LabelTransformer's app.kubernetes.io labels (internal/builder/templates.go
//   labelsTmpl); its sync GitRepository and Kustomization are named after the instance's namespace when
//   spec.sync.name is empty (fluxinstance_controller.go:395-398; templates.go syncTmpl, `ref.name`);
// - what the sync Kustomization applied from Git: kustomize-controller's own labels.
import { expect, it } from 'vitest';
import { runTraceCommand } from '../../src/commands/trace-command.js';
import { kindInfo } from '../../src/flux/kinds.js';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import type { TraceOutcome } from '../../src/kube/port.js';
import { capturedIo } from '../integration/kube-helpers.js';
import { isolatedHome, openConsole, rowOf, waitForSnapshot } from './support/console.js';
import type { Envtest } from './support/envtest.js';
import { condition, createFlux, objectUrl, writeStatus } from './support/flux.js';
import { realSuite } from './support/suite.js';

const NS = 'flux-system';
const TENANT = 'team-a';
const instance: ObjectRef = { kind: 'FluxInstance', namespace: NS, name: 'flux' };
const syncSource: ObjectRef = { kind: 'GitRepository', namespace: NS, name: NS };
const sync: ObjectRef = { kind: 'Kustomization', namespace: NS, name: NS };
const tenants: ObjectRef = { kind: 'ResourceSet', namespace: NS, name: 'tenants' };
const tenantApps: ObjectRef = { kind: 'Kustomization', namespace: TENANT, name: 'apps' };

const T0 = '2026-03-01T10:00:00Z';
const NOW = Date.parse('2026-03-01T10:05:00Z');
const FLEET_URL = 'https://github.com/acme/fleet.git';
const COMMIT = `a90cd1ac${'3e'.repeat(16)}`;
/** source-controller's revision for `ref.name: refs/heads/main`, the reference the operator's sync uses. */
const GIT_REVISION = `refs/heads/main@sha1:${COMMIT}`;
const FLUX_REVISION = `v2.8.3@sha256:${'4c'.repeat(32)}`;
const TENANTS_REVISION = `sha256:${'1f'.repeat(32)}`;

/** What the operator's kustomize build and SetOwnerLabels put on everything a FluxInstance applies. */
const APPLIED_BY_INSTANCE = {
  'app.kubernetes.io/instance': NS,
  'app.kubernetes.io/managed-by': 'flux-operator',
  'app.kubernetes.io/part-of': 'flux',
  'app.kubernetes.io/version': 'v2.8.3',
  'fluxcd.controlplane.io/name': 'flux',
  'fluxcd.controlplane.io/namespace': NS,
};
const APPLIED_BY_SYNC = {
  'kustomize.toolkit.fluxcd.io/name': NS,
  'kustomize.toolkit.fluxcd.io/namespace': NS,
};
const APPLIED_BY_TENANTS = {
  'resourceset.fluxcd.controlplane.io/name': 'tenants',
  'resourceset.fluxcd.controlplane.io/namespace': NS,
};

const ready = (reason: string, message: string) =>
  condition({ status: 'True', reason, message, lastTransitionTime: T0 });

/**
 * A server-side apply under a field manager, as the operator and kustomize-controller apply; returns the
 * stored object. `path` is the object's own URL.
 */
async function apply(
  env: Envtest,
  path: string,
  body: Record<string, unknown>,
  manager: string,
): Promise<Record<string, unknown>> {
  return (await env.request({
    method: 'PATCH',
    path: `${path}?fieldManager=${manager}&force=true`,
    contentType: 'application/apply-patch+yaml',
    body,
  })) as Record<string, unknown>;
}

/** A controller's status write; the stored status must be what was written (the real CRD dropped nothing). */
async function statusAsWritten(env: Envtest, ref: ObjectRef, status: Record<string, unknown>) {
  const stored = await writeStatus(env, ref, status);
  expect(field(stored, 'status')).toEqual(status);
}

async function applyFlux(
  env: Envtest,
  ref: ObjectRef,
  labels: Record<string, string>,
  spec: Record<string, unknown>,
  manager: string,
  annotations?: Record<string, string>,
) {
  const info = kindInfo(ref.kind);
  await env.ensureNamespace(ref.namespace);
  return apply(
    env,
    objectUrl(ref),
    {
      apiVersion: `${info.group}/${info.versions[0]}`,
      kind: ref.kind,
      metadata: {
        name: ref.name,
        namespace: ref.namespace,
        labels,
        ...(annotations ? { annotations } : {}),
      },
      spec,
    },
    manager,
  );
}

/** A Deployment, its ReplicaSet and one Pod, as the deployment and replicaset controllers leave them. */
async function workload(
  env: Envtest,
  namespace: string,
  name: string,
  labels: Record<string, string>,
  manager: string,
): Promise<{ pod: string }> {
  const selector = { 'app.kubernetes.io/name': name };
  const hash = '5d9f7c6b8d';
  const apps = `/apis/apps/v1/namespaces/${namespace}`;
  const deployment = await apply(
    env,
    `${apps}/deployments/${name}`,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels: { ...labels, ...selector } },
      spec: {
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: selector },
          spec: { containers: [{ name, image: `ghcr.io/acme/${name}:6.7.1` }] },
        },
      },
    },
    manager,
  );
  await env.request({
    method: 'PATCH',
    path: `${apps}/deployments/${name}/status`,
    contentType: 'application/merge-patch+json',
    body: {
      status: {
        observedGeneration: 1,
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        conditions: [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'ok' },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${name}-${hash}" has successfully progressed.`,
          },
        ],
      },
    },
  });
  const owner = (kind: string, apiVersion: string, o: Record<string, unknown>) => [
    {
      apiVersion,
      kind,
      name: field(o, 'metadata', 'name'),
      uid: field(o, 'metadata', 'uid'),
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  // The ReplicaSet and Pod carry the template's labels only: the owner labels stay on the Deployment.
  const podLabels = { ...selector, 'pod-template-hash': hash };
  const replicaSet = (await env.request({
    method: 'POST',
    path: `${apps}/replicasets`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace,
        labels: podLabels,
        ownerReferences: owner('Deployment', 'apps/v1', deployment),
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: podLabels },
        template: {
          metadata: { labels: podLabels },
          spec: { containers: [{ name, image: `ghcr.io/acme/${name}:6.7.1` }] },
        },
      },
    },
  })) as Record<string, unknown>;
  await env.request({
    method: 'PATCH',
    path: `${apps}/replicasets/${name}-${hash}/status`,
    contentType: 'application/merge-patch+json',
    body: {
      status: {
        observedGeneration: 1,
        replicas: 1,
        fullyLabeledReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
      },
    },
  });
  const pod = `${name}-${hash}-x7k2p`;
  await env.request({
    method: 'POST',
    path: `/api/v1/namespaces/${namespace}/pods`,
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: pod,
        namespace,
        labels: podLabels,
        ownerReferences: owner('ReplicaSet', 'apps/v1', replicaSet),
      },
      spec: { containers: [{ name, image: `ghcr.io/acme/${name}:6.7.1` }] },
    },
  });
  await env.request({
    method: 'PATCH',
    path: `/api/v1/namespaces/${namespace}/pods/${pod}/status`,
    contentType: 'application/merge-patch+json',
    body: {
      status: {
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
          { type: 'ContainersReady', status: 'True' },
          { type: 'PodScheduled', status: 'True' },
        ],
      },
    },
  });
  return { pod };
}

async function seed(env: Envtest): Promise<{ pod: string }> {
  await env.ensureNamespace(NS);
  await env.ensureNamespace(TENANT);

  // The FluxInstance, syncing from Git with no sync name: its objects are named after its namespace.
  await createFlux(env, instance, {
    distribution: { version: '2.x', registry: 'ghcr.io/fluxcd' },
    components: ['source-controller', 'kustomize-controller'],
    sync: { kind: 'GitRepository', url: FLEET_URL, ref: 'refs/heads/main', path: 'clusters/production' },
  });
  await statusAsWritten(env, instance, {
    conditions: [ready('ReconciliationSucceeded', 'Reconciliation finished in 4s')],
    lastAttemptedRevision: FLUX_REVISION,
    lastAppliedRevision: FLUX_REVISION,
    lastArtifactRevision: `sha256:${'4c'.repeat(32)}`,
    components: [
      {
        name: 'source-controller',
        repository: 'ghcr.io/fluxcd/source-controller',
        tag: 'v1.8.1',
        digest: `sha256:${'5a'.repeat(32)}`,
      },
      {
        name: 'kustomize-controller',
        repository: 'ghcr.io/fluxcd/kustomize-controller',
        tag: 'v1.8.1',
        digest: `sha256:${'48'.repeat(32)}`,
      },
    ],
    inventory: {
      entries: [
        { id: `_${NS}__Namespace`, v: 'v1' },
        { id: `${NS}_kustomize-controller_apps_Deployment`, v: 'v1' },
        { id: `${NS}_source-controller_apps_Deployment`, v: 'v1' },
        { id: `${NS}_${NS}_kustomize.toolkit.fluxcd.io_Kustomization`, v: 'v1' },
        { id: `${NS}_${NS}_source.toolkit.fluxcd.io_GitRepository`, v: 'v1' },
      ],
    },
    history: [
      {
        digest: `sha256:${'4c'.repeat(32)}`,
        firstReconciled: T0,
        lastReconciled: T0,
        lastReconciledDuration: '4.02s',
        lastReconciledStatus: 'ReconciliationSucceeded',
        totalReconciliations: 1,
        metadata: { flux: 'v2.8.3' },
      },
    ],
  });
  const operatorMeta = { 'kustomize.toolkit.fluxcd.io/ssa': 'Ignore' };
  await applyFlux(
    env,
    syncSource,
    APPLIED_BY_INSTANCE,
    { interval: '1m0s', ref: { name: 'refs/heads/main' }, url: FLEET_URL },
    'flux-operator',
    operatorMeta,
  );
  const stored = `stored artifact for revision '${GIT_REVISION}'`;
  await statusAsWritten(env, syncSource, {
    observedGeneration: 1,
    conditions: [
      ready('Succeeded', stored),
      condition({
        type: 'ArtifactInStorage',
        status: 'True',
        reason: 'Succeeded',
        message: stored,
        lastTransitionTime: T0,
      }),
    ],
    artifact: {
      path: `gitrepository/${NS}/${NS}/${COMMIT}.tar.gz`,
      url: `http://source-controller.${NS}.svc.cluster.local./gitrepository/${NS}/${NS}/${COMMIT}.tar.gz`,
      revision: GIT_REVISION,
      digest: `sha256:${'77'.repeat(32)}`,
      lastUpdateTime: T0,
      size: 30_512,
    },
  });
  await applyFlux(
    env,
    sync,
    APPLIED_BY_INSTANCE,
    {
      interval: '10m0s',
      path: 'clusters/production',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: NS },
    },
    'flux-operator',
    operatorMeta,
  );
  await statusAsWritten(env, sync, {
    observedGeneration: 1,
    conditions: [ready('ReconciliationSucceeded', `Applied revision: ${GIT_REVISION}`)],
    lastAppliedRevision: GIT_REVISION,
    lastAttemptedRevision: GIT_REVISION,
    inventory: { entries: [{ id: `${NS}_tenants_fluxcd.controlplane.io_ResourceSet`, v: 'v1' }] },
  });
  // A Flux controller the instance installed.
  await workload(env, NS, 'source-controller', APPLIED_BY_INSTANCE, 'flux-operator');

  // The ResourceSet, from Git, and what it stamped for team-a.
  await applyFlux(
    env,
    tenants,
    APPLIED_BY_SYNC,
    {
      inputs: [{ tenant: TENANT }],
      resources: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: '<< inputs.tenant >>' } },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'podinfo', namespace: '<< inputs.tenant >>' },
        },
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: { name: 'apps', namespace: '<< inputs.tenant >>' },
        },
      ],
    },
    'kustomize-controller',
  );
  await statusAsWritten(env, tenants, {
    conditions: [ready('ReconciliationSucceeded', 'Reconciliation finished in 2s')],
    inventory: {
      entries: [
        { id: `_${TENANT}__Namespace`, v: 'v1' },
        { id: `${TENANT}_podinfo_apps_Deployment`, v: 'v1' },
        { id: `${TENANT}_apps_kustomize.toolkit.fluxcd.io_Kustomization`, v: 'v1' },
      ],
    },
    lastAppliedRevision: TENANTS_REVISION,
    history: [
      {
        digest: TENANTS_REVISION,
        firstReconciled: T0,
        lastReconciled: T0,
        lastReconciledDuration: '2.01s',
        lastReconciledStatus: 'ReconciliationSucceeded',
        totalReconciliations: 1,
        metadata: { inputs: '1', resources: '3' },
      },
    ],
  });
  const { pod } = await workload(env, TENANT, 'podinfo', APPLIED_BY_TENANTS, 'flux-operator');
  await applyFlux(
    env,
    tenantApps,
    APPLIED_BY_TENANTS,
    {
      interval: '10m',
      path: './apps',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'apps' },
    },
    'flux-operator',
  );
  await statusAsWritten(env, tenantApps, {
    observedGeneration: 1,
    conditions: [ready('ReconciliationSucceeded', `Applied revision: main@sha1:${'2b'.repeat(20)}`)],
    lastAppliedRevision: `main@sha1:${'2b'.repeat(20)}`,
    lastAttemptedRevision: `main@sha1:${'2b'.repeat(20)}`,
  });
  return { pod };
}

async function traceCli(env: Envtest, user: 'admin' | 'viewer', args: readonly string[]) {
  const io = capturedIo();
  const code = await runTraceCommand(['--kubeconfig', env.kubeconfig(user), ...args], {
    stdout: io.stdout,
    stderr: io.stderr,
    env: isolatedHome(),
    now: () => NOW,
  });
  return { code, ...io.text() };
}

/** Each block's first line (`Applied by: ResourceSet/tenants`), the verdict block left out. */
const heads = (stdout: string) =>
  stdout
    .split('\n---\n')
    .slice(1)
    .map((b) => b.split('\n')[0]);

const rows = (o: TraceOutcome) =>
  o.ok ? o.trace.links.map((l) => `${l.role} ${l.kind} ${l.namespace}/${l.name} ${l.status}`) : [o.message];

realSuite("trace through the Flux Operator's labels (real API server, the operator's CRDs)", {}, (env) => {
  let pod = '';

  it('fluxdeck trace walks a tenant Pod up to its ResourceSet, the sync Kustomization, the FluxInstance and its GitRepository', async () => {
    ({ pod } = await seed(env()));
    const { code, stdout, stderr } = await traceCli(env(), 'admin', [`pod/${pod}`, '-n', TENANT]);
    expect(stderr).toBe('');
    expect(heads(stdout)).toEqual([
      `Object:     Pod/${pod}`,
      'Owned by:   ReplicaSet/podinfo-5d9f7c6b8d',
      'Owned by:   Deployment/podinfo',
      'Applied by: ResourceSet/tenants',
      'Applied by: Kustomization/flux-system',
      'Applied by: FluxInstance/flux',
      'Source:     GitRepository/flux-system',
    ]);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'Verdict:    managed by ResourceSet flux-system/tenants: every link is ready',
      `Revision:   applied ${TENANTS_REVISION}`,
    ]);
    const blocks = stdout.split('\n---\n');
    expect(blocks[4]).toBe(
      [
        'Applied by: ResourceSet/tenants',
        'Namespace:  flux-system',
        'Status:     Ready (ReconciliationSucceeded)',
        `Revision:   ${TENANTS_REVISION}`,
        'Message:    Reconciliation finished in 2s',
      ].join('\n'),
    );
    expect(blocks[6]).toBe(
      [
        'Applied by: FluxInstance/flux',
        'Namespace:  flux-system',
        'Status:     Ready (ReconciliationSucceeded)',
        `Revision:   ${FLUX_REVISION}`,
        'Message:    Reconciliation finished in 4s',
      ].join('\n'),
    );
    expect(blocks[7]).toContain(`URL:        ${FLEET_URL}`);
    expect(blocks[7]).toContain(`Revision:   ${GIT_REVISION}`);
    expect(code).toBe(0);
  });

  it("the console's trace reads the operator's objects from its watches: a ResourceSet, a Flux controller", async () => {
    const port = await openConsole(env(), 'admin');
    try {
      await waitForSnapshot(port, 'the appliers watched', (s) =>
        [
          'ResourceSet/flux-system/tenants',
          'Kustomization/flux-system/flux-system',
          'FluxInstance/flux-system/flux',
        ].every((k) => rowOf(s, k) !== undefined),
      );
      const trace = (kind: string, namespace: string, name: string) =>
        port.trace?.({ kind, namespace, name }) as Promise<TraceOutcome>;
      // `rset` is the CRD's own short name, found through discovery.
      expect(rows(await trace('rset', NS, 'tenants'))).toEqual([
        'object ResourceSet flux-system/tenants Ready',
        'manager Kustomization flux-system/flux-system Ready',
        'manager FluxInstance flux-system/flux Ready',
        'source GitRepository flux-system/flux-system Ready',
      ]);
      expect(rows(await trace('deploy', NS, 'source-controller'))).toEqual([
        'object Deployment flux-system/source-controller Current',
        'manager FluxInstance flux-system/flux Ready',
        'source GitRepository flux-system/flux-system Ready',
      ]);
    } finally {
      await port.close();
    }
  });

  it("a tenant who may not read the ResourceSet sees it Forbidden, in the API server's words, and the walk ends there", async () => {
    const { code, stdout, stderr } = await traceCli(env(), 'viewer', ['kustomization/apps', '-n', TENANT]);
    expect(stderr).toBe('');
    expect(heads(stdout)).toEqual(['Object:     Kustomization/apps', 'Applied by: ResourceSet/tenants']);
    expect(stdout).toContain(
      'Verdict:    managed by ResourceSet flux-system/tenants; not ready: ResourceSet flux-system/tenants Forbidden',
    );
    expect(stdout.split('\n---\n')[2]).toBe(
      [
        'Applied by: ResourceSet/tenants',
        'Namespace:  flux-system',
        'Status:     Forbidden',
        'Message:    reading ResourceSet flux-system/tenants is forbidden: User "viewer@example.com" cannot get resource "resourcesets" in API group "fluxcd.controlplane.io" in the namespace "flux-system"',
        '',
      ].join('\n'),
    );
    expect(code).toBe(1);
  });
});
