import { describe, expect, it } from 'vitest';
import type { Timers } from '../../src/kube/backoff.js';
import { connectionOf, LiveStore } from '../../src/kube/store.js';
import { manualTimers } from '../support/manual-timers.js';

const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

function helmRelease(name: string, rv: string, ready: 'True' | 'False', message = 'ok') {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name, namespace: 'apps', resourceVersion: rv, uid: `uid-${name}`, generation: 1 },
    spec: {
      interval: '5m',
      chart: { spec: { chart: name, sourceRef: { kind: 'HelmRepository', name: 'repo' } } },
    },
    status: {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Ready',
          status: ready,
          reason: ready === 'True' ? 'UpgradeSucceeded' : 'UpgradeFailed',
          message,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    },
  };
}

function store() {
  return new LiveStore({ now: () => 0, timers: idleTimers });
}

describe('live store', () => {
  it('counts silence from its start until a first watch event, then from the last event', () => {
    let now = 5_000;
    const s = new LiveStore({ now: () => now, timers: idleTimers });
    expect(s.getSnapshot().lastEventAt).toBe(5_000);
    now = 9_000;
    s.kindSink('HelmRelease').event('ADDED', helmRelease('a', '1', 'True'));
    s.flush();
    expect(s.getSnapshot().lastEventAt).toBe(9_000);
  });

  it('publishes derived rows per kind and keeps unchanged snapshots identical', () => {
    const s = store();
    const sink = s.kindSink('HelmRelease');
    sink.state({ phase: 'ready', apiVersion: 'helm.toolkit.fluxcd.io/v2' });
    sink.reset(
      [helmRelease('kyverno', '1', 'False', 'upgrade failed'), helmRelease('velero', '2', 'True')],
      '',
    );
    s.flush();
    const first = s.getSnapshot();
    expect(first.revision).toBe(1);
    const rows = first.kinds.get('HelmRelease')?.rows;
    expect(rows?.get('HelmRelease/apps/kyverno')?.message).toBe('upgrade failed');
    expect(rows?.get('HelmRelease/apps/velero')?.ready).toBe('True');
    s.flush();
    expect(s.getSnapshot()).toBe(first);
    // The same version again (a replayed watch event) is no change at all.
    sink.event('MODIFIED', helmRelease('velero', '2', 'True'));
    s.flush();
    expect(s.getSnapshot()).toBe(first);
  });

  it('derives a row once per object version and reuses it across a relist', () => {
    const s = store();
    const sink = s.kindSink('HelmRelease');
    sink.reset([helmRelease('a', '1', 'True'), helmRelease('b', '1', 'True')], '');
    s.flush();
    const before = s.getSnapshot();
    const ks = before.kinds.get('Kustomization');
    sink.reset([helmRelease('a', '1', 'True'), helmRelease('b', '2', 'False', 'broken')], '');
    s.flush();
    const after = s.getSnapshot();
    const rowsBefore = before.kinds.get('HelmRelease')?.rows;
    const rowsAfter = after.kinds.get('HelmRelease')?.rows;
    expect(rowsAfter?.get('HelmRelease/apps/a')).toBe(rowsBefore?.get('HelmRelease/apps/a'));
    expect(rowsAfter?.get('HelmRelease/apps/b')?.message).toBe('broken');
    // The previous snapshot is immutable, and kinds that did not change keep their slice.
    expect(rowsBefore?.get('HelmRelease/apps/b')?.message).toBe('ok');
    expect(after.kinds.get('Kustomization')).toBe(ks);
  });

  it('a relist replaces everything: objects deleted meanwhile disappear', () => {
    const s = store();
    const sink = s.kindSink('HelmRelease');
    sink.reset([helmRelease('a', '1', 'True'), helmRelease('ghost', '1', 'True')], '');
    sink.event('DELETED', helmRelease('a', '3', 'True'));
    sink.reset([helmRelease('b', '5', 'True')], '');
    s.flush();
    expect([...(s.getSnapshot().kinds.get('HelmRelease')?.rows.keys() ?? [])]).toEqual([
      'HelmRelease/apps/b',
    ]);
    expect([...(s.getSnapshot().kinds.get('HelmRelease')?.raw.keys() ?? [])]).toEqual(['HelmRelease/apps/b']);
  });

  it('keeps objects without managedFields, from a list and from a watch event, and leaves the rest alone', () => {
    const s = store();
    const sink = s.kindSink('HelmRelease');
    const managed = (name: string, rv: string) => {
      const o = helmRelease(name, rv, 'True');
      return {
        ...o,
        metadata: { ...o.metadata, managedFields: [{ manager: 'helm-controller', fieldsV1: {} }] },
      };
    };
    sink.reset([managed('listed', '1'), helmRelease('plain', '1', 'True')], '');
    sink.event('ADDED', managed('watched', '2'));
    s.flush();
    const raw = s.getSnapshot().kinds.get('HelmRelease')?.raw;
    for (const name of ['listed', 'watched']) {
      const metadata = raw?.get(`HelmRelease/apps/${name}`)?.['metadata'] as Record<string, unknown>;
      expect(metadata).not.toHaveProperty('managedFields');
      expect(metadata).toMatchObject({ name, namespace: 'apps', uid: `uid-${name}` });
    }
    expect(raw?.get('HelmRelease/apps/plain')?.['metadata']).toEqual(
      helmRelease('plain', '1', 'True').metadata,
    );
    expect(s.getSnapshot().kinds.get('HelmRelease')?.rows.get('HelmRelease/apps/watched')?.ready).toBe(
      'True',
    );
  });

  it('keeps only events about Flux objects, newest N, oldest first', () => {
    const s = new LiveStore({ now: () => 0, timers: idleTimers, eventLimit: 2 });
    const event = (uid: string, kind: string, at: string) => ({
      metadata: { uid, name: uid, namespace: 'apps' },
      involvedObject: { kind, name: 'x', namespace: 'apps' },
      type: 'Warning',
      reason: 'UpgradeFailed',
      message: 'boom',
      lastTimestamp: at,
      count: 2,
      source: { component: 'helm-controller' },
    });
    const sink = s.eventSink();
    sink.reset(
      [
        event('1', 'HelmRelease', '2026-01-01T00:00:01Z'),
        event('2', 'Pod', '2026-01-01T00:00:02Z'),
        event('3', 'Kustomization', '2026-01-01T00:00:03Z'),
      ],
      '',
    );
    sink.event('ADDED', event('4', 'GitRepository', '2026-01-01T00:00:04Z'));
    s.flush();
    const items = s.getSnapshot().events.items;
    expect(items.map((e) => e.uid)).toEqual(['3', '4']);
    expect(items[1]).toMatchObject({
      type: 'Warning',
      count: 2,
      source: 'helm-controller',
      involved: { kind: 'GitRepository' },
    });
  });

  it('maps controller pods with restarts and a CrashLoopBackOff reason', () => {
    const s = store();
    s.podSink().reset(
      [
        {
          metadata: {
            name: 'helm-controller-abc12',
            namespace: 'flux-system',
            labels: { app: 'helm-controller' },
          },
          spec: { containers: [{ name: 'manager', image: 'ghcr.io/fluxcd/helm-controller:v1.5.0' }] },
          status: {
            phase: 'Running',
            conditions: [{ type: 'Ready', status: 'False' }],
            containerStatuses: [
              { name: 'manager', restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff' } } },
            ],
          },
        },
      ],
      '',
    );
    s.flush();
    expect(s.getSnapshot().pods.items).toEqual([
      expect.objectContaining({
        name: 'helm-controller-abc12',
        namespace: 'flux-system',
        controller: 'helm-controller',
        phase: 'Running',
        ready: false,
        restarts: 7,
        waitingReason: 'CrashLoopBackOff',
        createdAt: '',
        image: 'ghcr.io/fluxcd/helm-controller:v1.5.0',
        container: 'manager',
        resources: { requests: {}, limits: {} },
      }),
    ]);
    expect(s.getSnapshot().pods.items[0]?.lastTermination).toBeUndefined();
  });

  it('derives the connection from every watch state', () => {
    const ready = { phase: 'ready', apiVersion: 'v1' } as const;
    const down = { phase: 'disconnected', since: 5, message: 'x' } as const;
    const forbidden = { phase: 'forbidden', message: 'no' } as const;
    const notInstalled = { phase: 'not-installed', message: 'no CRD' } as const;
    expect(connectionOf([ready, notInstalled])).toBe('live');
    // Pods or events the user may not list do not hide Flux objects from the counts.
    expect(connectionOf([ready], [forbidden])).toBe('live');
    expect(connectionOf([ready, { phase: 'loading' }])).toBe('connecting');
    expect(connectionOf([ready, down])).toBe('degraded');
    expect(connectionOf([down, down, forbidden])).toBe('disconnected');
  });

  it('is never live while a Flux kind cannot be read: partial', () => {
    const ready = { phase: 'ready', apiVersion: 'v1' } as const;
    const forbidden = { phase: 'forbidden', message: 'no' } as const;
    const lagging = { phase: 'not-served-yet', since: 5, message: 'the API group x is not served' } as const;
    expect(connectionOf([ready, lagging], [ready, ready])).toBe('partial');
    expect(connectionOf([ready, forbidden], [ready])).toBe('partial');
    expect(connectionOf([lagging, lagging], [ready])).toBe('partial');
  });
});

describe('live store pacing', () => {
  const ready = { phase: 'ready', apiVersion: 'v1' } as const;
  const completions: [string, (s: LiveStore) => void][] = [
    ['a kind listed', (s) => s.kindSink('HelmRelease').reset([helmRelease('velero', '1', 'True')], '')],
    ['a kind watch ready', (s) => s.kindSink('Bucket').state(ready)],
    ['pods listed', (s) => s.podSink().reset([], '')],
    ['pods watch ready', (s) => s.podSink().state(ready)],
    ['events listed', (s) => s.eventSink().reset([], '')],
    ['events watch ready', (s) => s.eventSink().state(ready)],
  ];

  it.each(completions)('%s: published after the settle, not held to the interval', (_what, complete) => {
    const t = manualTimers();
    const s = new LiveStore({
      now: t.clock,
      timers: t.timers,
      clock: t.clock,
      intervalMs: 100,
      settleMs: 20,
    });
    const revisions: number[] = [];
    s.subscribe(() => revisions.push(t.clock()));
    s.kindSink('HelmRelease').event('ADDED', helmRelease('kyverno', '1', 'False'));
    t.advance(20);
    expect(revisions).toEqual([20]);
    // A watch event waits for the interval (due at 120) …
    s.kindSink('HelmRelease').event('MODIFIED', helmRelease('kyverno', '2', 'True'));
    t.advance(10);
    // … a completed listing or a watch state change does not (due at 50).
    complete(s);
    t.advance(19);
    expect(revisions).toEqual([20]);
    t.advance(1);
    expect(revisions).toEqual([20, 50]);
  });
});
