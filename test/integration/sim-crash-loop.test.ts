// The runbook's crash-looping controller through the simulated API on a virtual clock, as the kubelet
// reports one: image-reflector-controller waits in CrashLoopBackOff (OOMKilled, exit 137), starts again
// when the 5 minute back-off is over — ready, reconciling — and is OOMKilled again; `previous=true` serves
// the log of the container that died, and the console's runbook steps on other controllers are unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field, num, str } from '../../src/flux/narrow.js';
import { CRASH_RUN_MS } from '../../src/sim/controllers/crash-loop.js';
import { raw } from './sim-api-helpers.js';
import { startRunbook, type TestCluster } from './sim-controllers-support.js';

let t: TestCluster;
beforeAll(async () => {
  t = await startRunbook();
});
afterAll(async () => {
  await t.sim.stop();
});

async function crashingPod(): Promise<Record<string, unknown>> {
  const res = await raw(
    t.kc,
    'GET',
    '/api/v1/namespaces/flux-system/pods?labelSelector=app%3Dimage-reflector-controller',
  );
  const items = field(res.json(), 'items');
  if (!Array.isArray(items) || !items[0]) throw new Error('no image-reflector-controller pod');
  return items[0] as Record<string, unknown>;
}

const manager = (pod: unknown) => (field(pod, 'status', 'containerStatuses') as unknown[])[0];

async function previousLog(pod: string) {
  return raw(
    t.kc,
    'GET',
    `/api/v1/namespaces/flux-system/pods/${pod}/log?container=manager&previous=true&tailLines=1`,
  );
}

describe('a crash-looping controller in the simulator', () => {
  it('waits in CrashLoopBackOff after an OOMKill, its last log served as previous', async () => {
    const pod = await crashingPod();
    const cs = manager(pod);
    expect(str(cs, 'state', 'waiting', 'reason')).toBe('CrashLoopBackOff');
    expect(str(cs, 'state', 'waiting', 'message')).toMatch(
      /^back-off 5m0s restarting failed container=manager pod=image-reflector-controller-.*_flux-system\(.+\)$/,
    );
    expect(field(cs, 'lastState', 'terminated')).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect(num(cs, 'restartCount')).toBe(7);
    expect(field(cs, 'ready')).toBe(false);
    const name = str(pod, 'metadata', 'name');
    const previous = await previousLog(name);
    expect(previous.status).toBe(200);
    expect(previous.text).toContain('loading tags into the badger database');
  });

  it('starts again when the back-off is over, then is OOMKilled again: restartCount 8, previous = that run', async () => {
    const name = str(await crashingPod(), 'metadata', 'name');
    // Killed 40 s before the start; the 5 minute back-off ends 4m20s later.
    await t.sim.clock.advance(4 * 60_000 + 21_000);
    const running = manager(await crashingPod());
    expect(field(running, 'state', 'running')).toBeDefined();
    expect(field(running, 'ready')).toBe(true);
    expect(num(running, 'restartCount')).toBe(7);
    // Running: previous is the container that died before this one.
    expect((await previousLog(name)).text).toContain('loading tags into the badger database');

    await t.sim.clock.advance(CRASH_RUN_MS);
    const killed = manager(await crashingPod());
    expect(str(killed, 'state', 'waiting', 'reason')).toBe('CrashLoopBackOff');
    expect(num(killed, 'restartCount')).toBe(8);
    expect(field(killed, 'lastState', 'terminated')).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    expect((await previousLog(name)).text).toContain('scanning image repositories');
  });

  it('a controller that never restarted has no previous container: 400 in the kubelet’s words', async () => {
    const res = await raw(
      t.kc,
      'GET',
      '/api/v1/namespaces/flux-system/pods?labelSelector=app%3Dsource-controller',
    );
    const name = str((field(res.json(), 'items') as unknown[])[0], 'metadata', 'name');
    const previous = await previousLog(name);
    expect(previous.status).toBe(400);
    expect(previous.text).toContain(
      `previous terminated container \\"manager\\" in pod \\"${name}\\" not found`,
    );
  });
});
