// The confirmation dialog over the running console at 80×24 and 120×40: the header's cluster line, the table's
// selected row and the dialog's target and question stay on screen, and the frame is never taller than the
// terminal.
import { describe, expect, it } from 'vitest';
import { objectKey } from '../../src/flux/types.js';
import { makeRow } from '../support/fake-port.js';
import { KEYS, press, waitForFrame } from '../support/ink.js';
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

/** apps, already suspended by someone else: a suspend dialog has two warnings and an option. */
function suspendedPort() {
  const p = port();
  const suspended = object(true, 'old');
  p.objects.set(objectKey(apps), {
    ...suspended,
    metadata: {
      ...(suspended['metadata'] as object),
      annotations: { 'fluxcd.controlplane.io/suspendedBy': 'alice' },
    },
  });
  return p;
}

/** The console at this size with the suspend dialog of apps open. */
async function suspendDialog(columns: number, rows: number) {
  const console = open(suspendedPort(), { size: { columns, rows }, initialView: 'kustomizations' });
  await waitForFrame(console.lastFrame, (f) => f.includes('apps'));
  await press(console.stdin, 's');
  const frame = await waitForFrame(
    console.lastFrame,
    (f) => f.includes('Proceed?') && f.split('\n').length < rows,
  );
  return { ...console, frame };
}

describe('the equivalent commands', () => {
  it('at 80×24 fold behind c while the target, the warnings and the option stay in view', async () => {
    const { stdin, lastFrame, frame: folded } = await suspendDialog(80, 24);
    expect(folded.split('\n')[0]).toMatch(/^fluxdeck/);
    expect(folded).toMatch(/^\| Kustomization flux-system\/apps +\|$/m);
    expect(folded).toContain('<c> show the 2 equivalent commands');
    expect(folded).not.toContain('$ flux suspend');
    expect(folded).toContain('! While suspended, apps receives nothing from Git');
    expect(folded).toContain('! Kustomization flux-system/apps is already suspended');
    expect(folded).toContain('<e> reason');
    await press(stdin, 'c');
    // Unfolded, the body scrolls to them; the warnings and the question do not move.
    const unfolded = await waitForFrame(lastFrame, (f) => !f.includes('<c> show the'));
    expect(unfolded.split('\n').length).toBeLessThan(24);
    expect(unfolded).toContain('! Kustomization flux-system/apps is already suspended');
    expect(unfolded).toContain('Proceed?');
    await press(stdin, ...Array<string>(12).fill(KEYS.down));
    const scrolled = await waitForFrame(lastFrame, (f) => f.includes('$ flux suspend kustomization apps'));
    expect(scrolled).toContain('! While suspended, apps receives nothing from Git');
    expect(scrolled).toContain('Proceed?');
  });

  it('at 120×40 show unfolded, and c folds them', async () => {
    const { stdin, lastFrame, frame: shown } = await suspendDialog(120, 40);
    expect(shown).toContain('Equivalent commands  <c> hide');
    expect(shown).toContain('$ flux suspend kustomization apps -n flux-system --context prod-eu');
    expect(shown).toContain('Warnings');
    await press(stdin, 'c');
    const folded = await waitForFrame(lastFrame, (f) => f.includes('<c> show the 2 equivalent commands'));
    expect(folded).not.toContain('$ flux suspend');
    expect(folded).toContain('Proceed?');
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
