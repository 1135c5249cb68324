// The runbook's Flux objects manage real-looking objects: labelled as Flux labels them, owned Deployment →
// ReplicaSet → Pod, with the status kstatus judges — api stuck on ImagePullBackOff under the Ready `apps`
// Kustomization, external-dns crash-looping under its Ready HelmRelease — and the scale scenario stays cheap.
import { describe, expect, it } from 'vitest';
import { readInventory } from '../../src/flux/inventory.js';
import { computeKStatus } from '../../src/flux/kstatus.js';
import { field } from '../../src/flux/narrow.js';
import { createVirtualClock } from '../../src/sim/clock.js';
import { MemoryPodLogs } from '../../src/sim/pod-logs.js';
import { mulberry32, seededUuid } from '../../src/sim/random.js';
import { CORE_RESOURCES } from '../../src/sim/resources.js';
import { seedScenario } from '../../src/sim/scenario/index.js';
import { MemoryStore } from '../../src/sim/store.js';
import type { ScenarioName, SimContext, SimObject } from '../../src/sim/types.js';

const KS = 'kustomize.toolkit.fluxcd.io/kustomizations';
const HR = 'helm.toolkit.fluxcd.io/helmreleases';
const RESOURCE: Record<string, string> = {
  '/ConfigMap': CORE_RESOURCES.configmaps,
  '/Service': CORE_RESOURCES.services,
  '/ServiceAccount': CORE_RESOURCES.serviceaccounts,
  'apps/Deployment': CORE_RESOURCES.deployments,
  'apps/DaemonSet': CORE_RESOURCES.daemonsets,
};

function cluster(scenario: ScenarioName, objects = 0, fluxVersions: 'current' | 'legacy' = 'current') {
  const clock = createVirtualClock();
  const store = new MemoryStore(clock, { uid: () => seededUuid(mulberry32(7)) });
  const ctx: SimContext = {
    store,
    clock,
    logs: new MemoryPodLogs(clock),
    random: mulberry32(3),
    fluxVersions,
  };
  seedScenario(ctx, { scenario, objects });
  return ctx;
}

const ready = (o: SimObject | undefined) =>
  ((field(o, 'status', 'conditions') ?? []) as { type: string; status: string }[]).find(
    (c) => c.type === 'Ready',
  )?.status;
const waitingReason = (pod: SimObject | undefined) =>
  field(
    (field(pod, 'status', 'containerStatuses') as unknown[] | undefined)?.[0],
    'state',
    'waiting',
    'reason',
  );
const podsOf = (ctx: SimContext, ns: string, deployment: string) =>
  ctx.store
    .list(CORE_RESOURCES.pods, ns)
    .filter((p) =>
      ((p.metadata.ownerReferences?.[0] as { name?: string })?.name ?? '').startsWith(`${deployment}-`),
    );

describe('runbook managed objects', () => {
  const ctx = cluster('runbook');
  const now = ctx.clock.now();

  it('creates every built-in object of the Kustomization inventories, labelled with their Kustomization', () => {
    for (const ks of ctx.store.list(KS)) {
      for (const entry of readInventory(ks)) {
        const resource = RESOURCE[`${entry.group}/${entry.kind}`];
        if (!resource) continue;
        const obj = ctx.store.get(resource, entry.namespace, entry.name);
        expect(obj, `${entry.kind} ${entry.namespace}/${entry.name}`).toBeDefined();
        expect(obj?.metadata.labels).toMatchObject({
          'kustomize.toolkit.fluxcd.io/name': ks.metadata.name,
          'kustomize.toolkit.fluxcd.io/namespace': ks.metadata.namespace,
        });
      }
    }
  });

  it('has the api Deployment stuck on ImagePullBackOff under the Ready apps Kustomization', () => {
    expect(ready(ctx.store.get(KS, 'flux-system', 'apps'))).toBe('True');
    const api = ctx.store.get(CORE_RESOURCES.deployments, 'apps', 'api');
    expect(computeKStatus(api, now).status).toBe('InProgress');
    expect(field(api, 'status', 'conditions')).toContainEqual(
      expect.objectContaining({ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }),
    );
    const rs = ctx.store
      .list(CORE_RESOURCES.replicasets, 'apps')
      .find((r) => r.metadata.name.startsWith('api-'));
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'api',
      uid: api?.metadata.uid,
    });
    const pods = podsOf(ctx, 'apps', 'api');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', uid: rs?.metadata.uid });
      expect(field(pod, 'status', 'phase')).toBe('Pending');
      expect(waitingReason(pod)).toBe('ImagePullBackOff');
    }
  });

  it('has a CrashLoopBackOff pod under the Ready external-dns HelmRelease, labelled by Helm and helm-controller', () => {
    expect(ready(ctx.store.get(HR, 'external-dns', 'external-dns'))).toBe('True');
    const deployment = ctx.store.get(CORE_RESOURCES.deployments, 'external-dns', 'external-dns');
    expect(deployment?.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'Helm',
      'helm.toolkit.fluxcd.io/name': 'external-dns',
      'helm.toolkit.fluxcd.io/namespace': 'external-dns',
    });
    const [pod] = podsOf(ctx, 'external-dns', 'external-dns');
    expect(computeKStatus(pod, now)).toMatchObject({ status: 'Failed' });
    expect(waitingReason(pod)).toBe('CrashLoopBackOff');
  });

  it('matches each HelmRelease inventory with existing objects, and the healthy ones are Current', () => {
    const hr = ctx.store.get(HR, 'ingress-nginx', 'ingress-nginx');
    const entries = readInventory(hr);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const obj = ctx.store.get(RESOURCE[`${entry.group}/${entry.kind}`] ?? '', entry.namespace, entry.name);
      expect(computeKStatus(obj, now).status, entry.kind).toBe('Current');
    }
  });

  it('creates the objects of released HelmReleases in the legacy profile too (no inventory there)', () => {
    const legacy = cluster('runbook', 0, 'legacy');
    expect(readInventory(legacy.store.get(HR, 'ingress-nginx', 'ingress-nginx'))).toEqual([]);
    expect(legacy.store.get(CORE_RESOURCES.deployments, 'ingress-nginx', 'ingress-nginx')).toBeDefined();
  });
});

describe('scale scenario', () => {
  it('adds no managed workloads beyond the Flux controllers', () => {
    const ctx = cluster('empty', 200);
    expect(ctx.store.list(CORE_RESOURCES.pods).every((p) => p.metadata.namespace === 'flux-system')).toBe(
      true,
    );
  });
});
