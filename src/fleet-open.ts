// The fleet's start: `--context a,b,c`, `--all-contexts`, or `--fleet` (the config file's `fleet:` list).
// One port per context, all live at once; the fleet screen lists the failing objects of all of them.
// Opening a row (or `:ctx NAME`) shows that context's console on its own port, with its own rules
// (read-only, danger, skin); `:fleet` comes back. A context that cannot be opened (kubeconfig error), or a
// list entry that names no context, is a line of the fleet saying so, never the end of the others.
// Imported by cli.tsx only for a fleet: the one-context console's start-up does not load it (nor do the
// modules it shares with cli.tsx only — the exit handlers, the theme — which would split off a chunk).
import type { BackgroundRuns } from './actions/plugin-background.js';
import type { ConsoleOptions } from './cli-args.js';
import { fleetMembers } from './config/fleet-settings.js';
import type { ConfigFile } from './config/schema.js';
import type { ContextConsoleProps } from './console-root.js';
import type { FleetEntry, FleetView } from './hooks/use-fleet.js';
import type { ActionCommand } from './keymap.js';
import type { ClusterPort } from './kube/port.js';
import type { Paint } from './present/theme.js';

type Ink = typeof import('ink');

export interface FleetWiring {
  readonly kubeconfigPath: string | undefined;
  readonly config: ConfigFile | undefined;
  /** Where the config file is (or would be), for the sentence when `--fleet` finds no list. */
  readonly configPath: string | undefined;
  readonly connect: (context: string | undefined) => Promise<ClusterPort>;
  readonly consoleProps: (port: ClusterPort) => ContextConsoleProps;
  /** The danger pattern of a context (a fleet entry may have no port to ask). */
  readonly dangerContextOf: (context: string) => string;
  readonly listContexts: (path: string | undefined) => readonly string[] | Promise<readonly string[]>;
  /** The fleet screen's look (`--skin`, NO_COLOR). */
  readonly color: Paint;
  /** Ink as the console loads it, and the console's render options. */
  readonly loadInk: () => Promise<Ink>;
  readonly renderOptions: Parameters<Ink['render']>[1];
  /** The process's background plugin runs: one that ends while the fleet is up is said there. */
  readonly backgroundRuns?: BackgroundRuns | undefined;
}

export interface OpenFleet {
  readonly instance: ReturnType<Ink['render']>;
  /** Closes every member's port. */
  readonly close: () => Promise<void>;
}

/** The fleet on screen, or why there is none (nothing to open). */
export async function openFleet(
  options: ConsoleOptions,
  wiring: FleetWiring,
): Promise<OpenFleet | { readonly error: string }> {
  const { connect, consoleProps, dangerContextOf } = wiring;
  const fleet = options.fleet ?? 'config';
  let contexts: readonly string[] = [];
  if (!Array.isArray(fleet)) {
    try {
      contexts = await wiring.listContexts(wiring.kubeconfigPath);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }
  const members = fleetMembers(fleet, wiring.config, contexts, wiring.configPath);
  if ('error' in members) return members;
  const names = members.names;
  // The ports start listing while the UI's modules load.
  const opening = Promise.allSettled(names.map((name) => connect(name)));
  const [{ render }, { consoleRootElement }, { fleetRootElement }, { dangerPattern }] = await Promise.all([
    wiring.loadInk(),
    import('./console-root.js'),
    import('./fleet-root.js'),
    import('./actions/run-defaults.js'),
  ]);
  const opened = await opening;
  const entries: FleetEntry[] = names.map((context, i) => {
    const result = opened[i];
    const danger = dangerPattern(dangerContextOf(context)).test(context);
    return result?.status === 'fulfilled'
      ? { context, danger, port: result.value }
      : {
          context,
          danger,
          error: result?.reason instanceof Error ? result.reason.message : String(result?.reason),
        };
  });
  for (const u of members.unmatched) entries.push({ context: u.match, danger: false, unmatched: u.where });
  const ports = entries.flatMap((e) => (e.port ? [e.port] : []));
  // The fleet's filter and selection while a context's console is open: `:fleet` finds them again.
  let view: FleetView | undefined;
  const keepView = (next: FleetView) => {
    view = next;
  };
  const fleetElement = () =>
    fleetRootElement({
      entries,
      readonly: options.readonly,
      color: wiring.color,
      alertThresholdMs: options.alertThresholdMs,
      onOpen: open,
      view,
      onView: keepView,
      backgroundRuns: wiring.backgroundRuns,
    });
  const consoleElement = (port: ClusterPort, selection?: { key: string; action?: ActionCommand }) =>
    consoleRootElement({
      ...consoleProps(port),
      // From a fleet row: its object on the Failing view.
      ...(selection ? { initialView: 'failing', initialSelection: selection } : {}),
      listContexts: () => names,
      onSwitchContext: (name: string) => open(name),
      onFleet: () => instance.rerender(fleetElement()),
    });
  function open(context: string, selection?: { key: string; action?: ActionCommand }): void {
    const port = entries.find((e) => e.context === context)?.port;
    if (port) instance.rerender(consoleElement(port, selection));
  }
  const instance = render(fleetElement(), wiring.renderOptions);
  return {
    instance,
    close: async () => {
      await Promise.all(ports.map((p) => p.close()));
    },
  };
}
