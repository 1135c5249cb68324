// The config file's plugins (the user's commands on keys, as k9s users write them) and confirmTyped: read
// at the top level, under defaults and per context rule, merged by name with where each came from; every
// mistake a problem on its line — above all a key fluxdeck already uses where the plugin would work.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { contextOptions } from '../../src/config/console-settings.js';
import { parseConfig } from '../../src/config/schema.js';
import { pluginTables } from '../../src/present/plugin-columns.js';
import { configCommand, consoleOptions } from '../support/console-options.js';

const FILE = `plugins:
  edit:
    shortCut: Shift-E
    description: Edit with kubectl edit
    scopes: [table, details]
    command: kubectl
    args: [edit, $RESOURCE/$NAME, -n, $NAMESPACE, --context, $CONTEXT]
    output: terminal
    dangerous: true
defaults:
  confirmTyped: [rollback]
  plugins:
    trace:
      key: ctrl-t
      description: flux trace of the selection
      scopes: all
      kinds: [HelmRelease, ks]
      command: flux
      args: [trace, $NAME, --kind, $KIND, --api-version, $GROUP/$VERSION, -n, $NAMESPACE]
contexts:
  - match: prod-*
    confirmTyped: [rollback, clear-helm-lock, suspend, edit]
    plugins:
      edit:
        key: E
        description: 'Edit (production: asks first)'
        command: kubectl
        args: [edit, $RESOURCE/$NAME, -n, $NAMESPACE]
        output: terminal
        confirm: true
        dangerous: true
`;

