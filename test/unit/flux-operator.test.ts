// The Flux Operator's kinds (docs/flux-operator.md): the catalog and the words that open them, status from
// their conditions and the reconcile annotation, the columns, the FluxReport summary, and the plans that
// suspend, resume and reconcile them the way flux-operator does.
import { describe, expect, it } from 'vitest';
import { formatCommand } from '../../src/actions/commands.js';
import { buildReconcilePlan } from '../../src/actions/reconcile.js';
import { buildResumePlan } from '../../src/actions/resume.js';
import { buildSuspendPlan } from '../../src/actions/suspend.js';
import { DEFAULT_OPTIONS, type TargetFacts } from '../../src/actions/types.js';
import { fluxGetCells, fluxGetHeaders } from '../../src/flux/flux-get.js';
import { imageTag, readFluxReport } from '../../src/flux/flux-report.js';
import { readInventory } from '../../src/flux/inventory.js';
import { KIND_RULES, resourceSetInputs } from '../../src/flux/kind-rules.js';
import { findKind, kindCli, kindInfo, recordsHandledRequests } from '../../src/flux/kinds.js';
import { reconcileOutcome, suspendPatchOf } from '../../src/flux/reconcile.js';
import { deriveRow } from '../../src/flux/status.js';
import type { ObjectRef } from '../../src/flux/types.js';
import type { ClusterInfo } from '../../src/kube/port.js';
import { viewForWord } from '../../src/present/catalog.js';
import { detailsTabsOf } from '../../src/present/details-tabs.js';
import { fluxReportLines } from '../../src/present/flux-report-lines.js';
import { shortKind } from '../../src/present/short-kinds.js';
import { statusColumns } from '../../src/present/status-columns.js';

const info: ClusterInfo = {
  context: 'prod-eu',
  cluster: 'prod-eu-1',
  server: 'https://127.0.0.1:6443',
  user: 'alice',
  namespace: undefined,
  kubeconfigPath: '/tmp/kc.yaml',
};
const TOKEN = '2026-03-01T10:00:00.5Z';
const T0 = '2026-03-01T09:00:00Z';

const ready = (message: string, extra: Record<string, unknown>[] = []) => [
  {
    type: 'Ready',
    status: 'True',
    reason: 'ReconciliationSucceeded',
    message,
    lastTransitionTime: T0,
    observedGeneration: 1,
  },
  ...extra,
];

function object(kind: string, namespace: string, name: string, more: Record<string, unknown> = {}) {
  return {
    apiVersion: 'fluxcd.controlplane.io/v1',
    kind,
    metadata: { name, namespace, generation: 1, ...((more['metadata'] as object) ?? {}) },
    spec: more['spec'] ?? {},
    status: more['status'] ?? {},
  };
}

const instanceRaw = object('FluxInstance', 'flux-system', 'flux', {
  spec: { distribution: { version: '2.x', registry: 'ghcr.io/fluxcd' } },
  status: {
    conditions: ready('Reconciliation finished in 4s'),
    lastAppliedRevision: `v2.8.3@sha256:${'4c'.repeat(32)}`,
    inventory: {
      entries: [
        { id: 'flux-system_source-controller_apps_Deployment', v: 'v1' },
        { id: '_flux-system__Namespace', v: 'v1' },
      ],
    },
  },
});
const BUILD =
  'build failed: failed to build resources[1]: failed to execute template: template: resourceset:13:24: executing "resourceset" at <inputs.chartVersion>: map has no entry for key "chartVersion"';
const previewRaw = object('ResourceSet', 'preview', 'preview-envs', {
  spec: { inputsFrom: [{ kind: 'ResourceSetInputProvider', name: 'storefront-prs' }] },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'BuildFailed',
        message: BUILD,
        lastTransitionTime: T0,
        observedGeneration: 1,
      },
      {
        type: 'Stalled',
        status: 'True',
        reason: 'BuildFailed',
        message: BUILD,
        lastTransitionTime: T0,
        observedGeneration: 1,
      },
    ],
  },
});

