// Where fluxdeck keeps what it writes about a cluster (audit log, transition journals, reports): the XDG
// state directory, and names for files of a context.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface StateLocation {
  /** A folder that replaces the XDG state directory's fluxdeck folder (the demo's temporary folder). */
  readonly stateDir?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
}

/** `$XDG_STATE_HOME/fluxdeck`, else `~/.local/state/fluxdeck` (a relative XDG value is ignored, per the spec). */
export function stateDirectory(location: StateLocation = {}): string {
  if (location.stateDir) return location.stateDir;
  const env = location.env ?? process.env;
  const state = env['XDG_STATE_HOME'];
  const base = state?.startsWith('/') ? state : join(location.home ?? homedir(), '.local', 'state');
  return join(base, 'fluxdeck');
}

/** A context name made safe for a file name (it may hold `/`, `:` or anything). */
export function contextFileName(context: string): string {
  return context.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || 'context';
}
