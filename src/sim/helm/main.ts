#!/usr/bin/env node
// fluxdeck's simulated `helm` (Helm 4's history, rollback, list and status against the simulator's release
// Secrets), for `fluxdeck --demo` where no real helm is wanted. It only ever talks to the simulator on loopback.
import { parseHelmArgs, UsageError } from './args.js';
import { history, list, rollback, status } from './commands.js';
import { HelmError, openStorage } from './storage.js';

const COMMANDS = { history, hist: history, rollback, list, ls: list, status } as const;

const USAGE = `The Kubernetes package manager (fluxdeck simulator)

Usage:
  helm [command]

Available Commands:
  history     fetch release history
  list        list releases
  rollback    roll back a release to a previous revision
  status      display the status of the named release

Flags:
  -h, --help                 help for helm
      --kube-context string  name of the kubeconfig context to use
      --kubeconfig string    path to the kubeconfig file
  -n, --namespace string     namespace scope for this request
`;

async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseHelmArgs(argv);
    if (args.command === '' || args.command === 'help' || (args.help && !(args.command in COMMANDS))) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (args.command === 'version') {
      process.stdout.write(
        'version.BuildInfo{Version:"v4.1.4+fluxdeck.sim", GitCommit:"", GitTreeState:"", GoVersion:"node"}\n',
      );
      return 0;
    }
    const run = COMMANDS[args.command as keyof typeof COMMANDS];
    if (!run) {
      process.stderr.write(
        `Error: unknown command "${args.command}" for "helm"\nRun 'helm --help' for usage.\n`,
      );
      return 1;
    }
    process.stdout.write(await run(args, openStorage(args)));
    return 0;
  } catch (error) {
    process.stderr.write(`Error: ${describe(error)}\n`);
    return 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof HelmError || error instanceof UsageError) return error.message;
  const body = (error as { body?: unknown }).body;
  const message =
    typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  if (typeof message === 'string') return message;
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return 'Kubernetes cluster unreachable: connection refused';
  return error instanceof Error ? error.message : String(error);
}

process.exitCode = await main(process.argv.slice(2));
