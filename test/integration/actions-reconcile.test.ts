// Reconcile, reconcile with source, cancel, read-only and RBAC against the simulated runbook cluster.
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditCancelled,
  planAction,
  READONLY_REFUSAL,
  rebuildPlan,
  runAction,
} from '../../src/actions/registry.js';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { auditLines, hr, patchedKeys, type Rig, readyOf, run, startRig, stored } from './actions-support.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const platformConfig: ObjectRef = {
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'platform-config',
};

describe('reconcile', () => {
  it('patches a fresh token and succeeds once lastHandledReconcileAt equals it and the object is Ready', async () => {
    rig = await startRig();
    const plan = await planAction('reconcile', [hr('cert-manager')], rig.ctx);
    expect(plan.refusal).toBeUndefined();
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.message).toMatch(/^HelmRelease cert-manager\/cert-manager is Ready at revision v1\.16\.2/);
    const token = field(rig.patches[0]?.patch, 'metadata', 'annotations', 'reconcile.fluxcd.io/requestedAt');
    expect(typeof token).toBe('string');
    expect(field(stored(rig, hr('cert-manager')), 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(rig.progress.at(-1)).toMatchObject({ step: 1, total: 1 });
    expect(auditLines(rig).map((l) => l['outcome'])).toEqual(['confirmed', 'succeeded']);
  });

  it('reports the controller’s failure as soon as it has handled the request, not at the timeout', async () => {
    rig = await startRig();
    const plan = await planAction('reconcile', [platformConfig], rig.ctx);
    const before = rig.sim.clock.now();
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/^Kustomization flux-system\/platform-config failed: /);
    expect(outcome.message).toContain(readyMessage(rig, platformConfig).slice(0, 60));
    // Ended by the controller's answer, before the timeout (the virtual clock moves while real I/O runs, so
    // how far it got depends on this machine's speed; the timeout is the line that matters).
    expect(rig.sim.clock.now() - before).toBeLessThan(rig.ctx.timeoutMs);
  });

  it('a stalled HelmRelease reconciled without reset reports the controller’s words at once', async () => {
    rig = await startRig();
    const draft = await planAction('reconcile', [hr('kyverno')], rig.ctx);
    // Reset is preselected for a stalled release (the runbook's step 3); turn it off to see the stall.
    expect(draft.options.reset).toBe(true);
    const plan = rebuildPlan(draft, rig.ctx, { ...draft.options, reset: false });
    expect(plan.warnings).toContain(
      'HelmRelease kyverno/kyverno is stalled (retries exhausted): without reset it will not try again.',
    );
    const before = rig.sim.clock.now();
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/^HelmRelease kyverno\/kyverno failed: \S/);
    // Ended by the controller's answer, before the timeout (the virtual clock moves while real I/O runs, so
    // how far it got depends on this machine's speed; the timeout is the line that matters).
    expect(rig.sim.clock.now() - before).toBeLessThan(rig.ctx.timeoutMs);
  });

  it('with source: a HelmRelease from spec.chart reconciles the chart source, then the HelmChart, then itself', async () => {
    rig = await startRig();
    const plan = await planAction('reconcile-with-source', [hr('cert-manager')], rig.ctx);
    expect(plan.refusal).toBeUndefined();
    expect(plan.facts.chain?.map((l) => l.ref.kind)).toEqual(['HelmRepository', 'HelmChart', 'HelmRelease']);
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(rig.patches.map((p) => p.ref.kind)).toEqual(['HelmRepository', 'HelmChart', 'HelmRelease']);
    expect(patchedKeys(rig)[1]).toBe('HelmChart/flux-system/cert-manager-cert-manager');
    expect(rig.progress.map((p) => p.step).filter((s, i, a) => a.indexOf(s) === i)).toEqual([1, 2, 3]);
  });

  it('one plan over several marked objects', async () => {
    rig = await startRig();
    const plan = await planAction(
      'reconcile',
      [hr('cert-manager'), hr('istio-system', 'istio-base')],
      rig.ctx,
    );
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(patchedKeys(rig).sort()).toEqual([
      'HelmRelease/cert-manager/cert-manager',
      'HelmRelease/istio-system/istio-base',
    ]);
  });
});

function readyMessage(r: Rig, ref: ObjectRef): string {
  const conditions = (field(stored(r, ref), 'status', 'conditions') ?? []) as {
    type: string;
    message: string;
  }[];
  return conditions.find((c) => c.type === 'Ready')?.message ?? '';
}

describe('refusals and cancellation', () => {
  it('cancel leaves everything untouched and is audited', async () => {
    rig = await startRig();
    const before = stored(rig, hr('kyverno'));
    const plan = await planAction('rollback', [hr('kyverno')], rig.ctx);
    expect(plan.refusal).toBeUndefined();
    expect(await auditCancelled(plan, rig.ctx, rig.audit)).toBeUndefined();
    expect(rig.patches).toEqual([]);
    expect(field(stored(rig, hr('kyverno')), 'metadata', 'resourceVersion')).toBe(
      field(before, 'metadata', 'resourceVersion'),
    );
    expect(auditLines(rig)).toEqual([
      expect.objectContaining({
        action: 'rollback',
        outcome: 'cancelled',
        targets: ['HelmRelease/kyverno/kyverno'],
      }),
    ]);
  });

  it('read-only refuses every action with a sentence and writes nothing', async () => {
    rig = await startRig({ readonly: true });
    for (const action of ['reconcile', 'suspend', 'rollback', 'clear-helm-lock', 'fix-chain'] as const) {
      const plan = await planAction(action, [hr('kyverno')], rig.ctx);
      expect(plan.refusal).toBe(READONLY_REFUSAL);
      const outcome = await runAction(plan, rig.ctx, () => undefined, rig.audit);
      expect(outcome).toEqual({ status: 'failed', message: READONLY_REFUSAL });
    }
    expect(rig.patches).toEqual([]);
    expect(auditLines(rig)).toEqual([]);
  });

  it('an RBAC denial of the patch says who may not do what, and the outcome is audited', async () => {
    rig = await startRig();
    rig.sim.faults.deny({ verb: 'patch', resource: 'helmreleases' });
    const plan = await planAction('reconcile', [hr('cert-manager')], rig.ctx);
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(
      /^Forbidden by RBAC: user \S+ may not patch helmreleases\.helm\.toolkit\.fluxcd\.io in namespace cert-manager, so HelmRelease cert-manager\/cert-manager could not be changed\.$/,
    );
    expect(auditLines(rig).map((l) => l['outcome'])).toEqual(['confirmed', 'failed']);
    expect(readyOf(stored(rig, hr('cert-manager')))).toBe('True');
  });
});
