// The Flux Operator's kinds on a real API server with the operator's own CRDs (test/fixtures/crds): the
// console lists them with their status from conditions, reads the FluxReport the CRD lets through, and
// suspends and resumes a ResourceSet with the `fluxcd.controlplane.io/reconcile` annotation — no flux-operator
// runs, so the harness writes status and answers the resume as the operator would (docs/flux-operator.md).
import { expect, it } from 'vitest';
import { readFluxReport } from '../../src/flux/flux-report.js';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { fluxReportLines } from '../../src/present/flux-report-lines.js';
import { actionRig } from './support/actions.js';
import { openConsole, rowOf, waitForSnapshot } from './support/console.js';
import type { Envtest } from './support/envtest.js';
import {
  answerReconciles,
  collection,
  createFlux,
  minimalSpec,
  objectUrl,
  setConditions,
  writeStatus,
} from './support/flux.js';
import { ApiError } from './support/http.js';
import { realSuite } from './support/suite.js';

const instance: ObjectRef = { kind: 'FluxInstance', namespace: 'flux-system', name: 'flux' };
const report: ObjectRef = { kind: 'FluxReport', namespace: 'flux-system', name: 'flux' };
const tenants: ObjectRef = { kind: 'ResourceSet', namespace: 'team-a', name: 'tenants' };
const previews: ObjectRef = { kind: 'ResourceSet', namespace: 'team-a', name: 'previews' };
const prs: ObjectRef = { kind: 'ResourceSetInputProvider', namespace: 'team-a', name: 'prs' };
const T0 = '2026-03-01T10:00:00Z';
const REVISION = `v2.8.3@sha256:${'4c'.repeat(32)}`;
const BUILD_ERROR =
  'build failed: failed to build resources[1]: failed to execute template: template: resourceset:13:24: executing "resourceset" at <inputs.chartVersion>: map has no entry for key "chartVersion"';

/** The operator's Deployment as its install manifests make it: labelled app.kubernetes.io/name only. */
async function installOperator(env: Envtest): Promise<void> {
  await env.ensureNamespace('flux-system');
  const labels = { 'app.kubernetes.io/name': 'flux-operator' };
  const path = '/apis/apps/v1/namespaces/flux-system/deployments';
  await env.request({
    method: 'POST',
    path,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'flux-operator', namespace: 'flux-system', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{ name: 'manager', image: 'ghcr.io/controlplaneio-fluxcd/flux-operator:v0.58.1' }],
          },
        },
      },
    },
  });
  await env.request({
    method: 'PATCH',
    path: `${path}/flux-operator/status`,
    contentType: 'application/merge-patch+json',
    body: { status: { observedGeneration: 1, replicas: 1, readyReplicas: 1, availableReplicas: 1 } },
  });
}

