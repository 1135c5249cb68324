// The settings in effect for one context, and where each came from: a command-line flag, the first
// context rule of the config file that matches, the file's defaults, or the built-in default.
import type { ConfigFile, Settings } from './schema.js';
import { contextMatches } from './schema.js';

export type SettingName = keyof Settings;

export interface Effective<T> {
  readonly value: T;
  /** `--readonly`, `config.yaml:7 (context rule prod-*)`, `config.yaml:2 (defaults)`, `built-in`. */
  readonly source: string;
}

export type EffectiveSettings = { readonly [K in SettingName]-?: Effective<Settings[K]> };

export const BUILT_IN: Required<Omit<Settings, 'auditLog'>> & Pick<Settings, 'auditLog'> = {
  view: 'failing',
  readonly: false,
  namespace: 'all',
  alertThresholdMs: 15 * 60_000,
  danger: false,
};

const FLAG: Readonly<Record<SettingName, string>> = {
  view: '--view',
  readonly: '--readonly',
  namespace: '-n/-A',
  alertThresholdMs: '--alert-threshold',
  danger: '--danger-context',
  auditLog: '--audit-log',
};

export function effectiveSettings(
  config: ConfigFile | undefined,
  context: string,
  flags: Settings,
): EffectiveSettings {
  const rule = config?.contexts.find((r) => contextMatches(r.match, context));
  const file = config?.path.split('/').pop() ?? 'config.yaml';
  const pick = <K extends SettingName>(name: K): Effective<Settings[K]> => {
    if (flags[name] !== undefined) return { value: flags[name], source: FLAG[name] };
    if (rule && rule.settings[name] !== undefined)
      return {
        value: rule.settings[name],
        source: `${file}:${rule.lines[name] ?? rule.line} (context rule ${rule.match})`,
      };
    if (config && config.defaults[name] !== undefined)
      return {
        value: config.defaults[name],
        source: `${file}:${config.defaultsLines[name] ?? 1} (defaults)`,
      };
    return { value: BUILT_IN[name] as Settings[K], source: 'built-in' };
  };
  return {
    view: pick('view'),
    readonly: pick('readonly'),
    namespace: pick('namespace'),
    alertThresholdMs: pick('alertThresholdMs'),
    danger: pick('danger'),
    auditLog: pick('auditLog'),
  };
}
