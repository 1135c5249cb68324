import { describe, expect, it } from 'vitest';
import { parseStatusArgs } from '../../src/commands/status-args.js';
import { documentSection, statusJsonPieces } from '../../src/commands/status-json.js';
import {
  buildStatusReport,
  DOCUMENT_OBJECTS,
  deriveSection,
  summarize,
  summaryLine,
  TABLE_ROWS,
} from '../../src/commands/status-report.js';
import { isOwnerKind } from '../../src/flux/workload-health.js';
import type { KindListing } from '../../src/kube/one-shot.js';
import type { ClusterInfo } from '../../src/kube/port.js';

function ks(name: string, ready: 'True' | 'False', suspend = false) {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: 'flux-system', generation: 1, uid: name },
    spec: { suspend, sourceRef: { kind: 'GitRepository', name: 'sre-platform' } },
    status: {
      observedGeneration: 1,
      lastAppliedRevision: 'main@sha1:696f056df216eea03df8ef4e8a7d2b6ebcc4acaf',
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason: ready === 'True' ? 'ReconciliationSucceeded' : 'BuildFailed',
          message: ready === 'True' ? 'Applied' : 'kustomize build failed',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    },
  };
}

const INFO: ClusterInfo = {
  context: 'c',
  cluster: 'c',
  server: 'https://x',
  user: 'u',
  namespace: undefined,
  kubeconfigPath: '/k',
};
const AT = new Date('2026-01-02T03:04:05Z');
const REPO: KindListing = {
  kind: 'GitRepository',
  state: 'listed',
  apiVersion: 'v1',
  items: [{ ...ks('repo', 'True'), kind: 'GitRepository' }],
};

/**
 * The JSON document as `fluxdeck status -o json` writes it, from listings: rows kept only where a Degraded
 * verdict may be laid over them (`keepRows` true: kept everywhere).
 */
function statusJson(listings: readonly KindListing[], info: ClusterInfo, at: Date, keepRows = false): string {
  const report = summarize(
    listings.map((l) => documentSection(deriveSection(l, DOCUMENT_OBJECTS), keepRows || isOwnerKind(l.kind))),
  );
  return statusJsonPieces(report, info, at).join('');
}

describe('status arguments', () => {
  it('accepts the documented flags in their usual spellings', () => {
    expect(parseStatusArgs(['--kubeconfig', '/k', '--context=prod', '-n', 'apps', '-o', 'json'])).toEqual({
      ok: true,
      options: { kubeconfig: '/k', context: 'prod', namespace: 'apps', output: 'json', allNamespaces: false },
    });
    expect(parseStatusArgs(['-A', '-ojson'])).toEqual({
      ok: true,
      options: {
        kubeconfig: undefined,
        context: undefined,
        namespace: undefined,
        output: 'json',
        allNamespaces: true,
      },
    });
    expect(parseStatusArgs(['--output=table', '--namespace=flux-system'])).toMatchObject({
      ok: true,
      options: { namespace: 'flux-system', output: 'table' },
    });
  });

  it('explains usage errors', () => {
    expect(parseStatusArgs(['-n', 'apps', '-A'])).toEqual({
      ok: false,
      help: false,
      message: '-n and -A cannot be used together',
    });
    expect(parseStatusArgs(['-o', 'yaml'])).toMatchObject({ message: '-o takes table or json' });
    expect(parseStatusArgs(['-n', 'Apps'])).toMatchObject({
      message: '"Apps" is not a valid namespace name',
    });
    expect(parseStatusArgs(['--watch'])).toMatchObject({
      message: 'unknown argument "--watch" (see fluxdeck status --help)',
    });
    expect(parseStatusArgs(['--help'])).toEqual({ ok: false, help: true });
  });
});

