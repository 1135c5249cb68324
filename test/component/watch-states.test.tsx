import { describe, expect, it } from 'vitest';
import { formatClock } from '../../src/present/watch-state.js';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { waitForFrame } from '../support/ink.js';
import { NOW } from '../support/runbook-rows.js';

const renderApp = appRenderer({ columns: 120, rows: 24 });

function setup(port: FakePort, view: 'helmreleases' | 'kustomizations' | 'sources' | 'controllers') {
  return renderApp(port, { initialView: view });
}

describe('watch states are shown honestly, never as an empty table', () => {
  it('forbidden', async () => {
    const port = new FakePort();
    port.setState('HelmRelease', { phase: 'forbidden', message: '' });
    const frame = await waitForFrame(setup(port, 'helmreleases').lastFrame, (f) =>
      f.includes('HelmReleases'),
    );
    expect(frame).toContain('your user cannot list helmreleases at the cluster scope');
    expect(frame).not.toContain('NAME');
  });

  it('forbidden in one namespace', async () => {
    const port = new FakePort([], { namespace: 'team-a' });
    port.setState('HelmRelease', { phase: 'forbidden', message: 'RBAC: access denied' });
    const frame = await waitForFrame(setup(port, 'helmreleases').lastFrame, (f) =>
      f.includes('HelmReleases'),
    );
    expect(frame).toContain('your user cannot list helmreleases in namespace team-a (RBAC: access denied)');
  });

  it('not installed', async () => {
    const port = new FakePort();
    port.setState('HelmRelease', { phase: 'not-installed', message: '' });
    const frame = await waitForFrame(setup(port, 'helmreleases').lastFrame, (f) =>
      f.includes('HelmReleases'),
    );
    expect(frame).toContain('HelmRelease CRD not installed');
  });

  it('loading', async () => {
    const port = new FakePort();
    port.setState('Kustomization', { phase: 'loading' });
    const frame = await waitForFrame(setup(port, 'kustomizations').lastFrame, (f) =>
      f.includes('Kustomizations'),
    );
    expect(frame).toContain('loading kustomizations…');
  });

  it('no Flux controller installed: a banner says nothing reconciles, the rows stay', async () => {
    const port = new FakePort([makeRow({ kind: 'Kustomization', name: 'apps' })]);
    port.setControllers([]);
    const frame = await waitForFrame(setup(port, 'kustomizations').lastFrame, (f) => f.includes('apps'));
    expect(frame).toContain(
      '⚠ no Flux controllers in flux-system: nothing reconciles — statuses are what the controllers last wrote',
    );
  });

  it('Flux controllers running: no such banner', async () => {
    const port = new FakePort([makeRow({ kind: 'Kustomization', name: 'apps' })]);
    const frame = await waitForFrame(setup(port, 'kustomizations').lastFrame, (f) => f.includes('apps'));
    expect(frame).not.toContain('nothing reconciles');
  });

  it('disconnected: the rows stay, with a notice and a stale-data banner', async () => {
    const since = NOW - 90_000;
    const port = new FakePort([makeRow({ kind: 'Kustomization', name: 'apps' })]);
    port.setState('Kustomization', { phase: 'disconnected', since, message: 'connection refused' });
    port.setConnection('degraded');
    const frame = await waitForFrame(setup(port, 'kustomizations').lastFrame, (f) => f.includes('apps'));
    expect(frame).toContain(`⚠ data may be stale — disconnected since ${formatClock(since)}, retrying`);
    expect(frame).toContain(`kustomizations: disconnected since ${formatClock(since)}, retrying`);
    expect(frame).toContain('degraded');
  });

  it('not served yet (a restarted API server): the rows stay, marked stale; partial, not live; the counts leave them out and say so', async () => {
    const since = NOW - 4_000;
    const port = new FakePort([
      makeRow({ kind: 'Kustomization', name: 'apps' }),
      makeRow({ kind: 'HelmRelease', name: 'kyverno' }),
    ]);
    port.setState('Kustomization', {
      phase: 'not-served-yet',
      since,
      message: 'the API group kustomize.toolkit.fluxcd.io is not served',
    });
    port.setState('HelmRelease', { phase: 'ready', apiVersion: 'helm.toolkit.fluxcd.io/v2' });
    port.setConnection('partial');
    const frame = await waitForFrame(setup(port, 'kustomizations').lastFrame, (f) => f.includes('apps'));
    const [first, second] = frame.split('\n');
    expect(first).toMatch(/ partial: 1 kind not served yet( |$)/);
    expect(first).not.toMatch(/ live( |$)/);
    expect(second).toContain('of 1 Flux objects — not counted: 1 stale row');
    expect(frame).toContain(
      `⚠ Kustomization not served yet since ${formatClock(since)}, as after an API server restart — rows shown are stale; retrying`,
    );
    expect(frame).toContain(
      `kustomizations not served yet since ${formatClock(since)} — rows shown are stale; retrying (the API group kustomize.toolkit.fluxcd`,
    );
    expect(frame).not.toContain('not installed');
  });

  it('an empty but listable kind says so', async () => {
    const frame = await waitForFrame(setup(new FakePort(), 'kustomizations').lastFrame, (f) =>
      f.includes('Kustomizations'),
    );
    expect(frame).toContain('none in any namespace');
  });

  it('a family view lists what it can and names what it cannot', async () => {
    const port = new FakePort([makeRow({ kind: 'GitRepository', name: 'sre-platform' })]);
    port.setState('Bucket', { phase: 'forbidden', message: '' });
    port.setState('ExternalArtifact', { phase: 'not-installed', message: '' });
    const frame = await waitForFrame(setup(port, 'sources').lastFrame, (f) => f.includes('sre-platform'));
    expect(frame).toContain('your user cannot list buckets at the cluster scope');
    expect(frame).not.toContain('ExternalArtifact CRD not installed');
  });

  it('controller pods forbidden', async () => {
    const port = new FakePort();
    port.setPods([], { phase: 'forbidden', message: '' });
    const frame = await waitForFrame(setup(port, 'controllers').lastFrame, (f) => f.includes('Controllers'));
    expect(frame).toContain('your user cannot list pods at the cluster scope');
  });

  it('names the scope the server named, not the console namespace', async () => {
    const port = new FakePort([], { namespace: 'team-a' });
    port.setPods([], { phase: 'forbidden', message: '', scope: 'in namespace flux-system' });
    const frame = await waitForFrame(setup(port, 'controllers').lastFrame, (f) => f.includes('Controllers'));
    expect(frame).toContain('your user cannot list pods in namespace flux-system');
    expect(frame).not.toContain('team-a (');
  });
});
