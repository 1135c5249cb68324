// Invariants of the seeded scenarios: the runbook's incident is all there and consistent (chain shape, kyverno
// as the root failure, dependents waiting past the alert threshold, the other runbook cases), `objects: N` adds
// exactly N Flux objects, and a healthy cluster stays quiet under its controllers.
import { describe, expect, it } from 'vitest';
import { readInventory } from '../../src/flux/inventory.js';
import { KINDS, kindInfo } from '../../src/flux/kinds.js';
import { parseLogLine } from '../../src/flux/logs.js';
import { field } from '../../src/flux/narrow.js';
import { createVirtualClock } from '../../src/sim/clock.js';
import { startControllers } from '../../src/sim/controllers/index.js';
import { decodeReleaseSecret } from '../../src/sim/helm-storage.js';
import { MemoryPodLogs } from '../../src/sim/pod-logs.js';
import { mulberry32, seededUuid } from '../../src/sim/random.js';
import { CORE_RESOURCES, resourceIdOf } from '../../src/sim/resources.js';
import { seedMalformedObjects, seedScenario } from '../../src/sim/scenario/index.js';
import { MemoryStore } from '../../src/sim/store.js';
import type { ScenarioName, SimContext, SimObject } from '../../src/sim/types.js';
import { CHAIN } from '../support/runbook-chain.js';

const HR = 'helm.toolkit.fluxcd.io/helmreleases';
const KS = 'kustomize.toolkit.fluxcd.io/kustomizations';
const GIT = 'source.toolkit.fluxcd.io/gitrepositories';

function cluster(
  scenario: ScenarioName,
  objects = 0,
  seed = 1,
  fluxVersions: 'current' | 'legacy' = 'current',
  inventory = 0,
): SimContext {
  const clock = createVirtualClock();
  const uids = mulberry32(seed + 1000);
  const store = new MemoryStore(clock, { uid: () => seededUuid(uids) });
  const ctx = {
    store,
    clock,
    logs: new MemoryPodLogs(clock),
    random: mulberry32(seed),
    fluxVersions,
  };
  seedScenario(ctx, { scenario, objects, ...(inventory ? { inventory } : {}) });
  return ctx;
}

interface Cond {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}
const status = (o: SimObject | undefined) => (field(o, 'status') ?? {}) as Record<string, unknown>;
const cond = (o: SimObject | undefined, type: string) =>
  ((field(o, 'status', 'conditions') ?? []) as Cond[]).find((c) => c.type === type);
const spec = (o: SimObject | undefined) => (field(o, 'spec') ?? {}) as Record<string, unknown>;
const fluxCount = (ctx: SimContext) => KINDS.reduce((n, k) => n + ctx.store.list(resourceIdOf(k)).length, 0);
const minutesAgo = (ctx: SimContext, iso: string) => (ctx.clock.now() - Date.parse(iso)) / 60_000;

