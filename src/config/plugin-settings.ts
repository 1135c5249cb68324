// The config file's `plugins:` (the user's own commands on keys, as k9s users know them) and `confirmTyped:`
// (the actions whose confirmation asks for the object's name to be typed). Each plugin is checked on its own:
// a wrong one is a problem with its line and is left out, the rest is kept. A plugin's key may not be one
// of fluxdeck's (src/keymap.ts) where the plugin works, nor another plugin's there.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import {
  columnReference,
  columnsIn,
  PLUGIN_PLACES,
  type Plugin,
  type PluginOutput,
  type PluginPlace,
} from '../actions/plugin.js';
import type { ActionId } from '../actions/types.js';
import { findKind, type KindName } from '../flux/kinds.js';
import { builtInBinding, formatKey, PLACE_SCOPES, parseKeySpec } from '../keymap.js';
import { pluginTables } from '../present/plugin-columns.js';
import type { Reporter } from './look-settings.js';

const NAME = /^[a-z][a-z0-9-]*$/;
const OUTPUTS: readonly PluginOutput[] = ['pane', 'terminal', 'background'];
const FIELDS = 'key, description, scopes, kinds, command, args, output, confirm, dangerous';
const PLACE_NAMES: Readonly<Record<PluginPlace, string>> = {
  table: 'the tables',
  details: 'the details',
  logs: 'the logs pane',
};

/** Every header of the tables a plugin acts in: a `$COL-…` naming none of them is a typo. */
let knownHeaders: ReadonlySet<string> | undefined;
function allHeaders(): ReadonlySet<string> {
  knownHeaders ??= new Set(pluginTables().flatMap((t) => t.headers));
  return knownHeaders;
}

/** Why the arguments' column variables cannot work in any table, or undefined. */
export function columnsProblem(args: readonly string[]): string | undefined {
  const unknown = columnsIn(args).find((h) => !allHeaders().has(h));
  if (unknown === undefined) return undefined;
  return `${columnReference(unknown)}: no table of fluxdeck has a column ${unknown} (headers: ${[...allHeaders()].join(', ')})`;
}

/** The actions a typed confirmation can be asked for (src/actions/types.ts ActionId). */
export const TYPED_ACTIONS: readonly ActionId[] = [
  'reconcile',
  'reconcile-with-source',
  'suspend',
  'resume',
  'rollback',
  'clear-helm-lock',
  'fix-chain',
];

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** A list, or one word standing for a list of one (`scopes: table`). */
function words(node: unknown): string[] | undefined {
  if (isSeq(node)) {
    const out = node.items.map(scalarText);
    return out.every((w) => w !== undefined) ? (out as string[]) : undefined;
  }
  const one = scalarText(node);
  return one === undefined ? undefined : [one];
}

function overlaps(a: Plugin, b: Plugin): PluginPlace | undefined {
  if (a.key !== b.key) return undefined;
  const kindsMeet =
    a.kinds === undefined || b.kinds === undefined || a.kinds.some((k) => b.kinds?.includes(k));
  return kindsMeet ? a.places.find((p) => b.places.includes(p)) : undefined;
}

/** Why `plugin` cannot sit beside `others` (same key where both work), or undefined. */
export function pluginClash(plugin: Plugin, others: readonly Plugin[]): string | undefined {
  for (const other of others) {
    if (other.name === plugin.name) continue;
    const place = overlaps(plugin, other);
    if (place)
      return `plugins.${plugin.name}.key: ${formatKey(plugin.key)} is already the key of plugin ${other.name} (line ${other.line}) in ${PLACE_NAMES[place]}`;
  }
  return undefined;
}

/**
 * `base` with `over` laid on it by name (a plugin of the same name replaces the base's); a plugin of `over`
 * whose key another already has where both work is left out, its problem reported.
 */
export function mergePlugins(
  base: readonly Plugin[] | undefined,
  over: readonly Plugin[] | undefined,
  report: (plugin: Plugin, problem: string) => void,
): readonly Plugin[] {
  const byName = new Map((base ?? []).map((p) => [p.name, p]));
  for (const p of over ?? []) {
    const others = [...byName.values()].filter((o) => o.name !== p.name);
    const clash = pluginClash(p, others);
    if (clash) report(p, clash);
    else byName.set(p.name, p);
  }
  return [...byName.values()];
}

/** `plugins: { NAME: { key, description, scopes, kinds, command, args, output, confirm, dangerous } }`. */
export function readPlugins(node: Node, where: string, r: Reporter): readonly Plugin[] {
  if (!isMap(node)) {
    r.problem(
      node,
      `${where}.plugins must be a mapping of plugin names to plugins, such as { edit: { key: E, … } }`,
    );
    return [];
  }
  const plugins: Plugin[] = [];
  for (const pair of node.items) {
    const name = scalarText(pair.key) ?? '';
    const at = `${where}.plugins.${name}`;
    const plugin = readPlugin(name, pair.key as Node, pair.value as Node | null, at, r);
    if (!plugin) continue;
    const clash = pluginClash(plugin, plugins);
    if (clash) r.problem(pair.key as Node, `${where}.${clash}`);
    else plugins.push(plugin);
  }
  return plugins;
}

