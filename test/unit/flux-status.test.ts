import { describe, expect, it } from 'vitest';
import { findCondition, isConditionTrue, readConditions } from '../../src/flux/conditions.js';
import { deriveHealth, HEALTH_ORDER, type HealthInput } from '../../src/flux/health.js';
import { compareRows, deriveRow, healthRank, isRowReady, objectRevision } from '../../src/flux/status.js';
import type { Condition, Health, StatusRow } from '../../src/flux/types.js';
import { FLUX_TESTDATA, goldenObjects, kindOf } from './flux-golden.js';

const NOW = Date.UTC(2026, 0, 3, 12);

function cond(type: string, status: string, reason = '', message = '', extra: object = {}): object {
  return { type, status, reason, message, lastTransitionTime: '2026-01-03T10:05:00Z', ...extra };
}

function obj(kind: string, spec: object = {}, status: object = {}, metadata: object = {}): object {
  return {
    apiVersion: 'x/v1',
    kind,
    metadata: { name: 'app', namespace: 'apps', ...metadata },
    spec,
    status,
  };
}

function must(row: StatusRow | undefined): StatusRow {
  if (!row) throw new Error('expected a row');
  return row;
}

describe('readConditions', () => {
  it('reads status.conditions of an object or a bare array', () => {
    const raw = obj(
      'Kustomization',
      {},
      { conditions: [cond('Ready', 'True', 'ReconciliationSucceeded', 'ok')] },
    );
    const conds = readConditions(raw);
    expect(conds).toEqual([
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: 'ok',
        lastTransitionTime: '2026-01-03T10:05:00Z',
      },
    ]);
    expect(readConditions([cond('Stalled', 'True')])[0]?.type).toBe('Stalled');
  });

  it('tolerates hostile and malformed entries', () => {
    const conds = readConditions([
      null,
      'Ready',
      { status: 'True' }, // no type
      {
        type: 'Ready',
        status: 'yes',
        message: 42,
        lastTransitionTime: 'not a time',
        observedGeneration: '3',
      },
      {
        type: 'Healthy',
        status: 'false',
        reason: '\x1b[31mBad\x1b[0m',
        message: 'line1\nline2\x1b]52;c;x\x07',
      },
      { type: 'Reconciling', status: 'TRUE', observedGeneration: 4 },
    ]);
    expect(conds).toEqual([
      { type: 'Ready', status: 'Unknown', reason: '', message: '', lastTransitionTime: '' },
      { type: 'Healthy', status: 'False', reason: 'Bad', message: 'line1\nline2', lastTransitionTime: '' },
      {
        type: 'Reconciling',
        status: 'True',
        reason: '',
        message: '',
        lastTransitionTime: '',
        observedGeneration: 4,
      },
    ]);
    expect(readConditions(undefined)).toEqual([]);
    expect(readConditions({ status: { conditions: 'Ready' } })).toEqual([]);
    expect(readConditions(Array.from({ length: 10_000 }, () => cond('Ready', 'True')))).toHaveLength(64);
  });

  it('finds the first condition of a type', () => {
    const conds = readConditions([
      cond('Ready', 'False', 'A'),
      cond('Ready', 'True', 'B'),
      cond('Stalled', 'True'),
    ]);
    expect(findCondition(conds, 'Ready')?.reason).toBe('A');
    expect(findCondition(conds, 'ready')).toBeUndefined();
    expect(isConditionTrue(conds, 'Stalled')).toBe(true);
    expect(isConditionTrue(conds, 'Reconciling')).toBe(false);
  });
});

