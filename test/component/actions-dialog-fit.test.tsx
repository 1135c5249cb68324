// The confirmation dialog over the running console at 80×24 and 120×40: the header's cluster line, the table's
// selected row and the dialog's target and question stay on screen, and the frame is never taller than the
// terminal.
import { describe, expect, it } from 'vitest';
import { objectKey } from '../../src/flux/types.js';
import { makeRow } from '../support/fake-port.js';
import { press, waitForFrame } from '../support/ink.js';
import { actionsConsole } from './actions-console.js';
import { AnsweringPort, apps, object } from './actions-fake-port.js';

const open = actionsConsole();

function port() {
  const p = new AnsweringPort([makeRow({ kind: 'Kustomization', name: 'apps', health: 'Ready' })], {
    context: 'prod-eu',
  });
  p.objects.set(objectKey(apps), object(false, 'old'));
  return p;
}

describe.each([
  [80, 24],
  [120, 40],
])('a reconcile dialog at %i×%i', (columns, rows) => {
  it('keeps the header line, the selected row, the target and the question in view', async () => {
    const { stdin, lastFrame } = open(port(), { size: { columns, rows }, initialView: 'kustomizations' });
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 'r');
    // The body gives up the rows the dialog takes once Ink has measured it (the next frame).
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Proceed?') && f.split('\n').length < rows);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThan(rows);
    expect(lines[0]).toMatch(/^fluxdeck/);
    expect(frame).toContain('Reconcile Kustomization flux-system/apps');
    expect(frame).toContain('Context: prod-eu');
    expect(frame).toMatch(/^> .*apps/m);
  });
});

describe('the outcome line', () => {
  it('shows the newest outcome once, and the next key clears it (the key still works)', async () => {
    const { stdin, lastFrame } = open(port(), {
      size: { columns: 80, rows: 24 },
      initialView: 'kustomizations',
    });
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 'r');
    await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    await press(stdin, 'y');
    const done = await waitForFrame(lastFrame, (f) => f.includes('✔ succeeded'));
    expect(done.match(/✔ succeeded/g)).toHaveLength(1);
    await press(stdin, '?');
    const next = await waitForFrame(lastFrame, (f) => !f.includes('✔ succeeded'));
    expect(next).toContain('Everywhere');
  });
});
