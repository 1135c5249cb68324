// The simulated `helm` (dist/sim/helm/main.js, run with this Node) against the simulator's API: Helm 4's
// output and errors, and the runbook's rollback — suspend, roll back to the last good revision, resume — after
// which helm-controller upgrades again to the chart in Git. The compiled helm comes from the build this test
// runs first (`tsc -p tsconfig.build.json`, as `npm test` does too).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { field } from '../../src/flux/narrow.js';
import { helmMainPath, writeHelmShim } from '../../src/sim/helm/shim.js';
import {
  conditionOf,
  controllerLog,
  getFlux,
  helmRevisions,
  patchFlux,
  requestReconcile,
  settle,
  startRunbook,
  type TestCluster,
} from './sim-controllers-support.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

beforeAll(async () => {
  // Type errors elsewhere in the tree do not stop tsc from emitting; what matters is the compiled helm.
  await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
  }).catch(() => undefined);
  expect(existsSync(helmMainPath())).toBe(true);
}, 120_000);

let t: TestCluster | undefined;
afterEach(async () => {
  await t?.sim.stop();
  t = undefined;
});

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function exec(file: string, args: readonly string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(file, [...args], { env: { PATH: process.env['PATH'] ?? '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function helm(cluster: TestCluster, ...args: string[]): Promise<Result> {
  return exec(process.execPath, [
    helmMainPath(),
    ...args,
    '--kubeconfig',
    cluster.sim.kubeconfigPath,
    '--kube-context',
    cluster.sim.contextName,
  ]);
}

describe('simulated helm', { timeout: 60_000 }, () => {
  it('prints the release history as Helm 4 does (table, json, yaml, --max)', async () => {
    t = await startRunbook();
    const table = await helm(t, 'history', 'kyverno', '-n', 'kyverno');
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]?.split('\t').map((c) => c.trimEnd())).toEqual([
      'REVISION',
      'UPDATED',
      'STATUS',
      'CHART',
      'APP VERSION',
      'DESCRIPTION',
    ]);
    expect(lines[4]?.split('\t').map((c) => c.trimEnd())).toEqual([
      '4',
      expect.stringMatching(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/),
      'deployed',
      'kyverno-3.2.6',
      'v1.12.5',
      'Upgrade complete',
    ]);
    expect(lines[8]).toContain('\tfailed    \tkyverno-3.3.0\tv1.13.0    \tUpgrade "kyverno" failed: ');
    expect(table.stdout.endsWith('context deadline exceeded\n')).toBe(true);

    const json = JSON.parse(
      (await helm(t, 'history', 'kyverno', '-n', 'kyverno', '-o', 'json', '--max', '2')).stdout,
    ) as Record<string, unknown>[];
    expect(json.map((r) => [r['revision'], r['status'], r['chart']])).toEqual([
      [7, 'failed', 'kyverno-3.3.0'],
      [8, 'failed', 'kyverno-3.3.0'],
    ]);
    expect(Object.keys(json[0] ?? {})).toEqual([
      'revision',
      'updated',
      'status',
      'chart',
      'app_version',
      'description',
    ]);
    const yaml = (await helm(t, 'history', 'cert-manager', '-n', 'cert-manager', '-o', 'yaml')).stdout;
    expect(yaml).toMatch(
      /^- app_version: v1\.15\.3\n {2}chart: cert-manager-v1\.15\.3\n {2}description: Install complete\n {2}revision: 1\n {2}status: superseded\n {2}updated: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n/,
    );
  });

  it('lists releases and shows a release status', async () => {
    t = await startRunbook();
    const list = await helm(t, 'list', '-A');
    expect(
      list.stdout
        .split('\n')[0]
        ?.split('\t')
        .map((c) => c.trimEnd()),
    ).toEqual(['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']);
    const kyverno = list.stdout
      .split('\n')
      .find((l) => l.startsWith('kyverno'))
      ?.split('\t')
      .map((c) => c.trimEnd());
    expect(kyverno?.slice(0, 3)).toEqual(['kyverno', 'kyverno', '8']);
    expect(kyverno?.[3]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/);
    expect(kyverno?.slice(4)).toEqual(['failed', 'kyverno-3.3.0', 'v1.13.0']);
    const inApps = JSON.parse((await helm(t, 'list', '-n', 'apps', '-o', 'json')).stdout) as Record<
      string,
      unknown
    >[];
    expect(inApps).toEqual([
      expect.objectContaining({
        name: 'podinfo',
        namespace: 'apps',
        revision: '3',
        status: 'pending-upgrade',
      }),
    ]);
    const status = await helm(t, 'status', 'kyverno', '-n', 'kyverno');
    expect(status.stdout).toMatch(
      /^NAME: kyverno\nLAST DEPLOYED: .+\nNAMESPACE: kyverno\nSTATUS: failed\nREVISION: 8\nDESCRIPTION: Upgrade "kyverno" failed: .+\nTEST SUITE: None\n/,
    );
    expect(
      JSON.parse((await helm(t, 'status', 'kyverno', '-n', 'kyverno', '-o', 'json')).stdout),
    ).toMatchObject({ name: 'kyverno', version: 8, info: { status: 'failed' } });
  });

  it('fails like Helm: unknown release, missing revision, pending release, usage', async () => {
    t = await startRunbook();
    expect(await helm(t, 'history', 'nope', '-n', 'kyverno')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: release: not found\n',
    });
    expect(await helm(t, 'rollback', 'kyverno', '99', '-n', 'kyverno')).toMatchObject({
      code: 1,
      stderr: 'Error: release has no 99 version\n',
    });
    expect(await helm(t, 'rollback', 'podinfo', '2', '-n', 'apps')).toMatchObject({
      code: 1,
      stderr: 'Error: another operation (install/upgrade/rollback) is in progress\n',
    });
    expect((await helm(t, 'history', '-n', 'kyverno')).stderr).toMatch(
      /^Error: "helm history" requires 1 argument\n\nUsage: {2}helm history RELEASE_NAME \[flags\]\n$/,
    );
    expect((await helm(t, 'upgrade', 'kyverno')).stderr).toBe(
      `Error: unknown command "upgrade" for "helm"\nRun 'helm --help' for usage.\n`,
    );
    expect((await helm(t, 'history', 'kyverno', '--bogus')).stderr).toBe('Error: unknown flag: --bogus\n');
    // Nothing was written by the failed rollbacks.
    expect((await helmRevisions(t, 'kyverno', 'kyverno')).length).toBe(8);
  });

  it('suspend → rollback to the last good revision → resume: helm-controller notices and upgrades again to the chart in Git', async () => {
    t = await startRunbook();
    await patchFlux(t, 'HelmRelease', 'kyverno', 'kyverno', { spec: { suspend: true } });
    await settle(t);
    const rollback = await helm(t, 'rollback', 'kyverno', '4', '-n', 'kyverno', '--wait', '--timeout', '5m');
    expect(rollback).toEqual({ code: 0, stdout: 'Rollback was a success! Happy Helming!\n', stderr: '' });
    expect(
      (await helmRevisions(t, 'kyverno', 'kyverno'))
        .slice(3)
        .map((r) => `${r.version} ${r.status} ${r.chart} ${r.description}`),
    ).toEqual([
      '4 superseded kyverno-3.2.6 Upgrade complete',
      expect.stringMatching(/^5 failed kyverno-3\.3\.0 Upgrade "kyverno" failed: /),
      expect.stringMatching(/^6 failed /),
      expect.stringMatching(/^7 failed /),
      expect.stringMatching(/^8 failed /),
      '9 deployed kyverno-3.2.6 Rollback to 4',
    ]);
    const history = (await helm(t, 'history', 'kyverno', '-n', 'kyverno')).stdout;
    expect(history.split('\n').at(-2)).toMatch(
      /^9 +\t.+\tdeployed {2}\tkyverno-3\.2\.6\tv1\.12\.5 +\tRollback to 4 *$/,
    );

    // While suspended nothing touches the release, however long we wait.
    await t.sim.clock.advance(20 * 60_000);
    expect((await helmRevisions(t, 'kyverno', 'kyverno')).at(-1)?.version).toBe(9);

    const token = await requestReconcile(t, 'HelmRelease', 'kyverno', 'kyverno', {
      spec: { suspend: false },
    });
    await settle(t);
    const kyverno = await getFlux(t, 'HelmRelease', 'kyverno', 'kyverno');
    expect(field(kyverno, 'status', 'lastHandledReconcileAt')).toBe(token);
    expect(conditionOf(kyverno, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'UpgradeSucceeded',
      message: 'Helm upgrade succeeded for release kyverno/kyverno.v10 with chart kyverno@3.3.0',
    });
    expect(
      (await helmRevisions(t, 'kyverno', 'kyverno'))
        .slice(-2)
        .map((r) => `${r.version} ${r.status} ${r.chart}`),
    ).toEqual(['9 superseded kyverno-3.2.6', '10 deployed kyverno-3.3.0']);
    const log = (await controllerLog(t, 'helm-controller')).join('\n');
    expect(log).toContain('release not managed by controller: release not observed to be made for object');
  });

  it('a rollback the API server rejects: Helm writes a failed revision and relabels the failed upgrade superseded; the resume upgrades again and fails', async () => {
    t = await startRunbook();
    const webhook = 'failed calling webhook "validate.kyverno.svc-fail": context deadline exceeded';
    t.sim.faults.rejectWrites({ resource: 'apps/deployments', namespace: 'kyverno', message: webhook });
    await patchFlux(t, 'HelmRelease', 'kyverno', 'kyverno', { spec: { suspend: true } });
    await settle(t);
    const rollback = await helm(t, 'rollback', 'kyverno', '4', '-n', 'kyverno');
    expect(rollback).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: failed to create resource: Internal error occurred: ${webhook}\n`,
    });
    expect(
      (await helmRevisions(t, 'kyverno', 'kyverno'))
        .slice(3)
        .map((r) => `${r.version} ${r.status} ${r.chart}`),
    ).toEqual([
      '4 deployed kyverno-3.2.6',
      '5 failed kyverno-3.3.0',
      '6 failed kyverno-3.3.0',
      '7 failed kyverno-3.3.0',
      '8 superseded kyverno-3.3.0',
      '9 failed kyverno-3.2.6',
    ]);
    const [eight, nine] = (await helmRevisions(t, 'kyverno', 'kyverno')).slice(-2);
    expect(eight?.description).toMatch(/^Upgrade "kyverno" failed: /);
    expect(nine?.description).toBe(
      `Rollback "kyverno" failed: failed to create resource: Internal error occurred: ${webhook}`,
    );

    // The failed rollback changed nothing that made the upgrade fail: after the resume it fails again.
    await requestReconcile(t, 'HelmRelease', 'kyverno', 'kyverno', { spec: { suspend: false } });
    await settle(t);
    expect(conditionOf(await getFlux(t, 'HelmRelease', 'kyverno', 'kyverno'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'UpgradeFailed',
    });
    expect((await helmRevisions(t, 'kyverno', 'kyverno')).at(-1)).toMatchObject({
      version: 10,
      status: 'failed',
      chart: 'kyverno-3.3.0',
    });
  });

  it('runs through the shim written for --helm, with the same Node', async () => {
    t = await startRunbook();
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-helm-'));
    const shim = writeHelmShim(dir);
    expect(shim).toBe(join(dir, 'helm'));
    const out = await exec(shim, [
      'history',
      'kyverno',
      '-n',
      'kyverno',
      '-o',
      'json',
      '--kubeconfig',
      t.sim.kubeconfigPath,
    ]);
    expect(out.code).toBe(0);
    expect((JSON.parse(out.stdout) as unknown[]).length).toBe(8);
  });

  it('refuses to talk to anything but the simulator on loopback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-helm-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://10.0.0.1:6443\ncontexts:\n- name: prod\n  context:\n    cluster: prod\n    user: u\nusers:\n- name: u\n  user:\n    token: x\ncurrent-context: prod\n',
    );
    const out = await exec(process.execPath, [
      helmMainPath(),
      'rollback',
      'kyverno',
      '4',
      '-n',
      'kyverno',
      '--kubeconfig',
      kubeconfig,
    ]);
    expect(out).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "Error: this is fluxdeck's simulated helm: it only talks to the simulator on 127.0.0.1, not https://10.0.0.1:6443\n",
    });
  });
});
