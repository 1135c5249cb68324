// The trace model (src/flux/trace.ts): flux trace's goldens reproduced from the same objects (each link's
// kind, namespace, name and revision), the owner and label walk as flux trace decides it, hostile and
// missing fields, the verdict and revision sentences, and the `KIND/NAME -n NS` arguments.
import { describe, expect, it } from 'vitest';
import { isKindName } from '../../src/flux/kinds.js';
import {
  buildTrace,
  type FluxRead,
  findApplier,
  findManager,
  NOT_MANAGED,
  ownerToFollow,
  parseTraceArgs,
  parseTraceTargets,
  sameRevision,
  sourceRefs,
  type TraceRead,
  upstreamApplier,
} from '../../src/flux/trace.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { FLUX_TESTDATA, goldenObjects, goldenText, kindOf, substitute } from './flux-golden.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const VALUES = { ns: 'podinfo', fluxns: 'flux-system' };

type Obj = { metadata?: { name?: string; namespace?: string } };
const nameOf = (o: unknown) => (o as Obj).metadata?.name ?? '';
const nsOf = (o: unknown) => (o as Obj).metadata?.namespace ?? '';

/** What `traceObject` does with a cluster holding exactly these objects. */
function traceFrom(objects: readonly unknown[], kind: string, name: string) {
  const find = (ref: ObjectRef) =>
    objects.find((o) => kindOf(o) === ref.kind && nameOf(o) === ref.name && nsOf(o) === ref.namespace);
  const object = objects.find((o) => kindOf(o) === kind && nameOf(o) === name);
  const chain: TraceRead[] = [{ raw: object }];
  const manager = findManager(chain.map((c) => c.raw));
  if (!manager) return buildTrace({ chain, sources: [], now: NOW });
  const managerRead: FluxRead = { ref: manager.ref, raw: find(manager.ref) };
  const sources = sourceRefs(manager.ref, managerRead.raw).map((ref) => ({ ref, raw: find(ref) }));
  return buildTrace({ chain, manager: managerRead, sources, now: NOW });
}

/** The golden's blocks after the object's: `Kind: name`, its Namespace and Revision. */
function goldenLinks(path: string) {
  const blocks = substitute(goldenText(path), VALUES).split('\n---\n').slice(1);
  return blocks.map((block) => {
    const fields = new Map<string, string>();
    let kind = '';
    for (const line of block.split('\n')) {
      const m = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
      if (!m) continue;
      const [, key = '', value = ''] = m;
      if (!kind && isKindName(key)) {
        kind = key;
        fields.set('name', value);
      } else if (!fields.has(key)) fields.set(key, value);
    }
    return {
      kind,
      namespace: fields.get('Namespace'),
      name: fields.get('name'),
      revision: fields.get('Revision'),
    };
  });
}

describe('flux trace goldens, from the same objects', () => {
  const cases = [
    ['deployment', 'Deployment'],
    ['deployment-hr-ocirepo', 'Deployment'],
    ['helmrelease', 'HelmRelease'],
    ['helmrelease-oci', 'HelmRelease'],
  ] as const;
  for (const [file, kind] of cases) {
    it(`${file}: the same links, namespaces and revisions`, () => {
      const objects = goldenObjects(`${FLUX_TESTDATA}trace/${file}.yaml`, VALUES);
      const trace = traceFrom(objects, kind, 'podinfo');
      const fluxLinks = trace.links.slice(1).map((l) => ({
        kind: l.kind,
        namespace: l.namespace,
        name: l.name,
        revision: l.revision,
      }));
      expect(fluxLinks).toEqual(goldenLinks(`${FLUX_TESTDATA}trace/${file}.golden`));
      expect(trace.title).toBe(`${kind} podinfo/podinfo`);
      expect(trace.managedBy).toBeDefined();
    });
  }

  it('says the HelmRelease applied the chart revision its HelmChart holds, and the Kustomization its Git revision', () => {
    const hr = traceFrom(
      goldenObjects(`${FLUX_TESTDATA}trace/deployment.yaml`, VALUES),
      'Deployment',
      'podinfo',
    );
    expect(hr.revision).toEqual({
      text: 'applied 6.3.5: the revision HelmChart flux-system/podinfo-podinfo has',
      tone: 'ok',
    });
    // Unlike flux trace, the object itself is judged: the golden's Deployment has no status, so no ready replicas.
    expect(hr.verdict).toEqual({
      text: 'managed by HelmRelease podinfo/podinfo; not ready: Deployment podinfo/podinfo InProgress (LessReplicas)',
      tone: 'warn',
    });
    const ks = traceFrom(
      goldenObjects(`${FLUX_TESTDATA}trace/helmrelease.yaml`, VALUES),
      'HelmRelease',
      'podinfo',
    );
    expect(ks.revision?.text).toBe(
      'applied main@sha1:696f056df216eea4f9401adbee0ff744d4df390f: the revision GitRepository flux-system/flux-system has',
    );
    // The traced HelmRelease is a Flux object: judged as Flux judges it, and its details can be opened.
    expect(ks.links[0]).toMatchObject({ status: 'Ready', fluxKey: 'HelmRelease/podinfo/podinfo' });
  });
});

