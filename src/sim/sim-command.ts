// `fluxdeck sim`: runs only the simulated cluster until SIGINT/SIGTERM. The kubeconfig path is the FIRST
// line on stdout (scripts read it), then a short human summary: how to point kubectl and the console at it,
// with the simulated helm so that rollbacks work.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ArgvOption, readArgv } from '../flux/argv.js';
import { writeHelmShim } from './helm/shim.js';
import { type SimOptions, startSim } from './index.js';
import { FLUX_CONTROLLERS_MODES, type FluxControllersMode } from './scenario/controller-scale.js';
import type { ScenarioName } from './types.js';

const USAGE = `usage: fluxdeck sim [--port N] [--scenario runbook|empty|operator] [--objects N] [--inventory N] [--kubeconfig-out PATH] [--seed N] [--legacy-flux]
                    [--churn OBJECTS_PER_SECOND] [--log-rate LINES_PER_SECOND]
                    [--state-dir DIR] [--crd-lag-ms N] [--flux-controllers running|absent|scaled-to-zero]
  --inventory N     add a Ready Kustomization flux-system/big-inventory that applied N objects (the bench)
  --state-dir DIR   keep the CA, serving certificate, token and port in DIR and reuse them on the next start:
                    a restarted simulator is the same cluster to a running console (same kubeconfig)
  --crd-lag-ms N    after a restart, the CRD groups stay unserved for N ms, as on a real API server
                    (default 3000)
  --flux-controllers MODE
                    absent: no Flux controller is installed; scaled-to-zero: their Deployments ask for 0
                    replicas. Either way nothing answers a reconcile request (default running). Start one
                    with kubectl -n flux-system patch deployment NAME -p '{"spec":{"replicas":1}}'
`;

const SCENARIOS: readonly ScenarioName[] = ['runbook', 'empty', 'operator'];

export type SimArgs = { ok: true; options: SimOptions } | { ok: false; message: string } | { ok: 'help' };

function wholeNumber(flag: string, value: string | undefined, max: number): number | string {
  if (value === undefined || !/^\d+$/.test(value)) return `${flag} needs a whole number`;
  const n = Number(value);
  return n > max ? `${flag} must be at most ${max}` : n;
}

const SIM_FLAGS: Readonly<Record<string, ArgvOption>> = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  objects: { type: 'string' },
  inventory: { type: 'string' },
  seed: { type: 'string' },
  scenario: { type: 'string' },
  'kubeconfig-out': { type: 'string' },
  churn: { type: 'string' },
  'log-rate': { type: 'string' },
  'legacy-flux': { type: 'boolean' },
  'state-dir': { type: 'string' },
  'crd-lag-ms': { type: 'string' },
  'flux-controllers': { type: 'string' },
};

export function parseSimArgs(argv: readonly string[]): SimArgs {
  const options: SimOptions = {};
  for (const item of readArgv(argv, SIM_FLAGS)) {
    if (item.kind === 'unknown') return { ok: false, message: `unknown argument: ${item.arg}` };
    const flag = item.flag;
    const value = item.kind === 'option' ? item.value : undefined;
    switch (item.name) {
      case 'help':
        return { ok: 'help' };
      case 'port': {
        const n = wholeNumber(flag, value, 65535);
        if (typeof n === 'string') return { ok: false, message: n };
        options.port = n;
        break;
      }
      case 'objects': {
        const n = wholeNumber(flag, value, 1_000_000);
        if (typeof n === 'string') return { ok: false, message: n };
        options.objects = n;
        break;
      }
      case 'inventory': {
        const n = wholeNumber(flag, value, 100_000);
        if (typeof n === 'string') return { ok: false, message: n };
        options.inventory = n;
        break;
      }
      case 'seed': {
        const n = wholeNumber(flag, value, 2 ** 32 - 1);
        if (typeof n === 'string') return { ok: false, message: n };
        options.seed = n;
        break;
      }
      case 'scenario': {
        if (!SCENARIOS.includes(value as ScenarioName)) {
          return { ok: false, message: `--scenario must be one of: ${SCENARIOS.join(', ')}` };
        }
        options.scenario = value as ScenarioName;
        break;
      }
      case 'kubeconfig-out': {
        if (!value) return { ok: false, message: '--kubeconfig-out needs a path' };
        options.kubeconfigOut = value;
        break;
      }
      case 'churn':
      case 'log-rate': {
        const n = wholeNumber(flag, value, 100_000);
        if (typeof n === 'string') return { ok: false, message: n };
        const churn = options.churn ?? { objectsPerSecond: 0, logLinesPerSecond: 0 };
        if (item.name === 'churn') churn.objectsPerSecond = n;
        else churn.logLinesPerSecond = n;
        options.churn = churn;
        break;
      }
      case 'state-dir': {
        if (!value) return { ok: false, message: '--state-dir needs a directory' };
        options.stateDir = value;
        break;
      }
      case 'flux-controllers': {
        if (!FLUX_CONTROLLERS_MODES.includes(value as FluxControllersMode)) {
          return {
            ok: false,
            message: `--flux-controllers must be one of: ${FLUX_CONTROLLERS_MODES.join(', ')}`,
          };
        }
        options.fluxControllers = value as FluxControllersMode;
        break;
      }
      case 'crd-lag-ms': {
        const n = wholeNumber(flag, value, 600_000);
        if (typeof n === 'string') return { ok: false, message: n };
        options.crdRegistrationLagMs = n;
        break;
      }
      case 'legacy-flux':
        options.fluxVersions = 'legacy';
        break;
    }
  }
  return { ok: true, options };
}

export interface SimCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** Resolves when the command should stop; defaults to the first SIGINT or SIGTERM. */
  readonly stopSignal?: Promise<unknown>;
}

function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function runSimCommand(
  argv: string[],
  io: SimCommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const parsed = parseSimArgs(argv);
  if (parsed.ok === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    io.stderr.write(`fluxdeck sim: ${parsed.message}\n${USAGE}`);
    return 2;
  }
  // Listen for signals before starting, so an early Ctrl-C still stops cleanly.
  const stop = io.stopSignal ?? firstSignal();
  let sim: Awaited<ReturnType<typeof startSim>>;
  try {
    sim = await startSim(parsed.options);
  } catch (error) {
    io.stderr.write(`fluxdeck sim: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  const path = sim.kubeconfigPath;
  const stateDir = parsed.options.stateDir;
  // The console's rollback (b) runs helm; the simulated one reads this cluster's release Secrets.
  const shimDir = stateDir ?? mkdtempSync(join(tmpdir(), 'fluxdeck-helm-'));
  const helm = writeHelmShim(shimDir);
  io.stdout.write(
    `${path}\n` +
      `Simulated Flux cluster (scenario ${parsed.options.scenario ?? 'runbook'}) serving ${sim.url}\n` +
      `  context:    ${sim.contextName}\n` +
      `  kubeconfig: ${path}\n` +
      `  helm:       ${helm}  (the simulated helm: pass it as --helm so that rollbacks work against this cluster)\n` +
      (stateDir === undefined
        ? ''
        : `  state:      ${stateDir}  (CA, certificate, token and port: start again with the same --state-dir and a running console reconnects)\n`) +
      `Try:\n` +
      `  kubectl --kubeconfig ${path} get kustomizations,helmreleases,gitrepositories -A\n` +
      `  KUBECONFIG=${path} fluxdeck --helm ${helm}\n` +
      `Stop with Ctrl-C.\n`,
  );
  await stop;
  await sim.stop();
  if (stateDir === undefined) rmSync(shimDir, { recursive: true, force: true });
  return 0;
}
