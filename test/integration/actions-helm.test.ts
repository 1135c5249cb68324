// Rollback of kyverno through helm: without helm (the commands to run by hand, and the state it is left in)
// and through the simulator's helm shim (suspend → helm rollback → resume, ending Ready).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planAction, rebuildPlan } from '../../src/actions/registry.js';
import { field } from '../../src/flux/narrow.js';
import { writeHelmShim } from '../../src/sim/helm/shim.js';
import { hr, type Rig, readyOf, run, startRig, stored } from './actions-support.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const kyverno = hr('kyverno');

describe('rollback', () => {
  it('without helm: stops after suspending, says so, and gives the commands to run by hand', async () => {
    rig = await startRig({ helmPath: join(tmpdir(), 'no-such-dir', 'helm') });
    const plan = await planAction('rollback', [kyverno], rig.ctx);
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
    const plan = await planAction('rollback', [kyverno], rig.ctx);
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
    const plan = await planAction('rollback', [kyverno], rig.ctx);
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
});
