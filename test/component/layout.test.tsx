import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { FakePort, logEntry, makeRow } from '../support/fake-port.js';
import { KEYS, press, waitForFrame } from '../support/ink.js';
import { NOW, runbookRows } from '../support/runbook-rows.js';

let instance: ReturnType<typeof render> | undefined;
afterEach(() => instance?.unmount());

const many = Array.from({ length: 300 }, (_, i) =>
  makeRow({
    kind: 'HelmRelease',
    name: `release-with-a-rather-long-name-${i}`,
    namespace: `team-${i % 7}`,
    message: 'x'.repeat(300),
  }),
);

// Each step: keys to press, then a text the frame must show.
const STEPS: readonly (readonly [readonly string[], string])[] = [
  [[], 'Failing(all)'],
  [['l'], 'Logs ['],
  [[KEYS.tab, 'w'], '[wrap]'],
  [[KEYS.tab, KEYS.enter], '[Overview]'],
  [['y'], '[YAML]'],
  [[KEYS.esc, 'L'], 'Logs ['],
  [['L', '?'], 'Keys —'],
  [[KEYS.esc, ':', 'h'], ':h'],
  [[KEYS.esc, 'r'], 'not available yet'],
  [['q'], 'Quit fluxdeck?'],
];

describe('layout', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
    [200, 60],
  ] as const) {
    it(`never draws a frame taller or wider than a ${columns}x${rows} terminal`, async () => {
      const port = new FakePort([...runbookRows(), ...many]);
      port.pushLogs(
        Array.from({ length: 200 }, (_, i) =>
          logEntry(i, 'helm-controller', {
            kind: 'HelmRelease',
            name: 'cert-manager',
            namespace: 'flux-system',
            message: `line ${i} ${'y'.repeat(150)}`,
          }),
        ),
      );
      port.setState('Bucket', { phase: 'disconnected', since: NOW - 5000, message: 'EOF' });
      instance = render(
        <App
          port={port}
          demo
          readonly={false}
          color={false}
          size={{ columns, rows }}
          tickMs={0}
          clock={() => NOW}
          busy
        />,
      );
      for (const [keys, text] of STEPS) {
        await press(instance.stdin, ...keys);
        const frame = await waitForFrame(instance.lastFrame, (f) => f.includes(text));
        const lines = frame.split('\n');
        expect(lines.length, `${text}\n${frame}`).toBeLessThanOrEqual(rows - 1);
        for (const line of lines) expect(line.length, `${text}: ${line}`).toBeLessThanOrEqual(columns);
      }
    });
  }
});