function readPlugin(
  name: string,
  keyNode: Node,
  node: Node | null,
  at: string,
  r: Reporter,
): Plugin | undefined {
  if (!NAME.test(name)) {
    r.problem(keyNode, `${at}: a plugin's name is one word of lower-case letters, digits and dashes`);
    return undefined;
  }
  if (!isMap(node)) {
    r.problem(node ?? keyNode, `${at} must be a mapping with key, description and command`);
    return undefined;
  }
  let key: string | undefined;
  let description: string | undefined;
  let command: string | undefined;
  let args: string[] = [];
  let places: PluginPlace[] = ['table', 'details'];
  let kinds: KindName[] | undefined;
  let output: PluginOutput = 'pane';
  let confirm = false;
  let dangerous = false;
  let fatal = false;
  for (const field of node.items) {
    const fieldName = scalarText(field.key) ?? '';
    const valueNode = (field.value as Node | null) ?? (field.key as Node);
    const bad = (what: string, stop = true) => {
      r.problem(valueNode, `${at}.${fieldName} ${what}`);
      if (stop) fatal = true;
    };
    const value = scalarText(field.value);
    switch (fieldName) {
      case 'key':
      case 'shortCut': {
        const parsed = value === undefined ? { problem: 'must be a key' } : parseKeySpec(value);
        if ('problem' in parsed) bad(`"${value ?? ''}": ${parsed.problem}`);
        else key = parsed.key;
        break;
      }
      case 'description':
        if (value?.trim()) description = value.trim();
        else bad('must be a sentence: it is what help and the key hints show');
        break;
      case 'command':
        if (value?.trim()) command = value.trim();
        else bad('must name the program to run (a shell only if you name one: command: sh, args: [-c, …])');
        break;
      case 'args': {
        const list = isSeq(field.value) ? words(field.value) : undefined;
        if (list) args = list;
        else bad('must be a list of arguments, such as [edit, $RESOURCE/$NAME, -n, $NAMESPACE]');
        break;
      }
      case 'scopes': {
        const list = words(field.value)?.map((w) => w.toLowerCase());
        const known = [...PLUGIN_PLACES, 'all'];
        const wrong = list?.find((w) => !known.includes(w));
        if (!list || list.length === 0) bad('must list where the key works: table, details, logs (or all)');
        else if (wrong !== undefined)
          bad(
            findKind(wrong)
              ? `: "${wrong}" is a kind; kinds go in \`kinds:\`, scopes are table, details, logs or all`
              : `: "${wrong}" is not a place (known: table, details, logs, all)`,
          );
        else places = list.includes('all') ? [...PLUGIN_PLACES] : (list as PluginPlace[]);
        break;
      }
      case 'kinds': {
        const list = words(field.value);
        const found = list?.map((w) => findKind(w)?.kind);
        const wrong = list?.find((_, i) => found?.[i] === undefined);
        if (!list || list.length === 0) bad('must list Flux kinds, such as [HelmRelease, ks]');
        else if (wrong !== undefined) bad(`: "${wrong}" is not a Flux kind`);
        else kinds = [...new Set(found as KindName[])];
        break;
      }
      case 'output':
        if (OUTPUTS.includes(value as PluginOutput)) output = value as PluginOutput;
        else
          bad(
            'must be pane (the output shown in the console), terminal (the terminal handed to the command) or background (run beside the console, its outcome said)',
          );
        break;
      case 'confirm':
      case 'dangerous': {
        const v = isScalar(field.value) ? field.value.value : undefined;
        if (typeof v !== 'boolean') bad('must be true or false');
        else if (fieldName === 'confirm') confirm = v;
        else dangerous = v;
        break;
      }
      case 'background':
        bad(
          "is k9s's: here say output: background (k9s's background: true), output: terminal (background: false) or output: pane",
        );
        break;
      default:
        r.problem(field.key as Node, `${at}: unknown setting "${fieldName}" (known: ${FIELDS})`);
    }
  }
  const line = r.lineOf(keyNode);
  if (fatal) return undefined;
  const missing = [
    ...(key === undefined ? ['key'] : []),
    ...(description === undefined ? ['description'] : []),
    ...(command === undefined ? ['command'] : []),
  ];
  if (missing.length > 0 || key === undefined || description === undefined || command === undefined) {
    r.problem(keyNode, `${at} needs ${missing.join(', ')}`);
    return undefined;
  }
  for (const place of places) {
    const taken = builtInBinding(key, PLACE_SCOPES[place]);
    if (taken) {
      r.problem(
        node.get('key', true) ?? node.get('shortCut', true) ?? keyNode,
        `${at}.key: ${formatKey(key)} is fluxdeck's key for "${taken.label}" in ${PLACE_NAMES[place]}; choose another`,
      );
      return undefined;
    }
  }
  if (command.includes('$')) {
    // Never expanded: neither our variables nor the environment's ($EDITOR) — no shell reads it.
    r.problem(
      node.get('command', true) ?? keyNode,
      `${at}.command: no variables here, the command is the program itself (for $EDITOR: command: sh, args: [-c, '$EDITOR "$1"', sh, …])`,
    );
    return undefined;
  }
  const columns = columnsProblem(args);
  if (columns) {
    r.problem(node.get('args', true) ?? keyNode, `${at}.args: ${columns}`);
    return undefined;
  }
  return {
    name,
    key,
    places,
    ...(kinds ? { kinds } : {}),
    description,
    command,
    args,
    output,
    confirm,
    dangerous,
    line,
  };
}

/** `confirmTyped: [rollback, clear-helm-lock, …]`: action names (and plugin names, checked by the caller). */
export function readConfirmTyped(node: Node, where: string, r: Reporter): readonly string[] | undefined {
  const list = words(node);
  if (!list) {
    r.problem(node, `${where}.confirmTyped must be a list of actions, such as [rollback, suspend]`);
    return undefined;
  }
  return list.map((w) => w.trim().toLowerCase());
}
