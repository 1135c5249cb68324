// Background plugin runs: a run's command has no terminal and no stdout, its failure says stderr's last
// line (sanitised) and its outcome is recorded; the process's list says what runs, and stopping them all
// aborts each and waits until each one's end is recorded — what quitting relies on not to hang or lose a run.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AuditLog } from '../../src/actions/audit.js';
import type { Plugin } from '../../src/actions/plugin.js';
import { BackgroundRuns } from '../../src/actions/plugin-background.js';
import { type PluginRunContext, runPlugin } from '../../src/actions/plugin-run.js';
import type { ProcessResult, ProcessWiring } from '../../src/kube/exec.js';
import { auditEntries, exited, pluginDir } from '../support/plugins.js';

const folder = pluginDir();

const notify: Plugin = {
  name: 'notify',
  key: 'B',
  places: ['table'],
  description: 'tell the channel',
  command: 'notify-send',
  args: ['podinfo failed'],
  output: 'background',
  confirm: false,
  dangerous: false,
  line: 1,
};
const request = {
  plugin: notify,
  command: { file: 'notify-send', args: ['podinfo failed'] },
  target: { kind: 'HelmRelease' as const, namespace: 'podinfo', name: 'podinfo' },
};

function context(
  answer: (wiring: ProcessWiring) => Promise<ProcessResult>,
  clock: { now: number },
): PluginRunContext {
  return {
    audit: new AuditLog({ path: join(folder(), 'audit.log') }),
    terminal: { isTerminal: () => true, handOver: () => Promise.reject(new Error('no hand-over here')) },
    context: 'prod-eu',
    cluster: 'prod',
    user: 'alice',
    kubeconfig: undefined,
    now: () => clock.now,
    runProcess: (_command, wiring) => answer(wiring),
  };
}

describe('a background run', () => {
  it('has no terminal and no stdout, and a failure says the last line of stderr', async () => {
    const clock = { now: 0 };
    const wirings: ProcessWiring[] = [];
    const outcome = await runPlugin(
      request,
      context(async (wiring) => {
        wirings.push(wiring);
        clock.now += 4_000;
        return exited(2, { stderr: 'connecting…\n\u001b]52;c;ZXZpbA==\u0007no such channel: #ops\n  \n' });
      }, clock),
    );
    expect(wirings[0]).toMatchObject({
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'pipe',
      env: { NO_COLOR: '1' },
    });
    expect(outcome).toEqual({
      ok: false,
      exitCode: 2,
      durationMs: 4_000,
      message: 'plugin notify: notify-send exited 2 after 4s: no such channel: #ops',
    });
    expect((await auditEntries(folder())).at(-1)).toMatchObject({
      outcome: 'failed',
      exitCode: 2,
      durationMs: 4_000,
    });
  });
});

describe('the background runs of the process', () => {
  it('lists what runs, and stopping them all stops each and waits until its end is recorded', async () => {
    const runs = new BackgroundRuns();
    const clock = { now: 0 };
    let started = 0;
    const ctx = context((wiring) => {
      started += 1;
      return new Promise((resolve) =>
        wiring.signal?.addEventListener('abort', () =>
          resolve(exited(undefined, { cancelled: true, failure: 'was cancelled' })),
        ),
      );
    }, clock);
    const first = runs.start('plugin notify (notify-send)', 'prod-eu', (signal) =>
      runPlugin(request, ctx, { signal }),
    );
    void runs.start('plugin other (sh)', 'prod-eu', (signal) => runPlugin(request, ctx, { signal }));
    expect(runs.running()).toEqual(['plugin notify (notify-send)', 'plugin other (sh)']);
    await vi.waitFor(() => expect(started).toBe(2));
    clock.now += 7_000;
    await runs.stopAll();
    expect(runs.running()).toEqual([]);
    expect((await first).message).toBe('plugin notify: notify-send was cancelled after 7s');
    const outcomes = (await auditEntries(folder())).filter((e) => e['phase'] === 'outcome');
    expect(outcomes).toMatchObject([
      { outcome: 'cancelled', durationMs: 7_000 },
      { outcome: 'cancelled', durationMs: 7_000 },
    ]);
  });

  it('starts nothing when stopped while its start is being recorded, and records it cancelled', async () => {
    const runs = new BackgroundRuns();
    let started = 0;
    const ctx = context(
      async () => {
        started += 1;
        return exited(0);
      },
      { now: 0 },
    );
    const run = runs.start('plugin notify (notify-send)', 'prod-eu', (signal) =>
      runPlugin(request, ctx, { signal }),
    );
    await runs.stopAll();
    expect((await run).ok).toBe(false);
    expect(started).toBe(0);
    expect(await auditEntries(folder())).toMatchObject([
      { phase: 'intent', outcome: 'confirmed' },
      { phase: 'outcome', outcome: 'cancelled' },
    ]);
  });
});

describe('the end of a background run', () => {
  it('is said by the screen that is up when it ends, with the context it ran for', async () => {
    const runs = new BackgroundRuns();
    const said: string[] = [];
    const release: (() => void)[] = [];
    const run = (context: string, message: string) =>
      runs.start(
        `plugin ${message}`,
        context,
        () =>
          new Promise<{ message: string; ok: boolean }>((resolve) =>
            release.push(() => resolve({ message, ok: true })),
          ),
      );
    // The console that starts the runs, then the fleet in its place.
    const console = runs.listen((e) => said.push(`console ${e.context}: ${e.message}`));
    const first = run('prod-eu', 'first');
    const second = run('staging', 'second');
    console();
    const fleet = runs.listen((e) => said.push(`fleet ${e.context}: ${e.message}`));
    release[0]?.();
    await first;
    expect(said).toEqual(['fleet prod-eu: first']);
    // Back in a console: the fleet no longer says anything.
    const again = runs.listen((e) => said.push(`console ${e.context}: ${e.message}`));
    release[1]?.();
    await second;
    expect(said).toEqual(['fleet prod-eu: first', 'console staging: second']);
    again();
    fleet();
  });
});
