// Controller pods from raw API objects: the last termination (reason, exit code, when), the manager's
// requests and limits, the waiting reason — with fields missing, mistyped or hostile, as any cluster may send.
import { describe, expect, it } from 'vitest';
import { controllerProblemBanner, podProblem } from '../../src/flux/controller-health.js';
import { toControllerPod } from '../../src/kube/pods.js';
import { lastExit, restartsCell } from '../../src/present/pod-columns.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');

/** A crash-looping image-reflector-controller as the kubelet reports it between restarts. */
const crashing = {
  metadata: {
    name: 'image-reflector-controller-5b8f7c6d9-q2x7z',
    namespace: 'flux-system',
    labels: { app: 'image-reflector-controller' },
    creationTimestamp: '2026-01-01T11:00:00Z',
  },
  spec: {
    containers: [
      {
        name: 'manager',
        image: 'ghcr.io/fluxcd/image-reflector-controller:v1.1.1',
        resources: { limits: { cpu: '1', memory: '128Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
      },
    ],
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
    containerStatuses: [
      {
        name: 'manager',
        ready: false,
        started: false,
        restartCount: 7,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: 'back-off 5m0s restarting failed container=manager pod=x_flux-system(uid)',
          },
        },
        lastState: {
          terminated: {
            exitCode: 137,
            reason: 'OOMKilled',
            startedAt: '2026-01-01T11:55:20Z',
            finishedAt: '2026-01-01T11:56:00Z',
          },
        },
      },
    ],
  },
};

describe('controller pods from raw pods', () => {
  it('reads the last termination, the waiting reason and the manager container’s resources', () => {
    const pod = toControllerPod(crashing);
    expect(pod).toMatchObject({
      ready: false,
      restarts: 7,
      waitingReason: 'CrashLoopBackOff',
      container: 'manager',
      lastTermination: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2026-01-01T11:56:00Z' },
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
    });
    if (!pod) throw new Error('no pod');
    expect(lastExit(pod)).toBe('OOMKilled 137');
    expect(restartsCell(pod, NOW)).toBe('7 (4m ago)');
    expect(podProblem(pod)).toBe('CrashLoopBackOff (last OOMKilled, 7 restarts)');
  });

  it('takes the manager’s status when there are several containers, whatever their order', () => {
    const raw = structuredClone(crashing);
    raw.spec.containers.unshift({
      name: 'sidecar',
      image: 'x',
      resources: { limits: {}, requests: {} },
    } as never);
    raw.status.containerStatuses.unshift({ name: 'sidecar', restartCount: 0, state: {} } as never);
    expect(toControllerPod(raw)?.lastTermination?.reason).toBe('OOMKilled');
    expect(toControllerPod(raw)?.resources.limits).toEqual({ cpu: '1', memory: '128Mi' });
  });

  it('tolerates missing and mistyped fields: no last state, exit code as text, no resources, no statuses', () => {
    const raw = structuredClone(crashing) as Record<string, unknown> & typeof crashing;
    const status = raw.status.containerStatuses[0] as Record<string, unknown>;
    status['lastState'] = { terminated: { exitCode: '137', reason: 42, finishedAt: null } };
    (raw.spec.containers[0] as Record<string, unknown>)['resources'] = 'lots';
    const pod = toControllerPod(raw);
    expect(pod?.lastTermination).toEqual({ reason: '', exitCode: undefined, finishedAt: '' });
    expect(pod?.resources).toEqual({ requests: {}, limits: {} });
    if (!pod) throw new Error('no pod');
    expect(lastExit(pod)).toBe('');
    expect(restartsCell(pod, NOW)).toBe('7');

    const bare = toControllerPod({ metadata: { name: 'p' }, status: { containerStatuses: 'no' } });
    expect(bare).toMatchObject({ restarts: 0, waitingReason: '', container: 'manager' });
    expect(bare?.lastTermination).toBeUndefined();
    expect(toControllerPod({ metadata: {} })).toBeUndefined();
  });

  it('sanitizes what the cluster wrote: escapes, newlines and a __proto__ resource name', () => {
    const raw = structuredClone(crashing);
    const status = raw.status.containerStatuses[0] as Record<string, unknown>;
    status['lastState'] = {
      terminated: { exitCode: 1, reason: 'Error\u001b[2J\nrm -rf', finishedAt: '2026-01-01T11:59:00Z' },
    };
    raw.spec.containers[0] = {
      ...raw.spec.containers[0],
      resources: JSON.parse('{"limits":{"__proto__":"x","memory":"1Gi\\u001b[31m"},"requests":{}}'),
    } as never;
    const pod = toControllerPod(raw);
    expect(pod?.lastTermination?.reason).not.toContain('\u001b');
    expect(pod?.lastTermination?.reason).not.toContain('\n');
    expect(pod?.lastTermination?.reason).toContain('Error');
    const limits = pod?.resources.limits ?? {};
    expect(Object.getPrototypeOf(limits)).toBe(Object.prototype);
    // The hostile key changes no prototype; it is simply not a resource.
    expect(Object.keys(limits)).toEqual(['memory']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    expect(limits['memory']).not.toContain('\u001b');
  });
});

describe('the header’s controller problem', () => {
  const facts = (over: Partial<Parameters<typeof podProblem>[0]> = {}) => ({
    name: 'helm-controller-abc',
    controller: 'helm-controller',
    ready: true,
    restarts: 0,
    waitingReason: '',
    ...over,
  });

  it('is silent while every controller runs or is merely starting', () => {
    expect(
      controllerProblemBanner([facts(), facts({ ready: false, waitingReason: 'ContainerCreating' })]),
    ).toBe(undefined);
    // Restarted once long ago and running again: kubectl shows it Running; nothing to escalate.
    expect(podProblem(facts({ restarts: 1, lastTermination: { reason: 'OOMKilled', exitCode: 137 } }))).toBe(
      undefined,
    );
  });

  it('names the worst first: CrashLoopBackOff before ImagePullBackOff, then how many more', () => {
    const banner = controllerProblemBanner([
      facts({ controller: 'source-controller', ready: false, waitingReason: 'ImagePullBackOff' }),
      facts({
        ready: false,
        restarts: 5,
        waitingReason: 'CrashLoopBackOff',
        lastTermination: { reason: '', exitCode: 2 },
      }),
    ]);
    expect(banner).toBe(
      'controllers: helm-controller CrashLoopBackOff (last exit 2, 5 restarts) and 1 more — escalate (:ctrl)',
    );
  });
});