describe('plugins in the config file', () => {
  it('reads them at the top level, under defaults and per context rule, merged by name', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    expect(config.problems).toEqual([]);
    const dev = contextOptions(consoleOptions([]), config, 'dev');
    expect(dev.plugins.map((p) => [p.name, p.key, p.places, p.kinds, p.output, p.confirm])).toEqual([
      ['edit', 'E', ['table', 'details'], undefined, 'terminal', false],
      ['trace', 'ctrl+t', ['table', 'details', 'logs'], ['HelmRelease', 'Kustomization'], 'pane', false],
    ]);
    expect(dev.plugins[0]?.args).toEqual([
      'edit',
      '$RESOURCE/$NAME',
      '-n',
      '$NAMESPACE',
      '--context',
      '$CONTEXT',
    ]);
    expect(dev.effective.plugins.map((p) => p.source)).toEqual([
      'config.yaml:2 (defaults)',
      'config.yaml:13 (defaults)',
    ]);
    expect(dev.confirmTyped).toEqual(['rollback']);
    const prod = contextOptions(consoleOptions([]), config, 'prod-eu');
    expect(prod.plugins.map((p) => [p.name, p.confirm])).toEqual([
      ['edit', true],
      ['trace', false],
    ]);
    expect(prod.effective.plugins[0]?.source).toBe('config.yaml:24 (context rule prod-*)');
    expect(prod.confirmTyped).toEqual(['rollback', 'clear-helm-lock', 'suspend', 'edit']);
    expect(prod.effective.confirmTyped.source).toBe('config.yaml:22 (context rule prod-*)');
  });

  it('refuses a key fluxdeck already uses where the plugin works, with file and line, and keeps the rest', () => {
    const config = parseConfig(
      '/c/config.yaml',
      `plugins:
  events:
    key: e
    description: clashes with e (events)
    command: true
  follow:
    key: p
    description: p is the logs pane's pause, free in the tables
    scopes: [table]
    command: true
  pause:
    key: p
    description: not in the logs pane
    scopes: [logs]
    command: true
  enter:
    key: ctrl-m
    description: the terminal sends enter
    command: true
  tab:
    key: F5
    description: no F keys
    command: true
  twice:
    key: p
    description: p again in the tables
    scopes: table
    command: true
  fine:
    key: P
    description: fine
    command: kubectl
    args: [describe, $RESOURCE, $NAME]
`,
    );
    expect(config.problems).toEqual([
      `/c/config.yaml:3: top level.plugins.events.key: e is fluxdeck's key for "events" in the tables; choose another`,
      `/c/config.yaml:12: top level.plugins.pause.key: p is fluxdeck's key for "pause/follow" in the logs pane; choose another`,
      '/c/config.yaml:17: top level.plugins.enter.key "ctrl-m": ctrl-m reaches fluxdeck as enter: choose another key',
      '/c/config.yaml:21: top level.plugins.tab.key "F5": a key is one character (E, !, 9), ctrl-LETTER or shift-LETTER',
      '/c/config.yaml:24: top level.plugins.twice.key: p is already the key of plugin follow (line 6) in the tables',
    ]);
    expect(config.defaults.plugins?.map((p) => p.name)).toEqual(['follow', 'fine']);
  });

  it('says what is wrong with each field, names the known ones, and leaves a plugin with a mistake out', () => {
    const config = parseConfig(
      '/c/config.yaml',
      `defaults:
  plugins:
    Bad_Name: { key: Z, description: x, command: true }
    nothing:
      key: Z
    kinds:
      key: Z
      description: x
      command: true
      scopes: [helmreleases]
      kinds: [Deployment]
    k9s:
      key: Z
      description: x
      command: true
      background: false
      output: window
      confirm: maybe
    shell:
      key: Z
      description: x
      command: $EDITOR
    extra:
      key: Z
      description: x
      command: true
      colour: red
  confirmTyped: [rollback, unlock]
`,
    );
    expect(config.problems).toEqual([
      "/c/config.yaml:3: defaults.plugins.Bad_Name: a plugin's name is one word of lower-case letters, digits and dashes",
      '/c/config.yaml:4: defaults.plugins.nothing needs description, command',
      '/c/config.yaml:10: defaults.plugins.kinds.scopes : "helmreleases" is a kind; kinds go in `kinds:`, scopes are table, details, logs or all',
      '/c/config.yaml:11: defaults.plugins.kinds.kinds : "Deployment" is not a Flux kind',
      "/c/config.yaml:16: defaults.plugins.k9s.background is k9s's: here say output: background (k9s's background: true), output: terminal (background: false) or output: pane",
      '/c/config.yaml:17: defaults.plugins.k9s.output must be pane (the output shown in the console), terminal (the terminal handed to the command) or background (run beside the console, its outcome said)',
      '/c/config.yaml:18: defaults.plugins.k9s.confirm must be true or false',
      `/c/config.yaml:22: defaults.plugins.shell.command: no variables here, the command is the program itself (for $EDITOR: command: sh, args: [-c, '$EDITOR "$1"', sh, …])`,
      '/c/config.yaml:27: defaults.plugins.extra: unknown setting "colour" (known: key, description, scopes, kinds, command, args, output, confirm, dangerous)',
      '/c/config.yaml:28: defaults.confirmTyped: "unlock" is neither an action (reconcile, reconcile-with-source, suspend, resume, rollback, clear-helm-lock, fix-chain) nor a plugin of this file',
    ]);
    expect(config.defaults.plugins?.map((p) => p.name)).toEqual(['extra']);
  });

  it("checks $COL- variables against fluxdeck's tables, k9s's inverted form too: a typo is a problem", () => {
    const config = parseConfig(
      '/c/config.yaml',
      `plugins:
  fine:
    key: Z
    description: columns every table or one table has
    command: notify
    args: [$COL-STATUS, '\${COL-FAILING FOR}', $COL-chart, '\${COL-SUSPENDED AT}']
  typo:
    key: X
    description: x
    command: notify
    args: [$COL-STAUTS]
  inverted:
    key: W
    description: x
    command: kubectl
    args: [patch, '{"spec":{"suspend":$!COL-SUSPENDED}}']
  inverted-typo:
    key: V
    description: x
    command: kubectl
    args: [patch, '{"spec":{"suspend":$!COL-SUSPEND}}']
`,
    );
    expect(config.problems).toEqual([
      expect.stringMatching(
        /^\/c\/config\.yaml:11: top level\.plugins\.typo\.args: \$COL-STAUTS: no table of fluxdeck has a column STAUTS \(headers: KIND, NAMESPACE, NAME, STATUS, FAILING FOR, .*\)$/,
      ),
      expect.stringMatching(
        /^\/c\/config\.yaml:21: top level\.plugins\.inverted-typo\.args: \$COL-SUSPEND: no table of fluxdeck has a column SUSPEND /,
      ),
    ]);
    expect(config.defaults.plugins?.map((p) => p.name)).toEqual(['fine', 'inverted']);
  });

  it("docs/config.md lists each table's headers as the console has them", async () => {
    const docs = await readFile(new URL('../../docs/config.md', import.meta.url), 'utf8');
    for (const { table, headers } of pluginTables())
      expect(docs).toContain(`| ${table} | ${headers.join(', ')} |`);
  });

  it("refuses a context rule's plugin that takes a key of the defaults' plugins", () => {
    const config = parseConfig(
      '/c/config.yaml',
      `plugins:
  describe: { key: D2, description: x, command: true }
defaults:
  plugins:
    describe: { key: X, description: kubectl describe, command: true }
contexts:
  - match: dev
    plugins:
      other: { key: X, description: same key, command: true }
      describe: { key: Y, description: replaces the defaults' describe, command: true }
`,
    );
    expect(config.problems).toEqual([
      '/c/config.yaml:2: top level.plugins.describe.key "D2": a key is one character (E, !, 9), ctrl-LETTER or shift-LETTER',
      '/c/config.yaml:9: plugins.other.key: X is already the key of plugin describe (line 5) in the tables',
    ]);
    const dev = contextOptions(consoleOptions([]), config, 'dev');
    expect(dev.plugins.map((p) => [p.name, p.key])).toEqual([['describe', 'Y']]);
  });

  it('fluxdeck config lists the plugins with key, places, output, where each comes from, and the command', async () => {
    const { code, text } = await configCommand(FILE, ['--context', 'prod-eu']);
    expect(code).toBe(0);
    expect(text).toMatch(
      /^confirmTyped\s+rollback, clear-helm-lock, suspend, edit\s+config\.yaml:22 \(context rule prod-\*\)$/m,
    );
    expect(text).toContain('plugins (key, where, output; the command below):');
    expect(text).toMatch(
      /^ {2}edit\s+E\s+table, details\s+terminal, confirm, dangerous\s+config\.yaml:24 \(context rule prod-\*\)$/m,
    );
    expect(text).toMatch(/^ {4}kubectl edit \$RESOURCE\/\$NAME -n \$NAMESPACE$/m);
    expect(text).toMatch(
      /^ {2}trace\s+ctrl-t\s+table, details, logs, HelmRelease, Kustomization\s+pane\s+config\.yaml:13 \(defaults\)$/m,
    );
  });

  it('reads output: background, and fluxdeck config shows it with the columns a plugin reads and where', async () => {
    const { code, text } = await configCommand(
      `plugins:
  note:
    key: N
    description: Note the failure in my incident notes
    output: background
    confirm: true
    command: sh
    args: [-c, 'echo "$@" >> ~/incident.txt', sh, $NAME, $COL-STATUS, '\${COL-FAILING FOR}', $COL-CHART, $COL-NAME]
`,
      [],
    );
    expect(code).toBe(0);
    expect(text).toMatch(
      /^ {2}note\s+N\s+table, details\s+background, confirm\s+config\.yaml:2 \(defaults\)$/m,
    );
    expect(text).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the output quotes a plugin argument
      '    columns: $COL-STATUS (every table but Suspended), ${COL-FAILING FOR} (every table but Suspended), $COL-CHART (HelmReleases), $COL-NAME (every table)',
    );
  });
});
