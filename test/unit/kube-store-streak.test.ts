// The live store remembers each object's failure streak: FAILING FOR, its `!` and the header's count past
// the alert threshold follow the streak, not Ready's lastTransitionTime, which a real kustomize-controller
// moves at the start and end of every attempt.
import { describe, expect, it } from 'vitest';
import type { StatusRow } from '../../src/flux/types.js';
import { countRows } from '../../src/hooks/use-summary.js';
import type { Timers } from '../../src/kube/backoff.js';
import { LiveStore } from '../../src/kube/store.js';

const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };
const T = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString().replace('.000Z', 'Z');
const KEY = 'Kustomization/flux-system/apps';
const THRESHOLD = 15 * 60_000;

let rv = 0;
function kustomization(status: 'True' | 'False' | 'Unknown', minute: number) {
  rv += 1;
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: 'apps',
      namespace: 'flux-system',
      resourceVersion: String(rv),
      uid: 'uid-apps',
      generation: 1,
    },
    spec: { interval: '10m', sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    status: {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Ready',
          status,
          reason: { True: 'ReconciliationSucceeded', False: 'BuildFailed', Unknown: 'Progressing' }[status],
          message: status === 'Unknown' ? 'Reconciliation in progress' : 'kustomize build failed',
          lastTransitionTime: T(minute),
        },
      ],
    },
  };
}

function warning(uid: string, reason: string, first: number, last: number, count: number) {
  return {
    metadata: { name: `apps.${uid}`, namespace: 'flux-system', uid, resourceVersion: uid },
    involvedObject: { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
    type: 'Warning',
    reason,
    message: 'kustomize build failed',
    firstTimestamp: T(first),
    lastTimestamp: T(last),
    count,
    source: { component: 'kustomize-controller' },
  };
}

function setup() {
  const s = new LiveStore({ now: () => Date.parse(T(59)), timers: idleTimers });
  const kinds = s.kindSink('Kustomization');
  kinds.state({ phase: 'ready', apiVersion: 'kustomize.toolkit.fluxcd.io/v1' });
  const row = (): StatusRow | undefined => {
    s.flush();
    return s.getSnapshot().kinds.get('Kustomization')?.rows.get(KEY);
  };
  return { s, kinds, row };
}

describe('live store failure streak', () => {
  it('keeps FAILING FOR across retries and a requested reconcile, with the alert count following it', () => {
    const { kinds, row } = setup();
    kinds.reset([kustomization('True', 0)], '');
    expect(row()?.failingSince).toBe('');
    const seen: string[] = [];
    for (const [status, minute] of [
      ['Unknown', 10],
      ['False', 11],
      ['Unknown', 16], // retry
      ['False', 17],
      ['Unknown', 29], // reconcile requested
      ['False', 30],
    ] as const) {
      kinds.event('MODIFIED', kustomization(status, minute));
      const r = row();
      seen.push(`${r?.failingSince} ${r?.failingSinceLowerBound}`);
    }
    expect(seen).toEqual(Array(6).fill(`${T(10)} false`));
    // 10:31 with Ready's transition at 10:30: failing for 21 minutes, past the 15-minute threshold.
    const counts = countRows([row() as StatusRow], Date.parse(T(31)), THRESHOLD);
    expect(counts.alerting).toBe(1);

    kinds.event('MODIFIED', kustomization('True', 40));
    expect(row()?.failingSince).toBe('');
    kinds.event('MODIFIED', kustomization('Unknown', 50));
    expect(row()?.failingSince).toBe(T(50));
  });

  it("marks a streak it found already running as a lower bound, refined by the failure's events", () => {
    const { s, kinds, row } = setup();
    kinds.reset([kustomization('False', 40)], '');
    expect(row()).toMatchObject({ failingSince: T(40), failingSinceLowerBound: true });
    expect(countRows([row() as StatusRow], Date.parse(T(50)), THRESHOLD).alerting).toBe(0);

    const events = s.eventSink();
    events.reset([warning('e1', 'BuildFailed', 5, 39, 12)], '');
    expect(row()).toMatchObject({ failingSince: T(5), failingSinceLowerBound: true });
    expect(countRows([row() as StatusRow], Date.parse(T(50)), THRESHOLD).alerting).toBe(1);

    // The next retry's Unknown and False do not take it back.
    kinds.event('MODIFIED', kustomization('Unknown', 45));
    kinds.event('MODIFIED', kustomization('False', 46));
    expect(row()).toMatchObject({ failingSince: T(5), failingSinceLowerBound: true });
    // An event of another failure does not move it.
    events.event('ADDED', warning('e2', 'HealthCheckFailed', 1, 47, 3));
    expect(row()?.failingSince).toBe(T(5));
  });

  it('uses events that arrived before the object', () => {
    const { s, kinds, row } = setup();
    s.eventSink().reset([warning('e1', 'BuildFailed', 7, 39, 4)], '');
    kinds.reset([kustomization('False', 40)], '');
    expect(row()).toMatchObject({ failingSince: T(7), failingSinceLowerBound: true });
  });

  it('forgets a deleted object: one created again under its name starts afresh', () => {
    const { kinds, row } = setup();
    kinds.reset([kustomization('True', 0)], '');
    expect(row()?.failingSince).toBe('');
    kinds.event('MODIFIED', kustomization('False', 10));
    expect(row()?.failingSinceLowerBound).toBe(false);
    kinds.event('DELETED', kustomization('False', 10));
    kinds.event('ADDED', kustomization('False', 20));
    expect(row()).toMatchObject({ failingSince: T(20), failingSinceLowerBound: true });
  });
});

describe('live store transitions', () => {
  it('publishes the settled verdict changes it saw, not each retry, and forgets a deleted object', () => {
    const { s, kinds } = setup();
    kinds.reset([kustomization('True', 0)], '');
    s.flush();
    for (const [status, minute] of [
      ['Unknown', 10],
      ['False', 11],
      ['Unknown', 16],
      ['False', 17],
      ['Unknown', 29],
      ['True', 30],
    ] as const) {
      // One published batch per version, as 100 ms batching gives versions a minute apart.
      kinds.event('MODIFIED', kustomization(status, minute));
      s.flush();
    }
    const { transitions } = s.getSnapshot();
    expect(transitions.map((t) => `${t.key} ${t.from.ready}→${t.to.ready} ${t.to.reason}`)).toEqual([
      `${KEY} True→False BuildFailed`,
      `${KEY} False→True `,
    ]);
    kinds.event('DELETED', kustomization('True', 30));
    kinds.event('ADDED', kustomization('False', 31));
    s.flush();
    expect(s.getSnapshot().transitions).toHaveLength(2);
  });
});
