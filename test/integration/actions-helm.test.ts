// Rollback of kyverno through helm: without helm (the commands to run by hand, and the state it is left in),
// through the simulator's helm shim (suspend → helm rollback → resume), a rollback Helm records as failed,
// and a resume that makes helm-controller upgrade to the failed chart again.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planAction, rebuildPlan } from '../../src/actions/registry.js';
import type { ActionPlan } from '../../src/actions/types.js';
import { field } from '../../src/flux/narrow.js';
import type { SimControllersWithFaults } from '../../src/sim/controllers/index.js';
import { writeHelmShim } from '../../src/sim/helm/shim.js';
import { KYVERNO_UPGRADE_ERROR } from '../../src/sim/scenario/runbook-chain.js';
import { auditLines, hr, type Rig, readyOf, run, startRig, stored } from './actions-support.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const kyverno = hr('kyverno');

/** The plan `b` opens with, with "leave suspended" turned off (kyverno's Git still asks for the failed chart). */
async function resumingPlan(r: Rig): Promise<ActionPlan> {
  const draft = await planAction('rollback', [kyverno], r.ctx);
  return rebuildPlan(draft, r.ctx, { ...draft.options, leaveSuspended: false });
}

const WEBHOOK =
  'failed calling webhook "validate.kyverno.svc-fail": failed to call webhook: Post "https://kyverno-svc.kyverno.svc:443/validate/fail?timeout=10s": context deadline exceeded';

