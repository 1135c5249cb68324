import { describe, expect, it } from 'vitest';
import { ORDER_HOLD_MS } from '../../src/hooks/use-order-hold.js';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { KEYS, press, selectedLine, type, waitForFrame } from '../support/ink.js';
import { manualTimers } from '../support/manual-timers.js';

const setup = appRenderer({ columns: 120, rows: 30 });

const ks = (name: string, ns = 'flux-system') => makeRow({ kind: 'Kustomization', name, namespace: ns });

describe('Kustomizations view', () => {
  it('lists rows with the flux get columns', async () => {
    const port = new FakePort([ks('apps'), ks('infra')]);
    const instance = setup(port, { initialView: 'kustomizations' });
    const frame = await waitForFrame(instance.lastFrame, (f) => f.includes('apps'));
    expect(frame).toContain('Kustomizations(all) [1/2]');
    for (const col of [
      'NAMESPACE',
      'NAME',
      'REVISION',
      'SUSPENDED',
      'READY',
      'STATUS',
      'MESSAGE',
      'AGE',
      'FAILING FOR',
    ]) {
      expect(frame).toContain(col);
    }
    expect(selectedLine(frame)).toContain('apps');
  });

  it('moves the selection with j/k/G/g and keeps it on the same object when rows are inserted above', async () => {
    const port = new FakePort([ks('b'), ks('c'), ks('d')]);
    const { timers, advance } = manualTimers();
    const instance = setup(port, { initialView: 'kustomizations', timers });
    const { stdin, lastFrame } = instance;
    await waitForFrame(lastFrame, (f) => f.includes('[1/3]'));
    await press(stdin, 'j');
    expect(selectedLine(await waitForFrame(lastFrame, (f) => f.includes('[2/3]')))).toContain(' c ');
    await press(stdin, 'G');
    expect(selectedLine(await waitForFrame(lastFrame, (f) => f.includes('[3/3]')))).toContain(' d ');
    await press(stdin, 'g', KEYS.down);
    await waitForFrame(lastFrame, (f) => f.includes('[2/3]'));
    port.upsert(ks('a'), ks('a0'));
    // Keys were just pressed: the new rows wait at the end, announced, and the cursor row does not move.
    let frame = await waitForFrame(lastFrame, (f) => f.includes('/5]'));
    expect(selectedLine(frame)).toContain(' c ');
    expect(frame).toContain('[2/5]');
    expect(frame).toContain('2 new rows at the end');
    // A pause: sorted again, a and a0 above, the cursor still on c.
    advance(ORDER_HOLD_MS);
    frame = await waitForFrame(lastFrame, (f) => f.includes('[4/5]'));
    expect(selectedLine(frame)).toContain(' c ');
  });

  it('filters with / and clears with esc', async () => {
    const port = new FakePort([ks('apps'), ks('infra'), ks('monitoring')]);
    const instance = setup(port, { initialView: 'kustomizations' });
    const { stdin, lastFrame } = instance;
    await waitForFrame(lastFrame, (f) => f.includes('[1/3]'));
    await press(stdin, '/');
    await type(stdin, 'inf');
    let frame = await waitForFrame(lastFrame, (f) => f.includes('[1/1]'));
    expect(frame).toContain('</inf>');
    expect(frame).not.toContain('monitoring');
    await press(stdin, KEYS.enter);
    await press(stdin, KEYS.esc);
    frame = await waitForFrame(lastFrame, (f) => f.includes('/3]'));
    expect(frame).toContain('monitoring');
    // The object found with the filter stays selected, now among all the rows.
    expect(frame).toContain('[2/3]');
    expect(selectedLine(frame)).toContain(' infra ');
  });

  it('handles keys that arrive in one chunk (held keys, fast typing) one by one', async () => {
    const port = new FakePort([
      ks('a'),
      ks('b'),
      ks('c'),
      ks('d'),
      makeRow({ kind: 'HelmRelease', name: 'podinfo' }),
    ]);
    const instance = setup(port, { initialView: 'kustomizations' });
    const { stdin, lastFrame } = instance;
    await waitForFrame(lastFrame, (f) => f.includes('[1/4]'));
    stdin.write('jjj');
    await waitForFrame(lastFrame, (f) => f.includes('[4/4]'));
    stdin.write('kk\r');
    await waitForFrame(lastFrame, (f) => f.includes('Kustomization/flux-system/b'));
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Kustomizations(all)'));
    stdin.write(':hr\r');
    const hr = await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)') && f.includes('podinfo'));
    // The command typed in one chunk ran whole: the HelmRelease view, not a filter or a stray key.
    expect(selectedLine(hr)).toContain('podinfo');
    expect(hr).not.toContain(':hr');
  });

  it('switches to HelmReleases with :hr', async () => {
    const port = new FakePort([
      ks('apps'),
      makeRow({
        kind: 'HelmRelease',
        name: 'podinfo',
        namespace: 'apps',
        extra: { CHART: 'podinfo', VERSION: '6.5.0' },
      }),
    ]);
    const instance = setup(port, { initialView: 'kustomizations' });
    const { stdin, lastFrame } = instance;
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, ':');
    await type(stdin, 'hr');
    await press(stdin, KEYS.enter);
    const frame = await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)'));
    expect(frame).toContain('podinfo');
    // At 120 columns the view keeps what `flux get hr` shows; CHART comes back on a wider table.
    expect(frame).toMatch(/NAME\s+REVISION\s+SUSPENDED\s+READY\s+STATUS\s+MESSAGE/);
  });
});