const labels = (group: 'kustomize' | 'helm', name: string, namespace?: string) => ({
  [`${group}.toolkit.fluxcd.io/name`]: name,
  ...(namespace ? { [`${group}.toolkit.fluxcd.io/namespace`]: namespace } : {}),
});
const obj = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name, namespace: 'apps', ...extra },
});

describe('the owner and label walk', () => {
  it('follows the controller owner reference, else the first usable one', () => {
    const refs = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'first' },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'controller', controller: true },
    ];
    expect(ownerToFollow(obj('Pod', 'p', { ownerReferences: refs }))?.name).toBe('controller');
    expect(ownerToFollow(obj('Pod', 'p', { ownerReferences: refs.slice(0, 1) }))?.name).toBe('first');
  });

  it('reads hostile owner references as none', () => {
    for (const ownerReferences of [
      'x',
      5,
      null,
      [null, 5, 'x', { kind: 1, name: 'a', apiVersion: 'v1' }, { kind: 'A' }],
    ]) {
      expect(ownerToFollow(obj('Pod', 'p', { ownerReferences }))).toBeUndefined();
    }
    expect(ownerToFollow(undefined)).toBeUndefined();
    expect(ownerToFollow({ metadata: 'nope' })).toBeUndefined();
  });

  it('prefers Kustomization labels anywhere in the chain to HelmRelease labels nearer, as flux trace does', () => {
    const chain = [
      obj('Pod', 'p', { labels: labels('helm', 'rel', 'apps') }),
      obj('Deployment', 'd', { labels: labels('kustomize', 'apps', 'flux-system') }),
    ];
    expect(findManager(chain)).toEqual({
      ref: { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
      index: 1,
    });
    expect(findManager(chain.slice(0, 1))?.ref).toEqual({
      kind: 'HelmRelease',
      namespace: 'apps',
      name: 'rel',
    });
  });

  it('takes a missing namespace label as the object’s namespace, and ignores empty or non-string names', () => {
    expect(findManager([obj('Service', 's', { labels: labels('helm', 'rel') })])?.ref.namespace).toBe('apps');
    expect(
      findManager([obj('Service', 's', { labels: { 'kustomize.toolkit.fluxcd.io/name': 7 } })]),
    ).toBeUndefined();
    expect(findManager([obj('Service', 's', { labels: labels('kustomize', '') })])).toBeUndefined();
    expect(findManager([obj('Service', 's', { labels: 'x' }), null, 3])).toBeUndefined();
  });
});

describe('sources', () => {
  const ks = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' } as const;
  const hr = { kind: 'HelmRelease', namespace: 'apps', name: 'web' } as const;
  it('a Kustomization’s sourceRef, in its own namespace unless it says another', () => {
    expect(sourceRefs(ks, { spec: { sourceRef: { kind: 'GitRepository', name: 'repo' } } })).toEqual([
      { kind: 'GitRepository', namespace: 'flux-system', name: 'repo' },
    ]);
    expect(
      sourceRefs(ks, { spec: { sourceRef: { kind: 'OCIRepository', name: 'o', namespace: 'x' } } }),
    ).toEqual([{ kind: 'OCIRepository', namespace: 'x', name: 'o' }]);
  });
  it('a HelmRelease’s HelmChart, then its chartRef or chart source; unknown kinds and bad values left out', () => {
    const raw = {
      spec: { chart: { spec: { sourceRef: { kind: 'HelmRepository', name: 'charts' } } } },
      status: { helmChart: 'flux-system/apps-web' },
    };
    expect(sourceRefs(hr, raw)).toEqual([
      { kind: 'HelmChart', namespace: 'flux-system', name: 'apps-web' },
      { kind: 'HelmRepository', namespace: 'apps', name: 'charts' },
    ]);
    expect(sourceRefs(hr, { spec: { chartRef: { kind: 'OCIRepository', name: 'oci' } } })).toEqual([
      { kind: 'OCIRepository', namespace: 'apps', name: 'oci' },
    ]);
    expect(
      sourceRefs(hr, { spec: { chartRef: { kind: 'Widget', name: 'w' } }, status: { helmChart: 'noslash' } }),
    ).toEqual([]);
    expect(sourceRefs(hr, 'garbage')).toEqual([]);
  });
});

