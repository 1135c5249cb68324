// Plugins in the running console, as a user meets them: the key of a plugin from the config file on the
// selected row runs it — after its confirmation when it asks — its output in a pane (control sequences
// stripped), its run in the audit log (start, exit code, duration), its outcome on the flash line; a
// terminal plugin gets the terminal; help and the hint line list the plugin keys; a plugin that changes the
// cluster is refused in a read-only context.
import { describe, expect, it } from 'vitest';
import type { Plugin } from '../../src/actions/plugin.js';
import { appRenderer } from '../support/app.js';
import { KEYS, press, type, waitForFrame } from '../support/ink.js';
import {
  auditEntries,
  pluginDir,
  pluginPort as port,
  pluginSetup as setupPlugins,
} from '../support/plugins.js';

const CTRL_E = '\u0005';
const setup = appRenderer({ columns: 140, rows: 30 });
const folder = pluginDir();

const describePlugin: Plugin = {
  name: 'describe',
  key: 'E',
  places: ['table', 'details'],
  kinds: ['HelmRelease'],
  description: 'kubectl describe',
  command: 'kubectl',
  args: ['describe', '$RESOURCE', '$NAME', '-n', '$NAMESPACE', '--context', '$CONTEXT'],
  output: 'pane',
  confirm: true,
  dangerous: false,
  line: 3,
};
const editPlugin: Plugin = {
  name: 'edit',
  key: 'ctrl+e',
  places: ['table'],
  description: 'kubectl edit',
  command: 'kubectl',
  args: ['edit', '$RESOURCE/$NAME', '-n', '$NAMESPACE'],
  output: 'terminal',
  confirm: false,
  dangerous: true,
  line: 12,
};

function pluginSetup(list: readonly Plugin[], output: string) {
  return setupPlugins(folder(), list, output);
}

