// The runbook scenario as the console's store sees it: every Flux object with the right rows, the Flux
// events, the controller pods, and kyverno's Helm history decoded from its storage Secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort, ClusterSnapshot } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, resourceId, waitForSnapshot } from './kube-helpers.js';

let sim: SimHandle;
let port: ClusterPort;
let snap: ClusterSnapshot;

beforeAll(async () => {
  // Virtual clock, controllers off: the scenario stays exactly as seeded while we look at it.
  sim = await startSim({ scenario: 'runbook', clock: 'virtual', controllers: false });
  port = await createClusterPort({
    kubeconfigPath: sim.kubeconfigPath,
    env: isolatedEnv(),
    now: () => sim.clock.now(),
  });
  snap = await waitForSnapshot(port, 'live', (s) => s.connection === 'live');
});

afterAll(async () => {
  await port?.close();
  await sim?.stop();
});

const row = (kind: (typeof KIND_NAMES)[number], ns: string, name: string) =>
  snap.kinds.get(kind)?.rows.get(`${kind}/${ns}/${name}`);

describe('the runbook scenario in the live store', () => {
  it('holds one row per object of every kind, with the Ready status the cluster reports', () => {
    let total = 0;
    for (const kind of KIND_NAMES) {
      const objects = sim.store.list(resourceId(kind));
      const rows = snap.kinds.get(kind)?.rows;
      expect(snap.kinds.get(kind)?.state.phase, kind).toBe('ready');
      expect(rows?.size, kind).toBe(objects.length);
      for (const object of objects) {
        const r = rows?.get(`${kind}/${object.metadata.namespace}/${object.metadata.name}`);
        const conditions = (
          object['status'] as { conditions?: { type: string; status: string }[] } | undefined
        )?.conditions;
        const ready = conditions?.find((c) => c.type === 'Ready');
        if (ready && kind !== 'Alert' && kind !== 'Provider')
          expect(r?.ready, `${kind} ${object.metadata.name}`).toBe(ready.status);
        else expect(r, `${kind} ${object.metadata.name}`).toBeDefined();
      }
      total += objects.length;
    }
    expect(total).toBeGreaterThan(20);
  });

  it('shows the incident as the runbook describes it', () => {
    expect(row('HelmRelease', 'kyverno', 'kyverno')).toMatchObject({
      ready: 'False',
      reason: 'UpgradeFailed',
      stalled: true,
      health: 'Stalled',
    });
    expect(row('HelmRelease', 'kyverno', 'kyverno')?.message).toMatch(
      /^Helm upgrade failed for release kyverno\/kyverno with chart kyverno@3\.3\.0/,
    );
    expect(row('HelmRelease', 'cert-manager', 'cert-manager')?.ready).toBe('True');
    expect(row('HelmRelease', 'monitoring', 'monitoring')).toMatchObject({
      health: 'Waiting',
      reason: 'DependencyNotReady',
      message: "dependency 'kyverno/kyverno' is not ready",
    });
    expect(row('Kustomization', 'flux-system', 'platform-config')).toMatchObject({
      ready: 'False',
      reason: 'BuildFailed',
    });
    expect(row('GitRepository', 'flux-system', 'team-apps')).toMatchObject({
      ready: 'False',
      reason: 'AuthenticationFailed',
    });
    const suspended = [...(snap.kinds.get('HelmRelease')?.rows.values() ?? [])].filter((r) => r.suspended);
    expect(suspended.length).toBeGreaterThanOrEqual(1);
    expect(suspended.every((r) => r.health === 'Suspended')).toBe(true);
  });

  it('has the Flux events and the controller pods', () => {
    const build = snap.events.items.find(
      (e) => e.involved.name === 'platform-config' && e.reason === 'BuildFailed',
    );
    expect(build).toMatchObject({
      type: 'Warning',
      count: 13,
      source: 'kustomize-controller',
      involved: { kind: 'Kustomization', namespace: 'flux-system' },
    });
    // Flux objects' events, and the kubelet's about the controllers' pods (the crash-looping one).
    expect(
      snap.events.items.every(
        (e) =>
          KIND_NAMES.includes(e.involved.kind as never) ||
          (e.involved.kind === 'Pod' && e.involved.namespace === 'flux-system'),
      ),
    ).toBe(true);
    const crashing = snap.pods.items.find((p) => p.controller === 'image-reflector-controller');
    expect(crashing).toMatchObject({
      ready: false,
      restarts: 7,
      waitingReason: 'CrashLoopBackOff',
      lastTermination: { reason: 'OOMKilled', exitCode: 137 },
    });
    expect(
      snap.events.items.find((e) => e.involved.kind === 'Pod' && e.involved.name === crashing?.name),
    ).toMatchObject({ type: 'Warning', reason: 'BackOff', count: 31, source: 'kubelet' });
    expect(snap.pods.items.map((p) => p.controller).sort()).toEqual([
      'helm-controller',
      'image-automation-controller',
      'image-reflector-controller',
      'kustomize-controller',
      'notification-controller',
      'source-controller',
    ]);
    expect(snap.pods.items.find((p) => p.controller === 'helm-controller')).toMatchObject({
      restarts: 1,
      phase: 'Running',
      ready: true,
    });
  });

  it('reads the crash-looping controller’s previous container log once, through the port', async () => {
    const crashing = snap.pods.items.find((p) => p.controller === 'image-reflector-controller');
    if (!crashing || !port.previousLogs) throw new Error('no crash-looping pod, or the port reads no logs');
    const previous = await port.previousLogs('flux-system', crashing.name, 'manager', 2);
    expect(previous.phase).toBe('ready');
    const lines = previous.phase === 'ready' ? previous.lines : [];
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('loading tags into the badger database');
  });

  it('says in a sentence when a pod has no previous container, with the API server’s words', async () => {
    const healthy = snap.pods.items.find((p) => p.controller === 'source-controller');
    if (!healthy || !port.previousLogs) throw new Error('no source-controller pod');
    const previous = await port.previousLogs('flux-system', healthy.name, 'manager', 50);
    expect(previous).toEqual({
      phase: 'none',
      message: `manager has not restarted in ${healthy.name}: there is no previous container to read (the API server said: previous terminated container "manager" in pod "${healthy.name}" not found)`,
    });
  });

  it('keeps the inventory of the last successful apply on a Kustomization whose new revision fails to build', () => {
    const raw = snap.kinds.get('Kustomization')?.raw.get('Kustomization/flux-system/platform-config');
    const entries = (raw?.['status'] as { inventory?: { entries?: { id: string }[] } } | undefined)?.inventory
      ?.entries;
    expect(entries?.map((e) => e.id)).toContain('kyverno_kyverno-policy-defaults__ConfigMap');
  });

  it("compares kyverno's failing revision with its last good one: chart, values, rendered objects", async () => {
    const changes = await port.helmChanges?.('kyverno', 'kyverno');
    expect(changes?.from).toMatchObject({ revision: 4, status: 'deployed', chartVersion: '3.2.6' });
    expect(changes?.to).toMatchObject({ revision: 8, status: 'failed', chartVersion: '3.3.0' });
    expect(changes?.values).toEqual([
      { path: 'admissionController.container.resources.limits.memory', to: '"256Mi"' },
      { path: 'admissionController.replicas', from: '3', to: '4' },
      { path: 'features.policyExceptions.enabled', to: 'true' },
      { path: 'features.policyExceptions.namespace', to: '"kyverno"' },
    ]);
    // The chart's new app version is in every object's labels: each changed, with a diff saying so.
    expect(changes?.objects.map((o) => [o.id, o.change])).toEqual([
      ['Deployment kyverno/kyverno', 'changed'],
      ['Service kyverno/kyverno', 'changed'],
      ['ServiceAccount kyverno/kyverno', 'changed'],
    ]);
    const diff = changes?.objects[0]?.diff ?? [];
    expect(diff.some((l) => l.startsWith('-') && l.includes('app.kubernetes.io/version'))).toBe(true);
    expect(diff.some((l) => l.startsWith('+') && l.includes('app.kubernetes.io/version'))).toBe(true);
  });

  it("decodes kyverno's Helm history from its storage Secrets, newest first", async () => {
    const history = await port.helmHistory('kyverno', 'kyverno');
    expect(history.map((r) => [r.revision, r.status, r.chartVersion])).toEqual([
      [8, 'failed', '3.3.0'],
      [7, 'failed', '3.3.0'],
      [6, 'failed', '3.3.0'],
      [5, 'failed', '3.3.0'],
      [4, 'deployed', '3.2.6'],
      [3, 'superseded', '3.2.5'],
      [2, 'superseded', '3.2.4'],
      [1, 'superseded', '3.1.4'],
    ]);
    expect(history[0]).toMatchObject({
      releaseName: 'kyverno',
      namespace: 'kyverno',
      secretName: 'sh.helm.release.v1.kyverno.v8',
      chartName: 'kyverno',
    });
    expect(history[0]?.description).toMatch(/^Upgrade "kyverno" failed: Internal error occurred/);
  });
});
