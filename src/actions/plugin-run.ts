// Running a plugin: its start to the audit log (fsync'd) before the command runs — nothing runs when it
// cannot be recorded —, the command with KUBECONFIG set to the console's kubeconfig, its output captured
// for the pane, the terminal handed over to it, or (background) its output dropped but for the last line of
// what it said on stderr when it fails, then its exit code and duration to the audit log and a sentence for
// the flash line.
import { sanitizeText } from '../flux/sanitize.js';
import { formatDuration } from '../flux/time.js';
import type { ObjectRef } from '../flux/types.js';
import { objectKey } from '../flux/types.js';
import { describeError } from '../kube/errors.js';
import { formatCommand, type ProcessResult, type ProcessWiring, runProcess } from '../kube/exec.js';
import { invalidArguments } from '../kube/names.js';
import type { Command } from '../kube/port.js';
import type { TerminalAccess } from '../kube/terminal-access.js';
import { type AuditEntry, type AuditLog, newAuditId } from './audit.js';
import { type Plugin, pluginAction } from './plugin.js';

export interface PluginRunRequest {
  readonly plugin: Plugin;
  readonly command: Command;
  readonly target: ObjectRef;
}

export interface PluginRunContext {
  readonly audit: AuditLog;
  readonly terminal: TerminalAccess;
  readonly context: string;
  readonly cluster: string;
  /** Who acts, as the audit log records it (src/actions/plan-common.ts actor). */
  readonly user: string;
  /** The console's kubeconfig file(s): the command's KUBECONFIG. */
  readonly kubeconfig: string | undefined;
  readonly now: () => number;
  /** Runs the process (tests pass a fake); default src/kube/exec.ts runProcess. */
  readonly runProcess?: (command: Command, wiring: ProcessWiring) => Promise<ProcessResult>;
}

export interface PluginOutcome {
  readonly ok: boolean;
  readonly exitCode: number | undefined;
  readonly durationMs: number;
  /** For the flash line: `plugin edit: kubectl exited 0 after 12s`. */
  readonly message: string;
}

export interface PluginRunHooks {
  /** Captured output as it comes (pane plugins). */
  readonly onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  /** Stops a pane or background plugin (its pane was closed, the console quit). */
  readonly signal?: AbortSignal;
}

export function program(command: Command): string {
  return command.file.split('/').pop() || command.file;
}

/** Stopped (the console quit) while its start was being recorded: nothing is started then. */
const STOPPED_BEFORE_START: ProcessResult = {
  exitCode: undefined,
  stdout: '',
  stderr: '',
  notFound: false,
  timedOut: false,
  cancelled: true,
  failure: 'was cancelled',
};

/** A failed background command's last word on stderr, since nobody saw its output. */
function lastLine(stderr: string): string | undefined {
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .findLast((l) => l !== '');
  return line === undefined ? undefined : sanitizeText(line, 200);
}

function wiring(
  output: 'pane' | 'background',
  env: Readonly<Record<string, string>> | undefined,
  hooks: PluginRunHooks,
): ProcessWiring {
  return {
    stdin: 'ignore',
    // A background command's output goes nowhere: only stderr is kept, for the reason it failed.
    stdout: output === 'pane' ? 'pipe' : 'ignore',
    stderr: 'pipe',
    env: { ...env, NO_COLOR: '1' },
    signal: hooks.signal,
    onOutput: hooks.onOutput,
  };
}

/** Runs a plugin the user asked for (and confirmed, when it asks). Never throws. */
export async function runPlugin(
  request: PluginRunRequest,
  ctx: PluginRunContext,
  hooks: PluginRunHooks = {},
): Promise<PluginOutcome> {
  const { plugin, command } = request;
  const label = `plugin ${plugin.name}`;
  const invalid = invalidArguments(command.args);
  if (invalid)
    return { ok: false, exitCode: undefined, durationMs: 0, message: `${label}: refused: ${invalid}` };
  const id = newAuditId();
  const entry = (over: Partial<AuditEntry> & Pick<AuditEntry, 'outcome'>): AuditEntry => ({
    id,
    time: new Date(ctx.now()).toISOString(),
    phase: 'outcome',
    context: ctx.context,
    cluster: ctx.cluster,
    user: ctx.user,
    action: pluginAction(plugin),
    targets: [objectKey(request.target)],
    commands: [formatCommand(command)],
    ...over,
  });
  try {
    await ctx.audit.append(entry({ phase: 'intent', outcome: 'confirmed', message: 'started' }));
  } catch (error) {
    return {
      ok: false,
      exitCode: undefined,
      durationMs: 0,
      message: `${label}: ${describeError(error)}: not run (every plugin run is recorded first)`,
    };
  }
  const run = ctx.runProcess ?? runProcess;
  const env = ctx.kubeconfig ? { KUBECONFIG: ctx.kubeconfig } : undefined;
  const started = ctx.now();
  const result = hooks.signal?.aborted
    ? STOPPED_BEFORE_START
    : plugin.output === 'terminal'
      ? await ctx.terminal.handOver(
          () =>
            run(command, {
              stdin: ctx.terminal.input ?? 'inherit',
              stdout: 'inherit',
              stderr: 'inherit',
              env,
            }),
          `fluxdeck: ${label}: ${formatCommand(command)} — the console comes back when it exits.`,
        )
      : await run(command, wiring(plugin.output, env, hooks));
  const durationMs = Math.max(0, ctx.now() - started);
  const took = formatDuration(durationMs);
  const ok = result.exitCode === 0;
  const ended =
    result.exitCode !== undefined
      ? `${program(command)} exited ${result.exitCode} after ${took}`
      : result.notFound
        ? `${program(command)} was not found (is it on PATH?)`
        : `${program(command)} ${result.failure ?? 'did not finish'} after ${took}`;
  const said =
    plugin.output === 'background' && !ok && !result.cancelled ? lastLine(result.stderr) : undefined;
  const what = said ? `${ended}: ${said}` : ended;
  const message = `${label}: ${what}`;
  try {
    await ctx.audit.append(
      entry({
        outcome: result.cancelled ? 'cancelled' : ok ? 'succeeded' : 'failed',
        message: what,
        ...(ok ? {} : { error: what }),
        ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
        durationMs,
      }),
    );
  } catch (error) {
    return { ok, exitCode: result.exitCode, durationMs, message: `${message} (${describeError(error)})` };
  }
  return { ok, exitCode: result.exitCode, durationMs, message };
}
