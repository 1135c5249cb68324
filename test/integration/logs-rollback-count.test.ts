// A `b` rollback of kyverno with the logs pane following helm-controller, as the console does it: the pane's
// controllers are asked for again while the dialog is open (the pane is squeezed out and back), then the
// rollback runs through the simulated helm (suspend → helm rollback → resume) and helm-controller logs the
// resume and the upgrade. Every line the controller wrote shows as many times as it wrote it — counted
// against the simulator's own record of the container's log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planAction, rebuildPlan } from '../../src/actions/registry.js';
import { parseLogLine } from '../../src/flux/logs.js';
import type { LogSnapshot } from '../../src/kube/port.js';
import { writeHelmShim } from '../../src/sim/helm/shim.js';
import { drive, hr, type Rig, run, startRig } from './actions-support.js';
import { waitForLogs } from './kube-helpers.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

function helmPod(r: Rig): string {
  const pod = r.sim.store
    .list('pods', 'flux-system')
    .find((p) => p.metadata.labels?.['app'] === 'helm-controller');
  if (!pod) throw new Error('no helm-controller pod');
  return pod.metadata.name;
}

function tally(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/**
 * Lines the console shows more often than the controller wrote them, with both counts. The console keeps a
 * line's fields, not its text: both sides are counted by the fields parsed from the line.
 */
function repeated(r: Rig, pod: string, logs: LogSnapshot): string[] {
  const written = tally(
    r.sim.logs.read('flux-system', pod, 'manager', {}).map((x) => JSON.stringify(parseLogLine(x.text))),
  );
  const shown = tally(logs.entries.filter((e) => e.pod === pod).map((e) => JSON.stringify(e.line)));
  return [...shown].flatMap(([text, n]) =>
    n > (written.get(text) ?? 0) ? [`${n}× (written ${written.get(text) ?? 0}×) ${text}`] : [],
  );
}

describe('controller log lines across a b rollback', () => {
  it('each helm-controller line shows as often as it was written, before, during and after the rollback', async () => {
    rig = await startRig({ helmPath: writeHelmShim(mkdtempSync(join(tmpdir(), 'fluxdeck-helm-shim-'))) });
    const r = rig;
    const pod = helmPod(r);
    const marker = (text: string) => {
      r.sim.logs.append('flux-system', pod, 'manager', text);
      return waitForLogs(r.port, text, (l) => l.entries.some((e) => e.line.message === text));
    };
    r.port.followControllers(['helm-controller']);
    await marker('before the dialog');

    const draft = await planAction('rollback', [hr('kyverno')], r.ctx);
    const plan = rebuildPlan(draft, r.ctx, { ...draft.options, leaveSuspended: false });
    // The dialog squeezes the pane out and back: the stream stops and starts again.
    r.port.followControllers([]);
    await drive(r, Promise.resolve(), 1000, 3);
    r.port.followControllers(['helm-controller']);
    await marker('dialog open');

    const outcome = await run(r, plan);
    expect(outcome.status).toBe('succeeded');
    // A few of helm-controller's requeues after the resume.
    await drive(r, new Promise((resolve) => setTimeout(resolve, 400)), 5000, 1000);
    const after = await marker('after the rollback');
    const kyvernoLines = after.entries.filter((e) => e.pod === pod && e.line.name === 'kyverno');
    expect(kyvernoLines.length).toBeGreaterThan(0);
    expect(repeated(r, pod, after)).toEqual([]);
    expect(after.streams.map((s) => `${s.controller} ${s.phase}`)).toEqual(['helm-controller following']);
  });
});
