// Actions on a cluster where the controller that must answer is missing (not installed, scaled to zero) or
// not ready: the dialog warns before anything is sent, the wait ends at once instead of after its timeout,
// the progress line says what state the controller is in, and the header says when nothing reconciles.
import { afterEach, describe, expect, it } from 'vitest';
import { planAction, rebuildPlan } from '../../src/actions/registry.js';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { staleBanner } from '../../src/hooks/use-summary.js';
import { CORE_RESOURCES } from '../../src/sim/resources.js';
import { auditLines, hr, type Rig, run, startRig, stored } from './actions-support.js';
import { waitForSnapshot } from './kube-helpers.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const apps: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const requestedAt = (r: Rig, ref: ObjectRef) =>
  field(stored(r, ref), 'metadata', 'annotations', 'reconcile.fluxcd.io/requestedAt');

describe('no Flux controller installed', () => {
  it('warns in the plan, sends the request, fails at once saying nobody will handle it; the header says nothing reconciles', async () => {
    rig = await startRig({ fluxControllers: 'absent' });
    const r = rig;
    const snap = await waitForSnapshot(
      r.port,
      'deployments listed',
      (s) => s.controllers.state.phase === 'ready',
    );
    expect(snap.controllers.items).toEqual([]);
    expect(staleBanner(snap)).toBe(
      'no Flux controllers in flux-system: nothing reconciles — statuses are what the controllers last wrote',
    );

    const plan = await planAction('reconcile', [apps], r.ctx);
    expect(plan.warnings[0]).toBe(
      'No kustomize-controller Deployment in flux-system: nothing will handle this request. The change is written, but no controller acts on it until kustomize-controller is installed (flux check lists what is missing).',
    );
    const started = r.sim.clock.now();
    const outcome = await run(r, plan);
    expect(outcome).toEqual({
      status: 'failed',
      message:
        'The reconcile request on Kustomization flux-system/apps was sent, but there is no kustomize-controller in flux-system: nothing will handle it. Start the controller, then reconcile again.',
    });
    // At once, not after the five-minute timeout.
    expect(r.sim.clock.now() - started).toBeLessThan(60_000);
    expect(typeof requestedAt(r, apps)).toBe('string');
    expect(auditLines(r).map((l) => l['outcome'])).toEqual(['confirmed', 'failed']);
  });

  it('does not warn for suspend, which needs no controller', async () => {
    rig = await startRig({ fluxControllers: 'absent' });
    await waitForSnapshot(rig.port, 'deployments listed', (s) => s.controllers.state.phase === 'ready');
    const plan = await planAction('suspend', [apps], rig.ctx);
    expect(plan.warnings.join('\n')).not.toMatch(/nothing will handle/);
  });
});

describe('Flux controllers scaled to zero', () => {
  it('a rollback left suspended needs no controller; resumed, it warns with the command that starts helm-controller', async () => {
    rig = await startRig({ fluxControllers: 'scaled-to-zero' });
    const snap = await waitForSnapshot(
      rig.port,
      'deployments listed',
      (s) => s.controllers.state.phase === 'ready',
    );
    expect(snap.controllers.items.find((d) => d.controller === 'helm-controller')).toMatchObject({
      replicas: 0,
      readyReplicas: 0,
    });
    expect(staleBanner(snap)).toMatch(
      /^every Flux controller in flux-system is scaled to zero: nothing reconciles/,
    );
    // kyverno's Git still asks for the failing chart, so "leave suspended" is on: helm-controller is not needed.
    const plan = await planAction('rollback', [hr('kyverno')], rig.ctx);
    expect(plan.options.leaveSuspended).toBe(true);
    const warning =
      'helm-controller is scaled to zero: nothing will handle this request until it runs again (kubectl -n flux-system scale deployment helm-controller --replicas=1).';
    expect(plan.warnings).not.toContain(warning);
    const resumed = rebuildPlan(plan, rig.ctx, { ...plan.options, leaveSuspended: false });
    expect(resumed.warnings[0]).toBe(warning);
  });

  it('fails the wait at once; once scaled up again, the controller handles the request it never answered', async () => {
    rig = await startRig({ fluxControllers: 'scaled-to-zero' });
    const r = rig;
    await waitForSnapshot(r.port, 'deployments listed', (s) => s.controllers.state.phase === 'ready');
    const outcome = await run(r, await planAction('reconcile', [apps], r.ctx));
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe(
      'The reconcile request on Kustomization flux-system/apps was sent, but kustomize-controller is scaled to zero: nothing will handle it. Start the controller, then reconcile again.',
    );
    const token = requestedAt(r, apps);
    expect(field(stored(r, apps), 'status', 'lastHandledReconcileAt')).not.toBe(token);

    r.sim.fluxSystem.scale('kustomize-controller', 1);
    // The pod starts, the Deployment becomes ready, and the controller picks up the pending request.
    for (let i = 0; i < 200 && field(stored(r, apps), 'status', 'lastHandledReconcileAt') !== token; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await r.sim.clock.advance(500);
    }
    expect(field(stored(r, apps), 'status', 'lastHandledReconcileAt')).toBe(token);
    const up = await waitForSnapshot(
      r.port,
      'kustomize-controller ready',
      (s) => s.controllers.items.find((d) => d.controller === 'kustomize-controller')?.readyReplicas === 1,
    );
    expect(staleBanner(up)).toBeUndefined();
  });
});

describe('a controller with no ready pod', () => {
  it('keeps waiting, and the progress line says the controller is not ready', async () => {
    rig = await startRig({ timeoutMs: 20_000 });
    const r = rig;
    await waitForSnapshot(r.port, 'deployments listed', (s) => s.controllers.state.phase === 'ready');
    // A crash-looping controller: its Deployment asks for a replica, none is ready.
    r.sim.store.mutate(CORE_RESOURCES.deployments, 'flux-system', 'kustomize-controller', (d) => {
      Object.assign(d, { status: { ...(d['status'] as object), readyReplicas: 0, availableReplicas: 0 } });
    });
    await waitForSnapshot(
      r.port,
      'not ready seen',
      (s) => s.controllers.items.find((d) => d.controller === 'kustomize-controller')?.readyReplicas === 0,
    );
    const plan = await planAction('reconcile', [apps], r.ctx);
    expect(plan.warnings[0]).toMatch(
      /^kustomize-controller has no ready pod: the request waits until it runs/,
    );
    const outcome = await run(r, plan);
    expect(outcome.status).toBe('timed-out');
    expect(r.progress.map((p) => p.pending)).toContain(
      'kustomize-controller to handle the request on Kustomization flux-system/apps — kustomize-controller not ready (0 of 1 ready)',
    );
  });
});
