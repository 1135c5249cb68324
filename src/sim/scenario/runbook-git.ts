// The runbook's Git side: `sre-platform` (healthy, its latest commit broke `platform-config` with invalid
// YAML), `team-apps` (credentials that cannot read it, so its Kustomization has no artifact), and the
// Kustomizations applied from them.
import type { Commit } from '../controllers/artifacts.js';
import { hashHex } from '../controllers/ids.js';
import type { SimContext, SimObject } from '../types.js';
import { type Cond, conditions, createFlux, HOUR, MINUTE } from './builders.js';
import type { LogHistory } from './seed-history.js';
import { seedGitRepository } from './sources.js';
import type { Timeline } from './timeline.js';

export const SRE_PLATFORM_URL = 'ssh://git@github.com/acme-sre/sre-platform.git';
export const TEAM_APPS_URL = 'https://github.com/acme-sre/team-apps.git';

export const PLATFORM_CONFIG_ERROR =
  "kustomize build failed: accumulating resources: accumulation err='accumulating resources from 'network-policies/kyverno.yaml': MalformedYAMLError: yaml: line 14: mapping values are not allowed in this context in File: network-policies/kyverno.yaml': must build at directory: '/tmp/kustomization-2961234867/platform/config/network-policies/kyverno.yaml': file is not directory";

export const TEAM_APPS_AUTH_ERROR =
  'authentication required: Invalid username or token. Password authentication is not supported for Git operations.';

export interface GitStory {
  readonly sre: SimObject;
  readonly teamApps: SimObject;
  readonly head: Commit;
  readonly previous: Commit;
  readonly kustomizations: Record<string, SimObject>;
}

const commit = (n: number, subject: string): Commit => ({
  sha: hashHex('sre-platform', n).slice(0, 40),
  subject,
});

export function seedGitStory(ctx: SimContext, t: Timeline, logs: LogHistory): GitStory {
  const previous = commit(1, 'feat(monitoring): bump kube-prometheus-stack to 66.3.1');
  const head = commit(2, 'chore(platform): add network policies for kyverno');
  const sre = seedGitRepository(ctx, {
    name: 'sre-platform',
    url: SRE_PLATFORM_URL,
    createdAt: t.installed,
    fetched: { commit: head, at: t.badCommit },
    appliedBy: 'flux-system',
  });
  const authMessage = `failed to checkout and determine revision: unable to clone '${TEAM_APPS_URL}': ${TEAM_APPS_AUTH_ERROR}`;
  const teamApps = seedGitRepository(ctx, {
    name: 'team-apps',
    url: TEAM_APPS_URL,
    interval: '5m0s',
    createdAt: t.teamAppsAdded,
    appliedBy: 'flux-system',
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'AuthenticationFailed',
        message: authMessage,
        since: t.teamAppsAdded + 2000,
      },
      {
        type: 'Reconciling',
        status: 'True',
        reason: 'ProgressingWithRetry',
        message: authMessage,
        since: t.teamAppsAdded + 2000,
      },
      {
        type: 'FetchFailed',
        status: 'True',
        reason: 'AuthenticationFailed',
        message: authMessage,
        since: t.teamAppsAdded + 2000,
      },
    ],
  });
  const headRev = `main@sha1:${head.sha}`;
  const prevRev = `main@sha1:${previous.sha}`;
  const ks = (name: string, path: string, extra: Partial<KsSeed> = {}) =>
    seedKustomization(ctx, {
      name,
      path,
      createdAt: t.installed,
      applied: headRev,
      at: t.badCommit + 20_000,
      ...extra,
    });
  const kustomizations = {
    'flux-system': ks('flux-system', './clusters/production', {
      interval: '10m0s',
      inventory: fluxSystemInventory(),
    }),
    infrastructure: ks('infrastructure', './infrastructure/production', {
      inventory: infrastructureInventory(),
    }),
    apps: ks('apps', './apps/production', { dependsOn: ['infrastructure'], inventory: appsInventory() }),
    'platform-config': ks('platform-config', './platform/config', {
      applied: prevRev,
      attempted: headRev,
      failure: { reason: 'BuildFailed', message: PLATFORM_CONFIG_ERROR, since: t.badCommit + 15_000 },
      at: t.previousCommit + 30_000,
      // What the previous revision applied: a failed build keeps the last successful inventory.
      inventory: platformConfigInventory(),
    }),
    'team-apps': ks('team-apps', './deploy/production', {
      source: 'team-apps',
      createdAt: t.teamAppsAdded,
      applied: '',
      failure: {
        reason: 'ArtifactFailed',
        message: 'Source artifact not found, retrying in 30s',
        since: t.teamAppsAdded + 1000,
      },
    }),
  };
  seedGitLogs(logs, t, { head: headRev, previous: prevRev }, authMessage);
  return { sre, teamApps, head, previous, kustomizations };
}

