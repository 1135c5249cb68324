// Hostile content from the cluster, end to end: objects, events and controller log lines carrying ANSI/OSC
// escape sequences (colour, cursor movement, screen clears, window titles, OSC 8 links, OSC 52 clipboard
// writes, 8-bit C1 CSI), other control characters, very long lines, wide and right-to-left text are
// created in the simulator and read through the real ClusterPort. The App renders into a fake terminal
// that records every byte: no control sequence from the cluster may reach it, and no line of the frame
// may exceed the terminal width — with colour on and off, in the table, details, YAML, events and logs.
import '../support/force-color.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { App } from '../../src/app.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { SKINS } from '../../src/present/skins.js';
import type { Paint } from '../../src/present/theme.js';
import { type HelmRelease, releaseSecret } from '../../src/sim/helm-storage.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, resourceId, waitForSnapshot } from '../integration/kube-helpers.js';
import {
  FakeStdin,
  forbiddenControls,
  lastFrameLines,
  RecordingStdout,
  visibleText,
  widestLine,
} from '../support/raw-terminal.js';

const COLUMNS = 120;
const ROWS = 40;

/** Every kind of control sequence a hostile object could carry. */
const HOSTILE = [
  '\u001b[31;1mred\u001b[0m',
  '\u001b[99A\u001b[2J\u001b[99;99Hcursor',
  '\u001b]0;pwned-title\u0007',
  '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  '\u001b]52;c;cm0gLXJmIH4K\u0007',
  '\u009b31mC1\u009d0;c1-title\u009c',
  '\u0007bell\u0008\u007fdel\u0000nul\u000bvt\u000cff',
  'wide 日本語のメッセージ 🚀🔥 and rtl \u202eevil\u202c עברית العربية',
].join(' ');
const LONG = `${'x'.repeat(3000)} end`;

let sim: SimHandle | undefined;
let port: ClusterPort | undefined;
let unmount: (() => void) | undefined;

afterEach(async () => {
  unmount?.();
  await port?.close();
  await sim?.stop();
  unmount = undefined;
  port = undefined;
  sim = undefined;
});

function controllerPod(s: SimHandle, controller: string): string {
  const pod = s.store
    .list('pods', 'flux-system')
    .find((p) => p.metadata.labels?.['app'] === controller && !p.metadata.deletionTimestamp);
  if (!pod) throw new Error(`no ${controller} pod`);
  return pod.metadata.name;
}

async function seedHostile(s: SimHandle): Promise<void> {
  s.store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'hostile' } });
  const hr = s.store.create(resourceId('HelmRelease'), {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {
      name: 'evil',
      namespace: 'hostile',
      labels: { note: HOSTILE },
      annotations: { 'example.com/long': LONG, 'example.com/hostile': HOSTILE },
    },
    spec: {
      interval: '10m',
      chart: { spec: { chart: HOSTILE, sourceRef: { kind: 'HelmRepository', name: 'x' } } },
    },
    status: {
      observedGeneration: 1,
      lastAttemptedRevision: HOSTILE,
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'UpgradeFailed',
          message: `${HOSTILE} ${LONG}`,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
        {
          type: HOSTILE,
          status: 'True',
          reason: HOSTILE,
          message: HOSTILE,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    },
  });
  // A name no API server would accept — trust nothing: it is shown as text too.
  s.store.create(resourceId('HelmRelease'), {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'named\u001b]0;pwned-title\u0007\u009b2J\u001b[99A-x', namespace: 'hostile' },
    spec: { interval: '10m' },
  });
  s.store.create('events', {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'evil.1', namespace: 'hostile' },
    involvedObject: {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      name: 'evil',
      namespace: 'hostile',
      uid: hr.metadata.uid,
    },
    reason: HOSTILE,
    message: `${HOSTILE} ${LONG}`,
    source: { component: HOSTILE },
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:00:00Z',
    count: 1,
    type: 'Warning',
  });
  // Helm's own record of the release (the Helm history tab), with hostile descriptions and chart metadata.
  for (const [revision, status] of [
    [1, 'superseded'],
    [2, 'failed'],
  ] as const) {
    const release: HelmRelease = {
      name: 'evil',
      namespace: 'hostile',
      version: revision,
      info: {
        first_deployed: '2026-01-01T00:00:00Z',
        last_deployed: '2026-01-01T00:00:00Z',
        description: `${HOSTILE} ${LONG}`,
        status,
      },
      chart: {
        metadata: {
          name: `chart${HOSTILE}`,
          version: `1.0.${revision}\u001b]52;c;eA==\u0007`,
          apiVersion: 'v2',
          appVersion: HOSTILE,
        },
        templates: [],
        values: {},
      },
    };
    s.store.create('secrets', releaseSecret(release, { createdAt: 1_767_225_600 + revision }, 'hostile'));
  }
  const pod = controllerPod(s, 'helm-controller');
  const json = JSON.stringify({
    level: 'error',
    ts: '2026-01-01T00:00:00.000Z',
    msg: `${HOSTILE} ${LONG}`,
    controller: 'helmrelease',
    controllerGroup: 'helm.toolkit.fluxcd.io',
    controllerKind: 'HelmRelease',
    HelmRelease: { name: 'evil', namespace: 'hostile' },
    namespace: 'hostile',
    name: 'evil',
    error: HOSTILE,
  });
  s.logs.append('flux-system', pod, 'manager', json);
  s.logs.append('flux-system', pod, 'manager', `plain ${HOSTILE} ${LONG}`);
}

