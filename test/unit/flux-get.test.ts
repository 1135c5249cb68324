// `flux get` fidelity: derive rows from the upstream fixtures and compare the printed table byte for byte
// with flux2's golden files (fluxcd/flux2 cmd/flux/testdata).
import { describe, expect, it } from 'vitest';
import {
  fluxGetCells,
  fluxGetEmptyMessage,
  fluxGetHeaders,
  formatFluxGetAll,
  formatFluxGetTable,
  formatTable,
  matchesStatusSelector,
  parseStatusSelector,
  sortForFluxGet,
} from '../../src/flux/flux-get.js';
import { isKindName, type KindName } from '../../src/flux/kinds.js';
import { deriveRow } from '../../src/flux/status.js';
import type { StatusRow } from '../../src/flux/types.js';
import { displayWidth } from '../../src/flux/width.js';
import { FLUX_TESTDATA, goldenObjects, goldenText, kindOf } from './flux-golden.js';

const NOW = Date.UTC(2026, 0, 1);

function rowsOf(kind: KindName, objects: readonly unknown[]): StatusRow[] {
  return objects
    .filter((o) => kindOf(o) === kind)
    .map((o) => deriveRow(kind, o, NOW))
    .filter((r): r is StatusRow => r !== undefined);
}

function labels(o: unknown): Record<string, string> {
  const meta = (o as { metadata?: { labels?: Record<string, string> } }).metadata;
  return meta?.labels ?? {};
}

describe('flux get goldens (testdata/get)', () => {
  const objects = goldenObjects(`${FLUX_TESTDATA}get/objects.yaml`);
  const statusObjects = goldenObjects(`${FLUX_TESTDATA}get/status_objects.yaml`);

  it('get.golden: flux get sources git', () => {
    const out = formatFluxGetTable('GitRepository', rowsOf('GitRepository', objects));
    expect(out).toBe(goldenText(`${FLUX_TESTDATA}get/get.golden`));
  });

  it('get_label_one.golden: -l sharding.fluxcd.io/key=shard1', () => {
    const selected = objects.filter((o) => labels(o)['sharding.fluxcd.io/key'] === 'shard1');
    expect(formatFluxGetTable('GitRepository', rowsOf('GitRepository', selected))).toBe(
      goldenText(`${FLUX_TESTDATA}get/get_label_one.golden`),
    );
  });

  it('get_label_two.golden: -l !sharding.fluxcd.io/key', () => {
    const selected = objects.filter((o) => !('sharding.fluxcd.io/key' in labels(o)));
    expect(formatFluxGetTable('GitRepository', rowsOf('GitRepository', selected))).toBe(
      goldenText(`${FLUX_TESTDATA}get/get_label_two.golden`),
    );
  });

  it.each([
    ['ready=true', 'get_status_ready_true.golden'],
    ['ready=false', 'get_status_ready_false.golden'],
    ['Ready!=True', 'get_status_ready_not_true.golden'],
  ])('--status-selector %s → %s', (selectorText, golden) => {
    const selector = parseStatusSelector(selectorText);
    if (!selector) throw new Error('bad selector');
    const rows = rowsOf('GitRepository', statusObjects).filter((r) =>
      matchesStatusSelector(r.conditions, selector),
    );
    expect(formatFluxGetTable('GitRepository', rows)).toBe(goldenText(`${FLUX_TESTDATA}get/${golden}`));
  });
});

