// The console as the reliability suites see it: the real App on a real ClusterPort against the simulator,
// 120x40, no colour, no ticking clock, so every frame is a consequence of the cluster or a key.
import { afterEach } from 'vitest';
import { type ClusterPortOptions, createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { type SimHandle, type SimOptions, startSim } from '../../src/sim/index.js';
import { type RenderedApp, renderApp } from '../support/app.js';
import { isolatedEnv } from './kube-helpers.js';

export type RenderedConsole = RenderedApp;

/**
 * Call at the top of a suite: starts the pieces a test needs — an empty simulator without controllers, a
 * ClusterPort on it (isolated env, the simulator's clock), the rendered console — and tears down whatever
 * was started after each test, console first, simulator last.
 */
export function consoleAgainstSim() {
  let held: { sim?: SimHandle; port?: ClusterPort; ui?: RenderedConsole } = {};
  afterEach(async () => {
    const { sim, port, ui } = held;
    held = {};
    ui?.unmount();
    await port?.close();
    await sim?.stop();
  });
  return {
    async sim(options: SimOptions = {}): Promise<SimHandle> {
      held.sim = await startSim({ scenario: 'empty', controllers: false, ...options });
      return held.sim;
    },
    async port(sim: SimHandle, options: Partial<ClusterPortOptions> = {}): Promise<ClusterPort> {
      held.port = await createClusterPort({
        kubeconfigPath: sim.kubeconfigPath,
        env: isolatedEnv(),
        now: () => sim.clock.now(),
        ...options,
      });
      return held.port;
    },
    render(port: ClusterPort, initialView: string | undefined, clock?: () => number): RenderedConsole {
      held.ui = renderApp(port, { columns: 120, rows: 40 }, { initialView, ...(clock ? { clock } : {}) });
      return held.ui;
    },
  };
}
