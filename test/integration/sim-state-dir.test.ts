// `fluxdeck sim --state-dir`: a simulator started again from the same directory is the same cluster to a
// client holding the old kubeconfig (same port, CA and token), and it restarts as a real API server does —
// CRD groups unserved for a moment. `fluxdeck sim` says how to make rollbacks work (the simulated helm).
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { runSimCommand } from '../../src/sim/sim-command.js';
import { STATE_FILES } from '../../src/sim/state-dir.js';
import { isolatedEnv, seed, waitForSnapshot } from './kube-helpers.js';

const sims: SimHandle[] = [];
let port: ClusterPort | undefined;

afterEach(async () => {
  await port?.close();
  port = undefined;
  for (const sim of sims.splice(0)) await sim.stop();
});

async function start(stateDir: string, options: Parameters<typeof startSim>[0] = {}): Promise<SimHandle> {
  const sim = await startSim({ scenario: 'empty', controllers: false, stateDir, ...options });
  sims.push(sim);
  return sim;
}

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'fluxdeck-state-')), 'state');

describe('sim --state-dir', () => {
  it('keeps CA, certificate, token and port in 0600 files and reuses them: the old kubeconfig still works', async () => {
    const dir = freshDir();
    const first = await start(dir, { clock: 'virtual' });
    expect(first.kubeconfigPath).toBe(join(dir, 'kubeconfig'));
    expect(first.faults.registeringCrds).toBe(false);
    for (const file of STATE_FILES) expect(statSync(join(dir, file)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const oldKubeconfig = readFileSync(first.kubeconfigPath, 'utf8');
    const { caPem, port: firstPort } = first;
    await first.stop();
    sims.splice(0);

    const second = await start(dir, { clock: 'virtual', crdRegistrationLagMs: 2000 });
    expect(second.port).toBe(firstPort);
    expect(second.caPem).toBe(caPem);
    expect(readFileSync(second.kubeconfigPath, 'utf8')).toBe(oldKubeconfig);
    const kc = new KubeConfig();
    kc.loadFromString(oldKubeconfig);
    const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toContain('flux-system');
    // Started again: a restart, so its CRD groups come a moment later.
    expect(second.faults.registeringCrds).toBe(true);
    await second.clock.advance(2000);
    expect(second.faults.registeringCrds).toBe(false);
  });

  it('refuses a directory holding only part of an identity, with a sentence', async () => {
    const dir = freshDir();
    const first = await start(dir);
    await first.stop();
    sims.splice(0);
    writeFileSync(join(dir, 'token'), '');
    await expect(start(dir)).rejects.toThrow(
      `the state directory ${dir} is incomplete (missing token): remove it to start a new cluster there, or pick another directory`,
    );
  });

  it('a running console reconnects to the simulator started again from the same directory, rows never dropped', async () => {
    const dir = freshDir();
    const first = await start(dir, { crdRegistrationLagMs: 1500 });
    seed(first, 'HelmRelease', 'apps', 'kyverno');
    port = await createClusterPort({
      kubeconfigPath: first.kubeconfigPath,
      env: isolatedEnv(),
      tuning: { backoffInitialMs: 100, backoffMaxMs: 400, unservedRetryMaxMs: 400 },
    });
    await waitForSnapshot(port, 'live', (s) => s.connection === 'live');
    const p = port;
    const phases = new Set<string>();
    p.subscribe(() => phases.add(p.getSnapshot().kinds.get('HelmRelease')?.state.phase ?? ''));

    await first.stop();
    sims.splice(0);
    await waitForSnapshot(port, 'disconnected', (s) => s.connection === 'disconnected');
    const second = await start(dir, { crdRegistrationLagMs: 1500 });
    seed(second, 'HelmRelease', 'apps', 'kyverno');
    const back = await waitForSnapshot(
      port,
      'live again',
      (s) => s.connection === 'live' && s.kinds.get('HelmRelease')?.rows.size === 1,
      20_000,
    );
    expect([...(back.kinds.get('HelmRelease')?.rows.keys() ?? [])]).toEqual(['HelmRelease/apps/kyverno']);
    expect(phases.has('not-installed')).toBe(false);
    expect(phases.has('not-served-yet')).toBe(true);
  }, 30_000);
});

describe('fluxdeck sim output', () => {
  it('keeps the kubeconfig path on the first line and says how to make rollbacks work: the simulated helm for --helm', async () => {
    const dir = freshDir();
    let out = '';
    let stop: () => void = () => {};
    const stopSignal = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = runSimCommand(['--scenario', 'empty', '--state-dir', dir], {
      stdout: {
        write: (text: string) => {
          out += text;
          return true;
        },
      },
      stderr: { write: () => true },
      stopSignal,
    });
    await expect.poll(() => out.includes('Stop with Ctrl-C'), { timeout: 10_000 }).toBe(true);
    const lines = out.split('\n');
    expect(lines[0]).toBe(join(dir, 'kubeconfig'));
    const helm = join(dir, 'helm');
    expect(out).toContain(
      `  helm:       ${helm}  (the simulated helm: pass it as --helm so that rollbacks work against this cluster)`,
    );
    expect(out).toContain(`  KUBECONFIG=${lines[0]} fluxdeck --helm ${helm}\n`);
    expect(out).toContain(`  state:      ${dir}  (CA, certificate, token and port:`);
    expect(statSync(helm).mode & 0o111).not.toBe(0);
    stop();
    expect(await running).toBe(0);
    // The state stays for the next start.
    expect(existsSync(join(dir, 'token'))).toBe(true);
  });
});
