import { describe, expect, it, vi } from 'vitest';
import type { ClusterEvent, ControllerPod } from '../../src/kube/port.js';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { KEYS, lineWith, press, selectedLine, type, waitForFrame } from '../support/ink.js';
import { NOW, runbookRows } from '../support/runbook-rows.js';

const setup = appRenderer({ columns: 140, rows: 30 });
// The views' extra columns (CHART, URL, IMAGE …) go first as a table narrows: they are checked on a wide one.
const wide = appRenderer({ columns: 200, rows: 30 });

/** Lets React render and run its effects (on the real event loop, which fake timers leave alone). */
async function settle() {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function command(stdin: { write: (s: string) => void }, text: string) {
  await press(stdin, ':');
  await type(stdin, text);
  await press(stdin, KEYS.enter);
}

describe('Failing view', () => {
  it('is home when something fails: longest failing first, root of the chain marked, FAILING FOR and BLOCKED BY', async () => {
    const { lastFrame } = setup(new FakePort(runbookRows()));
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    const names = frame
      .split('\n')
      .filter((l) => l.includes('flux-system  '))
      .map((l) => l.split(/\s+/)[3]);
    expect(names).toEqual(['cert-manager', 'kyverno', 'sre-platform', 'monitoring']);
    expect(lineWith(frame, 'cert-manager')).toContain('◉ root (blocks 2)');
    expect(lineWith(frame, 'kyverno')).toMatch(/38m !\s+cert-manager/);
    expect(lineWith(frame, 'monitoring')).toMatch(/5m\s+cert-manager/);
    expect(lineWith(frame, 'monitoring')).not.toContain('!');
    expect(frame).not.toContain('istio-base');
    expect(frame).toContain('failing > 15m: 3');
  });

  it('honours a configured alert threshold', async () => {
    const { lastFrame } = setup(new FakePort(runbookRows()), { alertThresholdMs: 60 * 60_000 });
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    expect(lineWith(frame, 'cert-manager')).not.toContain('40m !');
    expect(frame).toContain('failing > 60m: 0');
  });

  it('turns every FAILING FOR over together at the start of a clock minute: one repaint a minute, not one per row', async () => {
    // Three failures 17, 43 and 5 s into their minutes; a 5 s clock across a minute boundary.
    const failing = (name: string, since: string) =>
      makeRow({ kind: 'Kustomization', name, health: 'Failed', failingSince: since });
    const port = new FakePort([
      failing('alpha', '2026-01-01T11:20:17Z'),
      failing('bravo', '2026-01-01T11:30:43Z'),
      failing('charlie', '2026-01-01T11:40:05Z'),
    ]);
    let now = NOW - 30_000;
    let reads = 0;
    // The App's clock ticks on fake timers: each step moves the clock on one tick, so the frame read after
    // it shows that step's time, however slow the machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const seen: (string | undefined)[][] = [];
    try {
      // A clock that always moves on, as Date.now does (one that stands still stops the ticks): 1 ms a read.
      const { lastFrame } = setup(port, { clock: () => now + ++reads, tickMs: 20 });
      const cells = (f: string) =>
        ['alpha', 'bravo', 'charlie'].map((n) => lineWith(f, n)?.match(/\d+m/)?.[0]);
      for (let step = 0; step <= 12; step++) {
        now = NOW - 30_000 + step * 5_000;
        vi.advanceTimersByTime(20);
        await settle();
        const frame = lastFrame() ?? '';
        expect(frame).toContain('charlie');
        seen.push(cells(frame));
      }
    } finally {
      vi.useRealTimers();
    }
    const changes = seen.flatMap((c, i) => (i > 0 && c.join() !== seen[i - 1]?.join() ? [i] : []));
    // 11:59:30 → 12:00:30. Each row's exact age turns a minute at its own step (3, 7 and 10); shown, they all
    // turn at step 6, 12:00:00.
    expect(seen[0]).toEqual(['38m', '28m', '18m']);
    expect(changes).toEqual([6]);
    expect(seen[6]).toEqual(['39m', '29m', '19m']);
  });

  it('flags a failure past the alert threshold when its FAILING FOR says so, in the row and the header alike', async () => {
    // Failing since 11:44:40 with a 15m threshold: 15m10s exactly at 11:59:50, shown as 14m until 12:00.
    const port = new FakePort([
      makeRow({
        kind: 'Kustomization',
        name: 'alpha',
        health: 'Failed',
        failingSince: '2026-01-01T11:44:40Z',
      }),
    ]);
    let now = NOW - 10_000;
    let reads = 0;
    const { lastFrame } = setup(port, { clock: () => now + ++reads, tickMs: 20 });
    const before = await waitForFrame(lastFrame, (f) => f.includes('alpha'));
    expect(lineWith(before, 'alpha')).toMatch(/ 14m {2}/);
    expect(before).toContain('failing > 15m: 0');
    now = NOW;
    const after = await waitForFrame(lastFrame, (f) => f.includes('failing > 15m: 1'));
    expect(lineWith(after, 'alpha')).toMatch(/ 15m !/);
  });

  it('starts on Kustomizations when nothing fails', async () => {
    const { lastFrame } = setup(new FakePort([makeRow({ kind: 'Kustomization', name: 'apps' })]));
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Kustomizations(all)'));
    expect(frame).not.toContain('Failing(all)');
    expect(selectedLine(frame)).toContain('apps');
  });
});

describe('HelmReleases and Sources', () => {
  it('shows CHART, VERSION and DEPENDS ON for HelmReleases', async () => {
    const { lastFrame, stdin } = wide(new FakePort(runbookRows()));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'hr');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    expect(frame).toMatch(/CHART\s+VERSION/);
    expect(frame).toContain('DEPENDS ON');
    expect(lineWith(frame, 'cert-manager')).toMatch(/cert-manager\s+v1\.15\.0.*istio-base/);
  });

  it('lists every source kind with a KIND column and narrows with :git', async () => {
    const rows = [
      ...runbookRows(),
      makeRow({
        kind: 'OCIRepository',
        name: 'podinfo-oci',
        extra: { URL: 'oci://ghcr.io/stefanprodan/manifests/podinfo' },
      }),
      makeRow({
        kind: 'HelmRepository',
        name: 'bitnami',
        extra: { URL: 'https://charts.bitnami.com', 'LAST FETCH': '2026-01-01T11:57:00Z' },
      }),
    ];
    const { lastFrame, stdin } = wide(new FakePort(rows));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'src');
    let frame = await waitForFrame(lastFrame, (f) => f.includes('Sources(all)'));
    expect(frame).toMatch(/KIND\s+NAMESPACE\s+NAME\s+URL/);
    expect(frame).toContain('LAST FETCH');
    expect(lineWith(frame, 'bitnami')).toMatch(/\s3m\s/);
    expect(frame).toContain('podinfo-oci');
    expect(frame).toContain('bitnami');
    await command(stdin, 'git');
    frame = await waitForFrame(lastFrame, (f) => f.includes('Sources:GitRepository(all)'));
    expect(frame).toContain('sre-platform');
    expect(frame).not.toContain('bitnami');
  });
});

