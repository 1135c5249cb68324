// The settings in effect for one context, and where each came from: a command-line flag, the first
// context rule of the config file that matches, the file's defaults, or the built-in default.
import type { Plugin } from '../actions/plugin.js';
import { contextMatches } from './context-match.js';
import type { Alias } from './look-settings.js';
import type { ConfigFile, Settings } from './schema.js';

export type SettingName = Exclude<keyof Settings, 'aliases' | 'plugins'>;

export interface Effective<T> {
  readonly value: T;
  /** `--readonly`, `config.yaml:7 (context rule prod-*)`, `config.yaml:2 (defaults)`, `built-in`. */
  readonly source: string;
}

export interface EffectiveAlias {
  readonly name: string;
  readonly target: string;
  readonly source: string;
}

export interface EffectivePlugin {
  readonly plugin: Plugin;
  /** `config.yaml:31 (defaults)`, `config.yaml:40 (context rule prod-*)`. */
  readonly source: string;
}

export type EffectiveSettings = { readonly [K in SettingName]-?: Effective<Settings[K]> } & {
  /** By name; a context rule's alias wins over the defaults' of the same name. */
  readonly aliases: readonly EffectiveAlias[];
  /** By name; a context rule's plugin wins over the defaults' of the same name. */
  readonly plugins: readonly EffectivePlugin[];
};

export const BUILT_IN: Required<Omit<Settings, 'auditLog' | 'aliases' | 'plugins'>> &
  Pick<Settings, 'auditLog'> = {
  view: 'failing',
  readonly: false,
  namespace: 'all',
  alertThresholdMs: 15 * 60_000,
  danger: false,
  skin: 'default',
  logsPane: 'hidden',
  logsScope: 'object',
  logsWrap: false,
  confirmTyped: [],
};

const FLAG: Readonly<Partial<Record<SettingName, string>>> = {
  view: '--view',
  readonly: '--readonly',
  namespace: '-n/-A',
  alertThresholdMs: '--alert-threshold',
  danger: '--danger-context',
  auditLog: '--audit-log',
  skin: '--skin',
};

export function effectiveSettings(
  config: ConfigFile | undefined,
  context: string,
  flags: Settings,
): EffectiveSettings {
  const rule = config?.contexts.find((r) => contextMatches(r.match, context));
  const file = config?.path.split('/').pop() ?? 'config.yaml';
  const ruleSource = (line: number) => `${file}:${line} (context rule ${rule?.match})`;
  const defaultsSource = (line: number) => `${file}:${line} (defaults)`;
  const pick = <K extends SettingName>(name: K): Effective<Settings[K]> => {
    if (flags[name] !== undefined) return { value: flags[name], source: FLAG[name] ?? `--${name}` };
    if (rule && rule.settings[name] !== undefined)
      return { value: rule.settings[name], source: ruleSource(rule.lines[name] ?? rule.line) };
    if (config && config.defaults[name] !== undefined)
      return { value: config.defaults[name], source: defaultsSource(config.defaultsLines[name] ?? 1) };
    return { value: BUILT_IN[name] as Settings[K], source: 'built-in' };
  };
  const aliases = new Map<string, EffectiveAlias>();
  const add = (list: readonly Alias[] | undefined, source: (line: number) => string) => {
    for (const a of list ?? [])
      aliases.set(a.name, { name: a.name, target: a.target, source: source(a.line) });
  };
  add(config?.defaults.aliases, defaultsSource);
  add(rule?.settings.aliases, ruleSource);
  const plugins = new Map<string, EffectivePlugin>();
  for (const plugin of config?.defaults.plugins ?? [])
    plugins.set(plugin.name, { plugin, source: defaultsSource(plugin.line) });
  for (const plugin of rule?.settings.plugins ?? [])
    plugins.set(plugin.name, { plugin, source: ruleSource(plugin.line) });
  return {
    view: pick('view'),
    readonly: pick('readonly'),
    namespace: pick('namespace'),
    alertThresholdMs: pick('alertThresholdMs'),
    danger: pick('danger'),
    auditLog: pick('auditLog'),
    skin: pick('skin'),
    logsPane: pick('logsPane'),
    logsScope: pick('logsScope'),
    logsWrap: pick('logsWrap'),
    confirmTyped: pick('confirmTyped'),
    aliases: [...aliases.values()],
    plugins: [...plugins.values()],
  };
}
