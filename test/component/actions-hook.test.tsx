// useActions + ActionLayer as the app mounts them, over a fake port whose "controller" answers every patch
// at once: the dialog opens with the plan, `y` runs it, anything else cancels, and both are audited.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useInput } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SuspendLedger } from '../../src/actions/ledger.js';
import type { ActionClock } from '../../src/actions/types.js';
import { objectKey } from '../../src/flux/types.js';
import { type ActionsApi, useActions } from '../../src/hooks/use-actions.js';
import { ActionLayer } from '../../src/views/actions/action-layer.js';
import { KEYS, press, type, waitForFrame } from '../support/ink.js';
import { manualTimers } from '../support/manual-timers.js';
import { AnsweringPort, apps, object } from './actions-fake-port.js';

let dir: string;
let api: ActionsApi | undefined;

function Harness(props: {
  port: AnsweringPort;
  readonly?: boolean;
  ledger: SuspendLedger;
  dangerContext?: string;
  clock?: ActionClock;
}) {
  const actions = useActions({
    port: props.port,
    readonly: props.readonly ?? false,
    audit: { path: join(dir, 'audit.log') },
    ledger: props.ledger,
    keyLabel: (a) => (a === 'resume' ? 'u' : undefined),
    ...(props.dangerContext ? { dangerContext: props.dangerContext } : {}),
    ...(props.clock ? { clock: props.clock } : {}),
  });
  api = actions;
  useInput((input, key) => {
    actions.handleDialogKey(input, key);
  });
  return <ActionLayer dialog={actions.dialog} progress={actions.progress} color={false} width={160} />;
}

async function auditLines(): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, 'audit.log'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

let instance: ReturnType<typeof render> | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluxdeck-actions-'));
});

afterEach(async () => {
  instance?.unmount();
  api = undefined;
  await rm(dir, { recursive: true, force: true });
});

function setup(
  suspended = false,
  extra: { readonly?: boolean; dangerContext?: string; clock?: ActionClock } = {},
) {
  const port = new AnsweringPort([], { context: 'kind-dev' });
  port.objects.set(objectKey(apps), object(suspended, 'old'));
  const ledger = new SuspendLedger();
  instance = render(<Harness port={port} ledger={ledger} {...extra} />);
  return { port, ledger, lastFrame: instance.lastFrame, stdin: instance.stdin };
}

const current = () => {
  if (!api) throw new Error('not mounted');
  return api;
};

describe('actions in the console', () => {
  it('opens the dialog with the plan; y runs it and shows the result; both ends are audited', async () => {
    const { port, lastFrame, stdin } = setup();
    current().request('reconcile', [apps]);
    await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    expect(lastFrame()).toContain('$ flux reconcile kustomization apps -n flux-system --context kind-dev');
    expect(port.patches).toEqual([]);
    await press(stdin, 'y');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('succeeded'));
    expect(frame).toContain('Kustomization flux-system/apps is Ready at revision main@sha1:abc');
    expect(frame).not.toContain('Proceed?');
    expect(port.patches).toHaveLength(1);
    const lines = await auditLines();
    expect(lines.map((l) => [l['phase'], l['outcome']])).toEqual([
      ['intent', 'confirmed'],
      ['outcome', 'succeeded'],
    ]);
    expect(lines[0]).toMatchObject({
      context: 'kind-dev',
      action: 'reconcile',
      targets: ['Kustomization/flux-system/apps'],
    });
    expect(current().audit).toHaveLength(2);
  });

  it.each([
    ['n', 'n'],
    ['enter (the default is No)', KEYS.enter],
    ['any other key', 'x'],
  ])('%s cancels: nothing is patched, the cancellation is audited', async (_name, key) => {
    const { port, lastFrame, stdin } = setup();
    current().request('reconcile', [apps]);
    await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    await press(stdin, key);
    await waitForFrame(lastFrame, (f) => f.includes('Cancelled: nothing was changed.'));
    expect(port.patches).toEqual([]);
    await expect
      .poll(auditLines)
      .toEqual([expect.objectContaining({ outcome: 'cancelled', action: 'reconcile' })]);
  });

  it('the outcome line leaves by itself a minute after the outcome (no key pressed)', async () => {
    const manual = manualTimers();
    const { lastFrame, stdin } = setup(false, { clock: { now: manual.clock, ...manual.timers } });
    current().request('reconcile', [apps]);
    await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    await press(stdin, 'n');
    await waitForFrame(lastFrame, (f) => f.includes('Cancelled: nothing was changed.'));
    manual.advance(59_000);
    // A render that would drop it has had its chance: the line is still there a second before the minute.
    await new Promise((resolve) => setImmediate(resolve));
    expect(lastFrame()).toContain('Cancelled: nothing was changed.');
    manual.advance(1_000);
    await waitForFrame(lastFrame, (f) => !f.includes('Cancelled'));
    expect(current().progress).toEqual([]);
    // `:audit` still has it.
    await expect.poll(() => current().audit.at(-1)).toMatchObject({ outcome: 'cancelled' });
  });

  it('suspends with a typed reason, recording who and why, and lists it in the ledger', async () => {
    const { port, ledger, lastFrame, stdin } = setup();
    current().request('suspend', [apps]);
    const dialog = await waitForFrame(lastFrame, (f) => f.includes('<e> reason'));
    expect(dialog).toContain('As: tester');
    await press(stdin, 'e');
    await type(stdin, 'Git broken');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('fluxdeck.dev/suspended-reason=Git broken'));
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('is suspended'));
    expect(port.patches[0]).toEqual({
      spec: { suspend: true },
      metadata: {
        annotations: {
          'fluxcd.controlplane.io/suspendedBy': 'tester',
          'fluxdeck.dev/suspended-reason': 'Git broken',
        },
      },
    });
    expect(ledger.getSnapshot()).toMatchObject([
      { key: 'Kustomization/flux-system/apps', by: 'tester', reason: 'Git broken' },
    ]);
    expect(current().ledger).toHaveLength(1);
  });

  it('resumes what it suspended and takes it off the ledger', async () => {
    const { ledger, lastFrame, stdin } = setup(true);
    ledger.recordSuspended(apps, { at: '', by: 'tester', reason: '', via: 'suspend' });
    current().request('resume', [apps]);
    await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('succeeded'));
    expect(ledger.getSnapshot()).toEqual([]);
  });

  it('in read-only mode refuses with a sentence and runs nothing', async () => {
    const { port, lastFrame, stdin } = setup(false, { readonly: true });
    current().request('reconcile', [apps]);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('read-only'));
    expect(frame).toContain(
      'fluxdeck runs read-only (--readonly): actions are disabled and nothing was changed.',
    );
    expect(frame).not.toContain('Proceed?');
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => !f.includes('read-only (--readonly)') || f.includes('cancelled'));
    expect(port.patches).toEqual([]);
  });

  it('shows a context matching the danger pattern as production', async () => {
    const { lastFrame } = setup(false, { dangerContext: 'kind-' });
    current().request('reconcile', [apps]);
    expect(await waitForFrame(lastFrame, (f) => f.includes('Proceed?'))).toContain(
      'Context: kind-dev (PRODUCTION?)',
    );
  });
});
