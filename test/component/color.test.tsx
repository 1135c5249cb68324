import '../support/force-color.js';
import { describe, expect, it } from 'vitest';
import { appRenderer } from '../support/app.js';
import { FakePort, logEntry, makeRow } from '../support/fake-port.js';
import { KEYS, press, waitForFrame } from '../support/ink.js';
import { runbookRows } from '../support/runbook-rows.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape codes is the point
const ESCAPE = /\u001B/;

const renderApp = appRenderer({ columns: 140, rows: 30 });

function setup(port: FakePort, color: boolean) {
  return renderApp(port, { demo: true, color });
}

describe('colour', () => {
  it('colours rows past the alert threshold (bold bright red) and health states when colour is on', async () => {
    const { lastFrame } = setup(new FakePort(runbookRows()), true);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('cert-manager'));
    const line = frame.split('\n').find((l) => l.includes('kyverno')) ?? '';
    expect(line).toContain('\u001B[1m'); // bold: past the 15 minute alert threshold
    expect(line).toContain('\u001B[91m'); // redBright
    const fresh = frame.split('\n').find((l) => l.includes('monitoring')) ?? '';
    expect(fresh).not.toContain('\u001B[91m'); // failing for 5 minutes: not yet an alert
  });

  it('emits no escape code at all with NO_COLOR (color=false), even with colour forced on', async () => {
    const port = new FakePort(runbookRows());
    port.pushLogs([
      logEntry(1, 'helm-controller', {
        level: 'error',
        kind: 'HelmRelease',
        name: 'cert-manager',
        namespace: 'flux-system',
        message: 'boom',
      }),
    ]);
    const { lastFrame, stdin } = setup(port, false);
    let frame = await waitForFrame(lastFrame, (f) => f.includes('cert-manager'));
    expect(frame).not.toMatch(ESCAPE);
    await press(stdin, 'l');
    frame = await waitForFrame(lastFrame, (f) => f.includes('boom'));
    expect(frame).not.toMatch(ESCAPE);
    await press(stdin, KEYS.enter);
    frame = await waitForFrame(lastFrame, (f) => f.includes('Conditions'));
    expect(frame).not.toMatch(ESCAPE);
    await press(stdin, '?');
    frame = await waitForFrame(lastFrame, (f) => f.includes('Keys —'));
    expect(frame).not.toMatch(ESCAPE);
  });

  it('never lets control sequences from the cluster reach the frame', async () => {
    const hostile = makeRow({
      kind: 'Kustomization',
      name: 'evil\u001B[2J\u001B]52;c;aGVsbG8=\u0007name',
      health: 'Failed',
      message:
        'pwned \u001B]8;;http://evil.example\u001B\\click\u001B]8;;\u001B\\ \u009B31m red \u202Egnp.exe',
      failingSince: '2026-01-01T11:00:00Z',
    });
    const port = new FakePort([hostile]);
    port.pushLogs([
      logEntry(1, 'kustomize-controller', {
        kind: 'Kustomization',
        name: hostile.ref.name,
        namespace: 'flux-system',
        message: 'log \u001B[31mred\u001B[0m \u001B]0;title\u0007',
      }),
    ]);
    const { lastFrame, stdin } = setup(port, false);
    let frame = await waitForFrame(lastFrame, (f) => f.includes('pwned'));
    expect(frame).not.toMatch(ESCAPE);
    expect(frame).not.toContain('\u009B');
    expect(frame).not.toContain('\u202E');
    expect(frame).toContain('evilname');
    await press(stdin, 'l', KEYS.tab, 'a');
    frame = await waitForFrame(lastFrame, (f) => f.includes('log red'));
    expect(frame).not.toMatch(ESCAPE);
    await press(stdin, KEYS.tab, KEYS.enter);
    frame = await waitForFrame(lastFrame, (f) => f.includes('Conditions'));
    expect(frame).not.toMatch(ESCAPE);
  });
});
