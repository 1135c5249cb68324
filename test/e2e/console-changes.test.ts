// Issue 18 (3), what changed, for a HelmRelease: from the table, `c` on the failing kyverno opens the details
// on Changes — the failing revision against the last good one, from Helm's storage Secrets.
import { afterEach, describe, expect, it } from 'vitest';
import { press, runCommand, selectHelmRelease, selectRow, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, what the failed kyverno upgrade changed', () => {
  it('c on the HelmRelease: chart, values and rendered objects between v4 (last good) and v8', async () => {
    term = await startDemo({ columns: 120, rows: 40 });
    await selectHelmRelease(term, 'kyverno', 'kyverno');
    const screen = await press(term, 'c', 'Changes from v4 to v8');
    expect(screen).toMatch(/from\s+v4 deployed — kyverno 3\.2\.6/);
    expect(screen).toMatch(/to\s+v8 failed — kyverno 3\.3\.0/);
    expect(screen).toContain('kyverno 3.2.6 → kyverno 3.3.0');
    expect(screen).toContain('~ admissionController.replicas: 3 → 4');
    expect(screen).toContain('+ features.policyExceptions.enabled: true');
    expect(screen).toMatch(/Objects \(0 added, 0 removed, 3 changed, 0 unchanged\)/);
    expect(screen).toContain('~ Deployment kyverno/kyverno  changed');
  });

  it('c on the Kustomization that fails to build: applied against attempted revision, its source, its inventory', async () => {
    term = await startDemo({ columns: 120, rows: 40 });
    await runCommand(term, 'ks', /^Kustomizations\(all\)/m);
    await selectRow(term, /^>\s+flux-system\s+platform-config\s/);
    const screen = await press(term, 'c', 'Revisions');
    expect(screen).toMatch(/last attempted\s+\S+\s+\(not applied\)/);
    expect(screen).toContain('is what fails');
    expect(screen).toMatch(/Source now\n\s+GitRepository\/flux-system\/\S+/);
    expect(screen).toMatch(/Inventory \(\d+ objects\)/);
  });
});
