// The one place that runs binaries (helm rollback, plugins, exec credential plug-ins): argument arrays
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

/** How a child process is wired: each stream the console's own (`inherit`), captured, or closed. */
export interface ProcessWiring {
  /** `inherit`, or the file descriptor to read from (the terminal's, when it is not ours). */
  readonly stdin: 'ignore' | 'inherit' | number;
  readonly stdout: 'pipe' | 'inherit' | 'ignore';
  readonly stderr: 'pipe' | 'inherit' | 'ignore';
  /** Added to the console's environment (KUBECONFIG for plugins, the plug-in's own for credentials). */
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Default: none (a terminal plugin may run as long as the user works in it). */
  readonly timeoutMs?: number | undefined;
  /** Each captured chunk as it comes (a plugin's pane fills while it runs). */
  readonly onOutput?: ((text: string, stream: 'stdout' | 'stderr') => void) | undefined;
}

export interface ProcessResult {
  /** Undefined when it did not exit by itself (killed, or never started). */
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  /** The binary is not there. */
  readonly notFound: boolean;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  /** Why it did not run or did not end by itself, in words (sanitised). */
  readonly failure: string | undefined;
}

/** Kept of each captured stream: the newest part of a chatty command. */
const MAX_CAPTURE = 1024 * 1024;

/**
 * Runs a binary as `wiring` says — an argument array, never a shell — and never throws: what happened is
 * in the result. The captured streams are raw text; whoever shows them sanitises them.
 */
export async function runProcess(command: Command, wiring: ProcessWiring): Promise<ProcessResult> {
  const { execa } = await import('execa');
  const captured = { stdout: '', stderr: '' };
  const subprocess = execa(command.file, [...command.args], {
    shell: false,
    reject: false,
    buffer: false,
    // One of execa's stdin forms each; its overloads do not take the union at once.
    stdin: wiring.stdin as 'inherit',
    stdout: wiring.stdout,
    stderr: wiring.stderr,
    ...(wiring.env ? { env: { ...wiring.env } } : {}),
    ...(wiring.timeoutMs ? { timeout: wiring.timeoutMs } : {}),
    ...(wiring.signal ? { cancelSignal: wiring.signal } : {}),
    forceKillAfterDelay: 5000,
  });
  for (const stream of ['stdout', 'stderr'] as const) {
    const readable = subprocess[stream];
    if (!readable) continue;
    readable.setEncoding('utf8');
    readable.on('data', (chunk: string) => {
      captured[stream] = (captured[stream] + chunk).slice(-MAX_CAPTURE);
      wiring.onOutput?.(chunk, stream);
    });
  }
  const result = await subprocess;
  const notFound =
    result.code === 'ENOENT' ||
    (result.failed && result.exitCode === undefined && /ENOENT/.test(String(result.message)));
  const exited = result.exitCode !== undefined && !result.timedOut && !result.isCanceled;
  return {
    exitCode: exited ? result.exitCode : undefined,
    stdout: captured.stdout,
    stderr: captured.stderr,
    notFound,
    timedOut: result.timedOut,
    cancelled: result.isCanceled,
    failure: notFound
      ? `${basename(command.file)} was not found`
      : result.timedOut
        ? `timed out after ${wiring.timeoutMs} ms`
        : result.isCanceled
          ? 'was cancelled'
          : exited
            ? undefined
            : sanitizeText(String(result.shortMessage ?? result.message ?? 'could not run'), 300),
  };
}
