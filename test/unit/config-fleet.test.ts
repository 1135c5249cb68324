// The config file's `fleet:` (issue 20, item 5): the contexts `fluxdeck --fleet` opens, written as names,
// globs and /regex/ as the context rules match them; matched against the kubeconfig's contexts in its order,
// each once; entries that name none said; the command line's contexts win; `fluxdeck config` says which.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli-args.js';
import { contextMatches, matchContexts } from '../../src/config/context-match.js';
import { effectiveFleet, fleetMembers } from '../../src/config/fleet-settings.js';
import { parseConfig } from '../../src/config/schema.js';
import { writeKubeconfig } from '../support/config-files.js';
import { configCommand, consoleOptions } from '../support/console-options.js';

const CONTEXTS = ['kind-dev', 'prod-us', 'staging', 'prod-eu', 'lab'];

const FILE = `defaults:
  view: failing
fleet:
  - prod-*
  - staging
  - /^kind-/
  - lab-?
`;

describe('the fleet: list of the config file', () => {
  it('reads names, globs and /regex/ with their lines', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    expect(config.problems).toEqual([]);
    expect(config.fleet).toEqual({
      line: 3,
      patterns: [
        { match: 'prod-*', line: 4 },
        { match: 'staging', line: 5 },
        { match: '/^kind-/', line: 6 },
        { match: 'lab-?', line: 7 },
      ],
    });
    expect(parseConfig('/c/config.yaml', 'fleet: [prod-eu, "/eu$/"]\n').fleet?.patterns).toEqual([
      { match: 'prod-eu', line: 1 },
      { match: '/eu$/', line: 1 },
    ]);
  });

  it('says what is wrong on its line, and keeps the entries that are right', () => {
    const config = parseConfig(
      '/c/config.yaml',
      `fleet:
  - prod-*
  - ""
  - { match: x }
  - /(unclosed/
  - prod-*
  -
  - staging
`,
    );
    expect(config.problems).toEqual([
      '/c/config.yaml:3: fleet[1] must be a context name, a glob (prod-*) or a /regex/',
      '/c/config.yaml:4: fleet[2] must be a context name, a glob (prod-*) or a /regex/',
      expect.stringMatching(
        /^\/c\/config\.yaml:5: fleet\[3\] "\/\(unclosed\/" is not a valid regular expression \(.+\)$/,
      ),
      '/c/config.yaml:6: fleet[4] "prod-*" is listed already',
      '/c/config.yaml:7: fleet[5] must be a context name, a glob (prod-*) or a /regex/',
    ]);
    expect(config.fleet?.patterns.map((p) => p.match)).toEqual(['prod-*', 'staging']);
    const scalar = parseConfig('/c/config.yaml', 'fleet: prod-*\n');
    expect(scalar.fleet).toBeUndefined();
    expect(scalar.problems).toEqual([
      '/c/config.yaml:1: fleet must be a list of contexts, each a context name, a glob (prod-*) or a /regex/',
    ]);
    const empty = parseConfig('/c/config.yaml', 'fleet: []\n');
    expect(empty.fleet).toBeUndefined();
    expect(empty.problems).toEqual([
      '/c/config.yaml:1: fleet is empty: list the contexts `fluxdeck --fleet` opens',
    ]);
  });

  it('a context rule with an invalid /regex/ is a problem too (it could match nothing)', () => {
    const config = parseConfig('/c/config.yaml', 'contexts:\n  - match: /[/\n    readonly: true\n');
    expect(config.contexts).toEqual([]);
    expect(config.problems).toEqual([
      expect.stringMatching(
        /^\/c\/config\.yaml:2: contexts\[0\]\.match "\/\[\/" is not a valid regular expression/,
      ),
    ]);
  });
});

