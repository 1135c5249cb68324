import { describe, expect, it } from 'vitest';
import { parseCommandLine, parseDuration } from '../../src/cli-args.js';

describe('parseCommandLine', () => {
  it('defaults to all namespaces, not readonly, the runbook demo scenario off', () => {
    const o = parseCommandLine([]);
    expect(o).toMatchObject({ mode: 'console', namespace: undefined, readonly: false, demo: false });
  });

  it('reads every console flag of the contract', () => {
    const o = parseCommandLine([
      '--kubeconfig',
      '/tmp/k',
      '--context',
      'prod-eu',
      '-n',
      'apps',
      '--readonly',
      '--view',
      'hr',
      '--helm',
      '/opt/helm',
    ]);
    expect(o).toMatchObject({
      mode: 'console',
      kubeconfig: '/tmp/k',
      context: 'prod-eu',
      namespace: 'apps',
      readonly: true,
      view: 'hr',
      helm: '/opt/helm',
    });
  });

  it('accepts --flag=value forms', () => {
    expect(parseCommandLine(['--context=dev', '--alert-threshold=30m'])).toMatchObject({
      context: 'dev',
      alertThresholdMs: 30 * 60_000,
    });
  });

  it('reads the demo flags', () => {
    expect(
      parseCommandLine(['--demo', '--scenario', 'empty', '--objects', '1000', '--readonly']),
    ).toMatchObject({
      demo: true,
      scenario: 'empty',
      objects: 1000,
      readonly: true,
    });
  });

  it('hands sim and status their own arguments', () => {
    expect(parseCommandLine(['sim', '--port', '8443'])).toEqual({ mode: 'sim', argv: ['--port', '8443'] });
    expect(parseCommandLine(['status', '-A', '-o', 'json'])).toEqual({
      mode: 'status',
      argv: ['-A', '-o', 'json'],
    });
  });

  it.each([
    [['-n', 'apps', '-A'], '-n and -A cannot be used together'],
    [['--context'], '--context needs a value'],
    [['--bogus'], 'unknown argument "--bogus" (see fluxdeck --help)'],
    [['-n', 'Bad_NS'], '"Bad_NS" is not a valid namespace name'],
    [['--demo', '--objects', 'many'], '--objects takes a whole number from 0 to 100000'],
    [['--objects', '5'], '--scenario and --objects only apply with --demo'],
    [
      ['--view', 'pods2'],
      'unknown view "pods2": use failing, ks, hr, sources, images, notifications, controllers or events',
    ],
    [['--demo', '--kubeconfig', '/x'], '--demo uses its own simulated cluster: drop --kubeconfig'],
    [['--danger-context', '('], '--danger-context "(" is not a valid regular expression'],
  ])('refuses %j with a clear sentence', (argv, message) => {
    expect(parseCommandLine(argv)).toEqual({ mode: 'error', message });
  });

  it('answers help and version', () => {
    expect(parseCommandLine(['--help']).mode).toBe('help');
    expect(parseCommandLine(['-h']).mode).toBe('help');
    expect(parseCommandLine(['--version']).mode).toBe('version');
  });
});

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['90s', 90_000],
    ['1h', 3_600_000],
    ['250ms', 250],
    ['20', 1_200_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it('rejects nonsense', () => expect(parseDuration('soon')).toBeUndefined());
});

describe('parseCommandLine on node:util parseArgs: the kubectl forms and the edges', () => {
  it.each([
    [['-n=apps'], { namespace: 'apps' }],
    [['-napps'], { namespace: 'apps' }],
    [['--namespace=apps'], { namespace: 'apps' }],
    [['--context=x'], { context: 'x' }],
    [['--context', '-'], { context: '-' }],
    [['-A', '--read-only'], { namespace: undefined, readonly: true }],
  ])('reads %j', (argv, want) => {
    expect(parseCommandLine(argv)).toMatchObject({ mode: 'console', ...want });
  });

  it.each([
    [['--context='], '--context needs a value'],
    [['--context', '--readonly'], '--context needs a value'],
    [['-n'], '-n needs a value'],
    [['-n='], '-n needs a value'],
    [['--namespace', '-A'], '--namespace needs a value'],
    [['--bogus=1'], 'unknown argument "--bogus=1" (see fluxdeck --help)'],
    [['-x'], 'unknown argument "-x" (see fluxdeck --help)'],
    [['apps'], 'unknown argument "apps" (see fluxdeck --help)'],
    [['--', '--demo'], 'unknown argument "--" (see fluxdeck --help)'],
    [['--readonly=yes'], 'unknown argument "--readonly=yes" (see fluxdeck --help)'],
    [['--bogus', '--help'], 'unknown argument "--bogus" (see fluxdeck --help)'],
  ])('refuses %j with a clear sentence', (argv, message) => {
    expect(parseCommandLine(argv)).toEqual({ mode: 'error', message });
  });

  it('answers help before a later mistake, as it reads left to right', () => {
    expect(parseCommandLine(['--help', '--bogus'])).toEqual({ mode: 'help' });
  });
});
