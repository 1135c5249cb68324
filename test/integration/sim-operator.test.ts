// The simulated Flux Operator through the simulator's HTTPS API (client-node), on a virtual clock: the
// `operator` scenario's objects, reconcile requests, and `fluxcd.controlplane.io/reconcile: disabled|enabled`
// handled as flux-operator does — including what it does not do (docs/flux-operator.md).
import { afterEach, describe, expect, it } from 'vitest';
import { parseLogLine } from '../../src/flux/logs.js';
import { field } from '../../src/flux/narrow.js';
import {
  conditionOf,
  getFlux,
  patchFlux,
  requestReconcile,
  settle,
  startRunbook,
  type TestCluster,
} from './sim-controllers-support.js';

let t: TestCluster | undefined;
afterEach(async () => {
  await t?.sim.stop();
  t = undefined;
});

const start = () => startRunbook({ scenario: 'operator' });

async function operatorLog(c: TestCluster): Promise<string[]> {
  const pods = await c.core.listNamespacedPod({
    namespace: 'flux-system',
    labelSelector: 'app.kubernetes.io/name=flux-operator',
  });
  const pod = pods.items[0]?.metadata?.name ?? '';
  const text = await c.core.readNamespacedPodLog({
    name: pod,
    namespace: 'flux-system',
    container: 'manager',
  });
  return String(text)
    .split('\n')
    .filter((l) => l !== '');
}

