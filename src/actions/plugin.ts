// Plugins: the user's own commands from the config file, bound to a key where the user works (a table, the
// details, the logs pane), run on the selected object — as k9s users know them (docs/config.md). This file
// is the pure part: what a plugin is, which object and place it applies to, and its command line with the
// selection's variables put in, one argument at a time (never through a shell).
import { findKind, type KindName } from '../flux/kinds.js';
import { findManager } from '../flux/trace.js';
import type { StatusRow } from '../flux/types.js';
import type { Command } from '../kube/port.js';

/** Where a plugin's key works: the tables, the details screen, the logs pane. */
export type PluginPlace = 'table' | 'details' | 'logs';
export const PLUGIN_PLACES: readonly PluginPlace[] = ['table', 'details', 'logs'];

/**
 * pane: the output captured and shown in the console. terminal: the terminal handed to the command.
 * background: run beside the console (k9s's `background: true`), its output dropped, its outcome said.
 */
export type PluginOutput = 'pane' | 'terminal' | 'background';

export interface Plugin {
  /** The name in the file (`plugins: { edit: … }`): the audit log's `plugin:edit`. */
  readonly name: string;
  /** A canonical key (src/keymap.ts canonicalKey): `E`, `ctrl+e`. */
  readonly key: string;
  readonly places: readonly PluginPlace[];
  /** Only for these kinds; undefined: every kind. */
  readonly kinds?: readonly KindName[] | undefined;
  readonly description: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly output: PluginOutput;
  readonly confirm: boolean;
  /** It changes the cluster: refused (and hidden) in read-only contexts. */
  readonly dangerous: boolean;
  /** The line of its name in the config file. */
  readonly line: number;
}

/** The variables a plugin's arguments may use, with what each is, for docs/config.md and `fluxdeck config`. */
export const PLUGIN_VARIABLES = {
  NAME: "the selected object's name",
  NAMESPACE: "the selected object's namespace",
  KIND: 'its kind, e.g. HelmRelease',
  GROUP: 'its API group, e.g. helm.toolkit.fluxcd.io',
  VERSION: 'its API version as served, e.g. v2',
  RESOURCE: 'its resource (plural), e.g. helmreleases',
  FLUX_NAME: 'the Kustomization or HelmRelease that applied it (its Flux labels), as flux trace finds it',
  FLUX_NAMESPACE: "that Kustomization's or HelmRelease's namespace",
  CONTEXT: 'the kubeconfig context',
  CLUSTER: "the context's cluster entry",
  USER: "the context's user entry (kubeconfig), not the login name",
  KUBECONFIG: "the kubeconfig file(s) the console reads (also in the command's environment)",
} as const;

export type PluginVariable = keyof typeof PLUGIN_VARIABLES;

/** The values for one run; a variable is absent when the selection has no value for it. */
export type PluginValues = Readonly<Partial<Record<PluginVariable, string>>>;

/** What the variables are read from: the selected row, its object as read, and the console's context. */
export interface PluginSelection {
  readonly row: StatusRow;
  readonly raw?: unknown;
  readonly context: string;
  readonly cluster: string;
  readonly user: string;
  readonly kubeconfig: string | undefined;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function pluginValues(s: PluginSelection): PluginValues {
  const { ref, apiVersion } = s.row;
  const kind = findKind(ref.kind);
  const slash = apiVersion.indexOf('/');
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : (kind?.versions[0] ?? '');
  const manager = s.raw === undefined ? undefined : findManager([s.raw])?.ref;
  // Labels come from the cluster: only names Kubernetes itself would accept go into a command line.
  const managed =
    manager && DNS_SUBDOMAIN.test(manager.name) && DNS_LABEL.test(manager.namespace) ? manager : undefined;
  const values: Partial<Record<PluginVariable, string>> = {
    NAME: ref.name,
    NAMESPACE: ref.namespace,
    KIND: ref.kind,
    ...(kind ? { GROUP: kind.group, RESOURCE: kind.plural } : {}),
    ...(version ? { VERSION: version } : {}),
    ...(managed ? { FLUX_NAME: managed.name, FLUX_NAMESPACE: managed.namespace } : {}),
    CONTEXT: s.context,
    CLUSTER: s.cluster,
    USER: s.user,
    ...(s.kubeconfig ? { KUBECONFIG: s.kubeconfig } : {}),
  };
  return values;
}

/**
 * A column of the selected row: `$COL-STATUS`, or braced when the header has spaces or the name runs on
 * (`${COL-FAILING FOR}`, `${COL-NAME}-x`) — k9s's forms; the header's case does not matter.
 */
const COLUMN = 'COL-';

/**
 * `$NAME`, `${NAME}`, `$COL-HEADER` or `${COL-ANY HEADER}`, each also inverted (`$!COL-SUSPENDED`, k9s's
 * form for a toggle); a `$WORD` that is not one of ours is left alone (a `sh -c` script's own).
 */
const VARIABLE = /\$(?:\{(!?(?:COL-[^}]+|[A-Z_][A-Z0-9_]*))\}|(!?(?:COL-[\w-]+|[A-Z_][A-Z0-9_]*)))/g;
const INVERTED = '!';

