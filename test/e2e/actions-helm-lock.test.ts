// Issue 4, the runbook's "another operation in progress": `x` on podinfo decodes its Helm release Secrets,
// names the one pending Secret it will delete and who suspended the release; resuming someone else's
// suspension is off until `u` turns it on, and after `y` the release (resumed) reconciles to Ready.
import { afterEach, describe, expect, it } from 'vitest';
import { helmReleaseRow, openDialog, selectHelmRelease, startDemo, waitForAudit } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, clear a stuck Helm lock', () => {
  it('x on podinfo: the release Secrets, the pending one to delete; y → podinfo Ready', async () => {
    term = await startDemo();
    const before = await selectHelmRelease(term, 'apps', 'podinfo');
    expect(before).toMatch(helmReleaseRow('apps', 'podinfo', 'Suspended'));

    const dialog = await openDialog(term, 'x');
    expect(dialog).toContain('Clear the Helm lock of HelmRelease apps/podinfo');
    // The decoded release Secrets, newest first.
    const history = [
      'v3 pending-upgrade — podinfo 6.8.0',
      'v2 deployed — podinfo 6.7.0',
      'v1 superseded — podinfo 6.6.0',
    ].map((line) => dialog.indexOf(line));
    expect(
      history.every((at) => at >= 0),
      `the Helm history in the dialog:\n${dialog}`,
    ).toBe(true);
    expect([...history].sort((a, b) => a - b)).toEqual(history);
    expect(dialog).toContain(
      'Delete the Secret sh.helm.release.v1.podinfo.v3 in namespace apps (revision 3, pending-upgrade) — only this one',
    );
    expect(dialog).toContain('$ kubectl delete secret sh.helm.release.v1.podinfo.v3 -n apps');
    expect(dialog).not.toMatch(/delete secret sh\.helm\.release\.v1\.podinfo\.v[12]\b/);
    // jane.doe suspended it, not us: it stays suspended unless we opt in.
    expect(dialog).toContain('podinfo was suspended by jane.doe@acme.example');
    expect(dialog).toContain('Leave podinfo suspended');
    expect(dialog).not.toContain('$ flux resume helmrelease podinfo');

    term.keys('u');
    const optedIn = await term.waitFor(/resuming is ON/, 15_000);
    expect(optedIn).toContain('2. Resume HelmRelease apps/podinfo (it is suspended) and request a reconcile');
    term.keys('y');
    const done = await term.waitFor(/✔ succeeded Clear the Helm lock of HelmRelease apps\/podinfo/, 60_000);
    expect(done).not.toContain('Proceed?');
    await term.waitFor(helmReleaseRow('apps', 'podinfo', 'Ready'), 30_000);
    const entries = await waitForAudit(term, 'the outcome', (all) => all.some((e) => e.phase === 'outcome'));
    const outcomes = entries.filter((e) => e.action === 'clear-helm-lock').map((e) => e.outcome);
    expect(outcomes).toEqual(['confirmed', 'succeeded']);
  }, 120_000);
});