describe('catalog and words', () => {
  it('knows the four kinds with their plurals, short names, CLI and whether requests are recorded', () => {
    expect(findKind('rset')?.kind).toBe('ResourceSet');
    expect(findKind('rsip')?.kind).toBe('ResourceSetInputProvider');
    expect(findKind('fluxinstances')?.kind).toBe('FluxInstance');
    expect(kindInfo('FluxReport')).toMatchObject({
      group: 'fluxcd.controlplane.io',
      versions: ['v1'],
      controller: 'flux-operator',
    });
    expect(kindCli('ResourceSet')).toBe('flux-operator');
    expect(kindCli('FluxReport')).toBe('none');
    expect(kindCli('Kustomization')).toBe('flux');
    expect(recordsHandledRequests('FluxReport')).toBe(false);
    expect(recordsHandledRequests('FluxInstance')).toBe(true);
    expect(
      ['FluxInstance', 'FluxReport', 'ResourceSet', 'ResourceSetInputProvider'].map((k) =>
        shortKind(k as 'FluxReport'),
      ),
    ).toEqual(['FI', 'FREPORT', 'RSET', 'RSIP']);
  });

  it("opens the Flux Operator view by its words, narrowed to a kind by the kind's words", () => {
    expect(viewForWord('operator')).toEqual({ view: 'operator' });
    expect(viewForWord('fi')).toEqual({ view: 'operator', kind: 'FluxInstance' });
    expect(viewForWord('instance')).toEqual({ view: 'operator', kind: 'FluxInstance' });
    expect(viewForWord('rset')).toEqual({ view: 'operator', kind: 'ResourceSet' });
    expect(viewForWord('rsip')).toEqual({ view: 'operator', kind: 'ResourceSetInputProvider' });
    expect(viewForWord('fluxreport')).toEqual({ view: 'operator', kind: 'FluxReport' });
    // `:report` stays the incident report.
    expect(viewForWord('report')).toBeUndefined();
  });

  it('gives FluxInstance and ResourceSet an inventory tab, the others none', () => {
    expect(detailsTabsOf('FluxInstance')).toEqual(['overview', 'events', 'yaml', 'inventory']);
    expect(detailsTabsOf('ResourceSet')).toEqual(['overview', 'events', 'yaml', 'inventory']);
    expect(detailsTabsOf('ResourceSetInputProvider')).toEqual(['overview', 'events', 'yaml']);
    expect(readInventory(instanceRaw).map((e) => `${e.kind}/${e.namespace}/${e.name}`)).toEqual([
      'Deployment/flux-system/source-controller',
      'Namespace//flux-system',
    ]);
  });
});

