// `trace` through the port against the simulator's runbook scenario: a pod of the api Deployment walks up
// ReplicaSet → Deployment by owner references to the apps Kustomization (its labels) and its GitRepository;
// a pod of external-dns to its HelmRelease, HelmChart and HelmRepository; each link judged, the revision
// applied compared with the source's; clear sentences for an unknown kind, a missing object, an object
// Flux does not manage.
import { describe, expect, it } from 'vitest';
import { runTraceCommand } from '../../src/commands/trace-command.js';
import type { TraceOutcome } from '../../src/kube/port.js';
import { CORE_RESOURCES } from '../../src/sim/resources.js';
import { capturedIo, isolatedEnv, runbookPortFixture } from './kube-helpers.js';

const fixture = runbookPortFixture();

function podOf(namespace: string, prefix: string): string {
  const pod = fixture
    .sim()
    .store.list(CORE_RESOURCES.pods)
    .find((p) => p.metadata.namespace === namespace && p.metadata.name.startsWith(prefix));
  if (!pod) throw new Error(`no pod ${namespace}/${prefix}*`);
  return pod.metadata.name;
}

async function trace(kind: string, namespace: string, name: string) {
  const outcome = (await fixture.port().trace?.({ kind, namespace, name })) as TraceOutcome;
  return outcome;
}

const rows = (o: TraceOutcome) =>
  o.ok
    ? o.trace.links.map((l) => `${l.role} ${l.kind} ${l.namespace}/${l.name} ${l.status} ${l.reason}`.trim())
    : [];

describe('trace through the port', () => {
  it('walks an api pod up to the apps Kustomization and its GitRepository', async () => {
    const pod = podOf('apps', 'api-');
    const outcome = await trace('po', 'apps', pod);
    expect(outcome.ok).toBe(true);
    const links = rows(outcome);
    expect(links[0]).toBe(`object Pod apps/${pod} InProgress ImagePullBackOff`);
    expect(links[1]).toMatch(/^owner ReplicaSet apps\/api-[a-z0-9]+ InProgress/);
    expect(links[2]).toMatch(/^owner Deployment apps\/api InProgress ImagePullBackOff$/);
    expect(links[3]).toMatch(/^manager Kustomization flux-system\/apps Ready/);
    expect(links[4]).toMatch(/^source GitRepository flux-system\/sre-platform Ready/);
    expect(links).toHaveLength(5);
    if (!outcome.ok) return;
    expect(outcome.trace.verdict.text).toContain(
      'managed by Kustomization flux-system/apps; not ready: Pod apps/',
    );
    expect(outcome.trace.verdict.tone).toBe('warn');
    const ks = outcome.trace.links[3];
    expect(ks?.fluxKey).toBe('Kustomization/flux-system/apps');
    expect(ks?.revision).toMatch(/^main@sha1:[0-9a-f]{40}$/);
    expect(outcome.trace.revision?.text).toBe(
      `applied ${ks?.revision}: the revision GitRepository flux-system/sre-platform has`,
    );
  });

  it('traces `deployment/api` by kubectl names in any case, the same chain from the Deployment', async () => {
    for (const kind of ['deployment', 'Deployment', 'deploy', 'deployments', 'deployments.apps']) {
      const links = rows(await trace(kind, 'apps', 'api'));
      expect(links.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
        'object Deployment apps/api',
        'manager Kustomization flux-system/apps',
        'source GitRepository flux-system/sre-platform',
      ]);
    }
  });

  it('walks an external-dns pod up to its HelmRelease, HelmChart and HelmRepository', async () => {
    const pod = podOf('external-dns', 'external-dns-');
    const outcome = await trace('pod', 'external-dns', pod);
    const links = rows(outcome);
    expect(links[0]).toBe(`object Pod external-dns/${pod} Failed CrashLoopBackOff`);
    expect(links.slice(1).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      expect.stringMatching(/^owner ReplicaSet external-dns\/external-dns-/),
      'owner Deployment external-dns/external-dns',
      'manager HelmRelease external-dns/external-dns',
      expect.stringMatching(/^source HelmChart flux-system\/external-dns-external-dns/),
      'source HelmRepository flux-system/external-dns',
    ]);
    if (!outcome.ok) return;
    expect(outcome.trace.links[3]?.status).toBe('Ready');
    expect(outcome.trace.revision?.tone).toBe('ok');
  });

  it('says why when the kind is unknown, the object missing, or Flux does not manage it', async () => {
    expect(await trace('widget', 'apps', 'api')).toEqual({
      ok: false,
      reason: 'unknown-kind',
      message: 'the server serves no kind called "widget"',
    });
    expect(await trace('deploy', 'apps', 'nope')).toEqual({
      ok: false,
      reason: 'not-found',
      message: 'Deployment nope not found in namespace apps',
    });
    fixture.sim().store.create(CORE_RESOURCES.configmaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'by-hand', namespace: 'apps' },
      data: {},
    });
    const outcome = await trace('cm', 'apps', 'by-hand');
    expect(outcome.ok && outcome.trace.verdict.text).toBe(
      'not managed by Flux: no kustomize.toolkit.fluxcd.io, helm.toolkit.fluxcd.io or Flux Operator labels on it or its owners',
    );
    expect(rows(outcome)).toEqual(['object ConfigMap apps/by-hand Current']);
  });
});

