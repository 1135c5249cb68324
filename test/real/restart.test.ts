// An API server restart on the same port and certificates, with etcd (the data) kept: what the console
// shows while it is down and after it is back. A restarted server answers before its CRD groups are
// registered again (the registration lag of issue 16): seen on real clusters on 2 of 5 restarts.
import { beforeAll, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import type { ObjectRef } from '../../src/flux/types.js';
import type { ClusterPort, ClusterSnapshot } from '../../src/kube/port.js';
import { kindNotice } from '../../src/present/watch-state.js';
import { heldTimers } from '../integration/kube-helpers.js';
import { openConsole, waitForSnapshot } from './support/console.js';
import { createFlux, minimalSpec, setConditions } from './support/flux.js';
import { realSuite } from './support/suite.js';

const T0 = '2026-01-01T00:00:00Z';
const OBJECTS: ObjectRef[] = [
  { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' },
  { kind: 'Kustomization', namespace: 'flux-system', name: 'infra' },
  { kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' },
  { kind: 'GitRepository', namespace: 'flux-system', name: 'flux-system' },
];

function fluxRows(s: ClusterSnapshot): number {
  let n = 0;
  for (const slice of s.kinds.values()) n += slice.rows.size;
  return n;
}

/** One line per published snapshot: connection, rows held, kinds not ready by phase. */
function describe(s: ClusterSnapshot): string {
  const phases = [...s.kinds]
    .filter(([, slice]) => slice.state.phase !== 'ready')
    .map(([kind, slice]) => `${kind}:${slice.state.phase}`);
  return `${s.connection} rows=${fluxRows(s)}${phases.length ? ` ${phases.join(',')}` : ''}`;
}

/**
 * Until the console is live with every object, calling `step` (which releases held retries) between
 * looks; the deadline is only a safety net for a console that never recovers.
 */
async function untilLive(port: ClusterPort, step: () => unknown, what: string): Promise<ClusterSnapshot> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = port.getSnapshot();
    if (s.connection === 'live' && fluxRows(s) === OBJECTS.length) return s;
    if (Date.now() > deadline) throw new Error(`never ${what}; last: ${describe(s)}`);
    await step();
    await new Promise((r) => setTimeout(r, 50));
  }
}

realSuite('an API server restart on the same port and certificates', {}, (env) => {
  beforeAll(async () => {
    for (const ref of OBJECTS) {
      await createFlux(env(), ref, minimalSpec(ref.kind));
      await setConditions(env(), ref, [
        { status: 'True', reason: 'ReconciliationSucceeded', message: 'ok', lastTransitionTime: T0 },
      ]);
    }
  });

  // issue 16, deliverable 3: "A kind is 'not installed' only when discovery says so once the server is fully
  // up … Rows already shown stay, marked stale, until the kind is listed again", retried fast (backoff capped
  // at 5 s) after a reconnect. The console's retry waits are held until the test releases them, so "promptly"
  // is counted in retries, not seconds. While the server refuses connections its waits stay pending; from
  // the moment it answers (before /readyz says ok, when the CRD groups may not be registered yet) they are
  // released as soon as asked, so the console meets the registration lag if this restart has one. Once the
  // test itself has seen every Flux kind served, the console must be live with every row within two rounds
  // of retries (the first may meet a discovery answer fetched just before), and no wait it asked for since
  // the server answered may exceed the 5 s cap. The lag shows on some restarts only: restarted until one
  // met it, three times at most.
  it('keeps the rows while down and lagging, never says "not installed", and is live again on its next retries', async ({
    annotate,
  }) => {
    const retries = heldTimers(200);
    const port = await openConsole(env(), 'admin', { timers: retries.timers });
    const releaseAll = () => {
      for (let n = retries.waiting().length; n > 0; n--) retries.release();
    };
    try {
      await untilLive(port, releaseAll, 'every object listed');
      let lagMet = 0;
      for (let round = 1; round <= 3 && lagMet === 0; round++) {
        const timeline: string[] = [];
        const unsubscribe = port.subscribe(() => timeline.push(describe(port.getSnapshot())));

        const downAt = Date.now();
        await env().killApiserver();
        const down = await waitForSnapshot(
          port,
          'disconnected',
          (x) => x.connection === 'disconnected',
          30_000,
        );
        expect(fluxRows(down)).toBe(OBJECTS.length);
        const state = down.kinds.get('Kustomization')?.state;
        if (state?.phase !== 'disconnected')
          throw new Error(`Kustomization is ${state?.phase}, not disconnected`);
        expect(state.since).toBeGreaterThanOrEqual(downAt - 1000);
        expect(kindNotice('Kustomization', state, undefined)?.text).toMatch(
          /^kustomizations: disconnected since \d\d:\d\d:\d\d, retrying: .*connection refused/,
        );

        const started = env().startApiserver();
        let answeredFrom: number | undefined;
        let servedSeen = false;
        let roundsAfterServed = 0;
        const back = await untilLive(
          port,
          async () => {
            if (answeredFrom === undefined) {
              if (!(await env().answering())) return;
              answeredFrom = retries.asked.length;
            }
            // Release first, then look: the console asks discovery as soon as the server answers, and a
            // round counts as "after served" only when the test had seen every kind served before it.
            if (retries.waiting().length > 0) {
              if (servedSeen) roundsAfterServed++;
              releaseAll();
            }
            servedSeen ||= await env().everyCrdServed();
          },
          `live again after restart ${round}`,
        );
        await started;
        unsubscribe();

        const waits = retries.asked.slice(answeredFrom);
        const context = `restart ${round}: ${timeline.join(' | ')}; waits since the server answered: ${waits.join(', ')}`;
        expect(servedSeen, context).toBe(true);
        expect(roundsAfterServed, context).toBeLessThanOrEqual(2);
        expect(Math.max(0, ...waits), context).toBeLessThanOrEqual(5000);
        expect(
          timeline.filter(
            (line) => !line.includes(`rows=${OBJECTS.length}`) || line.includes('not-installed'),
          ),
          context,
        ).toEqual([]);
        for (const kind of KIND_NAMES) expect(back.kinds.get(kind)?.state.phase, kind).toBe('ready');
        if (timeline.some((line) => line.includes('not-served-yet'))) lagMet = round;
      }
      await annotate(
        lagMet > 0
          ? `the CRD registration lag was met on restart ${lagMet}`
          : 'no restart of three met the CRD registration lag (the fast path only)',
      );
    } finally {
      await port.close();
    }
  }, 120_000);
});
