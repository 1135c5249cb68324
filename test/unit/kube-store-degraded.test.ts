// The store records a Kustomization or HelmRelease as the console shows it: Ready → Degraded when the
// workloads it manages stop being healthy, and back — but not before the workload watches have said what
// they hold, so a console's start (or a pod watch still listing) is not taken for a change it saw.
import { describe, expect, it } from 'vitest';
import type { Timers } from '../../src/kube/backoff.js';
import type { RawObject } from '../../src/kube/port.js';
import { LiveStore } from '../../src/kube/store.js';
import { TransitionRecorder } from '../../src/kube/transition-recorder.js';
import { listedDeployment } from '../support/listed-workloads.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const idle: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };
const APPS = 'Kustomization/flux-system/apps';

const kustomization: RawObject = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: 'flux-system', resourceVersion: '1', uid: 'u-apps', generation: 1 },
  spec: { sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
  status: {
    observedGeneration: 1,
    inventory: { entries: [{ id: 'apps_api_apps_Deployment', v: 'v1' }] },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: 'Applied revision: main@sha1:1',
        lastTransitionTime: '2026-03-01T10:00:00Z',
      },
    ],
  },
};

/** The api Deployment as a LIST returns it: healthy, or stopped progressing (counts at once). */
function api(healthy: boolean, rv: string): RawObject {
  return listedDeployment(
    'api',
    'apps',
    healthy,
    {},
    {
      resourceVersion: rv,
      ...(healthy
        ? {}
        : {
            conditions: [
              { type: 'Available', status: 'False', lastTransitionTime: '2026-03-01T11:40:00Z' },
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                lastTransitionTime: '2026-03-01T11:50:00Z',
              },
            ],
          }),
    },
  );
}

function rig(journal = new TransitionRecorder()) {
  let now = T0;
  const store = new LiveStore({ now: () => now, timers: idle, transitions: journal });
  // As the cluster port starts them: the workload watches exist before anything is listed.
  const watches = (['Deployment', 'StatefulSet', 'DaemonSet'] as const).flatMap((kind) =>
    (['Kustomization', 'HelmRelease'] as const).map((owner) => store.workloads.sink(kind, owner)),
  );
  const deployments = watches[0];
  const listAll = (items: RawObject[]) => {
    for (const [i, w] of watches.entries()) {
      w.state({ phase: 'ready', apiVersion: 'apps/v1' });
      w.reset(i === 0 ? items : [], 'apps/v1');
    }
  };
  const ks = store.kindSink('Kustomization');
  ks.state({ phase: 'ready', apiVersion: 'kustomize.toolkit.fluxcd.io/v1' });
  const lines = () =>
    store
      .getSnapshot()
      .transitions.map((t) => `${t.key} ${t.to.degraded ? 'Degraded' : t.to.ready} ${t.message}`);
  return {
    store,
    ks,
    deployments,
    listAll,
    lines,
    at: (ms: number) => {
      now = T0 + ms;
    },
  };
}

describe('Degraded transitions in the live store', () => {
  it('records Ready → Degraded with the cause and the recovery, once the workloads were listed', () => {
    const r = rig();
    r.ks.reset([kustomization], '');
    r.store.flush();
    r.listAll([api(true, '1')]);
    r.store.flush();
    expect(r.lines()).toEqual([]);
    r.at(60_000);
    r.deployments?.event('MODIFIED', api(false, '2'));
    r.store.flush();
    r.at(120_000);
    r.deployments?.event('MODIFIED', api(true, '3'));
    r.store.flush();
    expect(r.lines()).toEqual([
      `${APPS} Degraded ProgressDeadlineExceeded: Deployment apps/api — 1 of 1 managed workload not ready`,
      `${APPS} True `,
    ]);
    const [down, up] = r.store.getSnapshot().transitions;
    expect(down?.at).toBe('2026-03-01T12:01:00.000Z');
    // The recovery carries since when it was Degraded: the Deployment's Available=False.
    expect(up?.failingSince).toBe('2026-03-01T11:40:00.000Z');
  });

  it('an owner already Degraded when the console starts is no change: nothing is recorded', () => {
    const r = rig();
    r.ks.reset([kustomization], '');
    r.store.flush();
    // The Kustomization is Ready while the Deployments are still being listed: not yet its verdict.
    r.at(5_000);
    r.listAll([api(false, '1')]);
    r.store.flush();
    expect(r.lines()).toEqual([]);
  });

  it('a restarted console finds Degraded what the journal last saw Ready: noticed late, once listed', () => {
    const before = rig();
    before.ks.reset([kustomization], '');
    before.listAll([api(true, '1')]);
    before.store.flush();
    before.deployments?.event('MODIFIED', api(false, '2'));
    before.store.flush();
    before.deployments?.event('MODIFIED', api(true, '3'));
    before.store.flush();
    const journal = new TransitionRecorder(before.store.getSnapshot().transitions);
    const r = rig(journal);
    r.ks.reset([kustomization], '');
    r.store.flush();
    expect(r.store.getSnapshot().transitions).toHaveLength(2);
    r.listAll([api(false, '4')]);
    r.store.flush();
    expect(r.store.getSnapshot().transitions.at(-1)).toMatchObject({
      key: APPS,
      to: { ready: 'True', degraded: true },
      noticedLate: true,
    });
  });
});
