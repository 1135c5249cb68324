// A background plugin (`output: background`, k9s's `background: true`) in the running console: its key
// starts the command and the console stays as it was — no pane, no hand-over, its keys working —, several
// run at once, each one's end is said on the flash line (a failure with its last word on stderr) and
// recorded in the audit log; one that asks first still asks; quitting while one runs asks, then stops it.
// The commands are fakes the test ends, and the clock is the test's: no wall-clock anywhere.
import { describe, expect, it, vi } from 'vitest';
import type { Plugin } from '../../src/actions/plugin.js';
import type { ProcessResult } from '../../src/kube/exec.js';
import { appRenderer } from '../support/app.js';
import { KEYS, press, type, waitForFrame } from '../support/ink.js';
import { auditEntries, exited, pluginDir, pluginPort, pluginSetup, type Ran } from '../support/plugins.js';
import { NOW } from '../support/runbook-rows.js';

const setup = appRenderer({ columns: 140, rows: 30 });
const folder = pluginDir();

const restart: Plugin = {
  name: 'restart',
  key: 'B',
  places: ['table', 'details'],
  description: 'restart the workloads',
  command: '/usr/local/bin/kubectl',
  args: ['rollout', 'restart', 'deployment', '$NAME', '-n', '$NAMESPACE', '--context', '$CONTEXT'],
  output: 'background',
  confirm: false,
  dangerous: false,
  line: 2,
};

/** Commands that run until the test ends them (or the console stops them). */
function pending() {
  const ends: ((result: ProcessResult) => void)[] = [];
  const answer = (run: Ran) =>
    new Promise<ProcessResult>((resolve) => {
      ends.push(resolve);
      run.wiring.signal?.addEventListener('abort', () =>
        resolve(exited(undefined, { cancelled: true, failure: 'was cancelled' })),
      );
    });
  return { ends, answer };
}

describe('a background plugin', () => {
  it('runs beside the console, several at once, each outcome on the flash line and in the audit log', async () => {
    let now = NOW;
    const { ends, answer } = pending();
    const { plugins, ran, handedOver } = pluginSetup(folder(), [restart], answer);
    const { stdin, lastFrame } = setup(pluginPort(), { plugins, initialView: 'hr', clock: () => now });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    await press(stdin, 'B');
    let frame = await waitForFrame(lastFrame, (f) =>
      f.includes('plugin restart: kubectl runs in the background'),
    );
    // No pane, no hand-over: the table stays, and the command has neither the terminal nor a pane to fill.
    expect(frame).toContain('HelmReleases(all)');
    // It starts once its start is in the audit log.
    await waitForFrame(lastFrame, () => ran.length === 1);
    expect(handedOver).toEqual([]);
    expect(ran[0]?.command.args).toEqual([
      'rollout',
      'restart',
      'deployment',
      'podinfo',
      '-n',
      'podinfo',
      '--context',
      'prod-eu',
    ]);
    expect(ran[0]?.wiring).toMatchObject({ stdin: 'ignore', stdout: 'ignore', stderr: 'pipe' });
    expect(ran[0]?.wiring.env).toMatchObject({ KUBECONFIG: '/home/me/.kube/config' });

    // The console is the user's meanwhile: another view, and back.
    await type(stdin, ':ks');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('Kustomizations(all)'));
    await type(stdin, ':hr');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)') && f.includes('podinfo'));
    // A second run while the first still runs.
    await press(stdin, 'B');
    await waitForFrame(lastFrame, () => ran.length === 2);

    now += 2_000;
    ends[0]?.(exited(0));
    frame = await waitForFrame(lastFrame, (f) => f.includes('plugin restart: kubectl exited 0 after 2s'));
    // The second started with the first: 3 s when it ends a second later.
    now += 1_000;
    ends[1]?.(
      exited(1, {
        stderr: 'Waiting…\n\u001b[31merror: deployments.apps "podinfo" not found\u001b[0m\n\n',
      }),
    );
    frame = await waitForFrame(lastFrame, (f) =>
      f.includes('plugin restart: kubectl exited 1 after 3s: error: deployments.apps "podinfo" not found'),
    );
    expect(frame).not.toContain('\u001b');

    const entries = await auditEntries(folder());
    expect(entries).toMatchObject([
      {
        phase: 'intent',
        action: 'plugin:restart',
        outcome: 'confirmed',
        targets: ['HelmRelease/podinfo/podinfo'],
      },
      { phase: 'intent', action: 'plugin:restart', outcome: 'confirmed' },
      { phase: 'outcome', outcome: 'succeeded', exitCode: 0, durationMs: 2_000 },
      {
        phase: 'outcome',
        outcome: 'failed',
        exitCode: 1,
        durationMs: 3_000,
        error: 'kubectl exited 1 after 3s: error: deployments.apps "podinfo" not found',
      },
    ]);
  });

  it('asks first when it says confirm, and says in the dialog that it runs in the background', async () => {
    const { plugins, ran } = pluginSetup(folder(), [{ ...restart, confirm: true }]);
    const { stdin, lastFrame } = setup(pluginPort(), { plugins, initialView: 'hr' });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    await press(stdin, 'B');
    const dialog = await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    expect(dialog).toContain('Run plugin restart: restart the workloads');
    expect(dialog).toContain('Runs kubectl in the background (its output is not shown)');
    expect(ran).toEqual([]);
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('plugin restart: kubectl exited 0 after 0s'));
    expect(ran).toHaveLength(1);
  });

  it('quitting while one runs asks first; staying leaves it running, quitting stops it', async () => {
    const { answer } = pending();
    const { plugins, ran } = pluginSetup(folder(), [restart], answer);
    const onQuit = vi.fn();
    const { stdin, lastFrame } = setup(pluginPort(), { plugins, initialView: 'hr', onQuit });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    await press(stdin, 'B');
    await waitForFrame(lastFrame, (f) => f.includes('runs in the background') && ran.length === 1);
    await press(stdin, 'q');
    const ask = await waitForFrame(lastFrame, (f) => f.includes('Quit fluxdeck?'));
    expect(ask).toContain('plugin restart (kubectl) is still running: quitting stops it');
    await press(stdin, 'n');
    await waitForFrame(lastFrame, (f) => !f.includes('Quit fluxdeck?'));
    expect(ran[0]?.wiring.signal?.aborted).toBe(false);
    await press(stdin, 'q', 'y');
    expect(onQuit).toHaveBeenCalledTimes(1);
    expect(ran[0]?.wiring.signal?.aborted).toBe(true);
    await vi.waitFor(async () =>
      expect((await auditEntries(folder())).at(-1)).toMatchObject({ phase: 'outcome', outcome: 'cancelled' }),
    );
  });
});
