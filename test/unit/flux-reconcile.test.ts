import { describe, expect, it } from 'vitest';
import { findKind } from '../../src/flux/kinds.js';
import {
  newReconcileToken,
  reconcileOutcome,
  reconcilePatch,
  supportsWithSource,
  suspendPatch,
  withSourceChain,
} from '../../src/flux/reconcile.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { FLUX_TESTDATA, goldenObjects, goldenText, kindOf, substitute } from './flux-golden.js';

const TOKEN = '2026-01-03T10:00:00.123Z';

describe('reconcile patches', () => {
  it.each([
    [new Date(Date.UTC(2026, 7, 21, 12, 12, 44, 123)), '2026-08-21T12:12:44.123Z'],
    [new Date(Date.UTC(2026, 7, 21, 12, 12, 44, 120)), '2026-08-21T12:12:44.12Z'],
    [new Date(Date.UTC(2026, 7, 21, 12, 12, 44, 0)), '2026-08-21T12:12:44Z'],
  ])('token for %s is %s (RFC3339Nano layout)', (date, want) => {
    expect(newReconcileToken(date)).toBe(want);
  });

  it('refuses an invalid date', () => {
    expect(() => newReconcileToken(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('requests a reconcile, with force and reset carrying the same token', () => {
    expect(reconcilePatch(TOKEN)).toEqual({
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': TOKEN } },
    });
    expect(reconcilePatch(TOKEN, { force: true, reset: true })).toEqual({
      metadata: {
        annotations: {
          'reconcile.fluxcd.io/requestedAt': TOKEN,
          'reconcile.fluxcd.io/forceAt': TOKEN,
          'reconcile.fluxcd.io/resetAt': TOKEN,
        },
      },
    });
  });

  it('suspends with who and why', () => {
    expect(suspendPatch(true)).toEqual({ spec: { suspend: true } });
    expect(suspendPatch(true, 'alice@example.com', 'rolling back kyverno\x1b[31m')).toEqual({
      spec: { suspend: true },
      metadata: {
        annotations: {
          'fluxcd.controlplane.io/suspendedBy': 'alice@example.com',
          'fluxdeck.dev/suspended-reason': 'rolling back kyverno',
        },
      },
    });
  });

  it('resumes, removing who/why and requesting a reconcile to follow', () => {
    expect(suspendPatch(false, 'ignored', 'ignored', TOKEN)).toEqual({
      spec: { suspend: false },
      metadata: {
        annotations: {
          'fluxcd.controlplane.io/suspendedBy': null,
          'fluxdeck.dev/suspended-reason': null,
          'metadata.weave.works/suspended-by': null,
          'metadata.weave.works/suspended-comment': null,
          'reconcile.fluxcd.io/requestedAt': TOKEN,
        },
      },
    });
    expect(suspendPatch(false).metadata?.annotations).not.toHaveProperty(['reconcile.fluxcd.io/requestedAt']);
  });
});

describe('reconcileOutcome', () => {
  const ks = (status: object, extra: { spec?: object; metadata?: object } = {}) => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system', generation: 2, ...extra.metadata },
    spec: { sourceRef: { kind: 'GitRepository', name: 'sre-platform' }, ...extra.spec },
    status: { observedGeneration: 2, lastAppliedRevision: `main@sha1:${'a'.repeat(40)}`, ...status },
  });
  const c = (type: string, status: string, reason: string, message = '') => ({
    type,
    status,
    reason,
    message,
  });

  // [name, object, phase, message]
  it.each([
    [
      'not handled yet',
      ks({ lastHandledReconcileAt: 'older' }),
      'waiting',
      'waiting for the controller to handle the request',
    ],
    ['never handled', ks({}), 'waiting', 'waiting for the controller to handle the request'],
    [
      'succeeded',
      ks({
        lastHandledReconcileAt: TOKEN,
        conditions: [c('Ready', 'True', 'ReconciliationSucceeded', 'Applied revision: main@sha1:aaaa')],
      }),
      'succeeded',
      'Applied revision: main@sha1:aaaa',
    ],
    [
      'failed and retrying (the CLI would wait out its timeout here)',
      ks({
        lastHandledReconcileAt: TOKEN,
        conditions: [
          c('Ready', 'False', 'BuildFailed', 'kustomize build failed: yaml: line 3'),
          c('Reconciling', 'True', 'ProgressingWithRetry'),
        ],
      }),
      'failed',
      'kustomize build failed: yaml: line 3',
    ],
    [
      'in progress',
      ks({
        lastHandledReconcileAt: TOKEN,
        conditions: [c('Ready', 'Unknown', 'Progressing', 'Reconciliation in progress')],
      }),
      'in-progress',
      'Reconciliation in progress',
    ],
    [
      'a new attempt is running over an old failure',
      ks({
        lastHandledReconcileAt: TOKEN,
        conditions: [
          c('Ready', 'False', 'BuildFailed', 'old'),
          c('Reconciling', 'True', 'Progressing', 'Fetching manifests'),
        ],
      }),
      'in-progress',
      'Fetching manifests',
    ],
    [
      'stalled',
      ks({
        lastHandledReconcileAt: TOKEN,
        conditions: [
          c('Ready', 'False', 'InvalidCELExpression', 'bad'),
          c('Stalled', 'True', 'InvalidCELExpression', 'invalid readyExpr'),
        ],
      }),
      'stalled',
      'invalid readyExpr',
    ],
    [
      'no Ready condition',
      ks({ lastHandledReconcileAt: TOKEN, conditions: [] }),
      'failed',
      "status can't be determined",
    ],
    [
      'spec changed but not observed yet',
      ks({
        lastHandledReconcileAt: TOKEN,
        observedGeneration: 1,
        conditions: [c('Ready', 'True', 'ReconciliationSucceeded', 'old')],
      }),
      'in-progress',
      'old',
    ],
    [
      'suspended',
      ks({ lastHandledReconcileAt: 'x' }, { spec: { suspend: true } }),
      'failed',
      'resource is suspended',
    ],
    [
      'being deleted',
      ks({ lastHandledReconcileAt: TOKEN }, { metadata: { deletionTimestamp: '2026-01-03T10:00:01Z' } }),
      'failed',
      'resource is being deleted',
    ],
  ])('%s', (_name, raw, phase, message) => {
    const outcome = reconcileOutcome(raw, TOKEN);
    expect(outcome.phase).toBe(phase);
    expect(outcome.message).toBe(message);
    expect(outcome.revision).toBe(`main@sha1:${'a'.repeat(40)}`);
  });

  it('reads the stalled HelmRelease of test/fixtures/synthetic/objects', () => {
    const [hr] = goldenObjects('synthetic/objects/helmrelease-stalled-retries-exceeded.yaml');
    expect(reconcileOutcome(hr, '2026-01-03T10:00:00.000000000Z')).toEqual({
      phase: 'stalled',
      message: 'Failed to upgrade after 3 attempt(s)',
      revision: '6.7.0',
    });
    expect(reconcileOutcome(hr, 'another token').phase).toBe('waiting');
  });

  it('treats static kinds as reconciled at once, as the CLI does for OCI HelmRepositories', () => {
    const helmRepo = { kind: 'HelmRepository', metadata: { name: 'r' }, spec: { type: 'oci' } };
    expect(reconcileOutcome(helmRepo, TOKEN)).toEqual({
      phase: 'succeeded',
      message: 'Helm repository is Ready',
      revision: '',
    });
    const alert = goldenObjects(`${FLUX_TESTDATA}get/notification_objects.yaml`).find(
      (o) => kindOf(o) === 'Alert',
    );
    expect(reconcileOutcome(alert, TOKEN).phase).toBe('succeeded');
  });

  it('never throws on hostile input', () => {
    for (const raw of [
      undefined,
      null,
      'x',
      1,
      [],
      {},
      { kind: 'Nope', status: { lastHandledReconcileAt: TOKEN } },
    ]) {
      const outcome = reconcileOutcome(raw, TOKEN);
      expect(['waiting', 'failed']).toContain(outcome.phase);
    }
    expect(
      reconcileOutcome({ kind: 'Kustomization', status: { lastHandledReconcileAt: '' } }, '').phase,
    ).toBe('waiting');
    const hostile = {
      kind: 'GitRepository',
      status: {
        lastHandledReconcileAt: TOKEN,
        artifact: { revision: 'main@sha1:x\x1b[2J' },
        conditions: [{ type: 'Ready', status: 'False', message: 'auth\x1b]52;c;x\x07 failed\nnow' }],
      },
    };
    expect(reconcileOutcome(hostile, TOKEN)).toEqual({
      phase: 'failed',
      message: 'auth failed now',
      revision: 'main@sha1:x',
    });
  });
});

describe('withSourceChain', () => {
  const hr = (spec: object) => ({
    kind: 'HelmRelease',
    metadata: { name: 'thrfg', namespace: 'apps' },
    spec,
  });

  it('follows the three hops of reconcile_helmrelease_from_git.golden', () => {
    // GitRepository thrfg, then HelmChart <ns>-thrfg, then the HelmRelease.
    const golden = substitute(
      goldenText(`${FLUX_TESTDATA}helmrelease/reconcile_helmrelease_from_git.golden`),
      {
        ns: 'apps',
      },
    );
    const annotated = [...golden.matchAll(/annotating (\w+) (\S+) in/g)].map((m) => `${m[1]}/${m[2]}`);
    const chain = withSourceChain(
      'HelmRelease',
      hr({ chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'GitRepository', name: 'thrfg' } } } }),
    );
    if (!chain.ok) throw new Error(chain.error);
    expect(annotated).toEqual(['GitRepository/thrfg', 'HelmChart/apps-thrfg', 'HelmRelease/thrfg']);
    expect([...chain.refs.map((r) => `${r.kind}/${r.name}`), 'HelmRelease/thrfg']).toEqual(annotated);
  });

  it('follows reconcile_kustomization_from_git.golden', () => {
    const golden = goldenText(`${FLUX_TESTDATA}kustomization/reconcile_kustomization_from_git.golden`);
    const annotated = [...golden.matchAll(/annotating (\w+) (\S+) in/g)].map((m) => `${m[1]}/${m[2]}`);
    const chain = withSourceChain('Kustomization', {
      metadata: { name: 'tkfg', namespace: 'x' },
      spec: { sourceRef: { kind: 'GitRepository', name: 'tkfg' } },
    });
    expect(chain).toEqual({ ok: true, refs: [{ kind: 'GitRepository', name: 'tkfg', namespace: 'x' }] });
    expect(annotated).toEqual(['GitRepository/tkfg', 'Kustomization/tkfg']);
  });

  const cases: [string, ReturnType<typeof withSourceChain>, ReturnType<typeof withSourceChain>][] = [
    [
      'HelmRelease chart from a HelmRepository in another namespace',
      withSourceChain(
        'HelmRelease',
        hr({
          chart: {
            spec: { sourceRef: { kind: 'HelmRepository', name: 'podinfo', namespace: 'flux-system' } },
          },
        }),
      ),
      {
        ok: true,
        refs: [
          { kind: 'HelmRepository', name: 'podinfo', namespace: 'flux-system' },
          { kind: 'HelmChart', name: 'apps-thrfg', namespace: 'flux-system' },
        ],
      },
    ],
    [
      'HelmRelease chartRef to an OCIRepository',
      withSourceChain('HelmRelease', hr({ chartRef: { kind: 'OCIRepository', name: 'podinfo' } })),
      { ok: true, refs: [{ kind: 'OCIRepository', name: 'podinfo', namespace: 'apps' }] },
    ],
    [
      'HelmRelease chartRef to a HelmChart without its object',
      withSourceChain(
        'HelmRelease',
        hr({ chartRef: { kind: 'HelmChart', name: 'shared', namespace: 'charts' } }),
      ),
      { ok: true, refs: [{ kind: 'HelmChart', name: 'shared', namespace: 'charts' }] },
    ],
    [
      'HelmRelease chartRef to a HelmChart with its object',
      withSourceChain(
        'HelmRelease',
        hr({ chartRef: { kind: 'HelmChart', name: 'shared', namespace: 'charts' } }),
        (ref: ObjectRef) =>
          ref.name === 'shared'
            ? { spec: { sourceRef: { kind: 'HelmRepository', name: 'bitnami' } } }
            : undefined,
      ),
      {
        ok: true,
        refs: [
          { kind: 'HelmRepository', name: 'bitnami', namespace: 'charts' },
          { kind: 'HelmChart', name: 'shared', namespace: 'charts' },
        ],
      },
    ],
    [
      'HelmRelease chartRef to an ExternalArtifact',
      withSourceChain('HelmRelease', hr({ chartRef: { kind: 'ExternalArtifact', name: 'ea' } })),
      { ok: false, error: 'cannot reconcile source of kind ExternalArtifact' },
    ],
    [
      'Kustomization from an ExternalArtifact',
      withSourceChain('Kustomization', { spec: { sourceRef: { kind: 'ExternalArtifact', name: 'ea' } } }),
      { ok: false, error: 'cannot reconcile source of kind ExternalArtifact' },
    ],
    [
      'Kustomization without sourceRef',
      withSourceChain('Kustomization', { spec: {} }),
      { ok: false, error: 'spec.sourceRef is not set' },
    ],
    [
      'Kustomization with an unknown source kind',
      withSourceChain('Kustomization', { spec: { sourceRef: { kind: 'Weird\x1b[1m', name: 'x' } } }),
      { ok: false, error: 'cannot reconcile source of kind Weird' },
    ],
    [
      'HelmChart',
      withSourceChain('HelmChart', {
        metadata: { namespace: 'flux-system' },
        spec: { sourceRef: { kind: 'GitRepository', name: 'repo' } },
      }),
      { ok: true, refs: [{ kind: 'GitRepository', name: 'repo', namespace: 'flux-system' }] },
    ],
    [
      'a source',
      withSourceChain('GitRepository', {}),
      { ok: false, error: 'GitRepository has no source to reconcile with --with-source' },
    ],
  ];
  it.each(cases)('%s', (_name, got, want) => {
    expect(got).toEqual(want);
  });

  it('knows which kinds take --with-source', () => {
    expect(
      ['ks', 'hr', 'hc', 'gitrepo', 'alert'].map((w) => supportsWithSource(findKind(w)?.kind ?? 'Alert')),
    ).toEqual([true, true, true, false, false]);
  });
});
