// Running helm through the port (argument array, never a shell), with its failures as sentences: not
// installed → the commands to run by hand; non-zero exit → helm's own error from stderr.
import { BinaryNotFoundError, CommandFailedError, InvalidCommandError } from '../kube/exec.js';
import type { Command } from '../kube/port.js';
import { describeActionError } from './errors.js';
import { helmError, helmMissingSentence } from './helm-facts.js';
import type { RequestResult } from './request.js';
import type { ActionContext } from './types.js';

function failed(command: Command, exitCode: number | undefined, stderr: string): RequestResult {
  const exit = exitCode === undefined ? '' : ` (exit ${exitCode})`;
  return {
    status: 'failed',
    message: `helm ${command.args[0] ?? ''} failed${exit}: ${helmError(stderr)}`,
    changed: false,
  };
}

export async function runHelm(
  ctx: ActionContext,
  command: Command,
  byHand: readonly Command[],
  pending: (text: string) => void,
): Promise<RequestResult> {
  pending(`helm ${command.args[0] ?? ''}`.trim());
  try {
    const result = await ctx.port.run(command, {
      timeoutMs: ctx.timeoutMs,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    if (result.exitCode !== 0) return failed(command, result.exitCode, result.stderr);
    return { status: 'succeeded', message: 'helm succeeded.', revision: '' };
  } catch (error) {
    if (error instanceof BinaryNotFoundError) {
      return { status: 'failed', message: helmMissingSentence(byHand), changed: false };
    }
    if (error instanceof CommandFailedError) {
      if (error.exitCode === undefined && !error.stderr) {
        return {
          status: 'failed',
          message: describeActionError(error, undefined, 'run helm'),
          changed: false,
        };
      }
      return failed(command, error.exitCode, error.stderr);
    }
    if (error instanceof InvalidCommandError) {
      return { status: 'failed', message: `${error.message}. Nothing was run.`, changed: false };
    }
    return { status: 'failed', message: describeActionError(error, undefined, 'run helm'), changed: false };
  }
}
