import { describe, expect, it } from 'vitest';
import {
  blockedBy,
  buildDependencyGraph,
  dependencyStatus,
  failingSource,
  fixChainPlan,
} from '../../src/flux/graph.js';
import { deriveRow } from '../../src/flux/status.js';
import type { StatusRow } from '../../src/flux/types.js';
import { CHAIN } from '../support/runbook-chain.js';

type State = 'ready' | 'failed' | 'waiting' | 'stalled' | 'suspended-ready' | 'reconciling';

function hr(name: string, state: State, deps: readonly string[] = [], namespace = name): StatusRow {
  const ready = {
    ready: { status: 'True', reason: 'UpgradeSucceeded', message: 'ok' },
    'suspended-ready': { status: 'True', reason: 'UpgradeSucceeded', message: 'ok' },
    failed: { status: 'False', reason: 'UpgradeFailed', message: 'Helm upgrade failed' },
    stalled: { status: 'False', reason: 'UpgradeFailed', message: 'Helm upgrade failed' },
    waiting: { status: 'False', reason: 'DependencyNotReady', message: 'dependency is not ready' },
    reconciling: { status: 'Unknown', reason: 'Progressing', message: 'reconciliation in progress' },
  }[state];
  const conditions: object[] = [{ type: 'Ready', lastTransitionTime: '2026-01-03T10:00:00Z', ...ready }];
  if (state === 'stalled') conditions.push({ type: 'Stalled', status: 'True', reason: 'RetriesExceeded' });
  const raw = {
    metadata: { name, namespace, generation: 1 },
    spec: {
      suspend: state === 'suspended-ready',
      // A dependency may be written as `name` (same namespace) or `namespace/name`.
      dependsOn: deps.map((d) =>
        d.includes('/') ? { namespace: d.split('/')[0], name: d.split('/')[1] } : { name: d },
      ),
    },
    status: { observedGeneration: 1, conditions },
  };
  const row = deriveRow('HelmRelease', raw, 0);
  if (!row) throw new Error('no row');
  return row;
}

const key = (name: string, namespace = name) => `HelmRelease/${namespace}/${name}`;

// The runbook's chain (docs/runbook.md), each HelmRelease in its own namespace; kyverno's upgrade failed.
function runbookRows(kyverno: State = 'failed'): StatusRow[] {
  return CHAIN.map((name, i) => {
    const prev = CHAIN[i - 1];
    const deps = prev ? [`${prev}/${prev}`] : [];
    const state: State = i < 2 ? 'ready' : i === 2 ? kyverno : 'waiting';
    return hr(name, state, deps);
  });
}