/**
 * Waits until the terminal shows `text`: in the last full frame, or — with incremental rendering, where
 * Ink rewrites only the lines that changed — anywhere in what was written since write number `since`.
 */
async function waitForText(
  stdout: RecordingStdout,
  text: string | RegExp,
  incremental: boolean,
  since = 0,
  timeoutMs = 8000,
): Promise<string> {
  const start = Date.now();
  for (;;) {
    const shown = incremental
      ? visibleText(stdout.writes.slice(since).join(''))
      : lastFrameLines(stdout).join('\n');
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
    if (Date.now() - start > timeoutMs) expect.fail(`the terminal never showed ${String(text)}:\n${shown}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Presses a key; returns the number of writes before it, for waitForText. */
async function key(stdout: RecordingStdout, stdin: FakeStdin, input: string): Promise<number> {
  const before = stdout.writes.length;
  stdin.write(input);
  await new Promise((r) => setTimeout(r, input === '\u001b' ? 40 : 5));
  return before;
}

function expectClean(stdout: RecordingStdout, where: string, incremental: boolean): void {
  expect(forbiddenControls(stdout.raw), `control sequences reached the terminal (${where})`).toEqual([]);
  // The hostile sequences themselves, even those that would pass as Ink's own kind of sequence.
  // (The YAML view may show them escaped as YAML text, `\e]0;…\a`, which is harmless.)
  for (const bad of ['\u001b[31;1m', '\u001b[99A', '\u001b[99;99H', '\u001b]0;', '\u001b]52', '\u202e']) {
    expect(stdout.raw.includes(bad), `${JSON.stringify(bad)} reached the terminal (${where})`).toBe(false);
  }
  // Incremental frames are partial: the layout is checked on full frames.
  if (incremental) return;
  const lines = lastFrameLines(stdout);
  expect(
    widestLine(lines),
    `a line is wider than the terminal (${where}):\n${lines.join('\n')}`,
  ).toBeLessThanOrEqual(COLUMNS);
  expect(lines.length, `the frame is taller than the terminal (${where})`).toBeLessThanOrEqual(ROWS + 1);
}

describe.each([
  { skin: 'default', color: true as Paint, incremental: false },
  { skin: 'NO_COLOR', color: false as Paint, incremental: false },
  { skin: 'default', color: true as Paint, incremental: true },
  { skin: 'NO_COLOR', color: false as Paint, incremental: true },
  // Emphasis but no colour: inverse and bold codes, and still nothing from the cluster.
  { skin: 'monochrome', color: SKINS.monochrome as Paint, incremental: true },
])(
  'hostile cluster content (skin $skin, incremental rendering $incremental)',
  ({ skin, color, incremental }) => {
    it('never reaches the terminal as a control sequence, and the layout holds', async () => {
      sim = await startSim({ scenario: 'empty', controllers: false });
      await seedHostile(sim);
      const s = sim;
      port = await createClusterPort({
        kubeconfigPath: sim.kubeconfigPath,
        env: isolatedEnv(),
        now: () => s.clock.now(),
      });
      await waitForSnapshot(port, 'evil listed', (snap) => snap.kinds.get('HelmRelease')?.rows.size === 2);
      const stdout = new RecordingStdout(COLUMNS, ROWS);
      const stdin = new FakeStdin();
      const instance = render(
        <App
          port={port}
          demo={false}
          readonly={false}
          color={color}
          size={{ columns: COLUMNS, rows: ROWS }}
          tickMs={0}
          initialView="helmreleases"
        />,
        {
          stdout: stdout as unknown as NodeJS.WriteStream,
          stderr: stdout as unknown as NodeJS.WriteStream,
          stdin: stdin as unknown as NodeJS.ReadStream,
          interactive: true,
          incrementalRendering: incremental,
          exitOnCtrlC: false,
          patchConsole: false,
        },
      );
      unmount = () => instance.unmount();

      // The table: the message column shows the text of the hostile message, not its sequences.
      const table = await waitForText(stdout, 'named-x', incremental);
      expect(table).toMatch(/red cursor/);
      // Colour on: the app's own SGR colour codes are there; off or monochrome: none at all.
      expect(stdout.raw.includes('\u001b[39m')).toBe(skin === 'default');
      expect(stdout.raw.includes('\u001b[7m')).toBe(skin !== 'NO_COLOR');
      expectClean(stdout, 'table', incremental);

      // Details: conditions of the hostile object.
      let since = await key(stdout, stdin, '\r');
      await waitForText(stdout, 'Conditions', incremental, since);
      expectClean(stdout, 'details', incremental);

      // YAML: labels, annotations and status with every sequence in them.
      since = await key(stdout, stdin, 'y');
      await waitForText(stdout, /namespace: hostile/, incremental, since);
      expectClean(stdout, 'yaml', incremental);

      // Helm history: Helm's own descriptions and chart metadata.
      since = await key(stdout, stdin, 'H');
      await waitForText(stdout, /superseded/, incremental, since);
      expectClean(stdout, 'helm history', incremental);

      // Events of the object.
      since = await key(stdout, stdin, 'e');
      await waitForText(stdout, /wide 日本語/, incremental, since);
      expectClean(stdout, 'events', incremental);

      // Controller logs, all lines of helm-controller.
      since = await key(stdout, stdin, '\u001b');
      // Back on the table (an ESC is only taken alone once Ink's wait for a longer sequence is over).
      await waitForText(stdout, '(all) [1/2]', incremental, since);
      since = await key(stdout, stdin, 'L');
      await waitForText(stdout, 'Logs [', incremental, since);
      since = await key(stdout, stdin, 'a');
      await waitForText(stdout, 'all lines', incremental, since);
      await waitForText(stdout, /plain red cursor/, incremental, since);
      expectClean(stdout, 'logs', incremental);
      expect(visibleText(stdout.raw)).not.toContain('\u0007');
    }, 30_000);
  },
);

describe('hostile kubeconfig names and the list views', () => {
  it('the header (a hostile context name), the events and the controllers views show only text', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    await seedHostile(sim);
    const s = sim;
    // A kubeconfig whose context, cluster and user names carry an OSC title and a C1 CSI.
    const hostileName = 'prod\u001b]0;pwned-title\u0007\u009b31m-ctx';
    const config = parse(readFileSync(s.kubeconfigPath, 'utf8'));
    const rename = (entries: { name: string }[]) => {
      for (const e of entries) e.name = hostileName;
    };
    rename(config.clusters);
    rename(config.users);
    rename(config.contexts);
    config.contexts[0].context = { cluster: hostileName, user: hostileName };
    config['current-context'] = hostileName;
    const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'fluxdeck-hostile-')), 'kubeconfig');
    writeFileSync(kubeconfigPath, stringify(config));
    port = await createClusterPort({ kubeconfigPath, env: isolatedEnv(), now: () => s.clock.now() });
    await waitForSnapshot(port, 'evil listed', (snap) => snap.kinds.get('HelmRelease')?.rows.size === 2);
    const stdout = new RecordingStdout(COLUMNS, ROWS);
    const stdin = new FakeStdin();
    const instance = render(
      <App
        port={port}
        demo={false}
        readonly={false}
        color
        size={{ columns: COLUMNS, rows: ROWS }}
        tickMs={0}
        initialView="helmreleases"
      />,
      {
        stdout: stdout as unknown as NodeJS.WriteStream,
        stderr: stdout as unknown as NodeJS.WriteStream,
        stdin: stdin as unknown as NodeJS.ReadStream,
        interactive: true,
        exitOnCtrlC: false,
        patchConsole: false,
      },
    );
    unmount = () => instance.unmount();
    await waitForText(stdout, /ctx prod-ctx/, false);
    expectClean(stdout, 'header', false);

    for (const [command, title, content] of [
      ['events', /Events\(all\)/, /red cursor/],
      ['ctrl', /Controllers/, /helm-controller/],
    ] as const) {
      await key(stdout, stdin, ':');
      for (const c of command) await key(stdout, stdin, c);
      await key(stdout, stdin, '\r');
      await waitForText(stdout, title, false);
      // The view may open before its watch has listed: the content follows.
      const frame = await waitForText(stdout, content, false);
      expect(frame).toMatch(title);
      expectClean(stdout, command, false);
    }
  }, 30_000);
});

describe('the raw-byte checker', () => {
  it('catches what these tests look for, and lets Ink’s own sequences through', () => {
    for (const bad of [
      '\u001b]0;t\u0007',
      '\u001b]52;c;eA==\u0007',
      '\u009b2J',
      '\u0007',
      '\u001bP1$r\u001b\\',
      '\u001b[5n',
    ]) {
      expect(forbiddenControls(`a${bad}b`), JSON.stringify(bad)).not.toEqual([]);
    }
    expect(
      forbiddenControls('\u001b[?2026h\u001b[2K\u001b[1A\u001b[G\u001b[31mred\u001b[39m\n\u001b[?25h'),
    ).toEqual([]);
  });
});