describe('matching the fleet against the kubeconfig', () => {
  it('takes the contexts any entry names, in the kubeconfig’s order, each once', () => {
    expect(contextMatches('lab-?', 'lab-1')).toBe(true);
    expect(contextMatches('lab-?', 'lab-12')).toBe(false);
    expect(contextMatches('prod.eu', 'prod-eu')).toBe(false);
    const { names, unmatched } = matchContexts(['staging', 'prod-*', '/^prod-/', 'lab-?'], CONTEXTS);
    expect(names).toEqual(['prod-us', 'staging', 'prod-eu']);
    expect(unmatched).toEqual(['lab-?']);
  });

  it('opens the file’s fleet for --fleet, with the entries that name no context and where they are', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    expect(fleetMembers('config', config, CONTEXTS, config.path)).toEqual({
      names: ['kind-dev', 'prod-us', 'staging', 'prod-eu'],
      unmatched: [{ match: 'lab-?', where: 'config.yaml:7' }],
    });
  });

  it('says why there is nothing to open', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    expect(fleetMembers('config', undefined, CONTEXTS, '/c/config.yaml')).toEqual({
      error: expect.stringMatching(
        /^--fleet opens the config file's `fleet:` list, and there is no config file \(\/c\/config\.yaml\): /,
      ),
    });
    expect(fleetMembers('config', parseConfig('/c/config.yaml', 'skin: default\n'), CONTEXTS, '')).toEqual({
      error: expect.stringContaining('/c/config.yaml has none that can be used'),
    });
    expect(fleetMembers('config', config, ['other'], config.path)).toEqual({
      error: expect.stringMatching(
        /^no context of the kubeconfig matches the fleet of config\.yaml:3 \(prod-\*, staging, \/\^kind-\/, lab-\?\): /,
      ),
    });
    expect(fleetMembers('all', config, [], config.path)).toEqual({
      error: 'the kubeconfig names no context: there is no fleet to show',
    });
  });

  it('lets the command line’s contexts win over the file', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    expect(fleetMembers(['a', 'b'], config, CONTEXTS, config.path)).toEqual({
      names: ['a', 'b'],
      unmatched: [],
    });
    expect(fleetMembers('all', config, CONTEXTS, config.path)).toEqual({ names: CONTEXTS, unmatched: [] });
    expect(effectiveFleet(['a', 'b'], config)).toEqual({
      value: 'a, b',
      source: '--context (wins over config.yaml:3)',
    });
    expect(effectiveFleet('all', config).source).toBe('--all-contexts (wins over config.yaml:3)');
    expect(effectiveFleet('config', config)).toEqual({
      value: 'prod-*, staging, /^kind-/, lab-?',
      source: 'config.yaml:3 (fleet; fluxdeck --fleet opens it)',
    });
    expect(effectiveFleet(undefined, undefined)).toEqual({ value: '(not set)', source: 'built-in' });
  });
});

describe('--fleet on the command line', () => {
  it('asks for the file’s fleet, unless --context or --all-contexts name the contexts', () => {
    expect(consoleOptions(['--fleet'])).toMatchObject({ fleet: 'config', context: undefined });
    expect(consoleOptions(['--fleet', '--context', 'a,b'])).toMatchObject({ fleet: ['a', 'b'] });
    expect(consoleOptions(['--context', 'a', '--fleet'])).toMatchObject({ fleet: ['a'], context: undefined });
    expect(consoleOptions(['--fleet', '--all-contexts'])).toMatchObject({ fleet: 'all' });
    expect(consoleOptions([])).toMatchObject({ fleet: undefined });
    expect(parseCommandLine(['--demo', '--fleet'])).toEqual({
      mode: 'error',
      message: 'the demo is one simulated cluster: drop --fleet, --all-contexts or the context list',
    });
  });
});

describe('fluxdeck config and the fleet', () => {
  it('shows the fleet row with where it comes from, and what the file’s fleet opens', async () => {
    const first = await configCommand(FILE, []);
    const { code, text } = await configCommand(FILE, ['--kubeconfig', writeKubeconfig(first.home, CONTEXTS)]);
    expect(code).toBe(0);
    expect(text).toMatch(
      /^fleet\s+prod-\*, staging, \/\^kind-\/, lab-\?\s+config\.yaml:3 \(fleet; fluxdeck --fleet opens it\)$/m,
    );
    expect(text).toContain('fleet (--fleet): kind-dev, prod-us, staging, prod-eu');
    expect(text).toContain('  config.yaml:7: "lab-?" matches no context of the kubeconfig');
  });

  it('says the command line wins', async () => {
    const { text } = await configCommand(FILE, ['--context', 'prod-eu,staging']);
    expect(text).toMatch(/^fleet\s+prod-eu, staging\s+--context \(wins over config\.yaml:3\)$/m);
    expect(text).not.toContain('fleet (--fleet)');
  });
});
