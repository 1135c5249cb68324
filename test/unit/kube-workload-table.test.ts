// The live workload table (src/kube/workload-table.ts) fed by hand, with manual timers: workloads grouped by
// their owner's labels, inventory entries gone confirmed by a GET (never a false NotFound when the kind
// cannot be read), the one grace timer, and the bounded pod watches it asks for.
import { describe, expect, it } from 'vitest';
import type { WorkloadRef } from '../../src/flux/workload-health.js';
import type { RawObject } from '../../src/kube/port.js';
import { MAX_POD_WATCHES, type PodWatchSpec, WorkloadTable } from '../../src/kube/workload-table.js';
import { kustomizeLabels, listedDeployment } from '../support/listed-workloads.js';
import { manualTimers } from '../support/manual-timers.js';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function rig(confirmAnswer: (ref: WorkloadRef) => RawObject | 'gone' | undefined = () => 'gone') {
  const t = manualTimers();
  t.advance(100 * MIN);
  const table = new WorkloadTable({ now: t.clock, timers: t.timers, changed: () => undefined });
  const asked: string[] = [];
  const pods: (readonly PodWatchSpec[])[] = [];
  table.connect(
    async (ref) => {
      asked.push(`${ref.kind}/${ref.namespace}/${ref.name}`);
      return confirmAnswer(ref);
    },
    (specs) => pods.push(specs),
  );
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      table.publish();
      await Promise.resolve();
      await Promise.resolve();
    }
    table.publish();
    return table.getSnapshot();
  };
  return { t, table, asked, pods, settle };
}

const labels = kustomizeLabels;
const deployment = listedDeployment;

const kustomization = (name: string, ids: string[]): RawObject => ({
  metadata: { name, namespace: 'flux-system' },
  status: { inventory: { entries: ids.map((id) => ({ id, v: 'v1' })) } },
});

const ready = { phase: 'ready', apiVersion: 'apps/v1' } as const;

