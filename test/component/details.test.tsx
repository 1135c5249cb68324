import { describe, expect, it } from 'vitest';
import type { HelmReleaseRevision } from '../../src/flux/types.js';
import type { ClusterEvent } from '../../src/kube/port.js';
import { yamlText } from '../../src/present/details-lines.js';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { KEYS, press, waitForFrame } from '../support/ink.js';
import { NOW, runbookRows } from '../support/runbook-rows.js';

const setup = appRenderer({ columns: 130, rows: 40 });

const event = (
  uid: string,
  name: string,
  kind: string,
  minutesAgo: number,
  reason: string,
): ClusterEvent => ({
  uid,
  namespace: 'flux-system',
  type: 'Warning',
  reason,
  message: `${reason} for ${name}`,
  involved: { kind, namespace: 'flux-system', name },
  lastSeen: new Date(NOW - minutesAgo * 60_000).toISOString(),
  firstSeen: new Date(NOW - minutesAgo * 60_000).toISOString(),
  count: 1,
  source: 'controller',
});

describe('details', () => {
  it('opens with d as well as enter (k9s: d describes), and esc goes back', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, 'd');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Conditions'));
    expect(frame).toContain('[Overview]');
    await press(stdin, KEYS.esc);
    const back = await waitForFrame(
      lastFrame,
      (f) => f.includes('Failing(all)') && !f.includes('[Overview]'),
    );
    expect(back).not.toContain('Conditions');
  });

  it('shows conditions, the dependency chain both ways with health, and the runbook advice', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, KEYS.enter);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Conditions'));
    expect(frame).toContain('[Overview]');
    expect(frame).toContain('Helm history');
    expect(frame).toMatch(/Ready\s+False\s+UpgradeFailed\s+40m/);
    expect(frame).toContain('Helm upgrade failed: timed out waiting for the condition');
    expect(frame).toContain('✓ HelmRelease/flux-system/istio-base  Ready');
    expect(frame).toContain('… HelmRelease/flux-system/kyverno  Waiting');
    expect(frame).toContain('… HelmRelease/flux-system/monitoring  Waiting');
    expect(frame).toContain('Runbook: <R> reconcile+source — Helm upgrade failed; Flux retries on its own.');
    expect(frame).toContain('it blocks 2 dependents');
  });

  it('marks the root cause in a blocked object’s chain and shows its source', async () => {
    const rows = runbookRows();
    const { lastFrame, stdin } = setup(new FakePort(rows));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, 'j', KEYS.enter);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Dependency chain'));
    expect(frame).toContain('HelmRelease/flux-system/kyverno  Waiting');
    expect(frame).toMatch(/✗ HelmRelease\/flux-system\/cert-manager\s+Failed\s+◉ root cause: fix this first/);
  });

  it('lists its own events and those of related objects (flux events --for), newest first', async () => {
    const port = new FakePort([
      makeRow({
        kind: 'Kustomization',
        name: 'apps',
        health: 'Failed',
        failingSince: '2026-01-01T11:00:00Z',
        source: { kind: 'GitRepository', namespace: 'flux-system', name: 'sre-platform' },
      }),
    ]);
    port.setObject('Kustomization/flux-system/apps', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'apps', namespace: 'flux-system' },
      spec: { sourceRef: { kind: 'GitRepository', name: 'sre-platform' } },
    });
    port.setEvents([
      event('1', 'apps', 'Kustomization', 10, 'BuildFailed'),
      event('2', 'sre-platform', 'GitRepository', 3, 'GitOperationFailed'),
      event('3', 'other', 'Kustomization', 1, 'Unrelated'),
    ]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, 'e');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('[Events]'));
    expect(frame).toContain('GitOperationFailed for sre-platform');
    expect(frame).toContain('BuildFailed for apps');
    expect(frame).not.toContain('Unrelated');
    expect(frame.indexOf('GitOperationFailed')).toBeLessThan(frame.indexOf('BuildFailed'));
  });

  it('shows sanitised YAML with y, and switches tabs with arrows', async () => {
    const port = new FakePort([makeRow({ kind: 'Kustomization', name: 'apps' })]);
    port.setObject('Kustomization/flux-system/apps', {
      kind: 'Kustomization',
      metadata: { name: 'apps', namespace: 'flux-system', managedFields: [{ manager: 'kubectl' }] },
      spec: { path: './apps\u001B[2J', interval: '10m' },
    });
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Kustomizations(all)'));
    await press(stdin, 'y');
    let frame = await waitForFrame(lastFrame, (f) => f.includes('[YAML]'));
    expect(frame).toContain('interval: 10m');
    expect(frame).not.toContain('managedFields');
    expect(frame).not.toContain('\u001B');
    await press(stdin, KEYS.left);
    frame = await waitForFrame(lastFrame, (f) => f.includes('[Events]'));
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Kustomizations(all)'));
  });

  it('loads the Helm history on demand', async () => {
    const history: HelmReleaseRevision[] = [3, 2].map((revision) => ({
      releaseName: 'cert-manager',
      namespace: 'cert-manager',
      revision,
      status: revision === 3 ? 'failed' : 'superseded',
      chartName: 'cert-manager',
      chartVersion: revision === 3 ? 'v1.15.0' : 'v1.14.5',
      appVersion: revision === 3 ? 'v1.15.0' : 'v1.14.5',
      description: revision === 3 ? 'Upgrade "cert-manager" failed: timed out' : 'Upgrade complete',
      firstDeployed: '2026-01-01T10:00:00Z',
      lastDeployed: revision === 3 ? '2026-01-01T11:20:00Z' : '2026-01-01T10:00:00Z',
      secretName: `sh.helm.release.v1.cert-manager.v${revision}`,
    }));
    const asked: string[] = [];
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), {
      loadHelmHistory: async (row) => {
        asked.push(row.key);
        return history;
      },
    });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    expect(asked).toEqual([]);
    await press(stdin, 'H');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Upgrade complete'));
    expect(asked).toEqual(['HelmRelease/flux-system/cert-manager']);
    expect(frame).toMatch(/REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\s+DESCRIPTION/);
    expect(frame).toMatch(/3\s+40m\s+failed\s+cert-manager-v1\.15\.0/);
    expect(frame).toMatch(/2\s+120m\s+superseded\s+cert-manager-v1\.14\.5/);
  });

  it('reads the Helm history from the port by default, where helm-controller stores it', async () => {
    const port = new FakePort(runbookRows());
    port.setObject('HelmRelease/flux-system/cert-manager', {
      kind: 'HelmRelease',
      metadata: { name: 'cert-manager', namespace: 'flux-system' },
      spec: { targetNamespace: 'cert-manager', storageNamespace: 'cert-manager' },
    });
    port.helmHistories.set('cert-manager/cert-manager-cert-manager', [
      {
        releaseName: 'cert-manager-cert-manager',
        namespace: 'cert-manager',
        revision: 1,
        status: 'deployed',
        chartName: 'cert-manager',
        chartVersion: 'v1.14.5',
        appVersion: 'v1.14.5',
        description: 'Install complete',
        firstDeployed: '2026-01-01T10:00:00Z',
        lastDeployed: '2026-01-01T10:00:00Z',
        secretName: 'sh.helm.release.v1.cert-manager-cert-manager.v1',
      },
    ]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, 'H');
    await waitForFrame(lastFrame, (f) => f.includes('Install complete'));
    expect(port.historyCalls).toEqual([['cert-manager', 'cert-manager-cert-manager']]);
  });

  it('says when the object it showed is gone', async () => {
    const port = new FakePort([makeRow({ kind: 'Kustomization', name: 'apps' })]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Kustomizations(all)'));
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('Conditions'));
    port.remove('Kustomization/flux-system/apps');
    await waitForFrame(lastFrame, (f) => f.includes('Kustomization/flux-system/apps no longer exists'));
  });
});

describe('YAML of a Secret', () => {
  it('shows keys only, never values', () => {
    const text = yamlText({
      kind: 'Secret',
      metadata: { name: 'flux-system' },
      data: { password: 'c2VjcmV0', username: 'Ym9i' },
    });
    expect(text).toContain('password: (hidden)');
    expect(text).toContain('username: (hidden)');
    expect(text).not.toContain('c2VjcmV0');
  });
});
