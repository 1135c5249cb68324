import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  helmChartNameFor,
  helmHistoryFromStatus,
  helmPendingSelector,
  helmReleaseName,
  helmReleaseNamespace,
  helmReleaseSelector,
  helmSecretName,
  helmStorageNamespace,
  isHelmLockMessage,
  isPendingStatus,
  parseHelmRelease,
  parseHelmSecretName,
  pendingRevision,
  shortenReleaseName,
  valuesFingerprint,
} from '../../src/flux/helm.js';
import { lastGoodRevision } from '../../src/flux/helm-last-good.js';
import { sha256Hex, utf8Bytes } from '../../src/flux/sha256.js';
import type { HelmReleaseRevision } from '../../src/flux/types.js';
import { FLUX_TESTDATA, goldenObjects, goldenText, kindOf } from './flux-golden.js';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('FIPS 180-4 vector %j', (input, want) => {
    expect(sha256Hex(input)).toBe(want);
  });

  it('agrees with node:crypto across block boundaries and non-ASCII', () => {
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      const s = `${'é🚀x'.repeat(n)}`.slice(0, n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
    expect(Buffer.from(utf8Bytes('\ud800x')).toString('utf8')).toBe('\ufffdx');
  });
});

describe('Helm release identity', () => {
  // Cases from fluxcd/helm-controller internal/release/name_test.go.
  it.each([
    ['release-name', 'release-name'],
    [
      'release-name-with-very-long-name-which-is-longer-than-53-characters',
      'release-name-with-very-long-name-which-i-788ca0d0d7b0',
    ],
    [
      'another-release-name-with-very-long-name-which-is-longer-than-53-characters',
      'another-release-name-with-very-long-name-7e72150d5a36',
    ],
    ['', ''],
  ])('shortens %j', (name, want) => {
    expect(shortenReleaseName(name)).toBe(want);
    expect(shortenReleaseName(name).length).toBeLessThanOrEqual(53);
  });

  const hr = (spec: object) => ({ metadata: { name: 'podinfo', namespace: 'apps' }, spec });
  it.each([
    [{}, 'podinfo', 'apps', 'apps'],
    [{ targetNamespace: 'web' }, 'web-podinfo', 'web', 'apps'],
    [{ targetNamespace: 'web', releaseName: 'custom' }, 'custom', 'web', 'apps'],
    [{ storageNamespace: 'helm-store' }, 'podinfo', 'apps', 'helm-store'],
    [
      { targetNamespace: 'a-very-long-target-namespace-name-for-testing-shortening' },
      'a-very-long-target-namespace-name-for-te-' +
        sha256Hex('a-very-long-target-namespace-name-for-testing-shortening-podinfo').slice(0, 12),
      'a-very-long-target-namespace-name-for-testing-shortening',
      'apps',
    ],
    [{ releaseName: 7, targetNamespace: ['x'] }, 'podinfo', 'apps', 'apps'],
  ])('spec %j → release %s in %s, stored in %s', (spec, release, ns, storage) => {
    expect(helmReleaseName(hr(spec))).toBe(release);
    expect(helmReleaseNamespace(hr(spec))).toBe(ns);
    expect(helmStorageNamespace(hr(spec))).toBe(storage);
  });

  it('names the HelmChart of a HelmRelease', () => {
    const [stalled] = goldenObjects('synthetic/objects/helmrelease-stalled-retries-exceeded.yaml');
    // spec.chart with a HelmRepository in flux-system: the chart lives beside its source.
    expect(helmChartNameFor(stalled)).toEqual({
      kind: 'HelmChart',
      namespace: 'flux-system',
      name: 'podinfo-podinfo',
    });
    expect(
      helmChartNameFor(
        hr({ chart: { spec: { chart: 'x', sourceRef: { kind: 'GitRepository', name: 'g' } } } }),
      ),
    ).toEqual({ kind: 'HelmChart', namespace: 'apps', name: 'apps-podinfo' });
    expect(
      helmChartNameFor(hr({ chartRef: { kind: 'HelmChart', name: 'shared', namespace: 'charts' } })),
    ).toEqual({
      kind: 'HelmChart',
      namespace: 'charts',
      name: 'shared',
    });
    expect(helmChartNameFor(hr({ chartRef: { kind: 'OCIRepository', name: 'podinfo' } }))).toBeUndefined();
    expect(
      helmChartNameFor({ metadata: { name: 'x', namespace: 'y' }, status: { helmChart: 'src/y-x' } }),
    ).toEqual({
      kind: 'HelmChart',
      namespace: 'src',
      name: 'y-x',
    });
    expect(helmChartNameFor({ metadata: { name: 'x' }, status: { helmChart: 'no-slash' } })).toBeUndefined();
    expect(helmChartNameFor(null)).toBeUndefined();
  });

  it('builds storage names and selectors', () => {
    expect(helmSecretName('podinfo', 3)).toBe('sh.helm.release.v1.podinfo.v3');
    expect(parseHelmSecretName('sh.helm.release.v1.my.release.v12')).toEqual({
      release: 'my.release',
      revision: 12,
    });
    expect(parseHelmSecretName('sh.helm.release.v1.podinfo')).toBeUndefined();
    expect(parseHelmSecretName('default-token-abc')).toBeUndefined();
    expect(helmReleaseSelector('podinfo')).toBe('owner=helm,name=podinfo');
    expect(helmPendingSelector('podinfo')).toBe(
      'owner=helm,name=podinfo,status in (pending-install,pending-upgrade,pending-rollback)',
    );
  });

  it('recognises the lock error in every wording', () => {
    for (const m of [
      'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
      'Helm upgrade failed: another operation (install/upgrade/rollback) is in progress',
      'Helm upgrade failed for release apps/podinfo with chart podinfo@6.8.0: another operation (install/upgrade/rollback) is in progress',
    ]) {
      expect(isHelmLockMessage(m)).toBe(true);
    }
    expect(isHelmLockMessage('context deadline exceeded')).toBe(false);
  });
});

