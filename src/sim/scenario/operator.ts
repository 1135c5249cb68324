// The `operator` scenario: Flux installed and managed by the Flux Operator (docs/flux-operator.md). The
// FluxInstance `flux` in flux-system is Ready with its six components and syncs the cluster from Git (its
// sync GitRepository and Kustomization `flux-system`, which apply the ResourceSets below); the
// FluxReport `flux` sums it all up; the ResourceSet `tenants` stamps a namespace, a service account and a
// settings ConfigMap per team; the ResourceSet `preview-envs` takes the pull requests the
// ResourceSetInputProvider `storefront-prs` exports and fails to build — its HelmRelease template asks for
// an input no pull request carries, so it is Stalled with text/template's own words.
import { FLUX_SYSTEM_NAMESPACE, kindInfo } from '../../flux/kinds.js';
import { gitRemotesOf } from '../controllers/artifacts.js';
import {
  FLUX_DISTRIBUTION_VERSION,
  FLUX_OPERATOR,
  kindsOf,
  SIM_CONTROLLERS,
} from '../controllers/catalog.js';
import { EventRecorder } from '../controllers/events.js';
import { randomUuid } from '../controllers/ids.js';
import {
  computeReport,
  exportedRevision,
  finishedIn,
  instanceStatus,
  renderResourceSet,
  resourceSetInputs,
} from '../controllers/operator.js';
import { findControllerPod } from '../controllers/pods.js';
import { reconcilerLogLine, startupLogLines } from '../flux-logs.js';
import { applyManagedObjects, enableManagedObjects, fluxInstanceLabels } from '../managed-objects.js';
import { resourceIdOf } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import { conditions, createFlux, createNamespace, DAY, HOUR, isoSeconds, MINUTE } from './builders.js';
import { seedFluxOperator } from './flux-operator.js';
import { MANAGER_CONTAINER, seedFluxSystem } from './flux-system.js';
import { seedEmptyLogs } from './seed-history.js';
import { seedGitRepository } from './sources.js';

const NS = FLUX_SYSTEM_NAMESPACE;
const PREVIEW_NS = 'preview';
const OPERATOR_FINALIZER = 'fluxcd.controlplane.io/finalizer';
const FLEET_URL = 'https://github.com/acme/fleet.git';
/** What the sync Kustomization applies from Git carries kustomize-controller's labels. */
const APPLIED_BY_SYNC = {
  'kustomize.toolkit.fluxcd.io/name': 'flux-system',
  'kustomize.toolkit.fluxcd.io/namespace': NS,
};

/** The pull requests labelled for a preview environment, as GitHub lists them to the provider. */
const PULL_REQUESTS = [
  {
    id: '142',
    sha: 'a3f9c1d27b5e4f0a8c6d1e2f3a4b5c6d7e8f9a01',
    branch: 'feat/checkout-v2',
    author: 'mlopez',
    title: 'Checkout v2',
  },
  {
    id: '157',
    sha: '0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d',
    branch: 'fix/cart-rounding',
    author: 'dkim',
    title: 'Round cart totals once',
  },
];

function createOperatorObject(
  ctx: SimContext,
  kind: 'FluxInstance' | 'FluxReport' | 'ResourceSet' | 'ResourceSetInputProvider',
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
  createdAt: number,
  labels?: Record<string, string>,
): SimObject {
  const info = kindInfo(kind);
  return ctx.store.create(resourceIdOf(info), {
    apiVersion: `${info.group}/${info.versions[0]}`,
    kind,
    metadata: {
      name,
      namespace,
      creationTimestamp: isoSeconds(createdAt),
      ...(kind === 'FluxReport' ? {} : { finalizers: [OPERATOR_FINALIZER] }),
      ...(labels ? { labels } : {}),
    },
    spec,
  });
}

