// The fleet's model: the failing objects of every context in one list (the longest failing first, the
// suspended left out as the Failing view leaves them), and each context's state in words — live with its
// count, connecting, disconnected since when, forbidden, no Flux, or why it could not be opened.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli-args.js';
import { type FleetMember, fleetRows, memberState, stateWords } from '../../src/present/fleet.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { prodEu } from '../support/fleet-ports.js';

const member = (
  context: string,
  port: FakePort | undefined,
  extra: Partial<FleetMember> = {},
): FleetMember => ({
  context,
  danger: false,
  ...(port ? { snapshot: port.getSnapshot() } : {}),
  ...extra,
});

const prod = prodEu([
  makeRow({ kind: 'Kustomization', name: 'apps', health: 'Failed', failingSince: '2026-01-01T11:00:00Z' }),
  makeRow({ kind: 'Kustomization', name: 'infra', health: 'Suspended' }),
]);
const staging = new FakePort([
  makeRow({ kind: 'Kustomization', name: 'apps', health: 'Failed', failingSince: '2026-01-01T10:30:00Z' }),
]);

describe('fleetRows', () => {
  it('lists the failing objects of every context, the longest failing first, each with its context', () => {
    const rows = fleetRows([member('prod-eu', prod, { danger: true }), member('staging', staging)]);
    expect(rows.map((r) => `${r.context} ${r.row.key}`)).toEqual([
      'prod-eu HelmRelease/kyverno/kyverno',
      'staging Kustomization/flux-system/apps',
      'prod-eu Kustomization/flux-system/apps',
    ]);
    // The same object in two clusters is two rows.
    expect(new Set(rows.map((r) => r.key)).size).toBe(3);
    expect(rows[0]?.danger).toBe(true);
  });
});

describe('memberState', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('says live with its counts, or all ready', () => {
    expect(stateWords(memberState(member('prod-eu', prod)), now)).toEqual({
      text: 'live, 2 of 4 failing',
      tone: 'bad',
    });
    const quiet = new FakePort([makeRow({ kind: 'Kustomization', name: 'ok' })]);
    expect(stateWords(memberState(member('dev', quiet)), now).text).toBe('live, all 1 ready');
  });

  it('says since when a context is disconnected, and that it retries', () => {
    const lost = new FakePort([]);
    lost.setState('Kustomization', { phase: 'disconnected', since: now - 125_000, message: 'ECONNREFUSED' });
    lost.setConnection('disconnected');
    expect(stateWords(memberState(member('lab', lost)), now).text).toBe('disconnected for 2m5s, retrying');
  });

  it('tells forbidden from no Flux, and a context that could not be opened from one still connecting', () => {
    const forbidden = new FakePort([]);
    const noFlux = new FakePort([]);
    for (const [port, phase] of [
      [forbidden, 'forbidden'],
      [noFlux, 'not-installed'],
    ] as const) {
      for (const kind of port.getSnapshot().kinds.keys())
        port.setState(kind, phase === 'forbidden' ? { phase, message: 'no' } : { phase, message: 'no CRD' });
    }
    expect(memberState(member('a', forbidden)).phase).toBe('forbidden');
    expect(memberState(member('b', noFlux)).phase).toBe('no-flux');
    expect(memberState(member('c', undefined)).phase).toBe('connecting');
    expect(
      stateWords(memberState(member('d', undefined, { error: 'context "d" not found' })), now).text,
    ).toBe('not opened: context "d" not found');
    expect(stateWords(memberState(member('lab-*', undefined, { unmatched: 'config.yaml:7' })), now)).toEqual({
      text: 'matches no context in the kubeconfig (fleet: in config.yaml:7)',
      tone: 'warn',
    });
  });
});

describe('the fleet on the command line', () => {
  it('opens with a list of contexts or --all-contexts, and refuses what cannot mean a fleet', () => {
    expect(parseCommandLine(['--context', 'prod-eu,staging, dev'])).toMatchObject({
      fleet: ['prod-eu', 'staging', 'dev'],
      context: undefined,
    });
    expect(parseCommandLine(['--context', 'prod-eu,prod-eu'])).toMatchObject({
      fleet: undefined,
      context: 'prod-eu',
    });
    expect(parseCommandLine(['--all-contexts'])).toMatchObject({ fleet: 'all' });
    expect(parseCommandLine(['--context', 'a,,b'])).toEqual({
      mode: 'error',
      message: '--context "a,,b": a context name is empty',
    });
    expect(parseCommandLine(['--all-contexts', '--context', 'a'])).toMatchObject({ mode: 'error' });
    expect(parseCommandLine(['--demo', '--all-contexts'])).toMatchObject({ mode: 'error' });
  });
});
