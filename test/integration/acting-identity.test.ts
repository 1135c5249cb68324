// Who acts, end to end against the simulator: the port asks the API server (SelfSubjectReview), and the
// dialog, the suspendedBy annotation and the audit log carry the authenticated name — or, when the server
// cannot say, the kubeconfig user name labelled as such.
import { afterEach, describe, expect, it } from 'vitest';
import { actor } from '../../src/actions/plan-common.js';
import { planAction, runAction } from '../../src/actions/registry.js';
import { EMPTY_SESSION } from '../../src/actions/session.js';
import type { ActionContext } from '../../src/actions/types.js';
import { field } from '../../src/flux/narrow.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { dialogModel } from '../../src/present/dialog.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { auditLines, drive, hr, type Rig, startRig, stored } from './actions-support.js';
import { isolatedEnv, waitForSnapshot } from './kube-helpers.js';

let rig: Rig | undefined;
let sim: SimHandle | undefined;
let port: ClusterPort | undefined;
afterEach(async () => {
  await rig?.stop();
  await port?.close();
  await sim?.stop();
  rig = undefined;
  port = undefined;
  sim = undefined;
});

/** The console's action context: who acts is read from the port, as useActions does. */
function actingCtx(r: Rig): ActionContext {
  return { ...r.ctx, user: actor(r.port.info) };
}

async function suspendAs(r: Rig, ctx: ActionContext) {
  const plan = await planAction('suspend', [hr('cert-manager')], ctx);
  const dialog = dialogModel(
    { ...EMPTY_SESSION, dialog: { phase: 'confirming', plan } },
    /prod/,
    r.port.info,
  );
  const outcome = await drive(
    r,
    runAction(plan, ctx, () => undefined, r.audit),
  );
  const annotations = (field(stored(r, hr('cert-manager')), 'metadata', 'annotations') ?? {}) as Record<
    string,
    string
  >;
  return { plan, dialog, outcome, suspendedBy: annotations['fluxcd.controlplane.io/suspendedBy'] };
}

describe('the acting identity', () => {
  it('is the user the API server authenticated, not the kubeconfig user entry name', async () => {
    rig = await startRig();
    const r = rig;
    expect(r.port.info.user).toBe('fluxdeck-sim');
    await expect.poll(() => r.port.info.identity).toEqual({ name: 'kubernetes-admin', source: 'server' });
    const { dialog, outcome, suspendedBy } = await suspendAs(rig, actingCtx(rig));
    expect(outcome.status).toBe('succeeded');
    expect(dialog?.user).toBe('kubernetes-admin');
    expect(dialog?.steps.join('\n')).toContain('record who (kubernetes-admin)');
    expect(suspendedBy).toBe('kubernetes-admin');
    const lines = auditLines(rig);
    expect(lines.map((l) => [l['phase'], l['user']])).toEqual([
      ['intent', 'kubernetes-admin'],
      ['outcome', 'kubernetes-admin'],
    ]);
  });

  it('falls back to the kubeconfig user name, labelled, when the review is forbidden', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    sim.faults.deny({ verb: 'create', resource: 'selfsubjectreviews' });
    const p = await createClusterPort({ kubeconfigPath: sim.kubeconfigPath, env: isolatedEnv() });
    port = p;
    await expect.poll(() => p.info.identity).toEqual({ name: 'fluxdeck-sim', source: 'kubeconfig' });
    expect(actor(p.info)).toBe('fluxdeck-sim (kubeconfig user name)');
  });

  it('records the labelled kubeconfig name in the annotation and the audit log when the server cannot say', async () => {
    rig = await startRig();
    const ctx = {
      ...rig.ctx,
      user: actor({ ...rig.port.info, identity: { name: 'fluxdeck-sim', source: 'kubeconfig' } }),
    };
    const { dialog, suspendedBy } = await suspendAs(rig, ctx);
    expect(dialog?.user).toBe('fluxdeck-sim (kubeconfig user name)');
    expect(suspendedBy).toBe('fluxdeck-sim (kubeconfig user name)');
    expect(auditLines(rig).map((l) => l['user'])).toEqual([
      'fluxdeck-sim (kubeconfig user name)',
      'fluxdeck-sim (kubeconfig user name)',
    ]);
  });

  it('opened while the server was down, asks again once the watches are live', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    await sim.faults.goAway();
    port = await createClusterPort({
      kubeconfigPath: sim.kubeconfigPath,
      env: isolatedEnv(),
      tuning: { backoffInitialMs: 20, backoffMaxMs: 200 },
    });
    const p = port;
    await expect.poll(() => p.info.identity).toEqual({ name: 'fluxdeck-sim', source: 'kubeconfig' });
    await sim.faults.comeBack();
    await waitForSnapshot(p, 'live', (s) => s.connection === 'live', 20_000);
    await expect
      .poll(() => p.info.identity, { timeout: 10_000 })
      .toEqual({ name: 'kubernetes-admin', source: 'server' });
  }, 30_000);
});
