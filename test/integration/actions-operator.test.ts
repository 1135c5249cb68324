// The console against the simulated Flux Operator (the `operator` scenario, docs/flux-operator.md): the live
// port lists the operator's kinds and its own pod, and the actions reconcile, suspend and resume them the way
// the operator expects — through its annotations — with the outcomes it really gives.
import { afterEach, describe, expect, it } from 'vitest';
import { formatCommand } from '../../src/actions/commands.js';
import { controllerWarnings } from '../../src/actions/controller-check.js';
import { planAction } from '../../src/actions/registry.js';
import { readFluxReport } from '../../src/flux/flux-report.js';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { fluxReportLines } from '../../src/present/flux-report-lines.js';
import { auditLines, drive, type Rig, run, startRig, stored } from './actions-support.js';
import { waitForLogs, waitForSnapshot } from './kube-helpers.js';
import { until } from './sim-api-helpers.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const instance: ObjectRef = { kind: 'FluxInstance', namespace: 'flux-system', name: 'flux' };
const report: ObjectRef = { kind: 'FluxReport', namespace: 'flux-system', name: 'flux' };
const tenants: ObjectRef = { kind: 'ResourceSet', namespace: 'flux-system', name: 'tenants' };
const previews: ObjectRef = { kind: 'ResourceSet', namespace: 'preview', name: 'preview-envs' };

const start = () => startRig({ scenario: 'operator' });
const row = (r: Rig, key: string) =>
  r.port
    .getSnapshot()
    .kinds.get(key.split('/')[0] as 'ResourceSet')
    ?.rows.get(key);

