// The rest of the ClusterPort against the simulator: controller logs, Helm history, get / merge patch /
// delete, running binaries, and close() leaving nothing behind.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterPort } from '../../src/kube/cluster.js';
import { isKubeError } from '../../src/kube/errors.js';
import { BinaryNotFoundError } from '../../src/kube/exec.js';
import type { ClusterPort, LogEntry } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, requestsFor, resourceId, seed, waitForLogs, waitForSnapshot } from './kube-helpers.js';

let sim: SimHandle | undefined;
let port: ClusterPort | undefined;

afterEach(async () => {
  await port?.close();
  await sim?.stop();
  port = undefined;
  sim = undefined;
});

async function start(options: { helmPath?: string } = {}): Promise<{ sim: SimHandle; port: ClusterPort }> {
  sim = await startSim({ scenario: 'empty', controllers: false });
  const s = sim;
  port = await createClusterPort({
    kubeconfigPath: sim.kubeconfigPath,
    env: isolatedEnv(),
    now: () => s.clock.now(),
    ...options,
  });
  return { sim, port };
}

function controllerPod(sim: SimHandle, controller: string): string {
  const pod = sim.store
    .list('pods', 'flux-system')
    .find((p) => p.metadata.labels?.['app'] === controller && !p.metadata.deletionTimestamp);
  if (!pod) throw new Error(`no ${controller} pod in the scenario`);
  return pod.metadata.name;
}

function jsonLine(msg: string, name: string, level = 'info') {
  return JSON.stringify({
    level,
    ts: '2026-01-01T00:00:00.000Z',
    msg,
    controller: 'helmrelease',
    controllerGroup: 'helm.toolkit.fluxcd.io',
    controllerKind: 'HelmRelease',
    HelmRelease: { name, namespace: 'kyverno' },
    namespace: 'kyverno',
    name,
  });
}

/** No line of a pod appears twice (a line is its fields: the hub keeps no raw text). */
function noRepeats(entries: readonly LogEntry[]): void {
  const seen = entries.map((e) => `${e.pod} ${JSON.stringify(e.line)}`);
  expect(new Set(seen).size).toBe(seen.length);
}

