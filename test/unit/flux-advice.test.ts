import { describe, expect, it } from 'vitest';
import { type Advice, adviseFor } from '../../src/flux/advice.js';
import { buildDependencyGraph } from '../../src/flux/graph.js';
import type { KindName } from '../../src/flux/kinds.js';
import { deriveRow } from '../../src/flux/status.js';
import type { StatusRow } from '../../src/flux/types.js';
import { CHAIN } from '../support/runbook-chain.js';
import { goldenObjects } from './flux-golden.js';

const NOW = Date.UTC(2026, 0, 3, 12);
const LOCK =
  'Helm upgrade failed for release monitoring/monitoring with chart kube-prometheus-stack@58.0.0: another operation (install/upgrade/rollback) is in progress';

interface Spec {
  readonly kind?: KindName;
  readonly name: string;
  readonly namespace?: string;
  readonly ready?: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
  readonly since?: string;
  readonly stalled?: { reason: string; message: string };
  readonly deps?: readonly string[];
  readonly spec?: object;
  readonly annotations?: Record<string, string>;
}

function row(s: Spec): StatusRow {
  const conditions: object[] = [];
  if (s.ready) {
    conditions.push({
      type: 'Ready',
      status: s.ready,
      reason: s.reason ?? '',
      message: s.message ?? '',
      lastTransitionTime: s.since ?? '2026-01-03T11:00:00Z',
    });
  }
  if (s.stalled) conditions.push({ type: 'Stalled', status: 'True', ...s.stalled });
  const namespace = s.namespace ?? s.name;
  const raw = {
    metadata: { name: s.name, namespace, annotations: s.annotations ?? {} },
    spec: { ...s.spec, dependsOn: (s.deps ?? []).map((d) => ({ name: d, namespace: d })) },
    status: { conditions },
  };
  const r = deriveRow(s.kind ?? 'HelmRelease', raw, NOW);
  if (!r) throw new Error('no row');
  return r;
}

function advise(rows: readonly StatusRow[], target: StatusRow, now: number | null = NOW): Advice | undefined {
  const map = new Map(rows.map((r) => [r.key, r]));
  return adviseFor(target, {
    graph: buildDependencyGraph(rows),
    rows: map,
    ...(now === null ? {} : { now }),
  });
}

function runbook(kyverno: Partial<Spec>): StatusRow[] {
  return CHAIN.map((name, i) => {
    const prev = CHAIN[i - 1];
    const deps = prev ? [prev] : [];
    if (i < 2) return row({ name, deps, ready: 'True', reason: 'UpgradeSucceeded' });
    if (i === 2) return row({ name, deps, ...kyverno });
    return row({
      name,
      deps,
      ready: 'False',
      reason: 'DependencyNotReady',
      message: `dependency '${prev}/${prev}' is not ready`,
    });
  });
}

const exhausted: Partial<Spec> = {
  ready: 'False',
  reason: 'UpgradeFailed',
  message:
    'Helm upgrade failed for release kyverno/kyverno with chart kyverno@3.2.0: context deadline exceeded',
  stalled: { reason: 'RetriesExceeded', message: 'Failed to upgrade after 3 attempt(s)' },
};

describe('advice on the runbook chain', () => {
  const rows = runbook(exhausted);
  const byName = (n: string) => rows.find((r) => r.ref.name === n) as StatusRow;

  it('tells the root to roll back, and how much it blocks', () => {
    expect(advise(rows, byName('kyverno'))).toEqual({
      text: 'Upgrade failed and retries are exhausted: roll back to the last deployed revision (suspend, roll back, resume after Git is fixed), or fix Git and reset the retries — it blocks 8 dependents',
      action: 'rollback',
    });
  });

  it.each(['monitoring', 'velero'])('sends %s to the root of its chain', (name) => {
    expect(advise(rows, byName(name))).toEqual({
      text: "The chain's root is HelmRelease kyverno/kyverno (Stalled: UpgradeFailed): fix it first, then fix the chain",
      action: 'gotoRoot',
      target: 'HelmRelease/kyverno/kyverno',
    });
  });

  it('fixes the chain once the root is healthy again', () => {
    const fixed = runbook({ ready: 'True', reason: 'UpgradeSucceeded' });
    const velero = fixed.find((r) => r.ref.name === 'velero') as StatusRow;
    expect(advise(fixed, velero)).toEqual({
      text: 'Dependencies recovered up to HelmRelease monitoring/monitoring: fix the chain from there',
      action: 'fixChain',
      target: 'HelmRelease/monitoring/monitoring',
    });
    const monitoring = fixed.find((r) => r.ref.name === 'monitoring') as StatusRow;
    expect(advise(fixed, monitoring)?.action).toBe('reconcile');
    expect(advise(fixed, monitoring)?.text).toMatch(
      /^Its dependencies are ready now: reconcile it — it blocks 7 dependents$/,
    );
  });

  it('sends dependents to a suspended, failing root', () => {
    const suspended = runbook({ ...exhausted, spec: { suspend: true } });
    expect(advise(suspended, suspended.at(-1) as StatusRow)).toMatchObject({
      action: 'gotoRoot',
      target: 'HelmRelease/kyverno/kyverno',
    });
  });

  it('has nothing to say about healthy objects', () => {
    expect(advise(rows, byName('cert-manager'))).toBeUndefined();
  });
});