describe('the console on a Flux Operator cluster', () => {
  it('lists the operator kinds, the operator itself, and the FluxReport the Controllers view shows', async () => {
    rig = await start();
    const snap = await waitForSnapshot(
      rig.port,
      'operator objects and the operator Deployment',
      (s) =>
        s.kinds.get('ResourceSet')?.rows.size === 2 &&
        s.controllers.items.some((d) => d.controller === 'flux-operator'),
    );
    expect(row(rig, 'ResourceSet/preview/preview-envs')).toMatchObject({
      health: 'Stalled',
      reason: 'BuildFailed',
    });
    // Its namespace, a ServiceAccount and a Deployment per component (six), and its sync GitRepository and
    // Kustomization.
    expect(row(rig, 'FluxInstance/flux-system/flux')).toMatchObject({
      health: 'Ready',
      extra: { VERSION: '2.x', RESOURCES: '15' },
    });
    expect(row(rig, 'ResourceSetInputProvider/preview/storefront-prs')).toMatchObject({
      health: 'Ready',
      extra: { TYPE: 'GitHubPullRequest', INPUTS: '2' },
    });
    expect(snap.pods.items.map((p) => p.controller)).toContain('flux-operator');
    const raw = snap.kinds.get('FluxReport')?.raw.get('FluxReport/flux-system/flux');
    const lines = fluxReportLines(readFluxReport(raw)).map((n) => n.text);
    expect(lines[0]).toBe(
      'report: Flux v2.8.3 Installed, managed by flux-operator (operator v0.58.1); sync kustomization/flux-system: ready',
    );
    expect(lines[2]).toMatch(
      /^reconcilers 1 failing, 0 suspended \(running\/failing\/suspended\): ResourceSet 2\/1\/0 · /,
    );
  });

  it("follows the operator's own log: its pod found by app.kubernetes.io/name", async () => {
    rig = await start();
    rig.port.followControllers(['flux-operator']);
    const logs = await waitForLogs(rig.port, 'operator lines', (l) =>
      l.entries.some(
        (e) =>
          e.controller === 'flux-operator' && e.line.kind === 'ResourceSet' && e.line.name === 'preview-envs',
      ),
    );
    const failed = logs.entries.find((e) => e.line.name === 'preview-envs');
    expect(failed?.line).toMatchObject({ level: 'error', message: 'Reconciler error' });
    expect(failed?.line.error).toMatch(/map has no entry for key "chartVersion"/);
  });

  it('reconciles the FluxInstance and waits for the operator: Ready at its revision, audited', async () => {
    rig = await start();
    await waitForSnapshot(
      rig.port,
      'flux listed',
      (s) => row(rig as Rig, 'FluxInstance/flux-system/flux') !== undefined && s.connection === 'live',
    );
    const plan = await planAction('reconcile', [instance], rig.ctx);
    expect(plan.warnings).toEqual([]);
    expect(plan.commands.map(formatCommand)[0]).toMatch(
      /^flux-operator reconcile instance flux -n flux-system --kube-context fluxdeck-sim --kubeconfig /,
    );
    expect(plan.commands[1]?.args.slice(0, 3)).toEqual(['annotate', 'fluxinstance', 'flux']);
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.message).toMatch(
      /^FluxInstance flux-system\/flux is Ready at revision v2\.8\.3@sha256:[0-9a-f]{64}: Reconciliation finished in \d+(ms|s)$/,
    );
    const token = field(stored(rig, instance), 'metadata', 'annotations', 'reconcile.fluxcd.io/requestedAt');
    expect(field(stored(rig, instance), 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(auditLines(rig).map((l) => [l['phase'], l['outcome']])).toEqual([
      ['intent', 'confirmed'],
      ['outcome', 'succeeded'],
    ]);
  });

  it("a stalled ResourceSet fails at once with the operator's words, not after the timeout", async () => {
    rig = await start();
    const plan = await planAction('reconcile', [previews], rig.ctx);
    const outcome = await run(rig, plan);
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome.message).toMatch(
      /^ResourceSet preview\/preview-envs failed: build failed: failed to build resources\[1\]: .*map has no entry for key "chartVersion"$/,
    );
  });

  it('suspend writes fluxcd.controlplane.io/reconcile=disabled; r on it resumes and reconciles; the ledger follows', async () => {
    rig = await start();
    const suspend = await planAction('suspend', [tenants], rig.ctx);
    expect(await run(rig, suspend)).toMatchObject({
      status: 'succeeded',
      message: 'ResourceSet flux-system/tenants is suspended.',
    });
    expect(field(stored(rig, tenants), 'metadata', 'annotations')).toMatchObject({
      'fluxcd.controlplane.io/reconcile': 'disabled',
      'fluxcd.controlplane.io/suspendedBy': 'oncall',
    });
    expect(field(stored(rig, tenants), 'spec', 'suspend')).toBeUndefined();
    await waitForSnapshot(
      rig.port,
      'tenants suspended',
      () => row(rig as Rig, 'ResourceSet/flux-system/tenants')?.health === 'Suspended',
    );
    expect(rig.ledger.getSnapshot().map((s) => s.key)).toEqual(['ResourceSet/flux-system/tenants']);
    // The operator reconciled on the annotation change and said it would not. That attempt finishes on the
    // simulator's virtual clock (20 ms), which the action's run may have stopped driving before it did.
    const disabled = () =>
      (rig as Rig).sim.store
        .list('events', 'flux-system')
        .filter(
          (e) =>
            field(e, 'involvedObject', 'name') === 'tenants' &&
            field(e, 'reason') === 'ReconciliationDisabled',
        );
    await drive(
      rig,
      until(() => disabled().length > 0, 5000, 'the ReconciliationDisabled event'),
      20,
    );
    expect(disabled()).toHaveLength(1);

    const again = await planAction('reconcile', [tenants], rig.ctx);
    expect(again.title).toBe('Resume and reconcile ResourceSet flux-system/tenants');
    expect(again.commands.map((c) => c.file)).toEqual(['flux-operator', 'kubectl']);
    const outcome = await run(rig, again);
    expect(outcome.status).toBe('succeeded');
    expect(field(stored(rig, tenants), 'metadata', 'annotations', 'fluxcd.controlplane.io/reconcile')).toBe(
      'enabled',
    );
    expect(
      field(stored(rig, tenants), 'metadata', 'annotations', 'fluxcd.controlplane.io/suspendedBy'),
    ).toBeUndefined();
    expect(rig.ledger.getSnapshot()).toEqual([]);
  });

  it('the report takes the request but records none: the action says so instead of waiting it out', async () => {
    rig = await start();
    const plan = await planAction('reconcile', [report], rig.ctx);
    expect(plan.commands.map((c) => c.file)).toEqual(['kubectl']);
    const outcome = await run(rig, plan);
    expect(outcome).toEqual({
      status: 'succeeded',
      message:
        'The reconcile request on FluxReport flux-system/flux was sent; flux-operator records no handled request for a FluxReport, so its answer is not awaited.',
      revision: '',
    });
    expect(field(stored(rig, report), 'metadata', 'annotations', 'reconcile.fluxcd.io/requestedAt')).toEqual(
      expect.any(String),
    );
  });

  it('with the operator scaled to zero the dialog warns and the request fails at once', async () => {
    rig = await start();
    rig.sim.fluxSystem.scale('flux-operator', 0);
    await waitForSnapshot(rig.port, 'operator scaled down', (s) =>
      s.controllers.items.some((d) => d.controller === 'flux-operator' && d.replicas === 0),
    );
    const plan = await planAction('reconcile', [instance], rig.ctx);
    expect(controllerWarnings(plan, rig.port.getSnapshot())[0]).toMatch(
      /^flux-operator is scaled to zero: nothing will handle this request/,
    );
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/but flux-operator is scaled to zero: nothing will handle it\./);
  });
});