async function cli(argv: string[]) {
  const io = capturedIo();
  const code = await runTraceCommand(['--kubeconfig', fixture.sim().kubeconfigPath, ...argv], {
    stdout: io.stdout,
    stderr: io.stderr,
    env: isolatedEnv(),
    now: () => fixture.sim().clock.now(),
  });
  return { code, ...io.text() };
}

describe('fluxdeck trace', () => {
  it('prints the chain as flux trace shapes it, with readiness, and exits 1 when a link is not ready', async () => {
    const result = await cli(['deployment/api', '-n', 'apps']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const blocks = result.stdout.split('\n---\n');
    expect(blocks[0]).toMatch(
      /^Verdict: {4}managed by Kustomization flux-system\/apps; not ready: Deployment apps\/api InProgress \(ImagePullBackOff\)\nRevision: {3}applied main@sha1:[0-9a-f]{40}: the revision GitRepository flux-system\/sre-platform has$/,
    );
    expect(blocks[1]).toMatch(
      /^Object: {5}Deployment\/api\nNamespace: {2}apps\nStatus: {5}InProgress \(ImagePullBackOff\)\n/,
    );
    // flux trace's fields under each Flux object: the Kustomization's Path, the source's URL and branch.
    expect(blocks[2]).toMatch(
      /^Applied by: Kustomization\/apps\nNamespace: {2}flux-system\nPath: {7}\S+\nStatus: {5}Ready/,
    );
    expect(blocks[3]).toMatch(
      /^Source: {5}GitRepository\/sre-platform\nNamespace: {2}flux-system\nURL: {8}\S+\nBranch: {5}\S+\n/,
    );
  });

  it('traces several objects in one call, as flux trace does, and still prints the rest when one is missing', async () => {
    const two = await cli(['deployment/api', 'svc/api', '-n', 'apps']);
    expect(two.code).toBe(1);
    expect(two.stdout.match(/^Verdict: /gm)).toHaveLength(2);
    expect(two.stdout).toMatch(/^Object: {5}Service\/api$/m);
    const oneMissing = await cli(['svc', 'api', 'nope', '-n', 'apps']);
    expect(oneMissing.code).toBe(2);
    expect(oneMissing.stdout).toMatch(
      /^Verdict: {4}managed by Kustomization flux-system\/apps: every link is ready$/m,
    );
    expect(oneMissing.stderr).toBe('fluxdeck trace: Service nope not found in namespace apps\n');
  });

  it('exits 0 when every link is ready, 2 with a sentence when there is nothing to trace or a usage mistake', async () => {
    const ready = await cli(['svc', 'api', '--namespace=apps']);
    expect(ready.code).toBe(0);
    expect(ready.stdout.split('\n')[0]).toBe(
      'Verdict:    managed by Kustomization flux-system/apps: every link is ready',
    );
    const missing = await cli(['deploy/nope', '-n', 'apps']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'fluxdeck trace: Deployment nope not found in namespace apps\n',
    });
    const bad = await cli(['deploy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'fluxdeck trace: usage: fluxdeck trace KIND/NAME [-n NAMESPACE] (or KIND NAME), e.g. trace deployment/api -n apps (see fluxdeck trace --help)\n',
    );
  });
});