describe('Images and Notifications', () => {
  it('lists image automation objects with IMAGE and TAG, and notification objects with TYPE', async () => {
    const port = new FakePort([
      ...runbookRows(),
      makeRow({
        kind: 'ImagePolicy',
        name: 'podinfo',
        extra: { IMAGE: 'ghcr.io/stefanprodan/podinfo', TAG: '6.5.1' },
      }),
      makeRow({
        kind: 'ImageRepository',
        name: 'podinfo',
        health: 'Failed',
        message: 'auth failed',
        failingSince: '2026-01-01T11:50:00Z',
      }),
      makeRow({ kind: 'Provider', name: 'slack', extra: { TYPE: 'slack' } }),
      makeRow({ kind: 'Alert', name: 'on-call' }),
    ]);
    const { lastFrame, stdin } = wide(port, { initialView: 'img' });
    let frame = await waitForFrame(lastFrame, (f) => f.includes('Images(all)'));
    expect(frame).toMatch(/IMAGE\s+TAG/);
    expect(lineWith(frame, 'ImagePolicy')).toMatch(/ghcr\.io\/stefanprodan\/podinfo\s+6\.5\.1/);
    expect(lineWith(frame, 'ImageRepository')).toContain('auth failed');
    await command(stdin, 'notif');
    frame = await waitForFrame(lastFrame, (f) => f.includes('Notifications(all)'));
    expect(lineWith(frame, 'Provider')).toMatch(/slack\s+slack/);
    expect(frame).toContain('on-call');
  });

  it('opens a kind given as --view, narrowed within its family', async () => {
    const port = new FakePort([...runbookRows(), makeRow({ kind: 'HelmRepository', name: 'bitnami' })]);
    const frame = await waitForFrame(setup(port, { initialView: 'gitrepositories' }).lastFrame, (f) =>
      f.includes('Sources:GitRepository(all)'),
    );
    expect(frame).toContain('sre-platform');
    expect(frame).not.toContain('bitnami');
  });
});