describe('deriveHealth precedence', () => {
  const c = (type: string, status: Condition['status'], reason = ''): Condition => ({
    type,
    status,
    reason,
    message: '',
    lastTransitionTime: '',
  });
  const base: HealthInput = {
    suspended: false,
    conditions: [],
    staticReady: false,
    generation: 2,
    observedGeneration: 2,
  };
  // Each row documents one rule of the precedence table in src/flux/health.ts; the first match wins.
  const cases: [string, Partial<HealthInput>, Health][] = [
    [
      'suspended beats everything, even Stalled',
      { suspended: true, conditions: [c('Stalled', 'True')] },
      'Suspended',
    ],
    ['suspended and ready', { suspended: true, conditions: [c('Ready', 'True')] }, 'Suspended'],
    ['constant READY kinds are Ready', { staticReady: true }, 'Ready'],
    ['suspended constant kind', { staticReady: true, suspended: true }, 'Suspended'],
    [
      'Stalled beats a failing Ready',
      { conditions: [c('Ready', 'False', 'UpgradeFailed'), c('Stalled', 'True', 'RetriesExceeded')] },
      'Stalled',
    ],
    ['Stalled=False is ignored', { conditions: [c('Ready', 'True'), c('Stalled', 'False')] }, 'Ready'],
    [
      'DependencyNotReady is Waiting',
      { conditions: [c('Ready', 'False', 'DependencyNotReady'), c('Reconciling', 'True', 'Progressing')] },
      'Waiting',
    ],
    ['Ready Unknown is Reconciling', { conditions: [c('Ready', 'Unknown', 'Progressing')] }, 'Reconciling'],
    [
      'Reconciling Progressing over an old failure is Reconciling',
      { conditions: [c('Ready', 'False', 'BuildFailed'), c('Reconciling', 'True', 'Progressing')] },
      'Reconciling',
    ],
    [
      'Reconciling Progressing over Ready True is Reconciling',
      { conditions: [c('Ready', 'True'), c('Reconciling', 'True', 'Progressing')] },
      'Reconciling',
    ],
    [
      'a failure waiting to retry (ProgressingWithRetry) is Failed',
      { conditions: [c('Ready', 'False', 'BuildFailed'), c('Reconciling', 'True', 'ProgressingWithRetry')] },
      'Failed',
    ],
    ['Ready False is Failed', { conditions: [c('Ready', 'False', 'AuthenticationFailed')] }, 'Failed'],
    [
      'failing beats an unobserved generation',
      { conditions: [c('Ready', 'False', 'BuildFailed')], generation: 3 },
      'Failed',
    ],
    ['no Ready condition is Pending', { conditions: [] }, 'Pending'],
    ['unobserved generation is Pending', { conditions: [c('Ready', 'True')], generation: 3 }, 'Pending'],
    [
      'a Ready condition of an older generation is Pending',
      { conditions: [{ ...c('Ready', 'True'), observedGeneration: 1 }] },
      'Pending',
    ],
    [
      'no status.observedGeneration does not make it Pending',
      { conditions: [c('Ready', 'True')], observedGeneration: undefined },
      'Ready',
    ],
    ['no generation at all (fixtures)', { conditions: [c('Ready', 'True')], generation: 0 }, 'Ready'],
    ['Ready True is Ready', { conditions: [c('Ready', 'True')] }, 'Ready'],
  ];
  it.each(cases)('%s', (_name, input, want) => {
    expect(deriveHealth({ ...base, ...input })).toBe(want);
  });

  it('ranks problems first', () => {
    expect(HEALTH_ORDER).toEqual([
      'Stalled',
      'Failed',
      'Degraded',
      'Waiting',
      'Pending',
      'Reconciling',
      'Suspended',
      'Ready',
    ]);
    expect(healthRank('Stalled')).toBeLessThan(healthRank('Ready'));
  });
});

