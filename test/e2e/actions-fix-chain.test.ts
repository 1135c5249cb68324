// Issue 4, the runbook's "dependency failure cascading": `D` on velero plans the whole chain from its root
// (kyverno, with a reset since its retries are exhausted) down to velero, each link waiting for the previous
// one to be Ready; after `y` velero goes from Waiting to Ready (real clock: dependents retry every 30 s).
import { afterEach, describe, expect, it } from 'vitest';
import { DEPENDENTS, helmReleaseRow, openDialog, selectHelmRelease, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, fix the dependency chain', () => {
  it('D on velero: root first, then every dependent in order; y → velero Ready', async () => {
    term = await startDemo();
    const before = await selectHelmRelease(term, 'velero', 'velero');
    expect(before).toMatch(helmReleaseRow('velero', 'velero', 'Waiting'));

    const dialog = await openDialog(term, 'D');
    const steps = [
      '1. Reconcile HelmRelease kyverno/kyverno with reset',
      ...DEPENDENTS.map((name, i) => `${i + 2}. Then reconcile HelmRelease ${name}/${name}`),
    ];
    const at = steps.map((step) => dialog.indexOf(step));
    expect(
      steps.filter((_, i) => (at[i] ?? -1) < 0),
      `steps missing from the plan:\n${dialog}`,
    ).toEqual([]);
    expect(
      [...at].sort((a, b) => a - b),
      'the steps in chain order',
    ).toEqual(at);
    expect(dialog).toContain('$ flux reconcile helmrelease kyverno --reset -n kyverno');
    expect(dialog).toContain('$ flux reconcile helmrelease velero -n velero');

    term.keys('y');
    // Progress: which link it is on, out of nine (kyverno and its eight dependents).
    await term.waitFor(/⟳ Fix the dependency chain of HelmRelease velero\/velero.* step \d\/9/, 30_000);
    await term.waitFor(helmReleaseRow('kyverno', 'kyverno', 'Ready'), 60_000);
    const done = await term.waitFor(helmReleaseRow('velero', 'velero', 'Ready'), 120_000);
    for (const name of DEPENDENTS) expect(done).toMatch(helmReleaseRow(name, name, 'Ready'));
    await term.waitFor(/✔ succeeded Fix the dependency chain of HelmRelease velero\/velero/, 30_000);
  }, 240_000);
});
