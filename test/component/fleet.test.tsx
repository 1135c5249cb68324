// The fleet screen (`--context a,b`): every context's state above one table of their failing objects;
// j/k move, enter opens the row in its own context, an action key opens it there with that action (the
// confirmation is the context's own), read-only refuses, `:ctx NAME` narrows, and rows follow the clusters.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetRoot, type FleetRootProps } from '../../src/fleet-root.js';
import type { FleetEntry } from '../../src/hooks/use-fleet.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { KEYS, press, selectedLine, type, waitForFrame } from '../support/ink.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
let instance: ReturnType<typeof render> | undefined;
afterEach(() => instance?.unmount());

function setup(entries: readonly FleetEntry[], extra: Partial<FleetRootProps> = {}) {
  const opened: unknown[] = [];
  instance = render(
    <FleetRoot
      entries={entries}
      readonly={false}
      color={false}
      alertThresholdMs={15 * 60_000}
      onOpen={(context, selection) => opened.push({ context, ...selection })}
      size={{ columns: 140, rows: 20 }}
      clock={() => NOW}
      tickMs={0}
      {...extra}
    />,
  );
  return { ...instance, opened };
}

const prod = () =>
  new FakePort(
    [
      makeRow({
        kind: 'HelmRelease',
        namespace: 'kyverno',
        name: 'kyverno',
        health: 'Stalled',
        failingSince: '2026-01-01T10:00:00Z',
      }),
      makeRow({ kind: 'Kustomization', name: 'ok' }),
    ],
    { context: 'prod-eu' },
  );
const staging = () =>
  new FakePort(
    [
      makeRow({
        kind: 'Kustomization',
        name: 'apps',
        health: 'Failed',
        failingSince: '2026-01-01T11:00:00Z',
      }),
    ],
    { context: 'staging' },
  );

describe('the fleet screen', () => {
  it('shows each context’s state and their failing objects in one table with a CONTEXT column', async () => {
    const { lastFrame } = setup([
      { context: 'prod-eu', port: prod(), danger: true },
      { context: 'staging', port: staging(), danger: false },
      { context: 'gone', error: 'context "gone" not found in /k.yaml', danger: false },
      { context: 'lab-*', danger: false, unmatched: 'config.yaml:7' },
    ]);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('kyverno'));
    // A config entry that names no context is a line of its own, not a context.
    expect(frame).toContain('fluxdeck  FLEET  3 contexts, 2 live  failing 2');
    expect(frame).toMatch(/lab-\* +matches no context in the kubeconfig \(fleet: in config\.yaml:7\)/);
    expect(frame).toContain('Fleet(failing in 3 contexts)');
    expect(frame).toMatch(/prod-eu \(PRODUCTION\?\) +live, 1 of 2 failing/);
    expect(frame).toMatch(/staging +live, 1 of 1 failing/);
    expect(frame).toMatch(/gone +not opened: context "gone" not found/);
    expect(frame).toMatch(/CONTEXT +KIND +NAMESPACE +NAME +STATUS +FAILING FOR/);
    expect(selectedLine(frame)).toMatch(/prod-eu +HelmRelease +kyverno +kyverno +Stalled +120m !/);
  });

  it('opens the selected row in its own context, with the action chosen here', async () => {
    const { lastFrame, stdin, opened } = setup([
      { context: 'prod-eu', port: prod(), danger: true },
      { context: 'staging', port: staging(), danger: false },
    ]);
    await waitForFrame(lastFrame, (f) => f.includes('kyverno'));
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => /^> staging/m.test(f));
    await press(stdin, KEYS.enter);
    await press(stdin, 'k', 'r');
    expect(opened).toEqual([
      { context: 'staging', key: 'Kustomization/flux-system/apps' },
      { context: 'prod-eu', key: 'HelmRelease/kyverno/kyverno', action: 'reconcile' },
    ]);
  });

  it('refuses actions when read-only, narrows with :ctx NAME, and says when the name is not in the fleet', async () => {
    const { lastFrame, stdin, opened } = setup([{ context: 'prod-eu', port: prod(), danger: true }], {
      readonly: true,
    });
    await waitForFrame(lastFrame, (f) => f.includes('kyverno'));
    await press(stdin, 's');
    await waitForFrame(lastFrame, (f) => f.includes('suspend: refused — fluxdeck runs with --readonly'));
    await type(stdin, ':ctx nope');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('nope is not in the fleet: prod-eu'));
    await type(stdin, ':ctx prod-eu');
    await press(stdin, KEYS.enter);
    expect(opened).toEqual([{ context: 'prod-eu' }]);
  });

  it('follows each cluster live: a recovered object leaves, a lost connection is said', async () => {
    const p = prod();
    const { lastFrame } = setup([{ context: 'prod-eu', port: p, danger: false }]);
    await waitForFrame(lastFrame, (f) => f.includes('kyverno'));
    p.upsert(makeRow({ kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' }));
    p.setState('Kustomization', { phase: 'disconnected', since: NOW - 60_000, message: 'refused' });
    p.setConnection('disconnected');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('disconnected for'));
    expect(frame).not.toContain('Stalled');
    expect(frame).toContain('disconnected for 60s, retrying');
  });
});