interface KsSeed {
  readonly name: string;
  readonly path: string;
  readonly createdAt: number;
  readonly applied: string;
  readonly attempted?: string;
  readonly at: number;
  readonly interval?: string;
  readonly source?: string;
  readonly dependsOn?: readonly string[];
  readonly inventory?: readonly { id: string; v: string }[];
  readonly failure?: { readonly reason: string; readonly message: string; readonly since: number };
}

function seedKustomization(ctx: SimContext, seed: KsSeed): SimObject {
  const ready: Cond[] = seed.failure
    ? [
        {
          type: 'Ready',
          status: 'False',
          reason: seed.failure.reason,
          message: seed.failure.message,
          since: seed.failure.since,
        },
        {
          type: 'Reconciling',
          status: 'True',
          reason: 'ProgressingWithRetry',
          message: seed.failure.message,
          since: seed.failure.since,
        },
      ]
    : [
        {
          type: 'Ready',
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: `Applied revision: ${seed.applied}`,
          since: seed.at,
        },
      ];
  const history = seed.applied
    ? [
        {
          digest: `sha256:${hashHex(seed.name, seed.applied)}`,
          firstReconciled: new Date(seed.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          lastReconciled: new Date(seed.failure ? seed.at : seed.at + 20 * MINUTE)
            .toISOString()
            .replace(/\.\d{3}Z$/, 'Z'),
          lastReconciledDuration: '2.412s',
          lastReconciledStatus: 'ReconciliationSucceeded',
          totalReconciliations: 3,
          metadata: { revision: seed.applied },
        },
      ]
    : [];
  return createFlux(ctx, 'Kustomization', 'flux-system', seed.name, {
    createdAt: seed.createdAt,
    appliedBy: 'flux-system',
    spec: {
      interval: seed.interval ?? '10m0s',
      retryInterval: '2m0s',
      path: seed.path,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: seed.source ?? 'sre-platform' },
      timeout: '5m0s',
      wait: true,
      ...(seed.dependsOn ? { dependsOn: seed.dependsOn.map((name) => ({ name })) } : {}),
    },
    status: {
      observedGeneration: 1,
      conditions: conditions(1, ready),
      ...(seed.applied ? { lastAppliedRevision: seed.applied } : {}),
      ...(seed.applied || seed.attempted ? { lastAttemptedRevision: seed.attempted ?? seed.applied } : {}),
      ...(seed.inventory ? { inventory: { entries: seed.inventory } } : {}),
      ...(history.length ? { history } : {}),
    },
  });
}

const inv = (ns: string, name: string, group: string, kind: string, v: string) => ({
  id: `${ns}_${name}_${group}_${kind}`,
  v,
});

function fluxSystemInventory() {
  const ks = (name: string) => inv('flux-system', name, 'kustomize.toolkit.fluxcd.io', 'Kustomization', 'v1');
  return [
    inv('', 'flux-system', '', 'Namespace', 'v1'),
    ks('apps'),
    ks('flux-system'),
    ks('infrastructure'),
    ks('platform-config'),
    ks('team-apps'),
    inv('flux-system', 'sre-platform', 'source.toolkit.fluxcd.io', 'GitRepository', 'v1'),
    inv('flux-system', 'team-apps', 'source.toolkit.fluxcd.io', 'GitRepository', 'v1'),
  ];
}

