// The selection is an object from the first frame of a table on: rows that re-sort live, before any key is
// pressed, never slide another object under the cursor, nor under the action keys.
import { describe, expect, it } from 'vitest';
import { objectKey } from '../../src/flux/types.js';
import { ORDER_HOLD_MS } from '../../src/hooks/use-order-hold.js';
import type { ClusterEvent } from '../../src/kube/port.js';
import { makeRow } from '../support/fake-port.js';
import { KEYS, press, selectedLine, type, waitForFrame } from '../support/ink.js';
import { manualTimers } from '../support/manual-timers.js';
import { NOW } from '../support/runbook-rows.js';
import { actionsConsole } from './actions-console.js';
import { AnsweringPort, object } from './actions-fake-port.js';

const open = actionsConsole();

const ks = (name: string, health: 'Ready' | 'Failed' = 'Ready', failingSince = '') =>
  makeRow({ kind: 'Kustomization', name, health, failingSince });

function setup(view: string, ...rows: ReturnType<typeof ks>[]) {
  const port = new AnsweringPort(rows);
  for (const r of rows) port.objects.set(objectKey(r.ref), object(false));
  const held = manualTimers();
  return { port, app: open(port, { initialView: view, timers: held.timers }), held };
}

/** The NAME cell of the selected row (the one after flux-system, the namespace of every row here). */
const selectedName = (frame: string) => selectedLine(frame)?.match(/flux-system\s+(\S+)/)?.[1];

/** Presses an action key and returns the confirmation dialog it opened. */
async function dialogOf(app: ReturnType<typeof open>, key: string): Promise<string> {
  await press(app.stdin, key);
  return waitForFrame(app.lastFrame, (f) => f.includes('Proceed?'));
}

describe('the selection is an object, never a row index', () => {
  it('stays on the first object of a freshly opened view when the rows re-sort, and s acts on it', async () => {
    const { port, app } = setup('kustomizations', ks('apps'), ks('infra'));
    await waitForFrame(app.lastFrame, (f) => selectedName(f) === 'apps' && f.includes('infra'));
    // No key pressed: infra fails and sorts above apps.
    port.upsert(ks('infra', 'Failed', '2026-01-01T11:00:00Z'));
    const resorted = await waitForFrame(app.lastFrame, (f) => /infra[\s\S]*apps/.test(f));
    expect(selectedName(resorted)).toBe('apps');
    const dialog = await dialogOf(app, 's');
    expect(dialog).toContain('Suspend Kustomization flux-system/apps');
    expect(dialog).not.toContain('flux-system/infra');
  });

  it('on Failing too: a failure older than the selected one sorts above it and the cursor stays', async () => {
    const { port, app } = setup(
      'failing',
      ks('web', 'Failed', '2026-01-01T11:50:00Z'),
      ks('api', 'Failed', '2026-01-01T11:55:00Z'),
    );
    await waitForFrame(app.lastFrame, (f) => selectedName(f) === 'web' && f.includes('api'));
    // db has been failing longest: it goes first, where the cursor was drawn.
    port.upsert(ks('db', 'Failed', '2026-01-01T11:00:00Z'));
    const resorted = await waitForFrame(app.lastFrame, (f) => /db[\s\S]*web[\s\S]*api/.test(f));
    expect(selectedName(resorted)).toBe('web');
    expect(await dialogOf(app, 'r')).toContain('Reconcile Kustomization flux-system/web');
  });

  it('moves to the row that took the place of a vanished object, and then follows that object', async () => {
    const { port, app } = setup('kustomizations', ks('alpha'), ks('bravo'), ks('charlie'));
    await waitForFrame(app.lastFrame, (f) => selectedName(f) === 'alpha' && f.includes('charlie'));
    port.remove(objectKey({ kind: 'Kustomization', namespace: 'flux-system', name: 'alpha' }));
    await waitForFrame(app.lastFrame, (f) => !f.includes('alpha') && selectedName(f) === 'bravo');
    port.upsert(ks('charlie', 'Failed', '2026-01-01T11:00:00Z'));
    const resorted = await waitForFrame(app.lastFrame, (f) => /charlie[\s\S]*bravo/.test(f));
    expect(selectedName(resorted)).toBe('bravo');
    expect(await dialogOf(app, 's')).toContain('Suspend Kustomization flux-system/bravo');
  });

  it('holds on an event while a newer one arrives: at the end and announced while keys are pressed, sorted after', async () => {
    const ev = (uid: string, minutesAgo: number, reason: string): ClusterEvent => ({
      uid,
      namespace: 'flux-system',
      type: 'Normal',
      reason,
      message: `${reason} happened`,
      involved: { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
      lastSeen: new Date(NOW - minutesAgo * 60_000).toISOString(),
      firstSeen: new Date(NOW - minutesAgo * 60_000).toISOString(),
      count: 1,
      source: 'kustomize-controller',
    });
    const { port, app, held } = setup('kustomizations', ks('apps'));
    port.setEvents([ev('a', 10, 'Progressing'), ev('b', 20, 'ReconciliationSucceeded')]);
    await waitForFrame(app.lastFrame, (f) => f.includes('Kustomizations(all)'));
    await press(app.stdin, ':');
    await type(app.stdin, 'events');
    await press(app.stdin, KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => selectedLine(f)?.includes('Progressing happened') === true);
    port.setEvents([
      ev('a', 10, 'Progressing'),
      ev('b', 20, 'ReconciliationSucceeded'),
      ev('c', 1, 'HealthCheckFailed'),
    ]);
    // Keys were just pressed: the newest event waits at the end, announced, instead of slipping in above.
    const waiting = await waitForFrame(app.lastFrame, (f) => /Progressing[\s\S]*HealthCheckFailed/.test(f));
    expect(waiting).toContain('1 new row at the end');
    expect(selectedLine(waiting)).toContain('Progressing happened');
    // The user pauses: the table sorts again, the cursor still on its event.
    held.advance(ORDER_HOLD_MS);
    const sorted = await waitForFrame(app.lastFrame, (f) => /HealthCheckFailed[\s\S]*Progressing/.test(f));
    expect(sorted).not.toContain('new row');
    expect(selectedLine(sorted)).toContain('Progressing happened');
  });

  it('after r on one row, j then r act on the row that was next, though another row would have sorted above', async () => {
    const { port, app } = setup('kustomizations', ks('apps'), ks('billing'), ks('cache'));
    await waitForFrame(app.lastFrame, (f) => selectedName(f) === 'apps' && f.includes('cache'));
    expect(await dialogOf(app, 'r')).toContain('Reconcile Kustomization flux-system/apps');
    await press(app.stdin, 'y');
    // Meanwhile billing fails: sorted, it would jump above apps and `j` would land on cache.
    port.upsert(ks('billing', 'Failed', '2026-01-01T11:59:00Z'));
    await waitForFrame(app.lastFrame, (f) => /billing.*Failed/.test(f) && f.includes('succeeded'));
    await press(app.stdin, 'j');
    await waitForFrame(app.lastFrame, (f) => selectedName(f) === 'billing');
    await press(app.stdin, 'r');
    const dialog = await waitForFrame(app.lastFrame, (f) =>
      f.includes('Reconcile Kustomization flux-system/'),
    );
    expect(dialog).toContain('Reconcile Kustomization flux-system/billing');
  });
});
