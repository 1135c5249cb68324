// kstatus's rules (kubernetes-sigs/cli-utils pkg/kstatus/status), case by case.
import { describe, expect, it } from 'vitest';
import { computeKStatus } from '../../src/flux/kstatus.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const deployment = (status: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'apps', generation: 2 },
  spec: { replicas: 2, progressDeadlineSeconds: 600, ...spec },
  status: { observedGeneration: 2, ...status },
});
const healthy = {
  replicas: 2,
  updatedReplicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
  conditions: [
    { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
  ],
};

describe('kstatus', () => {
  it('a rolled-out Deployment is Current; a generation not yet observed is InProgress', () => {
    expect(computeKStatus(deployment(healthy), NOW)).toMatchObject({ status: 'Current' });
    expect(computeKStatus(deployment({ ...healthy, observedGeneration: 1 }), NOW)).toMatchObject({
      status: 'InProgress',
      reason: 'LatestGenerationNotObserved',
    });
  });

  it('a Deployment rolling out says which count is short, in kstatus order', () => {
    expect(computeKStatus(deployment({ ...healthy, updatedReplicas: 1 }), NOW)).toMatchObject({
      status: 'InProgress',
      reason: 'LessUpdated',
      message: 'Updated: 1/2',
    });
    expect(
      computeKStatus(deployment({ ...healthy, readyReplicas: 1, availableReplicas: 2 }), NOW),
    ).toMatchObject({
      reason: 'LessReady',
      message: 'Ready: 1/2',
    });
    expect(computeKStatus(deployment({ ...healthy, replicas: 3 }), NOW)).toMatchObject({
      reason: 'ExtraPods',
    });
  });

  it('a Deployment past its progress deadline has Failed', () => {
    const stuck = {
      ...healthy,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    };
    expect(computeKStatus(deployment(stuck), NOW)).toMatchObject({
      status: 'Failed',
      reason: 'ProgressDeadlineExceeded',
    });
  });

  it('pods: crash-looping Failed, pending InProgress, unschedulable Failed after 15 s', () => {
    const running = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', creationTimestamp: '2026-01-01T11:00:00Z' },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    };
    expect(computeKStatus(running, NOW)).toMatchObject({ status: 'Failed', reason: 'ContainerCrashLooping' });
    const unschedulable = (created: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', creationTimestamp: created },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      },
    });
    expect(computeKStatus(unschedulable('2026-01-01T11:59:55Z'), NOW).status).toBe('InProgress');
    expect(computeKStatus(unschedulable('2026-01-01T11:59:00Z'), NOW).status).toBe('Failed');
    const imagePull = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      status: {
        phase: 'Pending',
        containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ImagePullBackOff' } } }],
      },
    };
    expect(computeKStatus(imagePull, NOW)).toMatchObject({ status: 'InProgress', reason: 'PodPending' });
  });

  it('Jobs, PVCs, StatefulSets, DaemonSets, CRDs and custom resources', () => {
    expect(
      computeKStatus(
        { apiVersion: 'batch/v1', kind: 'Job', status: { conditions: [{ type: 'Failed', status: 'True' }] } },
        NOW,
      ).status,
    ).toBe('Failed');
    expect(
      computeKStatus({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', status: { phase: 'Pending' } }, NOW),
    ).toMatchObject({
      status: 'InProgress',
      reason: 'NotBound',
    });
    expect(
      computeKStatus(
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          spec: { replicas: 3 },
          status: { replicas: 3, readyReplicas: 2 },
        },
        NOW,
      ),
    ).toMatchObject({ reason: 'LessReady', message: 'Ready: 2/3' });
    expect(
      computeKStatus(
        { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { generation: 1 }, status: {} },
        NOW,
      ),
    ).toMatchObject({ reason: 'NoObservedGeneration' });
    expect(computeKStatus({ apiVersion: 'example.com/v1', kind: 'Widget', status: {} }, NOW).status).toBe(
      'Current',
    );
    expect(
      computeKStatus(
        {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Broken', message: 'no' }] },
        },
        NOW,
      ),
    ).toMatchObject({ status: 'InProgress', reason: 'Broken' });
    expect(
      computeKStatus(
        {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          status: { conditions: [{ type: 'Stalled', status: 'True' }] },
        },
        NOW,
      ).status,
    ).toBe('Failed');
    expect(
      computeKStatus(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' } },
        NOW,
      ).status,
    ).toBe('Terminating');
    expect(computeKStatus('garbage', NOW).status).toBe('Unknown');
  });
});
