// The actions wired into the console as the CLI does it (useActions → useActionAppProps → App): the action
// key on the selected row opens the dialog over the console, the dialog gets the keys first, `y` runs it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { objectKey } from '../../src/flux/types.js';
import { useActionAppProps, useActions } from '../../src/hooks/use-actions.js';
import { makeRow } from '../support/fake-port.js';
import { KEYS, press, waitForFrame } from '../support/ink.js';
import { AnsweringPort, apps, object } from './actions-fake-port.js';

let dir: string;
let instance: ReturnType<typeof render> | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxdeck-actions-app-'));
});
afterEach(async () => {
  instance?.unmount();
  await rm(dir, { recursive: true, force: true });
});

function Console({ port, readonly = false }: { port: AnsweringPort; readonly?: boolean }) {
  const actions = useActions({ port, readonly, audit: { path: join(dir, 'audit.log') } });
  const wired = useActionAppProps(actions, { color: false });
  return (
    <App
      port={port}
      demo={false}
      readonly={readonly}
      color={false}
      size={{ columns: 140, rows: 40 }}
      tickMs={0}
      clock={() => Date.parse('2026-01-01T12:00:00Z')}
      initialView="kustomizations"
      {...wired}
    />
  );
}

function setup(suspended = false) {
  const port = new AnsweringPort(
    [makeRow({ kind: 'Kustomization', name: 'apps', health: suspended ? 'Suspended' : 'Ready' })],
    {
      context: 'prod-eu',
    },
  );
  port.objects.set(objectKey(apps), object(suspended, 'old'));
  instance = render(<Console port={port} />);
  return { port, ...instance };
}

describe('actions in the running console', () => {
  it('r on the selected row opens the dialog; y runs the reconcile and the result shows at the bottom', async () => {
    const { port, stdin, lastFrame } = setup();
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 'r');
    const dialog = await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    expect(dialog).toContain('Reconcile Kustomization flux-system/apps');
    expect(dialog).toContain('Context: prod-eu (PRODUCTION?)');
    expect(dialog).toContain('$ flux reconcile kustomization apps -n flux-system --context prod-eu');
    await press(stdin, 'y');
    const done = await waitForFrame(lastFrame, (f) => f.includes('succeeded'));
    expect(done).toContain('Kustomization flux-system/apps is Ready at revision main@sha1:abc');
    expect(done).not.toContain('Proceed?');
    expect(port.patches).toHaveLength(1);
  });

  it('the dialog takes the keys first: j does not move the table, it cancels', async () => {
    const { port, stdin, lastFrame } = setup();
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 's');
    await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => f.includes('Cancelled: nothing was changed.'));
    expect(port.patches).toEqual([]);
  });

  it('typing a suspend reason does not trigger console keys', async () => {
    const { port, stdin, lastFrame } = setup();
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 's');
    await waitForFrame(lastFrame, (f) => f.includes('<e> reason'));
    await press(stdin, 'e', 'q', ':', '?', 'l', KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('reason (recorded on the object): q:?l'));
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('is suspended'));
    expect(port.patches[0]).toMatchObject({
      metadata: { annotations: { 'fluxdeck.dev/suspended-reason': 'q:?l' } },
    });
  });
});
