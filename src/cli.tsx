#!/usr/bin/env node
// Entry point: argument parsing and wiring — the console, the demo (which starts the simulated cluster
// first), `fluxdeck sim` and `fluxdeck status`. The only place the console imports the simulator.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackgroundRuns } from './actions/plugin-background.js';
import { type ConsoleOptions, parseCommandLine, USAGE } from './cli-args.js';
import type { ContextConsoleProps } from './console-root.js';
import { boundHeapGrowth, boundYoungGeneration } from './heap-tuning.js';
import type { ClusterPort } from './kube/port.js';
import { packageRoot } from './package-root.js';
import { paintFor } from './present/theme.js';
import { installExitHandlers, restoreTerminal } from './terminal.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  switch (parsed.mode) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`fluxdeck ${version()}\n`);
      return 0;
    case 'error':
      process.stderr.write(`fluxdeck: ${parsed.message}\n`);
      return 2;
    case 'status': {
      // Loaded on use, like the UI: the console's first process re-executes itself (heap-tuning.ts) and
      // should not load `status`'s modules (the kubeconfig parser, the client) for nothing — ~80 ms.
      const { runStatusCommand } = await import('./commands/status.js');
      const code = await runStatusCommand([...parsed.argv], {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
      // The report is written (each write waited for) and the connections are closing: nothing left to
      // wait for, and draining the closing sockets would add ~10 ms to every scripted run.
      return process.exit(code);
    }
    case 'report': {
      const { runReportCommand } = await import('./commands/report.js');
      const code = await runReportCommand([...parsed.argv], {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
      return process.exit(code);
    }
    case 'trace': {
      const { runTraceCommand } = await import('./commands/trace-command.js');
      const code = await runTraceCommand([...parsed.argv], {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
      return process.exit(code);
    }
    case 'completion': {
      const { completionScript } = await import('./commands/completion.js');
      const script = completionScript(parsed.shell ?? '');
      if (!script) {
        process.stderr.write('fluxdeck: completion needs a shell: bash, zsh or fish\n');
        return 2;
      }
      process.stdout.write(script);
      return 0;
    }
    case 'complete': {
      const { runCompleteCommand } = await import('./commands/complete-command.js');
      return runCompleteCommand(parsed.argv, { stdout: process.stdout, env: process.env });
    }
    case 'config': {
      const { runConfigCommand } = await import('./commands/config-command.js');
      return runConfigCommand(parsed.argv, {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
    }
    case 'sim': {
      const { runSimCommand } = await import('./sim/sim-command.js');
      return runSimCommand([...parsed.argv]);
    }
    case 'console':
      return runConsole(parsed);
  }
}

interface Connection {
  readonly kubeconfigPath: string | undefined;
  readonly helmPath: string | undefined;
  /** The demo's own audit log (in its temporary folder), unless --audit-log names one. */
  readonly auditLog?: string | undefined;
  /** The demo keeps its state (the transition journal) in its temporary folder too. */
  readonly stateDir?: string | undefined;
  readonly stop: () => Promise<void>;
}

/** For --demo: the simulated cluster on 127.0.0.1, a throw-away kubeconfig, and the simulated helm. */
async function startDemo(options: ConsoleOptions): Promise<Connection> {
  const { startSim } = await import('./sim/index.js');
  const { writeHelmShim } = await import('./sim/helm/shim.js');
  const sim = await startSim({ scenario: options.scenario, objects: options.objects });
  // The demo must never fall back to the user's real kubeconfig, whatever reads KUBECONFIG later.
  process.env['KUBECONFIG'] = sim.kubeconfigPath;
  // The demo's actions are not the user's: they are recorded in the demo's own folder (`:audit` says where),
  // never in the real audit log, and go with the demo.
  const demoDir = mkdtempSync(join(tmpdir(), 'fluxdeck-demo-'));
  const auditLog = options.auditLog ?? join(demoDir, 'audit.log');
  const stop = async () => {
    await sim.stop();
    rmSync(demoDir, { recursive: true, force: true });
  };
  if (options.helm !== undefined) {
    return { kubeconfigPath: sim.kubeconfigPath, helmPath: options.helm, auditLog, stateDir: demoDir, stop };
  }
  const shimDir = join(demoDir, 'helm');
  mkdirSync(shimDir);
  const helmPath = writeHelmShim(shimDir);
  return { kubeconfigPath: sim.kubeconfigPath, helmPath, auditLog, stateDir: demoDir, stop };
}

/**
 * Ink's layout engine (yoga) loads its WebAssembly through `fetch` of a data: URL when fetch exists, which
 * first loads Node's bundled undici (~80 ms of start-up CPU); without fetch it decodes the same bytes
 * directly. fetch is hidden only while Ink's modules evaluate (nothing of ours uses it), then put back.
 */
async function importInk(): Promise<typeof import('ink')> {
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchProperty) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true });
  try {
    return await import('ink');
  } finally {
    if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
}

async function runConsole(options: ConsoleOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      'fluxdeck: the console needs an interactive terminal; for a one-shot report use `fluxdeck status`\n',
    );
    return 2;
  }
  // First, before loading anything: it starts the process again when the heap flags are missing.
  boundYoungGeneration();
  boundHeapGrowth();
  // Loaded here, not at the top: `status` and `sim` must not pay for the UI (≈0.5 s of module loading).
  // React picks its build when first loaded: production unless the user asked for another.
  process.env['NODE_ENV'] ??= 'production';
  const [
    { createClusterPort },
    { listContexts, currentContextName },
    { loadConfig, configPath },
    { contextOptions },
    { openTransitionMemory },
    { terminalHandover },
  ] = await Promise.all([
    import('./kube/cluster.js'),
    import('./kube/kubeconfig.js'),
    import('./config/load.js'),
    import('./config/console-settings.js'),
    import('./state/transition-journal.js'),
    import('./kube/terminal-access.js'),
  ]);
  // Terminal plugins and exec credential plug-ins that ask for input get the terminal through this: before
  // the screen is mounted it is free, after it Ink's screen is suspended and redrawn around them.
  const terminal = terminalHandover();
  // Background plugins of every console: stopped before the process exits, each one's end recorded first.
  const backgroundRuns = new BackgroundRuns();
  // Never fatal: a wrong entry is ignored, and said before the screen is taken over.
  const config = loadConfig(process.env);
  for (const problem of config?.problems ?? []) process.stderr.write(`fluxdeck: config: ${problem}\n`);
  const connection: Connection = options.demo
    ? await startDemo(options)
    : { kubeconfigPath: options.kubeconfig, helmPath: options.helm, stop: async () => undefined };
  const settingsFor = (context: string | undefined) =>
    contextOptions(options, config, context ?? currentContextName(connection.kubeconfigPath) ?? '');

  // Each context's journal, so the last transitions are on disk before the process exits.
  const journals: { settled(): Promise<void> }[] = [];
  const journalsSettled = () => Promise.all(journals.map((j) => j.settled()));
  const connect = async (context: string | undefined) => {
    const settings = settingsFor(context);
    // The transitions observed in this context before (the timeline's memory across restarts).
    const memory = await openTransitionMemory(
      context ?? currentContextName(connection.kubeconfigPath) ?? '',
      {
        stateDir: connection.stateDir,
      },
    );
    journals.push(memory.journal);
    return createClusterPort({
      kubeconfigPath: connection.kubeconfigPath,
      context,
      namespace: settings.namespace,
      allNamespaces: settings.allNamespaces,
      helmPath: connection.helmPath,
      transitions: memory.recorder,
      terminal,
    });
  };

  const noColor = Boolean(process.env['NO_COLOR']);
  /** A context's console: its rules from the config (the skin too: a production context can look different). */
  const consoleProps = (p: ClusterPort): ContextConsoleProps => {
    const settings = settingsFor(p.info.context);
    return {
      port: p,
      auditLog: options.given.has('audit-log')
        ? options.auditLog
        : (connection.auditLog ?? settings.auditLog),
      dangerContext: settings.dangerContext,
      stateDir: connection.stateDir,
      demo: options.demo,
      readonly: settings.readonly,
      color: paintFor(settings.skin, noColor),
      aliases: settings.aliases,
      logs: settings.logs,
      alertThresholdMs: settings.alertThresholdMs,
      initialView: settings.view,
      pluginList: settings.plugins,
      confirmTyped: settings.confirmTyped,
      terminal,
      backgroundRuns,
    };
  };

  /** The background plugins stopped (each end recorded), then the ports, the journals and the demo. */
  const closeSession = async (closePorts: () => Promise<void>) => {
    await backgroundRuns.stopAll();
    await closePorts();
    await journalsSettled();
    await connection.stop();
  };

  if (options.fleet !== undefined) {
    // Loaded for a fleet only: the one-context console's start-up does not pay for it.
    const { openFleet } = await import('./fleet-open.js');
    const fleet = await openFleet(options, {
      kubeconfigPath: connection.kubeconfigPath,
      config,
      configPath: config?.path ?? configPath(process.env),
      connect,
      consoleProps,
      dangerContextOf: (context) => settingsFor(context).dangerContext,
      listContexts,
      color: paintFor(options.skin, noColor),
      loadInk: importInk,
      renderOptions: RENDER_OPTIONS,
      backgroundRuns,
    });
    if ('error' in fleet) {
      await connection.stop();
      process.stderr.write(`fluxdeck: ${fleet.error}\n`);
      return 2;
    }
    return untilExit(fleet.instance, terminal, () => closeSession(fleet.close));
  }

  let port: ClusterPort;
  try {
    port = await connect(options.context);
  } catch (error) {
    await connection.stop();
    process.stderr.write(`fluxdeck: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  // The port is already listing: the UI's modules load while the server sends the first lists.
  // No JSX in this file: its compiled jsx-runtime import would load React before NODE_ENV is set.
  const [{ render }, { consoleRootElement }] = await Promise.all([importInk(), import('./console-root.js')]);

  const element = (p: ClusterPort) =>
    consoleRootElement({
      ...consoleProps(p),
      listContexts: () => listContexts(connection.kubeconfigPath),
      onSwitchContext: switchContext,
    });

  const instance = render(element(port), RENDER_OPTIONS);

  async function switchContext(name: string): Promise<void> {
    const next = await connect(name);
    const previous = port;
    port = next;
    instance.rerender(element(next));
    await previous.close();
  }

  scheduleTestCrash();
  return untilExit(instance, terminal, () => closeSession(() => port.close()));
}

/** Until the screen exits (q) or a signal ends it: then everything closed and the terminal restored. */
async function untilExit(
  instance: { unmount(): void; waitUntilExit(): Promise<unknown> },
  terminal: { readonly busy: () => boolean },
  close: () => Promise<void>,
): Promise<number> {
  // While a child has the terminal, ctrl-c reaches it and us alike (one process group): it is the child's.
  installExitHandlers(
    async () => {
      instance.unmount();
      await close();
    },
    { interruptIgnored: terminal.busy },
  );
  await instance.waitUntilExit();
  await close();
  restoreTerminal();
  return 0;
}

const RENDER_OPTIONS = {
  exitOnCtrlC: false,
  alternateScreen: true,
  incrementalRendering: true,
  // Ink holds a frame back until one frame interval after the previous one: a key's frame right after
  // a snapshot's waited up to 33 ms at Ink's default 30 (profiled under churn). Snapshots are paced by
  // the publish group, not by this, and frames still come only when something changed.
  maxFps: 120,
  interactive: true,
  patchConsole: true,
} as const;

/**
 * TEST ONLY (test/e2e/terminal-hygiene.test.ts): FLUXDECK_TEST_CRASH_AFTER_MS=N throws an uncaught error
 * N ms after the console mounted, so the crash path (terminal restored, crash log written, its path
 * printed) can be exercised deterministically. Not documented for users; never set it otherwise.
 */
function scheduleTestCrash(): void {
  const ms = Number(process.env['FLUXDECK_TEST_CRASH_AFTER_MS']);
  if (!Number.isFinite(ms) || ms <= 0) return;
  setTimeout(() => {
    throw new Error('test crash requested by FLUXDECK_TEST_CRASH_AFTER_MS');
  }, ms);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Open handles (a watch being torn down) must not keep a finished command alive.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (error: unknown) => {
    restoreTerminal();
    process.stderr.write(`fluxdeck: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
