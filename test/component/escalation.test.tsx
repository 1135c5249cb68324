// Issue 17 (6), escalation: the Controllers view says how a controller last died and when, `enter` on a
// pod shows its status, resources, previous container's log and events, `y`/`e` work on a pod, and the
// header names a controller in trouble at 80 and 120 columns without losing the counts.
import { describe, expect, it } from 'vitest';
import type { ClusterEvent, ControllerPod } from '../../src/kube/port.js';
import { type RenderedApp, renderApp } from '../support/app.js';
import { FakePort } from '../support/fake-port.js';
import { KEYS, lineWith, press, selectedLine, type, waitForFrame } from '../support/ink.js';
import { NOW, runbookRows } from '../support/runbook-rows.js';

const iso = (minutesAgo: number) =>
  new Date(NOW - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const pod = (name: string, over: Partial<ControllerPod> = {}): ControllerPod => ({
  name,
  namespace: 'flux-system',
  controller: name.replace(/-[a-z0-9]+-[a-z0-9]+$/, ''),
  phase: 'Running',
  ready: true,
  restarts: 0,
  waitingReason: '',
  createdAt: iso(60),
  image: 'ghcr.io/fluxcd/controller:v1',
  container: 'manager',
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1000m', memory: '1Gi' } },
  ...over,
});

const CRASHING = 'image-reflector-controller-5b8f7c6d9-q2x7z';

function crashingPort(): FakePort {
  const port = new FakePort(runbookRows());
  port.setPods([
    pod('source-controller-6d9b8c7f5-abc12'),
    pod('helm-controller-7c4f9d8b6-def34', {
      restarts: 1,
      lastTermination: { reason: 'OOMKilled', exitCode: 137, finishedAt: iso(35) },
    }),
    pod(CRASHING, {
      ready: false,
      restarts: 7,
      waitingReason: 'CrashLoopBackOff',
      lastTermination: { reason: 'OOMKilled', exitCode: 137, finishedAt: iso(4) },
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1000m', memory: '128Mi' } },
    }),
  ]);
  const event = (uid: string, reason: string, message: string, type = 'Warning'): ClusterEvent => ({
    uid,
    namespace: 'flux-system',
    type,
    reason,
    message,
    involved: { kind: 'Pod', namespace: 'flux-system', name: CRASHING },
    lastSeen: iso(1),
    firstSeen: iso(40),
    count: 23,
    source: 'kubelet',
  });
  port.setEvents([
    event(
      'e1',
      'BackOff',
      `Back-off restarting failed container manager in pod ${CRASHING}_flux-system(uid)`,
    ),
  ]);
  port.previous.set(`flux-system/${CRASHING}`, {
    phase: 'ready',
    lines: ['{"level":"info","msg":"scanning ghcr.io/stefanprodan/podinfo: 18000 tags"}'],
  });
  return port;
}

let app: RenderedApp | undefined;
function open(port: FakePort, columns: number, rows: number): RenderedApp {
  app?.unmount();
  app = renderApp(port, { columns, rows }, { clock: () => NOW, initialView: 'controllers' });
  return app;
}

async function command(stdin: { write: (s: string) => void }, text: string) {
  await press(stdin, ':');
  await type(stdin, text);
  await press(stdin, KEYS.enter);
}

describe('Controllers view: how and when a controller last died', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    it(`shows READY, RESTARTS with when, STATUS and LAST EXIT at ${columns} columns`, async () => {
      const { lastFrame } = open(crashingPort(), columns, rows);
      const frame = await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
      const header = lineWith(frame, 'RESTARTS') ?? '';
      for (const column of ['NAME', 'READY', 'RESTARTS', 'STATUS', 'LAST EXIT'])
        expect(header).toContain(column);
      // Crash-looping first and selected; its restarts say when, as kubectl's `7 (4m ago)`. At 80 columns
      // the pod's name gives way, cut in the middle (its head and its pod hash stay).
      expect(selectedLine(frame)).toMatch(
        /image-re.*q2x7z\s+False\s+7 \(4m ago\)\s+CrashLoopBackOff\s+OOMKilled 137/,
      );
      expect(lineWith(frame, 'helm-')).toMatch(/True\s+1 \(35m ago\)\s+Running\s+OOMKilled 137/);
      expect(lineWith(frame, 'source-')).toMatch(/True\s+0\s+Running\s*(\S|$)/);
      for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
    });
  }

  it('tolerates a pod the kubelet said little about: no last state, no resources', async () => {
    const port = new FakePort(runbookRows());
    port.setPods([pod('kustomize-controller-5f6d7c8b9-zz9yy', { resources: { requests: {}, limits: {} } })]);
    const { lastFrame, stdin } = open(port, 120, 40);
    await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
    await press(stdin, KEYS.enter);
    // The previous container's log is read after the details open: wait for its answer too.
    const frame = await waitForFrame(
      lastFrame,
      (f) => f.includes('Resources (container manager)') && f.includes('has not restarted'),
    );
    expect(frame).toContain('never terminated');
    expect(frame).toContain('requests: none set');
    expect(frame).toContain('manager has not restarted in kustomize-controller-5f6d7c8b9-zz9yy');
  });
});

