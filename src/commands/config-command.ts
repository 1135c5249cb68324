// `fluxdeck config [--context NAME] [flags]`: the settings in effect for a context and where each comes
// from (a flag, a line of the config file, or the built-in default), and what is wrong in the file.
import { columnReference, columnsIn, pluginCommandText } from '../actions/plugin.js';
import { type ConsoleOptions, parseCommandLine } from '../cli-args.js';
import { contextOptions } from '../config/console-settings.js';
import { effectiveFleet, fleetMembers } from '../config/fleet-settings.js';
import { configPath, loadConfig } from '../config/load.js';
import { formatDuration } from '../flux/time.js';
import { formatKey } from '../keymap.js';
import { currentContextName, listContexts } from '../kube/kubeconfig.js';
import { columnWhere, pluginTables } from '../present/plugin-columns.js';

interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** The names the file uses. */
const NAMES: Readonly<Record<string, string>> = {
  alertThresholdMs: 'alertThreshold',
  logsPane: 'logs.pane',
  logsScope: 'logs.scope',
  logsWrap: 'logs.wrap',
};

function shown(name: string, value: unknown): string {
  if (value === undefined) return '(not set)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (name === 'alertThresholdMs' && typeof value === 'number') return formatDuration(value);
  return String(value);
}

export async function runConfigCommand(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed.mode !== 'console') {
    io.stderr.write("fluxdeck config: takes the console's flags (see fluxdeck --help)\n");
    return 2;
  }
  const options: ConsoleOptions = parsed;
  const config = loadConfig(io.env);
  const context = options.demo
    ? 'fluxdeck-sim'
    : (options.context ?? currentContextName(options.kubeconfig, io.env) ?? '(no current context)');
  const settings = contextOptions(options, config, context);
  const lines = [
    `config file: ${config?.path ?? `${configPath(io.env) ?? '~/.config/fluxdeck/config.yaml'} (none)`}`,
    `context: ${context}`,
    '',
  ];
  const { aliases, plugins, ...effective } = settings.effective;
  const fleet = effectiveFleet(options.fleet, config);
  const rows = [
    ...Object.entries(effective).map(([name, e]) => [NAMES[name] ?? name, shown(name, e.value), e.source]),
    ...aliases.map((a) => [`alias :${a.name}`, a.target, a.source]),
    ['fleet', fleet.value, fleet.source],
  ];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const [name, value, source] of rows)
    lines.push(`${(name ?? '').padEnd(widths[0] ?? 0)}  ${(value ?? '').padEnd(widths[1] ?? 0)}  ${source}`);
  if (plugins.length > 0) {
    const tables = pluginTables();
    lines.push('', 'plugins (key, where, output; the command below):');
    const rows = plugins.map(({ plugin: p, source }) => [
      p.name,
      formatKey(p.key),
      [...p.places, ...(p.kinds ?? [])].join(', '),
      [p.output, ...(p.confirm ? ['confirm'] : []), ...(p.dangerous ? ['dangerous'] : [])].join(', '),
      source,
    ]);
    const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    plugins.forEach(({ plugin: p }, i) => {
      const row = rows[i] ?? [];
      lines.push(
        `  ${row
          .slice(0, 4)
          .map((c, j) => c.padEnd(w[j] ?? 0))
          .join('  ')}  ${row[4]}`,
      );
      lines.push(`    ${pluginCommandText(p)}`);
      const columns = columnsIn(p.args);
      if (columns.length > 0)
        lines.push(
          `    columns: ${columns.map((h) => `${columnReference(h)} (${columnWhere(h, tables)})`).join(', ')}`,
        );
    });
  }
  if (config?.fleet && (options.fleet === undefined || options.fleet === 'config'))
    lines.push('', ...fleetLines(options, config, io.env));
  const problems = config?.problems ?? [];
  if (problems.length > 0)
    lines.push('', 'problems (these entries are ignored):', ...problems.map((p) => `  ${p}`));
  io.stdout.write(`${lines.join('\n')}\n`);
  return problems.length > 0 ? 1 : 0;
}

/** What the file's fleet opens with this kubeconfig: its contexts, and the entries that name none. */
function fleetLines(
  options: ConsoleOptions,
  config: Parameters<typeof fleetMembers>[1],
  env: NodeJS.ProcessEnv,
): string[] {
  let contexts: readonly string[];
  try {
    contexts = listContexts(options.kubeconfig, env);
  } catch (error) {
    return [
      `fleet: the kubeconfig cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    ];
  }
  const members = fleetMembers('config', config, contexts, config?.path);
  if ('error' in members) return [`fleet: ${members.error}`];
  return [
    `fleet (--fleet): ${members.names.join(', ')}`,
    ...members.unmatched.map((u) => `  ${u.where}: "${u.match}" matches no context of the kubeconfig`),
  ];
}
