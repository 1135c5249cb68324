import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli-args.js';
import { staticWords } from '../../src/commands/completion.js';
import { contextOptions } from '../../src/config/console-settings.js';
import { parseConfig } from '../../src/config/schema.js';
import {
  completeCommandLine,
  expandAlias,
  parseCommandLine as parseColonLine,
} from '../../src/hooks/command-line.js';
import { configCommand, consoleOptions } from '../support/console-options.js';

const FILE = `skin: light-terminal
aliases:
  dep: kustomizations
  prod-hr: hr
logs:
  pane: split
  scope: all
contexts:
  - match: prod-*
    skin: high-contrast
    aliases:
      dep: hr
      chain: timeline chain
    logs:
      wrap: true
`;

describe('skin, logs and aliases in the config file', () => {
  it('reads them at the top level as defaults and per context rule, with sources', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    expect(config.problems).toEqual([]);
    const dev = contextOptions(consoleOptions([]), config, 'dev');
    expect(dev.skin).toBe('light-terminal');
    expect(dev.effective.skin.source).toBe('config.yaml:1 (defaults)');
    expect(dev.logs).toEqual({ pane: 'split', scope: 'all', wrap: false });
    expect(dev.effective.logsPane.source).toBe('config.yaml:6 (defaults)');
    expect(dev.effective.logsWrap.source).toBe('built-in');
    expect(dev.aliases).toEqual({ dep: 'kustomizations', 'prod-hr': 'hr' });

    const prod = contextOptions(consoleOptions([]), config, 'prod-eu');
    expect(prod.skin).toBe('high-contrast');
    expect(prod.effective.skin.source).toBe('config.yaml:10 (context rule prod-*)');
    expect(prod.logs).toEqual({ pane: 'split', scope: 'all', wrap: true });
    expect(prod.effective.logsWrap.source).toBe('config.yaml:15 (context rule prod-*)');
    // The rule's aliases add to the defaults' and win by name.
    expect(prod.aliases).toEqual({ dep: 'hr', 'prod-hr': 'hr', chain: 'timeline chain' });
    expect(prod.effective.aliases).toContainEqual({
      name: 'prod-hr',
      target: 'hr',
      source: 'config.yaml:4 (defaults)',
    });
    expect(prod.effective.aliases).toContainEqual({
      name: 'dep',
      target: 'hr',
      source: 'config.yaml:12 (context rule prod-*)',
    });
  });

  it('lets --skin win over the file, and refuses an unknown one on the command line', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    const prod = contextOptions(consoleOptions(['--skin', 'monochrome']), config, 'prod-eu');
    expect(prod.skin).toBe('monochrome');
    expect(prod.effective.skin.source).toBe('--skin');
    expect(parseCommandLine(['--skin', 'neon'])).toEqual({
      mode: 'error',
      message: 'unknown skin "neon": use default, light-terminal, high-contrast, monochrome',
    });
    expect(contextOptions(consoleOptions([]), undefined, 'x').skin).toBe('default');
  });

  it('says what is wrong with file and line, names the known skins, and keeps the rest', () => {
    const config = parseConfig(
      '/c/config.yaml',
      `defaults:
  skin: neon
  aliases:
    dep: deployments
    hr: ks
    Bad_Name: hr
    fine: helmreleases
  logs:
    pane: side
    level: error
    wrap: true
contexts:
  - match: prod-*
    skin: 3
`,
    );
    expect(config.problems).toEqual([
      '/c/config.yaml:2: defaults.skin "neon" is not a skin (known: default, light-terminal, high-contrast, monochrome)',
      '/c/config.yaml:4: defaults.aliases.dep: "deployments" is not a : word fluxdeck knows (such as hr, ks, failing, timeline chain, ns NAME)',
      '/c/config.yaml:5: defaults.aliases.hr: :hr is a word of fluxdeck already; choose another name',
      '/c/config.yaml:6: defaults.aliases.bad_name: an alias is one word of letters, digits and dashes',
      '/c/config.yaml:9: defaults.logs.pane must be hidden, split, full',
      '/c/config.yaml:10: defaults.logs: unknown setting "level" (known: pane, scope, wrap)',
      '/c/config.yaml:14: contexts[0].skin "3" is not a skin (known: default, light-terminal, high-contrast, monochrome)',
    ]);
    const prod = contextOptions(consoleOptions([]), config, 'prod-eu');
    expect(prod.skin).toBe('default');
    expect(prod.aliases).toEqual({ fine: 'helmreleases' });
    expect(prod.logs).toEqual({ pane: 'hidden', scope: 'object', wrap: true });
  });

  it('fluxdeck config prints the skin, the logs defaults and each alias with where it comes from', async () => {
    const { code, text } = await configCommand(FILE, ['--context', 'prod-eu']);
    expect(code).toBe(0);
    expect(text).toMatch(/^skin\s+high-contrast\s+config\.yaml:10 \(context rule prod-\*\)$/m);
    expect(text).toMatch(/^logs\.pane\s+split\s+config\.yaml:6 \(defaults\)$/m);
    expect(text).toMatch(/^logs\.scope\s+all\s+config\.yaml:7 \(defaults\)$/m);
    expect(text).toMatch(/^logs\.wrap\s+true\s+config\.yaml:15 \(context rule prod-\*\)$/m);
    expect(text).toMatch(/^alias :prod-hr\s+hr\s+config\.yaml:4 \(defaults\)$/m);
    expect(text).toMatch(/^alias :chain\s+timeline chain\s+config\.yaml:13 \(context rule prod-\*\)$/m);
  });
});

describe('aliases on the : line', () => {
  const aliases = { 'prod-hr': 'hr', chain: 'timeline chain', apps: 'ns' };

  it('stand for their line, arguments kept; other words are untouched', () => {
    expect(parseColonLine(expandAlias('prod-hr', aliases))).toEqual({
      type: 'view',
      target: { view: 'helmreleases' },
    });
    expect(parseColonLine(expandAlias(' Chain ', aliases))).toEqual({ type: 'timeline-chain' });
    expect(parseColonLine(expandAlias('apps podinfo', aliases))).toEqual({
      type: 'namespace',
      namespace: 'podinfo',
    });
    expect(expandAlias('ks', aliases)).toBe('ks');
    expect(expandAlias('constructor', aliases)).toBe('constructor');
  });

  it('are offered by completion', () => {
    expect(completeCommandLine('prod', { namespaces: [], contexts: [], aliases: ['prod-hr'] })).toContain(
      'prod-hr',
    );
  });
});

describe('--skin on the command line', () => {
  it('is completed by the shells with the skin names', () => {
    expect(staticWords('skins', undefined)).toEqual([
      'default',
      'light-terminal',
      'high-contrast',
      'monochrome',
    ]);
    expect(staticWords('flags', undefined)).toContain('--skin');
  });
});
