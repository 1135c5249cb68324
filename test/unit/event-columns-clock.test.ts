import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../src/kube/port.js';
import { eventColumns } from '../../src/present/event-columns.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const event = (lastSeen: string): ClusterEvent => ({
  uid: 'u',
  namespace: 'flux-system',
  type: 'Normal',
  reason: 'ReconciliationSucceeded',
  message: 'ok',
  involved: { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
  lastSeen,
  firstSeen: lastSeen,
  count: 1,
  source: 'kustomize-controller',
});

describe('LAST SEEN between two ticks of the console clock', () => {
  const lastSeen = eventColumns(NOW, true).find((c) => c.id === 'LAST SEEN');
  it('reads an event newer than the last tick as just now, not <invalid>', () => {
    expect(lastSeen?.cell(event('2026-01-01T12:00:04Z'))).toBe('0s');
    expect(lastSeen?.cell(event('2026-01-01T11:59:50Z'))).toBe('10s');
  });
  it('keeps <invalid> for a cluster clock far ahead', () => {
    expect(lastSeen?.cell(event('2026-01-01T12:05:00Z'))).toBe('<invalid>');
  });
});
