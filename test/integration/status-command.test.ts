// `fluxdeck status` end to end against the simulator: what a script or a person sees on stdout and stderr,
// and the exit code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStatusCommand } from '../../src/commands/status.js';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { capturedIo, isolatedEnv, resourceId, seed } from './kube-helpers.js';

let sim: SimHandle | undefined;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function status(argv: string[], env = isolatedEnv()) {
  const { stdout, stderr, text } = capturedIo();
  const code = await runStatusCommand(argv, {
    stdout,
    stderr,
    env,
    now: () => Date.parse('2026-01-02T00:00:00Z'),
  });
  return { code, ...text() };
}

describe('fluxdeck status', () => {
  it('prints flux get all tables and exits 0 when everything is ready', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'GitRepository', 'flux-system', 'sre-platform');
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    const result = await status(['--kubeconfig', sim.kubeconfigPath]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').map((l) => l.split('\t').map((c) => c.trim()));
    expect(lines).toEqual([
      ['NAMESPACE', 'NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE'],
      ['flux-system', 'kustomization/apps', '', 'False', 'True', 'Applied revision: main@sha1:1234567', ''],
      [''],
      ['NAMESPACE', 'NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE'],
      [
        'flux-system',
        'gitrepository/sre-platform',
        '',
        'False',
        'True',
        'Applied revision: main@sha1:1234567',
        '',
      ],
      [''],
      [''],
    ]);
    expect(result.stderr).toBe('2 ready, 0 failing, 0 suspended\n');
  });

  it('exits 1 when something is not ready, suspended failures included, and says so', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    seed(sim, 'HelmRelease', 'kyverno', 'kyverno', 'False');
    sim.store.mutate(resourceId('HelmRelease'), 'kyverno', 'kyverno', (o) => {
      o['spec'] = { ...(o['spec'] as object), suspend: true };
    });
    const result = await status(['--kubeconfig', sim.kubeconfigPath, '-n', 'kyverno']);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]?.split('\t')[0]?.trim()).toBe('NAME');
    expect(result.stdout).toContain('helmrelease/kyverno');
    expect(result.stdout).not.toContain('kustomization/apps');
    expect(result.stderr).toBe('0 ready, 1 failing, 1 suspended\n');
  });

  it('exits 1 on the runbook incident and shows the failing releases', async () => {
    sim = await startSim({ scenario: 'runbook', controllers: false, clock: 'virtual' });
    const result = await status(['--kubeconfig', sim.kubeconfigPath]);
    expect(result.code).toBe(1);
    const kyverno = result.stdout.split('\n').find((l) => l.includes('helmrelease/kyverno'));
    expect(kyverno?.split('\t').map((c) => c.trim())).toEqual([
      'kyverno',
      'helmrelease/kyverno',
      // As flux get: status.history[0].chartVersion, the failed attempt.
      '3.3.0',
      'False',
      'False',
      expect.stringMatching(/^Helm upgrade failed for release kyverno\/kyverno with chart kyverno@3\.3\.0/),
      '',
    ]);
    expect(result.stdout).toContain('kustomization/platform-config');
    expect(result.stderr).toMatch(
      /^\d+ ready, \d+ failing, 2 degraded \(ready, but their workloads are not\), \d+ suspended\n$/,
    );
    const failing = Number(/(\d+) failing/.exec(result.stderr)?.[1]);
    expect(failing).toBeGreaterThanOrEqual(8);
    // Ready as flux get says, then the table of what their workloads say.
    const degraded = result.stdout.slice(result.stdout.indexOf('Ready, but what they manage is not:'));
    const rows = degraded.split('\n').map((l) => l.split('\t').map((c) => c.trim()));
    expect(rows[1]).toEqual(['NAMESPACE', 'NAME', 'STATUS', 'FAILING FOR', 'MESSAGE']);
    expect(rows.slice(2, 4).map((r) => [r[1], r[2], r[4]])).toEqual([
      [
        'kustomization/apps',
        'Degraded',
        'ImagePullBackOff: Deployment apps/api — 1 of 1 managed workload not ready',
      ],
      [
        'helmrelease/external-dns',
        'Degraded',
        'CrashLoopBackOff: Deployment external-dns/external-dns — 1 of 1 managed workload not ready',
      ],
    ]);
  });

  it('reports a Ready Kustomization whose Deployment is not available as Degraded in the JSON, and exits 1', async () => {
    sim = await startSim({ scenario: 'runbook', controllers: false, clock: 'virtual' });
    const result = await status(['--kubeconfig', sim.kubeconfigPath, '-n', 'flux-system', '-o', 'json']);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc.summary.degraded).toBe(1);
    const apps = doc.objects.find(
      (o: { kind: string; name: string }) => o.kind === 'Kustomization' && o.name === 'apps',
    );
    expect(apps).toMatchObject({
      ready: 'True',
      health: 'Degraded',
      degraded: {
        message: 'ImagePullBackOff: Deployment apps/api — 1 of 1 managed workload not ready',
        sinceLowerBound: false,
        notReady: 1,
        total: 1,
      },
    });
    expect(Date.parse(apps.degraded.since)).toBe(sim.clock.now() - 6 * 60_000);
    // Only Degraded objects carry the field.
    const others = doc.objects.filter((o: { degraded?: unknown }) => o.degraded === undefined);
    expect(others.length).toBe(doc.objects.length - 1);
  });

  it('may not list Deployments: says so, and reports no Degraded object rather than a false NotFound', async () => {
    sim = await startSim({ scenario: 'runbook', controllers: false, clock: 'virtual' });
    sim.faults.deny({ verb: 'list', resource: 'deployments' });
    const result = await status(['--kubeconfig', sim.kubeconfigPath, '-o', 'json']);
    const doc = JSON.parse(result.stdout);
    expect(doc.summary.degraded).toBe(0);
    expect(result.stderr).toContain('✗ cannot list deployments.apps (kustomize.toolkit.fluxcd.io/name): ');
    expect(result.stderr).toContain('a Ready object whose workloads fail is not reported as degraded');
  });

  it('names an inventory Deployment deleted by hand NotFound', async () => {
    sim = await startSim({ scenario: 'runbook', controllers: false, clock: 'virtual' });
    sim.store.delete('apps/deployments', 'apps', 'api');
    const result = await status(['--kubeconfig', sim.kubeconfigPath, '-n', 'flux-system', '-o', 'json']);
    const apps = JSON.parse(result.stdout).objects.find(
      (o: { kind: string; name: string }) => o.kind === 'Kustomization' && o.name === 'apps',
    );
    expect(apps.degraded).toMatchObject({
      message: 'NotFound (deleted?): Deployment apps/api — 1 of 1 managed workload not ready',
      sinceLowerBound: true,
    });
  });

  it('writes the documented JSON document', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'HelmRelease', 'kyverno', 'kyverno', 'False');
    const result = await status(['--kubeconfig', sim.kubeconfigPath, '-o', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({
      kind: 'FluxdeckStatus',
      version: 1,
      context: 'fluxdeck-sim',
      server: sim.url,
      namespace: null,
      generatedAt: '2026-01-02T00:00:00.000Z',
      summary: { total: 1, ready: 0, failing: 1, suspended: 0, unknownKinds: [], healthy: false },
    });
    expect(doc.kinds).toHaveLength(KIND_NAMES.length);
    expect(doc.kinds[1]).toEqual({
      kind: 'HelmRelease',
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      state: 'listed',
      count: 1,
      message: '',
    });
    expect(doc.objects).toEqual([
      expect.objectContaining({
        kind: 'HelmRelease',
        namespace: 'kyverno',
        name: 'kyverno',
        ready: 'False',
        health: 'Failed',
        message: 'it broke',
      }),
    ]);
  });

  it('reads a current Flux with one discovery request, and counts the kinds whose rows it let go', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'HelmRelease', 'kyverno', 'kyverno', 'False');
    seed(sim, 'GitRepository', 'flux-system', 'podinfo', 'True');
    seed(sim, 'GitRepository', 'flux-system', 'sre-platform', 'False');
    sim.faults.clearRequests();
    const result = await status(['-A', '-o', 'json', '--kubeconfig', sim.kubeconfigPath]);
    expect(result.code).toBe(1);
    // Every guess was served: the group versions' resource lists were never needed.
    const discovery = sim.faults
      .requests()
      .filter((r) => r.path === '/apis' || /^\/apis\/[^/]+\/[^/]+$/.test(r.path));
    expect(discovery.map((r) => r.path)).toEqual(['/apis']);
    const doc = JSON.parse(result.stdout);
    expect(doc.summary).toMatchObject({ total: 3, ready: 1, failing: 2, suspended: 0 });
    const counts = new Map(doc.kinds.map((k: { kind: string; count: number }) => [k.kind, k.count]));
    expect(counts.get('GitRepository')).toBe(2);
    expect(counts.get('HelmRelease')).toBe(1);
    expect(doc.objects.map((o: { name: string }) => o.name)).toEqual(['kyverno', 'podinfo', 'sre-platform']);
  });

  it('lists an older Flux at the versions it serves (HelmRelease v2beta2, sources v1beta2)', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false, fluxVersions: 'legacy' });
    sim.store.create(resourceId('HelmRelease'), {
      apiVersion: 'helm.toolkit.fluxcd.io/v2beta2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo', namespace: 'apps' },
      spec: { interval: '5m' },
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'InstallFailed', message: 'boom' }] },
    });
    const result = await status(['-A', '-o', 'json', '--kubeconfig', sim.kubeconfigPath]);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout);
    const kinds = new Map(doc.kinds.map((k: { kind: string }) => [k.kind, k]));
    expect(kinds.get('HelmRelease')).toMatchObject({
      apiVersion: 'helm.toolkit.fluxcd.io/v2beta2',
      state: 'listed',
      count: 1,
    });
    expect(kinds.get('GitRepository')).toMatchObject({ apiVersion: 'source.toolkit.fluxcd.io/v1beta2' });
    expect(kinds.get('ExternalArtifact')).toMatchObject({ state: 'not-installed' });
    expect(doc.objects).toEqual([
      expect.objectContaining({ kind: 'HelmRelease', name: 'podinfo', ready: 'False', message: 'boom' }),
    ]);
    // Discovery is asked only for the groups whose newest version was refused, each version once.
    const groupVersions = sim.faults
      .requests()
      .map((r) => r.path)
      .filter((path) => /^\/apis\/[^/]+\/[^/]+$/.test(path));
    expect(new Set(groupVersions).size).toBe(groupVersions.length);
    expect(groupVersions).toContain('/apis/helm.toolkit.fluxcd.io/v2beta2');
    expect(groupVersions).not.toContain('/apis/kustomize.toolkit.fluxcd.io/v1');
  });

  it('reports a kind it may not list on stderr and counts it as unknown', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    sim.faults.deny({ verb: 'list', resource: 'helmreleases' });
    const result = await status(['--kubeconfig', sim.kubeconfigPath]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^✗ cannot list HelmRelease objects: forbidden: User ".+" cannot list resource "helmreleases"/,
    );
    expect(result.stderr).toMatch(/\n1 ready, 0 failing, 0 suspended, unknown: HelmRelease \(forbidden\)\n$/);
  });

  it('exits 2 when no kind could be read, saying so, in both formats', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    sim.faults.deny({ verb: 'list' });
    const table = await status(['--kubeconfig', sim.kubeconfigPath]);
    expect(table.code).toBe(2);
    expect(table.stdout).toBe('');
    const lines = table.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      `fluxdeck status: no Flux kind could be read (${KIND_NAMES.length} forbidden): nothing to report — ask for read access (Flux adds its kinds to the Kubernetes view role)`,
    );
    expect(lines[0]).toBe(
      '✗ cannot list Kustomization objects: forbidden: User "kubernetes-admin" cannot list resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" at the cluster scope',
    );
    expect(table.stderr).not.toContain('0 ready, 0 failing');
    const json = await status(['--kubeconfig', sim.kubeconfigPath, '-o', 'json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).summary.unknownKinds).toHaveLength(KIND_NAMES.length);
    expect(json.stderr).toContain(
      `\nfluxdeck status: no Flux kind could be read (${KIND_NAMES.length} forbidden)`,
    );
  });

  it('exits 2 when no Flux CRD is installed', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    for (const kind of KIND_NAMES) sim.faults.removeCrd(kind);
    const result = await status(['--kubeconfig', sim.kubeconfigPath]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'fluxdeck status: no Flux kind is served by this cluster (no Flux CRDs installed): nothing to report — is Flux installed?\n',
    });
  });

  it('says so and exits 2 for a namespace that does not exist; an existing empty one is just empty', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    const missing = await status(['--kubeconfig', sim.kubeconfigPath, '-n', 'flux-sytem']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'fluxdeck status: namespace "flux-sytem" does not exist: nothing to report (check -n)\n',
    });
    const empty = await status(['--kubeconfig', sim.kubeconfigPath, '-n', 'default']);
    expect(empty).toEqual({
      code: 0,
      stdout: '',
      stderr: 'no Flux objects found in the "default" namespace\n0 ready, 0 failing, 0 suspended\n',
    });
    // Not allowed to read Namespaces (a namespace-scoped viewer): no claim either way.
    sim.faults.deny({ verb: 'get', resource: 'namespaces' });
    const unknown = await status(['--kubeconfig', sim.kubeconfigPath, '-n', 'flux-sytem']);
    expect(unknown.code).toBe(0);
    expect(unknown.stderr).not.toContain('does not exist');
  });

  it('exits 2 with a sentence for a missing kubeconfig, an unknown context, an unreachable server and bad usage', async () => {
    const missing = await status(['--kubeconfig', '/nonexistent/kubeconfig']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'fluxdeck status: kubeconfig /nonexistent/kubeconfig not found: set --kubeconfig or KUBECONFIG\n',
    });

    sim = await startSim({ scenario: 'empty', controllers: false });
    const unknown = await status(['--context', 'prod'], isolatedEnv({ KUBECONFIG: sim.kubeconfigPath }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      `fluxdeck status: context "prod" not found in ${sim.kubeconfigPath}; known contexts: fluxdeck-sim\n`,
    );

    const kubeconfig = sim.kubeconfigPath;
    const copy = join(isolatedEnv()['HOME'] ?? '', 'kubeconfig');
    writeFileSync(copy, readFileSync(kubeconfig));
    await sim.stop();
    sim = undefined;
    const down = await status(['--kubeconfig', copy]);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(
      /^fluxdeck status: cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: connection refused\n$/,
    );

    const usage = await status(['-n', 'a', '-A']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(
      /^fluxdeck status: -n and -A cannot be used together\nUsage: fluxdeck status/,
    );
  });
});
