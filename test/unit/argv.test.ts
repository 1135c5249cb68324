import { describe, expect, it } from 'vitest';
import { parseStatusArgs } from '../../src/commands/status-args.js';
import { readArgv } from '../../src/flux/argv.js';
import { parseSimArgs } from '../../src/sim/sim-command.js';

describe('readArgv (node:util parseArgs, kubectl forms)', () => {
  const flags = { namespace: { type: 'string', short: 'n' }, all: { type: 'boolean', short: 'A' } } as const;

  it('keeps the order and how each flag was typed', () => {
    expect(readArgv(['-n=a', '--namespace', 'b', '-A', '-nc'], flags)).toEqual([
      { kind: 'option', name: 'namespace', flag: '-n', value: 'a' },
      { kind: 'option', name: 'namespace', flag: '--namespace', value: 'b' },
      { kind: 'option', name: 'all', flag: '-A', value: '' },
      { kind: 'option', name: 'namespace', flag: '-n', value: 'c' },
    ]);
  });

  it('calls a value missing when the flag ends the line, is empty, or is followed by an option', () => {
    expect(readArgv(['--namespace'], flags)).toEqual([
      { kind: 'missing', name: 'namespace', flag: '--namespace' },
    ]);
    expect(readArgv(['--namespace='], flags)).toEqual([
      { kind: 'missing', name: 'namespace', flag: '--namespace' },
    ]);
    expect(readArgv(['-n', '-A'], flags)[0]).toEqual({ kind: 'missing', name: 'namespace', flag: '-n' });
    // Written inline, a value may start with a dash.
    expect(readArgv(['--namespace=-x'], flags)).toEqual([
      { kind: 'option', name: 'namespace', flag: '--namespace', value: '-x' },
    ]);
  });

  it('hands back anything else as typed', () => {
    expect(readArgv(['--nope=1', 'word', '--all=yes'], flags)).toEqual([
      { kind: 'unknown', arg: '--nope=1' },
      { kind: 'unknown', arg: 'word' },
      { kind: 'unknown', arg: '--all=yes' },
    ]);
  });
});

describe('fluxdeck status arguments: the edges', () => {
  it.each([
    [['-n=apps'], { namespace: 'apps' }],
    [['--context=x'], { context: 'x' }],
    [['-o=json'], { output: 'json' }],
  ])('reads %j', (argv, want) => {
    expect(parseStatusArgs(argv)).toMatchObject({ ok: true, options: want });
  });

  it.each([
    [['-n'], '-n needs a namespace'],
    [['--namespace', '-A'], '--namespace needs a namespace'],
    [['--context'], '--context needs a value'],
    [['-o'], '-o takes table or json'],
    [['--bogus'], 'unknown argument "--bogus" (see fluxdeck status --help)'],
    [['extra'], 'unknown argument "extra" (see fluxdeck status --help)'],
  ])('refuses %j', (argv, message) => {
    expect(parseStatusArgs(argv)).toEqual({ ok: false, help: false, message });
  });
});

describe('fluxdeck sim arguments: the edges', () => {
  it.each([
    [['--port'], '--port needs a whole number'],
    [['--port', '--seed', '3'], '--port needs a whole number'],
    [['--port=70000'], '--port must be at most 65535'],
    [['--kubeconfig-out'], '--kubeconfig-out needs a path'],
    [['--scenario'], '--scenario must be one of: runbook, empty, operator'],
    [['--bogus'], 'unknown argument: --bogus'],
    [['--legacy-flux=no'], 'unknown argument: --legacy-flux=no'],
  ])('refuses %j', (argv, message) => {
    expect(parseSimArgs(argv)).toEqual({ ok: false, message });
  });

  it('reads --flag=value and -h', () => {
    expect(parseSimArgs(['--seed=9', '--kubeconfig-out=/tmp/k'])).toEqual({
      ok: true,
      options: { seed: 9, kubeconfigOut: '/tmp/k' },
    });
    expect(parseSimArgs(['-h'])).toEqual({ ok: 'help' });
  });
});
