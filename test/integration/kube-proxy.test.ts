// Proxies as kubectl uses them: HTTPS_PROXY from the environment when the kubeconfig has no proxy-url, and
// connection errors that name the proxy and the TLS name actually checked.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, runStatus } from './kube-helpers.js';

let sim: SimHandle | undefined;
let proxy: Server | undefined;
/** Tunnels are upgraded sockets, which closing the server does not end. */
const tunnels = new Set<{ destroy(): void }>();

afterEach(async () => {
  for (const t of tunnels) t.destroy();
  tunnels.clear();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  proxy = undefined;
  await sim?.stop();
  sim = undefined;
});

/** A CONNECT proxy on 127.0.0.1 that sends every tunnel to `target` and records what was asked for. */
async function startProxy(targetPort: number): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  proxy = createServer();
  proxy.on('connect', (req, socket, head) => {
    asked.push(req.url ?? '');
    tunnels.add(socket);
    const upstream = connect(targetPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (!address || typeof address === 'string') throw new Error('no proxy address');
  return { url: `http://127.0.0.1:${address.port}`, asked };
}

/** The simulator's kubeconfig with its cluster changed. */
function withCluster(kubeconfig: string, change: (cluster: Record<string, unknown>) => void): string {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: Record<string, unknown> }[] };
  const cluster = doc.clusters[0]?.cluster;
  if (!cluster) throw new Error('no cluster');
  change(cluster);
  const path = join(mkdtempSync(join(tmpdir(), 'fluxdeck-proxy-')), 'kubeconfig');
  writeFileSync(path, stringify(doc));
  return path;
}

const status = (argv: string[], env: NodeJS.ProcessEnv) => runStatus(argv, env);

const simPort = (s: SimHandle) => s.port;

describe('proxies from the environment', () => {
  it('goes through HTTPS_PROXY when the kubeconfig sets no proxy-url', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const { url, asked } = await startProxy(simPort(sim));
    // A name only the proxy can resolve; the certificate is checked against localhost.
    const path = withCluster(sim.kubeconfigPath, (c) => {
      c['server'] = `https://api.fluxdeck.test:${simPort(sim as SimHandle)}`;
      c['tls-server-name'] = 'localhost';
    });
    const result = await status(['--kubeconfig', path], isolatedEnv({ HTTPS_PROXY: url }));
    expect(result.code).toBe(0);
    expect(asked[0]).toBe(`api.fluxdeck.test:${simPort(sim)}`);
    // NO_PROXY excludes it: straight to a name nobody resolves, and the error says so.
    const direct = await status(
      ['--kubeconfig', path],
      isolatedEnv({ HTTPS_PROXY: url, NO_PROXY: '.fluxdeck.test' }),
    );
    expect(direct.code).toBe(2);
    expect(direct.stderr).not.toContain('through the proxy');
  });

  it('names the proxy when the connection through it fails', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const path = withCluster(sim.kubeconfigPath, (c) => {
      c['server'] = `https://api.fluxdeck.test:${simPort(sim as SimHandle)}`;
    });
    const result = await status(['--kubeconfig', path], isolatedEnv({ HTTPS_PROXY: 'http://127.0.0.1:9' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('through the proxy http://127.0.0.1:9');
  });

  it('blames tls-server-name, not the certificate authority, when the certificate does not list it', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const path = withCluster(sim.kubeconfigPath, (c) => {
      c['tls-server-name'] = 'wrong.example';
    });
    const result = await status(['--kubeconfig', path], isolatedEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("not valid for wrong.example, the kubeconfig's tls-server-name");
    expect(result.stderr).not.toContain('check the cluster');
  });
});