describe('pod details', () => {
  it('enter shows why it waits, how it last ended and when, its limits, its previous log and events', async () => {
    const port = crashingPort();
    const { lastFrame, stdin } = open(port, 120, 40);
    await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
    await press(stdin, KEYS.enter);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('18000 tags'));
    expect(frame).toContain(`Pod/flux-system/${CRASHING}`);
    expect(frame).toContain('image-reflector-controller  not ready  CrashLoopBackOff');
    expect(frame).toContain('last terminated: OOMKilled 137, 4m ago (out of memory: over its memory limit)');
    expect(frame).toContain('limits:   cpu 1000m, memory 128Mi');
    expect(frame).toContain("Previous container's log (last 50 lines)");
    expect(lineWith(frame, 'Warning BackOff')).toContain(`Pod/${CRASHING} (x23)`);
    expect(port.previousCalls).toEqual([`flux-system/${CRASHING}/manager?tailLines=50`]);
  });

  it('y and e work on a selected pod instead of asking for a Flux object', async () => {
    const port = crashingPort();
    port.setPods(
      port.getSnapshot().pods.items.map((p) => ({
        ...p,
        raw: { apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, namespace: p.namespace } },
      })),
    );
    const { lastFrame, stdin } = open(port, 120, 40);
    await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
    await press(stdin, 'y');
    const yaml = await waitForFrame(lastFrame, (f) => f.includes('kind: Pod'));
    expect(yaml).toContain(`name: ${CRASHING}`);
    expect(yaml).not.toContain('select a Flux object first');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
    await press(stdin, 'e');
    const events = await waitForFrame(lastFrame, (f) => f.includes('Back-off restarting failed container'));
    expect(events).toContain('[Events]');
  });
});

describe('header: a controller in trouble at a glance', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    it(`names the crash-looping controller at ${columns} columns and keeps the counts`, async () => {
      const { lastFrame, stdin } = open(crashingPort(), columns, rows);
      await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
      await command(stdin, 'fail');
      const frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
      const lines = frame.split('\n');
      expect(lines[1]).toMatch(/^ready \d+ {2}failing \d+/);
      expect(lines[1]).toMatch(/of \d+ Flux objects$/);
      expect(lines[2]).toContain('⚠ controllers: image-reflector-controller CrashLoopBackOff');
      if (columns >= 120)
        expect(lines[2]).toBe(
          '⚠ controllers: image-reflector-controller CrashLoopBackOff (last OOMKilled, 7 restarts) — escalate (:ctrl)',
        );
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    });
  }

  it('says nothing when every controller runs', async () => {
    const port = new FakePort(runbookRows());
    port.setPods([pod('source-controller-6d9b8c7f5-abc12')]);
    const { lastFrame } = open(port, 120, 40);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
    expect(frame).not.toContain('controllers:');
  });
});
