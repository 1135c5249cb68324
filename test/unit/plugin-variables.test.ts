// A plugin's command line: the selection's variables put into each argument on its own — a value with
// spaces or shell characters stays one argument, words that are not ours are left for the user's own
// `sh -c` script — and a plugin that needs a variable the selection has no value for is not run.
import { describe, expect, it } from 'vitest';
import {
  columnsIn,
  type Plugin,
  pluginApplies,
  pluginCommand,
  pluginCommandText,
  pluginForKey,
  pluginValues,
  variablesIn,
} from '../../src/actions/plugin.js';
import { makeRow } from '../support/fake-port.js';

const row = makeRow({
  kind: 'HelmRelease',
  namespace: 'podinfo',
  name: 'podinfo',
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
});
const managedBy = {
  metadata: {
    labels: {
      'kustomize.toolkit.fluxcd.io/name': 'apps',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
    },
  },
};
const selection = {
  row,
  raw: managedBy,
  context: 'prod eu',
  cluster: 'prod-eu-1',
  user: 'oidc:alice',
  kubeconfig: '/home/me/.kube/a:/home/me/.kube/b',
};

function plugin(over: Partial<Plugin>): Plugin {
  return {
    name: 'p',
    key: 'E',
    places: ['table', 'details'],
    description: 'd',
    command: 'kubectl',
    args: [],
    output: 'pane',
    confirm: false,
    dangerous: false,
    line: 1,
    ...over,
  };
}

describe('plugin variables', () => {
  it('has a value for every documented variable of a managed HelmRelease', () => {
    expect(pluginValues(selection)).toEqual({
      NAME: 'podinfo',
      NAMESPACE: 'podinfo',
      KIND: 'HelmRelease',
      GROUP: 'helm.toolkit.fluxcd.io',
      VERSION: 'v2',
      RESOURCE: 'helmreleases',
      FLUX_NAME: 'apps',
      FLUX_NAMESPACE: 'flux-system',
      CONTEXT: 'prod eu',
      CLUSTER: 'prod-eu-1',
      USER: 'oidc:alice',
      KUBECONFIG: '/home/me/.kube/a:/home/me/.kube/b',
    });
  });

  it('puts values into each argument on its own, braced or not, and leaves other $WORDS alone', () => {
    const values = pluginValues(selection);
    const edit = pluginCommand(
      plugin({
        args: [
          'edit',
          '$RESOURCE.$GROUP/$NAME',
          '-n',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a plugin argument, not a template
          '${NAMESPACE}',
          '--context',
          '$CONTEXT',
          '$NAMESPACES',
          '$HOME and $EDITOR',
        ],
      }),
      values,
    );
    expect(edit).toEqual({
      command: {
        file: 'kubectl',
        args: [
          'edit',
          'helmreleases.helm.toolkit.fluxcd.io/podinfo',
          '-n',
          'podinfo',
          '--context',
          // One argument, space and all: no shell ever splits it.
          'prod eu',
          '$NAMESPACES',
          '$HOME and $EDITOR',
        ],
      },
    });
    // A shell only when the user writes one, the values handed to it as its own arguments.
    const shell = pluginCommand(
      plugin({
        command: 'sh',
        args: ['-c', 'kubectl describe "$1" -n "$2"', 'sh', '$RESOURCE/$NAME', '$NAMESPACE'],
      }),
      values,
    );
    expect(shell).toEqual({
      command: {
        file: 'sh',
        args: ['-c', 'kubectl describe "$1" -n "$2"', 'sh', 'helmreleases/podinfo', 'podinfo'],
      },
    });
  });

  it('refuses to run without a value: an object Flux did not apply has no $FLUX_NAME', () => {
    const unmanaged = pluginValues({ ...selection, raw: { metadata: {} }, kubeconfig: undefined });
    expect(unmanaged.FLUX_NAME).toBeUndefined();
    expect(
      pluginCommand(
        plugin({ args: ['reconcile', 'ks', '$FLUX_NAME', '-n', '$FLUX_NAMESPACE', '$KUBECONFIG'] }),
        unmanaged,
      ),
    ).toEqual({ missing: ['FLUX_NAME', 'FLUX_NAMESPACE', 'KUBECONFIG'] });
    // Labels come from the cluster: one that is not a Kubernetes name is no value.
    const hostile = pluginValues({
      ...selection,
      raw: { metadata: { labels: { 'kustomize.toolkit.fluxcd.io/name': '--all; rm -rf ~' } } },
    });
    expect(hostile.FLUX_NAME).toBeUndefined();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
    expect(variablesIn(['$NAME-$NAME', '${KIND}', '$OTHER'])).toEqual(['NAME', 'KIND']);
  });

  it('applies where its scopes and kinds say, and shows its command as written', () => {
    const hrOnly = plugin({ places: ['table', 'logs'], kinds: ['HelmRelease'] });
    expect(pluginApplies(hrOnly, 'table', 'HelmRelease')).toBe(true);
    expect(pluginApplies(hrOnly, 'details', 'HelmRelease')).toBe(false);
    expect(pluginApplies(hrOnly, 'table', 'Kustomization')).toBe(false);
    expect(pluginApplies(hrOnly, 'table', undefined)).toBe(false);
    const ks = plugin({ name: 'ks', kinds: ['Kustomization'] });
    expect(pluginForKey([hrOnly, ks], 'E', 'table', 'Kustomization')?.name).toBe('ks');
    expect(pluginForKey([hrOnly, ks], 'e', 'table', 'Kustomization')).toBeUndefined();
    expect(pluginCommandText(plugin({ command: 'sh', args: ['-c', 'read -r x', ''] }))).toBe(
      'sh -c "read -r x" ""',
    );
  });
});

