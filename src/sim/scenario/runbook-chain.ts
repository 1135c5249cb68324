// The runbook's HelmRelease chain istio-base → cert-manager → kyverno → … → velero. kyverno's upgrade to chart
// 3.3.0 failed (an admission webhook was not ready: context deadline exceeded) until retries ran out; every
// release after it waits on its dependency.
import type { SimContext, SimObject } from '../types.js';
import { type Cond, DAY, MINUTE } from './builders.js';
import {
  type HelmReleaseSeed,
  type RevisionSeed,
  releasedConditions,
  seedHelmRelease,
  upgradeHistory,
} from './helm-releases.js';
import type { LogHistory } from './seed-history.js';
import { seedHelmRepository } from './sources.js';
import type { Timeline } from './timeline.js';

export const KYVERNO_UPGRADE_ERROR =
  'Internal error occurred: failed calling webhook "mutate.kyverno.svc-fail": failed to call webhook: Post "https://kyverno-svc.kyverno.svc:443/mutate/fail?timeout=10s": context deadline exceeded';

interface ChainLink {
  readonly name: string;
  readonly namespace: string;
  readonly chart: string;
  readonly repository: string;
  readonly url: string;
  readonly versions: readonly string[];
  readonly values: Record<string, unknown>;
}

export const CHAIN: readonly ChainLink[] = [
  {
    name: 'istio-base',
    namespace: 'istio-system',
    chart: 'base',
    repository: 'istio',
    url: 'https://istio-release.storage.googleapis.com/charts',
    versions: ['1.23.3', '1.24.1', '1.24.2'],
    values: { defaultRevision: 'default' },
  },
  {
    name: 'cert-manager',
    namespace: 'cert-manager',
    chart: 'cert-manager',
    repository: 'jetstack',
    url: 'https://charts.jetstack.io',
    versions: ['v1.15.3', 'v1.16.1', 'v1.16.2'],
    values: { crds: { enabled: true }, replicaCount: 2 },
  },
  {
    name: 'kyverno',
    namespace: 'kyverno',
    chart: 'kyverno',
    repository: 'kyverno',
    url: 'https://kyverno.github.io/kyverno/',
    versions: ['3.1.4', '3.2.4', '3.2.5', '3.2.6'],
    values: { admissionController: { replicas: 3 }, backgroundController: { replicas: 2 } },
  },
  {
    name: 'monitoring',
    namespace: 'monitoring',
    chart: 'kube-prometheus-stack',
    repository: 'prometheus-community',
    url: 'https://prometheus-community.github.io/helm-charts',
    versions: ['65.1.1', '66.2.2', '66.3.1'],
    values: { grafana: { enabled: true }, prometheus: { prometheusSpec: { retention: '15d' } } },
  },
  {
    name: 'logging',
    namespace: 'logging',
    chart: 'loki',
    repository: 'grafana',
    url: 'https://grafana.github.io/helm-charts',
    versions: ['6.18.0', '6.22.0', '6.23.0'],
    values: { deploymentMode: 'SimpleScalable', loki: { auth_enabled: false } },
  },
  {
    name: 'openbao',
    namespace: 'openbao',
    chart: 'openbao',
    repository: 'openbao',
    url: 'https://openbao.github.io/openbao-helm',
    versions: ['0.7.0', '0.8.1'],
    values: { server: { ha: { enabled: true, replicas: 3 } } },
  },
  {
    name: 'harbor',
    namespace: 'harbor',
    chart: 'harbor',
    repository: 'harbor',
    url: 'https://helm.goharbor.io',
    versions: ['1.15.1', '1.16.1'],
    values: { expose: { type: 'clusterIP' }, externalURL: 'https://harbor.acme.example' },
  },
  {
    name: 'neuvector',
    namespace: 'neuvector',
    chart: 'core',
    repository: 'neuvector',
    url: 'https://neuvector.github.io/neuvector-helm/',
    versions: ['2.8.2', '2.8.3'],
    values: { controller: { replicas: 3 } },
  },
  {
    name: 'keycloak',
    namespace: 'keycloak',
    chart: 'keycloakx',
    repository: 'codecentric',
    url: 'https://codecentric.github.io/helm-charts',
    versions: ['6.0.0', '7.0.1'],
    values: { replicas: 2 },
  },
  {
    name: 'tempo',
    namespace: 'tempo',
    chart: 'tempo',
    repository: 'grafana',
    url: 'https://grafana.github.io/helm-charts',
    versions: ['1.14.0', '1.16.0'],
    values: { tempo: { retention: '72h' } },
  },
  {
    name: 'velero',
    namespace: 'velero',
    chart: 'velero',
    repository: 'vmware-tanzu',
    url: 'https://vmware-tanzu.github.io/helm-charts',
    versions: ['7.2.2', '8.1.0'],
    values: { schedules: { daily: { schedule: '0 2 * * *' } } },
  },
];

export const KYVERNO_TARGET_VERSION = '3.3.0';

type ReleaseBase = Omit<HelmReleaseSeed, 'version' | 'revisions' | 'conditions'>;
const KYVERNO_ATTEMPTS = [41, 39, 36, 33];
/**
 * What the Git change that broke kyverno asked for besides the chart: more admission replicas and a lower
 * memory limit — so the Changes tab has a values diff to show next to the chart's.
 */
const KYVERNO_FAILED_VALUES = {
  admissionController: { replicas: 4, container: { resources: { limits: { memory: '256Mi' } } } },
  backgroundController: { replicas: 2 },
  features: { policyExceptions: { enabled: true, namespace: 'kyverno' } },
};

