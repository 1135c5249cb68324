// The runbook's remediations against the simulated controllers, through the API on a virtual clock: the
// dependency chain recovering in order once kyverno is reset, the stuck release, invalid YAML fixed in Git,
// Git credentials fixed.
import { afterEach, describe, expect, it } from 'vitest';
import { field } from '../../src/flux/narrow.js';
import { CHAIN } from '../support/runbook-chain.js';
import {
  conditionOf,
  getFlux,
  helmRevisions,
  patchFlux,
  requestReconcile,
  settle,
  startRunbook,
  type TestCluster,
} from './sim-controllers-support.js';

/** kyverno's dependents in order, as [namespace, name] (each release lives in a namespace of its name). */
const DEPENDENTS: readonly [string, string][] = CHAIN.slice(CHAIN.indexOf('kyverno') + 1).map((n) => [n, n]);

let t: TestCluster | undefined;
afterEach(async () => {
  await t?.sim.stop();
  t = undefined;
});

describe('dependency chain', () => {
  it('stays stalled on a plain reconcile; a reset retries kyverno, then reconciling each dependent in order makes velero Ready', async () => {
    t = await startRunbook();
    const plain = await requestReconcile(t, 'HelmRelease', 'kyverno', 'kyverno');
    await settle(t);
    let kyverno = await getFlux(t, 'HelmRelease', 'kyverno', 'kyverno');
    expect(field(kyverno, 'status', 'lastHandledReconcileAt')).toBe(plain);
    expect(conditionOf(kyverno, 'Stalled')).toMatchObject({ status: 'True', reason: 'RetriesExceeded' });
    expect(conditionOf(kyverno, 'Ready')).toMatchObject({ status: 'False', reason: 'UpgradeFailed' });

    // Order matters: a dependent reconciled before its dependency is ready keeps waiting.
    await requestReconcile(t, 'HelmRelease', 'monitoring', 'monitoring');
    await settle(t);
    expect(conditionOf(await getFlux(t, 'HelmRelease', 'monitoring', 'monitoring'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'DependencyNotReady',
      message: "dependency 'kyverno/kyverno' is not ready",
    });

    const reset = await requestReconcile(t, 'HelmRelease', 'kyverno', 'kyverno', { reset: true });
    await settle(t);
    kyverno = await getFlux(t, 'HelmRelease', 'kyverno', 'kyverno');
    expect(field(kyverno, 'status', 'lastHandledReconcileAt')).toBe(reset);
    expect(field(kyverno, 'status', 'lastHandledResetAt')).toBe(reset);
    expect(conditionOf(kyverno, 'Stalled')).toBeUndefined();
    expect(conditionOf(kyverno, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'UpgradeSucceeded',
      message: 'Helm upgrade succeeded for release kyverno/kyverno.v9 with chart kyverno@3.3.0',
    });
    expect(field(kyverno, 'status', 'upgradeFailures')).toBeUndefined();
    const revisions = await helmRevisions(t, 'kyverno', 'kyverno');
    expect(revisions.slice(3).map((r) => `${r.version} ${r.status} ${r.chart}`)).toEqual([
      '4 superseded kyverno-3.2.6',
      '5 failed kyverno-3.3.0',
      '6 failed kyverno-3.3.0',
      '7 failed kyverno-3.3.0',
      '8 failed kyverno-3.3.0',
      '9 deployed kyverno-3.3.0',
    ]);

    const velero = DEPENDENTS.at(-1) as [string, string];
    for (const [namespace, name] of DEPENDENTS) {
      const token = await requestReconcile(t, 'HelmRelease', namespace, name);
      await settle(t);
      const hr = await getFlux(t, 'HelmRelease', namespace, name);
      expect(field(hr, 'status', 'lastHandledReconcileAt')).toBe(token);
      expect(conditionOf(hr, 'Ready')?.status, `${namespace}/${name}`).toBe('True');
      if (name !== velero[1]) {
        expect(conditionOf(await getFlux(t, 'HelmRelease', ...velero), 'Ready')?.reason).toBe(
          'DependencyNotReady',
        );
      }
    }
    expect(conditionOf(await getFlux(t, 'HelmRelease', ...velero), 'Ready')).toMatchObject({
      status: 'True',
      reason: 'UpgradeSucceeded',
    });
  });

  it('recovers on its own once kyverno is fixed: each dependent re-checks every 30 s', async () => {
    t = await startRunbook();
    await requestReconcile(t, 'HelmRelease', 'kyverno', 'kyverno', { reset: true });
    await settle(t);
    await t.sim.clock.advance(10 * 60_000);
    for (const [namespace, name] of DEPENDENTS) {
      expect(conditionOf(await getFlux(t, 'HelmRelease', namespace, name), 'Ready')?.status, name).toBe(
        'True',
      );
    }
  });
});

describe('HelmRelease stuck on another operation in progress', () => {
  it('recovers once its pending release Secret is deleted and it is resumed', async () => {
    t = await startRunbook();
    await t.core.deleteNamespacedSecret({ namespace: 'apps', name: 'sh.helm.release.v1.podinfo.v3' });
    const token = await requestReconcile(t, 'HelmRelease', 'apps', 'podinfo', { spec: { suspend: false } });
    await settle(t);
    const podinfo = await getFlux(t, 'HelmRelease', 'apps', 'podinfo');
    expect(field(podinfo, 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(conditionOf(podinfo, 'Ready')).toMatchObject({
      status: 'True',
      message: 'Helm upgrade succeeded for release apps/podinfo.v3 with chart podinfo@6.8.0',
    });
    expect(
      (await helmRevisions(t, 'apps', 'podinfo')).map((r) => `${r.version} ${r.status} ${r.chart}`),
    ).toEqual(['1 superseded podinfo-6.6.0', '2 superseded podinfo-6.7.0', '3 deployed podinfo-6.8.0']);
  });

  it('is unlocked by the controller itself when resumed with the pending Secret still there (helm-controller ≥ 0.37)', async () => {
    t = await startRunbook();
    await requestReconcile(t, 'HelmRelease', 'apps', 'podinfo', { spec: { suspend: false } });
    await settle(t);
    const revisions = await helmRevisions(t, 'apps', 'podinfo');
    expect(revisions.at(2)).toMatchObject({
      version: 3,
      status: 'failed',
      description: "Release unlocked from stale 'pending-upgrade' state",
    });
    expect(revisions.at(3)).toMatchObject({ version: 4, status: 'deployed', chart: 'podinfo-6.8.0' });
    expect(conditionOf(await getFlux(t, 'HelmRelease', 'apps', 'podinfo'), 'Ready')?.status).toBe('True');
    const events = await t.core.listNamespacedEvent({
      namespace: 'apps',
      fieldSelector: 'involvedObject.name=podinfo',
    });
    expect(events.items.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['PendingRelease', 'UpgradeSucceeded']),
    );
  });

  it('is left alone while suspended, whatever is requested', async () => {
    t = await startRunbook();
    const token = await requestReconcile(t, 'HelmRelease', 'apps', 'podinfo', { reset: true, force: true });
    await settle(t, 60_000);
    expect(
      field(await getFlux(t, 'HelmRelease', 'apps', 'podinfo'), 'status', 'lastHandledReconcileAt'),
    ).not.toBe(token);
    expect((await helmRevisions(t, 'apps', 'podinfo')).at(-1)).toMatchObject({
      version: 3,
      status: 'pending-upgrade',
    });
  });
});

describe('sources', () => {
  it('keeps platform-config on BuildFailed until the YAML is fixed in Git, then applies the new commit', async () => {
    t = await startRunbook();
    const before = await getFlux(t, 'Kustomization', 'flux-system', 'platform-config');
    await requestReconcile(t, 'Kustomization', 'flux-system', 'platform-config');
    await settle(t);
    const still = await getFlux(t, 'Kustomization', 'flux-system', 'platform-config');
    expect(conditionOf(still, 'Ready')).toMatchObject({ status: 'False', reason: 'BuildFailed' });
    expect(conditionOf(still, 'Reconciling')).toMatchObject({
      status: 'True',
      reason: 'ProgressingWithRetry',
    });
    expect(field(still, 'status', 'lastAppliedRevision')).toBe(
      field(before, 'status', 'lastAppliedRevision'),
    );

    expect(
      t.controllers.fixFault({ kind: 'Kustomization', namespace: 'flux-system', name: 'platform-config' }),
    ).toBe(true);
    await requestReconcile(t, 'GitRepository', 'flux-system', 'sre-platform');
    await settle(t, 10_000);
    const git = await getFlux(t, 'GitRepository', 'flux-system', 'sre-platform');
    const revision = String(field(git, 'status', 'artifact', 'revision'));
    expect(revision).not.toBe(field(before, 'status', 'lastAttemptedRevision'));
    // The new artifact revision triggers the Kustomizations that read it.
    const fixed = await getFlux(t, 'Kustomization', 'flux-system', 'platform-config');
    expect(conditionOf(fixed, 'Ready')).toMatchObject({
      status: 'True',
      message: `Applied revision: ${revision}`,
    });
    expect(field(fixed, 'status', 'lastAppliedRevision')).toBe(revision);
    // apps depends on infrastructure from the same source: it waits until infrastructure applied the revision too.
    const apps = await getFlux(t, 'Kustomization', 'flux-system', 'apps');
    expect(conditionOf(apps, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'DependencyNotReady',
      message: "dependency 'flux-system/infrastructure' revision is not up to date",
    });
    await t.sim.clock.advance(35_000);
    await settle(t);
    expect(
      field(await getFlux(t, 'Kustomization', 'flux-system', 'apps'), 'status', 'lastAppliedRevision'),
    ).toBe(revision);
  });

  it('fetches team-apps once its credentials are fixed, and its Kustomization applies', async () => {
    t = await startRunbook();
    await requestReconcile(t, 'GitRepository', 'flux-system', 'team-apps');
    await settle(t);
    expect(conditionOf(await getFlux(t, 'GitRepository', 'flux-system', 'team-apps'), 'Ready')).toMatchObject(
      { status: 'False', reason: 'AuthenticationFailed' },
    );
    t.controllers.fixFault({ kind: 'GitRepository', namespace: 'flux-system', name: 'team-apps' });
    await requestReconcile(t, 'GitRepository', 'flux-system', 'team-apps');
    await settle(t, 10_000);
    const git = await getFlux(t, 'GitRepository', 'flux-system', 'team-apps');
    expect(conditionOf(git, 'Ready')).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(conditionOf(git, 'FetchFailed')).toBeUndefined();
    expect(conditionOf(await getFlux(t, 'Kustomization', 'flux-system', 'team-apps'), 'Ready')).toMatchObject(
      { status: 'True', reason: 'ReconciliationSucceeded' },
    );
  });

  it('sets Ready=False with the dependency message on a Kustomization whose dependency is suspended and not ready', async () => {
    t = await startRunbook();
    await patchFlux(t, 'Kustomization', 'flux-system', 'infrastructure', {
      spec: { suspend: true, path: './infrastructure/staging' },
    });
    await requestReconcile(t, 'Kustomization', 'flux-system', 'apps');
    await settle(t);
    expect(conditionOf(await getFlux(t, 'Kustomization', 'flux-system', 'apps'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'DependencyNotReady',
      message: "dependency 'flux-system/infrastructure' is not ready",
    });
  });
});

describe('HelmRelease requests and Git changes', () => {
  it('forces an upgrade of an in-sync release when forceAt carries the request token', async () => {
    t = await startRunbook();
    const before = await helmRevisions(t, 'cert-manager', 'cert-manager');
    const token = await requestReconcile(t, 'HelmRelease', 'cert-manager', 'cert-manager', { force: true });
    await settle(t);
    const hr = await getFlux(t, 'HelmRelease', 'cert-manager', 'cert-manager');
    expect(field(hr, 'status', 'lastHandledForceAt')).toBe(token);
    const after = await helmRevisions(t, 'cert-manager', 'cert-manager');
    expect(after.map((r) => `${r.version} ${r.status}`)).toEqual([
      ...before.map((r) => `${r.version} ${r.status === 'deployed' ? 'superseded' : r.status}`),
      `${before.length + 1} deployed`,
    ]);
    // A second reconcile with the same (handled) token does not upgrade again.
    await patchFlux(t, 'HelmRelease', 'cert-manager', 'cert-manager', {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'again' } },
    });
    await settle(t);
    expect((await helmRevisions(t, 'cert-manager', 'cert-manager')).length).toBe(after.length);
  });

  it('starts over when Git pins kyverno back to the last good chart: failure counts reset and the upgrade succeeds', async () => {
    t = await startRunbook();
    const hr = await getFlux(t, 'HelmRelease', 'kyverno', 'kyverno');
    const chart = field(hr, 'spec', 'chart') as { spec: Record<string, unknown> };
    await patchFlux(t, 'HelmRelease', 'kyverno', 'kyverno', {
      spec: { chart: { spec: { ...chart.spec, version: '3.2.6' } } },
    });
    await settle(t, 10_000);
    const fixed = await getFlux(t, 'HelmRelease', 'kyverno', 'kyverno');
    expect(conditionOf(fixed, 'Ready')).toMatchObject({
      status: 'True',
      message: 'Helm upgrade succeeded for release kyverno/kyverno.v9 with chart kyverno@3.2.6',
    });
    expect(field(fixed, 'status', 'observedGeneration')).toBe(field(fixed, 'metadata', 'generation'));
    expect((await helmRevisions(t, 'kyverno', 'kyverno')).at(-1)).toMatchObject({
      version: 9,
      status: 'deployed',
      chart: 'kyverno-3.2.6',
    });
  });
});
