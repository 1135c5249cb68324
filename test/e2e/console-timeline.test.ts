// Issue 19 as an on-call engineer meets it: a console watches kyverno recover (fixed by someone else through
// the API), shows it in :timeline; quit, a second console still knows it (the journal in the XDG state
// directory), :report writes the incident report to a file and says where, and `fluxdeck report` from the
// shell tells the same story.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { applyFilter, press, runCommand, STARTUP_MS, startConsole } from './support/console.js';
import { CLI, type Terminal } from './support/terminal.js';

let sim: SimHandle;
let term: Terminal | undefined;

beforeAll(async () => {
  sim = await startSim({ scenario: 'runbook' });
}, STARTUP_MS);
afterAll(async () => {
  await sim?.stop();
});
afterEach(() => {
  term?.stop();
  term = undefined;
});

const RECOVERED = /HelmRelease\/kyverno\/kyverno\s+Failing \(UpgradeFailed\) → Ready/;

describe(':timeline, :report and fluxdeck report across restarts', () => {
  it('remembers what one console saw in the next, and writes it down', async () => {
    const state = mkdtempSync(join(tmpdir(), 'fluxdeck-state-'));
    const env = { XDG_STATE_HOME: state };
    const args = ['--kubeconfig', sim.kubeconfigPath];
    term = await startConsole({ args, columns: 160, rows: 40, env });
    await runCommand(term, 'timeline', /^Timeline \[\d+\/\d+\]/m);
    // Ready, but its api Deployment is stuck: failing as the Failing view says, with the workloads' cause.
    expect(await applyFilter(term, 'Degraded')).toMatch(
      /flux-system\/apps\s+started failing \(Degraded\)\s+ImagePullBackOff: Deployment apps\/api/,
    );
    await press(term, 'Escape', /^Timeline \[\d+\/\d+\]/m);
    await applyFilter(term, 'kyverno/kyverno');

    // `flux reconcile helmrelease kyverno -n kyverno --reset`, typed by a colleague.
    const token = new Date().toISOString();
    const kc = new KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    await kc.makeApiClient(CustomObjectsApi).patchNamespacedCustomObject(
      {
        group: 'helm.toolkit.fluxcd.io',
        version: 'v2',
        namespace: 'kyverno',
        plural: 'helmreleases',
        name: 'kyverno',
        body: {
          metadata: {
            annotations: { 'reconcile.fluxcd.io/requestedAt': token, 'reconcile.fluxcd.io/resetAt': token },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await term.waitFor(RECOVERED, 30_000);
    await press(term, 'q', /\[fluxdeck exited 0\]/);
    term.stop();

    const journals = readdirSync(join(state, 'fluxdeck', 'timeline'));
    expect(journals).toHaveLength(1);
    expect(readFileSync(join(state, 'fluxdeck', 'timeline', journals[0] ?? ''), 'utf8')).toContain(
      'HelmRelease/kyverno/kyverno',
    );

    term = await startConsole({ args, columns: 160, rows: 40, env });
    await runCommand(term, 'timeline', /^Timeline \[\d+\/\d+\]/m);
    expect(await applyFilter(term, 'kyverno/kyverno')).toMatch(RECOVERED);

    const written = await runCommand(term, 'report', /incident report: (\S+\.md)/);
    const path = /incident report: (\S+\.md)/.exec(written)?.[1] ?? '';
    expect(path.startsWith(join(state, 'fluxdeck', 'reports'))).toBe(true);
    expect(existsSync(path)).toBe(true);
    const report = readFileSync(path, 'utf8');
    expect(report).toContain('# Flux incident report: fluxdeck-sim');
    expect(report).toMatch(/## Recovered[\s\S]*HelmRelease\/kyverno\/kyverno/);
    expect(report).toContain('### Kustomization/flux-system/apps\n\n- Degraded for');

    const shell = await promisify(execFile)(process.execPath, [CLI, 'report', ...args, '-o', 'json'], {
      env: { PATH: process.env['PATH'] ?? '', HOME: state, XDG_STATE_HOME: state },
    });
    const doc = JSON.parse(shell.stdout) as {
      recovered: { object: string }[];
      failing: { object: string; status: string }[];
    };
    expect(doc.recovered.map((r) => r.object)).toContain('HelmRelease/kyverno/kyverno');
    expect(doc.failing).toContainEqual(
      expect.objectContaining({ object: 'Kustomization/flux-system/apps', status: 'Degraded' }),
    );
  }, 180_000);
});