describe('Controllers and Events', () => {
  const pod = (name: string, over: Partial<ControllerPod> = {}): ControllerPod => ({
    name,
    namespace: 'flux-system',
    controller: name.replace(/-[a-z0-9]+$/, ''),
    phase: 'Running',
    ready: true,
    restarts: 0,
    waitingReason: '',
    createdAt: '2026-01-01T10:00:00Z',
    image: 'ghcr.io/fluxcd/controller:v1',
    container: 'manager',
    resources: { requests: {}, limits: {} },
    ...over,
  });

  it('makes a crash-looping controller stand out with the escalation step', async () => {
    const port = new FakePort(runbookRows());
    port.setPods([
      pod('source-controller-abc12'),
      pod('helm-controller-def34', { ready: false, restarts: 7, waitingReason: 'CrashLoopBackOff' }),
    ]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'ctrl');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
    expect(frame).toContain(
      'helm-controller is crash-looping (CrashLoopBackOff, 7 restarts): escalate to the platform team',
    );
    expect(selectedLine(frame)).toContain('helm-controller-def34');
    expect(lineWith(frame, 'source-controller-abc12')).toMatch(/True\s+0\s+Running/);
  });

  it('lists events newest first', async () => {
    const ev = (uid: string, minutesAgo: number, reason: string): ClusterEvent => ({
      uid,
      namespace: 'flux-system',
      type: reason === 'UpgradeFailed' ? 'Warning' : 'Normal',
      reason,
      message: `${reason} happened`,
      involved: { kind: 'HelmRelease', namespace: 'flux-system', name: 'cert-manager' },
      lastSeen: new Date(NOW - minutesAgo * 60_000).toISOString(),
      firstSeen: new Date(NOW - minutesAgo * 60_000).toISOString(),
      count: 1,
      source: 'helm-controller',
    });
    const port = new FakePort(runbookRows());
    port.setEvents([
      ev('a', 30, 'Progressing'),
      ev('b', 2, 'UpgradeFailed'),
      ev('c', 10, 'InstallSucceeded'),
    ]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'events');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Events(all)'));
    const order = ['UpgradeFailed', 'InstallSucceeded', 'Progressing'].map((r) =>
      frame.indexOf(`${r} happened`),
    );
    expect(order[0]).toBeGreaterThan(0);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(lineWith(frame, 'UpgradeFailed happened')).toMatch(/2m\s+Warning/);
    await press(stdin, KEYS.enter);
    const details = await waitForFrame(lastFrame, (f) => f.includes('[Events]'));
    expect(details).toContain('HelmRelease/flux-system/cert-manager');
  });

  it('opens a controller’s logs with L (enter opens the pod’s details: test/component/escalation.test.tsx)', async () => {
    const port = new FakePort(runbookRows());
    port.setPods([pod('helm-controller-def34'), pod('source-controller-abc12')]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'ctrl');
    await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
    await press(stdin, 'L');
    await waitForFrame(lastFrame, (f) => f.includes('Logs [following] all lines — helm'));
    expect(port.followed.at(-1)).toEqual(['helm-controller']);
  });
});
