// Around the incident: podinfo stuck on a pending Helm upgrade (interrupted by helm-controller's OOM kill) and
// suspended, backstage suspended for maintenance, and healthy releases around them.
import type { SimContext, SimObject } from '../types.js';
import { DAY, MINUTE } from './builders.js';
import { releasedConditions, seedHelmRelease, upgradeHistory } from './helm-releases.js';
import type { LogHistory } from './seed-history.js';
import { seedHelmRepository } from './sources.js';
import type { Timeline } from './timeline.js';

export const PODINFO_LOCK_MESSAGE =
  'Helm upgrade failed for release apps/podinfo with chart podinfo@6.8.0: another operation (install/upgrade/rollback) is in progress';

export function seedApps(
  ctx: SimContext,
  t: Timeline,
  logs: LogHistory,
): { podinfo: SimObject; backstage: SimObject } {
  seedHelmRepository(ctx, {
    name: 'podinfo',
    url: 'oci://ghcr.io/stefanprodan/charts',
    type: 'oci',
    createdAt: t.installed,
    fetchedAt: t.installed,
  });
  const interrupted = t.helmControllerOom - 40_000;
  const podinfo = seedHelmRelease(ctx, {
    namespace: 'apps',
    name: 'podinfo',
    chart: 'podinfo',
    repository: 'podinfo',
    version: '6.8.0',
    upgradedFrom: '6.7.0',
    suspendedBy: 'jane.doe@acme.example',
    values: { replicaCount: 2, ingress: { enabled: true, hosts: [{ host: 'podinfo.acme.example' }] } },
    createdAt: t.ago(30 * DAY),
    appliedBy: 'apps',
    revisions: [
      { chartVersion: '6.6.0', status: 'superseded', description: 'Install complete', at: t.ago(30 * DAY) },
      { chartVersion: '6.7.0', status: 'deployed', description: 'Upgrade complete', at: t.ago(12 * DAY) },
      { chartVersion: '6.8.0', status: 'pending-upgrade', description: 'Preparing upgrade', at: interrupted },
    ],
    historyDepth: 3,
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'UpgradeFailed',
        message: PODINFO_LOCK_MESSAGE,
        since: t.helmControllerOom + 60_000,
      },
      {
        type: 'Reconciling',
        status: 'True',
        reason: 'ProgressingWithRetry',
        message: PODINFO_LOCK_MESSAGE,
        since: t.helmControllerOom + 60_000,
      },
      {
        type: 'Released',
        status: 'False',
        reason: 'UpgradeFailed',
        message: PODINFO_LOCK_MESSAGE,
        since: t.helmControllerOom + 60_000,
      },
    ],
    status: {
      failures: 9,
      upgradeFailures: 0,
      lastAttemptedReleaseAction: 'upgrade',
      lastAttemptedRevision: '6.8.0',
    },
  });
  const obj = { kind: 'HelmRelease' as const, namespace: 'apps', name: 'podinfo' };
  for (let at = t.helmControllerOom + 60_000; at < t.podinfoSuspended; at += 15 * MINUTE) {
    logs.reconcile('helm-controller', obj, at, [
      { level: 'info', msg: "running 'upgrade' action with timeout of 5m0s" },
      { level: 'error', msg: 'Reconciler error', extras: { error: PODINFO_LOCK_MESSAGE } },
    ]);
  }
  logs.reconcile('helm-controller', obj, t.podinfoSuspended, [
    { level: 'info', msg: 'reconciliation is suspended for this object' },
  ]);

  seedHelmRepository(ctx, {
    name: 'backstage',
    url: 'https://backstage.github.io/charts',
    createdAt: t.installed,
    fetchedAt: t.ago(23 * MINUTE),
  });
  const backstageAt = t.ago(20 * DAY);
  const backstage = seedHelmRelease(ctx, {
    namespace: 'backstage',
    name: 'backstage',
    chart: 'backstage',
    repository: 'backstage',
    repositoryUrl: 'https://backstage.github.io/charts',
    version: '2.3.0',
    suspendedBy: 'platform-bot (maintenance window CHG-4821)',
    values: { backstage: { replicas: 1 } },
    createdAt: backstageAt,
    appliedBy: 'apps',
    revisions: upgradeHistory(['2.3.0'], [backstageAt]),
    conditions: releasedConditions(
      { namespace: 'backstage', name: 'backstage', chart: 'backstage' },
      '2.3.0',
      1,
      backstageAt,
      false,
    ),
  });
  seedHealthyReleases(ctx, t);
  return { podinfo, backstage };
}

interface Healthy {
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  readonly repository: string;
  readonly url: string;
  readonly versions: readonly string[];
}

const HEALTHY: readonly Healthy[] = [
  {
    name: 'ingress-nginx',
    namespace: 'ingress-nginx',
    chart: 'ingress-nginx',
    repository: 'ingress-nginx',
    url: 'https://kubernetes.github.io/ingress-nginx',
    versions: ['4.11.3', '4.12.0'],
  },
  {
    name: 'metrics-server',
    namespace: 'kube-system',
    chart: 'metrics-server',
    repository: 'metrics-server',
    url: 'https://kubernetes-sigs.github.io/metrics-server/',
    versions: ['3.12.2'],
  },
  {
    name: 'external-dns',
    namespace: 'external-dns',
    chart: 'external-dns',
    repository: 'external-dns',
    url: 'https://kubernetes-sigs.github.io/external-dns/',
    versions: ['1.15.0'],
  },
  {
    name: 'reloader',
    namespace: 'reloader',
    chart: 'reloader',
    repository: 'stakater',
    url: 'https://stakater.github.io/stakater-charts',
    versions: ['1.2.0'],
  },
];

function seedHealthyReleases(ctx: SimContext, t: Timeline): void {
  HEALTHY.forEach((h, i) => {
    seedHelmRepository(ctx, {
      name: h.repository,
      url: h.url,
      createdAt: t.installed,
      fetchedAt: t.ago((11 + i * 7) * MINUTE),
    });
    const times = h.versions.map((_, v) => t.installed + (i + 20) * MINUTE + v * 25 * DAY);
    const last = h.versions.at(-1) ?? '';
    seedHelmRelease(ctx, {
      namespace: h.namespace,
      name: h.name,
      chart: h.chart,
      repository: h.repository,
      repositoryUrl: h.url,
      version: last,
      values: {},
      createdAt: t.installed + (i + 20) * MINUTE,
      interval: '30m',
      revisions: upgradeHistory(h.versions, times),
      conditions: releasedConditions(
        h,
        last,
        h.versions.length,
        times.at(-1) ?? t.installed,
        h.versions.length > 1,
      ),
    });
  });
}
