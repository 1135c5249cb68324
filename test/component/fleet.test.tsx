// The fleet screen (`--context a,b`): every context's state above one table of their failing objects;
// j/k move, enter opens the row in its own context, an action key opens it there with that action (the
// confirmation is the context's own), read-only refuses, `:ctx NAME` narrows, rows follow the clusters,
// and `/` filters as in a context's console.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetRoot, type FleetRootProps } from '../../src/fleet-root.js';
import type { FleetEntry, FleetView } from '../../src/hooks/use-fleet.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { prodEu, staging } from '../support/fleet-ports.js';
import { KEYS, lineWith, press, selectedLine, type, waitForFrame } from '../support/ink.js';

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

const prod = () => prodEu();

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

const lab = () =>
  new FakePort(
    [
      makeRow({
        kind: 'GitRepository',
        name: 'lab-source',
        health: 'Failed',
        failingSince: '2026-01-01T11:30:00Z',
        message: 'failed to checkout: authentication required',
      }),
    ],
    { context: 'lab' },
  );

const three = (): FleetEntry[] => [
  { context: 'prod-eu', port: prod(), danger: true },
  { context: 'staging', port: staging(), danger: false },
  { context: 'lab', port: lab(), danger: false },
];

/** The table's rows as `CONTEXT KIND NAME`, in order. */
function tableRows(frame: string): string[] {
  const lines = frame.split('\n');
  const header = lines.findIndex((l) => /CONTEXT +KIND/.test(l));
  return lines
    .slice(header + 1)
    .filter((l) => /^[> ] /.test(l))
    .map((l) => {
      const [context, kind, , name] = l.slice(2).trim().split(/\s+/);
      return `${context} ${kind} ${name}`;
    });
}

/** `/` again (the prompt starts from `from`, the filter in effect), `to` instead, enter: the frame then. */
async function refilter(
  stdin: { write: (data: string) => void },
  lastFrame: () => string | undefined,
  from: string,
  to: string,
): Promise<string> {
  await press(stdin, '/');
  await waitForFrame(lastFrame, (f) => f.includes(`\n/${from}`));
  await press(stdin, ...Array.from(from, () => KEYS.backspace));
  await type(stdin, to);
  await press(stdin, KEYS.enter);
  return waitForFrame(lastFrame, (f) => f.includes(`</${to}>`) && !f.includes(`\n/${to}`));
}

describe('the fleet’s / filter', () => {
  it('filters live over context, kind, namespace, name and message; the title shows it and the counts', async () => {
    const { lastFrame, stdin } = setup(three());
    await waitForFrame(lastFrame, (f) => f.includes('lab-source'));
    await type(stdin, '/stag');
    let frame = await waitForFrame(lastFrame, (f) => f.includes('</stag>'));
    // Applied while typed, as in a console's table.
    expect(tableRows(frame)).toEqual(['staging Kustomization apps']);
    expect(frame).toMatch(/^\/stag/m);
    await press(stdin, KEYS.enter);
    frame = await waitForFrame(lastFrame, (f) => !/^\/stag/m.test(f));
    expect(frame).toContain('Fleet(failing in 3 contexts) </stag> [1/1]');
    // The header still counts every failing object; the hints say how to clear.
    expect(frame).toContain('3 contexts, 3 live  failing 3');
    expect(frame).toContain('<esc> clear the filter');

    // `/` again starts from the filter in effect.
    frame = await refilter(stdin, lastFrame, 'stag', 'authentication');
    expect(tableRows(frame)).toEqual(['lab GitRepository lab-source']);
    frame = await refilter(stdin, lastFrame, 'authentication', 'kyverno');
    expect(tableRows(frame)).toEqual(['prod-eu HelmRelease kyverno']);
    frame = await refilter(stdin, lastFrame, 'kyverno', 'Kustomization');
    expect(tableRows(frame)).toEqual(['staging Kustomization apps']);
  });

  it('takes a /regex/, says when it is not one, and says when nothing matches', async () => {
    const { lastFrame, stdin } = setup(three());
    await waitForFrame(lastFrame, (f) => f.includes('lab-source'));
    await type(stdin, '//^(prod|lab)/');
    let frame = await waitForFrame(lastFrame, (f) => f.includes('<//^(prod|lab)/>'));
    expect(tableRows(frame)).toEqual(['prod-eu HelmRelease kyverno', 'lab GitRepository lab-source']);
    await press(stdin, KEYS.backspace, KEYS.backspace);
    await type(stdin, '(/');
    frame = await waitForFrame(lastFrame, (f) => f.includes('not a regular expression'));
    expect(lineWith(frame, 'not a regular expression')).toMatch(/matching it as text/);
    await press(stdin, KEYS.enter);
    frame = await waitForFrame(lastFrame, (f) => f.includes('nothing matches'));
    expect(frame).toContain('nothing matches //^(prod|lab(/ (<esc> clear the filter)');
    expect(frame).toContain('[0]');
  });

  it('esc clears the filter, in the prompt or after it; j/k move within the matching rows', async () => {
    const { lastFrame, stdin, opened } = setup(three());
    await waitForFrame(lastFrame, (f) => f.includes('lab-source'));
    // esc in the prompt cancels it, and the filter with it.
    await type(stdin, '/s');
    await waitForFrame(lastFrame, (f) => f.includes('</s>'));
    await press(stdin, KEYS.esc);
    let frame = await waitForFrame(lastFrame, (f) => !f.includes('</s>'));
    expect(tableRows(frame)).toHaveLength(3);

    // `/flux-system` (a namespace): staging's apps and lab's source, the longest failing first.
    await type(stdin, '/flux-system');
    await press(stdin, KEYS.enter);
    frame = await waitForFrame(lastFrame, (f) => f.includes('</flux-system>') && !/^\/flux/m.test(f));
    expect(tableRows(frame)).toEqual(['staging Kustomization apps', 'lab GitRepository lab-source']);
    expect(selectedLine(frame)).toMatch(/^> staging/);
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => /^> lab /m.test(f));
    await press(stdin, KEYS.enter);
    expect(opened).toEqual([{ context: 'lab', key: 'GitRepository/flux-system/lab-source' }]);
    await press(stdin, KEYS.esc);
    // esc after it: the filter goes, the selection stays on its object.
    frame = await waitForFrame(lastFrame, (f) => !f.includes('</flux-system>'));
    expect(tableRows(frame)).toHaveLength(3);
    expect(selectedLine(frame)).toMatch(/^> lab /);
    expect(frame).not.toContain('<esc> clear the filter');
  });

  it('starts from the view it left (a context’s console and back), and reports every change of it', async () => {
    const views: FleetView[] = [];
    const first = setup(three(), { onView: (v) => views.push(v) });
    await waitForFrame(first.lastFrame, (f) => f.includes('lab-source'));
    await type(first.stdin, '/prod|lab');
    await press(first.stdin, KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace);
    await press(first.stdin, KEYS.enter);
    await waitForFrame(first.lastFrame, (f) => f.includes('</prod>') && !/^\/prod/m.test(f));
    const left = views.at(-1);
    expect(left).toMatchObject({ filter: 'prod', selectedKey: 'prod-eu|HelmRelease/kyverno/kyverno' });
    first.unmount();

    const again = setup(three(), { view: left });
    const frame = await waitForFrame(again.lastFrame, (f) => f.includes('kyverno'));
    expect(frame).toContain('Fleet(failing in 3 contexts) </prod> [1/1]');
    expect(tableRows(frame)).toEqual(['prod-eu HelmRelease kyverno']);
  });
});
