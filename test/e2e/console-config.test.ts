// The config file as a user writes it: a rule for the demo's context makes it read-only and opens on the
// HelmReleases; a flag still wins over the file.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { press, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

function configHome(text: string): string {
  const home = mkdtempSync(join(tmpdir(), 'fluxdeck-config-'));
  mkdirSync(join(home, 'fluxdeck'));
  writeFileSync(join(home, 'fluxdeck', 'config.yaml'), text);
  return home;
}

const CONFIG = `contexts:
  - match: fluxdeck-*
    readonly: true
    view: hr
`;

describe('fluxdeck --demo with a config file', () => {
  it('applies the context rule: read-only, first view HelmReleases; s is refused', async () => {
    term = await startDemo({
      columns: 120,
      rows: 40,
      env: { XDG_CONFIG_HOME: configHome(CONFIG) },
      ready: /^HelmReleases\(all\) \[\d+\/\d+\]/m,
    });
    expect(term.screen()).toMatch(/READ-?ONLY/);
    await press(term, 's', /refused — fluxdeck runs with --readonly/);
  });

  it('lets a flag win over the file', async () => {
    term = await startDemo({
      columns: 120,
      rows: 40,
      env: { XDG_CONFIG_HOME: configHome(CONFIG) },
      extra: ['--view', 'ks'],
      ready: /^Kustomizations\(all\) \[\d+\/\d+\]/m,
    });
    expect(term.screen()).toMatch(/READ-?ONLY/);
  });
});
