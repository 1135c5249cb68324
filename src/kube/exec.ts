// The one place that runs binaries (helm rollback, and whatever else an action needs): argument arrays
// only — never a shell —, AbortSignal and timeout, the exact command recorded, failures wrapped with
// command, arguments, exit code and stderr, and a missing binary said in words with what to do instead.
import { basename } from 'node:path';
import { sanitizeText } from '../flux/sanitize.js';
import { invalidArguments } from './names.js';
import type { Command, CommandResult } from './port.js';

/** Quotes an argument for display only (the dialog, error messages); nothing here is ever run by a shell. */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

export function formatCommand(command: Command): string {
  return [command.file, ...command.args].map(quote).join(' ');
}

export class BinaryNotFoundError extends Error {
  override readonly name = 'BinaryNotFoundError';
  constructor(
    readonly command: Command,
    /** The binary as the user knows it (`helm`), which may differ from the path tried. */
    readonly binary: string,
  ) {
    const where = binary === 'helm' ? 'on PATH (or at --helm PATH)' : 'on PATH';
    const install = binary === 'helm' ? 'install helm 3.8+' : `install ${binary}`;
    super(
      `${binary} was not found ${where}: ${install} or run these commands by hand: ${formatCommand(command)}`,
    );
  }
}

export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
  constructor(
    readonly command: Command,
    readonly exitCode: number | undefined,
    readonly stderr: string,
    reason: string,
  ) {
    super(`${formatCommand(command)} ${reason}${stderr ? `: ${stderr}` : ''}`);
  }
}

export class InvalidCommandError extends Error {
  override readonly name = 'InvalidCommandError';
  constructor(
    readonly command: Command,
    why: string,
  ) {
    super(`refusing to run ${command.file}: ${why}`);
  }
}

export interface RunOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  /** Replaces the file `helm` (the --helm flag). */
  readonly helmPath?: string | undefined;
  /** Every command actually run, exactly as run (for the audit log and tests). */
  readonly onRun?: ((command: Command) => void) | undefined;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const MAX_STDERR = 4000;

export async function runCommand(command: Command, options: RunOptions = {}): Promise<CommandResult> {
  const why = invalidArguments(command.args);
  if (why) throw new InvalidCommandError(command, why);
  const binary = command.file;
  const file = binary === 'helm' && options.helmPath ? options.helmPath : binary;
  const actual: Command = { file, args: [...command.args] };
  options.onRun?.(actual);
  // Loaded on first use: execa and its dependencies cost the console's start-up for an action few sessions run.
  const { execa } = await import('execa');
  const result = await execa(file, actual.args, {
    shell: false,
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    forceKillAfterDelay: 5000,
    maxBuffer: 16 * 1024 * 1024,
    env: { NO_COLOR: '1' },
  });
  const stderr = sanitizeText(String(result.stderr ?? ''), MAX_STDERR).trim();
  if (
    result.code === 'ENOENT' ||
    (result.failed && result.exitCode === undefined && /ENOENT/.test(String(result.message)))
  ) {
    const name = basename(binary) === 'helm' || file === options.helmPath ? 'helm' : basename(binary);
    // The commands to run by hand name the binary as the user knows it, not the path we tried.
    throw new BinaryNotFoundError({ file: name, args: actual.args }, name);
  }
  if (result.timedOut)
    throw new CommandFailedError(
      actual,
      undefined,
      stderr,
      `timed out after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
    );
  if (result.isCanceled) throw new CommandFailedError(actual, undefined, stderr, 'was cancelled');
  if (result.exitCode === undefined) {
    throw new CommandFailedError(
      actual,
      undefined,
      stderr,
      `could not run (${sanitizeText(String(result.shortMessage ?? result.message ?? ''), 300)})`,
    );
  }
  if (result.exitCode !== 0)
    throw new CommandFailedError(actual, result.exitCode, stderr, `exited with code ${result.exitCode}`);
  return { exitCode: 0, stdout: String(result.stdout ?? ''), stderr };
}
