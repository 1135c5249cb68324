// The real helm 4 against the real API server, driven by the console's actions (src/actions): a rollback
// that fails (helm 4 cannot roll back to revision 1: an object of it is gone; Helm records a failed
// revision and relabels the failed upgrade `superseded`), one that
// succeeds, a Helm lock left by an interrupted `helm upgrade` and cleared with `x`, and what the console
// then offers as "last good". The harness plays helm-controller (status via the status subresource).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { type ActionRig, actionRig } from './support/actions.js';
import { helmFor } from './support/clients.js';
import { openConsole, rowOf, waitForSnapshot } from './support/console.js';
import { installController } from './support/controllers.js';
import { answerReconciles, createFlux, minimalSpec, objectUrl, setConditions } from './support/flux.js';
import { writeChart } from './support/helm-chart.js';
import { realSuite } from './support/suite.js';

const NS = 'demo';
const demo: ObjectRef = { kind: 'HelmRelease', namespace: NS, name: 'demo' };
const T0 = '2026-01-01T00:00:00Z';
const UPGRADE_FAILED_READY = {
  status: 'False' as const,
  reason: 'UpgradeFailed',
  message: 'Helm upgrade failed for release demo/demo with chart demo@2.0.0: failed to create resource',
  lastTransitionTime: T0,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

realSuite('real helm 4 rollbacks and locks through the console’s actions', {}, (env) => {
  let dir = '';
  let kubeconfig = '';
  let helm = '';
  const charts: Record<string, string> = {};
  /** The outcome of the failed rollback, as the user read it. */
  let failedRollback: { status: string; message: string } | undefined;

  function helmRun(...args: string[]) {
    const result = spawnSync(helm, [...args, '-n', NS, '--kubeconfig', kubeconfig], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  async function withConsole<T>(body: (port: ClusterPort, rig: ActionRig) => Promise<T>): Promise<T> {
    const port = await openConsole(env(), 'admin', { helmPath: helm });
    try {
      await waitForSnapshot(
        port,
        'demo listed and helm-controller running',
        (x) =>
          rowOf(x, 'HelmRelease/demo/demo') !== undefined &&
          x.controllers.items.some((d) => d.controller === 'helm-controller' && d.readyReplicas === 1),
      );
      return await body(port, actionRig(port));
    } finally {
      await port.close();
    }
  }

  const statuses = async (port: ClusterPort) =>
    (await port.helmHistory(NS, 'demo')).map((r) => `${r.revision}:${r.status}:${r.chartVersion}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fluxdeck-real-helm-'));
    kubeconfig = env().kubeconfig('admin');
    helm = helmFor(join(dir, 'helm-home'), kubeconfig);
    for (const v of ['1.0.0', '1.1.0', '2.0.0']) charts[v] = writeChart(dir, v);
    await env().ensureNamespace(NS);
    // The harness plays helm-controller (answerReconciles): its Deployment runs, so actions wait for it.
    await installController(env(), 'helm-controller');
    expect(helmRun('install', 'demo', charts['1.0.0'] ?? '', '--set', 'legacy=true').code).toBe(0);
    expect(helmRun('upgrade', 'demo', charts['1.1.0'] ?? '').code).toBe(0);
    const failed = helmRun('upgrade', 'demo', charts['2.0.0'] ?? '', '--set', 'broken=true');
    expect(failed.stderr).toContain('UPGRADE FAILED');
    await createFlux(
      env(),
      demo,
      minimalSpec('HelmRelease', {
        chart: {
          spec: { chart: 'demo', version: '2.0.0', sourceRef: { kind: 'HelmRepository', name: 'demo' } },
        },
      }),
    );
    await setConditions(env(), demo, [UPGRADE_FAILED_READY]);
  });

  it('reads the real Helm storage: the failed upgrade on top of the last deployed revision', async () => {
    await withConsole(async (port, rig) => {
      expect(await statuses(port)).toEqual(['3:failed:2.0.0', '2:deployed:1.1.0', '1:superseded:1.0.0']);
      const plan = await rig.plan('rollback', [demo]);
      expect(plan.refusal).toBeUndefined();
      expect(plan.options.revision).toBe(2);
      expect(plan.title).toBe('Roll back HelmRelease demo/demo to revision 2');
    });
  });

  it('a rollback helm refuses: fails, leaves the release suspended, and Helm records a failed revision', async () => {
    await withConsole(async (port, rig) => {
      // The user picks revision 1 in the dialog; helm 4 refuses: demo-legacy (of revision 1) is gone.
      const plan = await rig.plan('rollback', [demo], { revision: 1 });
      expect(plan.refusal).toBeUndefined();
      const outcome = await rig.run(plan);
      failedRollback = outcome;
      expect(outcome.status).toBe('failed');
      expect(outcome.message).toMatch(
        /^Step 2\/3 \(helm rollback demo 1\) failed: helm rollback failed \(exit 1\): /,
      );
      expect(outcome.message).toContain('original object ConfigMap with the name "demo-legacy" not found');
      expect(outcome.message).toMatch(
        /The rollback failed; demo is left SUSPENDED: fix what Helm reports, then roll back again, or resume it with u once Git is fixed\.$/,
      );
      const stored = await env().request({ path: objectUrl(demo) });
      expect(field(stored, 'spec', 'suspend')).toBe(true);
      expect(rig.ctx.ledger.has(demo)).toBe(true);
      // What Helm did: a new failed revision 4, and the failed upgrade (3) relabelled superseded.
      expect(await statuses(port)).toEqual([
        '4:failed:1.0.0',
        '3:superseded:2.0.0',
        '2:deployed:1.1.0',
        '1:superseded:1.0.0',
      ]);
    });
  });

  // issue 16, fixes: "A failed rollback says what Helm recorded (revision N failed; what is deployed now)".
  it('the failed rollback’s outcome says Helm recorded revision 4 as failed and revision 2 is deployed', () => {
    const message = failedRollback?.message ?? '';
    expect(message).not.toContain('The rollback did not happen');
    expect(message).toContain(
      'Helm recorded revision 4 (rollback to 1) as failed: Rollback "demo" failed: original object ConfigMap with the name "demo-legacy" not found.',
    );
    expect(message).toContain('It relabelled revision 3 failed → superseded.');
    expect(message).toContain("Helm's record still names revision 2 (demo 1.1.0) as deployed");
  });

  // issue 16, fixes: "Last good Helm revision = the newest revision that was deployed successfully, never a
  // failed upgrade relabelled superseded". Today the console offers 3 (`Upgrade "demo" failed …`).
  it('after the failed rollback, "last good" is still revision 2, never the relabelled failed upgrade', async () => {
    await withConsole(async (_port, rig) => {
      const plan = await rig.plan('rollback', [demo]);
      expect(plan.options.revision).toBe(2);
      expect(plan.title).toBe('Roll back HelmRelease demo/demo to revision 2');
      // The dialog says why: 3 is labelled superseded, but Helm's description says it failed.
      expect(plan.details?.lines.join('\n')).toMatch(
        /^Last good revision 2: the newest that deployed successfully/,
      );
      expect(plan.details?.lines.join('\n')).toContain(
        "revision 3 is marked superseded, but Helm's description says it failed",
      );
    });
  });

  it('a rollback that succeeds: suspend, real helm rollback, resume — ends Ready and Helm has the rollback', async () => {
    const stop = answerReconciles(env(), demo, [
      {
        status: 'True',
        reason: 'UpgradeSucceeded',
        message: 'Helm rollback to 2 succeeded',
        lastTransitionTime: '2026-01-01T01:00:00Z',
      },
    ]);
    try {
      await withConsole(async (port, rig) => {
        const plan = await rig.plan('rollback', [demo], { revision: 2 });
        expect(plan.refusal).toBeUndefined();
        const outcome = await rig.run(plan);
        expect(outcome.status, outcome.message).toBe('succeeded');
        expect(outcome.message).toMatch(/^Rolled back demo to revision 2\. HelmRelease demo\/demo is Ready/);
        const stored = await env().request({ path: objectUrl(demo) });
        expect(field(stored, 'spec', 'suspend')).toBe(false);
        expect(rig.ctx.ledger.has(demo)).toBe(false);
        const [newest] = await port.helmHistory(NS, 'demo');
        expect(newest).toMatchObject({ revision: 5, status: 'deployed', chartVersion: '1.1.0' });
        expect(newest?.description).toBe('Rollback to 2');
        const audit = rig.auditLines();
        expect(audit.map((a) => a['phase'] ?? a['event'] ?? a['status'])).not.toEqual([]);
      });
    } finally {
      await stop();
    }
  });

  it('a Helm lock left by an interrupted upgrade: x deletes only the pending revision, then reconciles', async () => {
    // helm upgrade --wait hangs on a Deployment no controller will ever make ready; killed, it leaves the
    // release pending-upgrade: "another operation (install/upgrade/rollback) is in progress".
    const hung: ChildProcess = spawn(
      helm,
      [
        'upgrade',
        'demo',
        charts['1.1.0'] ?? '',
        '--set',
        'slow=true',
        '--wait=watcher',
        '--timeout',
        '5m',
        '-n',
        NS,
        '--kubeconfig',
        kubeconfig,
      ],
      { stdio: 'ignore' },
    );
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const list = (await env().request({
          path: `/api/v1/namespaces/${NS}/secrets?labelSelector=owner%3Dhelm%2Cstatus%3Dpending-upgrade`,
        })) as { items: unknown[] };
        if (list.items.length > 0) break;
        if (Date.now() > deadline) throw new Error('helm upgrade never left a pending-upgrade revision');
        await sleep(200);
      }
    } finally {
      hung.kill('SIGKILL');
    }
    const locked = helmRun('upgrade', 'demo', charts['1.1.0'] ?? '');
    expect(locked.stderr).toContain('another operation (install/upgrade/rollback) is in progress');

    const stop = answerReconciles(env(), demo, [
      {
        status: 'True',
        reason: 'UpgradeSucceeded',
        message: 'Helm upgrade succeeded for release demo/demo.v7 with chart demo@1.1.0',
        lastTransitionTime: '2026-01-01T02:00:00Z',
      },
    ]);
    try {
      await withConsole(async (port, rig) => {
        expect((await statuses(port))[0]).toBe('6:pending-upgrade:1.1.0');
        const plan = await rig.plan('clear-helm-lock', [demo]);
        expect(plan.refusal).toBeUndefined();
        const outcome = await rig.run(plan);
        expect(outcome.status, outcome.message).toBe('succeeded');
        expect(await statuses(port)).toEqual([
          '5:deployed:1.1.0',
          '4:failed:1.0.0',
          '3:superseded:2.0.0',
          '2:superseded:1.1.0',
          '1:superseded:1.0.0',
        ]);
        // Helm itself is unlocked: the next upgrade goes through.
        const next = helmRun('upgrade', 'demo', charts['1.1.0'] ?? '');
        expect(next.stderr).not.toContain('another operation');
        expect(next.code, next.stderr).toBe(0);
      });
    } finally {
      await stop();
    }
  });

  // issue 16, fixes (last good): after the lock, with 6 deployed, the previous good deploy is 5 (the rollback
  // to 1.1.0), never 3 — the failed upgrade Helm relabelled superseded.
  it('then offers the newest successfully deployed revision before the current one as "last good"', async () => {
    await withConsole(async (_port, rig) => {
      const plan = await rig.plan('rollback', [demo]);
      expect(plan.options.revision).toBe(5);
      expect(plan.title).toBe('Roll back HelmRelease demo/demo to revision 5');
      expect(plan.details?.lines.join('\n')).toMatch(
        /^Last good revision 5: the newest that deployed successfully \(demo 1\.1\.0, 'Rollback to 2'\)/,
      );
    });
  });
});
