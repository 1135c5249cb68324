// Issue 3, live data: changes made by someone else through the API (here: client-node, as the flux CLI or a
// colleague would) reach the screen through the console's watches, with no key pressed. The simulated cluster
// runs in this test process on the real clock; the console connects to it with --kubeconfig.
import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import {
  helmReleaseRow,
  lineOf,
  openDialog,
  press,
  runCommand,
  STARTUP_MS,
  selectedIndex,
  selectedLine,
  startConsole,
} from './support/console.js';
import type { Terminal } from './support/terminal.js';

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

async function patchHelmRelease(namespace: string, name: string, body: object): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  await kc
    .makeApiClient(CustomObjectsApi)
    .patchNamespacedCustomObject(
      { group: 'helm.toolkit.fluxcd.io', version: 'v2', namespace, plural: 'helmreleases', name, body },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
}

// The chain's namespaces are named after their releases.
const row = (name: string, status: string) => helmReleaseRow(name, name, status);

describe('fluxdeck --kubeconfig on a simulated cluster changed through the API', () => {
  it('shows a reconcile requested through the API, and a suspend, without a key press', async () => {
    term = await startConsole({ args: ['--kubeconfig', sim.kubeconfigPath], columns: 120, rows: 40 });
    const header = term.screen().split('\n')[0] ?? '';
    expect(header).toMatch(/^fluxdeck\s+ctx fluxdeck-sim\s/);
    expect(header).not.toContain('DEMO');

    const before = await runCommand(term, 'hr', /^HelmReleases\(all\) \[\d+\/\d+\]/m);
    expect(before).toMatch(row('kyverno', 'Stalled'));
    expect(before).toMatch(row('monitoring', 'Waiting'));
    expect(before).toMatch(row('cert-manager', 'Ready'));
    // A freshly opened view: no key moved the cursor, it sits on the first row, kyverno (Stalled).
    const kyverno = /^>\s+kyverno\s+kyverno\s/;
    expect(selectedLine(before)).toMatch(kyverno);

    // `flux reconcile helmrelease kyverno -n kyverno --reset`: a reconcile request with a failure-count reset.
    const token = new Date().toISOString();
    await patchHelmRelease('kyverno', 'kyverno', {
      metadata: {
        annotations: { 'reconcile.fluxcd.io/requestedAt': token, 'reconcile.fluxcd.io/resetAt': token },
      },
    });
    // kyverno's upgrade goes through this time; its first dependent follows on its next retry (30 s).
    const after = await term.waitFor(row('kyverno', 'Ready'), 30_000);
    expect(lineOf(after, /\skyverno\s+kyverno\s/)).not.toContain('root');
    // Ready sorts it below the problems — once the order hold of the `:hr` keys has passed (10 s) — and the
    // cursor goes with it, and so does the action key.
    expect(selectedLine(after)).toMatch(kyverno);
    const sorted = await term.until(
      'kyverno to sort below the problems',
      (s) => (selectedIndex(s) ?? 0) > 1,
      30_000,
    );
    expect(selectedLine(sorted)).toMatch(kyverno);
    expect(await openDialog(term, 's')).toContain('Suspend HelmRelease kyverno/kyverno');
    await press(term, 'n', 'Cancelled: nothing was changed.');
    await term.waitFor(row('monitoring', 'Ready'), 60_000);

    // `flux suspend helmrelease cert-manager -n cert-manager`.
    await patchHelmRelease('cert-manager', 'cert-manager', { spec: { suspend: true } });
    await term.waitFor(row('cert-manager', 'Suspended'), 30_000);
  }, 150_000);
});
