// A Ready owner whose workloads are not (docs/inventory.md, "Degraded"): each workload judged (stuck at
// once, or InProgress past its grace), the owner's verdict and its sentence, and the row laid over.
import { describe, expect, it } from 'vitest';
import { notReadyCausesFirst } from '../../src/flux/not-ready.js';
import { podCause, podUnreadySince } from '../../src/flux/pod-cause.js';
import { degradedObject, deriveStatusObject } from '../../src/flux/status-object.js';
import {
  degradedRow,
  goneWorkload,
  inventoryWorkloads,
  judgeWorkload,
  ownerFromLabels,
  workloadVerdict,
} from '../../src/flux/workload-health.js';
import { makeRow } from '../support/fake-port.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function deployment(name: string, status: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'apps',
      generation: 1,
      labels: {
        'kustomize.toolkit.fluxcd.io/name': 'apps',
        'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
      },
    },
    spec: { replicas: 2, progressDeadlineSeconds: 600, ...spec },
    status: { observedGeneration: 1, ...status },
  };
}

const available = (at: number) => ({
  replicas: 2,
  updatedReplicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
  conditions: [
    { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastTransitionTime: iso(at) },
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: iso(at) },
  ],
});

/** A rollout whose new pods do not become ready: the old ReplicaSet still serves. */
const rolling = (lastProgress: number) => ({
  replicas: 3,
  updatedReplicas: 1,
  readyReplicas: 2,
  availableReplicas: 2,
  conditions: [
    {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      lastUpdateTime: iso(lastProgress),
      lastTransitionTime: iso(lastProgress - 60 * MIN),
    },
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', lastTransitionTime: iso(0) },
  ],
});

const pullBackOff = {
  cause: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"', pod: 'api-1' },
  since: NOW - 6 * MIN,
};

describe('judging a workload', () => {
  it('a rolled-out Deployment is Current and never counts', () => {
    const j = judgeWorkload(deployment('api', available(0)), { now: NOW });
    expect(j).toMatchObject({ health: { status: 'Current' }, stuck: false });
    expect(j.since).toBeUndefined();
  });

  it('a rollout whose pods say ImagePullBackOff is stuck at once, since the last progress', () => {
    const j = judgeWorkload(deployment('api', rolling(NOW - 2 * MIN)), { now: NOW, pods: pullBackOff });
    expect(j).toMatchObject({
      health: { status: 'InProgress' },
      cause: { reason: 'ImagePullBackOff' },
      stuck: true,
      since: NOW - 6 * MIN,
      sinceLowerBound: false,
    });
    expect(j.graceEndsAt).toBeUndefined();
  });

  it('a rollout with no reason from its pods is a rollout until its progress deadline passes', () => {
    const j = judgeWorkload(deployment('api', rolling(NOW - 2 * MIN)), { now: NOW });
    expect(j).toMatchObject({ stuck: false, since: NOW - 2 * MIN, graceEndsAt: NOW + 8 * MIN });
    expect(workloadVerdict([j], NOW)).toMatchObject({ degraded: false, recheckAt: NOW + 8 * MIN });
    expect(workloadVerdict([j], NOW + 8 * MIN)).toMatchObject({ degraded: true, since: iso(NOW - 2 * MIN) });
  });

  it('ErrImagePull, the first failed pull, waits for the grace; Unschedulable too', () => {
    for (const reason of ['ErrImagePull', 'Unschedulable']) {
      const j = judgeWorkload(deployment('api', rolling(NOW)), {
        now: NOW,
        pods: { cause: { reason, message: '', pod: 'api-1' } },
      });
      expect(j.stuck).toBe(false);
    }
  });

  it('a Deployment past its progress deadline is Failed and stuck; one that lost availability counts from then', () => {
    const failed = deployment('api', {
      ...rolling(NOW),
      conditions: [
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          lastTransitionTime: iso(NOW - 3 * MIN),
        },
      ],
    });
    expect(judgeWorkload(failed, { now: NOW })).toMatchObject({
      health: { status: 'Failed' },
      stuck: true,
      since: NOW - 3 * MIN,
    });
    const crashing = deployment('api', {
      ...available(0),
      readyReplicas: 0,
      availableReplicas: 0,
      conditions: [
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastTransitionTime: iso(0) },
        {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          lastTransitionTime: iso(NOW - 52 * MIN),
        },
      ],
    });
    const crash = { cause: { reason: 'CrashLoopBackOff', message: '', pod: 'api-2' }, since: NOW - 50 * MIN };
    expect(judgeWorkload(crashing, { now: NOW, pods: crash })).toMatchObject({
      stuck: true,
      since: NOW - 52 * MIN,
    });
  });

  it('a StatefulSet, which says nothing of since when, counts from when the console first saw it (a lower bound)', () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'apps' },
      spec: { replicas: 3 },
      status: { replicas: 3, readyReplicas: 1, currentReplicas: 3, updatedReplicas: 3 },
    };
    const j = judgeWorkload(sts, { now: NOW, firstSeenAt: NOW - 11 * MIN });
    expect(j).toMatchObject({
      health: { status: 'InProgress' },
      since: NOW - 11 * MIN,
      sinceLowerBound: true,
    });
    expect(workloadVerdict([j], NOW)).toMatchObject({ degraded: true, sinceLowerBound: true });
  });
});