async function seed(env: Envtest): Promise<void> {
  await installOperator(env);
  await createFlux(env, instance);
  await writeStatus(env, instance, {
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: 'Reconciliation finished in 4s',
        lastTransitionTime: T0,
        observedGeneration: 1,
      },
    ],
    lastAppliedRevision: REVISION,
    lastAttemptedRevision: REVISION,
    inventory: {
      entries: [
        { id: 'flux-system_source-controller_apps_Deployment', v: 'v1' },
        { id: '_flux-system__Namespace', v: 'v1' },
      ],
    },
  });
  await createFlux(env, report);
  await writeStatus(env, report, {
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Succeeded',
        message: 'Reporting finished in 212ms',
        lastTransitionTime: T0,
        observedGeneration: 1,
      },
    ],
  });
  await env.request({
    method: 'PATCH',
    path: objectUrl(report),
    contentType: 'application/merge-patch+json',
    body: {
      spec: {
        distribution: {
          entitlement: 'Issued by controlplane',
          status: 'Installed',
          version: 'v2.8.3',
          managedBy: 'flux-operator',
        },
        operator: { apiVersion: 'fluxcd.controlplane.io/v1', version: 'v0.58.1', platform: 'linux/amd64' },
        components: [
          {
            name: 'kustomize-controller',
            ready: true,
            status: 'Current Deployment is available. Replicas: 1',
            image: 'ghcr.io/fluxcd/kustomize-controller:v1.8.1@sha256:48a0',
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
            apiVersion: 'fluxcd.controlplane.io/v1',
            kind: 'ResourceSet',
            stats: { running: 2, failing: 1, suspended: 0 },
          },
          {
            apiVersion: 'source.toolkit.fluxcd.io/v1',
            kind: 'GitRepository',
            stats: { running: 2, failing: 0, suspended: 0, totalSize: '3.7 MiB' },
          },
        ],
        sync: {
          id: 'kustomization/flux-system',
          path: 'clusters/production',
          ready: true,
          status: 'Applied revision: refs/heads/main@sha1:a90cd1ac',
          source: 'https://github.com/acme/fleet.git',
        },
      },
    },
  });
  await createFlux(env, prs);
  await setConditions(
    env,
    prs,
    [
      {
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: 'Reconciliation finished in 812ms',
        lastTransitionTime: T0,
      },
    ],
    {
      exportedInputs: [{ id: '142' }, { id: '157' }],
      lastExportedRevision: `sha256:${'9a'.repeat(32)}`,
    },
  );
  await createFlux(
    env,
    tenants,
    minimalSpec('ResourceSet', { inputs: [{ tenant: 'team-a' }, { tenant: 'team-b' }] }),
  );
  await setConditions(
    env,
    tenants,
    [
      {
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: 'Reconciliation finished in 2s',
        lastTransitionTime: T0,
      },
    ],
    {
      lastAppliedRevision: `sha256:${'1f'.repeat(32)}`,
      inventory: {
        entries: [
          { id: '_team-a__Namespace', v: 'v1' },
          { id: '_team-b__Namespace', v: 'v1' },
        ],
      },
    },
  );
  await createFlux(env, previews, {
    inputsFrom: [{ kind: 'ResourceSetInputProvider', name: 'prs' }],
    resources: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pr-<< inputs.id >>' } }],
  });
  await setConditions(env, previews, [
    { status: 'False', reason: 'BuildFailed', message: BUILD_ERROR, lastTransitionTime: T0 },
    { type: 'Stalled', status: 'True', reason: 'BuildFailed', message: BUILD_ERROR, lastTransitionTime: T0 },
  ]);
}

