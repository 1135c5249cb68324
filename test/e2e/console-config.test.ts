// The config file as a user writes it: a rule for the demo's context makes it read-only and opens on the
// HelmReleases; a flag still wins over the file.
import { afterEach, describe, expect, it } from 'vitest';
import { configHome } from '../support/config-files.js';
import { KEY_MS, press, runCommand, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

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

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape codes is the point
const SGR = /\u001B\[([0-9;]*)m/g;

const sgrParams = (text: string) => [...text.matchAll(SGR)].flatMap((m) => (m[1] ?? '').split(';'));

/** The SGR parameters that set a colour (tmux writes 256 colours as 38;5;N, so 38 and 48 count too). */
function colourCodes(text: string): string[] {
  return sgrParams(text).filter((p) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(p));
}

const LOOK = `skin: high-contrast
aliases:
  dep: ks
contexts:
  - match: fluxdeck-sim
    skin: monochrome
    aliases:
      prod-hr: hr
`;

describe('fluxdeck --demo with a skin and aliases in the config file', () => {
  it("draws the demo's context with its rule's skin (no colour, inverse selection) and takes both aliases", async () => {
    term = await startDemo({
      columns: 120,
      rows: 40,
      env: { XDG_CONFIG_HOME: configHome(LOOK) },
    });
    // The status words stay without colour.
    await term.waitFor(/^> .* (Failed|Stalled|Suspended|Waiting) /m, KEY_MS);
    const styled = term.styledScreen();
    // tmux merges attributes (`ESC[2;7m`): the selected row's codes include 7, inverse.
    const selected = styled.split('\n').find((l) => l.replace(SGR, '').startsWith('> ')) ?? '';
    expect(sgrParams(selected)).toContain('7');
    expect(colourCodes(styled)).toEqual([]);
    await runCommand(term, 'prod-hr', /^HelmReleases\(all\) \[\d+\/\d+\]/m);
    await runCommand(term, 'dep', /^Kustomizations\(all\) \[\d+\/\d+\]/m);
  });

  it('lets --skin win over the context rule: colour again', async () => {
    term = await startDemo({
      columns: 120,
      rows: 40,
      env: { XDG_CONFIG_HOME: configHome(LOOK) },
      extra: ['--skin', 'high-contrast'],
    });
    expect(colourCodes(term.styledScreen())).not.toEqual([]);
  });
});
