import { describe, expect, it } from 'vitest';
import { LogRing } from '../../src/kube/log-ring.js';
import {
  bestPodForLogs,
  deploymentFor,
  deploymentSelector,
  matchesLabels,
  selectorString,
} from '../../src/kube/pod-pick.js';
import { logContainer } from '../../src/kube/pods.js';
import { StringPool } from '../../src/kube/string-pool.js';

function pod(
  name: string,
  opts: { phase?: string; ready?: boolean; restarts?: number; created?: string; deleting?: boolean } = {},
) {
  return {
    metadata: {
      name,
      creationTimestamp: opts.created ?? '2026-01-01T00:00:00Z',
      labels: { app: 'helm-controller' },
      ...(opts.deleting ? { deletionTimestamp: '2026-01-01T01:00:00Z' } : {}),
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'manager' }] },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: [
        {
          type: 'Ready',
          status: opts.ready === false ? 'False' : 'True',
          lastTransitionTime: opts.created ?? '2026-01-01T00:00:00Z',
        },
      ],
      containerStatuses: [{ name: 'manager', restartCount: opts.restarts ?? 0 }],
    },
  };
}

describe('which pod `flux logs` reads', () => {
  it('prefers running and ready pods, then the longer ready, and leaves terminating pods last', () => {
    expect(bestPodForLogs([pod('pending', { phase: 'Pending' }), pod('running')])?.metadata.name).toBe(
      'running',
    );
    expect(bestPodForLogs([pod('not-ready', { ready: false }), pod('ready')])?.metadata.name).toBe('ready');
    expect(
      bestPodForLogs([pod('newer', { created: '2026-01-02T00:00:00Z' }), pod('older')])?.metadata.name,
    ).toBe('older');
    expect(
      bestPodForLogs([pod('old', { deleting: true }), pod('new', { created: '2026-01-02T00:00:00Z' })])
        ?.metadata.name,
    ).toBe('new');
    expect(bestPodForLogs([])).toBeUndefined();
  });

  it('finds a controller Deployment and selects its pods by spec.selector.matchLabels', () => {
    const deployment = {
      metadata: { name: 'helm-controller', labels: { 'app.kubernetes.io/part-of': 'flux' } },
      spec: {
        selector: { matchLabels: { app: 'helm-controller' } },
        template: { metadata: { labels: { app: 'helm-controller', extra: 'x' } } },
      },
    };
    expect(deploymentFor([deployment], 'helm-controller')).toBe(deployment);
    expect(deploymentFor([deployment], 'kustomize-controller')).toBeUndefined();
    expect(selectorString(deploymentSelector(deployment))).toBe('app=helm-controller');
    expect(matchesLabels(pod('x'), deploymentSelector(deployment))).toBe(true);
  });

  it('reads the manager container when there are several', () => {
    expect(logContainer({ spec: { containers: [{ name: 'sidecar' }, { name: 'manager' }] } })).toBe(
      'manager',
    );
    expect(logContainer({ spec: { containers: [{ name: 'only' }] } })).toBe('only');
  });
});

describe('log ring buffer', () => {
  it('keeps the newest entries, oldest first, and an unchanged snapshot stays the same array', () => {
    const ring = new LogRing(3);
    const entry = (seq: number) => ({ seq, pod: 'p', controller: 'c', line: {} as never });
    for (let i = 1; i <= 10; i++) ring.push(entry(i));
    const snap = ring.snapshot();
    expect(snap.map((e) => e.seq)).toEqual([8, 9, 10]);
    expect(ring.snapshot()).toBe(snap);
  });
});

describe('string pool', () => {
  it('gives back the string it was given, holds each once, and starts afresh when full', () => {
    const pool = new StringPool(3);
    for (const s of ['a', 'b', 'a', 'c', 'b']) expect(pool.intern(s)).toBe(s);
    expect(pool.size).toBe(3);
    expect(pool.intern('d')).toBe('d');
    expect(pool.size).toBe(1);
  });

  it('leaves empty and long strings out (seldom repeated)', () => {
    const pool = new StringPool();
    const long = 'e'.repeat(300);
    expect(pool.intern(long)).toBe(long);
    expect(pool.intern('')).toBe('');
    expect(pool.size).toBe(0);
  });
});