describe('runbook scenario', () => {
  const ctx = cluster('runbook');
  const hr = (ns: string, name: string) => ctx.store.get(HR, ns, name);
  const chain = CHAIN.map((name) => ctx.store.list(HR).find((o) => o.metadata.name === name));

  it('has the HelmRelease chain, each in its own namespace and depending on the one before', () => {
    expect(chain.every(Boolean)).toBe(true);
    expect(new Set(chain.map((o) => o?.metadata.namespace)).size).toBe(CHAIN.length);
    chain.forEach((o, i) => {
      const prev = chain[i - 1];
      expect(spec(o)['dependsOn']).toEqual(
        prev ? [{ name: prev.metadata.name, namespace: prev.metadata.namespace }] : undefined,
      );
    });
  });

  it('has kyverno as the root failure: upgrade to 3.3.0 failed until retries ran out, for about 40 minutes', () => {
    const kyverno = hr('kyverno', 'kyverno');
    expect(cond(kyverno, 'Stalled')).toMatchObject({
      status: 'True',
      reason: 'RetriesExceeded',
      message: 'Failed to upgrade after 4 attempt(s)',
    });
    const ready = cond(kyverno, 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'UpgradeFailed' });
    expect(ready?.message).toMatch(
      /^Helm upgrade failed for release kyverno\/kyverno with chart kyverno@3\.3\.0: .*context deadline exceeded$/,
    );
    expect(minutesAgo(ctx, ready?.lastTransitionTime ?? '')).toBeCloseTo(41, 0);
    const revisions = ctx.store
      .list(CORE_RESOURCES.secrets, 'kyverno')
      .map((s) => decodeReleaseSecret(s))
      .sort((a, b) => (a?.version ?? 0) - (b?.version ?? 0))
      .map((r) => `${r?.version} ${r?.info.status} ${r?.chart.metadata.version}`);
    expect(revisions).toEqual([
      '1 superseded 3.1.4',
      '2 superseded 3.2.4',
      '3 superseded 3.2.5',
      '4 deployed 3.2.6',
      '5 failed 3.3.0',
      '6 failed 3.3.0',
      '7 failed 3.3.0',
      '8 failed 3.3.0',
    ]);
    expect((status(kyverno)['history'] as { version: number }[]).map((s) => s.version)).toEqual([
      8, 7, 6, 5, 4,
    ]);
  });

  it('has every release after kyverno waiting on its dependency for longer than the 15 minute alert threshold', () => {
    for (const [i, o] of chain.entries()) {
      const ready = cond(o, 'Ready');
      if (i < 2) expect(ready?.status).toBe('True');
      if (i <= 2) continue;
      const prev = chain[i - 1];
      expect(ready).toMatchObject({
        status: 'False',
        reason: 'DependencyNotReady',
        message: `dependency '${prev?.metadata.namespace}/${prev?.metadata.name}' is not ready`,
      });
      expect(minutesAgo(ctx, ready?.lastTransitionTime ?? '')).toBeGreaterThan(15);
    }
  });

  it('has the other runbook cases: invalid YAML, bad Git credentials, a stuck and suspended release, a suspended one', () => {
    const platform = ctx.store.get(KS, 'flux-system', 'platform-config');
    expect(cond(platform, 'Ready')).toMatchObject({ status: 'False', reason: 'BuildFailed' });
    expect(cond(platform, 'Ready')?.message).toContain(
      'MalformedYAMLError: yaml: line 14: mapping values are not allowed in this context',
    );
    expect(status(platform)['lastAttemptedRevision']).not.toBe(status(platform)['lastAppliedRevision']);
    expect(status(platform)['lastAttemptedRevision']).toBe(
      (status(ctx.store.get(GIT, 'flux-system', 'sre-platform'))['artifact'] as { revision: string })
        .revision,
    );

    expect(cond(ctx.store.get(GIT, 'flux-system', 'team-apps'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'AuthenticationFailed',
    });
    expect(cond(ctx.store.get(GIT, 'flux-system', 'team-apps'), 'Ready')?.message).toContain(
      'authentication required',
    );
    expect(cond(ctx.store.get(KS, 'flux-system', 'team-apps'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ArtifactFailed',
    });

    const podinfo = hr('apps', 'podinfo');
    expect(spec(podinfo)['suspend']).toBe(true);
    expect(cond(podinfo, 'Ready')?.message).toContain(
      'another operation (install/upgrade/rollback) is in progress',
    );
    const newest = ctx.store
      .list(CORE_RESOURCES.secrets, 'apps')
      .filter((s) => s.metadata.labels?.['owner'] === 'helm')
      .sort((a, b) => Number(b.metadata.labels?.['version']) - Number(a.metadata.labels?.['version']))[0];
    expect(newest?.metadata.name).toBe('sh.helm.release.v1.podinfo.v3');
    expect(newest?.metadata.labels?.['status']).toBe('pending-upgrade');

    const backstage = hr('backstage', 'backstage');
    expect(spec(backstage)['suspend']).toBe(true);
    expect(backstage?.metadata.annotations?.['fluxcd.controlplane.io/suspendedBy']).toBeTruthy();
    expect(cond(backstage, 'Ready')?.status).toBe('True');
  });

  it('has a controller pod that was OOM-killed, and every controller Deployment labelled as flux logs finds them', () => {
    const pods = ctx.store.list(CORE_RESOURCES.pods, 'flux-system');
    const helm = pods.find((p) => p.metadata.labels?.['app'] === 'helm-controller');
    const manager = (status(helm)['containerStatuses'] as Record<string, unknown>[])[0];
    expect(manager?.['restartCount']).toBeGreaterThanOrEqual(1);
    expect(manager?.['lastState']).toMatchObject({ terminated: { reason: 'OOMKilled', exitCode: 137 } });
    const deployments = ctx.store.list(CORE_RESOURCES.deployments, 'flux-system');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'helm-controller',
      'image-automation-controller',
      'image-reflector-controller',
      'kustomize-controller',
      'notification-controller',
      'source-controller',
    ]);
    for (const d of deployments) {
      expect(d.metadata.labels).toMatchObject({
        'app.kubernetes.io/part-of': 'flux',
        'app.kubernetes.io/instance': 'flux-system',
        'app.kubernetes.io/component': d.metadata.name,
        'control-plane': 'controller',
      });
      const pod = pods.find((p) => p.metadata.labels?.['app'] === d.metadata.name);
      expect(pod?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet' });
    }
  });

  it('has objects of every simulated kind, events, and controller logs that parse as Flux lines', () => {
    // The Flux Operator's kinds live in the operator scenario (no operator runs in the runbook's cluster).
    const simulated = KINDS.filter(
      (k) => k.kind !== 'ExternalArtifact' && k.kind !== 'ArtifactGenerator' && k.family !== 'operator',
    );
    for (const kind of simulated) {
      expect(ctx.store.list(resourceIdOf(kind)).length, kind.kind).toBeGreaterThan(0);
    }
    const events = ctx.store.list(CORE_RESOURCES.events);
    const kyvernoEvent = events.find((e) => (e['involvedObject'] as { name: string }).name === 'kyverno');
    expect(kyvernoEvent).toMatchObject({
      type: 'Warning',
      reason: 'UpgradeFailed',
      count: 4,
      source: { component: 'helm-controller' },
    });
    expect(kyvernoEvent?.metadata.annotations).toEqual({ 'helm.toolkit.fluxcd.io/revision': '3.3.0' });
    const pod = ctx.store
      .list(CORE_RESOURCES.pods, 'flux-system')
      .find((p) => p.metadata.labels?.['app'] === 'helm-controller');
    const lines = ctx.logs
      .read('flux-system', pod?.metadata.name ?? '', 'manager', {})
      .map((r) => parseLogLine(r.text));
    expect(lines.some((l) => !l.structured)).toBe(true);
    expect(
      lines.some(
        (l) =>
          l.kind === 'HelmRelease' &&
          l.name === 'velero' &&
          l.message.startsWith('dependencies do not meet ready condition'),
      ),
    ).toBe(true);
  });

  it('is the same cluster for the same seed', () => {
    const a = cluster('runbook', 0, 7);
    const b = cluster('runbook', 0, 7);
    const same = (resource: string) =>
      JSON.stringify(a.store.list(resource)) === JSON.stringify(b.store.list(resource));
    expect(
      [HR, KS, CORE_RESOURCES.pods, CORE_RESOURCES.secrets, CORE_RESOURCES.events].filter((r) => !same(r)),
    ).toEqual([]);
  });
});

