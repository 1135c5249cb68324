// Controller log lines appear once, whatever the console does to its streams around an action: the pane's
// controllers are asked for again (a `b` rollback moves the selection and the dialog redraws the pane, so the
// hub stops and restarts the helm-controller stream), or a stream is stopped while it is still opening.
// Real ClusterPort against the simulator; lines are counted in the log snapshot the pane draws from.
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort, LogSnapshot } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, waitForLogs } from './kube-helpers.js';

let sim: SimHandle | undefined;
let port: ClusterPort | undefined;

afterEach(async () => {
  await port?.close();
  await sim?.stop();
  port = undefined;
  sim = undefined;
});

function helmPod(s: SimHandle): string {
  const pod = s.store
    .list('pods', 'flux-system')
    .find((p) => p.metadata.labels?.['app'] === 'helm-controller');
  if (!pod) throw new Error('no helm-controller pod');
  return pod.metadata.name;
}

// The lines written here are not JSON: each entry's message is the line.
const count = (l: LogSnapshot, text: string) => l.entries.filter((e) => e.line.message === text).length;

async function start() {
  sim = await startSim({ scenario: 'empty', controllers: true, clock: 'virtual' });
  const s = sim;
  port = await createClusterPort({
    kubeconfigPath: s.kubeconfigPath,
    env: isolatedEnv(),
    now: () => s.clock.now(),
  });
  return { s, p: port, pod: helmPod(s) };
}

describe('controller log lines across a rollback', () => {
  it('each line once after the helm-controller stream is stopped and started again, new lines included', async () => {
    const { s, p, pod } = await start();
    p.followControllers(['helm-controller']);
    s.logs.append('flux-system', pod, 'manager', 'before the rollback');
    await waitForLogs(p, 'the first line', (l) => count(l, 'before the rollback') > 0);

    // What the console does around `b`: the pane's controllers change and come back.
    p.followControllers([]);
    await s.clock.advance(3000);
    s.logs.append('flux-system', pod, 'manager', 'while the pane looked elsewhere');
    p.followControllers(['helm-controller']);
    await waitForLogs(p, 'the missed line', (l) => count(l, 'while the pane looked elsewhere') > 0);
    s.logs.append('flux-system', pod, 'manager', 'after the rollback');
    const l = await waitForLogs(p, 'the new line', (x) => count(x, 'after the rollback') > 0);
    s.logs.append('flux-system', pod, 'manager', 'marker');
    await waitForLogs(p, 'the marker', (x) => count(x, 'marker') > 0);
    const after = p.getLogSnapshot();
    expect(count(after, 'before the rollback')).toBe(1);
    expect(count(after, 'while the pane looked elsewhere')).toBe(1);
    expect(count(after, 'after the rollback')).toBe(1);
    expect(l.streams.map((x) => `${x.controller} ${x.phase}`)).toEqual(['helm-controller following']);
  });

  it('a stream stopped while it opens leaves no second follower of the same pod', async () => {
    const { s, p, pod } = await start();
    p.followControllers(['helm-controller']);
    p.followControllers([]);
    p.followControllers(['helm-controller']);
    await waitForLogs(p, 'following', (l) => l.streams.some((x) => x.phase === 'following'));
    for (let i = 1; i <= 3; i++) {
      s.logs.append('flux-system', pod, 'manager', `new line ${i}`);
      await waitForLogs(p, `new line ${i}`, (l) => count(l, `new line ${i}`) > 0);
    }
    s.logs.append('flux-system', pod, 'manager', 'marker');
    await waitForLogs(p, 'the marker', (l) => count(l, 'marker') > 0);
    const l = p.getLogSnapshot();
    expect([1, 2, 3].map((i) => count(l, `new line ${i}`))).toEqual([1, 1, 1]);
    expect(count(l, 'marker')).toBe(1);
  });
});
