// Issue 6: the rendered console (App on the real ClusterPort, against the simulator over HTTPS) under
// injected faults. Each case asserts what the user sees, and that it recovers with no key pressed.
// The store-level behaviour (resume vs relist, backoff shape, request counts) is in kube-faults.test.ts;
// here it is the screen.
import { describe, expect, it } from 'vitest';
import type { ClusterPortOptions } from '../../src/kube/cluster.js';
import { formatClock } from '../../src/present/watch-state.js';
import type { SimHandle, SimOptions } from '../../src/sim/index.js';
import { press, waitForFrame } from '../support/ink.js';
import { heldTimers, requestsFor, resourceId, seed, waitForSnapshot } from './kube-helpers.js';
import { consoleAgainstSim } from './reliability-support.js';
import { until } from './sim-api-helpers.js';

const HR = resourceId('HelmRelease');
const KS = resourceId('Kustomization');

const harness = consoleAgainstSim();

/** Fast reconnects so an outage costs the test milliseconds, not the default half second and up. */
const FAST: Partial<ClusterPortOptions> = {
  tuning: { backoffInitialMs: 100, backoffMaxMs: 400, slowRetryMs: 300 },
};

async function mount(
  view: string | undefined,
  seedSim: (s: SimHandle) => void,
  simOptions: SimOptions = {},
  portOptions: Partial<ClusterPortOptions> = FAST,
) {
  const sim = await harness.sim(simOptions);
  seedSim(sim);
  const port = await harness.port(sim, portOptions);
  const ui = harness.render(port, view);
  return { sim, port, ui, frame: () => ui.lastFrame() ?? '' };
}

/** How many lines of the frame show `name` as a row (a duplicate or a ghost would show up here). */
function rowsNamed(frame: string, name: string): number {
  return frame.split('\n').filter((l) => new RegExp(`^[> ] \\S+\\s+${name}\\s`).test(l)).length;
}

const header = (frame: string) => frame.split('\n')[0] ?? '';
/** The header says `live` (last on its line while events flow, or before `no events for …`). */
const isLive = (frame: string) => / live( {2}|$)/.test(header(frame));