function isVariable(name: string): name is PluginVariable {
  return Object.hasOwn(PLUGIN_VARIABLES, name);
}

/** The header a `COL-…` reference names, as the tables write headers (upper-case), or undefined. */
function columnOf(name: string): string | undefined {
  return name.startsWith(COLUMN) ? name.slice(COLUMN.length).toUpperCase() : undefined;
}

/** The name a match refers to, without the inversion mark. */
function referenceIn(m: RegExpMatchArray): string {
  const name = m[1] ?? m[2] ?? '';
  return name.startsWith(INVERTED) ? name.slice(INVERTED.length) : name;
}

/** The words Go's strconv.ParseBool reads, as k9s inverts them: the opposite, written `true`/`false`. */
const BOOLEANS: ReadonlyMap<string, boolean> = new Map<string, boolean>([
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((w): [string, boolean] => [w, true]),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((w): [string, boolean] => [w, false]),
]);

/** The inverse of a true/false value, or undefined when it is not one. */
function invertedValue(value: string): string | undefined {
  const b = BOOLEANS.get(value);
  return b === undefined ? undefined : String(!b);
}

/** The variables an argument list uses, in order of first use. */
export function variablesIn(args: readonly string[]): PluginVariable[] {
  const used = new Set<PluginVariable>();
  for (const arg of args)
    for (const m of arg.matchAll(VARIABLE)) {
      const name = referenceIn(m);
      if (isVariable(name)) used.add(name);
    }
  return [...used];
}

/** The column headers an argument list uses (`$COL-…`), upper-case, in order of first use. */
export function columnsIn(args: readonly string[]): string[] {
  const used = new Set<string>();
  for (const arg of args)
    for (const m of arg.matchAll(VARIABLE)) {
      const header = columnOf(referenceIn(m));
      if (header !== undefined) used.add(header);
    }
  return [...used];
}

function braced(header: string): string {
  return `\${COL-${header}}`;
}

/** How a column is written in an argument: braced when the bare form would not say it. */
export function columnReference(header: string): string {
  return /^[\w-]+$/.test(header) ? `$COL-${header}` : braced(header);
}

/** The selected row's cells, for `$COL-…`: the table the selection is in and what the row shows there. */
export interface PluginColumns {
  /** The table's name, for what is said when a column is not there: `HelmReleases`. */
  readonly table: string;
  /** Every column the table has (its header, upper-case) and the row's whole cell in it. */
  readonly headers: readonly string[];
  /** Header → the row's cell; undefined: the object in focus is not a row of this table. */
  readonly cells: ReadonlyMap<string, string> | undefined;
}

/** What to write instead of a header the table does not have, when it is a near miss of one it has. */
function headerHint(header: string, headers: readonly string[]): string {
  const spaced = headers.find((h) => h.startsWith(`${header} `));
  if (spaced) return `: a header with spaces goes in braces, ${columnReference(spaced)}`;
  const runOn = headers.find((h) => header.startsWith(`${h}-`));
  if (runOn)
    return `: the name runs on into "${header.slice(runOn.length)}" — braces end it, ${braced(runOn)}${header.slice(runOn.length)}`;
  return `; its columns: ${headers.join(', ')}`;
}

