import { describe, expect, it } from 'vitest';
import {
  type ControllerDeployment,
  controllerHealth,
  controllerStateText,
  controllerWarning,
  type DeploymentsRead,
  isControllerMissing,
  noControllersBanner,
} from '../../src/flux/controller-health.js';

const dep = (controller: string, replicas: number, readyReplicas: number): ControllerDeployment => ({
  name: controller,
  controller,
  replicas,
  readyReplicas,
});
const read = (...items: ControllerDeployment[]): DeploymentsRead => ({ phase: 'ready', items });

describe('whether a Flux controller can answer', () => {
  it('running, not ready (with the pod’s reason), scaled to zero, absent, unknown', () => {
    const deployments = read(
      dep('helm-controller', 1, 1),
      dep('kustomize-controller', 1, 0),
      dep('source-controller', 0, 0),
    );
    const pods = [{ controller: 'kustomize-controller', ready: false, waitingReason: 'CrashLoopBackOff' }];
    expect(controllerStateText(controllerHealth('helm-controller', deployments, pods))).toBe(
      'helm-controller running (1 of 1 ready)',
    );
    expect(controllerStateText(controllerHealth('kustomize-controller', deployments, pods))).toBe(
      'kustomize-controller not ready (0 of 1 ready, CrashLoopBackOff)',
    );
    expect(controllerHealth('source-controller', deployments, pods).state).toBe('scaled-to-zero');
    expect(controllerHealth('notification-controller', deployments, pods).state).toBe('absent');
    expect(controllerHealth('helm-controller', { phase: 'loading' }, pods).state).toBe('unknown');
  });

  it('finds a controller by its pod template’s app label when the Deployment is named otherwise', () => {
    const renamed = read({ name: 'flux-helm', controller: 'helm-controller', replicas: 2, readyReplicas: 1 });
    expect(controllerHealth('helm-controller', renamed, [])).toEqual({
      state: 'running',
      controller: 'helm-controller',
      ready: 1,
      desired: 2,
    });
  });

  it('warns only when it knows: never on an unknown state, never when running', () => {
    expect(
      controllerWarning(controllerHealth('helm-controller', read(dep('helm-controller', 1, 1)), [])),
    ).toBeUndefined();
    expect(
      controllerWarning(controllerHealth('helm-controller', { phase: 'unreadable', why: 'forbidden' }, [])),
    ).toBeUndefined();
    expect(controllerWarning(controllerHealth('helm-controller', read(), []))).toMatch(
      /^No helm-controller Deployment in flux-system: nothing will handle this request\./,
    );
    expect(
      isControllerMissing(controllerHealth('helm-controller', read(dep('helm-controller', 1, 0)), [])),
    ).toBe(false);
  });

  it('a banner only when no controller runs at all', () => {
    expect(noControllersBanner(read(), [])).toMatch(
      /^no Flux controllers in flux-system: nothing reconciles/,
    );
    expect(noControllersBanner(read(dep('a', 0, 0), dep('b', 0, 0)), [])).toMatch(/^every Flux controller/);
    expect(noControllersBanner(read(dep('a', 0, 0), dep('b', 1, 1)), [])).toBeUndefined();
    expect(noControllersBanner({ phase: 'loading' }, [])).toBeUndefined();
  });
});