describe('the bench’s big inventory (--inventory N)', () => {
  it('is a Ready Kustomization that applied N labelled objects, workloads with running pods', () => {
    const ctx = cluster('empty', 0, 1, 'current', 2000);
    const ks = ctx.store.get(resourceIdOf(kindInfo('Kustomization')), 'flux-system', 'big-inventory');
    const entries = readInventory(ks);
    expect(entries).toHaveLength(2000);
    const configMaps = ctx.store.list(CORE_RESOURCES.configmaps, 'big-inventory');
    expect(configMaps.length).toBe(entries.filter((e) => e.kind === 'ConfigMap').length);
    expect(configMaps[0]?.metadata.labels).toMatchObject({
      'kustomize.toolkit.fluxcd.io/name': 'big-inventory',
    });
    const pods = ctx.store.list(CORE_RESOURCES.pods, 'big-inventory');
    expect(pods.length).toBe(entries.filter((e) => e.kind === 'Deployment').length);
  });
});

describe('scale and empty scenarios', () => {
  it('adds exactly N healthy Flux objects over many namespaces', () => {
    const base = fluxCount(cluster('empty'));
    expect(base).toBe(0);
    for (const n of [1, 2, 9, 10, 37, 1000]) {
      const ctx = cluster('empty', n);
      expect(fluxCount(ctx)).toBe(n);
      const all = KINDS.flatMap((k) => ctx.store.list(resourceIdOf(k)));
      expect(all.every((o) => cond(o, 'Ready')?.status === 'True' || o.kind === 'HelmRepository')).toBe(true);
      if (n >= 1000) expect(new Set(all.map((o) => o.metadata.namespace)).size).toBeGreaterThan(20);
    }
    expect(fluxCount(cluster('runbook', 500)) - fluxCount(cluster('runbook'))).toBe(500);
  });

  it('stays quiet under its controllers: periodic reconciles of healthy objects write nothing', async () => {
    const ctx = cluster('empty', 2000);
    const writes: string[] = [];
    ctx.store.subscribe((e) =>
      writes.push(`${e.type} ${e.resource} ${e.object.metadata.namespace}/${e.object.metadata.name}`),
    );
    const controllers = startControllers(ctx);
    for (let i = 0; i < 12; i++) await ctx.clock.advance(10 * 60_000);
    controllers.stop();
    expect(writes).toEqual([]);
    const pod = ctx.store
      .list(CORE_RESOURCES.pods, 'flux-system')
      .find((p) => p.metadata.labels?.['app'] === 'kustomize-controller');
    const finished = ctx.logs
      .read('flux-system', pod?.metadata.name ?? '', 'manager', {})
      .filter((r) => r.text.includes('Reconciliation finished'));
    // Every Kustomization ran about once per interval (10m–1h), not in a loop.
    const kustomizations = ctx.store.list(KS).length;
    expect(finished.length).toBeGreaterThan(kustomizations);
    expect(finished.length).toBeLessThan(kustomizations * 13);
  });

  it('seeds only the controllers for the empty scenario', () => {
    const ctx = cluster('empty');
    expect(ctx.store.list(CORE_RESOURCES.pods, 'flux-system')).toHaveLength(6);
    expect(ctx.store.list(CORE_RESOURCES.secrets)).toHaveLength(0);
  });
});