describe('Helm storage (test/fixtures/synthetic/helm-storage)', () => {
  const list = JSON.parse(goldenText('synthetic/helm-storage/secrets.list.json')) as {
    items: { metadata: { name: string; labels: { status: string } }; data: { release: string } }[];
  };
  const decoded = JSON.parse(goldenText('synthetic/helm-storage/decoded-releases.json')) as unknown[];

  it('decodes like src/kube must: base64 twice, gunzip, JSON', () => {
    const releases = list.items.map((s) => {
      const once = Buffer.from(s.data.release, 'base64');
      const twice = Buffer.from(once.toString('latin1'), 'base64');
      return JSON.parse(gunzipSync(twice).toString('utf8')) as unknown;
    });
    expect(releases).toEqual(decoded);
  });

  it('parses each decoded release', () => {
    const revisions = decoded.map((r, i) => parseHelmRelease(r, list.items[i]?.metadata.name ?? ''));
    expect(revisions).toEqual([
      {
        releaseName: 'podinfo',
        namespace: 'podinfo',
        revision: 1,
        status: 'superseded',
        chartName: 'podinfo',
        chartVersion: '6.6.0',
        appVersion: '6.6.0',
        description: 'Install complete',
        firstDeployed: '2026-01-01T10:00:00Z',
        lastDeployed: '2026-01-01T10:00:00Z',
        secretName: 'sh.helm.release.v1.podinfo.v1',
        valuesDigest: valuesFingerprint({ replicaCount: 2 }),
      },
      expect.objectContaining({
        revision: 2,
        status: 'deployed',
        chartVersion: '6.7.0',
        description: 'Upgrade complete',
      }),
      expect.objectContaining({
        revision: 3,
        status: 'pending-upgrade',
        chartVersion: '6.8.0',
        description: 'Preparing upgrade',
        secretName: 'sh.helm.release.v1.podinfo.v3',
      }),
    ]);
    // The labels on the Secrets agree with the decoded status.
    expect(list.items.map((s) => s.metadata.labels.status)).toEqual(revisions.map((r) => r?.status));
  });

  it('finds the lock and the revision to roll back to', () => {
    const revisions = decoded
      .map((r, i) => parseHelmRelease(r, list.items[i]?.metadata.name ?? ''))
      .filter((r): r is HelmReleaseRevision => r !== undefined);
    expect(pendingRevision(revisions)?.revision).toBe(3);
    expect(lastGoodRevision(revisions)?.revision).toBe(2);
  });

  it('tolerates damaged releases', () => {
    expect(parseHelmRelease(null, 'sh.helm.release.v1.x.v1')).toBeUndefined();
    expect(parseHelmRelease({}, 'not-a-helm-secret')).toBeUndefined();
    expect(parseHelmRelease({ version: 'two', info: 'x' }, 'sh.helm.release.v1.app.v2')).toMatchObject({
      releaseName: 'app',
      revision: 2,
      status: '',
      chartName: '',
    });
    expect(
      parseHelmRelease(
        {
          name: 'a\x1b[31m',
          version: 4,
          info: { status: 'failed\n', first_deployed: 'yesterday', description: 'x\x07y' },
        },
        'sh.helm.release.v1.a.v4',
      ),
    ).toMatchObject({
      releaseName: 'a',
      status: 'failed ',
      firstDeployed: '',
      description: 'xy',
      revision: 4,
    });
  });
});

