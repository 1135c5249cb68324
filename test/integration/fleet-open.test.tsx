// `fluxdeck --fleet` through its own wiring (src/fleet-open.ts): the config file read from its XDG folder,
// its `fleet:` matched against a real kubeconfig's contexts, the fleet drawn, a row opened in its
// context's console and `:fleet` back — the fleet's `/` filter and selection kept across the visit. The
// clusters are fake ports; everything between the files and the screen is the product's.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Plugin } from '../../src/actions/plugin.js';
import { BackgroundRuns } from '../../src/actions/plugin-background.js';
import { configPath, loadConfig } from '../../src/config/load.js';
import type { ContextConsoleProps } from '../../src/console-root.js';
import { type FleetWiring, openFleet } from '../../src/fleet-open.js';
import { listContexts } from '../../src/kube/kubeconfig.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { configHome, writeKubeconfig } from '../support/config-files.js';
import { consoleOptions } from '../support/console-options.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { prodEu, staging } from '../support/fleet-ports.js';
import { KEYS, press, selectedLine, type, waitForFrame } from '../support/ink.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');

let screen: ReturnType<typeof render> | undefined;
/** The keyboard of whatever is on screen (the fleet, or a context's console in its place). */
const keys = { write: (data: string) => screen?.stdin.write(data) };
afterEach(() => {
  screen?.unmount();
  screen = undefined;
});

function ports(): Record<string, FakePort> {
  return {
    'prod-eu': prodEu([
      makeRow({
        kind: 'Kustomization',
        name: 'infra',
        health: 'Failed',
        failingSince: '2026-01-01T10:30:00Z',
      }),
    ]),
    staging: staging(),
    dev: new FakePort([], { context: 'dev' }),
  };
}

async function open(
  argv: string[],
  config: string,
  contexts: readonly string[],
  plugins: { list: readonly Plugin[]; runs: BackgroundRuns } | undefined = undefined,
) {
  const home = configHome(config);
  const env = { XDG_CONFIG_HOME: home, HOME: home };
  const kubeconfig = writeKubeconfig(home, contexts);
  const fakes = ports();
  const connected: string[] = [];
  const ink = await import('ink');
  const wiring: FleetWiring = {
    kubeconfigPath: kubeconfig,
    config: loadConfig(env),
    configPath: configPath(env),
    connect: async (context) => {
      connected.push(context ?? '');
      const port = context ? fakes[context] : undefined;
      if (!port) throw new Error(`context "${context}" not found`);
      return port as ClusterPort;
    },
    consoleProps: (port): ContextConsoleProps => ({
      port,
      demo: false,
      readonly: false,
      color: false,
      auditLog: join(home, 'audit.log'),
      dangerContext: 'prod',
      size: { columns: 120, rows: 30 },
      tickMs: 0,
      clock: () => NOW,
      ...(plugins ? { pluginList: plugins.list, backgroundRuns: plugins.runs } : {}),
    }),
    dangerContextOf: () => 'prod',
    listContexts: (path) => listContexts(path, env),
    color: false,
    loadInk: async () =>
      ({
        ...ink,
        render: (element: Parameters<typeof render>[0]) => {
          screen = render(element);
          return screen;
        },
      }) as unknown as typeof ink,
    renderOptions: {},
    backgroundRuns: plugins?.runs,
  };
  const opened = await openFleet(consoleOptions(['--kubeconfig', kubeconfig, ...argv]), wiring);
  return { opened, connected, home };
}

const FLEET = `defaults:
  view: failing
fleet:
  - prod-*
  - staging
  - lab-*
`;