describe('advice per runbook case', () => {
  // [case, row, expected action, text fragment]
  const cases: [string, StatusRow, Advice['action'], string][] = [
    [
      'stuck Helm lock',
      row({ name: 'monitoring', ready: 'False', reason: 'UpgradeFailed', message: LOCK }),
      'clearLock',
      'Helm release is locked by a pending operation: clear the lock (delete the pending release Secret), then reconcile — helm-controller ≥ v0.37 unlocks it by itself unless the HelmRelease is suspended',
    ],
    [
      'stuck Helm lock on a suspended release',
      row({
        name: 'monitoring',
        ready: 'False',
        reason: 'UpgradeFailed',
        message: LOCK,
        spec: { suspend: true },
      }),
      'clearLock',
      'it is suspended, so helm-controller will not unlock it',
    ],
    [
      'suspended HelmRelease',
      row({
        name: 'harbor',
        ready: 'True',
        spec: { suspend: true },
        annotations: {
          'fluxcd.controlplane.io/suspendedBy': 'alice',
          'fluxdeck.dev/suspended-reason': 'rollback to v3',
        },
      }),
      'resume',
      'Suspended by alice (rollback to v3): resume it to let Flux reconcile again once Git is fixed — on resume helm-controller upgrades to the revision in Git',
    ],
    [
      'suspended Kustomization',
      row({ kind: 'Kustomization', name: 'apps', ready: 'True', spec: { suspend: true } }),
      'resume',
      'Suspended: resume it to let Flux reconcile again',
    ],
    [
      'Helm upgrade failed, retries left',
      row({
        name: 'tempo',
        ready: 'False',
        reason: 'UpgradeFailed',
        message: 'Helm upgrade failed: timed out',
      }),
      'reconcileWithSource',
      'Helm upgrade failed; Flux retries on its own. If the chart or values are wrong, fix them in Git, then reconcile with source',
    ],
    [
      'Helm install failed, retries exhausted',
      row({
        name: 'openbao',
        ready: 'False',
        reason: 'InstallFailed',
        stalled: { reason: 'RetriesExceeded', message: 'Failed to install after 4 attempt(s)' },
      }),
      'reconcileWithSource',
      'Install failed and retries are exhausted',
    ],
    [
      'Kustomization BuildFailed',
      row({
        kind: 'Kustomization',
        name: 'apps',
        ready: 'False',
        reason: 'BuildFailed',
        message: 'kustomize build failed: accumulating resources',
      }),
      'reconcileWithSource',
      'The manifests do not build: fix the YAML in Git, then reconcile with source',
    ],
    [
      'Kustomization with invalid YAML',
      row({
        kind: 'Kustomization',
        name: 'apps',
        ready: 'False',
        reason: 'ReconciliationFailed',
        message: 'yaml: line 12: mapping values are not allowed in this context',
      }),
      'reconcileWithSource',
      'fix the YAML in Git',
    ],
    [
      'Git credentials',
      row({
        kind: 'GitRepository',
        name: 'sre-platform',
        namespace: 'flux-system',
        ready: 'False',
        reason: 'AuthenticationFailed',
        message: 'failed to checkout and determine revision: unable to clone: authentication required',
        spec: { url: 'ssh://git@example.com/sre-platform', secretRef: { name: 'flux-system' } },
      }),
      'reconcile',
      'Authentication failed: check the credentials in Secret flux-system/flux-system (spec.secretRef), then reconcile',
    ],
    [
      'OCI credentials without a secretRef',
      row({
        kind: 'OCIRepository',
        name: 'charts',
        ready: 'False',
        reason: 'OCIArtifactPullFailed',
        message: 'GET https://ghcr.io: 401 Unauthorized',
      }),
      'reconcile',
      'Authentication failed: check its credentials: it names no Secret in spec.secretRef, then reconcile',
    ],
    [
      'Git source failing for a while',
      row({
        kind: 'GitRepository',
        name: 'infra',
        ready: 'False',
        reason: 'GitOperationFailed',
        message: 'dial tcp: i/o timeout',
        since: '2026-01-03T11:45:00Z',
      }),
      'reconcile',
      'Git fetch failing: check connectivity from the cluster to the Git host, then reconcile',
    ],
    [
      'generic HelmChart failure',
      row({
        kind: 'HelmChart',
        name: 'c',
        ready: 'False',
        reason: 'ChartPullError',
        message: 'chart not found',
      }),
      'reconcileWithSource',
      'Reconciliation failed: fix the cause (see message, events, logs), then reconcile with source',
    ],
    [
      'generic Bucket failure',
      row({
        kind: 'Bucket',
        name: 'b',
        ready: 'False',
        reason: 'BucketOperationFailed',
        message: 'no such bucket',
      }),
      'reconcile',
      'Reconciliation failed: fix the cause (see message, events, logs), then reconcile',
    ],
    [
      'stalled Kustomization',
      row({
        kind: 'Kustomization',
        name: 'k',
        ready: 'False',
        reason: 'InvalidCELExpression',
        stalled: { reason: 'InvalidCELExpression', message: 'bad readyExpr' },
      }),
      'reconcileWithSource',
      'Stalled: Flux will not retry until something changes; fix the cause in Git, then reconcile with source',
    ],
  ];

  it.each(cases)('%s', (_name, target, action, text) => {
    const advice = advise([target], target);
    expect(advice?.action).toBe(action);
    expect(advice?.text).toContain(text);
  });

  it('escalates a Git source failing for more than 30 minutes', () => {
    const git = row({
      kind: 'GitRepository',
      name: 'sre-platform',
      ready: 'False',
      reason: 'GitOperationFailed',
      message: 'dial tcp 10.0.0.1:22: i/o timeout',
      since: '2026-01-03T11:13:00Z',
    });
    expect(advise([git], git)).toEqual({
      text: "Git source failing for 47m (over 30m): check network/firewall and the Git host's status, and escalate per the runbook",
    });
    // Without a clock there is no escalation, only the first step.
    expect(advise([git], git, null)?.action).toBe('reconcile');
  });

  it('points at missing dependencies and cycles', () => {
    const lonely = row({
      name: 'app',
      ready: 'False',
      reason: 'DependencyNotReady',
      deps: ['ghost', 'phantom'],
    });
    expect(advise([lonely], lonely)).toEqual({
      text: 'Depends on HelmRelease ghost/ghost and 1 more, which does not exist: create it or fix spec.dependsOn',
    });
    const a = row({ name: 'a', ready: 'False', reason: 'DependencyNotReady', deps: ['b'] });
    const b = row({ name: 'b', ready: 'False', reason: 'DependencyNotReady', deps: ['a'] });
    expect(advise([a, b], a)).toEqual({
      text: 'Dependency cycle: HelmRelease/a/a → HelmRelease/b/b — break it in spec.dependsOn',
    });
  });

  it.each([
    ['ready', row({ name: 'x', ready: 'True' })],
    ['reconciling', row({ name: 'x', ready: 'Unknown', reason: 'Progressing' })],
    ['pending', row({ name: 'x' })],
  ])('says nothing for %s objects', (_name, target) => {
    expect(advise([target], target)).toBeUndefined();
  });

  it('never spells out a key', () => {
    const all = [...cases.map((c) => c[1]), ...runbook(exhausted)];
    for (const target of all) {
      const text = advise(all, target)?.text ?? '';
      expect(text).not.toMatch(/\bpress\b|\bkey\b|<[a-z]>|\[[a-zA-Z]\]/i);
    }
  });

  it('handles the golden stalled HelmRelease', () => {
    const [hr] = goldenObjects('synthetic/objects/helmrelease-stalled-retries-exceeded.yaml');
    const target = deriveRow('HelmRelease', hr, NOW);
    if (!target) throw new Error('no row');
    expect(advise([target], target)?.action).toBe('rollback');
  });
});
