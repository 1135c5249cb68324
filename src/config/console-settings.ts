// The console's options for one context: command-line flags first, then the config file (its first
// matching context rule, then its defaults), then the built-in defaults.

import type { Plugin } from '../actions/plugin.js';
import type { ConsoleOptions } from '../cli-args.js';
import type { SkinName } from '../present/skins.js';
import { type EffectiveSettings, effectiveSettings } from './effective.js';
import type { LogsDefaults } from './look-settings.js';
import type { ConfigFile, Settings } from './schema.js';

export interface ContextOptions {
  readonly view: string | undefined;
  readonly readonly: boolean;
  readonly namespace: string | undefined;
  /** All namespaces were asked for (-A, or `namespace: all` in the file): no fallback to the context's. */
  readonly allNamespaces: boolean;
  readonly alertThresholdMs: number;
  /** A regular expression on context names (what --danger-context takes). */
  readonly dangerContext: string;
  readonly auditLog: string | undefined;
  readonly skin: SkinName;
  readonly logs: Required<LogsDefaults>;
  /** Alias → the `:` line it stands for. */
  readonly aliases: Readonly<Record<string, string>>;
  /** The user's commands on keys, for this context. */
  readonly plugins: readonly Plugin[];
  /** Actions (ids) and plugins (names) whose confirmation asks for the object's name to be typed. */
  readonly confirmTyped: readonly string[];
  readonly effective: EffectiveSettings;
}

const NEVER = '(?!)';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The flags the user gave, as config settings (so they can win over the file). */
export function flagSettings(options: ConsoleOptions, context: string): Settings {
  const given = options.given;
  let dangerous: boolean | undefined;
  if (given.has('danger-context')) {
    try {
      dangerous = new RegExp(options.dangerContext).test(context);
    } catch {
      dangerous = undefined;
    }
  }
  return {
    ...(given.has('view') && options.view ? { view: options.view } : {}),
    ...(given.has('readonly') ? { readonly: true } : {}),
    ...(given.has('namespace') && options.namespace ? { namespace: options.namespace } : {}),
    ...(given.has('all-namespaces') ? { namespace: 'all' } : {}),
    ...(given.has('alert-threshold') ? { alertThresholdMs: options.alertThresholdMs } : {}),
    ...(dangerous !== undefined ? { danger: dangerous } : {}),
    ...(given.has('audit-log') && options.auditLog ? { auditLog: options.auditLog } : {}),
    ...(given.has('skin') ? { skin: options.skin } : {}),
  };
}

export function contextOptions(
  options: ConsoleOptions,
  config: ConfigFile | undefined,
  context: string,
): ContextOptions {
  const e = effectiveSettings(config, context, flagSettings(options, context));
  const namespace = e.namespace.value;
  // The built-in danger rule is --danger-context's default pattern (prod); a setting names this context.
  const dangerContext =
    e.danger.source === 'built-in'
      ? options.dangerContext
      : e.danger.value
        ? `^${escapeRegExp(context)}$`
        : NEVER;
  return {
    view: e.view.source === 'built-in' ? options.view : e.view.value,
    readonly: e.readonly.value ?? false,
    namespace: namespace === undefined || namespace === 'all' ? undefined : namespace,
    allNamespaces: namespace === 'all' && e.namespace.source !== 'built-in',
    alertThresholdMs: e.alertThresholdMs.value ?? options.alertThresholdMs,
    dangerContext,
    auditLog: e.auditLog.value,
    skin: e.skin.value ?? 'default',
    logs: {
      pane: e.logsPane.value ?? 'hidden',
      scope: e.logsScope.value ?? 'object',
      wrap: e.logsWrap.value ?? false,
    },
    aliases: Object.fromEntries(e.aliases.map((a) => [a.name, a.target])),
    plugins: e.plugins.map((p) => p.plugin),
    confirmTyped: e.confirmTyped.value ?? [],
    effective: {
      ...e,
      danger: {
        value: e.danger.source === 'built-in' ? safeTest(options.dangerContext, context) : e.danger.value,
        source:
          e.danger.source === 'built-in'
            ? `built-in (--danger-context ${options.dangerContext})`
            : e.danger.source,
      },
    },
  };
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return false;
  }
}
