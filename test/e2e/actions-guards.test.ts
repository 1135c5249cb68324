// Issue 4, nothing changes the cluster by accident: a dialog answered with anything but `y` changes nothing
// (and the audit log says it was cancelled); with --readonly the action keys are refused with the reason and
// hidden from the hint line.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { binding, formatKeys, KEYMAP } from '../../src/keymap.js';
import {
  helmReleaseRow,
  openDialog,
  press,
  readAudit,
  selectHelmRelease,
  selectRow,
  startDemo,
  waitForAudit,
  waitForScreen,
} from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

/** The hint area: the lines of `<key> label` hints at the bottom (as many as the width needs). */
const hintLine = (screen: string) => {
  const lines = screen.trimEnd().split('\n');
  let first = lines.length;
  while (first > 0 && lines[first - 1]?.startsWith('<')) first--;
  return lines.slice(first).join('\n');
};
const DANGEROUS = KEYMAP.filter((b) => b.dangerous);
const hintOf = (command: (typeof DANGEROUS)[number]['command']) =>
  `<${formatKeys(command, { first: true })}> ${binding(command).label}`;

describe('fluxdeck --demo, guards', () => {
  it('n in the suspend dialog changes nothing and the audit log records the cancel', async () => {
    term = await startDemo();
    const before = await selectHelmRelease(term, 'cert-manager', 'cert-manager');
    expect(before).toMatch(helmReleaseRow('cert-manager', 'cert-manager', 'Ready'));

    const dialog = await openDialog(term, 's');
    expect(dialog).toContain('Suspend HelmRelease cert-manager/cert-manager');
    expect(dialog).toContain('$ flux suspend helmrelease cert-manager -n cert-manager');

    const after = await press(term, 'n', /cancelled Suspend HelmRelease cert-manager\/cert-manager/);
    expect(after).not.toContain('Proceed?');
    expect(after).toMatch(helmReleaseRow('cert-manager', 'cert-manager', 'Ready'));
    expect(after).not.toMatch(helmReleaseRow('cert-manager', 'cert-manager', 'Suspended'));

    const audit = await waitForAudit(term, 'the cancelled suspend', (entries) => entries.length > 0);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'suspend',
      outcome: 'cancelled',
      context: 'fluxdeck-sim',
      targets: ['HelmRelease/cert-manager/cert-manager'],
    });
    // The demo's actions are recorded in the demo's own folder, never in the user's audit log.
    expect(term.auditLogPath).toMatch(/\/fluxdeck-demo-[^/]+\/audit\.log$/);
    expect(existsSync(term.userAuditLogPath)).toBe(false);
    term.text(':audit');
    const listed = await press(term, 'Enter', /audit log: .*fluxdeck-demo-/);
    expect(listed).toContain('suspend');
  }, 90_000);

  it('--readonly: an action key is refused with the reason, nothing happens, the hint line has no actions', async () => {
    // The same screen without --readonly advertises the actions (so the check below can fail).
    term = await startDemo();
    expect(hintLine(term.screen())).toContain(hintOf('reconcile'));
    term.stop();

    term = await startDemo({ extra: ['--readonly'] });
    const home = await selectRow(term, /^>\s+HelmRelease\s+kyverno\s+kyverno\s+Stalled\s/);
    expect(home.split('\n')[0]).toMatch(/^fluxdeck\s+DEMO\s+READ-ONLY\s/);
    const hints = hintLine(home);
    expect(hints).toContain('<enter> details');
    for (const b of DANGEROUS) expect(hints).not.toContain(hintOf(b.command));

    const refused = await press(term, 'r', /reconcile: refused — .*--readonly/);
    expect(refused).toContain('fluxdeck runs with --readonly and never changes the cluster');
    expect(refused).not.toContain('Proceed?');
    await press(term, 'D', /fix chain: refused — .*--readonly/);
    const still = await waitForScreen(term, 'no dialog', (s) => !s.includes('Proceed?'));
    expect(still).toMatch(/^>\s+HelmRelease\s+kyverno\s+kyverno\s+Stalled\s/m);
    expect(readAudit(term)).toEqual([]);
  }, 120_000);
});
