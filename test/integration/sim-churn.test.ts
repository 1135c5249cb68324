// `fluxdeck sim --churn N --log-rate M` (src/sim/churn.ts): the busy cluster the benchmark measures the
// console against. Virtual clock: one simulated second is exactly one second of churn.
import { describe, expect, it } from 'vitest';
import { FLUX_SYSTEM_NAMESPACE, KINDS } from '../../src/flux/kinds.js';
import { startSim } from '../../src/sim/index.js';
import { resourceIdOf } from '../../src/sim/resources.js';
import { parseSimArgs } from '../../src/sim/sim-command.js';
import type { StoreEvent } from '../../src/sim/types.js';

const FLUX_RESOURCES = new Set(KINDS.map((k) => resourceIdOf(k)));

function readyOf(event: StoreEvent): { status: string; message: string } | undefined {
  const conditions = (
    event.object['status'] as { conditions?: { type: string; status: string; message: string }[] }
  )?.conditions;
  return conditions?.find((c) => c.type === 'Ready');
}

describe('sim churn', () => {
  it('parses --churn and --log-rate', () => {
    expect(parseSimArgs(['--objects', '10000', '--churn', '200', '--log-rate=2000'])).toEqual({
      ok: true,
      options: { objects: 10000, churn: { objectsPerSecond: 200, logLinesPerSecond: 2000 } },
    });
    expect(parseSimArgs(['--churn', 'lots'])).toEqual({ ok: false, message: '--churn needs a whole number' });
  });

  it('changes N scale objects and writes M controller log lines a second', async () => {
    const sim = await startSim({
      clock: 'virtual',
      objects: 200,
      churn: { objectsPerSecond: 50, logLinesPerSecond: 400 },
    });
    try {
      await sim.controllers?.idle();
      const changes: StoreEvent[] = [];
      const unsubscribe = sim.store.subscribe((event) => {
        if (event.type === 'MODIFIED' && FLUX_RESOURCES.has(event.resource)) changes.push(event);
      });
      const pods = sim.store.list('pods', FLUX_SYSTEM_NAMESPACE).map((p) => p.metadata.name);
      const lines = () =>
        pods.reduce((n, pod) => n + sim.logs.read(FLUX_SYSTEM_NAMESPACE, pod, 'manager', {}).length, 0);
      const before = lines();
      await sim.clock.advance(4000);
      unsubscribe();

      // Only churned objects change (the seeded cluster is otherwise at rest), all in scale namespaces.
      expect(changes.length).toBeGreaterThanOrEqual(4 * 50 - 5);
      expect(changes.length).toBeLessThanOrEqual(4 * 50 + 5);
      expect(new Set(changes.map((e) => e.object.metadata.namespace)).has('flux-system')).toBe(false);
      const statuses = changes.map(readyOf);
      expect(statuses.some((r) => r?.status === 'False')).toBe(true);
      expect(statuses.some((r) => r?.status === 'True' && r.message.startsWith('stored artifact'))).toBe(
        true,
      );

      const written = lines() - before;
      expect(written).toBeGreaterThanOrEqual(4 * 400 - 50);
      const last = pods.map(
        (pod) => sim.logs.read(FLUX_SYSTEM_NAMESPACE, pod, 'manager', { tailLines: 1 })[0],
      );
      const churned = last.map((r) => JSON.parse(r?.text ?? '{}') as Record<string, unknown>);
      expect(churned).toContainEqual(
        expect.objectContaining({ level: 'info', reconcileID: expect.stringMatching(/^churn-/) }),
      );
    } finally {
      await sim.stop();
    }
  });
});
