// A plugin's `$COL-…` in the running console: the selected row's cell of that column as the table has it —
// whole, not squeezed to the screen, and from a column this width or this namespace hides —, the same from
// the details; a column the table does not have is said on the flash line and nothing runs.
import { describe, expect, it } from 'vitest';
import type { Plugin } from '../../src/actions/plugin.js';
import { appRenderer } from '../support/app.js';
import { KEYS, press, waitForFrame } from '../support/ink.js';
import { pluginDir, pluginPort, pluginSetup } from '../support/plugins.js';
import { NOW } from '../support/runbook-rows.js';

// Narrow: the HelmReleases table hides CHART and AGE, and cuts REVISION and MESSAGE.
const setup = appRenderer({ columns: 80, rows: 24 });
const folder = pluginDir();

const REVISION = 'main@sha1:0123456789abcdef0123456789abcdef01234567';
const MESSAGE =
  'Helm upgrade failed for release podinfo/podinfo with chart podinfo@6.5.0: context deadline exceeded';

const columns: Plugin = {
  name: 'cols',
  key: 'C',
  places: ['table', 'details'],
  description: 'columns',
  command: 'notify',
  args: [
    '$COL-STATUS',
    '$COL-NAMESPACE',
    '$COL-CHART',
    '$COL-REVISION',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a plugin argument, not a template
    '${COL-FAILING FOR}',
    'message: $COL-MESSAGE',
  ],
  output: 'pane',
  confirm: false,
  dangerous: false,
  line: 2,
};

function port() {
  return pluginPort(
    {
      health: 'Failed',
      failingSince: new Date(NOW - 20 * 60_000).toISOString(),
      revision: REVISION,
      message: MESSAGE,
      extra: { CHART: 'podinfo', VERSION: '6.5.0' },
    },
    // One namespace: the table has no NAMESPACE column.
    { namespace: 'podinfo' },
  );
}

const EXPECTED = ['Failed', 'podinfo', 'podinfo', REVISION, '20m !', `message: ${MESSAGE}`];

describe('$COL- variables in the console', () => {
  it("gives a plugin the selected row's cells, whole, from shown and hidden columns, in the table and the details", async () => {
    const { plugins, ran } = pluginSetup(folder(), [columns], 'sent\n');
    const { stdin, lastFrame } = setup(port(), { plugins, initialView: 'hr' });
    const table = await waitForFrame(lastFrame, (f) => f.includes('podinfo') && f.includes('Failed'));
    // What the user sees: no CHART or NAMESPACE column at this width in one namespace; REVISION and MESSAGE
    // cut to fit, FAILING FOR past the alert threshold.
    expect(table).not.toMatch(/CHART|NAMESPACE/);
    expect(table).toMatch(/^> podinfo main@sha1:\.\.ef01234567 .* Helm upgra\.\. +20m !$/m);
    await press(stdin, 'C');
    await waitForFrame(lastFrame, (f) => f.includes('plugin cols: notify exited 0'));
    expect(ran.map((r) => r.command)).toEqual([{ file: 'notify', args: EXPECTED }]);

    await press(stdin, KEYS.esc, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('HelmRelease/podinfo/podinfo'));
    await press(stdin, 'C');
    await waitForFrame(lastFrame, () => ran.length === 2);
    expect(ran[1]?.command.args).toEqual(EXPECTED);
  });

  it('says which column the table lacks instead of running the plugin', async () => {
    const { plugins, ran } = pluginSetup(folder(), [columns]);
    const { stdin, lastFrame } = setup(port(), { plugins, initialView: 'failing' });
    await waitForFrame(lastFrame, (f) => f.includes('podinfo') && f.includes('Failed'));
    await press(stdin, 'C');
    const frame = await waitForFrame(lastFrame, (f) =>
      f.includes('plugin cols: the Failing table has no column'),
    );
    // The Failing view has no CHART column (the HelmReleases view has).
    expect(frame.replaceAll('\n', '')).toMatch(
      /plugin cols: the Failing table has no column CHART \(\$COL-CHART\)/,
    );
    expect(ran).toEqual([]);
  });

  it("on :suspended, reads the suspension's own columns (BY, REASON) for the object it is about", async () => {
    const suspendedBy: Plugin = { ...columns, args: ['$COL-NAME', '$COL-BY', 'why: $COL-REASON'] };
    const { plugins, ran } = pluginSetup(folder(), [suspendedBy]);
    const session = {
      suspended: [
        {
          key: 'HelmRelease/podinfo/podinfo',
          kind: 'HelmRelease',
          namespace: 'podinfo',
          name: 'podinfo',
          at: new Date(NOW - 60_000).toISOString(),
          by: 'alice',
          reason: 'INC-42 hotfix in place',
          stillSuspended: true,
        },
      ],
      audit: [],
    };
    const { stdin, lastFrame } = setup(port(), { plugins, session, initialView: 'suspended' });
    await waitForFrame(lastFrame, (f) => f.includes('Suspended(session)') && f.includes('podinfo'));
    await press(stdin, 'C');
    await waitForFrame(lastFrame, () => ran.length === 1);
    expect(ran[0]?.command.args).toEqual(['podinfo', 'alice', 'why: INC-42 hotfix in place']);
  });
});