const ready = (revision: string, extra: Record<string, unknown> = {}) => ({
  observedGeneration: 1,
  conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok' }],
  ...extra,
  ...(revision ? { lastAppliedRevision: revision } : {}),
});
const KS: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const GIT: ObjectRef = { kind: 'GitRepository', namespace: 'flux-system', name: 'repo' };
const managed = obj('ConfigMap', 'cm', { labels: labels('kustomize', 'apps', 'flux-system') });
const ksRaw = (applied: string) => ({
  metadata: { name: 'apps', namespace: 'flux-system', generation: 1 },
  status: ready(applied),
});
const gitRaw = (artifact: string | undefined) => ({
  metadata: { name: 'repo', namespace: 'flux-system', generation: 1 },
  status: ready('', artifact ? { artifact: { revision: artifact } } : {}),
});

function traced(manager: FluxRead, sources: FluxRead[] = [], chain: TraceRead[] = [{ raw: managed }]) {
  return buildTrace({ chain, manager, sources, now: NOW });
}

describe('the verdict and the revision line', () => {
  it('says an object without Flux labels is not managed, and why the walk stopped', () => {
    const t = buildTrace({
      chain: [{ raw: obj('Pod', 'p') }],
      chainStop: 'reading ReplicaSet apps/rs is forbidden',
      sources: [],
      now: NOW,
    });
    expect(t.verdict).toEqual({ text: NOT_MANAGED, tone: 'warn' });
    expect(t.note).toBe('the owner walk stopped: reading ReplicaSet apps/rs is forbidden');
    expect(t.links.map((l) => l.role)).toEqual(['object']);
  });

  it('compares the revision applied with the source’s artifact', () => {
    const a = 'main@sha1:aaaa';
    const b = 'main@sha1:bbbb';
    const line = (applied: string, artifact: string | undefined) =>
      traced({ ref: KS, raw: ksRaw(applied) }, [{ ref: GIT, raw: gitRaw(artifact) }]).revision;
    expect(line(a, a)).toEqual({
      text: `applied ${a}: the revision GitRepository flux-system/repo has`,
      tone: 'ok',
    });
    expect(line(a, b)).toEqual({
      text: `applied ${a}, but GitRepository flux-system/repo has ${b}: not applied (yet)`,
      tone: 'warn',
    });
    expect(line('', b)?.text).toBe(`nothing applied yet; GitRepository flux-system/repo has ${b}`);
    expect(line(a, undefined)?.text).toBe(
      `applied ${a}; GitRepository flux-system/repo has no artifact to compare`,
    );
  });

  it('marks a manager or source that cannot be read, with the reason, and names what is not ready', () => {
    const t = traced({ ref: KS, raw: ksRaw('r') }, [
      { ref: GIT, raw: undefined, problem: 'reading GitRepository flux-system/repo is forbidden: no' },
    ]);
    expect(t.links[2]).toMatchObject({
      status: 'Forbidden',
      tone: 'bad',
      fluxKey: 'GitRepository/flux-system/repo',
    });
    expect(t.verdict).toEqual({
      text: 'managed by Kustomization flux-system/apps; not ready: GitRepository flux-system/repo Forbidden',
      tone: 'bad',
    });
    const gone = traced({ ref: KS, raw: undefined, problem: 'Kustomization flux-system/apps not found' });
    expect(gone.links[1]).toMatchObject({
      status: 'NotFound',
      message: 'Kustomization flux-system/apps not found',
    });
    expect(gone.revision).toBeUndefined();
  });

  it('shows a pod’s reason and strips control sequences from what the cluster sent', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'api-\u001b[31mx',
        namespace: 'apps',
        labels: labels('kustomize', 'apps', 'flux-system'),
      },
      status: { phase: 'Pending' },
    };
    const t = traced(
      { ref: KS, raw: ksRaw('r') },
      [],
      [{ raw: pod, cause: { reason: 'ImagePullBackOff', message: 'Back-off', pod: 'api-x' } }],
    );
    expect(t.links[0]).toMatchObject({
      name: 'api-x',
      reason: 'ImagePullBackOff',
      message: 'Back-off (pod api-x)',
      ready: false,
    });
    expect(JSON.stringify(t)).not.toContain('\u001b');
  });
});

