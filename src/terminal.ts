// Terminal hygiene: whatever happens (quit, ctrl-c, SIGTERM, SIGHUP, an uncaught error) the user gets
// their terminal back — main screen, visible cursor, cooked mode — and a crash leaves a log whose path
// is printed.
import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const SHOW_CURSOR = '\u001B[?25h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_STATE_HOME'] || join(env['HOME'] || homedir(), '.local', 'state');
  return join(base, 'fluxdeck');
}

/** Puts the terminal back as we found it. Safe to call more than once. */
export function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin may already be closed; nothing left to restore there.
  }
  if (process.stdout.isTTY) process.stdout.write(`${LEAVE_ALT_SCREEN}${SHOW_CURSOR}`);
}

export function writeCrashLog(error: unknown): string | undefined {
  const dir = stateDir();
  const file = join(dir, `crash-${new Date().toISOString().replaceAll(':', '-')}.log`);
  try {
    mkdirSync(dir, { recursive: true });
    const detail = error instanceof Error ? `${error.stack ?? error.message}` : String(error);
    appendFileSync(file, `fluxdeck ${process.argv.slice(2).join(' ')}\n${detail}\n`, { mode: 0o600 });
    return file;
  } catch {
    return undefined;
  }
}

/**
 * Installs handlers for signals and uncaught errors. `shutdown` unmounts the UI and closes the cluster
 * connection; it gets a short grace period before the process exits anyway.
 */
export function installExitHandlers(
  shutdown: (reason: string) => Promise<void>,
  options: { readonly interruptIgnored?: () => boolean } = {},
): void {
  let exiting = false;
  const exit = (code: number, reason: string, message?: string) => {
    if (exiting) return;
    exiting = true;
    const force = setTimeout(() => {
      restoreTerminal();
      process.exit(code);
    }, 2000);
    force.unref();
    shutdown(reason)
      .catch(() => undefined)
      .finally(() => {
        restoreTerminal();
        if (message) process.stderr.write(`${message}\n`);
        process.exit(code);
      });
  };
  process.on('SIGTERM', () => exit(143, 'SIGTERM'));
  process.on('SIGHUP', () => exit(129, 'SIGHUP'));
  process.on('SIGINT', () => {
    if (!options.interruptIgnored?.()) exit(130, 'SIGINT');
  });
  const crash = (error: unknown) => {
    // Writing to a terminal that went away (window closed, SSH dropped) fails with EIO, typically while the
    // UI unmounts after the SIGHUP: that is a hang-up, not a crash — no crash log, nothing to print.
    if (isTerminalGone(error)) {
      exit(129, 'SIGHUP');
      return;
    }
    const file = writeCrashLog(error);
    const what = error instanceof Error ? error.message : String(error);
    exit(
      70,
      'crash',
      `fluxdeck stopped on an unexpected error: ${what}\n${file ? `Details were written to ${file}` : 'The crash log could not be written.'}`,
    );
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}

/** The error of a read or write on a terminal that has been hung up. */
export function isTerminalGone(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'EIO' || code === 'ENXIO';
}
