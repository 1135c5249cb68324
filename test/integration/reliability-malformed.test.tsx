// Issue 6: objects no controller would write — missing status, fields of the wrong type, a 1 MB message,
// 5,000 conditions, escape sequences (seedMalformedObjects), plus thousands of events for one object —
// served by the simulator and read through the real ClusterPort. The App renders them, and keeps
// answering keys: the selection moves, details, YAML and events open.
import { describe, expect, it } from 'vitest';
import { seedMalformedObjects } from '../../src/sim/scenario/index.js';
import { KEYS, press, selectedLine, waitForFrame } from '../support/ink.js';
import { waitForSnapshot } from './kube-helpers.js';
import { consoleAgainstSim } from './reliability-support.js';

const harness = consoleAgainstSim();

const EVENTS = 3000;

describe('malformed objects', () => {
  it('render, and the console stays responsive to keys', async () => {
    const s = await harness.sim();
    seedMalformedObjects({
      store: s.store,
      clock: s.clock,
      logs: s.logs,
      random: () => 0.5,
      fluxVersions: 'current',
    });
    const target = s.store.get('helm.toolkit.fluxcd.io/helmreleases', 'malformed', 'many-conditions');
    for (let i = 0; i < EVENTS; i++) {
      s.store.create('events', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `many-conditions.${i}`, namespace: 'malformed' },
        involvedObject: {
          kind: 'HelmRelease',
          name: 'many-conditions',
          namespace: 'malformed',
          uid: target?.metadata.uid,
        },
        reason: i % 2 ? 'UpgradeFailed' : 'InstallFailed',
        message: `event number ${i}`,
        type: 'Warning',
        count: i,
        lastTimestamp: new Date(s.clock.now() - i * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      });
    }
    const port = await harness.port(s);
    await waitForSnapshot(
      port,
      'all listed',
      (snap) => snap.connection === 'live' && snap.events.items.length > 0,
    );

    const ui = harness.render(port, 'kustomizations', () => s.clock.now());
    const frame = () => ui.lastFrame() ?? '';
    const ks = await waitForFrame(
      frame,
      (f) => f.includes('huge-message') && f.includes('wrong-types'),
      10_000,
    );
    expect(ks).toContain('no-status');
    for (const line of ks.split('\n')) expect(line.length).toBeLessThanOrEqual(120);

    // Keys move the selection across the malformed rows.
    const first = selectedLine(ks);
    await press(ui.stdin, 'j');
    const moved = await waitForFrame(frame, (f) => selectedLine(f) !== first);
    await press(ui.stdin, 'k');
    await waitForFrame(frame, (f) => selectedLine(f) === first && selectedLine(moved) !== first);

    // The 1 MB message: details and YAML open, and the frame stays within the terminal.
    await press(ui.stdin, 'g');
    await waitForFrame(frame, (f) => selectedLine(f)?.includes('huge-message') === true);
    await press(ui.stdin, KEYS.enter);
    const details = await waitForFrame(frame, (f) => f.includes('Conditions'), 10_000);
    expect(details).toContain('kustomize build failed: xxx');
    await press(ui.stdin, 'y');
    const yaml = await waitForFrame(frame, (f) => f.includes('kind: Kustomization'), 10_000);
    for (const line of yaml.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    await press(ui.stdin, KEYS.esc);

    // 5,000 conditions and 3,000 events on one HelmRelease.
    await press(ui.stdin, ':', 'h', 'r', KEYS.enter);
    await waitForFrame(frame, (f) => f.includes('many-conditions'), 10_000);
    for (let i = 0; i < 5 && !selectedLine(frame())?.includes('many-conditions'); i++) {
      await press(ui.stdin, 'j');
    }
    await waitForFrame(frame, (f) => selectedLine(f)?.includes('many-conditions') === true);
    await press(ui.stdin, KEYS.enter);
    await waitForFrame(frame, (f) => f.includes('Custom1'), 10_000);
    await press(ui.stdin, 'e');
    const events = await waitForFrame(frame, (f) => f.includes('event number 0'), 10_000);
    expect(events).toContain('UpgradeFailed');
    await press(ui.stdin, KEYS.esc);
    const back = await waitForFrame(frame, (f) => f.includes('HelmReleases(all)'), 10_000);
    expect(back).toContain('many-conditions');
  }, 60_000);
});