describe('through the Flux Operator', () => {
  const operator = (group: 'resourceset' | 'instance', name: string, namespace = 'flux-system') => {
    const prefix = group === 'resourceset' ? 'resourceset.fluxcd.controlplane.io' : 'fluxcd.controlplane.io';
    return { [`${prefix}/name`]: name, [`${prefix}/namespace`]: namespace };
  };
  const RSET: ObjectRef = { kind: 'ResourceSet', namespace: 'flux-system', name: 'tenants' };
  const FI: ObjectRef = { kind: 'FluxInstance', namespace: 'flux-system', name: 'flux' };
  const SYNC: ObjectRef = { kind: 'GitRepository', namespace: 'flux-system', name: 'flux-system' };
  const flux = (ref: ObjectRef, extra: Record<string, unknown> = {}, status = ready('sha256:ab')) => ({
    apiVersion: 'fluxcd.controlplane.io/v1',
    kind: ref.kind,
    metadata: { name: ref.name, namespace: ref.namespace, generation: 1, ...extra },
    status,
  });

  it('finds the ResourceSet or FluxInstance that applied an object Flux’s own labels do not name', () => {
    const cm = obj('ConfigMap', 'tenant-settings', { labels: operator('resourceset', 'tenants') });
    expect(findApplier([cm])).toEqual({ ref: RSET, index: 0 });
    // The plugins' $FLUX_NAME stays the Kustomization or HelmRelease, as flux trace finds it.
    expect(findManager([cm])).toBeUndefined();
    const deploy = obj('Deployment', 'source-controller', { labels: operator('instance', 'flux') });
    expect(findApplier([deploy])?.ref).toEqual(FI);
    // Flux's labels first, as flux trace reads them.
    const both = obj('Deployment', 'd', {
      labels: { ...operator('resourceset', 'tenants'), ...labels('helm', 'web', 'apps') },
    });
    expect(findApplier([both])?.ref).toEqual({ kind: 'HelmRelease', namespace: 'apps', name: 'web' });
  });

  it('walks up from a Kustomization only by the operator’s labels, from the operator’s objects by any', () => {
    const ks = flux(KS, { labels: operator('instance', 'flux') });
    expect(upstreamApplier(KS, ks)).toEqual(FI);
    // flux trace stops at a Kustomization: so does fluxdeck, unless the operator applied it.
    expect(upstreamApplier(KS, flux(KS, { labels: labels('kustomize', 'flux-system', 'flux-system') }))).toBe(
      undefined,
    );
    const rset = flux(RSET, { labels: labels('kustomize', 'apps', 'flux-system') });
    expect(upstreamApplier(RSET, rset)).toEqual(KS);
    expect(upstreamApplier(FI, flux(FI))).toBeUndefined();
  });

  it('a FluxInstance’s source is its sync source, named as the operator names it; a ResourceSet has none', () => {
    const sync = (extra: Record<string, unknown>) => ({
      spec: {
        sync: { kind: 'GitRepository', url: 'https://x', ref: 'refs/heads/main', path: '.', ...extra },
      },
    });
    expect(sourceRefs(FI, sync({ name: 'fleet' }))).toEqual([{ ...SYNC, name: 'fleet' }]);
    // Without a name, the operator names the sync objects after the instance's namespace.
    expect(sourceRefs(FI, sync({}))).toEqual([SYNC]);
    expect(sourceRefs(FI, sync({ kind: 'OCIRepository' }))).toEqual([{ ...SYNC, kind: 'OCIRepository' }]);
    expect(sourceRefs(FI, { spec: {} })).toEqual([]);
    expect(sourceRefs(FI, sync({ kind: 'Widget' }))).toEqual([]);
    expect(sourceRefs(RSET, { spec: { inputs: [] } })).toEqual([]);
  });

  it('shows the appliers upward as a chain, then each source once', () => {
    const cm = obj('ConfigMap', 'tenant-settings', { labels: operator('resourceset', 'tenants') });
    const t = buildTrace({
      chain: [{ raw: cm }],
      manager: { ref: RSET, raw: flux(RSET) },
      sources: [],
      upstream: [
        { manager: { ref: KS, raw: ksRaw('main@sha1:aaaa') }, sources: [{ ref: SYNC, raw: gitRaw('x') }] },
        { manager: { ref: FI, raw: flux(FI, {}, ready('v2.8.3@sha256:cd')) }, sources: [] },
      ],
      now: NOW,
    });
    expect(t.links.map((l) => `${l.role} ${l.kind}/${l.name} ${l.status}`)).toEqual([
      'object ConfigMap/tenant-settings Current',
      'manager ResourceSet/tenants Ready',
      'manager Kustomization/apps Ready',
      'manager FluxInstance/flux Ready',
      'source GitRepository/flux-system Ready',
    ]);
    expect(t.managedBy).toEqual(RSET);
    expect(t.verdict).toEqual({
      text: 'managed by ResourceSet flux-system/tenants: every link is ready',
      tone: 'ok',
    });
    // Nothing to compare a ResourceSet's revision with: what it applied.
    expect(t.revision).toEqual({ text: 'applied sha256:ab', tone: 'ok' });
  });
});