async function eventsOf(c: TestCluster, namespace: string, name: string) {
  const list = await c.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` });
  return list.items;
}

describe('simulated Flux Operator', () => {
  it('seeds a FluxInstance-managed cluster: instance, report, resource sets, input provider, operator pod', async () => {
    t = await start();
    await settle(t);
    const instance = await getFlux(t, 'FluxInstance', 'flux-system', 'flux');
    expect(conditionOf(instance, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'ReconciliationSucceeded',
    });
    expect(field(instance, 'status', 'lastAppliedRevision')).toMatch(/^v2\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    expect(field(instance, 'status', 'components')).toHaveLength(6);
    expect(field(instance, 'status', 'observedGeneration')).toBeUndefined();

    const report = await getFlux(t, 'FluxReport', 'flux-system', 'flux');
    expect(field(report, 'spec', 'distribution')).toMatchObject({
      status: 'Installed',
      managedBy: 'flux-operator',
    });
    expect(field(report, 'spec', 'components')).toHaveLength(6);
    const reconcilers = field(report, 'spec', 'reconcilers') as {
      kind: string;
      stats: Record<string, number>;
    }[];
    expect(reconcilers.find((r) => r.kind === 'ResourceSet')?.stats).toMatchObject({
      running: 2,
      failing: 1,
      suspended: 0,
    });
    expect(field(report, 'spec', 'sync')).toMatchObject({ id: 'kustomization/flux-system', ready: true });

    const preview = await getFlux(t, 'ResourceSet', 'preview', 'preview-envs');
    expect(conditionOf(preview, 'Stalled')).toMatchObject({ status: 'True', reason: 'BuildFailed' });
    expect(conditionOf(preview, 'Ready')?.message).toMatch(
      /^build failed: failed to build resources\[1\]: failed to execute template: template: resourceset:\d+:\d+: executing "resourceset" at <inputs\.chartVersion>: map has no entry for key "chartVersion"$/,
    );
    const tenants = await getFlux(t, 'ResourceSet', 'flux-system', 'tenants');
    expect(field(tenants, 'status', 'inventory', 'entries')).toContainEqual({
      id: 'team-a_flux__ServiceAccount',
      v: 'v1',
    });
    const sa = await t.core.readNamespacedServiceAccount({ name: 'flux', namespace: 'team-b' });
    expect(sa.metadata?.labels).toMatchObject({
      'resourceset.fluxcd.controlplane.io/name': 'tenants',
      'resourceset.fluxcd.controlplane.io/namespace': 'flux-system',
    });
  });

  it('labels what the instance and the ResourceSets apply as the operator does, so their label selectors find it', async () => {
    t = await start();
    await settle(t);
    const instance = 'fluxcd.controlplane.io/name=flux,fluxcd.controlplane.io/namespace=flux-system';
    const names = (items: { metadata?: { name?: string } }[]) => items.map((i) => i.metadata?.name).sort();
    // The controllers the instance installs (seeded before it, taken over by its server-side apply).
    const deployments = (await t.custom.listClusterCustomObject({
      group: 'apps',
      version: 'v1',
      plural: 'deployments',
      labelSelector: instance,
    })) as { items: { metadata?: { name?: string } }[] };
    expect(names(deployments.items)).toHaveLength(6);
    expect(names(deployments.items)).toContain('source-controller');
    expect(names((await t.core.listNamespace({ labelSelector: instance })).items)).toEqual(['flux-system']);
    // Its sync objects, named after its namespace (spec.sync has no name), in its inventory.
    const inventory = (await getFlux(t, 'FluxInstance', 'flux-system', 'flux')) as {
      status: { inventory: { entries: { id: string }[] } };
    };
    expect(inventory.status.inventory.entries.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        'flux-system_flux-system_source.toolkit.fluxcd.io_GitRepository',
        'flux-system_flux-system_kustomize.toolkit.fluxcd.io_Kustomization',
      ]),
    );
    // The owner labels and the operator build's LabelTransformer, the keys the real operator sets
    // (test/real/operator-trace.test.ts applies the same on a real API server).
    const byInstance = {
      'app.kubernetes.io/instance': 'flux-system',
      'app.kubernetes.io/managed-by': 'flux-operator',
      'app.kubernetes.io/part-of': 'flux',
      'app.kubernetes.io/version': 'v2.8.3',
      'fluxcd.controlplane.io/name': 'flux',
      'fluxcd.controlplane.io/namespace': 'flux-system',
    };
    for (const kind of ['GitRepository', 'Kustomization'] as const)
      expect(field(await getFlux(t, kind, 'flux-system', 'flux-system'), 'metadata', 'labels')).toEqual(
        byInstance,
      );
    const controller = deployments.items.find((d) => d.metadata?.name === 'source-controller');
    expect(field(controller, 'metadata', 'labels')).toMatchObject(byInstance);
    // The tenants' namespaces by the ResourceSet's labels; the ResourceSets by the sync Kustomization's.
    expect(
      names(
        (await t.core.listNamespace({ labelSelector: 'resourceset.fluxcd.controlplane.io/name=tenants' }))
          .items,
      ),
    ).toEqual(['team-a', 'team-b']);
    expect(field(await getFlux(t, 'ResourceSet', 'flux-system', 'tenants'), 'metadata', 'labels')).toEqual({
      'kustomize.toolkit.fluxcd.io/name': 'flux-system',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
    });
  });

  it('answers a reconcile request: lastHandledReconcileAt is the token, Ready again, an event and a log line', async () => {
    t = await start();
    await settle(t);
    const before = await operatorLog(t);
    const token = await requestReconcile(t, 'ResourceSet', 'flux-system', 'tenants');
    await settle(t);
    const tenants = await getFlux(t, 'ResourceSet', 'flux-system', 'tenants');
    expect(field(tenants, 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(conditionOf(tenants, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'ReconciliationSucceeded',
    });
    expect(conditionOf(tenants, 'Ready')?.message).toMatch(/^Reconciliation finished in \d+(ms|s)$/);
    expect(conditionOf(tenants, 'Reconciling')).toBeUndefined();
    const added = (await operatorLog(t)).slice(before.length).map(parseLogLine);
    expect(added).toContainEqual(
      expect.objectContaining({ kind: 'ResourceSet', name: 'tenants', level: 'info' }),
    );
    const events = await eventsOf(t, 'flux-system', 'tenants');
    expect(events.map((e) => e.reason)).toContain('ReconciliationSucceeded');
    expect(events[0]?.source?.component).toBe('flux-operator');
  });

  it('a stalled ResourceSet fails again on request, with the same words', async () => {
    t = await start();
    await settle(t);
    const token = await requestReconcile(t, 'ResourceSet', 'preview', 'preview-envs');
    await settle(t);
    const preview = await getFlux(t, 'ResourceSet', 'preview', 'preview-envs');
    expect(field(preview, 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(conditionOf(preview, 'Stalled')?.status).toBe('True');
    expect(conditionOf(preview, 'Ready')?.message).toMatch(/map has no entry for key "chartVersion"$/);
  });

  it('disabled: a request is recorded as handled but nothing is reconciled; Ready stays as it was', async () => {
    t = await start();
    await settle(t);
    const readyBefore = conditionOf(await getFlux(t, 'ResourceSet', 'flux-system', 'tenants'), 'Ready');
    await patchFlux(t, 'ResourceSet', 'flux-system', 'tenants', {
      metadata: { annotations: { 'fluxcd.controlplane.io/reconcile': 'disabled' } },
    });
    await settle(t);
    const token = await requestReconcile(t, 'ResourceSet', 'flux-system', 'tenants');
    await settle(t);
    const tenants = await getFlux(t, 'ResourceSet', 'flux-system', 'tenants');
    expect(field(tenants, 'status', 'lastHandledReconcileAt')).toBe(token);
    // The unkind part: still Ready=True, the same condition, although nothing reconciles it.
    expect(conditionOf(tenants, 'Ready')).toEqual(readyBefore);
    const disabled = (await eventsOf(t, 'flux-system', 'tenants')).find(
      (e) => e.reason === 'ReconciliationDisabled',
    );
    expect(disabled).toMatchObject({ type: 'Warning', message: 'Reconciliation is disabled' });
    expect((disabled?.count ?? 0) >= 2).toBe(true);
    const lines = (await operatorLog(t)).map(parseLogLine);
    expect(lines).toContainEqual(
      expect.objectContaining({ name: 'tenants', level: 'error', message: 'Reconciliation is disabled' }),
    );

    await patchFlux(t, 'ResourceSet', 'flux-system', 'tenants', {
      metadata: {
        annotations: {
          'fluxcd.controlplane.io/reconcile': 'enabled',
          'reconcile.fluxcd.io/requestedAt': 'resume-1',
        },
      },
    });
    await settle(t);
    const resumed = await getFlux(t, 'ResourceSet', 'flux-system', 'tenants');
    expect(field(resumed, 'status', 'lastHandledReconcileAt')).toBe('resume-1');
    expect(conditionOf(resumed, 'Ready')?.lastTransitionTime).not.toBe(readyBefore?.lastTransitionTime);
  });

  it('the report: recomputed on any annotation change, never records a handled request, does nothing while disabled', async () => {
    t = await start();
    await settle(t);
    await patchFlux(t, 'ResourceSet', 'flux-system', 'tenants', {
      metadata: { annotations: { 'fluxcd.controlplane.io/reconcile': 'disabled' } },
    });
    await settle(t);
    const token = await requestReconcile(t, 'FluxReport', 'flux-system', 'flux');
    await settle(t);
    const report = await getFlux(t, 'FluxReport', 'flux-system', 'flux');
    expect(field(report, 'status', 'lastHandledReconcileAt')).toBeUndefined();
    expect(token).not.toBe('');
    const reconcilers = field(report, 'spec', 'reconcilers') as {
      kind: string;
      stats: Record<string, number>;
    }[];
    expect(reconcilers.find((r) => r.kind === 'ResourceSet')?.stats).toMatchObject({
      running: 1,
      suspended: 1,
    });

    await patchFlux(t, 'FluxReport', 'flux-system', 'flux', {
      metadata: { annotations: { 'fluxcd.controlplane.io/reconcile': 'disabled' } },
    });
    await settle(t);
    await patchFlux(t, 'ResourceSet', 'flux-system', 'tenants', {
      metadata: { annotations: { 'fluxcd.controlplane.io/reconcile': 'enabled' } },
    });
    await requestReconcile(t, 'FluxReport', 'flux-system', 'flux');
    await settle(t);
    const frozen = await getFlux(t, 'FluxReport', 'flux-system', 'flux');
    const stats = (
      field(frozen, 'spec', 'reconcilers') as { kind: string; stats: Record<string, number> }[]
    ).find((r) => r.kind === 'ResourceSet')?.stats;
    expect(stats).toMatchObject({ suspended: 1 });
  });

  it('nothing reconciles the operator kinds while the operator is scaled to zero', async () => {
    t = await start();
    await settle(t);
    t.sim.fluxSystem.scale('flux-operator', 0);
    await settle(t);
    const token = await requestReconcile(t, 'FluxInstance', 'flux-system', 'flux');
    await settle(t);
    const instance = await getFlux(t, 'FluxInstance', 'flux-system', 'flux');
    expect(field(instance, 'status', 'lastHandledReconcileAt')).not.toBe(token);
    t.sim.fluxSystem.scale('flux-operator', 1);
    await t.sim.clock.advance(3000); // its new pod starts and becomes ready
    await settle(t);
    const after = await getFlux(t, 'FluxInstance', 'flux-system', 'flux');
    expect(field(after, 'status', 'lastHandledReconcileAt')).toBe(token);
  });
});