realSuite("Flux Operator kinds (real API server, the operator's CRDs)", {}, (env) => {
  it('the CRDs keep their rules: a FluxInstance must be named flux', async () => {
    await env().ensureNamespace('flux-system');
    const refused = await createFlux(env(), {
      kind: 'FluxInstance',
      namespace: 'flux-system',
      name: 'other',
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).body).toContain("the only accepted name for a FluxInstance is 'flux'");
  });

  it('lists the operator kinds with status from conditions, its columns, and the report as the Controllers view shows it', async () => {
    await seed(env());
    const port = await openConsole(env(), 'admin');
    try {
      const snap = await waitForSnapshot(
        port,
        'every operator object listed',
        (x) =>
          [
            'FluxInstance/flux-system/flux',
            'FluxReport/flux-system/flux',
            'ResourceSet/team-a/tenants',
            'ResourceSet/team-a/previews',
            'ResourceSetInputProvider/team-a/prs',
          ].every((k) => rowOf(x, k) !== undefined) &&
          x.controllers.items.some((d) => d.controller === 'flux-operator'),
      );
      expect(rowOf(snap, 'FluxInstance/flux-system/flux')).toMatchObject({
        health: 'Ready',
        ready: 'True',
        revision: 'v2.8.3@sha256:4c4c4c4c',
        extra: { VERSION: '2.x', RESOURCES: '2' },
        suspended: false,
      });
      expect(rowOf(snap, 'ResourceSet/team-a/previews')).toMatchObject({
        health: 'Stalled',
        ready: 'False',
        message: BUILD_ERROR,
      });
      expect(rowOf(snap, 'ResourceSet/team-a/tenants')).toMatchObject({
        health: 'Ready',
        extra: { INPUTS: '2', RESOURCES: '2' },
      });
      expect(rowOf(snap, 'ResourceSetInputProvider/team-a/prs')).toMatchObject({
        health: 'Ready',
        extra: { TYPE: 'Static', INPUTS: '2' },
      });
      expect(snap.kinds.get('ResourceSet')?.state).toEqual({
        phase: 'ready',
        apiVersion: 'fluxcd.controlplane.io/v1',
      });

      const raw = snap.kinds.get('FluxReport')?.raw.get('FluxReport/flux-system/flux');
      expect(fluxReportLines(readFluxReport(raw)).map((n) => n.text)).toEqual([
        'report: Flux v2.8.3 Installed, managed by flux-operator (operator v0.58.1); sync kustomization/flux-system: ready',
        'components: source-controller v1.8.1 NOT READY (InProgress Deployment does not have minimum availability.) · kustomize-controller v1.8.1 ready',
        'reconcilers 1 failing, 0 suspended (running/failing/suspended): ResourceSet 2/1/0 · GitRepository 2/0/0',
      ]);
    } finally {
      await port.close();
    }
  });

  it("suspends a ResourceSet with the operator's annotation, and resumes it once the operator answers", async () => {
    const port = await openConsole(env(), 'admin');
    const rig = actionRig(port, { timeoutMs: 60_000 });
    try {
      await waitForSnapshot(
        port,
        'tenants listed, the operator running',
        (x) =>
          rowOf(x, 'ResourceSet/team-a/tenants') !== undefined &&
          x.controllers.items.some((d) => d.controller === 'flux-operator' && d.readyReplicas === 1),
      );
      const plan = await rig.plan('suspend', [tenants], { reason: 'tenant migration' });
      expect(plan.refusal).toBeUndefined();
      expect(plan.commands[0]).toEqual({
        file: 'flux-operator',
        args: [
          'suspend',
          'rset',
          'tenants',
          '-n',
          'team-a',
          '--kube-context',
          'envtest',
          '--kubeconfig',
          env().kubeconfig('admin'),
        ],
      });
      expect(plan.commands[1]?.args.slice(0, 5)).toEqual([
        'annotate',
        'resourceset',
        'tenants',
        'fluxcd.controlplane.io/reconcile=disabled',
        'fluxcd.controlplane.io/suspendedBy=alice@example.com',
      ]);
      expect(await rig.run(plan)).toMatchObject({ status: 'succeeded' });
      const stored = await env().request({ path: objectUrl(tenants) });
      expect(field(stored, 'metadata', 'annotations')).toMatchObject({
        'fluxcd.controlplane.io/reconcile': 'disabled',
        'fluxcd.controlplane.io/suspendedBy': 'alice@example.com',
        'fluxdeck.dev/suspended-reason': 'tenant migration',
      });
      expect(field(stored, 'spec', 'suspend')).toBeUndefined();
      await waitForSnapshot(
        port,
        'tenants shown suspended',
        (x) => rowOf(x, 'ResourceSet/team-a/tenants')?.health === 'Suspended',
      );
      const audit = rig.auditLines();
      expect(audit.map((l) => [l['phase'], l['action'], l['outcome']])).toEqual([
        ['intent', 'suspend', 'confirmed'],
        ['outcome', 'suspend', 'succeeded'],
      ]);
      expect(String((audit[0]?.['commands'] as string[] | undefined)?.[0])).toMatch(
        /^flux-operator suspend rset tenants -n team-a /,
      );

      const stop = answerReconciles(env(), tenants, [
        {
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: 'Reconciliation finished in 1s',
          lastTransitionTime: '2026-03-01T11:00:00Z',
        },
      ]);
      try {
        const resume = await rig.plan('resume', [tenants]);
        expect(resume.commands.map((c) => c.file)).toEqual(['flux-operator', 'kubectl']);
        const outcome = await rig.run(resume);
        expect(outcome).toMatchObject({ status: 'succeeded' });
        expect(outcome.message).toMatch(/^ResourceSet team-a\/tenants is Ready at revision sha256:/);
      } finally {
        await stop();
      }
      const resumed = await env().request({ path: objectUrl(tenants) });
      expect(field(resumed, 'metadata', 'annotations', 'fluxcd.controlplane.io/reconcile')).toBe('enabled');
      expect(field(resumed, 'metadata', 'annotations', 'fluxcd.controlplane.io/suspendedBy')).toBeUndefined();
      expect(collection('ResourceSet', 'team-a')).toBe(
        '/apis/fluxcd.controlplane.io/v1/namespaces/team-a/resourcesets',
      );
    } finally {
      await port.close();
    }
  });
});
