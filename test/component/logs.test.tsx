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
    // Filtered to cert-manager, its lines do not name it again: the message comes first.
    expect(frame).toMatch(/^upgrade failed {2}· 00:00:00 error$/m);
    expect(frame).not.toContain('HelmRelease/flux-system/cert-manager upgrade failed');
    expect(frame).not.toContain('dependency not ready');
    await press(stdin, KEYS.tab, 'a');
    frame = await waitForFrame(lastFrame, (f) => f.includes('dependency not ready'));
    expect(frame).toContain('all lines');
    // All lines: each names its object.
    expect(frame).toContain('HelmRelease/flux-system/cert-manager upgrade failed');
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

  describe.each([80, 120])('filtered to one object at %i columns', (columns) => {
    const long =
      'Helm upgrade failed for release cert-manager/cert-manager with chart cert-manager@v1.14.4: ' +
      'post-upgrade hooks failed: 1 error occurred: job cert-manager-startupapicheck failed: BackoffLimitExceeded';
    const message = 'reconciliation failed after 3 attempts, the last one 12s ago: see the error for why';

    function logsAt() {
      const port = new FakePort(runbookRows());
      port.pushLogs(
        [
          logEntry(1, 'helm-controller', {
            kind: 'HelmRelease',
            name: 'cert-manager',
            namespace: 'flux-system',
            level: 'error',
            message,
            error: long,
            fields: [['revision', '6']],
          }),
        ],
        [
          {
            pod: 'helm-controller-7d9f8c5b6-x2x9z',
            controller: 'helm-controller',
            container: 'manager',
            phase: 'following',
            message: '',
            reconnects: 0,
          },
        ],
      );
      return setup(port, columns);
    }

    it('shows the message, then the error, within the width; the title names the pod followed', async () => {
      const { lastFrame, stdin } = logsAt();
      await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
      await press(stdin, 'L');
      const frame = await waitForFrame(lastFrame, (f) => f.includes('Logs ['));
      const rows = frame.split('\n');
      const title = rows.find((l) => l.startsWith('Logs [')) ?? '';
      // At 80 columns the pod's name is cut to what is left of the line.
      expect(title).toBe(
        `Logs [following] HelmRelease/flux-system/cert-manager — ${columns === 80 ? 'helm-controller-7d9f8c..' : 'helm-controller-7d9f8c5b6-x2x9z'}`,
      );
      expect(title.length).toBeLessThanOrEqual(columns);
      const row = rows.find((l) => l.startsWith('reconciliation failed')) ?? '';
      expect(row.length).toBeLessThanOrEqual(columns);
      expect(row).not.toContain('HelmRelease/');
      // The error has its share of the line however long the message: at least half of it.
      expect(row).toMatch(/ {2}error: Helm upgrade failed/);
      expect(row.indexOf('error: ')).toBeLessThanOrEqual(columns / 2);
      await press(stdin, 'w');
      // Wrapped, every cell shows, the rest of the fields last.
      const wrapped = await waitForFrame(lastFrame, (f) => f.includes('[wrap]'));
      // (A row may end in the space it was cut at, which the frame trims: compare without spaces.)
      const unspaced = (t: string) => t.replace(/\s+/g, '');
      expect(unspaced(wrapped)).toContain(
        unspaced(`${message}  error: ${long}  · 00:00:00 error revision=6`),
      );
    });
  });
});
