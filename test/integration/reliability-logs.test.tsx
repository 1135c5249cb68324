// Issue 6: the controller logs pane of the rendered console (App on the real ClusterPort, against the
// simulator) when reading logs is forbidden, when the controller pod restarts mid-follow, and when a pod
// has written nothing yet — each says so on screen and recovers by itself.
import { describe, expect, it } from 'vitest';
import type { SimHandle, SimOptions } from '../../src/sim/index.js';
import { press, waitForFrame } from '../support/ink.js';
import { seed, waitForLogs, waitForSnapshot } from './kube-helpers.js';
import { consoleAgainstSim } from './reliability-support.js';

const harness = consoleAgainstSim();

async function mount(
  simOptions: SimOptions,
  before: (s: SimHandle) => void = () => undefined,
  keys: readonly string[] = ['L', 'a'],
) {
  const sim = await harness.sim(simOptions);
  seed(sim, 'HelmRelease', 'apps', 'kyverno');
  before(sim);
  const port = await harness.port(sim);
  await waitForSnapshot(port, 'kyverno listed', (snap) => snap.kinds.get('HelmRelease')?.rows.size === 1);
  const ui = harness.render(port, 'helmreleases', () => sim.clock.now());
  const frame = () => ui.lastFrame() ?? '';
  await waitForFrame(frame, (f) => f.includes('kyverno'), 10_000);
  // Full-screen logs; by default every line of the selected object's controller.
  // One key at a time, each after the frame it changed: a key that arrives before the logs pane is
  // on screen would go to the table.
  const [first, ...rest] = keys;
  if (first) await press(ui.stdin, first);
  await waitForFrame(frame, (f) => f.includes('Logs ['), 10_000);
  for (const k of rest) {
    const before = frame();
    await press(ui.stdin, k);
    await waitForFrame(frame, (f) => f !== before, 10_000);
  }
  return { sim, port, ui, frame };
}

function controllerPod(s: SimHandle, controller: string): string {
  const pod = s.store
    .list('pods', 'flux-system')
    .find((p) => p.metadata.labels?.['app'] === controller && !p.metadata.deletionTimestamp);
  if (!pod) throw new Error(`no ${controller} pod`);
  return pod.metadata.name;
}

describe('the logs pane under faults', () => {
  it('reading pod logs forbidden: the pane says who may not read what, and no lines appear', async () => {
    const { frame } = await mount({}, (s) => s.faults.deny({ verb: 'get', resource: 'pods' }));
    const f = await waitForFrame(frame, (x) => /helm-controller: forbidden/.test(x), 10_000);
    expect(f).toMatch(/helm-controller: forbidden — .*User "[^"]+" cannot get resource "pods\/log"/);
  });

  it('no log lines for the object: the pane says it follows and that nothing was logged for it, not an error', async () => {
    const { frame } = await mount({}, () => undefined, ['L']);
    const f = await waitForFrame(
      frame,
      (x) => x.includes('Logs [following] HelmRelease/apps/kyverno'),
      10_000,
    );
    expect(f).not.toMatch(/forbidden|error|retrying|reconnecting/i);
    expect(f).not.toMatch(/^\d\d:\d\d:\d\d helm/m);
  });

  it('the controller pod restarts during the follow: the pane says so and follows the new pod', async () => {
    const { sim, port, frame } = await mount({ clock: 'virtual', controllers: true });
    const old = controllerPod(sim, 'helm-controller');
    sim.logs.append('flux-system', old, 'manager', 'line from the old pod');
    await waitForFrame(frame, (x) => x.includes('line from the old pod'), 10_000);

    sim.controllers?.restartPod('helm-controller', 'replace');
    const replacement = controllerPod(sim, 'helm-controller');
    expect(replacement).not.toBe(old);
    await waitForSnapshot(port, 'the new pod listed', (snap) =>
      snap.pods.items.some((p) => p.name === replacement),
    );
    await sim.clock.advance(2000);
    await waitForLogs(port, 'following the new pod', (l) => l.streams.some((s) => s.pod === replacement));
    const restarted = await waitForFrame(
      frame,
      (x) => x.includes(`helm-controller pod restarted — following ${replacement}`),
      10_000,
    );
    expect(restarted).toContain('line from the old pod');
    expect(restarted).not.toContain('reconnecting');
    sim.logs.append('flux-system', replacement, 'manager', 'line from the new pod');
    const after = await waitForFrame(frame, (x) => x.includes('line from the new pod'), 10_000);
    expect(after.split('\n').filter((l) => l.includes('line from the old pod'))).toHaveLength(1);
  });
});