// The e2e goldens below have no fixture files: flux2 creates the objects in a real cluster. These objects
// carry exactly the status the goldens show; full revisions come from the matching reconcile_*.golden.
describe('flux get goldens from the e2e suites (objects reconstructed)', () => {
  const ready = (message: string) => [
    {
      type: 'Ready',
      status: 'True',
      reason: 'Succeeded',
      message,
      lastTransitionTime: '2023-01-01T00:00:00Z',
    },
  ];
  const meta = (name: string) => ({ name, namespace: 'thrfg-1' });

  it('oci/get_oci.golden', () => {
    const digest = '6.3.5@sha256:6c959c51ccbb952e5fe4737563338a0aaf975675dcf812912cf09e5463181871';
    const raw = {
      metadata: meta('thrfg'),
      spec: { url: 'oci://ghcr.io/stefanprodan/manifests/podinfo' },
      status: { artifact: { revision: digest }, conditions: ready(`stored artifact for digest '${digest}'`) },
    };
    expect(
      formatFluxGetTable('OCIRepository', rowsOf('OCIRepository', [{ kind: 'OCIRepository', ...raw }])),
    ).toBe(goldenText(`${FLUX_TESTDATA}oci/get_oci.golden`));
  });

  it('kustomization/get_kustomization_from_git.golden', () => {
    const rev = '6.3.5@sha1:67e2c98a60dc92283531412a9e604dd4bae005a9';
    const raw = {
      kind: 'Kustomization',
      metadata: meta('tkfg'),
      spec: { sourceRef: { kind: 'GitRepository', name: 'tkfg' } },
      status: { lastAppliedRevision: rev, conditions: ready(`Applied revision: ${rev}`) },
    };
    expect(formatFluxGetTable('Kustomization', rowsOf('Kustomization', [raw]))).toBe(
      goldenText(`${FLUX_TESTDATA}kustomization/get_kustomization_from_git.golden`),
    );
  });

  it('helmrelease/get_helmrelease_from_git.golden', () => {
    const raw = {
      kind: 'HelmRelease',
      metadata: meta('thrfg'),
      spec: { chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'GitRepository', name: 'thrfg' } } } },
      status: {
        lastAttemptedRevision: '6.3.5',
        history: [{ chartName: 'podinfo', chartVersion: '6.3.5', version: 1, status: 'deployed' }],
        conditions: ready('Helm install succeeded for release thrfg-1/thrfg.v1 with chart podinfo@6.3.5'),
      },
    };
    expect(formatFluxGetTable('HelmRelease', rowsOf('HelmRelease', [raw]))).toBe(
      goldenText(`${FLUX_TESTDATA}helmrelease/get_helmrelease_from_git.golden`),
    );
  });

  it.each([
    [
      'podinfo-regex',
      '5.0.0',
      'Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 5.0.0',
      'get_image_policy_regex.golden',
    ],
    [
      'podinfo-semver',
      '5.0.3',
      'Latest image tag for ghcr.io/stefanprodan/podinfo resolved to 5.0.3 with digest sha256:8704da90172710d422af855049175c1a8295731cbe2ad3b9a1c1074feecf8c10',
      'get_image_policy_semver.golden',
    ],
  ])('image/%s', (name, tag, message, golden) => {
    const raw = {
      kind: 'ImagePolicy',
      metadata: { name, namespace: 'tis-2' },
      spec: { imageRepositoryRef: { name: 'podinfo' } },
      status: { latestRef: { name: 'ghcr.io/stefanprodan/podinfo', tag }, conditions: ready(message) },
    };
    // The image policy MESSAGE keeps its full digest: `flux get image policy` does not shorten hashes.
    expect(formatFluxGetTable('ImagePolicy', rowsOf('ImagePolicy', [raw]))).toBe(
      goldenText(`${FLUX_TESTDATA}image/${golden}`),
    );
  });
});

