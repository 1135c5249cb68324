// The fleet's members as the component and integration tests fake them: prod-eu with a stalled kyverno
// (the oldest failure), staging with one failed Kustomization.
import type { StatusRow } from '../../src/flux/types.js';
import { FakePort, makeRow } from './fake-port.js';

export function prodEu(extra: readonly StatusRow[] = []): FakePort {
  return new FakePort(
    [
      makeRow({
        kind: 'HelmRelease',
        namespace: 'kyverno',
        name: 'kyverno',
        health: 'Stalled',
        failingSince: '2026-01-01T10:00:00Z',
      }),
      makeRow({ kind: 'Kustomization', name: 'ok' }),
      ...extra,
    ],
    { context: 'prod-eu' },
  );
}

export function staging(): FakePort {
  return new FakePort(
    [
      makeRow({
        kind: 'Kustomization',
        name: 'apps',
        health: 'Failed',
        failingSince: '2026-01-01T11:00:00Z',
      }),
    ],
    { context: 'staging' },
  );
}