describe('deriveRow from golden objects', () => {
  it('derives flux get columns for GitRepositories (testdata/get/objects.yaml)', () => {
    const repos = goldenObjects(`${FLUX_TESTDATA}get/objects.yaml`).filter(
      (o) => kindOf(o) === 'GitRepository',
    );
    const rows = repos.map((o) => must(deriveRow('GitRepository', o, NOW)));
    expect(rows.map((r) => [r.ref.name, r.revision, r.suspended, r.ready, r.message, r.health])).toEqual([
      ['podinfo', 'main@sha1:696f056d', false, 'True', 'Fetched revision: main@sha1:696f056d', 'Ready'],
      [
        'podinfo-shard1',
        'main@sha1:696f056d',
        false,
        'True',
        'Fetched revision: main@sha1:696f056d',
        'Ready',
      ],
      [
        'podinfo-shard2',
        'main@sha1:696f056d',
        false,
        'True',
        'Fetched revision: main@sha1:696f056d',
        'Ready',
      ],
    ]);
    const first = rows[0];
    expect(first?.key).toBe('GitRepository/flux-system/podinfo');
    expect(first?.extra).toEqual({
      URL: 'ssh://git@github.com/example/repo',
      'LAST FETCH': '2021-08-01T04:28:42Z',
      SECRET: 'flux-system',
    });
    expect(first?.failingSince).toBe('');
    expect(objectRevision('GitRepository', repos[0])).toBe(
      'main@sha1:696f056df216eea4f9401adbee0ff744d4df390f',
    );
  });

  it('derives failing and unknown sources (testdata/get/status_objects.yaml)', () => {
    const rows = goldenObjects(`${FLUX_TESTDATA}get/status_objects.yaml`)
      .filter((o) => kindOf(o) === 'GitRepository')
      .map((o) => must(deriveRow('GitRepository', o, NOW)));
    expect(rows.map((r) => [r.ref.name, r.revision, r.ready, r.health, r.failingSince, r.reason])).toEqual([
      ['gr-failed', '', 'False', 'Failed', '2021-07-20T00:48:16Z', 'GitOperationFailed'],
      ['gr-ready', 'main@sha1:696f056d', 'True', 'Ready', '', 'GitOperationSucceed'],
      ['gr-unknown', '', 'Unknown', 'Reconciling', '2021-07-20T00:48:16Z', 'Progressing'],
    ]);
    expect(rows[2]?.reconciling).toBe(true);
  });

  it('derives a Kustomization with its source (testdata/get/kustomization_only.yaml)', () => {
    const [, ks] = goldenObjects(`${FLUX_TESTDATA}get/kustomization_only.yaml`);
    const row = must(deriveRow('Kustomization', ks, NOW));
    expect(row.revision).toBe('main@sha1:696f056d');
    expect(row.message).toBe('Applied revision: main@sha1:696f056d');
    expect(row.source).toEqual({ kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' });
    expect(row.extra).toEqual({ PATH: './clusters/production', SOURCE: 'GitRepository/flux-system/podinfo' });
  });

  it('prints Alerts and Providers as always ready (testdata/get/notification_objects.yaml)', () => {
    const objects = goldenObjects(`${FLUX_TESTDATA}get/notification_objects.yaml`);
    const provider = must(
      deriveRow(
        'Provider',
        objects.find((o) => kindOf(o) === 'Provider'),
        NOW,
      ),
    );
    const alert = must(
      deriveRow(
        'Alert',
        objects.find((o) => kindOf(o) === 'Alert'),
        NOW,
      ),
    );
    expect([provider.ready, provider.message, provider.health]).toEqual([
      'True',
      'Provider is Ready',
      'Ready',
    ]);
    expect([alert.ready, alert.message, alert.health]).toEqual(['True', 'Alert is Ready', 'Ready']);
    expect(alert.source).toEqual({ kind: 'Provider', namespace: 'flux-system', name: 'slack' });
    expect(provider.extra).toEqual({ TYPE: 'slack' });
  });

  it('derives the stalled HelmRelease of test/fixtures/synthetic/objects', () => {
    const [hr] = goldenObjects('synthetic/objects/helmrelease-stalled-retries-exceeded.yaml');
    const row = must(deriveRow('HelmRelease', hr, NOW));
    // The fixture's documented `flux get hr` row.
    expect([row.ref.name, row.revision, row.suspended, row.ready, row.message]).toEqual([
      'podinfo',
      '6.7.0',
      false,
      'False',
      'Helm upgrade failed for release podinfo/podinfo with chart podinfo@6.8.0: context deadline exceeded',
    ]);
    expect(row.health).toBe('Stalled');
    expect(row.stalled).toBe(true);
    expect(row.reason).toBe('UpgradeFailed');
    expect(row.failingSince).toBe('2026-01-03T10:05:00Z');
    expect(row.generation).toBe(3);
    expect(row.observedGeneration).toBe(3);
    expect(row.lastHandledReconcileAt).toBe('2026-01-03T10:00:00.000000000Z');
    expect(row.source).toEqual({ kind: 'HelmRepository', namespace: 'flux-system', name: 'podinfo' });
    expect(row.extra).toEqual({
      CHART: 'podinfo',
      VERSION: '6.8.0',
      SOURCE: 'HelmRepository/flux-system/podinfo',
    });
  });

  it('derives chartRef HelmReleases (testdata/debug_helmrelease/objects.yaml)', () => {
    const hrs = goldenObjects(`${FLUX_TESTDATA}debug_helmrelease/objects.yaml`).filter(
      (o) => kindOf(o) === 'HelmRelease',
    );
    const rows = hrs.map((o) => must(deriveRow('HelmRelease', o, NOW)));
    expect(rows.map((r) => [r.ref.name, r.revision, r.ready, r.message, r.health])).toEqual([
      ['test-values-inline', '', 'False', 'waiting to be reconciled', 'Pending'],
      ['test-values-from', '', 'False', 'waiting to be reconciled', 'Pending'],
      // status.history[0] is what `flux get` reads, whatever its order.
      ['test-with-history', '6.0.0', 'False', 'waiting to be reconciled', 'Pending'],
    ]);
    expect(rows[2]?.source).toEqual({ kind: 'OCIRepository', namespace: 'flux-system', name: 'podinfo' });
    expect(rows[2]?.extra).toEqual({
      CHART: 'podinfo',
      VERSION: '6.0.0',
      SOURCE: 'OCIRepository/flux-system/podinfo',
    });
    expect(rows[0]?.extra).toEqual({
      CHART: 'OCIRepository/podinfo',
      SOURCE: 'OCIRepository/flux-system/podinfo',
    });
  });
});

describe('deriveRow per kind', () => {
  it('treats OCI HelmRepositories as always ready', () => {
    const row = must(
      deriveRow('HelmRepository', obj('HelmRepository', { type: 'oci', url: 'oci://ghcr.io/x' }), NOW),
    );
    expect([row.ready, row.message, row.health, row.failingSince]).toEqual([
      'True',
      'Helm repository is Ready',
      'Ready',
      '',
    ]);
    const normal = must(deriveRow('HelmRepository', obj('HelmRepository', { url: 'https://x' }), NOW));
    expect([normal.ready, normal.message, normal.health]).toEqual([
      'False',
      'waiting to be reconciled',
      'Pending',
    ]);
  });

  it('does not shorten HelmChart revisions but does shorten their messages', () => {
    const sha = '67e2c98a60dc92283531412a9e604dd4bae005a9';
    const raw = obj(
      'HelmChart',
      { chart: 'podinfo', version: '*', sourceRef: { kind: 'GitRepository', name: 'repo' } },
      {
        artifact: { revision: `6.3.5+${sha}`, lastUpdateTime: '2026-01-01T00:00:00Z' },
        conditions: [cond('Ready', 'True', 'ChartPackageSucceeded', `packaged 'podinfo' chart from ${sha}`)],
      },
    );
    const row = must(deriveRow('HelmChart', raw, NOW));
    expect(row.revision).toBe(`6.3.5+${sha}`);
    expect(row.message).toBe("packaged 'podinfo' chart from 67e2c98a");
    expect(row.source).toEqual({ kind: 'GitRepository', namespace: 'apps', name: 'repo' });
    expect(row.extra).toEqual({
      CHART: 'podinfo',
      VERSION: '*',
      'LAST FETCH': '2026-01-01T00:00:00Z',
      SOURCE: 'GitRepository/apps/repo',
    });
  });

  it('does not shorten HelmRelease messages (as flux get)', () => {
    const sha = 'a'.repeat(40);
    const raw = obj(
      'HelmRelease',
      {},
      { conditions: [cond('Ready', 'False', 'ArtifactFailed', `digest ${sha}`)] },
    );
    expect(must(deriveRow('HelmRelease', raw, NOW)).message).toBe(`digest ${sha}`);
    const ks = obj(
      'Kustomization',
      {},
      { conditions: [cond('Ready', 'False', 'ArtifactFailed', `digest ${sha}`)] },
    );
    expect(must(deriveRow('Kustomization', ks, NOW)).message).toBe('digest aaaaaaaa');
  });

  it('falls back to lastAttemptedRevision for HelmReleases without history', () => {
    const raw = obj('HelmRelease', {}, { lastAttemptedRevision: '6.6.2+83295d47de6d', history: [] });
    expect(must(deriveRow('HelmRelease', raw, NOW)).revision).toBe('6.6.2+83295d47de6d');
  });

  it('reads image columns', () => {
    const policy = obj(
      'ImagePolicy',
      { imageRepositoryRef: { name: 'podinfo', namespace: 'flux-system' } },
      {
        latestRef: { name: 'ghcr.io/stefanprodan/podinfo', tag: '5.0.3', digest: `sha256:${'8'.repeat(64)}` },
      },
    );
    const row = must(deriveRow('ImagePolicy', policy, NOW));
    expect(row.extra).toEqual({
      IMAGE: 'ghcr.io/stefanprodan/podinfo',
      TAG: '5.0.3',
      SOURCE: 'ImageRepository/flux-system/podinfo',
    });
    expect(row.revision).toBe('ghcr.io/stefanprodan/podinfo:5.0.3@sha256:88888888');
    const legacy = obj(
      'ImagePolicy',
      { imageRepositoryRef: { name: 'p' } },
      { latestImage: 'registry:5000/app:1.2.3' },
    );
    expect(must(deriveRow('ImagePolicy', legacy, NOW)).extra).toMatchObject({
      IMAGE: 'registry:5000/app',
      TAG: '1.2.3',
    });
    const repo = obj(
      'ImageRepository',
      { image: 'ghcr.io/x' },
      { lastScanResult: { scanTime: '2026-01-02T03:04:05.678Z', tagCount: 12 } },
    );
    expect(must(deriveRow('ImageRepository', repo, NOW)).extra).toEqual({
      IMAGE: 'ghcr.io/x',
      'LAST SCAN': '2026-01-02T03:04:05Z',
      TAGS: '12',
    });
    const auto = obj(
      'ImageUpdateAutomation',
      { sourceRef: { name: 'flux-system' } },
      { lastAutomationRunTime: '2026-01-02T03:04:05Z', lastPushCommit: 'b'.repeat(40) },
    );
    const autoRow = must(deriveRow('ImageUpdateAutomation', auto, NOW));
    expect(autoRow.extra).toEqual({
      'LAST RUN': '2026-01-02T03:04:05Z',
      SOURCE: 'GitRepository/apps/flux-system',
    });
    expect(autoRow.revision).toBe('bbbbbbbb');
  });

  it('prints ExternalArtifact SOURCE as written, without defaulting the namespace', () => {
    const raw = obj('ExternalArtifact', { sourceRef: { kind: 'ArtifactGenerator', name: 'gen' } });
    const row = must(deriveRow('ExternalArtifact', raw, NOW));
    expect(row.extra).toEqual({ SOURCE: 'ArtifactGenerator//gen' });
    expect(row.source).toEqual({ kind: 'ArtifactGenerator', namespace: 'apps', name: 'gen' });
    expect(row.suspended).toBe(false);
  });

  it('reads ArtifactGenerator suspension from its annotation', () => {
    const raw = obj(
      'ArtifactGenerator',
      {},
      {},
      {
        annotations: { 'source.extensions.fluxcd.io/reconcile': 'disabled' },
      },
    );
    const row = must(deriveRow('ArtifactGenerator', raw, NOW));
    expect([row.suspended, row.health]).toEqual([true, 'Suspended']);
  });

  it('reads dependsOn with the namespace defaulting to the object', () => {
    const raw = obj('HelmRelease', {
      dependsOn: [
        { name: 'kyverno' },
        { name: 'cert-manager', namespace: 'cert-manager' },
        { name: 'kyverno' },
        { namespace: 'x' },
        'junk',
      ],
    });
    expect(must(deriveRow('HelmRelease', raw, NOW)).dependsOn).toEqual([
      { kind: 'HelmRelease', namespace: 'apps', name: 'kyverno' },
      { kind: 'HelmRelease', namespace: 'cert-manager', name: 'cert-manager' },
    ]);
    // Sources have no dependsOn.
    expect(
      must(deriveRow('GitRepository', obj('GitRepository', { dependsOn: [{ name: 'x' }] }), NOW)).dependsOn,
    ).toEqual([]);
  });

  it('reads who suspended an object and why, only while suspended', () => {
    const flux = obj(
      'HelmRelease',
      { suspend: true },
      {},
      {
        annotations: {
          'fluxcd.controlplane.io/suspendedBy': 'alice',
          'fluxdeck.dev/suspended-reason': 'rollback',
        },
      },
    );
    expect(must(deriveRow('HelmRelease', flux, NOW))).toMatchObject({
      suspendedBy: 'alice',
      suspendReason: 'rollback',
    });
    const weave = obj(
      'Kustomization',
      { suspend: true },
      {},
      {
        annotations: {
          'metadata.weave.works/suspended-by': 'bob',
          'metadata.weave.works/suspended-comment': 'freeze',
        },
      },
    );
    expect(must(deriveRow('Kustomization', weave, NOW))).toMatchObject({
      suspendedBy: 'bob',
      suspendReason: 'freeze',
    });
    const resumed = obj(
      'Kustomization',
      { suspend: false },
      {},
      {
        annotations: { 'fluxcd.controlplane.io/suspendedBy': 'alice' },
      },
    );
    expect(must(deriveRow('Kustomization', resumed, NOW))).toMatchObject({
      suspended: false,
      suspendedBy: '',
    });
  });
});

describe('deriveRow on hostile input', () => {
  it.each([
    [undefined],
    [null],
    ['string'],
    [42],
    [[]],
    [{}],
    [{ metadata: {} }],
    [{ metadata: { name: 7 } }],
  ])('returns undefined without a usable name: %j', (raw) => {
    expect(deriveRow('Kustomization', raw, NOW)).toBeUndefined();
  });

  it('tolerates wrong types everywhere', () => {
    const raw = {
      metadata: {
        name: 'x',
        namespace: 5,
        generation: 'two',
        annotations: 'nope',
        creationTimestamp: 'yesterday',
      },
      spec: { suspend: 'true', sourceRef: 'GitRepository/x', dependsOn: { name: 'y' } },
      status: { conditions: { type: 'Ready' }, lastAppliedRevision: ['a'], observedGeneration: Number.NaN },
    };
    const row = must(deriveRow('Kustomization', raw, NOW));
    expect(row).toMatchObject({
      key: 'Kustomization//x',
      suspended: false,
      ready: 'False',
      message: 'waiting to be reconciled',
      revision: '',
      generation: 0,
      observedGeneration: 0,
      createdAt: '',
      dependsOn: [],
      health: 'Pending',
    });
    expect(row.source).toBeUndefined();
  });

  it('strips control sequences from every display string', () => {
    const raw = obj(
      'GitRepository',
      { url: 'https://x\x1b]8;;http://evil\x07y', secretRef: { name: 'creds\u202e' } },
      { conditions: [cond('Ready', 'False', 'Auth\x1b[31mFailed', 'bad\ncreds\x1b[2J\x9b31m!')] },
      { name: 'repo\x1b[31m', namespace: 'ns\u0007' },
    );
    const row = must(deriveRow('GitRepository', raw, NOW));
    expect(row.ref).toEqual({ kind: 'GitRepository', namespace: 'ns', name: 'repo' });
    expect(row.message).toBe('bad creds!');
    expect(row.reason).toBe('AuthFailed');
    expect(row.extra).toMatchObject({ URL: 'https://xy', SECRET: 'creds' });
  });

  it('bounds huge messages', () => {
    const raw = obj(
      'Kustomization',
      {},
      { conditions: [cond('Ready', 'False', 'BuildFailed', 'e'.repeat(5_000_000))] },
    );
    const row = must(deriveRow('Kustomization', raw, NOW));
    expect(row.message.length).toBeLessThanOrEqual(2000);
  });

  it('ignores an unknown source kind for navigation but still shows it', () => {
    const raw = obj('Kustomization', { sourceRef: { kind: 'FancyRepo', name: 'r', namespace: 'n' } });
    const row = must(deriveRow('Kustomization', raw, NOW));
    expect(row.source).toBeUndefined();
    expect(row.extra).toEqual({ SOURCE: 'FancyRepo/n/r' });
  });
});

describe('compareRows', () => {
  const row = (name: string, health: Health, failingSince = '', namespace = 'a'): StatusRow =>
    ({
      ...must(deriveRow('Kustomization', obj('Kustomization', {}, {}, { name, namespace }), NOW)),
      health,
      failingSince,
    }) as StatusRow;

  it('sorts problems first, then the longest failing, then namespace/name', () => {
    const rows = [
      row('ready', 'Ready'),
      row('failed-recent', 'Failed', '2026-01-03T11:00:00Z'),
      row('stalled', 'Stalled', '2026-01-03T11:30:00Z'),
      row('failed-old', 'Failed', '2026-01-02T11:00:00Z'),
      row('failed-unknown', 'Failed'),
      row('waiting', 'Waiting', '2026-01-01T00:00:00Z'),
      row('b-suspended', 'Suspended', '', 'b'),
      row('a-suspended', 'Suspended', '', 'b'),
      row('pending', 'Pending'),
      row('reconciling', 'Reconciling'),
    ];
    expect([...rows].sort(compareRows).map((r) => r.ref.name)).toEqual([
      'stalled',
      'failed-old',
      'failed-recent',
      'failed-unknown',
      'waiting',
      'pending',
      'reconciling',
      'a-suspended',
      'b-suspended',
      'ready',
    ]);
  });

  it('treats Ready=True with an observed generation as ready for dependents', () => {
    const ready = must(
      deriveRow('Kustomization', obj('Kustomization', {}, { conditions: [cond('Ready', 'True')] }), NOW),
    );
    expect(isRowReady(ready)).toBe(true);
    expect(isRowReady({ ...ready, health: 'Pending' })).toBe(false);
    expect(isRowReady({ ...ready, ready: 'False', health: 'Failed' })).toBe(false);
  });
});