describe('controller logs', () => {
  it('follows the controller pod, parses Flux JSON lines, keeps other lines as text, strips control sequences', async () => {
    const { sim, port } = await start();
    const pod = controllerPod(sim, 'helm-controller');
    port.followControllers(['helm-controller']);
    const first = await waitForLogs(port, 'following', (s) => s.streams[0]?.phase === 'following');
    const before = first.entries.length;
    sim.logs.append('flux-system', pod, 'manager', jsonLine('upgrade failed', 'kyverno', 'error'));
    sim.logs.append('flux-system', pod, 'manager', 'panic: \u001b]52;c;aGk=\u0007plain \u001b[31mtext');
    const logs = await waitForLogs(port, 'two more lines', (s) => s.entries.length === before + 2);
    expect(logs.streams).toEqual([
      {
        pod,
        controller: 'helm-controller',
        container: 'manager',
        phase: 'following',
        message: `following ${pod}`,
        reconnects: 0,
      },
    ]);
    const [failed, plain] = logs.entries.slice(-2);
    expect(failed?.line).toMatchObject({
      level: 'error',
      kind: 'HelmRelease',
      name: 'kyverno',
      namespace: 'kyverno',
      message: 'upgrade failed',
      structured: true,
    });
    expect(failed?.controller).toBe('helm-controller');
    expect(failed?.pod).toBe(pod);
    expect(plain?.line.structured).toBe(false);
    expect(plain?.line.message).toBe('panic: plain text');
    const seqs = logs.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('reconnects to the replacement pod after a restart and says so, without repeating lines', async () => {
    sim = await startSim({ scenario: 'empty', clock: 'virtual' });
    const s = sim;
    port = await createClusterPort({
      kubeconfigPath: sim.kubeconfigPath,
      env: isolatedEnv(),
      now: () => s.clock.now(),
    });
    const p = port;
    const old = controllerPod(sim, 'helm-controller');
    port.followControllers(['helm-controller']);
    await waitForLogs(port, 'following', (l) => l.streams[0]?.phase === 'following');
    sim.logs.append('flux-system', old, 'manager', jsonLine('before the restart', 'a'));
    await waitForLogs(port, 'the line', (l) =>
      l.entries.some((e) => e.line.message === 'before the restart'),
    );

    sim.controllers?.restartPod('helm-controller', 'replace');
    const replacement = controllerPod(sim, 'helm-controller');
    expect(replacement).not.toBe(old);
    await waitForLogs(port, 'waiting for the new pod', (l) => l.streams[0]?.phase === 'reconnecting');
    await waitForSnapshot(p, 'the new pod listed', (snap) =>
      snap.pods.items.some((x) => x.name === replacement),
    );
    await sim.clock.advance(2000);
    const logs = await waitForLogs(
      port,
      'the new pod followed',
      (l) => l.streams[0]?.pod === replacement && l.streams[0].phase === 'following',
    );
    expect(logs.streams[0]).toMatchObject({
      pod: replacement,
      message: `helm-controller pod restarted — following ${replacement}`,
      reconnects: 1,
    });
    const after = await waitForLogs(port, 'startup lines of the new pod', (l) =>
      l.entries.some((e) => e.pod === replacement),
    );
    expect(after.entries.filter((e) => e.line.message === 'before the restart')).toHaveLength(1);
    noRepeats(after.entries);
  });

  it('follows a restarted container of the same pod', async () => {
    sim = await startSim({ scenario: 'empty' });
    const s = sim;
    port = await createClusterPort({
      kubeconfigPath: sim.kubeconfigPath,
      env: isolatedEnv(),
      now: () => s.clock.now(),
    });
    const pod = controllerPod(sim, 'kustomize-controller');
    port.followControllers(['kustomize-controller']);
    await waitForLogs(port, 'following', (l) => l.streams[0]?.phase === 'following');
    sim.controllers?.restartPod('kustomize-controller', 'container');
    const logs = await waitForLogs(
      port,
      'restarted',
      (l) => l.streams[0]?.reconnects === 1 && l.streams[0].phase === 'following',
    );
    expect(logs.streams[0]?.message).toBe(`kustomize-controller pod restarted — following ${pod}`);
    await waitForSnapshot(
      port,
      'the restart counted',
      (snap) => snap.pods.items.find((x) => x.name === pod)?.restarts === 1,
    );
  });

  it('resumes the same container after the connection drops, skipping the lines it already has', async () => {
    const { sim, port } = await start();
    const pod = controllerPod(sim, 'helm-controller');
    port.followControllers(['helm-controller']);
    await waitForLogs(port, 'following', (l) => l.streams[0]?.phase === 'following');
    for (const m of ['one', 'two', 'three']) sim.logs.append('flux-system', pod, 'manager', jsonLine(m, m));
    await waitForLogs(port, 'three', (l) => l.entries.some((e) => e.line.message === 'three'));
    await sim.faults.goAway();
    await waitForLogs(port, 'reconnecting', (l) => l.streams[0]?.phase === 'reconnecting');
    await sim.faults.comeBack();
    sim.logs.append('flux-system', pod, 'manager', jsonLine('four', 'four'));
    const logs = await waitForLogs(
      port,
      'four',
      (l) => l.entries.some((e) => e.line.message === 'four'),
      40_000,
    );
    expect(
      logs.entries.map((e) => e.line.message).filter((m) => ['one', 'two', 'three', 'four'].includes(m)),
    ).toEqual(['one', 'two', 'three', 'four']);
    noRepeats(logs.entries);
    const log = requestsFor(sim, 'pods').filter((r) => r.path.endsWith('/log'));
    expect(log.at(-1)?.query).toMatch(/sinceSeconds=\d+/);
  }, 60_000);

  it('says so when there is no such controller, and stops streams no longer asked for', async () => {
    const { port } = await start();
    port.followControllers(['helm-controller', 'no-such-controller']);
    const logs = await waitForLogs(
      port,
      'states',
      (s) => s.streams.length === 2 && s.streams.every((x) => x.phase !== 'connecting'),
    );
    expect(logs.streams.find((x) => x.controller === 'no-such-controller')).toMatchObject({
      phase: 'ended',
      message: 'no no-such-controller Deployment in flux-system labelled app.kubernetes.io/part-of=flux',
    });
    port.followControllers([]);
    await waitForLogs(port, 'no streams', (s) => s.streams.length === 0);
  });
});

describe('single requests', () => {
  it("decodes a release's Helm history from its storage Secrets, newest first, and nothing else", async () => {
    const { sim, port } = await start();
    const list = JSON.parse(
      readFileSync(new URL('../fixtures/synthetic/helm-storage/secrets.list.json', import.meta.url), 'utf8'),
    ) as { items: { metadata: Record<string, unknown> }[] };
    for (const item of list.items) sim.store.create('secrets', item as never);
    sim.store.create('secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'podinfo-credentials', namespace: 'podinfo', labels: { name: 'podinfo' } },
      data: { password: 'c2VjcmV0' },
    });
    const history = await port.helmHistory('podinfo', 'podinfo');
    expect(history.map((r) => [r.revision, r.status, r.chartVersion, r.secretName])).toEqual([
      [3, 'pending-upgrade', '6.8.0', 'sh.helm.release.v1.podinfo.v3'],
      [2, 'deployed', '6.7.0', 'sh.helm.release.v1.podinfo.v2'],
      [1, 'superseded', '6.6.0', 'sh.helm.release.v1.podinfo.v1'],
    ]);
    expect(JSON.stringify(history)).not.toContain('c2VjcmV0');
    expect(requestsFor(sim, 'secrets', 'list').at(-1)?.query).toContain(
      'labelSelector=owner%3Dhelm%2Cname%3Dpodinfo',
    );
  });

  it('gets objects, merge-patches them as the flux CLI does, and retries a conflict once', async () => {
    const { sim, port } = await start();
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    const ref = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' } as const;
    expect((await port.getObject(ref))?.['metadata']).toMatchObject({ name: 'apps' });
    expect(await port.getObject({ ...ref, name: 'nope' })).toBeUndefined();

    const patched = await port.mergePatch(ref, {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 't1' } },
    });
    expect(patched['metadata']).toMatchObject({ annotations: { 'reconcile.fluxcd.io/requestedAt': 't1' } });
    const patches = requestsFor(sim, resourceId('Kustomization'), 'patch');
    expect(patches).toHaveLength(1);

    const stale = port.mergePatch(ref, { metadata: { resourceVersion: '1' }, spec: { suspend: true } });
    await expect(stale).rejects.toSatisfy((e: unknown) => isKubeError(e, 'conflict'));
    expect(requestsFor(sim, resourceId('Kustomization'), 'patch')).toHaveLength(3);

    sim.faults.removeCrd('HelmRelease');
    await expect(port.getObject({ kind: 'HelmRelease', namespace: 'a', name: 'b' })).rejects.toThrow(
      /helmreleases\.helm\.toolkit\.fluxcd\.io is not served by the API server/,
    );
  });

  it('deletes a Secret, and says when it is already gone', async () => {
    const { sim, port } = await start();
    sim.store.create('secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'sh.helm.release.v1.kyverno.v4', namespace: 'kyverno' },
      data: {},
    });
    await port.deleteSecret('kyverno', 'sh.helm.release.v1.kyverno.v4');
    expect(sim.store.get('secrets', 'kyverno', 'sh.helm.release.v1.kyverno.v4')).toBeUndefined();
    await expect(port.deleteSecret('kyverno', 'sh.helm.release.v1.kyverno.v4')).rejects.toSatisfy(
      (e: unknown) => isKubeError(e, 'not-found'),
    );
  });

  it('reports a missing helm binary with the commands to run by hand', async () => {
    const { port } = await start({ helmPath: '/nonexistent/bin/helm' });
    await expect(
      port.run({ file: 'helm', args: ['rollback', 'kyverno', '3', '-n', 'kyverno'] }),
    ).rejects.toBeInstanceOf(BinaryNotFoundError);
  });
});

describe('closing', () => {
  it('leaves no socket or timer of its own behind', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    const count = () => {
      const all = process.getActiveResourcesInfo();
      return {
        sockets: all.filter((r) => /TCP|TLS|Pipe/.test(r)).length,
        timers: all.filter((r) => r === 'Timeout').length,
      };
    };
    const baseline = count();
    const s = sim;
    port = await createClusterPort({
      kubeconfigPath: sim.kubeconfigPath,
      env: isolatedEnv(),
      now: () => s.clock.now(),
    });
    port.followControllers(['helm-controller']);
    await waitForSnapshot(port, 'live', (snap) => snap.connection === 'live');
    expect(count().sockets).toBeGreaterThan(baseline.sockets);
    await port.close();
    port = undefined;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const now = count();
      if (now.sockets <= baseline.sockets && now.timers <= baseline.timers) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(count().sockets).toBeLessThanOrEqual(baseline.sockets);
    expect(count().timers).toBeLessThanOrEqual(baseline.timers);
  });
});