export function seedChain(ctx: SimContext, t: Timeline, logs: LogHistory): SimObject[] {
  const repos = new Set<string>();
  for (const link of CHAIN) {
    if (repos.has(link.repository)) continue;
    repos.add(link.repository);
    seedHelmRepository(ctx, {
      name: link.repository,
      url: link.url,
      createdAt: t.installed,
      fetchedAt: t.ago(17 * MINUTE),
    });
  }
  const objects: SimObject[] = [];
  CHAIN.forEach((link, i) => {
    const previous = CHAIN[i - 1];
    // Installed with Flux, upgraded every few weeks since; the last upgrade 6–9 days ago.
    const spacing = link.versions.length > 1 ? (33 * DAY) / (link.versions.length - 1) : 0;
    const times = link.versions.map((_, v) => t.installed + 60_000 * (i + 1) + v * spacing);
    const base: ReleaseBase = {
      namespace: link.namespace,
      name: link.name,
      chart: link.chart,
      repository: link.repository,
      repositoryUrl: link.url,
      values: link.values,
      createdAt: t.installed + 60_000 * (i + 1),
      ...(previous ? { dependsOn: { name: previous.name, namespace: previous.namespace } } : {}),
    };
    if (link.name === 'kyverno') {
      objects.push(seedKyverno(ctx, t, base, link, times, logs));
      return;
    }
    const last = link.versions.at(-1) ?? '';
    const revisions = upgradeHistory(link.versions, times);
    const lastAt = times.at(-1) ?? t.installed;
    const released = releasedConditions(link, last, revisions.length, lastAt, revisions.length > 1);
    const waitingSince = i > 2 ? t.kyvernoFirstFailure + (i - 2) * 150_000 : undefined;
    const conds: Cond[] = waitingSince && previous ? waiting(previous, waitingSince, released) : released;
    objects.push(seedHelmRelease(ctx, { ...base, version: last, revisions, conditions: conds }));
    if (waitingSince && previous) waitingLogs(logs, link, previous, waitingSince, t.now);
  });
  return objects;
}

function waiting(dep: ChainLink, since: number, released: readonly Cond[]): Cond[] {
  const message = `dependency '${dep.namespace}/${dep.name}' is not ready`;
  return [
    { type: 'Ready', status: 'False', reason: 'DependencyNotReady', message, since },
    { type: 'Reconciling', status: 'True', reason: 'ProgressingWithRetry', message, since },
    ...released.filter((c) => c.type === 'Released'),
  ];
}

function seedKyverno(
  ctx: SimContext,
  t: Timeline,
  base: ReleaseBase,
  link: ChainLink,
  times: readonly number[],
  logs: LogHistory,
): SimObject {
  const message = `Helm upgrade failed for release kyverno/kyverno with chart kyverno@${KYVERNO_TARGET_VERSION}: ${KYVERNO_UPGRADE_ERROR}`;
  const failed: RevisionSeed[] = KYVERNO_ATTEMPTS.map((minutes) => ({
    chartVersion: KYVERNO_TARGET_VERSION,
    status: 'failed',
    description: `Upgrade "kyverno" failed: ${KYVERNO_UPGRADE_ERROR}`,
    at: t.ago(minutes * MINUTE),
    values: KYVERNO_FAILED_VALUES,
  }));
  const good = upgradeHistory(link.versions, times).map((rev) => ({ ...rev, values: link.values }));
  const revisions = [...good, ...failed];
  const attempts = KYVERNO_ATTEMPTS.length;
  const hr = seedHelmRelease(ctx, {
    ...base,
    values: KYVERNO_FAILED_VALUES,
    version: KYVERNO_TARGET_VERSION,
    upgradedFrom: link.versions.at(-1) ?? '',
    revisions,
    historyDepth: 5,
    conditions: [
      { type: 'Ready', status: 'False', reason: 'UpgradeFailed', message, since: t.kyvernoFirstFailure },
      {
        type: 'Stalled',
        status: 'True',
        reason: 'RetriesExceeded',
        message: `Failed to upgrade after ${attempts} attempt(s)`,
        since: t.kyvernoStalled,
      },
      { type: 'Released', status: 'False', reason: 'UpgradeFailed', message, since: t.kyvernoFirstFailure },
    ],
    status: {
      failures: attempts,
      upgradeFailures: attempts,
      lastAttemptedReleaseAction: 'upgrade',
      lastAttemptedRevision: KYVERNO_TARGET_VERSION,
    },
  });
  const obj = { kind: 'HelmRelease' as const, namespace: 'kyverno', name: 'kyverno' };
  for (const minutes of KYVERNO_ATTEMPTS) {
    logs.reconcile('helm-controller', obj, t.ago(minutes * MINUTE) - 3000, [
      { level: 'info', msg: "running 'upgrade' action with timeout of 5m0s" },
      { level: 'error', msg: 'Reconciler error', extras: { error: message } },
    ]);
  }
  logs.reconcile('helm-controller', obj, t.kyvernoStalled + 1000, [
    {
      level: 'error',
      msg: 'Reconciler error',
      extras: { error: 'terminal error: exceeded maximum retries: cannot upgrade release' },
    },
  ]);
  return hr;
}

function waitingLogs(logs: LogHistory, link: ChainLink, dep: ChainLink, since: number, now: number): void {
  const msg = `dependencies do not meet ready condition (dependency '${dep.namespace}/${dep.name}' is not ready): retrying in 30s`;
  const obj = { kind: 'HelmRelease' as const, namespace: link.namespace, name: link.name };
  for (let at = since; at < now; at += 30_000)
    logs.reconcile('helm-controller', obj, at, [{ level: 'info', msg }]);
}