describe('legacy Flux profile', () => {
  it('seeds the API versions and controller images an older Flux (≤ 2.2) has', () => {
    const ctx = cluster('runbook', 0, 1, 'legacy');
    expect(ctx.store.get(HR, 'kyverno', 'kyverno')?.apiVersion).toBe('helm.toolkit.fluxcd.io/v2beta2');
    expect(ctx.store.get(KS, 'flux-system', 'apps')?.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1beta2');
    expect(field(ctx.store.get(HR, 'cert-manager', 'cert-manager'), 'status', 'inventory')).toBeUndefined();
    const helm = ctx.store
      .list(CORE_RESOURCES.pods, 'flux-system')
      .find((p) => p.metadata.labels?.['app'] === 'helm-controller');
    expect((field(helm, 'spec', 'containers') as { image: string }[])[0]?.image).toBe(
      'ghcr.io/fluxcd/helm-controller:v0.37.4',
    );
    expect(
      field(
        cluster('runbook').store.get(HR, 'cert-manager', 'cert-manager'),
        'status',
        'inventory',
        'entries',
      ),
    ).toHaveLength(3);
  });
});

describe('malformed objects', () => {
  it('are seeded on demand, and the controllers survive reconciling them', async () => {
    const ctx = cluster('empty');
    const created = seedMalformedObjects(ctx);
    expect(created.length).toBeGreaterThan(5);
    const huge = ctx.store.get(KS, 'malformed', 'huge-message');
    expect(cond(huge, 'Ready')?.message.length).toBeGreaterThan(1024 * 1024);
    const controllers = startControllers(ctx);
    await controllers.idle();
    await ctx.clock.advance(5 * 60_000);
    await controllers.idle();
    controllers.stop();
    expect(cond(ctx.store.get(KS, 'malformed', 'wrong-types'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ArtifactFailed',
    });
    expect(status(ctx.store.get(KS, 'malformed', 'no-status'))['observedGeneration']).toBe(1);
  });
});