describe('flux get columns and options', () => {
  const objects = goldenObjects(`${FLUX_TESTDATA}get/objects.yaml`);
  const gitRows = rowsOf('GitRepository', objects);

  it.each([
    ['Kustomization', {}, ['NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE']],
    [
      'Kustomization',
      { allNamespaces: true, showSource: true },
      ['NAMESPACE', 'NAME', 'SOURCE', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE'],
    ],
    ['HelmRelease', { showSource: true }, ['NAME', 'SOURCE', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE']],
    ['GitRepository', { showSource: true }, ['NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE']],
    ['HelmChart', {}, ['NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE']],
    ['ExternalArtifact', {}, ['NAME', 'REVISION', 'SOURCE', 'READY', 'MESSAGE']],
    ['ImageRepository', {}, ['NAME', 'LAST SCAN', 'SUSPENDED', 'READY', 'MESSAGE']],
    ['ImagePolicy', {}, ['NAME', 'IMAGE', 'TAG', 'READY', 'MESSAGE']],
    ['ImageUpdateAutomation', {}, ['NAME', 'LAST RUN', 'SUSPENDED', 'READY', 'MESSAGE']],
    ['Alert', {}, ['NAME', 'SUSPENDED', 'READY', 'MESSAGE']],
    ['Provider', {}, ['NAME', 'READY', 'MESSAGE']],
    ['Receiver', {}, ['NAME', 'SUSPENDED', 'READY', 'MESSAGE']],
    ['ArtifactGenerator', {}, ['NAME', 'SUSPENDED', 'READY', 'MESSAGE']],
  ] as const)('%s %j', (kind, opts, want) => {
    expect(isKindName(kind)).toBe(true);
    expect(fluxGetHeaders(kind, opts)).toEqual(want);
  });

  it('prints -A with a namespace column', () => {
    const out = formatFluxGetTable('GitRepository', gitRows.slice(0, 1), { allNamespaces: true });
    expect(out).toBe(
      'NAMESPACE  \tNAME   \tREVISION          \tSUSPENDED\tREADY\tMESSAGE                              \n' +
        'flux-system\tpodinfo\tmain@sha1:696f056d\tFalse    \tTrue \tFetched revision: main@sha1:696f056d\t\n',
    );
  });

  it('prints --show-source for a HelmRelease with its chart source', () => {
    const [hr] = goldenObjects('synthetic/objects/helmrelease-stalled-retries-exceeded.yaml');
    const row = deriveRow('HelmRelease', hr, NOW);
    if (!row) throw new Error('no row');
    expect(fluxGetCells('HelmRelease', row, { showSource: true }).slice(0, 5)).toEqual([
      'podinfo',
      'HelmRepository/flux-system/podinfo',
      '6.7.0',
      'False',
      'False',
    ]);
  });

  it('prints get all sections with kind/name and a blank line after each table', () => {
    const out = formatFluxGetAll([
      { kind: 'GitRepository', rows: gitRows.slice(0, 1) },
      { kind: 'Kustomization', rows: [] },
    ]);
    expect(out).toBe(
      'NAME                 \tREVISION          \tSUSPENDED\tREADY\tMESSAGE                              \n' +
        'gitrepository/podinfo\tmain@sha1:696f056d\tFalse    \tTrue \tFetched revision: main@sha1:696f056d\t\n\n',
    );
  });

  it('omits the header with --no-header and prints nothing for no rows', () => {
    expect(formatFluxGetTable('GitRepository', gitRows.slice(0, 1), { noHeader: true })).toBe(
      'podinfo\tmain@sha1:696f056d\tFalse\tTrue\tFetched revision: main@sha1:696f056d\t\n',
    );
    expect(formatFluxGetTable('GitRepository', [])).toBe('');
    expect(formatTable([], [])).toBe('');
  });

  it('sorts like the API server lists', () => {
    const rows = sortForFluxGet([...gitRows].reverse());
    expect(rows.map((r) => r.ref.name)).toEqual(['podinfo', 'podinfo-shard1', 'podinfo-shard2']);
  });

  it('words the empty results as the CLI', () => {
    expect(fluxGetEmptyMessage('Kustomization', 'flux-system')).toBe(
      'no Kustomization objects found in "flux-system" namespace',
    );
    expect(fluxGetEmptyMessage('HelmRelease', undefined, 'podinfo')).toBe(
      "HelmRelease object 'podinfo' not found in any namespace",
    );
  });

  it('aligns wide characters by display width', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('🚀x')).toBe(3);
    expect(formatTable(['A', 'B'], [['日本', 'x']])).toBe('A   \tB \n日本\tx\t\n');
  });

  it('parses status selectors', () => {
    expect(parseStatusSelector('ready=false')).toEqual({ type: 'ready', status: 'false', negate: false });
    expect(parseStatusSelector('Ready!=True')).toEqual({ type: 'Ready', status: 'True', negate: true });
    expect(parseStatusSelector('ready')).toBeUndefined();
    // A missing condition never equals and always differs.
    expect(matchesStatusSelector([], { type: 'Ready', status: 'True', negate: true })).toBe(true);
    expect(matchesStatusSelector([], { type: 'Ready', status: 'True', negate: false })).toBe(false);
  });
});
