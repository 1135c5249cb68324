import { describe, expect, it } from 'vitest';
import type { KindName } from '../../src/flux/kinds.js';
import { countRows, unreadableExplanation, unreadableSentence } from '../../src/hooks/use-summary.js';
import type { ClusterSnapshot, KindSlice, WatchState } from '../../src/kube/port.js';
import { makeRow } from '../support/fake-port.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const row = (name: string, health: Parameters<typeof makeRow>[0]['health'], extra = {}) =>
  makeRow({ kind: 'Kustomization', name, health, failingSince: '2026-01-01T11:00:00Z', ...extra });

describe('the header counts', () => {
  it('counts Failed, Stalled and Waiting as failing; Pending and Suspended apart; Reconciling in neither', () => {
    const counts = countRows(
      [
        row('failed', 'Failed'),
        row('stalled', 'Stalled'),
        row('waiting', 'Waiting'),
        // Just resumed by fluxdeck: kubectl shows Ready True, the controller has not observed the spec yet.
        row('resumed', 'Pending', { ready: 'True', failingSince: '' }),
        row('suspended', 'Suspended'),
        row('reconciling', 'Reconciling', { ready: 'Unknown' }),
        row('ready', 'Ready'),
      ],
      NOW,
      15 * 60_000,
    );
    expect(counts).toEqual({
      notCounted: '',
      total: 7,
      ready: 1,
      failing: 3,
      pending: 1,
      suspended: 1,
      alerting: 3,
    });
  });
});

function snapshot(states: Partial<Record<KindName, WatchState>>): ClusterSnapshot {
  const kinds = new Map<KindName, KindSlice>(
    Object.entries(states).map(([k, state]) => [k as KindName, { state, rows: new Map(), raw: new Map() }]),
  );
  return {
    revision: 1,
    kinds,
    pods: { state: { phase: 'ready', apiVersion: 'v1' }, items: [] },
    events: { state: { phase: 'ready', apiVersion: 'v1' }, items: [] },
    controllers: { state: { phase: 'ready', apiVersion: 'apps/v1' }, items: [] },
    transitions: [],
    lastEventAt: 0,
    connection: 'live',
  };
}

const denied = (scope?: string): WatchState => ({
  phase: 'forbidden',
  message: 'forbidden: User "viewer" cannot list resource "kustomizations"',
  ...(scope ? { scope } : {}),
});

describe('when no Flux kind could be read', () => {
  it('says so instead of counting, with the scope the server named', () => {
    const all = snapshot({
      Kustomization: denied('at the cluster scope'),
      HelmRelease: denied('at the cluster scope'),
      ExternalArtifact: { phase: 'not-installed', message: '' },
    });
    expect(unreadableSentence(all)).toBe(
      'no Flux object can be read: your user may not list any Flux kind at the cluster scope (forbidden) — see Failing',
    );
    const mixed = snapshot({ Kustomization: denied('in namespace apps'), HelmRelease: denied() });
    expect(unreadableSentence(mixed)).toBe(
      'no Flux object can be read: your user may not list any Flux kind (forbidden) — see Failing',
    );
  });

  it('says nothing while a kind can be read or is still loading, or when none is forbidden', () => {
    expect(
      unreadableSentence(
        snapshot({ Kustomization: denied(), HelmRelease: { phase: 'ready', apiVersion: 'v2' } }),
      ),
    ).toBeUndefined();
    expect(
      unreadableSentence(snapshot({ Kustomization: denied(), HelmRelease: { phase: 'loading' } })),
    ).toBeUndefined();
    expect(
      unreadableSentence(snapshot({ Kustomization: { phase: 'not-installed', message: '' } })),
    ).toBeUndefined();
  });

  it('explains on Failing what happened and what to do, quoting the server', () => {
    expect(unreadableExplanation([denied('in namespace apps')], 'apps')).toEqual([
      'Your user may not list any Flux kind in namespace apps: nothing can be shown, not even whether anything is failing.',
      'Ask for read access (Flux adds its kinds to the Kubernetes view role).',
      'The API server said: forbidden: User "viewer" cannot list resource "kustomizations"',
    ]);
  });
});
