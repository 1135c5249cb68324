// Suspend/resume with annotations and the ledger, clearing the stuck Helm lock, and fixing the dependency
// chain — against the simulated runbook cluster.
import { afterEach, describe, expect, it } from 'vitest';
import { planAction, rebuildPlan } from '../../src/actions/registry.js';
import { field } from '../../src/flux/narrow.js';
import { CHAIN } from '../support/runbook-chain.js';
import { hr, patchedKeys, type Rig, readyOf, run, startRig, stored } from './actions-support.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const annotations = (r: Rig, ns: string, name = ns) =>
  (field(stored(r, hr(ns, name)), 'metadata', 'annotations') ?? {}) as Record<string, string>;

describe('suspend and resume', () => {
  it('suspend records who and why and lists the object in the ledger; resume clears both and waits for Ready', async () => {
    rig = await startRig();
    const draft = await planAction('suspend', [hr('cert-manager')], rig.ctx);
    const plan = rebuildPlan(draft, rig.ctx, { ...draft.options, reason: 'CHG-1234 cert rotation' });
    const suspended = await run(rig, plan);
    expect(suspended).toMatchObject({
      status: 'succeeded',
      message: 'HelmRelease cert-manager/cert-manager is suspended.',
    });
    expect(field(stored(rig, hr('cert-manager')), 'spec', 'suspend')).toBe(true);
    expect(annotations(rig, 'cert-manager')).toMatchObject({
      'fluxcd.controlplane.io/suspendedBy': 'oncall',
      'fluxdeck.dev/suspended-reason': 'CHG-1234 cert rotation',
    });
    expect(rig.ledger.getSnapshot()).toMatchObject([
      {
        key: 'HelmRelease/cert-manager/cert-manager',
        by: 'oncall',
        reason: 'CHG-1234 cert rotation',
        via: 'suspend',
      },
    ]);

    const resume = await planAction('resume', [hr('cert-manager')], rig.ctx);
    const resumed = await run(rig, resume);
    expect(resumed.status).toBe('succeeded');
    const after = stored(rig, hr('cert-manager'));
    expect(field(after, 'spec', 'suspend')).toBe(false);
    expect(annotations(rig, 'cert-manager')['fluxcd.controlplane.io/suspendedBy']).toBeUndefined();
    expect(annotations(rig, 'cert-manager')['fluxdeck.dev/suspended-reason']).toBeUndefined();
    const token = annotations(rig, 'cert-manager')['reconcile.fluxcd.io/requestedAt'];
    expect(field(after, 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(readyOf(after)).toBe('True');
    expect(rig.ledger.getSnapshot()).toEqual([]);
  });

  it('reconcile on a suspended object resumes it instead', async () => {
    rig = await startRig();
    const plan = await planAction('reconcile', [hr('backstage')], rig.ctx);
    expect(plan.title).toBe('Resume and reconcile HelmRelease backstage/backstage');
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(field(stored(rig, hr('backstage')), 'spec', 'suspend')).toBe(false);
  });
});

describe('clear a stuck Helm lock', () => {
  it('deletes only podinfo’s pending-upgrade Secret; resumed by consent, it reconciles Ready', async () => {
    rig = await startRig();
    const helmSecrets = () =>
      (rig as Rig).sim.store
        .list('secrets', 'apps')
        .filter((s) => s.metadata.labels?.['owner'] === 'helm' && s.metadata.labels?.['name'] === 'podinfo')
        .map((s) => `${s.metadata.name}:${s.metadata.labels?.['status']}`)
        .sort();
    const before = helmSecrets();
    const pending = before.filter((s) => s.endsWith(':pending-upgrade'));
    expect(pending).toHaveLength(1);
    const draft = await planAction('clear-helm-lock', [hr('apps', 'podinfo')], rig.ctx);
    expect(draft.refusal).toBeUndefined();
    expect(draft.details?.lines[0]).toMatch(/pending-upgrade/);
    // jane.doe suspended podinfo, not the acting user: resuming is off until the user opts in.
    expect(draft.options.resume).toBe(false);
    expect(draft.warnings[0]).toMatch(
      /^podinfo was suspended by jane\.doe@acme\.example: it stays suspended/,
    );
    const plan = rebuildPlan(draft, rig.ctx, { ...draft.options, resume: true });
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    const lock = pending[0]?.split(':')[0];
    // Exactly one Secret was deleted, the lock; the upgrade that followed wrote its revision anew.
    const deletes = rig.sim.faults.requests().filter((r) => r.verb === 'delete' && r.resource === 'secrets');
    expect(deletes.map((r) => r.path.split('/').at(-1))).toEqual([lock]);
    expect(helmSecrets().filter((s) => s.includes(':pending-'))).toEqual([]);
    expect(helmSecrets()).toContain(`${lock}:deployed`);
    const podinfo = stored(rig, hr('apps', 'podinfo'));
    expect(field(podinfo, 'spec', 'suspend')).toBe(false);
    expect(readyOf(podinfo)).toBe('True');
  });

  it('refuses with a sentence when the release holds no lock', async () => {
    rig = await startRig();
    const plan = await planAction('clear-helm-lock', [hr('cert-manager')], rig.ctx);
    expect(plan.refusal).toMatch(
      /^Release cert-manager has no pending-install, pending-upgrade or pending-rollback revision \(newest: v\d+ deployed/,
    );
  });
});

describe('fix the dependency chain', () => {
  it('from velero: kyverno first with reset, then each dependent in order; velero ends Ready', async () => {
    rig = await startRig();
    expect(readyOf(stored(rig, hr('velero')))).toBe('False');
    const plan = await planAction('fix-chain', [hr('velero')], rig.ctx);
    expect(plan.refusal).toBeUndefined();
    const names = plan.targets.map((t) => t.name);
    expect(names[0]).toBe('kyverno');
    expect(names.at(-1)).toBe('velero');
    expect(plan.facts.chain?.[0]?.reset).toBe(true);
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(patchedKeys(rig)).toEqual(plan.targets.map((t) => `HelmRelease/${t.namespace}/${t.name}`));
    expect(readyOf(stored(rig, hr('velero')))).toBe('True');
    expect(readyOf(stored(rig, hr('kyverno')))).toBe('True');
  });

  it('from kyverno, the root: it and everything it blocks, down to velero', async () => {
    rig = await startRig();
    const plan = await planAction('fix-chain', [hr('kyverno')], rig.ctx);
    expect(plan.targets.map((t) => t.name)).toEqual(CHAIN.slice(CHAIN.indexOf('kyverno')));
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(readyOf(stored(rig, hr('velero')))).toBe('True');
  });
});
