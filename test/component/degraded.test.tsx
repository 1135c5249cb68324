// The Failing view lists a Ready Kustomization whose Deployment is stuck — STATUS Degraded, the cause in
// MESSAGE, FAILING FOR from when the workload went unhealthy, counted in the header — and drops it when the
// workload recovers; what it cannot read (Deployments forbidden) it says, instead of pretending all is well.
import { describe, expect, it } from 'vitest';
import { judgeWorkload, workloadVerdict } from '../../src/flux/workload-health.js';
import type { ClusterSnapshot } from '../../src/kube/port.js';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { KEYS, lineWith, press, waitForFrame } from '../support/ink.js';
import { NOW } from '../support/runbook-rows.js';

const setup = appRenderer({ columns: 160, rows: 30 });
const MIN = 60_000;
const ago = (minutes: number) => new Date(NOW - minutes * MIN).toISOString();

const api = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'apps', generation: 2 },
  spec: { replicas: 2, progressDeadlineSeconds: 600 },
  status: {
    observedGeneration: 2,
    replicas: 3,
    updatedReplicas: 1,
    readyReplicas: 2,
    availableReplicas: 2,
    conditions: [
      { type: 'Available', status: 'True', lastTransitionTime: ago(600) },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: ago(22) },
    ],
  },
};

function workloads(pods: boolean): NonNullable<ClusterSnapshot['workloads']> {
  const judged = judgeWorkload(api, {
    now: NOW,
    ...(pods
      ? {
          pods: {
            cause: { reason: 'ImagePullBackOff', message: 'Back-off pulling image', pod: 'api-7d9-x' },
            since: NOW - 21 * MIN,
          },
        }
      : {}),
  });
  const verdict = workloadVerdict([judged], NOW);
  return {
    watches: [],
    owners: new Map(verdict ? [['Kustomization/flux-system/apps', verdict]] : []),
    unexplained: 0,
  };
}

const rows = () => [
  makeRow({ kind: 'Kustomization', name: 'apps' }),
  makeRow({ kind: 'Kustomization', name: 'infra' }),
  makeRow({
    kind: 'HelmRelease',
    name: 'kyverno',
    namespace: 'kyverno',
    health: 'Failed',
    failingSince: ago(40),
  }),
];

describe('Degraded in the Failing view', () => {
  it('lists a Ready Kustomization whose Deployment is stuck, with the cause, and drops it once the Deployment recovers', async () => {
    const port = new FakePort(rows());
    port.setWorkloads(workloads(true));
    const { lastFrame, stdin } = setup(port);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)') && f.includes('Degraded'));
    const row = lineWith(frame, ' apps ');
    expect(row).toMatch(/Kustomization\s+flux-system\s+apps\s+Degraded\s+22m !/);
    // The reason first: what a MESSAGE cut short still shows.
    expect(row).toContain('ImagePullBackOff: Deployment apps/api — 1 of 1 managed work');
    expect(frame).not.toContain('infra');
    expect(frame).toMatch(/ready 1 {2}failing 2 /);

    // Longest failing first: kyverno (40m), then apps (22m).
    await press(stdin, KEYS.down);
    await press(stdin, KEYS.enter);
    const details = await waitForFrame(lastFrame, (f) => f.includes('[Overview]'));
    expect(details).toContain('Kustomization/flux-system/apps  Degraded  failing for 22m !');
    expect(details).toMatch(/Flux reports it Ready, but its workloads are not/);
    await press(stdin, KEYS.esc);

    // Rolled out: the Deployment is Current, no verdict, the row leaves the Failing view.
    port.setWorkloads({ watches: [], owners: new Map(), unexplained: 0 });
    const after = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)') && !f.includes('Degraded'));
    expect(after).not.toMatch(/ apps /);
    expect(after).toContain('kyverno');
  });

  it('a rollout still within its progress deadline, without a reason from its pods, is not listed', async () => {
    const port = new FakePort(rows());
    const young = {
      ...api,
      status: {
        ...api.status,
        conditions: [
          { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: ago(2) },
        ],
      },
    };
    const verdict = workloadVerdict([judgeWorkload(young, { now: NOW })], NOW);
    port.setWorkloads({
      watches: [],
      owners: new Map(verdict ? [['Kustomization/flux-system/apps', verdict]] : []),
      unexplained: 0,
    });
    const { lastFrame } = setup(port);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)') && f.includes('kyverno'));
    expect(frame).not.toContain('Degraded');
  });

  it('says when Deployments cannot be listed: a Degraded owner there would not show', async () => {
    const port = new FakePort(rows());
    port.setWorkloads({
      watches: [
        {
          kind: 'Deployment',
          owner: 'Kustomization',
          state: {
            phase: 'forbidden',
            message: 'deployments.apps is forbidden',
            scope: 'at the cluster scope',
          },
        },
        { kind: 'StatefulSet', owner: 'Kustomization', state: { phase: 'ready', apiVersion: 'apps/v1' } },
      ],
      owners: new Map(),
      unexplained: 0,
    });
    const { lastFrame } = setup(port);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('cannot list deployments'));
    expect(frame).toContain(
      'your user cannot list deployments at the cluster scope: a Ready Kustomization or HelmRelease whose workloads fail there is not shown as Degraded',
    );
  });
});
