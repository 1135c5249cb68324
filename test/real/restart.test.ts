// An API server restart on the same port and certificates, with etcd (the data) kept: what the console
// shows while it is down and after it is back. A restarted server answers before its CRD groups are
// registered again (the registration lag of issue 16): seen on real clusters on 2 of 5 restarts.
import { beforeAll, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import type { ObjectRef } from '../../src/flux/types.js';
import type { ClusterSnapshot } from '../../src/kube/port.js';
import { kindNotice } from '../../src/present/watch-state.js';
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

realSuite('an API server restart on the same port and certificates', {}, (env) => {
  beforeAll(async () => {
    for (const ref of OBJECTS) {
      await createFlux(env(), ref, minimalSpec(ref.kind));
      await setConditions(env(), ref, [
        { status: 'True', reason: 'ReconciliationSucceeded', message: 'ok', lastTransitionTime: T0 },
      ]);
    }
  });

  it('keeps the rows while the server is down, says since when, and is live with every row again after', async () => {
    const port = await openConsole(env());
    const timeline: string[] = [];
    try {
      await waitForSnapshot(
        port,
        'every object listed',
        (x) => x.connection === 'live' && fluxRows(x) === OBJECTS.length,
      );
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
      expect(state?.phase).toBe('disconnected');
      if (state?.phase !== 'disconnected') throw new Error('not disconnected');
      expect(state.since).toBeGreaterThanOrEqual(downAt - 1000);
      expect(kindNotice('Kustomization', state, undefined)?.text).toMatch(
        /^kustomizations: disconnected since \d\d:\d\d:\d\d, retrying: .*connection refused/,
      );

      await env().startApiserver();
      // The console's own pacing (backoff up to 30 s, 60 s for a kind it believes not installed) decides
      // how soon; the fixed behaviour below is "within seconds".
      const back = await waitForSnapshot(
        port,
        'live with every row',
        (x) => x.connection === 'live' && fluxRows(x) === OBJECTS.length,
        110_000,
      );
      unsubscribe();
      for (const ref of OBJECTS) {
        expect(back.kinds.get(ref.kind)?.rows.has(`${ref.kind}/${ref.namespace}/${ref.name}`), ref.name).toBe(
          true,
        );
      }
      // Kinds without objects may still read "not installed" here (the lag); the skipped test below is the fix.
      expect(timeline.length).toBeGreaterThan(0);
    } finally {
      await port.close();
    }
  }, 180_000);

  // issue 16, deliverable 3: "A kind is 'not installed' only when discovery says so once the server is fully
  // up … Rows already shown stay, marked stale, until the kind is listed again." With the lag, today's
  // console drops the rows and says "CRD not installed" for up to a minute. Enable with the fix; the
  // restart is repeated because the lag shows on some restarts only.
  it.skip('never drops rows or says "not installed" across restarts, and is live again within seconds', async () => {
    const port = await openConsole(env());
    try {
      await waitForSnapshot(
        port,
        'every object listed',
        (x) => x.connection === 'live' && fluxRows(x) === OBJECTS.length,
      );
      for (let round = 0; round < 3; round++) {
        const timeline: string[] = [];
        const unsubscribe = port.subscribe(() => timeline.push(describe(port.getSnapshot())));
        await env().restartApiserver();
        await waitForSnapshot(
          port,
          `live again after restart ${round + 1}`,
          (x) => x.connection === 'live' && fluxRows(x) === OBJECTS.length,
          15_000,
        );
        unsubscribe();
        expect(
          timeline.filter(
            (line) => !line.includes(`rows=${OBJECTS.length}`) || line.includes('not-installed'),
          ),
        ).toEqual([]);
        const s = port.getSnapshot();
        for (const kind of KIND_NAMES) expect(s.kinds.get(kind)?.state.phase, kind).toBe('ready');
      }
    } finally {
      await port.close();
    }
  }, 180_000);
});