const CHAIN_NAMESPACES: readonly [string, string][] = [
  ['istio-system', 'istio-base'],
  ['cert-manager', 'cert-manager'],
  ['kyverno', 'kyverno'],
  ['monitoring', 'monitoring'],
  ['logging', 'logging'],
  ['openbao', 'openbao'],
  ['harbor', 'harbor'],
  ['neuvector', 'neuvector'],
  ['keycloak', 'keycloak'],
  ['tempo', 'tempo'],
  ['velero', 'velero'],
];

function infrastructureInventory() {
  return CHAIN_NAMESPACES.map(([ns, name]) => inv(ns, name, 'helm.toolkit.fluxcd.io', 'HelmRelease', 'v2'));
}

function platformConfigInventory() {
  return [
    inv('flux-system', 'platform-settings', '', 'ConfigMap', 'v1'),
    inv('kyverno', 'kyverno-policy-defaults', '', 'ConfigMap', 'v1'),
    inv('monitoring', 'grafana-dashboards', '', 'ConfigMap', 'v1'),
  ];
}

function appsInventory() {
  return [
    inv('', 'apps', '', 'Namespace', 'v1'),
    inv('apps', 'api', '', 'ConfigMap', 'v1'),
    inv('apps', 'api', '', 'Service', 'v1'),
    inv('apps', 'api', '', 'ServiceAccount', 'v1'),
    inv('apps', 'api', 'apps', 'Deployment', 'v1'),
    inv('apps', 'podinfo', 'helm.toolkit.fluxcd.io', 'HelmRelease', 'v2'),
    inv('backstage', 'backstage', 'helm.toolkit.fluxcd.io', 'HelmRelease', 'v2'),
  ];
}

function seedGitLogs(
  logs: LogHistory,
  t: Timeline,
  revs: { head: string; previous: string },
  authMessage: string,
): void {
  const headRev = revs.head;
  const sre = { kind: 'GitRepository' as const, namespace: 'flux-system', name: 'sre-platform' };
  for (let at = t.ago(58 * MINUTE); at < t.now; at += MINUTE) {
    const msg =
      at >= t.badCommit && at < t.badCommit + MINUTE
        ? `stored artifact for commit 'chore(platform): add network policies for kyverno'`
        : `no changes since last reconcilation: observed revision '${at < t.badCommit ? revs.previous : headRev}'`;
    logs.reconcile('source-controller', sre, at, [{ level: 'info', msg }]);
  }
  const team = { kind: 'GitRepository' as const, namespace: 'flux-system', name: 'team-apps' };
  for (let at = t.teamAppsAdded + 2000; at < t.now; at += 5 * MINUTE) {
    logs.reconcile('source-controller', team, at, [
      { level: 'error', msg: 'Reconciler error', extras: { error: authMessage } },
    ]);
  }
  const ks = (name: string) => ({ kind: 'Kustomization' as const, namespace: 'flux-system', name });
  for (let at = t.ago(HOUR); at < t.now; at += 10 * MINUTE) {
    for (const name of ['flux-system', 'infrastructure', 'apps']) {
      logs.reconcile('kustomize-controller', ks(name), at + name.length * 1000, [
        {
          level: 'info',
          msg: 'Reconciliation finished in 2.412s, next run in 10m0s',
          extras: { revision: headRev },
        },
      ]);
    }
  }
  for (let at = t.badCommit + 15_000; at < t.now; at += 2 * MINUTE) {
    logs.reconcile('kustomize-controller', ks('platform-config'), at, [
      {
        level: 'error',
        msg: 'Reconciliation failed after 1.204s, next try in 2m0s',
        extras: { revision: headRev, error: PLATFORM_CONFIG_ERROR },
      },
    ]);
  }
  for (let at = t.ago(30 * MINUTE); at < t.now; at += 30_000) {
    logs.reconcile('kustomize-controller', ks('team-apps'), at, [
      { level: 'info', msg: 'Source artifact not found, retrying in 30s' },
    ]);
  }
}