describe('dependency graph on the runbook chain', () => {
  const graph = buildDependencyGraph(runbookRows());

  it('knows direct dependencies and dependents', () => {
    expect(graph.dependencies(key('velero'))).toEqual([key('tempo')]);
    expect(graph.dependencies(key('istio-base'))).toEqual([]);
    expect(graph.dependents(key('kyverno'))).toEqual([key('monitoring')]);
    expect(graph.dependents(key('velero'))).toEqual([]);
  });

  it('walks upstream nearest first and downstream in topological order', () => {
    expect(graph.upstream(key('velero'))).toEqual(
      CHAIN.slice(0, -1)
        .reverse()
        .map((n) => key(n)),
    );
    expect(graph.downstream(key('kyverno'))).toEqual(CHAIN.slice(3).map((n) => key(n)));
    expect(graph.upstream(key('istio-base'))).toEqual([]);
  });

  it.each([
    ['velero', ['kyverno']],
    ['monitoring', ['kyverno']],
    ['kyverno', ['kyverno']],
    ['cert-manager', []],
    ['does-not-exist', []],
  ])('root cause of %s is %j', (name, want) => {
    expect(graph.rootCauses(key(name))).toEqual(want.map((n) => key(n)));
  });

  it.each([
    ['kyverno', true],
    ['monitoring', false],
    ['velero', false],
    ['cert-manager', false],
  ])('%s is the chain root: %s', (name, want) => {
    expect(graph.isChainRoot(key(name))).toBe(want);
  });

  it('plans the fix from the root down to the selected object', () => {
    expect(fixChainPlan(graph, key('velero')).map((r) => r.name)).toEqual(CHAIN.slice(2));
    expect(fixChainPlan(graph, key('logging')).map((r) => r.name)).toEqual([
      'kyverno',
      'monitoring',
      'logging',
    ]);
    expect(fixChainPlan(graph, key('kyverno')).map((r) => r.name)).toEqual(['kyverno']);
    expect(fixChainPlan(graph, key('cert-manager'))).toEqual([]);
    expect(fixChainPlan(graph, key('nope'))).toEqual([]);
  });

  it('lists what the root blocks', () => {
    expect(blockedBy(graph, key('kyverno'))).toEqual(CHAIN.slice(3).map((n) => key(n)));
  });

  it('reports dependency health', () => {
    expect(dependencyStatus(graph, key('monitoring'))).toEqual([
      { ref: { kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' }, health: 'Failed' },
    ]);
    expect(dependencyStatus(graph, key('nope'))).toEqual([]);
  });

  it('moves the root down the chain once kyverno is fixed', () => {
    const fixed = buildDependencyGraph(runbookRows('ready'));
    // monitoring still says DependencyNotReady until it is reconciled: it is now where to start.
    expect(fixed.rootCauses(key('velero'))).toEqual([key('monitoring')]);
    expect(fixed.isChainRoot(key('monitoring'))).toBe(true);
    expect(fixChainPlan(fixed, key('velero'))[0]?.name).toBe('monitoring');
  });

  it('treats a suspended but ready dependency as ready, as Flux does', () => {
    const g = buildDependencyGraph(runbookRows('suspended-ready'));
    expect(g.isReady(key('kyverno'))).toBe(true);
    expect(g.rootCauses(key('velero'))).toEqual([key('monitoring')]);
  });

  it('treats a stalled dependency as not ready', () => {
    const g = buildDependencyGraph(runbookRows('stalled'));
    expect(g.rootCauses(key('velero'))).toEqual([key('kyverno')]);
  });
});

describe('dependency graph edge cases', () => {
  it('reports missing dependencies and does not walk into them', () => {
    const g = buildDependencyGraph([hr('app', 'waiting', ['ghost', 'db/db']), hr('db', 'ready')]);
    expect(g.missing(key('app', 'app'))).toEqual([{ kind: 'HelmRelease', namespace: 'app', name: 'ghost' }]);
    expect(g.upstream(key('app'))).toEqual([key('ghost', 'app'), key('db')]);
    // Nothing upstream exists and is failing: app itself is where to look.
    expect(g.rootCauses(key('app'))).toEqual([key('app')]);
    expect(fixChainPlan(g, key('app')).map((r) => r.name)).toEqual(['app']);
    expect(g.dependents(key('ghost', 'app'))).toEqual([key('app')]);
  });

  it('finds cycles and terminates on them', () => {
    const rows = [
      hr('a', 'waiting', ['b/b']),
      hr('b', 'waiting', ['c/c']),
      hr('c', 'waiting', ['a/a']),
      hr('d', 'waiting', ['a/a']),
      hr('self', 'waiting', ['self/self']),
      hr('ok', 'ready'),
    ];
    const g = buildDependencyGraph(rows);
    expect(g.cycles()).toEqual([[key('a'), key('b'), key('c')], [key('self')]]);
    expect(g.upstream(key('d'))).toEqual([key('a'), key('b'), key('c')]);
    expect(g.downstream(key('a'))).toEqual([key('c'), key('d'), key('b')]);
    expect(g.rootCauses(key('d'))).toEqual([key('a'), key('b'), key('c')]);
    expect(g.rootCauses(key('self'))).toEqual([key('self')]);
    expect(g.isChainRoot(key('a'))).toBe(false);
    const plan = fixChainPlan(g, key('d')).map((r) => r.name);
    expect(plan).toHaveLength(4);
    expect(plan.at(-1)).toBe('d');
  });

  it('orders a diamond with every dependency before its dependents', () => {
    // base -> left, right -> top (top depends on both)
    const g = buildDependencyGraph([
      hr('base', 'failed', [], 'ns'),
      hr('left', 'waiting', ['base'], 'ns'),
      hr('right', 'waiting', ['base'], 'ns'),
      hr('top', 'waiting', ['left', 'right'], 'ns'),
      hr('side', 'waiting', ['base'], 'ns'),
    ]);
    const k = (n: string) => key(n, 'ns');
    expect(g.downstream(k('base'))).toEqual([k('left'), k('right'), k('side'), k('top')]);
    expect(g.rootCauses(k('top'))).toEqual([k('base')]);
    // side is blocked by base too, but top does not depend on it: not part of top's plan.
    expect(fixChainPlan(g, k('top')).map((r) => r.name)).toEqual(['base', 'left', 'right', 'top']);
    expect(blockedBy(g, k('base'))).toEqual([k('left'), k('right'), k('side'), k('top')]);
  });

  it('returns several root causes furthest first', () => {
    const g = buildDependencyGraph([
      hr('far', 'failed', [], 'ns'),
      hr('mid', 'waiting', ['far'], 'ns'),
      hr('near', 'failed', [], 'ns'),
      hr('app', 'waiting', ['mid', 'near'], 'ns'),
    ]);
    expect(g.rootCauses(key('app', 'ns'))).toEqual([key('far', 'ns'), key('near', 'ns')]);
  });

  it('handles a long chain without recursion limits', () => {
    const n = 20_000;
    const rows = Array.from({ length: n }, (_, i) =>
      hr(`n${i}`, i === 0 ? 'failed' : 'waiting', i ? [`n${i - 1}`] : [], 'x'),
    );
    const g = buildDependencyGraph(rows);
    expect(g.rootCauses(key(`n${n - 1}`, 'x'))).toEqual([key('n0', 'x')]);
    expect(g.downstream(key('n0', 'x'))).toHaveLength(n - 1);
    expect(g.cycles()).toEqual([]);
  });

  it('is empty for no rows', () => {
    const g = buildDependencyGraph([]);
    expect(g.cycles()).toEqual([]);
    expect(g.dependencies('x')).toEqual([]);
    expect(g.missing('x')).toEqual([]);
    expect(g.isChainRoot('x')).toBe(false);
  });
});

describe('failingSource', () => {
  const source = { kind: 'GitRepository' as const, namespace: 'flux-system', name: 'broken-repo' };
  const withSource = (row: StatusRow): StatusRow => ({ ...row, source });
  const repo = (ready: boolean): StatusRow => ({
    ...hr('broken-repo', ready ? 'ready' : 'failed', [], 'flux-system'),
    ref: source,
    key: 'GitRepository/flux-system/broken-repo',
  });

  it('names the source a not-ready object pulls from when that source is not ready', () => {
    const rows = new Map([[repo(false).key, repo(false)]]);
    expect(failingSource(withSource(hr('apps', 'failed')), (k) => rows.get(k))?.ref).toEqual(source);
  });

  it('is undefined when the object is ready, the source is ready, or the source is not known', () => {
    const bad = new Map([[repo(false).key, repo(false)]]);
    const good = new Map([[repo(true).key, repo(true)]]);
    expect(failingSource(withSource(hr('apps', 'ready')), (k) => bad.get(k))).toBeUndefined();
    expect(failingSource(withSource(hr('apps', 'failed')), (k) => good.get(k))).toBeUndefined();
    expect(failingSource(withSource(hr('apps', 'failed')), () => undefined)).toBeUndefined();
    expect(failingSource(hr('apps', 'failed'), (k) => bad.get(k))).toBeUndefined();
  });
});