describe('rows from the operator kinds', () => {
  it('FluxInstance: Ready from its condition, the applied revision shortened, version and resources', () => {
    const row = deriveRow('FluxInstance', instanceRaw, 0);
    expect(row).toMatchObject({
      health: 'Ready',
      ready: 'True',
      message: 'Reconciliation finished in 4s',
      revision: 'v2.8.3@sha256:4c4c4c4c',
      suspended: false,
      extra: { VERSION: '2.x', RESOURCES: '2' },
    });
    // No status.observedGeneration on the operator's kinds: not Pending for want of one.
    expect(row?.observedGeneration).toBe(0);
  });

  it('ResourceSet: Stalled on a terminal build failure, its provider as its source, inputs counted', () => {
    const row = deriveRow('ResourceSet', previewRaw, 0);
    expect(row).toMatchObject({
      health: 'Stalled',
      ready: 'False',
      reason: 'BuildFailed',
      stalled: true,
      message: BUILD,
    });
    expect(row?.source).toEqual({
      kind: 'ResourceSetInputProvider',
      namespace: 'preview',
      name: 'storefront-prs',
    });
    expect(row?.extra).toMatchObject({
      INPUTS: '1 provider',
      SOURCE: 'ResourceSetInputProvider/preview/storefront-prs',
    });
    expect(
      resourceSetInputs({ spec: { inputs: [{}, {}], inputsFrom: [{ name: 'a' }, { name: 'b' }] } }),
    ).toBe('2 + 2 providers');
    expect(resourceSetInputs({ spec: {} })).toBe('');
  });

  it('suspended by fluxcd.controlplane.io/reconcile=disabled (any case), never by spec.suspend', () => {
    const paused = {
      ...instanceRaw,
      metadata: {
        ...instanceRaw.metadata,
        annotations: {
          'fluxcd.controlplane.io/reconcile': 'Disabled',
          'fluxcd.controlplane.io/suspendedBy': 'alice',
        },
      },
    };
    expect(deriveRow('FluxInstance', paused, 0)).toMatchObject({
      health: 'Suspended',
      suspended: true,
      suspendedBy: 'alice',
    });
    const enabled = {
      ...paused,
      metadata: { ...paused.metadata, annotations: { 'fluxcd.controlplane.io/reconcile': 'enabled' } },
    };
    expect(deriveRow('FluxInstance', enabled, 0)?.suspended).toBe(false);
    expect(KIND_RULES.ResourceSet.suspended({ spec: { suspend: true } })).toBe(false);
  });

  it('ResourceSetInputProvider: type, URL, exported inputs and the exported revision', () => {
    const raw = object('ResourceSetInputProvider', 'preview', 'storefront-prs', {
      spec: { type: 'GitHubPullRequest', url: 'https://github.com/acme/storefront' },
      status: {
        conditions: ready('Reconciliation finished in 812ms'),
        exportedInputs: [{ id: '142' }, { id: '157' }],
        lastExportedRevision: `sha256:${'9a'.repeat(32)}`,
      },
    });
    expect(deriveRow('ResourceSetInputProvider', raw, 0)).toMatchObject({
      health: 'Ready',
      revision: 'sha256:9a9a9a9a',
      extra: { TYPE: 'GitHubPullRequest', URL: 'https://github.com/acme/storefront', INPUTS: '2' },
    });
  });

  it("prints like `flux get` in fluxdeck status, and the view has the operator's columns", () => {
    const row = deriveRow('ResourceSet', previewRaw, 0);
    if (!row) throw new Error('no row');
    expect(fluxGetHeaders('ResourceSet')).toEqual(['NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE']);
    expect(fluxGetCells('ResourceSet', row)).toEqual(['preview-envs', '', 'False', 'False', BUILD]);
    expect(fluxGetHeaders('FluxReport')).toEqual(['NAME', 'SUSPENDED', 'READY', 'MESSAGE']);
    const ids = statusColumns('operator', {
      now: 0,
      alertThresholdMs: 900_000,
      allNamespaces: true,
      blockedBy: () => '',
      chainMark: () => '',
    }).map((c) => c.id);
    expect(ids).toEqual([
      'KIND',
      'NAMESPACE',
      'NAME',
      'VERSION',
      'REVISION',
      'RESOURCES',
      'INPUTS',
      'SUSPENDED',
      'READY',
      'STATUS',
      'MESSAGE',
      'AGE',
      'FAILING FOR',
    ]);
  });
});

describe('the reconcile protocol on the operator kinds', () => {
  it("suspend and resume write the operator's annotation, not spec.suspend", () => {
    expect(suspendPatchOf('ResourceSet', true, 'alice', 'migration')).toEqual({
      metadata: {
        annotations: {
          'fluxcd.controlplane.io/suspendedBy': 'alice',
          'fluxdeck.dev/suspended-reason': 'migration',
          'fluxcd.controlplane.io/reconcile': 'disabled',
        },
      },
    });
    const resume = suspendPatchOf('ResourceSet', false, undefined, undefined, TOKEN);
    expect(resume.spec).toBeUndefined();
    expect(resume.metadata?.annotations).toMatchObject({
      'fluxcd.controlplane.io/reconcile': 'enabled',
      'reconcile.fluxcd.io/requestedAt': TOKEN,
      'fluxcd.controlplane.io/suspendedBy': null,
    });
    expect(suspendPatchOf('Kustomization', true, 'alice')).toEqual({
      spec: { suspend: true },
      metadata: { annotations: { 'fluxcd.controlplane.io/suspendedBy': 'alice' } },
    });
  });

  it('a disabled object never answers: the outcome is failed at once, as the operator CLI says', () => {
    const paused = {
      ...instanceRaw,
      metadata: { ...instanceRaw.metadata, annotations: { 'fluxcd.controlplane.io/reconcile': 'disabled' } },
      status: { ...instanceRaw.status, lastHandledReconcileAt: TOKEN },
    };
    expect(reconcileOutcome(paused, TOKEN).phase).toBe('failed');
    const handled = { ...instanceRaw, status: { ...instanceRaw.status, lastHandledReconcileAt: TOKEN } };
    expect(reconcileOutcome(handled, TOKEN)).toMatchObject({
      phase: 'succeeded',
      revision: `v2.8.3@sha256:${'4c'.repeat(32)}`,
    });
    expect(
      reconcileOutcome(
        { ...previewRaw, status: { ...previewRaw.status, lastHandledReconcileAt: TOKEN } },
        TOKEN,
      ),
    ).toMatchObject({
      phase: 'stalled',
      message: BUILD,
    });
  });
});