/** Why the columns cannot give the values, or undefined. */
function columnProblem(used: readonly string[], columns: PluginColumns | undefined): string | undefined {
  if (used.length === 0) return undefined;
  const refs = used.map(columnReference).join(', ');
  if (!columns) return `${refs}: there is no table here to read columns from`;
  if (!columns.cells)
    return `${refs} ${used.length === 1 ? 'has' : 'have'} no value: the object is not a row of the ${columns.table} table`;
  const unknown = used.find((h) => !columns.cells?.has(h));
  if (unknown === undefined) return undefined;
  return `the ${columns.table} table has no column ${unknown} (${columnReference(unknown)})${headerHint(unknown, columns.headers)}`;
}

export type PluginBuild =
  | { readonly command: Command }
  /** Variables the selection has no value for. */
  | { readonly missing: readonly PluginVariable[] }
  /** Why it is not run, in words (a column not there, a cell that would be an option). */
  | { readonly problem: string };

/**
 * The plugin's command line for these values and the selected row's cells, each argument on its own (a
 * value with spaces stays one argument); or what is missing.
 */
export function pluginCommand(
  plugin: Pick<Plugin, 'command' | 'args'>,
  values: PluginValues,
  columns?: PluginColumns,
): PluginBuild {
  const missing = variablesIn(plugin.args).filter((v) => values[v] === undefined);
  if (missing.length > 0) return { missing };
  const problem = columnProblem(columnsIn(plugin.args), columns);
  if (problem) return { problem };
  const valueFor = (name: string): string | undefined => {
    const header = columnOf(name);
    if (header !== undefined) return columns?.cells?.get(header);
    return isVariable(name) ? values[name] : undefined;
  };
  let notBoolean: string | undefined;
  const args = plugin.args.map((arg) =>
    arg.replace(VARIABLE, (whole, braced: string | undefined, bare: string | undefined) => {
      const written = braced ?? bare ?? '';
      const inverted = written.startsWith(INVERTED);
      const value = valueFor(inverted ? written.slice(INVERTED.length) : written);
      if (value === undefined || !inverted) return value ?? whole;
      const opposite = invertedValue(value);
      // Unlike k9s, which passes such a value as it is: a toggle must not send what it cannot invert.
      if (opposite === undefined)
        notBoolean ??= `${whole} inverts a true/false value, and the value here is "${value}"`;
      return opposite ?? whole;
    }),
  );
  if (notBoolean) return { problem: notBoolean };
  // A cell is the cluster's text (a MESSAGE, a URL): it never becomes an option of the command.
  const option = args.findIndex((arg, i) => arg.startsWith('-') && !plugin.args[i]?.startsWith('-'));
  if (option >= 0)
    return {
      problem: `argument ${option + 1} (${plugin.args[option]}) would begin with "-" here and be read as an option`,
    };
  return { command: { file: plugin.command, args } };
}

/** Whether the plugin's key works here, for this kind. */
export function pluginApplies(plugin: Plugin, place: PluginPlace, kind: KindName | undefined): boolean {
  if (!plugin.places.includes(place)) return false;
  return plugin.kinds === undefined || (kind !== undefined && plugin.kinds.includes(kind));
}

/** The plugin whose key this is, here, for this kind. */
export function pluginForKey(
  plugins: readonly Plugin[],
  key: string | undefined,
  place: PluginPlace,
  kind: KindName | undefined,
): Plugin | undefined {
  if (key === undefined) return undefined;
  return plugins.find((p) => p.key === key && pluginApplies(p, place, kind));
}

/** The audit log's action for a plugin run. */
export function pluginAction(plugin: Pick<Plugin, 'name'>): `plugin:${string}` {
  return `plugin:${plugin.name}`;
}

/** The command line as the file wrote it, for reading (arguments with spaces quoted; never run by a shell). */
export function pluginCommandText(plugin: Pick<Plugin, 'command' | 'args'>): string {
  return [plugin.command, ...plugin.args].map((a) => (/\s|^$/.test(a) ? JSON.stringify(a) : a)).join(' ');
}