describe('sameRevision', () => {
  it('matches equal revisions and the same digest written two ways', () => {
    expect(sameRevision('6.3.5', '6.3.5')).toBe(true);
    expect(sameRevision('6.3.5@sha256:abc', 'sha256:abc')).toBe(true);
    expect(sameRevision('6.3.5', '6.3.6')).toBe(false);
    expect(sameRevision('main@sha1:a', 'dev@sha1:b')).toBe(false);
  });
});

describe('parseTraceArgs', () => {
  it('takes KIND/NAME or KIND NAME, with -n, --namespace or --namespace= anywhere', () => {
    expect(parseTraceArgs(['deployment/api', '-n', 'apps'])).toEqual({
      kind: 'deployment',
      name: 'api',
      namespace: 'apps',
    });
    expect(parseTraceArgs(['-n', 'apps', 'deploy', 'api'])).toEqual({
      kind: 'deploy',
      name: 'api',
      namespace: 'apps',
    });
    expect(parseTraceArgs(['po/x', '--namespace=kube-system'])).toEqual({
      kind: 'po',
      name: 'x',
      namespace: 'kube-system',
    });
    expect(parseTraceArgs(['ns/apps'])).toEqual({ kind: 'ns', name: 'apps' });
  });
  it('says what is wrong', () => {
    expect(parseTraceArgs(['deployment'])).toEqual({
      error: 'usage: trace KIND/NAME [-n NAMESPACE] (or KIND NAME), e.g. trace deployment/api -n apps',
    });
    expect(parseTraceArgs(['deploy/api', '-n'])).toEqual({ error: '-n needs a namespace' });
    expect(parseTraceArgs(['deploy/api', '-n', 'Bad_NS'])).toEqual({ error: 'not a namespace name: Bad_NS' });
    expect(parseTraceArgs(['deploy/api', 'cm/x'])).toEqual({
      error: 'one object at a time: cm/x is one word too many',
    });
    expect(parseTraceArgs(['deploy/a/b'])).toEqual({ error: 'not an object name: a/b' });
    expect(parseTraceArgs(['1x/a'])).toEqual({ error: 'not a kind: 1x' });
  });
});

describe('parseTraceTargets', () => {
  it('takes several objects as flux trace does: KIND/NAME each, or one KIND and several names', () => {
    expect(parseTraceTargets(['deploy/api', 'cm/settings', '-n', 'apps'])).toEqual({
      targets: [
        { kind: 'deploy', name: 'api' },
        { kind: 'cm', name: 'settings' },
      ],
      namespace: 'apps',
    });
    expect(parseTraceTargets(['deployment', 'api', 'web'])).toEqual({
      targets: [
        { kind: 'deployment', name: 'api' },
        { kind: 'deployment', name: 'web' },
      ],
    });
  });

  it('says which word is wrong when the two forms are mixed', () => {
    expect(parseTraceTargets(['deploy/api', 'web'])).toEqual({
      error: 'web needs a name: write KIND/NAME for each object, or KIND NAME NAME …',
    });
  });
});