describe('fluxdeck --fleet through fleet-open', () => {
  it('opens the contexts the file names, in the kubeconfig’s order, and says which entry names none', async () => {
    const { opened, connected } = await open(['--fleet'], FLEET, ['staging', 'dev', 'prod-eu']);
    expect('error' in opened).toBe(false);
    expect(connected).toEqual(['staging', 'prod-eu']);
    const frame = await waitForFrame(
      () => screen?.lastFrame(),
      (f) => f.includes('kyverno'),
    );
    expect(frame).toContain('fluxdeck  FLEET  2 contexts, 2 live  failing 3');
    // The member lines: between the header and the blank line above the table.
    const lines = frame.split('\n');
    const members = lines.slice(
      1,
      lines.findIndex((l) => l.trim() === ''),
    );
    expect(members.map((l) => l.trim().split(/\s+/)[0])).toEqual(['staging', 'prod-eu', 'lab-*']);
    expect(frame).toMatch(/lab-\* +matches no context in the kubeconfig \(fleet: in config\.yaml:6\)/);
  });

  it('keeps its / filter and selection while a row is open in its context, and shows it on :fleet', async () => {
    await open(['--fleet'], FLEET, ['staging', 'prod-eu']);
    const frame = () => screen?.lastFrame();
    await waitForFrame(frame, (f) => f.includes('kyverno'));
    await type(keys, '/prod-eu');
    await press(keys, KEYS.enter, 'j');
    let shown = await waitForFrame(frame, (f) => /^> prod-eu +KS +flux-system +infra/m.test(f));
    expect(shown).toContain('</prod-eu> [2/2]');

    await press(keys, KEYS.enter);
    shown = await waitForFrame(frame, (f) => /^fluxdeck ctx prod-eu/m.test(f));
    expect(selectedLine(shown)).toMatch(/^> Kustomization +flux-system +infra/);

    await type(keys, ':fleet');
    await press(keys, KEYS.enter);
    shown = await waitForFrame(frame, (f) => f.includes('FLEET'));
    expect(shown).toContain('Fleet(failing in 2 contexts) </prod-eu> [2/2]');
    expect(selectedLine(shown)).toMatch(/^> prod-eu +KS +flux-system +infra/);
    expect(shown).not.toMatch(/^[> ] staging +KS /m);
  });

  it('says on the fleet how a background plugin started in a context it left ended, naming that context', async () => {
    const runs = new BackgroundRuns();
    // A real command that runs until the test writes a line to its fifo.
    const dir = configHome('');
    const fifo = join(dir, 'release');
    execFileSync('mkfifo', [fifo]);
    const wait: Plugin = {
      name: 'wait',
      key: 'B',
      places: ['table'],
      description: 'wait for the release',
      command: '/bin/sh',
      args: ['-c', 'read line < "$1"', 'sh', fifo],
      output: 'background',
      confirm: false,
      dangerous: false,
      line: 1,
    };
    const { home } = await open(['--fleet'], FLEET, ['staging', 'prod-eu'], { list: [wait], runs });
    const frame = () => screen?.lastFrame();
    await waitForFrame(frame, (f) => f.includes('kyverno'));
    await type(keys, '/prod-eu');
    await press(keys, KEYS.enter, KEYS.enter);
    await waitForFrame(frame, (f) => /^fluxdeck ctx prod-eu/m.test(f));
    await press(keys, 'B');
    await waitForFrame(frame, (f) => f.includes('plugin wait: sh runs in the background'));
    await type(keys, ':fleet');
    await press(keys, KEYS.enter);
    await waitForFrame(frame, (f) => f.includes('FLEET'));
    expect(runs.running()).toEqual(['plugin wait (sh)']);

    await writeFile(fifo, 'go\n');
    const shown = await waitForFrame(frame, (f) => /prod-eu: plugin wait: sh/.test(f), 10_000);
    expect(shown).toMatch(/^prod-eu: plugin wait: sh exited 0 after \d+s/m);
    expect(runs.running()).toEqual([]);
    const audit = (await import('node:fs')).readFileSync(join(home, 'audit.log'), 'utf8');
    expect(audit).toContain('"outcome":"succeeded"');
  });

  it('lets --context win over the file, and says why there is no fleet to open', async () => {
    const { connected } = await open(['--fleet', '--context', 'dev,staging'], FLEET, ['staging', 'prod-eu']);
    expect(connected).toEqual(['dev', 'staging']);
    screen?.unmount();
    screen = undefined;

    const none = await open(['--fleet'], 'skin: default\n', ['staging']);
    expect(none.opened).toEqual({
      error: expect.stringMatching(
        /^--fleet opens the config file's `fleet:` list, and .+config\.yaml has none/,
      ),
    });
    expect(none.connected).toEqual([]);
    const unmatched = await open(['--fleet'], 'fleet: [lab-*]\n', ['staging']);
    expect(unmatched.opened).toEqual({
      error: expect.stringMatching(
        /^no context of the kubeconfig matches the fleet of config\.yaml:1 \(lab-\*\)/,
      ),
    });
  });
});