describe('the console under faults', () => {
  it('watches dropped again and again, then a 410 on resume: current rows, no duplicates, no ghosts', async () => {
    const { sim, port, frame } = await mount('helmreleases', (s) => {
      seed(s, 'HelmRelease', 'apps', 'rel-0');
      seed(s, 'HelmRelease', 'apps', 'rel-1');
    });
    await waitForFrame(frame, (f) => rowsNamed(f, 'rel-1') === 1, 10_000);
    for (let i = 2; i < 8; i++) {
      sim.faults.dropWatches();
      seed(sim, 'HelmRelease', 'apps', `rel-${i}`);
      sim.store.delete(HR, 'apps', `rel-${i - 2}`);
      await waitForFrame(
        frame,
        (f) => rowsNamed(f, `rel-${i}`) === 1 && rowsNamed(f, `rel-${i - 2}`) === 0,
        10_000,
      );
    }
    // Away long enough for the next resume to be answered 410 Gone: the console relists.
    await sim.faults.goAway();
    sim.store.delete(HR, 'apps', 'rel-6');
    seed(sim, 'HelmRelease', 'apps', 'late');
    sim.faults.goneOnNextWatch(HR);
    await sim.faults.comeBack();
    const settled = await waitForFrame(
      frame,
      (f) => rowsNamed(f, 'late') === 1 && rowsNamed(f, 'rel-6') === 0 && isLive(f),
      20_000,
    );
    expect(['rel-7', 'late'].map((n) => rowsNamed(settled, n))).toEqual([1, 1]);
    for (let i = 0; i < 7; i++) expect(rowsNamed(settled, `rel-${i}`), `rel-${i}`).toBe(0);
    expect(settled).toContain('HelmReleases(all) [1/2]');
    expect(port.getSnapshot().kinds.get('HelmRelease')?.rows.size).toBe(2);
  }, 60_000);

  it('5xx: says the server answered 503 and it is retrying, backs off (no hot loop), then shows the data', async () => {
    // Retry waits wait for the test (it sees each delay and ends it); publishing and rendering run as usual.
    const retries = heldTimers(1000);
    const { sim, frame } = await mount(
      'helmreleases',
      (s) => seed(s, 'HelmRelease', 'apps', 'kyverno'),
      {},
      {
        timers: retries.timers,
        tuning: { backoffInitialMs: 2000, backoffMaxMs: 16_000, random: () => 0.5, quickWatchMs: 0 },
      },
    );
    await waitForFrame(frame, (f) => rowsNamed(f, 'kyverno') === 1, 10_000);
    const stop = sim.faults.serverErrors({ status: 503, match: (r) => r.resource === HR });
    sim.faults.dropWatches();
    const down = await waitForFrame(
      frame,
      (f) => /helmreleases: disconnected since \S+, retrying: the API server at \S+ answered 503/.test(f),
      10_000,
    );
    expect(down).toMatch(/data may be stale — disconnected since \d\d:\d\d:\d\d, retrying/);
    expect(rowsNamed(down, 'kyverno')).toBe(1); // the last known rows stay
    // 2, 4, 8, 16, 16 s …: each attempt only after the wait before it, never a loop.
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await retries.held();
      expect(retries.waiting()).toHaveLength(1);
      const before = requestsFor(sim, HR).length;
      delays.push(retries.release());
      await until(() => requestsFor(sim, HR).length > before, 10_000, `attempt ${attempt}`);
    }
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 16_000]);
    stop();
    seed(sim, 'HelmRelease', 'apps', 'velero');
    await retries.held();
    retries.release();
    const back = await waitForFrame(
      frame,
      (f) => rowsNamed(f, 'velero') === 1 && !f.includes('stale'),
      10_000,
    );
    expect(isLive(back)).toBe(true);
  }, 30_000);

  it('the API server goes away and comes back on the same port: disconnected since T, then live with current data', async () => {
    const { sim, port, frame } = await mount('kustomizations', (s) =>
      seed(s, 'Kustomization', 'flux-system', 'apps'),
    );
    await waitForFrame(frame, (f) => rowsNamed(f, 'apps') === 1, 10_000);
    await sim.faults.goAway();
    const snap = await waitForSnapshot(port, 'disconnected', (s) => s.connection === 'disconnected');
    // Every watch notices the outage on its own, maybe either side of a clock second: the banner gives the
    // first of them, each view's line its own.
    const sinces = [...snap.kinds.values(), snap.pods, snap.events].flatMap((s) =>
      s.state.phase === 'disconnected' ? [s.state.since] : [],
    );
    const state = snap.kinds.get('Kustomization')?.state;
    const since = state?.phase === 'disconnected' ? state.since : 0;
    const down = await waitForFrame(frame, (f) => header(f).includes('disconnected'), 10_000);
    expect(down).toContain(
      `⚠ data may be stale — disconnected since ${formatClock(Math.min(...sinces))}, retrying`,
    );
    expect(down).toContain(`kustomizations: disconnected since ${formatClock(since)}, retrying`);
    expect(down).toMatch(
      /kustomizations: disconnected since \S+, retrying: cannot reach the API server at https:\/\/127\.0\.0\.1:\d+/,
    );
    expect(rowsNamed(down, 'apps')).toBe(1);

    sim.store.delete(KS, 'flux-system', 'apps');
    seed(sim, 'Kustomization', 'flux-system', 'infra');
    await sim.faults.comeBack();
    const back = await waitForFrame(
      frame,
      (f) => rowsNamed(f, 'infra') === 1 && rowsNamed(f, 'apps') === 0 && isLive(f),
      20_000,
    );
    expect(back).not.toContain('stale');
    expect(back).not.toContain('disconnected');
  }, 40_000);

  it('an API server restart before its CRDs are registered again: rows kept and marked stale, partial — not live — then live', async () => {
    const { sim, frame } = await mount(
      'helmreleases',
      (s) => {
        seed(s, 'HelmRelease', 'apps', 'kyverno');
        seed(s, 'Kustomization', 'flux-system', 'apps');
      },
      { clock: 'virtual', crdRegistrationLagMs: 5000 },
      { tuning: { ...FAST.tuning, unservedRetryMaxMs: 400 } },
    );
    await waitForFrame(frame, (f) => rowsNamed(f, 'kyverno') === 1 && isLive(f), 10_000);
    await sim.faults.restart();
    const lagging = await waitForFrame(
      frame,
      // Both kinds' watches notice the restart on their own; wait until both rows are stale.
      (f) =>
        header(f).includes('not served yet') &&
        f.includes('helmreleases not served yet since') &&
        f.includes('not counted: 2 stale rows'),
      10_000,
    );
    expect(header(lagging)).toMatch(/ partial: \d+ kinds not served yet/);
    expect(isLive(lagging)).toBe(false);
    expect(lagging).toContain('of 0 Flux objects — not counted: 2 stale rows');
    expect(lagging).toMatch(
      /⚠ \d+ kinds not served yet since \d\d:\d\d:\d\d, as after an API server restart — rows shown are stale; retrying/,
    );
    expect(lagging).toMatch(
      /helmreleases not served yet since \d\d:\d\d:\d\d — rows shown are stale; retrying \(the API group helm\.toolkit\.fluxcd\.io/,
    );
    expect(rowsNamed(lagging, 'kyverno')).toBe(1);
    expect(lagging).not.toContain('not installed');

    await sim.clock.advance(5000);
    const back = await waitForFrame(frame, (f) => isLive(f) && !f.includes('not served yet'), 10_000);
    expect(rowsNamed(back, 'kyverno')).toBe(1);
    expect(back).not.toContain('stale');
  }, 30_000);

  it('RBAC: a kind it may not list says so (and is not retried in a loop); the other views work', async () => {
    const retries = heldTimers(1000);
    const { sim, ui, frame } = await mount(
      'helmreleases',
      (s) => {
        seed(s, 'HelmRelease', 'apps', 'kyverno');
        seed(s, 'Kustomization', 'flux-system', 'apps');
        s.faults.deny({ verb: 'list', resource: 'helmreleases' });
      },
      {},
      { timers: retries.timers },
    );
    const denied = await waitForFrame(frame, (f) => f.includes('cannot list helmreleases'), 10_000);
    expect(denied).toContain('your user cannot list helmreleases at the cluster scope');
    expect(rowsNamed(denied, 'kyverno')).toBe(0);
    await press(ui.stdin, ':', 'k', 's', '\r');
    const ks = await waitForFrame(frame, (f) => rowsNamed(f, 'apps') === 1, 10_000);
    expect(ks).toContain('Kustomizations(all) [1/1]');
    // It asks again only after a slow retry (60 s), which this test never lets pass.
    expect(retries.waiting()).toEqual([60_000]);
    expect(requestsFor(sim, HR, 'list')).toHaveLength(1);
  });

  it('RBAC: the controller pods refused in flux-system are said to be refused there, not cluster-wide', async () => {
    const { frame } = await mount(
      'controllers',
      (s) => s.faults.deny({ verb: 'list', resource: 'pods' }),
      {},
      {},
    );
    const denied = await waitForFrame(frame, (f) => f.includes('cannot list pods'), 10_000);
    expect(denied).toContain(
      'your user cannot list pods in namespace flux-system (forbidden: User "kubernetes-admin" cannot list resource "pods"',
    );
    expect(denied).not.toContain('at the cluster scope');
  });

  it('RBAC: with every kind forbidden the header says so and the console opens on Failing with the explanation', async () => {
    const { frame } = await mount(
      undefined,
      (s) => {
        seed(s, 'Kustomization', 'flux-system', 'apps');
        s.faults.deny({ verb: 'list' });
      },
      {},
      {},
    );
    const shown = await waitForFrame(
      frame,
      (f) => f.includes('Failing(all)') && f.includes('Ask for read'),
      10_000,
    );
    const lines = shown.split('\n');
    expect(lines[1]).toBe(
      '⚠ no Flux object can be read: your user may not list any Flux kind at the cluster scope (forbidden) — see Failing',
    );
    expect(shown).not.toMatch(/ready 0 +failing 0/);
    expect(shown).toContain(
      'Your user may not list any Flux kind at the cluster scope: nothing can be shown, not even whether anything is failing.',
    );
    expect(shown).toContain(
      'Ask for read access (Flux adds its kinds to the Kubernetes view role), or try :ns NAME for a namespace you may read.',
    );
    expect(shown).toContain('The API server said: forbidden: User "kubernetes-admin" cannot list resource');
  });

  it('a CRD that is missing says not installed, and the view fills in when it is installed', async () => {
    const { sim, frame } = await mount('helmreleases', (s) => {
      seed(s, 'HelmRelease', 'apps', 'kyverno');
      s.faults.removeCrd('HelmRelease');
    });
    const missing = await waitForFrame(frame, (f) => f.includes('HelmRelease CRD not installed'), 10_000);
    expect(rowsNamed(missing, 'kyverno')).toBe(0);
    sim.faults.restoreCrd('HelmRelease');
    const installed = await waitForFrame(
      frame,
      (f) => rowsNamed(f, 'kyverno') === 1 && !f.includes('not installed'),
      10_000,
    );
    expect(installed).toContain('HelmReleases(all) [1/1]');
  });

  it('an older Flux whose newest HelmRelease version is not served: falls back and lists it', async () => {
    const { frame } = await mount(
      'helmreleases',
      (s) => {
        s.store.create(HR, {
          apiVersion: 'helm.toolkit.fluxcd.io/v2beta2',
          kind: 'HelmRelease',
          metadata: { name: 'legacy-release', namespace: 'apps' },
          spec: { interval: '5m' },
          status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok' }] },
        });
      },
      { fluxVersions: 'legacy' },
    );
    const f = await waitForFrame(frame, (x) => rowsNamed(x, 'legacy-release') === 1, 10_000);
    expect(f).not.toContain('not installed');
  });
});
