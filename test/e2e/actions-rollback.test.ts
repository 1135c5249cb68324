// Issue 4, the runbook's "HelmRelease stuck after a failed upgrade": `b` on kyverno plans suspend → helm
// rollback to the last good revision, says why that revision, opens with "leave suspended" on (Git still asks for
// the chart that failed); with it turned off the plan resumes, and after `y` kyverno ends Ready (the demo's
// webhook failure was transient, so the upgrade goes through on resume — and the outcome says the rollback is
// undone by it).
import { afterEach, describe, expect, it } from 'vitest';
import {
  helmReleaseRow,
  openDialog,
  press,
  selectHelmRelease,
  startDemo,
  waitForAudit,
} from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, rollback', () => {
  it('b on kyverno: the plan, the last good revision preselected, y → kyverno Ready', async () => {
    term = await startDemo();
    const before = await selectHelmRelease(term, 'kyverno', 'kyverno');
    expect(before).toMatch(helmReleaseRow('kyverno', 'kyverno', 'Stalled'));

    const dialog = await openDialog(term, 'b');
    expect(dialog).toContain('Roll back HelmRelease kyverno/kyverno to revision 4');
    // Preselected from the Helm history: revision 4 is the last deployed one (5–8: failed upgrades to 3.3.0).
    expect(dialog).toMatch(/roll back to: v4 deployed — kyverno 3\.2\.6 .*\(last good\)/);
    expect(dialog).toContain('Last good revision 4: the newest that deployed successfully');
    expect(dialog).toMatch(/1\. Suspend HelmRelease kyverno\/kyverno/);
    expect(dialog).toMatch(/2\. Run helm rollback kyverno 4 in namespace kyverno/);
    expect(dialog).toMatch(/3\. Leave kyverno suspended/);
    expect(dialog).toContain('! Git still asks for kyverno 3.3.0 with the values that failed in revision 8');
    expect(dialog).not.toContain('$ flux resume helmrelease kyverno');

    // The other revisions of the Helm history are a key away: → older, ← newer (a failed one is flagged).
    const older = await press(term, 'Right', 'Roll back HelmRelease kyverno/kyverno to revision 3');
    expect(older).toMatch(/roll back to: v3 superseded — kyverno 3\.2\.5/);
    expect(older).toContain('$ helm rollback kyverno 3 -n kyverno');
    await press(term, 'Left', 'Roll back HelmRelease kyverno/kyverno to revision 4');
    const failed = await press(term, 'Left', 'Roll back HelmRelease kyverno/kyverno to revision 5');
    expect(failed).toContain('! Revision 5 never deployed successfully (failed: Upgrade "kyverno" failed:');
    const back = await press(term, 'Right', 'Roll back HelmRelease kyverno/kyverno to revision 4');
    expect(back).toMatch(/roll back to: v4 deployed — kyverno 3\.2\.6 .*\(last good\)/);

    // Turning "leave suspended" off: the plan resumes at the end, and the resume command joins the others.
    await press(term, 'l', '3. Resume HelmRelease kyverno/kyverno');
    term.keys('Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down');
    await term.waitFor('$ flux resume helmrelease kyverno -n kyverno', 10_000);
    const commands = [
      '$ flux suspend helmrelease kyverno -n kyverno',
      '$ helm rollback kyverno 4 -n kyverno',
    ].map((c) => dialog.indexOf(c));
    expect(
      commands.every((at) => at >= 0),
      `commands at ${commands}:\n${dialog}`,
    ).toBe(true);
    expect([...commands].sort((a, b) => a - b)).toEqual(commands);

    term.keys('y');
    // Progress while it runs (suspend, helm rollback, resume and the upgrade take seconds).
    await term.waitFor(/⟳ Roll back HelmRelease kyverno\/kyverno to revision 4 step \d\/\d/, 30_000);
    const done = await term.waitFor(
      /✔ succeeded Roll back HelmRelease kyverno\/kyverno to revision 4/,
      60_000,
    );
    expect(done).toContain('Rolled back kyverno to revision 4');
    // The demo's webhook deadlock was transient: the chart in Git deploys this time, undoing the rollback.
    expect(done.replace(/\s+/g, ' ')).toContain(
      'upgraded kyverno to kyverno 3.3.0 again — the chart that failed in revision 8 — and this time it deployed',
    );
    expect(done).not.toContain('Proceed?');
    await term.waitFor(helmReleaseRow('kyverno', 'kyverno', 'Ready'), 30_000);

    const entries = await waitForAudit(term, 'the rollback outcome', (all) =>
      all.some((e) => e.phase === 'outcome'),
    );
    const outcomes = entries.filter((e) => e.action === 'rollback').map((e) => e.outcome);
    expect(outcomes).toEqual(['confirmed', 'succeeded']);
  }, 120_000);
});