describe('plans on the operator kinds', () => {
  const fi: ObjectRef = { kind: 'FluxInstance', namespace: 'flux-system', name: 'flux' };
  const rset: ObjectRef = { kind: 'ResourceSet', namespace: 'preview', name: 'preview-envs' };
  const report: ObjectRef = { kind: 'FluxReport', namespace: 'flux-system', name: 'flux' };
  const facts = (ref: ObjectRef, suspended = false): TargetFacts => ({
    ref,
    suspended,
    raw: { metadata: { name: ref.name, namespace: ref.namespace } },
  });
  const lines = (plan: { commands: readonly { file: string; args: readonly string[] }[] }) =>
    plan.commands.map(formatCommand);

  it('reconcile: the flux-operator line and the kubectl annotation of the request', () => {
    const plan = buildReconcilePlan(info, [facts(fi)], DEFAULT_OPTIONS, TOKEN);
    expect(lines(plan)).toEqual([
      'flux-operator reconcile instance flux -n flux-system --kube-context prod-eu --kubeconfig /tmp/kc.yaml',
      `kubectl annotate fluxinstance flux reconcile.fluxcd.io/requestedAt=${TOKEN} --overwrite -n flux-system --context prod-eu --kubeconfig /tmp/kc.yaml`,
    ]);
    expect(plan.steps).toEqual([
      'Request a reconcile of FluxInstance flux-system/flux (requestedAt = a fresh token); wait until flux-operator has handled it, then read Ready.',
    ]);
    expect(plan.optionSpecs).toEqual([]);
  });

  it('reconcile of the report: kubectl only, and nothing awaited (it records no handled request)', () => {
    const plan = buildReconcilePlan(info, [facts(report)], DEFAULT_OPTIONS, TOKEN);
    expect(lines(plan)).toEqual([
      `kubectl annotate fluxreport flux reconcile.fluxcd.io/requestedAt=${TOKEN} --overwrite -n flux-system --context prod-eu --kubeconfig /tmp/kc.yaml`,
    ]);
    expect(plan.steps[0]).toMatch(
      /flux-operator acts on it but records no handled request for a FluxReport, so nothing is awaited\.$/,
    );
  });

  it("reconcile of a disabled object resumes it first, with the operator's commands", () => {
    const plan = buildReconcilePlan(info, [facts(rset, true)], DEFAULT_OPTIONS, TOKEN);
    expect(plan.title).toBe('Resume and reconcile ResourceSet preview/preview-envs');
    expect(lines(plan)).toEqual([
      'flux-operator resume rset preview-envs -n preview --kube-context prod-eu --kubeconfig /tmp/kc.yaml',
      'kubectl annotate resourceset preview-envs fluxcd.controlplane.io/reconcile=enabled fluxcd.controlplane.io/suspendedBy- fluxdeck.dev/suspended-reason- --overwrite -n preview --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(plan.steps[0]).toMatch(
      /^Resume ResourceSet preview\/preview-envs \(the annotation fluxcd\.controlplane\.io\/reconcile=enabled\)/,
    );
  });

  it('suspend and resume say what they set, and show the flux-operator and kubectl lines', () => {
    const suspend = buildSuspendPlan(
      info,
      [facts(rset)],
      { ...DEFAULT_OPTIONS, reason: 'INC-7' },
      { who: 'alice', resumeHint: 'resume it with u' },
    );
    expect(suspend.steps).toEqual([
      'Set the annotation fluxcd.controlplane.io/reconcile=disabled on ResourceSet preview/preview-envs; record who (alice) and why ("INC-7") in the annotations fluxcd.controlplane.io/suspendedBy and fluxdeck.dev/suspended-reason.',
    ]);
    expect(lines(suspend)).toEqual([
      'flux-operator suspend rset preview-envs -n preview --kube-context prod-eu --kubeconfig /tmp/kc.yaml',
      'kubectl annotate resourceset preview-envs fluxcd.controlplane.io/reconcile=disabled fluxcd.controlplane.io/suspendedBy=alice fluxdeck.dev/suspended-reason=INC-7 --overwrite -n preview --context prod-eu --kubeconfig /tmp/kc.yaml',
    ]);
    expect(suspend.warnings).toEqual([
      'While suspended, flux-operator leaves preview-envs as it is (requests are recorded, nothing is applied) and Ready keeps saying what it said last: resume it with u when done.',
    ]);
    const reportSuspend = buildSuspendPlan(info, [facts(report)], DEFAULT_OPTIONS, {
      who: 'alice',
      resumeHint: 'u',
    });
    expect(reportSuspend.commands.map((c) => c.file)).toEqual(['kubectl']);
    const resume = buildResumePlan(info, [facts(report, true)], DEFAULT_OPTIONS);
    expect(resume.steps[0]).toMatch(
      /flux-operator does not record handled requests for a FluxReport, so nothing is awaited\.$/,
    );
  });
});

describe('the FluxReport summary in the Controllers view', () => {
  const report = {
    metadata: { name: 'flux', namespace: 'flux-system' },
    spec: {
      distribution: {
        entitlement: 'Issued by controlplane',
        status: 'Installed',
        version: 'v2.8.3',
        managedBy: 'flux-operator',
      },
      operator: { version: 'v0.58.1' },
      components: [
        {
          name: 'helm-controller',
          ready: true,
          status: 'Current Deployment is available. Replicas: 1',
          image: 'ghcr.io/fluxcd/helm-controller:v1.5.1@sha256:a67a',
        },
        {
          name: 'source-controller',
          ready: false,
          status: 'InProgress Deployment does not have minimum availability.',
          image: 'ghcr.io/fluxcd/source-controller:v1.8.1',
        },
      ],
      reconcilers: [
        {
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
          kind: 'HelmRelease',
          stats: { running: 42, failing: 1, suspended: 3 },
        },
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          stats: { running: 5, failing: 0, suspended: 0 },
        },
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'Bucket',
          stats: { running: 0, failing: 0, suspended: 0 },
        },
        {
          apiVersion: 'fluxcd.controlplane.io/v1',
          kind: 'ResourceSet',
          stats: { running: 3, failing: 0, suspended: 1 },
        },
      ],
      sync: {
        id: 'kustomization/flux-system',
        ready: false,
        status: 'kustomize build failed: accumulating resources',
        path: 'clusters/prod',
      },
    },
  };

  it('reads the distribution, components, reconcilers and sync, and says each state in words', () => {
    expect(fluxReportLines(readFluxReport(report))).toEqual([
      {
        text: 'report: Flux v2.8.3 Installed, managed by flux-operator (operator v0.58.1); sync kustomization/flux-system: NOT READY — kustomize build failed: accumulating resources',
        tone: 'bad',
      },
      {
        text: 'components: source-controller v1.8.1 NOT READY (InProgress Deployment does not have minimum availability.) · helm-controller v1.5.1 ready',
        tone: 'bad',
      },
      {
        text: 'reconcilers 1 failing, 4 suspended (running/failing/suspended): HelmRelease 42/1/3 · ResourceSet 3/0/1 · Kustomization 5/0/0',
        tone: 'bad',
      },
    ]);
  });

  it('says when the report is paused, and survives a hostile or empty report', () => {
    const paused = {
      ...report,
      metadata: { ...report.metadata, annotations: { 'fluxcd.controlplane.io/reconcile': 'disabled' } },
      spec: { ...report.spec, sync: undefined },
    };
    expect(fluxReportLines(readFluxReport(paused))[0]).toEqual({
      text: 'FluxReport flux-system/flux is suspended, figures not updated: report: Flux v2.8.3 Installed, managed by flux-operator (operator v0.58.1)',
      tone: 'warn',
    });
    const hostile = {
      spec: {
        distribution: { version: '\x1b[31mv2\x1b[0m' },
        components: 'nope',
        reconcilers: [{ kind: 'X', stats: { running: -4, failing: 'a' } }],
      },
    };
    expect(fluxReportLines(readFluxReport(hostile))).toEqual([{ text: 'report: Flux v2', tone: 'ok' }]);
    expect(fluxReportLines(readFluxReport(undefined))).toEqual([
      { text: 'report: Flux (version unknown)', tone: 'ok' },
    ]);
    expect(imageTag('ghcr.io/fluxcd/kustomize-controller:v1.3.0@sha256:48a0')).toBe('v1.3.0');
    expect(imageTag('localhost:5000/flux/source-controller')).toBe('localhost:5000/flux/source-controller');
  });
});