describe('status report', () => {
  it('counts ready, failing (suspended failures included) and unknown kinds, and picks the exit code', () => {
    const report = buildStatusReport(
      [
        {
          kind: 'Kustomization',
          state: 'listed',
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          items: [ks('b', 'True'), ks('a', 'False'), ks('c', 'False', true)],
        },
        { kind: 'HelmRelease', state: 'forbidden', message: 'forbidden: no' },
        { kind: 'Bucket', state: 'not-installed', message: 'not installed' },
      ],
      TABLE_ROWS,
    );
    expect(report.summary).toEqual({
      total: 3,
      ready: 1,
      failing: 2,
      suspended: 1,
      unknownKinds: ['HelmRelease'],
      degraded: 0,
    });
    expect(report.exitCode).toBe(1);
    expect(report.sections[0]?.rows.map((r) => r.ref.name)).toEqual(['a', 'b', 'c']);
    expect(summaryLine(report.summary)).toBe(
      '1 ready, 2 failing, 1 suspended, unknown: HelmRelease (forbidden)',
    );
  });

  it('exits 0 when everything is ready, suspended-and-ready included', () => {
    const report = buildStatusReport(
      [
        {
          kind: 'Kustomization',
          state: 'listed',
          apiVersion: 'v1',
          items: [ks('a', 'True'), ks('b', 'True', true)],
        },
      ],
      TABLE_ROWS,
    );
    expect(report.exitCode).toBe(0);
  });

  it('writes the documented JSON document', () => {
    const listings: KindListing[] = [
      {
        kind: 'Kustomization',
        state: 'listed',
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        items: [ks('apps', 'False')],
      },
    ];
    const info = {
      context: 'prod',
      cluster: 'c',
      server: 'https://x',
      user: 'u',
      namespace: undefined,
      kubeconfigPath: '/k',
    };
    const doc = JSON.parse(statusJson(listings, info, new Date('2026-01-02T03:04:05Z')));
    expect(doc).toMatchObject({
      kind: 'FluxdeckStatus',
      version: 1,
      context: 'prod',
      server: 'https://x',
      namespace: null,
      generatedAt: '2026-01-02T03:04:05.000Z',
      summary: { total: 1, ready: 0, failing: 1, suspended: 0, unknownKinds: [], healthy: false },
      kinds: [
        {
          kind: 'Kustomization',
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          state: 'listed',
          count: 1,
          message: '',
        },
      ],
    });
    expect(doc.objects).toEqual([
      {
        kind: 'Kustomization',
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        namespace: 'flux-system',
        name: 'apps',
        ready: 'False',
        health: 'Failed',
        reason: 'BuildFailed',
        message: 'kustomize build failed',
        revision: 'main@sha1:696f056d',
        suspended: false,
        reconciling: false,
        stalled: false,
        failingSince: '2026-01-01T00:00:00Z',
        failingSinceLowerBound: true,
        lastTransitionTime: '2026-01-01T00:00:00Z',
        lastHandledReconcileAt: '',
        dependsOn: [],
        source: { kind: 'GitRepository', namespace: 'flux-system', name: 'sre-platform' },
      },
    ]);
  });

  it('prints the document as JSON.stringify with two-space indent would, kind by kind, empty kinds too', () => {
    const listings: KindListing[] = [
      {
        kind: 'Kustomization' as const,
        state: 'listed' as const,
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        items: [ks('a "quoted" \\ name', 'False'), ks('b', 'True', true)],
      },
      { kind: 'HelmRelease' as const, state: 'listed' as const, apiVersion: 'v2', items: [] },
      { kind: 'Bucket' as const, state: 'not-installed' as const, message: 'not installed' },
      REPO,
    ];
    const info = { ...INFO, context: 'prod', namespace: 'flux-system' };
    const printed = statusJson(listings, info, AT);
    const doc = JSON.parse(printed) as { objects: unknown[] };
    expect(doc.objects).toHaveLength(3);
    expect(printed).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    const none = statusJson(listings.slice(1, 3), info, AT);
    expect(none).toBe(`${JSON.stringify(JSON.parse(none), null, 2)}\n`);
    expect(JSON.parse(none)).toMatchObject({ objects: [] });
  });

  it('prints and counts a kind the same once its rows are let go (only their tally kept)', () => {
    const repos: KindListing = {
      kind: 'GitRepository',
      state: 'listed',
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      items: [
        { ...ks('a', 'True'), kind: 'GitRepository' },
        { ...ks('b', 'False', true), kind: 'GitRepository' },
        { ...ks('c', 'False'), kind: 'GitRepository' },
      ],
    };
    const kept = documentSection(deriveSection(repos, DOCUMENT_OBJECTS));
    const letGo = documentSection(deriveSection(repos, DOCUMENT_OBJECTS), false);
    expect(letGo.rows).toEqual([]);
    expect(letGo.tally).toEqual({ count: 3, ready: 1, failing: 2, suspended: 1, degraded: 0 });
    expect(summarize([letGo]).summary).toEqual(summarize([kept]).summary);
    expect(summarize([letGo]).exitCode).toBe(1);
    const printed = statusJson([repos], INFO, AT);
    expect(printed).toBe(statusJson([repos], INFO, AT, true));
    expect(JSON.parse(printed).kinds[0]).toMatchObject({ kind: 'GitRepository', count: 3 });
  });

  it('prints a kind of many objects (printed in runs) as one unbroken, ordered array', () => {
    const many = Array.from({ length: 123 }, (_, i) => ks(`app-${String(i).padStart(3, '0')}`, 'True'));
    const listings: KindListing[] = [
      { kind: 'Kustomization', state: 'listed', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', items: many },
      REPO,
    ];
    const printed = statusJson(listings, INFO, AT);
    const doc = JSON.parse(printed) as { objects: { name: string }[] };
    expect(doc.objects.map((o) => o.name)).toEqual([...many.map((k) => k.metadata.name), 'repo']);
    expect(printed).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });
});