describe('HelmRelease status.history (testdata/debug_helmrelease)', () => {
  it('reads the snapshots flux debug hr --show-history prints', () => {
    const hr = goldenObjects(`${FLUX_TESTDATA}debug_helmrelease/objects.yaml`).find(
      (o) =>
        kindOf(o) === 'HelmRelease' &&
        (o as { metadata: { name: string } }).metadata.name === 'test-with-history',
    );
    const [golden] = goldenObjects(`${FLUX_TESTDATA}debug_helmrelease/history.golden.yaml`) as {
      name: string;
      namespace: string;
      version: number;
      status: string;
      chartName: string;
      chartVersion: string;
      appVersion: string;
      firstDeployed: string;
      lastDeployed: string;
    }[][];
    const history = helmHistoryFromStatus(hr);
    expect(history.map((r) => r.revision)).toEqual([2, 1]);
    expect(
      [...history].reverse().map((r) => ({
        name: r.releaseName,
        namespace: r.namespace,
        version: r.revision,
        status: r.status,
        chartName: r.chartName,
        chartVersion: r.chartVersion,
        appVersion: r.appVersion,
        firstDeployed: r.firstDeployed,
        lastDeployed: r.lastDeployed,
      })),
    ).toEqual(
      (golden ?? []).map((g) => ({
        name: g.name,
        namespace: g.namespace,
        version: g.version,
        status: g.status,
        chartName: g.chartName,
        chartVersion: g.chartVersion,
        appVersion: g.appVersion,
        firstDeployed: g.firstDeployed,
        lastDeployed: g.lastDeployed,
      })),
    );
    expect(history[0]?.secretName).toBe('sh.helm.release.v1.test-with-history.v2');
    expect(goldenObjects(`${FLUX_TESTDATA}debug_helmrelease/history-empty.golden.yaml`)).toEqual([[]]);
    expect(helmHistoryFromStatus({ status: { history: 'x' } })).toEqual([]);
  });
});

describe('lastGoodRevision and pendingRevision', () => {
  const rev = (revision: number, status: string): HelmReleaseRevision => ({
    releaseName: 'app',
    namespace: 'apps',
    revision,
    status,
    chartName: 'app',
    chartVersion: `1.${revision}.0`,
    appVersion: '',
    description: '',
    firstDeployed: '',
    lastDeployed: '',
    secretName: helmSecretName('app', revision),
  });

  // [history (any order), failedFrom, expected revision]
  it.each([
    [
      'upgrade failed after a good one',
      [rev(1, 'superseded'), rev(2, 'deployed'), rev(3, 'failed')],
      undefined,
      2,
    ],
    [
      'several failed upgrades in a row',
      [rev(3, 'failed'), rev(1, 'superseded'), rev(2, 'deployed'), rev(4, 'failed')],
      undefined,
      2,
    ],
    ['stuck pending upgrade', [rev(1, 'deployed'), rev(2, 'pending-upgrade')], undefined, 1],
    [
      'a failure below a good one is ignored',
      [rev(1, 'superseded'), rev(2, 'failed'), rev(3, 'deployed'), rev(4, 'failed')],
      undefined,
      3,
    ],
    [
      'healthy release: nothing to roll back to',
      [rev(1, 'superseded'), rev(2, 'deployed')],
      undefined,
      undefined,
    ],
    ['healthy release, user says 2 is broken', [rev(1, 'superseded'), rev(2, 'deployed')], 2, 1],
    ['install failed: no earlier release', [rev(1, 'failed')], undefined, undefined],
    ['only failures', [rev(1, 'failed'), rev(2, 'failed')], undefined, undefined],
    [
      'remediated by rollback (newest deployed)',
      [rev(1, 'superseded'), rev(2, 'failed'), rev(3, 'deployed')],
      undefined,
      undefined,
    ],
    ['unknown statuses count as failures', [rev(1, 'deployed'), rev(2, 'uninstalling')], undefined, 1],
    ['empty history', [], undefined, undefined],
  ] as [string, HelmReleaseRevision[], number | undefined, number | undefined][])(
    '%s',
    (_n, history, failedFrom, want) => {
      expect(lastGoodRevision(history, failedFrom)?.revision).toBe(want);
    },
  );

  it('finds the pending revision only at the top', () => {
    expect(pendingRevision([rev(1, 'deployed'), rev(2, 'pending-install')])?.revision).toBe(2);
    expect(pendingRevision([rev(2, 'pending-rollback'), rev(1, 'deployed')])?.revision).toBe(2);
    expect(pendingRevision([rev(1, 'pending-upgrade'), rev(2, 'deployed')])).toBeUndefined();
    expect(pendingRevision([])).toBeUndefined();
    expect(
      ['pending-install', 'pending-upgrade', 'pending-rollback', 'deployed', 'failed'].map(isPendingStatus),
    ).toEqual([true, true, true, false, false]);
  });
});