describe('column variables ($COL-…, as k9s writes them)', () => {
  const columns = {
    table: 'Failing',
    headers: ['KIND', 'NAME', 'STATUS', 'FAILING FOR', 'BLOCKED BY', 'ERROR/MESSAGE'],
    cells: new Map([
      ['KIND', 'HelmRelease'],
      ['NAME', 'podinfo'],
      ['STATUS', 'Failed'],
      ['FAILING FOR', '≥12m !'],
      ['BLOCKED BY', ''],
      ['ERROR/MESSAGE', 'install retries exhausted; see --debug'],
    ]),
  };
  const values = pluginValues(selection);
  const build = (args: string[]) => pluginCommand(plugin({ args }), values, columns);

  it("puts the row's cell in, bare or braced, any case, a header with spaces or a slash in braces", () => {
    expect(
      build([
        'status=$COL-STATUS',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
        '${COL-status}',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
        '${COL-FAILING FOR}',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
        '${COL-NAME}-x',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
        'msg: ${COL-ERROR/MESSAGE}',
        // An empty cell is an empty value, the argument kept.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
        '${COL-BLOCKED BY}',
        '$NAME/$COL-KIND',
      ]),
    ).toEqual({
      command: {
        file: 'kubectl',
        args: [
          'status=Failed',
          'Failed',
          '≥12m !',
          'podinfo-x',
          'msg: install retries exhausted; see --debug',
          '',
          'podinfo/HelmRelease',
        ],
      },
    });
    // $COLOR, $COL alone and a shell's $col-… are not columns: left as written.
    expect(build(['$COLOR $COL', '$col-status'])).toEqual({
      command: { file: 'kubectl', args: ['$COLOR $COL', '$col-status'] },
    });
  });

  it('names a column the table does not have, with what to write instead when it is a near miss', () => {
    expect(build(['$COL-FAILING'])).toEqual({
      problem:
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the sentence quotes a plugin argument
        'the Failing table has no column FAILING ($COL-FAILING): a header with spaces goes in braces, ${COL-FAILING FOR}',
    });
    expect(build(['$COL-NAME-suffix'])).toEqual({
      problem:
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the sentence quotes a plugin argument
        'the Failing table has no column NAME-SUFFIX ($COL-NAME-SUFFIX): the name runs on into "-SUFFIX" — braces end it, ${COL-NAME}-SUFFIX',
    });
    expect(build(['$COL-CHART'])).toEqual({
      problem:
        'the Failing table has no column CHART ($COL-CHART); its columns: KIND, NAME, STATUS, FAILING FOR, BLOCKED BY, ERROR/MESSAGE',
    });
    // The object in focus is not a row of the table beneath (details opened from elsewhere).
    expect(
      pluginCommand(plugin({ args: ['$COL-STATUS'] }), values, { ...columns, cells: undefined }),
    ).toEqual({
      problem: '$COL-STATUS has no value: the object is not a row of the Failing table',
    });
    // Variables without a value are said first, as before.
    expect(pluginCommand(plugin({ args: ['$COL-CHART', '$FLUX_NAME'] }), { NAME: 'x' }, columns)).toEqual({
      missing: ['FLUX_NAME'],
    });
  });

  it("inverts a true/false cell with k9s's $!COL-…, and refuses to invert anything else", () => {
    const flux = {
      table: 'Kustomizations',
      headers: ['NAME', 'SUSPENDED', 'READY'],
      cells: new Map([
        ['NAME', 'apps'],
        ['SUSPENDED', 'False'],
        ['READY', 'True'],
      ]),
    };
    const toggle = (args: string[], cells = flux) => pluginCommand(plugin({ args }), values, cells);
    // k9s's toggle: the patch sends the opposite of what the row shows, written as JSON's true/false.
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
      toggle(['patch', '{"spec":{"suspend":$!COL-SUSPENDED}}', '${!COL-READY}', '$COL-SUSPENDED']),
    ).toEqual({
      command: { file: 'kubectl', args: ['patch', '{"spec":{"suspend":true}}', 'false', 'False'] },
    });
    const suspended = { ...flux, cells: new Map([...flux.cells, ['SUSPENDED', 'True']]) };
    expect(toggle(['{"suspend":$!COL-SUSPENDED}'], suspended)).toEqual({
      command: { file: 'kubectl', args: ['{"suspend":false}'] },
    });
    // k9s would pass "apps" as it is; a toggle that cannot invert must not run.
    expect(toggle(['{"suspend":$!COL-NAME}'])).toEqual({
      problem: '$!COL-NAME inverts a true/false value, and the value here is "apps"',
    });
    // The inverted form names its column as the plain one does.
    expect(columnsIn(['$!COL-SUSPENDED', '$NAME'])).toEqual(['SUSPENDED']);
    expect(toggle(['$!COL-SUSPEND'])).toEqual({
      problem:
        'the Kustomizations table has no column SUSPEND ($COL-SUSPEND); its columns: NAME, SUSPENDED, READY',
    });
  });

  it('never lets a cell from the cluster become an option of the command', () => {
    const hostile = { ...columns, cells: new Map([['ERROR/MESSAGE', '--kubeconfig=/tmp/evil']]) };
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
      pluginCommand(plugin({ args: ['logs', '${COL-ERROR/MESSAGE}'] }), values, hostile),
    ).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the sentence quotes a plugin argument
      problem: 'argument 2 (${COL-ERROR/MESSAGE}) would begin with "-" here and be read as an option',
    });
    // Inside an option of the user's own it is a value, not an option.
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
      pluginCommand(plugin({ args: ['--reason=${COL-ERROR/MESSAGE}'] }), values, hostile),
    ).toEqual({ command: { file: 'kubectl', args: ['--reason=--kubeconfig=/tmp/evil'] } });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: plugin arguments, not templates
    expect(columnsIn(['$COL-STATUS', '$col-status', '${COL-FAILING FOR}', '$NAME'])).toEqual([
      'STATUS',
      'FAILING FOR',
    ]);
  });
});