describe('plugins in the console', () => {
  it('E on the selected HelmRelease asks first, then shows the output in a pane and records the run', async () => {
    const { plugins, ran } = pluginSetup(
      [describePlugin],
      'Name: podinfo\n\u001b]52;c;ZXZpbA==\u0007Status: \u001b[31mFailed\u001b[0m\n',
    );
    const { stdin, lastFrame } = setup(port(), { plugins, initialView: 'hr' });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    // The hint line offers it for this object.
    expect(lastFrame()).toContain('<E> kubectl describe');
    await press(stdin, 'E');
    const dialog = await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    expect(dialog).toContain('Run plugin describe: kubectl describe');
    expect(dialog).toContain('HelmRelease podinfo/podinfo');
    expect(dialog).toContain('$ kubectl describe helmreleases podinfo -n podinfo --context prod-eu');
    expect(ran).toEqual([]);
    await press(stdin, 'y');
    const pane = await waitForFrame(lastFrame, (f) => f.includes('Status: Failed') && f.includes('exited 0'));
    expect(pane).toContain(
      'plugin describe: kubectl describe helmreleases podinfo -n podinfo --context prod-eu',
    );
    expect(pane).toContain('Name: podinfo');
    // What the command printed reaches the screen without a single control sequence.
    expect(pane).not.toContain('\u001b');
    expect(pane).toContain('plugin describe: kubectl exited 0 after 0s');
    expect(ran[0]?.wiring).toMatchObject({
      stdin: 'ignore',
      stdout: 'pipe',
      env: { KUBECONFIG: '/home/me/.kube/config', NO_COLOR: '1' },
    });
    const lines = await auditEntries(folder());
    expect(lines).toMatchObject([
      {
        phase: 'intent',
        action: 'plugin:describe',
        outcome: 'confirmed',
        context: 'prod-eu',
        targets: ['HelmRelease/podinfo/podinfo'],
        commands: ['kubectl describe helmreleases podinfo -n podinfo --context prod-eu'],
      },
      { phase: 'outcome', action: 'plugin:describe', outcome: 'succeeded', exitCode: 0, durationMs: 0 },
    ]);
    expect(lines[0]?.['id']).toBe(lines[1]?.['id']);
    // esc closes the pane: the table is back.
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('HelmReleases(all)') && !f.includes('Status: Failed'));
  });

  it('n cancels the confirmation: nothing runs, nothing is recorded as run', async () => {
    const { plugins, ran } = pluginSetup([describePlugin], 'x\n');
    const { stdin, lastFrame } = setup(port(), { plugins, initialView: 'hr' });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    await press(stdin, 'E');
    await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    await press(stdin, 'n');
    await waitForFrame(lastFrame, (f) => f.includes('plugin describe: cancelled, nothing was run'));
    expect(ran).toEqual([]);
  });

  it('asks for the name to be typed when the context lists the plugin in confirmTyped', async () => {
    const { plugins, ran } = pluginSetup([describePlugin], 'ok\n');
    const { stdin, lastFrame } = setup(port(), {
      plugins: { ...plugins, confirmTyped: ['describe'] },
      initialView: 'hr',
    });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    await press(stdin, 'E');
    await waitForFrame(lastFrame, (f) => f.includes('then type podinfo (its name)'));
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('Type podinfo to confirm:'));
    expect(ran).toEqual([]);
    await type(stdin, 'podinfo');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('exited 0'));
    expect(ran).toHaveLength(1);
  });

  it('a terminal plugin gets the terminal and its outcome is said on the flash line', async () => {
    const { plugins, ran, handedOver } = pluginSetup([editPlugin], '');
    const { stdin, lastFrame } = setup(port(), { plugins, initialView: 'hr' });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    await press(stdin, CTRL_E);
    await waitForFrame(lastFrame, (f) => f.includes('plugin edit: kubectl exited 0'));
    expect(handedOver).toEqual([
      'fluxdeck: plugin edit: kubectl edit helmreleases/podinfo -n podinfo — the console comes back when it exits.',
    ]);
    expect(ran[0]?.wiring).toMatchObject({ stdin: 'inherit', stdout: 'inherit', stderr: 'inherit' });
  });

  it('refuses a plugin that changes the cluster in a read-only context, and hides its key', async () => {
    const { plugins, ran } = pluginSetup([editPlugin, describePlugin], '');
    const { stdin, lastFrame } = setup(port(), { plugins, initialView: 'hr', readonly: true });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    expect(lastFrame()).not.toContain('kubectl edit');
    await press(stdin, CTRL_E);
    await waitForFrame(lastFrame, (f) => f.includes('plugin edit: refused'));
    expect(ran).toEqual([]);
  });

  it('help lists the plugins after fluxdeck’s own keys', async () => {
    const note: Plugin = {
      ...describePlugin,
      name: 'note',
      key: 'N',
      kinds: undefined,
      description: 'note it',
      output: 'background',
      confirm: false,
    };
    const { plugins } = pluginSetup([describePlugin, editPlugin, note], '');
    const { stdin, lastFrame } = setup(port(), { plugins, initialView: 'hr' });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    await press(stdin, '?');
    await waitForFrame(lastFrame, (f) => f.includes('Keys —'));
    await press(stdin, 'G');
    const help = await waitForFrame(lastFrame, (f) => f.includes('Plugins (your config file)'));
    expect(help).toMatch(/E\s+kubectl describe — tables, details, HelmRelease; output in a pane, asks first/);
    expect(help).toMatch(/ctrl-e\s+kubectl edit — tables; takes the terminal \(changes the cluster\)/);
    expect(help).toMatch(/N\s+note it — tables, details; runs in the background/);
  });

  it('says which variable has no value instead of running the plugin', async () => {
    const trace: Plugin = {
      ...describePlugin,
      name: 'parent',
      key: 'P',
      confirm: false,
      args: ['reconcile', 'ks', '$FLUX_NAME', '-n', '$FLUX_NAMESPACE'],
    };
    const { plugins, ran } = pluginSetup([trace], '');
    const { stdin, lastFrame } = setup(port(), { plugins, initialView: 'hr' });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo'));
    await type(stdin, 'P');
    await waitForFrame(lastFrame, (f) =>
      f.includes(
        'plugin parent: $FLUX_NAME, $FLUX_NAMESPACE have no value for HelmRelease podinfo/podinfo (no Flux Kustomization or HelmRelease applied it)',
      ),
    );
    expect(ran).toEqual([]);
  });
});