describe('workload table', () => {
  it('groups the workloads by their owner label and judges only owners with one not ready', async () => {
    const { table, settle } = rig();
    const sink = table.sink('Deployment', 'Kustomization');
    sink.state(ready);
    sink.reset(
      [deployment('api', 'apps', false), deployment('web', 'apps', true), deployment('ok', 'infra', true)],
      'apps/v1',
    );
    const snap = await settle();
    expect([...snap.owners.keys()]).toEqual(['Kustomization/flux-system/apps']);
    // Not available for ten minutes, its progress deadline: it counts.
    expect(snap.owners.get('Kustomization/flux-system/apps')).toMatchObject({
      degraded: true,
      notReady: 1,
      total: 2,
      message: 'LessAvailable: Deployment apps/api — 1 of 2 managed workloads not ready',
    });
  });

  it('a crash-looping pod makes it count at once; recovery clears the verdict', async () => {
    const { table, settle, pods } = rig();
    const sink = table.sink('Deployment', 'Kustomization');
    sink.state(ready);
    sink.reset([deployment('api', 'apps', false)], 'apps/v1');
    await settle();
    expect(pods.at(-1)).toEqual([{ key: 'Deployment/apps/api', namespace: 'apps', selector: 'app=api' }]);
    table.podSink('Deployment/apps/api').reset(
      [
        {
          metadata: { name: 'api-1' },
          status: {
            phase: 'Running',
            containerStatuses: [
              { name: 'api', ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } },
            ],
          },
        },
      ],
      'v1',
    );
    let snap = await settle();
    expect(snap.owners.get('Kustomization/flux-system/apps')).toMatchObject({
      degraded: true,
      message: 'CrashLoopBackOff: Deployment apps/api — 1 of 1 managed workload not ready',
      since: iso(90 * MIN),
    });
    sink.event(
      'MODIFIED',
      deployment('api', 'apps', true, {
        metadata: { name: 'api', namespace: 'apps', labels: labels('apps'), resourceVersion: '2' },
      }),
    );
    snap = await settle();
    expect(snap.owners.size).toBe(0);
    expect(pods.at(-1)).toEqual([]);
  });

  it('an inventory entry missing from the watch is NotFound once a GET says 404 — not before, and not when unlabelled', async () => {
    const { table, settle, asked } = rig((ref) =>
      ref.name === 'relabelled'
        ? deployment('relabelled', 'x', true, { metadata: { name: 'relabelled', namespace: 'apps' } })
        : 'gone',
    );
    const sink = table.sink('Deployment', 'Kustomization');
    sink.state(ready);
    sink.reset([deployment('web', 'apps', true)], 'apps/v1');
    table.owner(
      'Kustomization/flux-system/apps',
      kustomization('apps', [
        'apps_web_apps_Deployment',
        'apps_api_apps_Deployment',
        'apps_relabelled_apps_Deployment',
      ]),
    );
    table.publish();
    expect(table.getSnapshot().owners.size).toBe(0);
    const snap = await settle();
    expect(asked.sort()).toEqual(['Deployment/apps/api', 'Deployment/apps/relabelled']);
    expect(snap.owners.get('Kustomization/flux-system/apps')).toMatchObject({
      degraded: true,
      message: 'NotFound (deleted?): Deployment apps/api — 1 of 3 managed workloads not ready',
      sinceLowerBound: true,
    });
  });

  it('a workload deleted while watched is NotFound since that moment', async () => {
    const { table, settle, t } = rig();
    const sink = table.sink('Deployment', 'Kustomization');
    sink.state(ready);
    sink.reset([deployment('api', 'apps', true)], 'apps/v1');
    table.owner('Kustomization/flux-system/apps', kustomization('apps', ['apps_api_apps_Deployment']));
    await settle();
    t.advance(MIN);
    sink.event('DELETED', deployment('api', 'apps', true));
    const snap = await settle();
    expect(snap.owners.get('Kustomization/flux-system/apps')).toMatchObject({
      degraded: true,
      since: iso(101 * MIN),
      sinceLowerBound: false,
    });
  });

  it('a kind it may not list judges nothing of that kind: no NotFound, no GET', async () => {
    const { table, settle, asked } = rig();
    const sink = table.sink('Deployment', 'Kustomization');
    sink.reset([], '');
    sink.state({
      phase: 'forbidden',
      message: 'deployments.apps is forbidden',
      scope: 'at the cluster scope',
    });
    table.owner('Kustomization/flux-system/apps', kustomization('apps', ['apps_api_apps_Deployment']));
    const snap = await settle();
    expect(snap.owners.size).toBe(0);
    expect(asked).toEqual([]);
    expect(snap.watches).toEqual([
      {
        kind: 'Deployment',
        owner: 'Kustomization',
        state: {
          phase: 'forbidden',
          message: 'deployments.apps is forbidden',
          scope: 'at the cluster scope',
        },
      },
    ]);
  });

  it('an InProgress workload without a reason counts when its grace ends: one timer, no polling', async () => {
    const { table, settle, t } = rig();
    const sink = table.sink('StatefulSet', 'Kustomization');
    sink.state(ready);
    sink.reset(
      [
        {
          metadata: { name: 'db', namespace: 'apps', labels: labels('apps') },
          spec: { replicas: 2 },
          status: { replicas: 2, readyReplicas: 1, currentReplicas: 2, updatedReplicas: 2 },
        },
      ],
      'apps/v1',
    );
    let snap = await settle();
    expect(snap.owners.get('Kustomization/flux-system/apps')).toMatchObject({ degraded: false });
    expect(t.pending()).toBe(1);
    t.advance(10 * MIN);
    snap = await settle();
    expect(snap.owners.get('Kustomization/flux-system/apps')).toMatchObject({
      degraded: true,
      since: iso(100 * MIN),
      sinceLowerBound: true,
    });
    expect(t.pending()).toBe(0);
  });

  it('watches the pods of at most MAX_POD_WATCHES workloads, and says how many it could not explain', async () => {
    const { table, settle, pods } = rig();
    const sink = table.sink('Deployment', 'Kustomization');
    sink.state(ready);
    const many = Array.from({ length: MAX_POD_WATCHES + 3 }, (_, i) => deployment(`w${i}`, 'apps', false));
    sink.reset(many, 'apps/v1');
    const snap = await settle();
    expect(pods.at(-1)).toHaveLength(MAX_POD_WATCHES);
    expect(snap.unexplained).toBe(3);
  });

  it('an owner deleted takes its verdict with it', async () => {
    const { table, settle } = rig();
    const sink = table.sink('Deployment', 'Kustomization');
    sink.state(ready);
    table.owner('Kustomization/flux-system/apps', kustomization('apps', ['apps_api_apps_Deployment']));
    expect((await settle()).owners.size).toBe(1);
    table.owner('Kustomization/flux-system/apps', undefined);
    expect((await settle()).owners.size).toBe(0);
  });
});
