// A failure the console only knows from what the cluster holds (it started mid-incident) shows its FAILING FOR
// as a lower bound: `≥40m !` in the row, "failing for at least" in the details; one it saw begin shows none.
import { describe, expect, it } from 'vitest';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { KEYS, lineWith, press, waitForFrame } from '../support/ink.js';
import { NOW } from '../support/runbook-rows.js';

const setup = appRenderer({ columns: 140, rows: 30 });
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString().replace('.000', '');

function rows() {
  return [
    makeRow({
      kind: 'Kustomization',
      name: 'derived',
      health: 'Failed',
      failingSince: ago(40),
      failingSinceLowerBound: true,
    }),
    makeRow({ kind: 'Kustomization', name: 'observed', health: 'Failed', failingSince: ago(5) }),
  ];
}

describe('FAILING FOR as a lower bound', () => {
  it('marks a derived streak in the row, counts it past the threshold, and says "at least" in the details', async () => {
    const { lastFrame, stdin } = setup(new FakePort(rows()));
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)') && f.includes('observed'));
    expect(lineWith(frame, 'derived')).toMatch(/ ≥40m !/);
    expect(lineWith(frame, 'observed')).toMatch(/ 5m /);
    expect(lineWith(frame, 'observed')).not.toContain('≥');
    expect(frame).toContain('failing > 15m: 1');

    await press(stdin, KEYS.enter);
    const details = await waitForFrame(lastFrame, (f) => f.includes('[Overview]'));
    expect(details).toContain('Kustomization/flux-system/derived  Failed  failing for at least 40m !');
  });
});
