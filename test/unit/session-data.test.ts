import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/actions/audit.js';
import type { SuspendedEntry } from '../../src/actions/ledger.js';
import { sessionAuditRows, sessionSuspensions } from '../../src/hooks/use-session-data.js';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'x',
  time: '2026-01-01T12:00:00Z',
  phase: 'intent',
  context: 'prod',
  cluster: 'https://127.0.0.1:6443',
  user: 'alice',
  action: 'suspend',
  targets: ['Kustomization/flux-system/apps'],
  commands: ['flux suspend kustomization apps -n flux-system'],
  outcome: 'confirmed',
  ...over,
});

describe('sessionAuditRows', () => {
  it('shows one row per action: started until its outcome line arrives, then that outcome', () => {
    const intent = entry({ id: 'a' });
    expect(sessionAuditRows([intent]).map((r) => r.outcome)).toEqual(['started']);
    const done = entry({
      id: 'a',
      phase: 'outcome',
      outcome: 'failed',
      time: '2026-01-01T12:01:00Z',
      error: 'denied',
    });
    const cancelled = entry({ id: 'b', phase: 'outcome', outcome: 'cancelled' });
    const rows = sessionAuditRows([intent, done, cancelled]);
    expect(rows).toEqual([
      expect.objectContaining({ id: 'a', outcome: 'failed', error: 'denied', time: '2026-01-01T12:01:00Z' }),
      expect.objectContaining({ id: 'b', outcome: 'cancelled' }),
    ]);
  });
});

describe('sessionSuspensions', () => {
  it('keeps a resumed object, marked no longer suspended', () => {
    const apps: SuspendedEntry = {
      key: 'Kustomization/flux-system/apps',
      ref: { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
      at: '2026-01-01T12:00:00Z',
      by: 'alice',
      reason: 'INC-7',
      via: 'suspend',
    };
    const seen = new Map([[apps.key, apps]]);
    expect(sessionSuspensions(seen, [apps])).toEqual([
      expect.objectContaining({ name: 'apps', reason: 'INC-7', stillSuspended: true }),
    ]);
    expect(sessionSuspensions(seen, [])).toEqual([expect.objectContaining({ stillSuspended: false })]);
  });
});