describe('rollback', () => {
  it('without helm: stops after suspending, says so, and gives the commands to run by hand', async () => {
    rig = await startRig({ helmPath: join(tmpdir(), 'no-such-dir', 'helm') });
    const plan = await resumingPlan(rig);
    expect(plan.refusal).toBeUndefined();
    const revision = plan.options.revision;
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain('Step 2/3 (helm rollback kyverno');
    expect(outcome.message).toContain('helm was not found on PATH (or at --helm PATH)');
    expect(outcome.message).toContain(
      `run these commands by hand: helm rollback kyverno ${revision} -n kyverno`,
    );
    expect(outcome.message).toContain('flux resume helmrelease kyverno -n kyverno --context fluxdeck-sim');
    expect(outcome.message).toMatch(/kyverno is left SUSPENDED: resume it with u once Git is fixed\.$/);
    expect(field(stored(rig, kyverno), 'spec', 'suspend')).toBe(true);
    expect(rig.ledger.has(kyverno)).toBe(true);
  });

  it('helm failing: stops with helm’s own error and says kyverno is left suspended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-bad-helm-'));
    const helm = join(dir, 'helm');
    writeFileSync(
      helm,
      '#!/bin/sh\necho "Error: release kyverno failed: timed out waiting for the condition" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    rig = await startRig({ helmPath: helm });
    const plan = await resumingPlan(rig);
    const outcome = await run(rig, plan);
    expect(outcome).toEqual({
      status: 'failed',
      message: `Step 2/3 (helm rollback kyverno ${plan.options.revision}) failed: helm rollback failed (exit 1): Error: release kyverno failed: timed out waiting for the condition. The rollback did not happen; kyverno is left SUSPENDED: resume it with u once Git is fixed.`,
    });
    expect(field(stored(rig, kyverno), 'spec', 'suspend')).toBe(true);
  });

  it('through the simulated helm: suspend, roll back to the last good revision, resume — kyverno ends Ready', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-helm-shim-'));
    rig = await startRig({ helmPath: writeHelmShim(dir) });
    const plan = await resumingPlan(rig);
    expect(plan.refusal).toBeUndefined();
    const lastGood = plan.options.revision;
    expect(lastGood).toBeDefined();
    expect(plan.commands.map((c) => c.file)).toEqual(['flux', 'kubectl', 'helm', 'kubectl', 'flux']);
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.message).toMatch(
      new RegExp(`^Rolled back kyverno to revision ${lastGood}\\. HelmRelease kyverno/kyverno is Ready`),
    );
    const after = stored(rig, kyverno);
    expect(field(after, 'spec', 'suspend')).toBe(false);
    expect(readyOf(after)).toBe('True');
    expect(rig.ledger.has(kyverno)).toBe(false);
    expect(rig.progress.map((p) => p.step).filter((s, i, a) => a.indexOf(s) === i)).toEqual([1, 2, 3]);
    // kyverno's failure was its webhook deadlocking the upgrade: after the rollback the same chart deploys,
    // and the outcome says the rollback is undone rather than implying kyverno runs the old chart.
    expect(outcome.message).toMatch(
      /upgraded kyverno to kyverno 3\.3\.0 again — the chart that failed in revision \d+ — and this time it deployed \(revision \d+\): the rollback to revision \d+ is undone\.$/,
    );
  });

  it('leave suspended: rolls back and says kyverno stays suspended until Git is fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-helm-shim-'));
    rig = await startRig({ helmPath: writeHelmShim(dir) });
    const draft = await planAction('rollback', [kyverno], rig.ctx);
    const plan = rebuildPlan(draft, rig.ctx, { ...draft.options, leaveSuspended: true });
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.message).toMatch(/kyverno is left SUSPENDED: resume it with u once Git is fixed\.$/);
    expect(field(stored(rig, kyverno), 'spec', 'suspend')).toBe(true);
    expect(rig.ledger.getSnapshot().map((e) => e.via)).toEqual(['rollback']);
    // Helm's own record: the newest revision is the rollback, deployed with the last good chart.
    const good = plan.facts.helm?.history.find((r) => r.revision === plan.options.revision);
    const [newest] = await rig.port.helmHistory('kyverno', 'kyverno');
    expect(newest).toMatchObject({ status: 'deployed', chartVersion: good?.chartVersion });
    expect(newest?.description).toMatch(new RegExp(`Rollback to ${plan.options.revision}`));
  });

  it('opens with "leave suspended" on while Git still asks for the chart and values that failed', async () => {
    rig = await startRig();
    const plan = await planAction('rollback', [kyverno], rig.ctx);
    expect(plan.options.leaveSuspended).toBe(true);
    expect(plan.warnings[0]).toMatch(
      /^Git still asks for kyverno 3\.3\.0 with the values that failed in revision \d+: on resume helm-controller upgrades kyverno to the chart and values in Git, which fails again — "leave suspended" is on until Git is fixed\.$/,
    );
    expect(plan.details?.lines[0]).toMatch(
      /^Last good revision \d+: the newest that deployed successfully \(kyverno /,
    );
  });

  it('a failed rollback says what Helm recorded, and the next b still offers the revision that deployed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-helm-shim-'));
    rig = await startRig({ helmPath: writeHelmShim(dir) });
    rig.sim.faults.rejectWrites({ resource: 'apps/deployments', namespace: 'kyverno', message: WEBHOOK });
    const plan = await planAction('rollback', [kyverno], rig.ctx);
    const lastGood = plan.options.revision;
    const before = plan.facts.helm?.history ?? [];
    const failedUpgrade = before[0]?.revision ?? 0;
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('failed');
    const written = failedUpgrade + 1;
    expect(outcome.message).toBe(
      `Step 2/2 (helm rollback kyverno ${lastGood}) failed: helm rollback failed (exit 1): Error: failed to create resource: Internal error occurred: ${WEBHOOK}. ` +
        `Helm recorded revision ${written} (rollback to ${lastGood}) as failed: Rollback "kyverno" failed: failed to create resource: Internal error occurred: ${WEBHOOK}. ` +
        `It relabelled revision ${failedUpgrade} failed → superseded. ` +
        `Helm's record still names revision ${lastGood} (kyverno ${plan.facts.helm?.history.find((r) => r.revision === lastGood)?.chartVersion}) as deployed, though the failed attempts may have changed some of its resources. ` +
        'The rollback failed; kyverno is left SUSPENDED: fix what Helm reports, then roll back again, or resume it with u once Git is fixed.',
    );
    expect(field(stored(rig, kyverno), 'spec', 'suspend')).toBe(true);
    // Helm's own relabelling, as a real helm 4 leaves it.
    const history = await rig.port.helmHistory('kyverno', 'kyverno');
    expect(history.slice(0, 2).map((r) => [r.revision, r.status])).toEqual([
      [written, 'failed'],
      [failedUpgrade, 'superseded'],
    ]);
    const next = await planAction('rollback', [kyverno], rig.ctx);
    expect(next.options.revision).toBe(lastGood);
    expect(next.details?.lines[0]).toContain(
      `revision ${failedUpgrade} is marked superseded, but Helm's description says it failed`,
    );
    expect(auditLines(rig).map((l) => l['outcome'])).toEqual(['confirmed', 'failed']);
  });

  it('resume with Git unchanged: helm-controller upgrades to the failed chart again — the outcome warns, not ✔', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-helm-shim-'));
    rig = await startRig({ helmPath: writeHelmShim(dir) });
    // A chart that is broken (not a passing webhook deadlock): every upgrade to 3.3.0 fails.
    (rig.sim.controllers as SimControllersWithFaults).setFault(kyverno, {
      reason: 'UpgradeFailed',
      message: KYVERNO_UPGRADE_ERROR,
      transient: false,
      chartVersion: '3.3.0',
    });
    const plan = await resumingPlan(rig);
    const failedUpgrade = plan.facts.helm?.history[0]?.revision ?? 0;
    const outcome = await run(rig, plan);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe(
      `Step 3/3 (resume kyverno) failed: After the resume helm-controller upgraded kyverno to kyverno 3.3.0 again — the chart that failed in revision ${failedUpgrade} — ` +
        `and it failed again (revision ${failedUpgrade + 2}: Upgrade "kyverno" failed: ${KYVERNO_UPGRADE_ERROR}): the rollback to revision ${plan.options.revision} is undone. ` +
        'Suspend kyverno and leave it suspended until Git is fixed, then roll back again.',
    );
    expect(auditLines(rig).at(-1)).toMatchObject({ action: 'rollback', outcome: 'failed' });
  });
});
