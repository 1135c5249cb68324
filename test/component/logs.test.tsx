import { describe, expect, it } from 'vitest';
import { appRenderer } from '../support/app.js';
import { FakePort, logEntry } from '../support/fake-port.js';
import { KEYS, press, type, waitForFrame } from '../support/ink.js';
import { runbookRows } from '../support/runbook-rows.js';

const line = (seq: number, name: string, message: string, level: 'info' | 'error' = 'info') =>
  logEntry(seq, 'helm-controller', { kind: 'HelmRelease', name, namespace: 'flux-system', message, level });

const renderApp = appRenderer({ columns: 120, rows: 30 });

function setup(port: FakePort, columns = 120) {
  return renderApp(port, { size: { columns, rows: 30 }, initialView: 'helmreleases' });
}

describe('logs pane', () => {
  it('follows the selected object’s controller and shows only its lines, toggling to all lines', async () => {
    const port = new FakePort(runbookRows());
    port.pushLogs([
      line(1, 'cert-manager', 'upgrade failed', 'error'),
      line(2, 'kyverno', 'dependency not ready'),
    ]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    expect(port.followed.at(-1)).toEqual([]);
    await press(stdin, 'l');
    let frame = await waitForFrame(lastFrame, (f) => f.includes('Logs ['));
    expect(port.followed.at(-1)).toEqual(['helm-controller']);
    expect(frame).toContain('HelmRelease/flux-system/cert-manager upgrade failed');
    expect(frame).not.toContain('dependency not ready');
    await press(stdin, KEYS.tab, 'a');
    frame = await waitForFrame(lastFrame, (f) => f.includes('dependency not ready'));
    expect(frame).toContain('all lines');
    expect(frame).toContain('upgrade failed');
    await press(stdin, 'a', KEYS.tab, 'j');
    frame = await waitForFrame(lastFrame, (f) =>
      f.includes('Logs [following] HelmRelease/flux-system/kyverno'),
    );
    expect(frame).toContain('dependency not ready');
    expect(frame).not.toContain('cert-manager upgrade failed');
    await press(stdin, 'l');
    await waitForFrame(lastFrame, (f) => !f.includes('Logs ['));
    expect(port.followed.at(-1)).toEqual([]);
  });

  it('pauses: the view freezes while new lines are counted, and resumes', async () => {
    const port = new FakePort(runbookRows());
    port.pushLogs([line(1, 'cert-manager', 'first')]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    await press(stdin, 'l', KEYS.tab, 'p');
    await waitForFrame(lastFrame, (f) => f.includes('[paused, 0 new]'));
    port.pushLogs([
      line(2, 'cert-manager', 'second'),
      line(3, 'cert-manager', 'third'),
      line(4, 'kyverno', 'other'),
    ]);
    let frame = await waitForFrame(lastFrame, (f) => f.includes('[paused, 2 new]'));
    expect(frame).not.toContain('second');
    await press(stdin, 'p');
    frame = await waitForFrame(lastFrame, (f) => f.includes('[following]'));
    expect(frame).toContain('third');
  });

  it('searches with highlight and moves between matches', async () => {
    const port = new FakePort(runbookRows());
    port.pushLogs([
      line(1, 'cert-manager', 'alpha timeout'),
      line(2, 'cert-manager', 'beta'),
      line(3, 'cert-manager', 'gamma timeout'),
    ]);
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    await press(stdin, 'l', KEYS.tab, '/');
    await type(stdin, 'timeout');
    await press(stdin, KEYS.enter);
    let frame = await waitForFrame(lastFrame, (f) => f.includes('?timeout 1/2'));
    expect(frame).toContain('» ');
    expect(frame).toContain('gamma «timeout»');
    expect(frame).toContain('alpha «timeout»');
    await press(stdin, 'n');
    frame = await waitForFrame(lastFrame, (f) => f.includes('?timeout 2/2'));
    expect(frame.split('\n').find((l) => l.startsWith('» '))).toContain('alpha');
    await press(stdin, KEYS.esc);
    frame = await waitForFrame(lastFrame, (f) => !f.includes('?timeout'));
    expect(frame).not.toContain('«');
  });

  it('shows stream states', async () => {
    const port = new FakePort(runbookRows());
    port.pushLogs(
      [],
      [
        {
          pod: 'helm-controller-x',
          controller: 'helm-controller',
          container: 'manager',
          phase: 'reconnecting',
          message: 'pod restarted',
          reconnects: 1,
        },
      ],
    );
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    await press(stdin, 'L');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Logs ['));
    expect(frame).toContain('helm-controller: reconnecting — pod restarted');
    expect(frame).not.toContain('HelmReleases(all)');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)') && !f.includes('Logs ['));
  });

  it('sits beside the table on wide terminals', async () => {
    const port = new FakePort(runbookRows());
    port.pushLogs([line(1, 'cert-manager', 'upgrade failed')]);
    const { lastFrame, stdin } = setup(port, 180);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    await press(stdin, 'l');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Logs ['));
    const titleLine = frame.split('\n').find((l) => l.includes('Logs [')) ?? '';
    expect(titleLine).toContain('HelmReleases(all)');
  });
});
