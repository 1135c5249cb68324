// The kubeconfig the simulator writes, used as-is by client-node with TLS verification on; the
// `fluxdeck sim` command's output contract; cleanup on stop.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { startSim } from '../../src/sim/index.js';
import { parseSimArgs, runSimCommand } from '../../src/sim/sim-command.js';

describe('kubeconfig', () => {
  it('works with KubeConfig.loadFromFile and verifies the server certificate against its CA', async () => {
    const sim = await startSim({ scenario: 'empty', controllers: false });
    try {
      const kc = new KubeConfig();
      kc.loadFromFile(sim.kubeconfigPath);
      expect(kc.getCurrentContext()).toBe('fluxdeck-sim');
      const cluster = kc.getCurrentCluster();
      expect(cluster?.server).toBe(sim.url);
      expect(cluster?.skipTLSVerify).toBeFalsy();
      expect(Buffer.from(cluster?.caData ?? '', 'base64').toString('utf8')).toBe(sim.caPem);
      expect(kc.getCurrentUser()?.name).toBe('fluxdeck-sim');
      const namespaces = await kc.makeApiClient(CoreV1Api).listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain('default');

      // The same server without the CA is untrusted: verification really is on.
      const untrusted = new KubeConfig();
      untrusted.loadFromOptions({
        clusters: [{ name: 'c', server: sim.url, skipTLSVerify: false }],
        users: [{ name: 'u', token: kc.getCurrentUser()?.token ?? '' }],
        contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
        currentContext: 'x',
      });
      await expect(untrusted.makeApiClient(CoreV1Api).listNamespace()).rejects.toThrow();
    } finally {
      await sim.stop();
    }
    expect(existsSync(dirname(sim.kubeconfigPath))).toBe(false);
  });

  it('writes where asked and leaves that file alone on stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-kubeconfig-test-'));
    const out = join(dir, 'nested', 'config');
    const sim = await startSim({ scenario: 'empty', controllers: false, kubeconfigOut: out });
    await sim.stop();
    expect(readFileSync(out, 'utf8')).toContain('current-context: fluxdeck-sim');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('fluxdeck sim', () => {
  it('parses its flags', () => {
    expect(
      parseSimArgs(['--port', '8443', '--scenario', 'empty', '--objects=20', '--seed', '7', '--legacy-flux']),
    ).toEqual({
      ok: true,
      options: { port: 8443, scenario: 'empty', objects: 20, seed: 7, fluxVersions: 'legacy' },
    });
    expect(parseSimArgs(['--scenario', 'chaos'])).toEqual({
      ok: false,
      message: '--scenario must be one of: runbook, empty, operator',
    });
    expect(parseSimArgs(['--port'])).toEqual({ ok: false, message: '--port needs a whole number' });
    expect(parseSimArgs(['--bogus'])).toEqual({ ok: false, message: 'unknown argument: --bogus' });
  });

  it('prints the kubeconfig path first, serves until stopped, then cleans up', async () => {
    let out = '';
    let stop: () => void = () => {};
    const stopSignal = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const io = {
      stdout: {
        write: (text: string) => {
          out += text;
          return true;
        },
      },
      stderr: { write: () => true },
      stopSignal,
    };
    const running = runSimCommand(['--scenario', 'empty'], io);
    await expect.poll(() => out.includes('\n'), { timeout: 10_000 }).toBe(true);
    const path = out.split('\n')[0] ?? '';
    expect(existsSync(path)).toBe(true);
    expect(out).toContain('context:    fluxdeck-sim');
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    await expect(kc.makeApiClient(CoreV1Api).listNamespace()).resolves.toBeDefined();
    stop();
    expect(await running).toBe(0);
    expect(existsSync(path)).toBe(false);
  });

  it('exits 2 on a usage error', async () => {
    let err = '';
    const code = await runSimCommand(['--objects', 'many'], {
      stdout: { write: () => true },
      stderr: {
        write: (text: string) => {
          err += text;
          return true;
        },
      },
    });
    expect(code).toBe(2);
    expect(err).toContain('--objects needs a whole number');
  });
});
