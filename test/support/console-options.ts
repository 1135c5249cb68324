// The console's options as the command line gives them, and `fluxdeck config`'s output, for tests of
// the settings built on them.
import { join } from 'node:path';
import { type ConsoleOptions, parseCommandLine } from '../../src/cli-args.js';
import { runConfigCommand } from '../../src/commands/config-command.js';
import { configHome } from './config-files.js';

export function consoleOptions(argv: string[]): ConsoleOptions {
  const parsed = parseCommandLine(argv);
  if (parsed.mode !== 'console') throw new Error(parsed.mode);
  return parsed;
}

/** `fluxdeck config ARGV` with `file` as the config file: its exit code, its output and the config home. */
export async function configCommand(
  file: string,
  argv: string[],
): Promise<{ code: number; text: string; home: string }> {
  const home = configHome(file);
  const out: string[] = [];
  const sink = { write: (c: string) => out.push(c) } as unknown as NodeJS.WritableStream;
  const code = await runConfigCommand(argv, {
    stdout: sink,
    stderr: sink,
    env: { XDG_CONFIG_HOME: home, HOME: home, KUBECONFIG: join(home, 'missing') },
  });
  return { code, text: out.join(''), home };
}
