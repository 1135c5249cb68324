// Issue 3, reading the incident: `:hr` lists the chain, details show kyverno's conditions and Helm history,
// the logs pane shows helm-controller's lines about kyverno, `?` lists the key table, `/` filters, `q` quits
// and gives the terminal back. Each test runs its own `fluxdeck --demo` at 120x40.
import { afterEach, describe, expect, it } from 'vitest';
import { formatKeys, KEYMAP } from '../../src/keymap.js';
import {
  applyFilter,
  CHAIN,
  escapeRegExp,
  KEY_MS,
  lineOf,
  press,
  runCommand,
  selectedLine,
  selectRow,
  startDemo,
  waitForScreen,
} from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

const KYVERNO_ROW = /^>\s+HelmRelease\s+kyverno\s+kyverno\s+Stalled\s/;
const NAMESPACES: Readonly<Record<string, string>> = { 'istio-base': 'istio-system' };

describe('fluxdeck --demo, reading the incident', () => {
  it(':hr lists the whole chain istio-base … velero with their statuses', async () => {
    term = await startDemo();
    const screen = await runCommand(term, 'hr', /^HelmReleases\(all\) \[\d+\/\d+\]/m);
    const expected = (name: string) =>
      name === 'kyverno' ? 'Stalled' : CHAIN.indexOf(name as never) < 2 ? 'Ready' : 'Waiting';
    for (const name of CHAIN) {
      const ns = escapeRegExp(NAMESPACES[name] ?? name);
      const row = new RegExp(`^[> ]\\s+${ns}\\s+${escapeRegExp(name)}\\s.*\\s${expected(name)}\\s`, 'm');
      expect(
        screen,
        `${name} is ${expected(name)}; its line: ${lineOf(screen, new RegExp(`\\s${name}\\s`))}`,
      ).toMatch(row);
    }
    // The Failing view's kinds are gone: this is the HelmRelease table (at 120 columns what `flux get hr`
    // shows, no KIND).
    expect(screen).toMatch(/^\s+NAMESPACE\s+NAME\s+REVISION\s+SUSPENDED\s+READY\s+STATUS\s+MESSAGE\s/m);
    expect(screen).not.toMatch(/Kustomization|GitRepository/);
  }, 90_000);

  it('l on kyverno shows helm-controller log lines about kyverno in the logs pane', async () => {
    term = await startDemo();
    await selectRow(term, KYVERNO_ROW);
    const screen = await press(term, 'l', /^Logs \[following\] HelmRelease\/kyverno\/kyverno/m);
    // Filtered to kyverno, a line does not name it again: its message comes first, then the error.
    const logs = await waitForScreen(
      term,
      "helm-controller's lines about kyverno",
      (s) => /^Reconciler error {2}error: /m.test(s) && /^running 'upgrade' action/m.test(s),
      30_000,
    );
    // Its failed upgrades, as helm-controller logged them.
    expect(logs).toMatch(/^Reconciler error {2}error: .*kyverno/m);
    expect(logs).toMatch(/^running 'upgrade' action.* {2}· \d\d:\d\d:\d\d info/m);
    // Only kyverno's lines: none names another object (lines of all objects would name theirs).
    const title = logs.split('\n').findIndex((l) => l.startsWith('Logs ['));
    const lines = logs
      .split('\n')
      .slice(title + 1)
      .filter((l) => /^(Reconciler|running)/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/HelmRelease\//);
    // The title names the pods followed (the Failing view follows every controller), helm-controller's among them.
    expect(screen).toMatch(/^Logs \[following\] HelmRelease\/kyverno\/kyverno — /m);
    expect(logs).toMatch(
      // A pod's name, maybe cut (`helm-controller-..`); the controller alone would read `helm-controller ·`.
      /^Logs \[following\] HelmRelease\/kyverno\/kyverno — .*helm-controller-/m,
    );
  }, 90_000);

  it('enter on kyverno shows its conditions and Helm history; esc goes back', async () => {
    term = await startDemo();
    await selectRow(term, KYVERNO_ROW);
    const overview = await press(term, 'Enter', /^Conditions$/m);
    expect(overview).toMatch(/^HelmRelease\/kyverno\/kyverno/m);
    expect(overview).toMatch(/^\s+Ready\s+False\s+UpgradeFailed\s/m);
    expect(overview).toMatch(/^\s+Stalled\s+True\s+RetriesExceeded\s/m);
    expect(overview).toContain('Failed to upgrade after 4 attempt(s)');
    expect(overview).toContain('context deadline exceeded');

    // The tabs, one key at a time: Events, YAML, then the Helm history.
    await press(term, 'Right', /Warning\s+UpgradeFailed/);
    await press(term, 'Right', /^apiVersion: helm\.toolkit\.fluxcd\.io\/v2/m);
    const history = await press(term, 'Right', /^REVISION\s+UPDATED\s+STATUS\s+CHART/m);
    for (const revision of [5, 6, 7, 8])
      expect(history).toMatch(new RegExp(`^${revision}\\s+\\S+\\s+failed\\s+kyverno-3\\.3\\.0\\s`, 'm'));
    expect(history).toMatch(/^4\s+\S+\s+deployed\s+kyverno-3\.2\.6\s/m);
    expect(history).toMatch(/^3\s+\S+\s+superseded\s+kyverno-3\.2\.5\s/m);
    expect(history).toMatch(/^1\s+\S+\s+superseded\s+kyverno-3\.1\.4\s+\S+\s+Install complete/m);

    const back = await press(term, 'Escape', /^Failing\(all\) \[\d+\/\d+\]/m);
    expect(back).not.toMatch(/^REVISION\s+UPDATED/m);
    expect(selectedLine(back)).toMatch(KYVERNO_ROW);
  }, 90_000);

  it('keys typed faster than a frame each see the state the previous one left (→ → → reaches Helm history)', async () => {
    term = await startDemo();
    await selectRow(term, KYVERNO_ROW);
    await press(term, 'Enter', /^Conditions$/m);
    // One tmux command: the three escape sequences reach the console in one read.
    term.keys('Right', 'Right', 'Right');
    await term.waitFor(/^REVISION\s+UPDATED\s+STATUS\s+CHART/m, KEY_MS);
    term.keys('Left', 'Left');
    await term.waitFor(/Warning\s+UpgradeFailed/, KEY_MS);
  }, 90_000);

  it('? lists the key table; / narrows the list and esc clears it', async () => {
    term = await startDemo();
    await press(term, '?', /^Keys — /m);
    // Every binding, as the table describes it, somewhere in the help screen (scrolled with j).
    const missing = new Map(
      KEYMAP.map((b) => [
        b.command,
        new RegExp(
          `^\\s+${escapeRegExp(formatKeys(b.command))}\\s+${escapeRegExp(b.description.slice(0, 40))}`,
          'm',
        ),
      ]),
    );
    let screen = term.screen();
    for (let scrolls = 0; scrolls < 80 && missing.size > 0; scrolls++) {
      for (const [command, pattern] of missing) if (pattern.test(screen)) missing.delete(command);
      if (missing.size === 0) break;
      const before = screen;
      term.keys('j');
      screen = await waitForScreen(term, 'the help screen to scroll', (s) => s !== before).catch(
        () => before,
      );
      if (screen === before) break;
    }
    expect([...missing.keys()], `bindings missing from the help screen:\n${screen}`).toEqual([]);

    const list = await press(term, 'Escape', /^Failing\(all\) \[\d+\/(\d+)\]/m);
    const total = Number(/^Failing\(all\) \[\d+\/(\d+)\]/m.exec(list)?.[1]);
    expect(total).toBeGreaterThan(1);

    const filtered = await applyFilter(term, 'velero');
    expect(filtered).toMatch(/^Failing\(all\) <\/velero> \[1\/1\]/m);
    expect(filtered).toMatch(/^>\s+HelmRelease\s+velero\s+velero\s+Waiting\s/m);
    expect(filtered).not.toMatch(/\skyverno\s+kyverno\s+Stalled\s/);

    const cleared = await press(term, 'Escape', new RegExp(`^Failing\\(all\\) \\[\\d+/${total}\\]`, 'm'));
    expect(cleared).not.toContain('</velero>');
    expect(cleared).toMatch(/\skyverno\s+kyverno\s+Stalled\s/);
  }, 90_000);

  it('q quits with status 0 and gives the terminal back (alternate screen left, cursor shown)', async () => {
    term = await startDemo();
    expect(term.paneState()).toEqual({ alternateScreen: true, cursorVisible: false });
    term.keys('q');
    expect(await term.exitCode(KEY_MS)).toBe(0);
    const screen = term.screen();
    expect(screen).not.toMatch(/DEMO|Failing\(all\)/);
    expect(term.paneState()).toEqual({ alternateScreen: false, cursorVisible: true });
  }, 90_000);
});
