// The config file's schema and its validation. Pure: text in, settings and problems out. A problem names
// the file, the line and what is wrong, and never stops fluxdeck: the entry is ignored and the rest used.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, YAMLMap } from 'yaml';
import type { Plugin } from '../actions/plugin.js';
import type { ActionId } from '../actions/types.js';
import { parseDuration, VIEWS } from '../cli-args.js';
import { findKind } from '../flux/kinds.js';
import { isSkinName, SKIN_NAMES, type SkinName } from '../present/skins.js';
import { contextPatternProblem } from './context-match.js';
import { type FleetList, readFleet } from './fleet-settings.js';
import { type Alias, type LogsDefaults, readAliases, readLogs } from './look-settings.js';
import { mergePlugins, readConfirmTyped, readPlugins, TYPED_ACTIONS } from './plugin-settings.js';

/** What a config entry may set. Every field optional: absent means "not said here". */
export interface Settings {
  readonly view?: string;
  readonly readonly?: boolean;
  /** A namespace, or `all`. */
  readonly namespace?: string;
  readonly alertThresholdMs?: number;
  /** Confirmations for this context are drawn in red (as --danger-context does for matching names). */
  readonly danger?: boolean;
  readonly auditLog?: string;
  readonly skin?: SkinName;
  /** The logs pane's defaults: `logs: { pane, scope, wrap }` in the file. */
  readonly logsPane?: LogsDefaults['pane'];
  readonly logsScope?: LogsDefaults['scope'];
  readonly logsWrap?: LogsDefaults['wrap'];
  /** Own words for `:`; each carries its line. A context rule's add to (and win over) the defaults'. */
  readonly aliases?: readonly Alias[];
  /** The user's commands on keys; each carries its line. A context rule's add to (and win over) the defaults'. */
  readonly plugins?: readonly Plugin[];
  /** Actions (and plugins) whose confirmation asks for the object's name to be typed. */
  readonly confirmTyped?: readonly string[];
}

/** The line each setting was written on. */
export type SettingLines = Readonly<Partial<Record<keyof Settings, number>>>;

/** The sections besides `defaults:` and `contexts:`: at the top level they are defaults too. */
const TOP_LEVEL_SETTINGS = ['skin', 'logs', 'aliases', 'plugins'];

export interface ContextRule {
  /** A glob on the context name (`*`, `?`), or `/regex/`. */
  readonly match: string;
  readonly line: number;
  readonly settings: Settings;
  readonly lines: SettingLines;
}

export interface ConfigFile {
  readonly path: string;
  readonly defaults: Settings;
  readonly defaultsLines: SettingLines;
  readonly contexts: readonly ContextRule[];
  /** `fleet:`, the contexts `fluxdeck --fleet` opens; undefined when absent or without a usable entry. */
  readonly fleet?: FleetList | undefined;
  readonly problems: readonly string[];
}

const SHORT_VIEWS = ['ks', 'hr', 'src', 'git', 'oci', 'helmrepo'];

function isView(view: string): boolean {
  return VIEWS.includes(view) || SHORT_VIEWS.includes(view) || findKind(view) !== undefined;
}

const BUILT_IN_NAMES: Readonly<Record<keyof Settings, true>> = {
  view: true,
  readonly: true,
  namespace: true,
  alertThresholdMs: true,
  danger: true,
  auditLog: true,
  skin: true,
  logsPane: true,
  logsScope: true,
  logsWrap: true,
  aliases: true,
  plugins: true,
  confirmTyped: true,
};

