// Issue 20 (5), several clusters at once: two simulated clusters (the runbook's incident as prod-eu, a quiet
// one as staging) and a context that does not exist, in one kubeconfig; `fluxdeck --context
// prod-eu,staging,gone` shows each context's state and prod-eu's failures with a CONTEXT column; enter opens
// a row in its own context, `:fleet` comes back, and an action key asks its confirmation in the row's
// context — named, and marked as production. `fluxdeck --fleet` opens the same fleet from the config file's
// `fleet:` list (written under the test's own XDG_CONFIG_HOME), and the fleet's `/` filter survives a visit
// to a context.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { configHome } from '../support/config-files.js';
import {
  applyFilter,
  press,
  runCommand,
  STARTUP_MS,
  selectRow,
  startConsole,
  waitForScreen,
} from './support/console.js';
import type { Terminal } from './support/terminal.js';

let prod: SimHandle;
let staging: SimHandle;
let kubeconfig: string;
let term: Terminal | undefined;

/** One kubeconfig naming each simulator's cluster, user and context as asked. */
function merge(parts: readonly [SimHandle, string][]): string {
  const merged = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [] as unknown[],
    contexts: [] as unknown[],
    users: [] as unknown[],
  };
  for (const [sim, name] of parts) {
    const k = parse(readFileSync(sim.kubeconfigPath, 'utf8'));
    merged.clusters.push({ name, cluster: k.clusters[0].cluster });
    merged.users.push({ name, user: k.users[0].user });
    merged.contexts.push({ name, context: { cluster: name, user: name } });
  }
  const path = join(mkdtempSync(join(tmpdir(), 'fluxdeck-fleet-')), 'kubeconfig');
  writeFileSync(path, stringify({ ...merged, 'current-context': parts[0]?.[1] }), { mode: 0o600 });
  return path;
}

beforeAll(async () => {
  [prod, staging] = await Promise.all([
    startSim({ scenario: 'runbook', controllers: false }),
    startSim({ scenario: 'empty', objects: 20, controllers: false }),
  ]);
  kubeconfig = merge([
    [prod, 'prod-eu'],
    [staging, 'staging'],
  ]);
}, STARTUP_MS);
afterAll(async () => {
  await Promise.all([prod?.stop(), staging?.stop()]);
});
afterEach(() => {
  term?.stop();
  term = undefined;
});

const FLEET_READY = /3 contexts, 2 live[\s\S]*Fleet\(failing in 3 contexts\)[\s\S]*velero/;

describe('fluxdeck --context a,b,c: the fleet', () => {
  it('shows every context’s state and the failures of all in one table; enter and :fleet go and come back', async () => {
    term = await startConsole({
      args: ['--kubeconfig', kubeconfig, '--context', 'prod-eu,staging,gone'],
      columns: 140,
      rows: 40,
      ready: FLEET_READY,
    });
    const screen = term.screen();
    expect(screen).toMatch(/^fluxdeck {2}FLEET {2}3 contexts, 2 live {2}failing \d+/m);
    expect(screen).toMatch(/^ {2}prod-eu \(PRODUCTION\?\) +live, \d+ of \d+ failing/m);
    expect(screen).toMatch(/^ {2}staging +live, all 20 ready/m);
    expect(screen).toMatch(/^ {2}gone +not opened: context "gone" not found/m);
    expect(screen).toMatch(/CONTEXT +KIND +NAMESPACE +NAME +STATUS +FAILING FOR/);
    expect(screen).toMatch(/^> prod-eu +\S+/m);
    // staging is all ready: none of its objects is a row.
    expect(screen).not.toMatch(/^[> ] staging +[A-Z][a-zA-Z]+ /m);

    await selectRow(term, /^>\s+prod-eu\s+HelmRelease\s+kyverno\s+kyverno\s/);
    const opened = await press(term, 'Enter', /^fluxdeck ctx prod-eu/m);
    expect(opened).toMatch(/^> HelmRelease +kyverno +kyverno +Stalled/m);
    await runCommand(term, 'fleet', FLEET_READY);
  });

  it('asks an action in the row’s own context, named in the confirmation and marked as production', async () => {
    term = await startConsole({
      args: ['--kubeconfig', kubeconfig, '--context', 'prod-eu,staging,gone'],
      columns: 140,
      rows: 40,
      ready: FLEET_READY,
    });
    await selectRow(term, /^>\s+prod-eu\s+HelmRelease\s+kyverno\s+kyverno\s/);
    const dialog = await press(term, 'r', /Proceed\? <y> yes/);
    expect(dialog).toMatch(/Reconcile HelmRelease kyverno\/kyverno/);
    expect(dialog).toMatch(/Context: prod-eu \(PRODUCTION\?\)/);
    expect(dialog).toMatch(/--context prod-eu/);
    const cancelled = await press(term, 'n', /^fluxdeck ctx prod-eu/m);
    expect(cancelled).not.toMatch(/Proceed\?/);
  });
});

describe('fluxdeck --fleet: the fleet of the config file', () => {
  it('opens the contexts its fleet: names, says which entry names none, and keeps its / filter across a visit', async () => {
    term = await startConsole({
      args: ['--kubeconfig', kubeconfig, '--fleet'],
      env: { XDG_CONFIG_HOME: configHome('fleet:\n  - /^prod-/\n  - staging\n  - lab-*\n') },
      columns: 140,
      rows: 40,
      ready: /2 contexts, 2 live[\s\S]*Fleet\(failing in 2 contexts\)[\s\S]*velero/,
    });
    const screen = term.screen();
    expect(screen).toMatch(/^ {2}prod-eu \(PRODUCTION\?\) +live, \d+ of \d+ failing/m);
    expect(screen).toMatch(/^ {2}staging +live, all 20 ready/m);
    expect(screen).toMatch(/^ {2}lab-\* +matches no context in the kubeconfig \(fleet: in config\.yaml:4\)/m);

    // A /regex/: the rows whose context, kind, namespace, name or message is exactly kyverno.
    const filtered = await applyFilter(term, '/^kyverno$/');
    expect(filtered).toMatch(/Fleet\(failing in 2 contexts\) <\/\/\^kyverno\$\/> \[1\/1\]/);
    expect(filtered).toMatch(/^> prod-eu +HelmRelease +kyverno +kyverno /m);
    expect(filtered).not.toContain('velero');

    await press(term, 'Enter', /^fluxdeck ctx prod-eu/m);
    const back = await runCommand(
      term,
      'fleet',
      /Fleet\(failing in 2 contexts\) <\/\/\^kyverno\$\/> \[1\/1\]/,
    );
    expect(back).toMatch(/^> prod-eu +HelmRelease +kyverno +kyverno /m);
    term.keys('Escape');
    await waitForScreen(
      term,
      'the filter cleared',
      (s) => !s.includes('<//^kyverno$/>') && s.includes('velero'),
    );
  });

  it('lets --context win over the file’s list', async () => {
    term = await startConsole({
      args: ['--kubeconfig', kubeconfig, '--fleet', '--context', 'staging,prod-eu'],
      env: { XDG_CONFIG_HOME: configHome('fleet: [lab-*]\n') },
      columns: 140,
      rows: 40,
      ready: /2 contexts, 2 live[\s\S]*velero/,
    });
    expect(term.screen()).not.toContain('lab-*');
  });
});
