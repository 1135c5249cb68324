// Where the config file lives and reading it: $XDG_CONFIG_HOME/fluxdeck/config.yaml, else
// ~/.config/fluxdeck/config.yaml. A missing file is no config; an unreadable one is a problem, not a stop.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConfigFile, parseConfig } from './schema.js';

export function configPath(env: NodeJS.ProcessEnv): string | undefined {
  const base = env['XDG_CONFIG_HOME'] || (env['HOME'] ? join(env['HOME'], '.config') : undefined);
  return base ? join(base, 'fluxdeck', 'config.yaml') : undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv): ConfigFile | undefined {
  const path = configPath(env);
  if (!path || !existsSync(path)) return undefined;
  try {
    return parseConfig(path, readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      path,
      defaults: {},
      defaultsLines: {},
      contexts: [],
      problems: [`${path}: cannot be read: ${why}`],
    };
  }
}
