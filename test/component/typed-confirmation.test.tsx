// A typed confirmation (config `confirmTyped`), as a careful SRE expects it from kubectl-style tools: in a
// context that asks for it, `y` does not run the action — it asks for the object's name, and only enter
// on the exact name runs it. A wrong name runs nothing and says so; esc cancels. Actions the context does
// not list keep the one-key `y`.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { objectKey } from '../../src/flux/types.js';
import { makeRow } from '../support/fake-port.js';
import { KEYS, press, type, waitForFrame } from '../support/ink.js';
import { actionsConsole } from './actions-console.js';
import { AnsweringPort, apps, object } from './actions-fake-port.js';

const open = actionsConsole();

function setup() {
  const port = new AnsweringPort([makeRow({ kind: 'Kustomization', name: 'apps' })], { context: 'prod-eu' });
  port.objects.set(objectKey(apps), object(false, 'old'));
  return { port, ...open(port, { initialView: 'kustomizations' }, { confirmTyped: ['suspend'] }) };
}

describe('a typed confirmation', () => {
  it('asks for the name after y, refuses a wrong one, runs on the exact name', async () => {
    const { port, stdin, lastFrame } = setup();
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 's');
    const asked = await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    expect(asked).toContain('Proceed? <y> yes, then type apps (its name) — any other key = No (the');
    await press(stdin, 'y');
    const typing = await waitForFrame(lastFrame, (f) => f.includes('Type apps to confirm:'));
    // The hint line offers what works now: enter on the name, esc.
    expect(typing).toMatch(/<enter> confirm\s+<esc> cancel/);
    expect(port.patches).toEqual([]);
    // Letters are text now: `n` (the dialog's No) and `s` are part of the name typed.
    await type(stdin, 'ap');
    await press(stdin, KEYS.enter);
    const wrong = await waitForFrame(lastFrame, (f) => f.includes('That is not apps'));
    expect(wrong).toContain('That is not apps: nothing was done. Type it exactly, or esc to cancel.');
    expect(port.patches).toEqual([]);
    await type(stdin, 'ps');
    await press(stdin, KEYS.enter);
    const running = await waitForFrame(lastFrame, (f) =>
      f.includes('Suspend Kustomization flux-system/apps ·'),
    );
    expect(running).not.toContain('Type apps to confirm');
    await waitForFrame(lastFrame, () => port.patches.length === 1);
    const audit = await readFile(open.auditPath(), 'utf8');
    expect(audit).toContain('"action":"suspend"');
  });

  it('esc while typing cancels: nothing is changed', async () => {
    const { port, stdin, lastFrame } = setup();
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 's');
    await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('Type apps to confirm:'));
    await type(stdin, 'apps');
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Cancelled: nothing was changed.'));
    expect(port.patches).toEqual([]);
  });

  it('leaves actions the context does not list at one key', async () => {
    const { port, stdin, lastFrame } = setup();
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 'r');
    const dialog = await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    expect(dialog).not.toContain('then type');
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('succeeded'));
    expect(port.patches).toHaveLength(1);
  });
});