function setStatus(ctx: SimContext, object: SimObject, status: Record<string, unknown>): SimObject {
  return ctx.store.mutate(
    resourceIdOf(kindInfo(object.kind as 'FluxInstance')),
    object.metadata.namespace,
    object.metadata.name,
    (o) => {
      Object.assign(o, { status });
    },
  );
}

function history(
  digest: string,
  first: number,
  last: number,
  status: string,
  total: number,
  metadata: Record<string, string>,
) {
  return [
    {
      digest,
      firstReconciled: isoSeconds(first),
      lastReconciled: isoSeconds(last),
      lastReconciledDuration: '2.41s',
      lastReconciledStatus: status,
      totalReconciliations: total,
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    },
  ];
}

export function seedOperatorScenario(ctx: SimContext): void {
  const now = ctx.clock.now();
  const installed = now - 30 * DAY;
  const lastHour = now - 37 * MINUTE;
  seedFluxSystem(ctx, { installedAt: installed });
  seedFluxOperator(ctx, installed - 5 * MINUTE);
  enableManagedObjects(ctx);
  createNamespace(ctx, PREVIEW_NS, installed + HOUR);
  const events = new EventRecorder(ctx);

  // The FluxInstance and what it syncs from.
  const instance = createOperatorObject(
    ctx,
    'FluxInstance',
    NS,
    'flux',
    {
      distribution: {
        version: '2.x',
        registry: 'ghcr.io/fluxcd',
        artifact: 'oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests',
      },
      components: [...SIM_CONTROLLERS],
      cluster: {
        type: 'kubernetes',
        size: 'medium',
        multitenant: false,
        networkPolicy: true,
        domain: 'cluster.local',
      },
      sync: {
        kind: 'GitRepository',
        url: FLEET_URL,
        ref: 'refs/heads/main',
        path: 'clusters/production',
        pullSecret: 'flux-system',
      },
    },
    installed,
  );
  const fi = instanceStatus(ctx, instance);
  const fiDone = finishedIn(3_800);
  setStatus(ctx, instance, {
    conditions: conditions(1, [
      { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: fiDone, since: lastHour },
    ]),
    lastAttemptedRevision: fi.revision,
    lastAppliedRevision: fi.revision,
    lastArtifactRevision: `sha256:${fi.revision.split(':').pop()?.slice(0, 64) ?? ''}`,
    components: fi.components,
    inventory: fi.inventory,
    history: history(
      `sha256:${fi.revision.split(':').pop() ?? ''}`,
      installed,
      lastHour,
      'ReconciliationSucceeded',
      721,
      { flux: fi.version },
    ),
  });
  applyManagedObjects(
    ctx,
    { kind: 'FluxInstance', namespace: NS, name: 'flux' },
    fi.inventory.entries.map((e) => e.id),
    { at: installed },
  );
  events.record(
    FLUX_OPERATOR,
    instance,
    { type: 'Normal', reason: 'ReconciliationSucceeded', message: fiDone, revision: fi.revision },
    { firstAt: lastHour, lastAt: lastHour, count: 1 },
  );

  const ownedByInstance = fluxInstanceLabels(
    { name: 'flux', namespace: NS },
    FLUX_DISTRIBUTION_VERSION[ctx.fluxVersions],
  );
  const commit = gitRemotesOf(ctx.store).head(FLEET_URL, 'main');
  seedGitRepository(ctx, {
    name: 'flux-system',
    url: FLEET_URL,
    labels: ownedByInstance,
    createdAt: installed,
    fetched: { commit, at: now - 4 * MINUTE },
  });
  const revision = `main@sha1:${commit.sha}`;
  createFlux(ctx, 'Kustomization', NS, 'flux-system', {
    createdAt: installed,
    labels: ownedByInstance,
    spec: {
      interval: '10m0s',
      path: './clusters/production',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      timeout: '5m0s',
    },
    status: {
      observedGeneration: 1,
      lastAppliedRevision: revision,
      lastAttemptedRevision: revision,
      inventory: {
        entries: [
          { id: `${NS}_tenants_fluxcd.controlplane.io_ResourceSet`, v: 'v1' },
          { id: `${PREVIEW_NS}_preview-envs_fluxcd.controlplane.io_ResourceSet`, v: 'v1' },
          { id: `${PREVIEW_NS}_storefront-prs_fluxcd.controlplane.io_ResourceSetInputProvider`, v: 'v1' },
        ],
      },
      conditions: conditions(1, [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: `Applied revision: ${revision}`,
          since: now - 4 * MINUTE,
        },
      ]),
    },
  });

  // ResourceSet `tenants`: a namespace, a service account and settings per team.
  const tenants = createOperatorObject(
    ctx,
    'ResourceSet',
    NS,
    'tenants',
    {
      inputs: [
        { tenant: 'team-a', role: 'edit' },
        { tenant: 'team-b', role: 'view' },
      ],
      resources: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: '<< inputs.tenant >>' } },
        {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'flux', namespace: '<< inputs.tenant >>' },
        },
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'tenant-settings', namespace: '<< inputs.tenant >>' },
          data: { role: '<< inputs.role >>' },
        },
      ],
    },
    installed + HOUR,
    APPLIED_BY_SYNC,
  );
  const tenantInputs = resourceSetInputs(ctx, tenants);
  const tenantEntries = renderResourceSet(tenants, tenantInputs.ok ? tenantInputs.inputs : []);
  const tenantsRevision = exportedRevision(tenantEntries);
  const tenantsDone = finishedIn(1_900);
  setStatus(ctx, tenants, {
    conditions: conditions(1, [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: tenantsDone,
        since: lastHour,
      },
    ]),
    inventory: { entries: tenantEntries },
    lastAppliedRevision: tenantsRevision,
    history: history(tenantsRevision, installed + HOUR, lastHour, 'ReconciliationSucceeded', 719, {
      inputs: '2',
      resources: String(tenantEntries.length),
    }),
  });
  applyManagedObjects(
    ctx,
    { kind: 'ResourceSet', namespace: NS, name: 'tenants' },
    tenantEntries.map((e) => e.id),
    { at: installed + HOUR },
  );
  events.record(
    FLUX_OPERATOR,
    tenants,
    { type: 'Normal', reason: 'ReconciliationSucceeded', message: tenantsDone },
    { firstAt: lastHour, lastAt: lastHour, count: 1 },
  );

  // The pull requests and the preview environments built from them.
  const prs = createOperatorObject(
    ctx,
    'ResourceSetInputProvider',
    PREVIEW_NS,
    'storefront-prs',
    {
      type: 'GitHubPullRequest',
      url: 'https://github.com/acme/storefront',
      secretRef: { name: 'github-token' },
      filter: { labels: ['deploy/preview'], limit: 10 },
      defaultValues: { env: 'preview' },
    },
    now - 3 * DAY,
    APPLIED_BY_SYNC,
  );
  const exported = PULL_REQUESTS.map((pr) => ({ ...pr, env: 'preview' }));
  const exportedRev = exportedRevision(exported);
  const prsDone = finishedIn(812);
  setStatus(ctx, prs, {
    conditions: conditions(1, [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: prsDone,
        since: now - 26 * MINUTE,
      },
    ]),
    exportedInputs: exported,
    lastExportedRevision: exportedRev,
  });
  events.record(
    FLUX_OPERATOR,
    prs,
    {
      type: 'Normal',
      reason: 'ReconciliationSucceeded',
      message: `${prsDone}, revision ${exportedRev}`,
      revision: exportedRev,
    },
    { firstAt: now - 26 * MINUTE, lastAt: now - 26 * MINUTE, count: 1 },
  );

  const preview = createOperatorObject(
    ctx,
    'ResourceSet',
    PREVIEW_NS,
    'preview-envs',
    {
      inputsFrom: [{ kind: 'ResourceSetInputProvider', name: 'storefront-prs' }],
      resources: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'storefront-pr-<< inputs.id >>' } },
        {
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
          kind: 'HelmRelease',
          metadata: { name: 'storefront', namespace: 'storefront-pr-<< inputs.id >>' },
          spec: {
            interval: '10m',
            chart: {
              spec: {
                chart: 'storefront',
                version: '<< inputs.chartVersion >>',
                sourceRef: { kind: 'HelmRepository', name: 'acme-charts', namespace: NS },
              },
            },
            values: {
              image: { tag: '<< inputs.sha >>' },
              ingress: { host: 'pr-<< inputs.id >>.preview.acme.example' },
            },
          },
        },
      ],
    },
    now - 3 * DAY,
    APPLIED_BY_SYNC,
  );
  const previewInputs = resourceSetInputs(ctx, preview);
  let buildError = '';
  try {
    renderResourceSet(preview, previewInputs.ok ? previewInputs.inputs : []);
  } catch (error) {
    buildError = `build failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const failedSince = now - 26 * MINUTE;
  setStatus(ctx, preview, {
    conditions: conditions(1, [
      { type: 'Ready', status: 'False', reason: 'BuildFailed', message: buildError, since: failedSince },
      { type: 'Stalled', status: 'True', reason: 'BuildFailed', message: buildError, since: failedSince },
    ]),
    history: history(`sha256:${'3b'.repeat(32)}`, failedSince, failedSince, 'BuildFailed', 1, {}),
  });
  events.record(
    FLUX_OPERATOR,
    preview,
    { type: 'Warning', reason: 'BuildFailed', message: buildError },
    { firstAt: failedSince, lastAt: failedSince, count: 1 },
  );

  // The report, computed from all of the above as the operator would.
  const report = createOperatorObject(ctx, 'FluxReport', NS, 'flux', computeReport(ctx, NS), installed);
  const reported = ctx.store.get(resourceIdOf(kindInfo('FluxReport')), NS, 'flux') ?? report;
  setStatus(ctx, reported, {
    conditions: conditions(reported.metadata.generation, [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Succeeded',
        message: 'Reporting finished in 212ms',
        since: installed,
      },
    ]),
  });

  seedEmptyLogs(ctx, installed);
  writeOperatorLog(ctx, installed, [
    { at: lastHour, object: instance, msg: fiDone, extras: { revision: fi.revision } },
    { at: lastHour + 400, object: tenants, msg: tenantsDone },
    { at: failedSince, object: prs, msg: prsDone, extras: { revision: exportedRev } },
    {
      at: failedSince + 300,
      object: preview,
      level: 'error',
      msg: 'Reconciler error',
      extras: { error: buildError },
    },
  ]);
}

interface OperatorLine {
  readonly at: number;
  readonly object: SimObject;
  readonly msg: string;
  readonly level?: 'info' | 'error';
  readonly extras?: Record<string, unknown>;
}

/** The operator's log: its start, then a reconcile line per object, in its JSON format. */
function writeOperatorLog(ctx: SimContext, startedAt: number, lines: readonly OperatorLine[]): void {
  const pod = findControllerPod(ctx, FLUX_OPERATOR)?.metadata.name;
  if (!pod) return;
  const text = [
    ...startupLogLines(FLUX_OPERATOR, kindsOf(FLUX_OPERATOR), startedAt + 3000),
    ...[...lines]
      .sort((a, b) => a.at - b.at)
      .map((l) =>
        reconcilerLogLine({
          level: l.level ?? 'info',
          at: l.at,
          msg: l.msg,
          object: {
            kind: l.object.kind as 'FluxInstance',
            name: l.object.metadata.name,
            namespace: l.object.metadata.namespace ?? '',
          },
          reconcileID: randomUuid(ctx.random),
          ...(l.extras ? { extras: l.extras } : {}),
        }),
      ),
  ];
  ctx.logs.append(NS, pod, MANAGER_CONTAINER, text.join('\n'));
}