describe('an owner’s verdict', () => {
  it('names the reasons first, worst first, and counts the workloads judged', () => {
    const items = [
      judgeWorkload(deployment('web', available(0)), { now: NOW }),
      judgeWorkload(deployment('api', rolling(NOW - MIN)), { now: NOW, pods: pullBackOff }),
      goneWorkload({ kind: 'Deployment', namespace: 'apps', name: 'worker' }, NOW - 4 * MIN, false),
    ];
    expect(workloadVerdict(items, NOW)).toMatchObject({
      degraded: true,
      message:
        'NotFound (deleted?): Deployment apps/worker, ImagePullBackOff: Deployment apps/api — 2 of 3 managed workloads not ready',
      since: iso(NOW - 6 * MIN),
      sinceLowerBound: false,
      notReady: 2,
      total: 3,
    });
  });

  it('has nothing to say when every workload is Current', () => {
    expect(
      workloadVerdict([judgeWorkload(deployment('web', available(0)), { now: NOW })], NOW),
    ).toBeUndefined();
  });

  it('names three and counts the rest', () => {
    const gone = ['a', 'b', 'c', 'd'].map((name) =>
      goneWorkload({ kind: 'Deployment', namespace: 'apps', name }, NOW, true),
    );
    expect(notReadyCausesFirst(gone, 'managed workload', 14)).toBe(
      'NotFound (deleted?): Deployment apps/a, NotFound (deleted?): Deployment apps/b, NotFound (deleted?): Deployment apps/c and 1 more — 4 of 14 managed workloads not ready',
    );
  });
});

describe('the row and the document object laid over', () => {
  const verdict = workloadVerdict(
    [judgeWorkload(deployment('api', rolling(NOW - MIN)), { now: NOW, pods: pullBackOff })],
    NOW,
  );

  it('a Ready owner reads Degraded, READY still True, FAILING FOR from the workload', () => {
    const row = makeRow({ kind: 'Kustomization', name: 'apps' });
    expect(degradedRow(row, verdict)).toMatchObject({
      ready: 'True',
      health: 'Degraded',
      message: 'ImagePullBackOff: Deployment apps/api — 1 of 1 managed workload not ready',
      failingSince: iso(NOW - 6 * MIN),
      failingSinceLowerBound: false,
    });
  });

  it('an owner that is itself failing, reconciling or suspended keeps its own row', () => {
    for (const health of ['Failed', 'Reconciling', 'Suspended'] as const) {
      const row = makeRow({ kind: 'Kustomization', name: 'apps', health });
      expect(degradedRow(row, verdict)).toBe(row);
    }
  });

  it('a verdict that does not count yet changes nothing', () => {
    const row = makeRow({ kind: 'Kustomization', name: 'apps' });
    const young = workloadVerdict([judgeWorkload(deployment('api', rolling(NOW)), { now: NOW })], NOW);
    expect(degradedRow(row, young)).toBe(row);
  });

  it('the status document gets health Degraded and the cause', () => {
    const object = deriveStatusObject('Kustomization', {
      metadata: { name: 'apps', namespace: 'flux-system', generation: 1 },
      status: {
        observedGeneration: 1,
        conditions: [
          { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'Applied' },
        ],
      },
    });
    if (!object) throw new Error('no object');
    expect(degradedObject(object, verdict)).toMatchObject({
      ready: 'True',
      health: 'Degraded',
      message: 'Applied',
      degraded: { notReady: 1, total: 1, since: iso(NOW - 6 * MIN), sinceLowerBound: false },
    });
    expect(degradedObject(object, undefined)).toBe(object);
  });
});

describe('what ties a workload to its owner', () => {
  it('the Flux labels name the owner; without both, none', () => {
    expect(ownerFromLabels(deployment('api', {}), 'Kustomization')).toBe('Kustomization/flux-system/apps');
    expect(ownerFromLabels(deployment('api', {}), 'HelmRelease')).toBeUndefined();
    const helm = { metadata: { labels: { 'helm.toolkit.fluxcd.io/name': 'dns' } } };
    expect(ownerFromLabels(helm, 'HelmRelease')).toBeUndefined();
  });

  it('the inventory’s workload entries, the rest skipped', () => {
    const ks = {
      status: {
        inventory: {
          entries: [
            { id: 'apps_api__Service', v: 'v1' },
            { id: 'apps_api_apps_Deployment', v: 'v1' },
            { id: 'apps_db_apps_StatefulSet', v: 'v1' },
            { id: 'apps_x_apps_ReplicaSet', v: 'v1' },
            { id: '_cluster_apps_Deployment', v: 'v1' },
          ],
        },
      },
    };
    expect(inventoryWorkloads(ks)).toEqual([
      { kind: 'Deployment', namespace: 'apps', name: 'api' },
      { kind: 'StatefulSet', namespace: 'apps', name: 'db' },
    ]);
  });
});

describe('why a pod is not ready', () => {
  it('an unschedulable pod says so, and since when it is not ready', () => {
    const pod = {
      metadata: { name: 'db-0', creationTimestamp: iso(NOW - 9 * MIN) },
      status: {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available',
          },
          { type: 'Ready', status: 'False', lastTransitionTime: iso(NOW - 8 * MIN) },
        ],
      },
    };
    expect(podCause(pod)).toEqual({
      reason: 'Unschedulable',
      message: '0/3 nodes are available',
      pod: 'db-0',
    });
    expect(podUnreadySince(pod)).toBe(NOW - 8 * MIN);
    expect(podUnreadySince({ metadata: { creationTimestamp: iso(NOW) } })).toBe(NOW);
  });
});
