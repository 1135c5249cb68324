// An API server restart as a client sees it: the same port and certificate, the built-in APIs at once, and
// the CRD groups missing from discovery (their paths 404) until the registration lag has passed on the
// simulator's clock.
import { afterEach, describe, expect, it } from 'vitest';
import { raw, seedHelmRelease, startTestSim, type TestSim } from './sim-api-helpers.js';

let t: TestSim | undefined;

afterEach(async () => {
  await t?.sim.stop();
  t = undefined;
});

const groupNames = async (s: TestSim) =>
  ((await raw(s.kc, 'GET', '/apis')).json().groups as { name: string }[]).map((g) => g.name);

describe('an API server restart', () => {
  it('serves the CRD groups again only after the registration lag', async () => {
    t = await startTestSim({ clock: 'virtual', crdRegistrationLagMs: 4000 });
    seedHelmRelease(t.sim, 'apps', 'podinfo');
    const port = t.sim.port;
    expect(await groupNames(t)).toContain('helm.toolkit.fluxcd.io');

    await t.sim.faults.restart();
    expect(t.sim.port).toBe(port);
    expect(t.sim.faults.registeringCrds).toBe(true);
    // The server answers (built-in APIs, same credentials) …
    expect((await raw(t.kc, 'GET', '/api/v1/namespaces')).status).toBe(200);
    // … but its CRD groups are not there yet.
    const groups = await groupNames(t);
    expect(groups.filter((g) => g.endsWith('.toolkit.fluxcd.io'))).toEqual([]);
    const list = await raw(t.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2/helmreleases');
    expect(list.status).toBe(404);

    await t.sim.clock.advance(3999);
    expect((await raw(t.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2/helmreleases')).status).toBe(404);
    await t.sim.clock.advance(1);
    expect(t.sim.faults.registeringCrds).toBe(false);
    expect(await groupNames(t)).toContain('helm.toolkit.fluxcd.io');
    const back = await raw(t.kc, 'GET', '/apis/helm.toolkit.fluxcd.io/v2/helmreleases');
    expect(back.status).toBe(200);
    expect((back.json().items as { metadata: { name: string } }[]).map((i) => i.metadata.name)).toEqual([
      'podinfo',
    ]);
  });

  it('takes a lag per restart, and reset() registers the CRDs at once', async () => {
    t = await startTestSim({ clock: 'virtual' });
    await t.sim.faults.restart({ crdLagMs: 0 });
    expect(t.sim.faults.registeringCrds).toBe(false);
    expect(await groupNames(t)).toContain('kustomize.toolkit.fluxcd.io');
    await t.sim.faults.restart();
    expect(t.sim.faults.registeringCrds).toBe(true);
    await t.sim.faults.reset();
    expect(await groupNames(t)).toContain('kustomize.toolkit.fluxcd.io');
  });
});