const KNOWN =
  'view, readonly, namespace, alertThreshold, danger, auditLog, skin, logs, aliases, plugins, confirmTyped';

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function parseConfig(path: string, text: string): ConfigFile {
  const problems: string[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const problem = (node: Node | null | undefined, what: string) =>
    problems.push(`${path}:${lineOf(node)}: ${what}`);
  for (const error of doc.errors) problems.push(`${path}:${error.linePos?.[0]?.line ?? 1}: ${error.message}`);
  const reporter = { lineOf, problem };
  const empty: ConfigFile = { path, defaults: {}, defaultsLines: {}, contexts: [], problems };
  if (doc.errors.length > 0 || doc.contents === null) return empty;
  if (!isMap(doc.contents)) {
    problem(doc.contents, 'the file must be a mapping with `defaults:` and `contexts:`');
    return empty;
  }

  const typedLists: { node: Node; where: string; list: readonly string[] }[] = [];

  function settingsOf(node: Node, where: string): { settings: Settings; lines: SettingLines } {
    const out: { -readonly [K in keyof Settings]: Settings[K] } = {};
    const at: { -readonly [K in keyof Settings]?: number } = {};
    if (!isMap(node)) {
      problem(node, `${where} must be a mapping`);
      return { settings: out, lines: at };
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const setting = key === 'alertThreshold' ? 'alertThresholdMs' : key;
      if (setting in BUILT_IN_NAMES) at[setting as keyof Settings] = lineOf(pair.key as Node);
      const valueNode = pair.value as Node | null;
      const value = isScalar(valueNode) ? valueNode.value : undefined;
      const bad = (what: string) => problem(valueNode ?? (pair.key as Node), `${where}.${key} ${what}`);
      switch (key) {
        case 'match':
          break;
        case 'view':
          if (typeof value === 'string' && isView(value)) out.view = value;
          else bad(`must be a view: ${[...VIEWS, ...SHORT_VIEWS].join(', ')} or a kind`);
          break;
        case 'readonly':
          if (typeof value === 'boolean') out.readonly = value;
          else bad('must be true or false');
          break;
        case 'danger':
          if (typeof value === 'boolean') out.danger = value;
          else bad('must be true or false');
          break;
        case 'namespace':
          if (typeof value === 'string' && (value === 'all' || NAMESPACE.test(value))) out.namespace = value;
          else bad('must be a namespace name or `all`');
          break;
        case 'alertThreshold': {
          const ms =
            typeof value === 'string' || typeof value === 'number' ? parseDuration(String(value)) : undefined;
          if (ms !== undefined && ms > 0) out.alertThresholdMs = ms;
          else bad('must be a duration such as 15m, 90s or 1h');
          break;
        }
        case 'auditLog':
          if (typeof value === 'string' && value.trim() !== '') out.auditLog = value;
          else bad('must be a file path');
          break;
        case 'skin':
          if (typeof value === 'string' && isSkinName(value)) out.skin = value;
          else bad(`"${String(value ?? '')}" is not a skin (known: ${SKIN_NAMES.join(', ')})`);
          break;
        case 'logs': {
          const logs = readLogs(valueNode ?? (pair.key as Node), where, reporter);
          if (logs.value.pane) [out.logsPane, at.logsPane] = [logs.value.pane, logs.lines.pane];
          if (logs.value.scope) [out.logsScope, at.logsScope] = [logs.value.scope, logs.lines.scope];
          if (logs.value.wrap !== undefined) [out.logsWrap, at.logsWrap] = [logs.value.wrap, logs.lines.wrap];
          break;
        }
        case 'aliases':
          out.aliases = readAliases(valueNode ?? (pair.key as Node), where, reporter);
          break;
        case 'plugins':
          out.plugins = readPlugins(valueNode ?? (pair.key as Node), where, reporter);
          break;
        case 'confirmTyped': {
          const list = readConfirmTyped(valueNode ?? (pair.key as Node), where, reporter);
          if (list) {
            out.confirmTyped = list;
            typedLists.push({ node: valueNode ?? (pair.key as Node), where, list });
          }
          break;
        }
        default:
          problem(pair.key as Node, `${where}: unknown setting "${key}" (known: ${KNOWN})`);
      }
    }
    for (const name of Object.keys(at) as (keyof Settings)[]) if (out[name] === undefined) delete at[name];
    return { settings: out, lines: at };
  }

  let defaults: Settings = {};
  let defaultsLines: SettingLines = {};
  const contexts: ContextRule[] = [];
  let fleet: FleetList | undefined;
  const top = new YAMLMap();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'defaults' && value) {
      ({ settings: defaults, lines: defaultsLines } = settingsOf(value, 'defaults'));
    } else if (key === 'contexts' && value) {
      if (!isSeq(value)) {
        problem(value, 'contexts must be a list of rules, each with `match:`');
        continue;
      }
      value.items.forEach((item, i) => {
        const node = item as Node;
        const match = isMap(node) ? node.get('match') : undefined;
        if (typeof match !== 'string' || match === '') {
          problem(node, `contexts[${i}] needs \`match:\` with a context name, a glob (prod-*) or a /regex/`);
          return;
        }
        const unusable = contextPatternProblem(match);
        if (unusable) {
          problem((node as YAMLMap).get('match', true) as Node, `contexts[${i}].match ${unusable}`);
          return;
        }
        contexts.push({ match, line: lineOf(node), ...settingsOf(node, `contexts[${i}]`) });
      });
    } else if (key === 'fleet') {
      fleet = readFleet(value ?? (pair.key as Node), lineOf(pair.key as Node), reporter);
    } else if (TOP_LEVEL_SETTINGS.includes(key)) {
      top.items.push(pair);
    } else {
      problem(
        pair.key as Node,
        `unknown section "${key}" (known: defaults, contexts, fleet, ${TOP_LEVEL_SETTINGS.join(', ')})`,
      );
    }
  }
  const clashed = (p: Plugin, what: string) => problems.push(`${path}:${p.line}: ${what}`);
  if (top.items.length > 0) {
    // `skin:` at the top level reads as `defaults: { skin: … }`; said under `defaults:` as well, that wins.
    // Plugins are merged by name (as k9s's plugins file sits beside its config).
    const fromTop = settingsOf(top, 'top level');
    const plugins = mergePlugins(fromTop.settings.plugins, defaults.plugins, clashed);
    defaults = { ...fromTop.settings, ...defaults, ...(plugins.length > 0 ? { plugins } : {}) };
    defaultsLines = { ...fromTop.lines, ...defaultsLines };
  }
  // A rule's plugin may not take a key the defaults' plugins have where both work.
  const rules = contexts.map((rule) => {
    if (!rule.settings.plugins) return rule;
    const merged = mergePlugins(defaults.plugins, rule.settings.plugins, clashed);
    const own = merged.filter((p) => rule.settings.plugins?.includes(p));
    return { ...rule, settings: { ...rule.settings, plugins: own } };
  });
  // confirmTyped names actions, or plugins of this file.
  const pluginNames = new Set(
    [defaults, ...rules.map((r) => r.settings)].flatMap((s) => (s.plugins ?? []).map((p) => p.name)),
  );
  for (const { node, where, list } of typedLists) {
    const wrong = list.filter((w) => !TYPED_ACTIONS.includes(w as ActionId) && !pluginNames.has(w));
    if (wrong.length > 0)
      problem(
        node,
        `${where}.confirmTyped: ${wrong.map((w) => `"${w}"`).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} neither an action (${TYPED_ACTIONS.join(', ')}) nor a plugin of this file`,
      );
  }
  return { path, defaults, defaultsLines, contexts: rules, ...(fleet ? { fleet } : {}), problems };
}
