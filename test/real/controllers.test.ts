// Which controller must answer, on a real API server: with no Flux controller Deployment, with one scaled
// to zero, and with one running. The harness creates the Deployments and writes their status (no
// controller-manager runs), and plays kustomize-controller's answer once it "runs".
import { expect, it } from 'vitest';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { staleBanner } from '../../src/hooks/use-summary.js';
import { actionRig } from './support/actions.js';
import { openConsole, rowOf, waitForSnapshot } from './support/console.js';
import { installController, scaleController } from './support/controllers.js';
import { answerReconciles, createFlux, objectUrl } from './support/flux.js';
import { realSuite } from './support/suite.js';

const apps: ObjectRef = { kind: 'Kustomization', namespace: 'team-a', name: 'apps' };
const web: ObjectRef = { kind: 'Kustomization', namespace: 'team-a', name: 'web' };

realSuite('actions know which controller must answer (real API server)', {}, (env) => {
  it('no controller: a banner, a warning, and a request that fails at once instead of waiting its timeout', async () => {
    await env().ensureNamespace('flux-system');
    await createFlux(env(), apps);
    const port = await openConsole(env(), 'admin');
    try {
      const snap = await waitForSnapshot(
        port,
        'apps listed and the Deployments read',
        (x) => rowOf(x, 'Kustomization/team-a/apps') !== undefined && x.controllers.state.phase === 'ready',
      );
      expect(snap.controllers.items).toEqual([]);
      expect(staleBanner(snap)).toBe(
        'no Flux controllers in flux-system: nothing reconciles — statuses are what the controllers last wrote',
      );
      const rig = actionRig(port, { timeoutMs: 120_000 });
      const plan = await rig.plan('reconcile', [apps]);
      expect(plan.warnings[0]).toMatch(
        /^No kustomize-controller Deployment in flux-system: nothing will handle this request\./,
      );
      const started = Date.now();
      const outcome = await rig.run(plan);
      expect(outcome).toEqual({
        status: 'failed',
        message:
          'The reconcile request on Kustomization team-a/apps was sent, but there is no kustomize-controller in flux-system: nothing will handle it. Start the controller, then reconcile again.',
      });
      // Long before the two-minute timeout: a safety margin, not a timing assertion.
      expect(Date.now() - started).toBeLessThan(60_000);
      const stored = await env().request({ path: objectUrl(apps) });
      expect(typeof field(stored, 'metadata', 'annotations', 'reconcile.fluxcd.io/requestedAt')).toBe(
        'string',
      );
    } finally {
      await port.close();
    }
  });

  it('scaled to zero: warned and failed at once; scaled up and answering: no warning, the request succeeds', async () => {
    await createFlux(env(), web);
    await installController(env(), 'kustomize-controller', 0);
    const port = await openConsole(env(), 'admin');
    try {
      await waitForSnapshot(port, 'scaled to zero seen', (x) =>
        x.controllers.items.some((d) => d.controller === 'kustomize-controller' && d.replicas === 0),
      );
      const rig = actionRig(port, { timeoutMs: 120_000 });
      const plan = await rig.plan('reconcile', [web]);
      expect(plan.warnings[0]).toBe(
        'kustomize-controller is scaled to zero: nothing will handle this request until it runs again (kubectl -n flux-system scale deployment kustomize-controller --replicas=1).',
      );
      expect((await rig.run(plan)).message).toMatch(
        /but kustomize-controller is scaled to zero: nothing will handle it\./,
      );

      await scaleController(env(), 'kustomize-controller', 1);
      await waitForSnapshot(port, 'running seen', (x) =>
        x.controllers.items.some((d) => d.controller === 'kustomize-controller' && d.readyReplicas === 1),
      );
      const stop = answerReconciles(env(), web, [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: 'Applied revision: main@sha1:abc',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ]);
      try {
        const again = await rig.plan('reconcile', [web]);
        expect(again.warnings.join('\n')).not.toMatch(/nothing will handle/);
        expect((await rig.run(again)).status).toBe('succeeded');
      } finally {
        await stop();
      }
      expect(staleBanner(port.getSnapshot())).toBeUndefined();
    } finally {
      await port.close();
    }
  });
});
