// `:timeline`: the incident's lines in time order from the console's own memory (transitions, failures'
// beginnings, events, this session's actions); enter opens a line's object; `:timeline chain` narrows to
// the selected object's dependency chain; `:report` writes the report and says where.
import { describe, expect, it } from 'vitest';
import type { SessionData } from '../../src/present/session-columns.js';
import { appRenderer } from '../support/app.js';
import { FakePort } from '../support/fake-port.js';
import { KEYS, press, type, waitForFrame } from '../support/ink.js';
import { NOW, runbookRows } from '../support/runbook-rows.js';

const setup = appRenderer({ columns: 160, rows: 30 });
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

async function command(stdin: { write: (s: string) => void }, text: string) {
  await press(stdin, ':');
  await type(stdin, text);
  await press(stdin, KEYS.enter);
}

function port(): FakePort {
  const p = new FakePort(runbookRows());
  p.setTransitions([
    {
      at: at(41),
      key: 'HelmRelease/flux-system/istio-base',
      from: { ready: 'True', reason: '', suspended: false },
      to: { ready: 'False', reason: 'InstallFailed', suspended: false },
      message: 'install failed',
    },
    {
      at: at(30),
      key: 'HelmRelease/flux-system/istio-base',
      from: { ready: 'False', reason: 'InstallFailed', suspended: false },
      to: { ready: 'True', reason: '', suspended: false },
      message: '',
    },
  ]);
  p.setEvents([
    {
      uid: 'e1',
      namespace: 'flux-system',
      type: 'Warning',
      reason: 'UpgradeFailed',
      message: 'Helm upgrade failed: timed out \u001b[31mred',
      involved: { kind: 'HelmRelease', namespace: 'flux-system', name: 'cert-manager' },
      firstSeen: at(39),
      lastSeen: at(2),
      count: 6,
      source: 'helm-controller',
    },
  ]);
  return p;
}

const SESSION: SessionData = {
  suspended: [],
  audit: [],
  auditLines: [
    {
      id: 'a1',
      time: at(3),
      phase: 'intent',
      user: 'alice',
      action: 'rollback',
      targets: ['HelmRelease/flux-system/cert-manager'],
      outcome: 'confirmed',
    },
  ],
};

describe(':timeline', () => {
  it('lists the incident in time order from the oldest current failure, and names where it starts', async () => {
    const { lastFrame, stdin } = setup(port(), { session: SESSION });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'timeline');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Timeline'));
    expect(frame).toMatch(/TIME\s+SOURCE\s+OBJECT\s+WHAT\s+DETAIL/);
    // istio-base failed first and recovered within the hour: the incident began with it.
    expect(frame).toContain(
      'from 2026-01-01T11:19:00Z, when HelmRelease/flux-system/istio-base began failing',
    );
    const lines = frame.split('\n');
    const order = [
      'CHANGE   HelmRelease/flux-system/istio-base      Ready → Failing (InstallFailed)',
      'FAILING  HelmRelease/flux-system/cert-manager    started failing (UpgradeFailed)',
      'EVENT    HelmRelease/flux-system/cert-manager    Warning UpgradeFailed ×6',
      'CHANGE   HelmRelease/flux-system/istio-base      Failing (InstallFailed) → Ready',
      'ACTION   HelmRelease/flux-system/cert-manager    you ran rollback: still running',
    ].map((text) => lines.findIndex((l) => l.includes(text)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(frame).toContain('Warning UpgradeFailed ×6');
    expect(frame).toContain('Failing (InstallFailed) → Ready');
    expect(frame).toContain('you ran rollback: still running');
    // Cluster text arrives stripped of control sequences.
    expect(frame).not.toContain('\u001b');
  });

  it('enter opens the object of the selected line', async () => {
    const { lastFrame, stdin } = setup(port(), { session: SESSION });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'timeline');
    await waitForFrame(lastFrame, (f) => f.includes('Timeline'));
    await press(stdin, KEYS.enter);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('[Overview]'));
    expect(frame).toContain('cert-manager');
  });

  it(':timeline chain narrows to the selected object’s dependency chain', async () => {
    const { lastFrame, stdin } = setup(port(), { session: SESSION });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await type(stdin, '/');
    await type(stdin, 'sre-platform');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('</sre-platform>'));
    await command(stdin, 'timeline chain');
    const frame = await waitForFrame(lastFrame, (f) =>
      f.includes('Timeline(chain of GitRepository/flux-system/sre-platform)'),
    );
    expect(frame).toContain('GitRepository/flux-system/sre-platform');
    expect(frame).not.toContain('cert-manager');
  });
});

describe(':report', () => {
  it('writes the report and says where', async () => {
    let calls = 0;
    const { lastFrame, stdin } = setup(port(), {
      writeReport: async () => {
        calls++;
        return '/state/fluxdeck/reports/prod-20260101T120000Z.md';
      },
    });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'report');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('.md'));
    expect(frame).toContain('incident report: /state/fluxdeck/reports/prod-20260101T120000Z.md');
    expect(calls).toBe(1);
  });

  it("in the demo, says the file goes with the demo's folder", async () => {
    const { lastFrame, stdin } = setup(port(), {
      demo: true,
      writeReport: async () => '/tmp/fluxdeck-demo-x/reports/fluxdeck-sim-20260101T120000Z.md',
    });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'report');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('.md'));
    expect(frame).toContain(
      'incident report: /tmp/fluxdeck-demo-x/reports/fluxdeck-sim-20260101T120000Z.md (copy it: the demo folder goes',
    );
  });

  it('says why when the report could not be written', async () => {
    const { lastFrame, stdin } = setup(port(), {
      writeReport: async () => {
        throw new Error('EACCES: permission denied');
      },
    });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'report');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('could not be written'));
    expect(frame).toContain('the report could not be written: EACCES: permission denied');
  });
});
