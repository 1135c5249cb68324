// The transport's connection limit (one-shot reads: src/kube/one-shot.ts ONE_SHOT_CONNECTIONS): requests
// beyond it wait for a connection and reuse it, none is lost. The server here answers a batch of requests
// only once all of the batch are in flight, so how many ran at once is what the transport allowed, not how
// fast anything happened.
import { createServer, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { resolveKubeconfig } from '../../src/kube/kubeconfig.js';
import { ONE_SHOT_CONNECTIONS, oneShotTransport } from '../../src/kube/one-shot.js';
import { createTransport, type Transport } from '../../src/kube/transport.js';
import { kubeconfigFile } from '../support/config-files.js';
import { closedAfterEach, listenLocally } from '../support/local-api.js';

const opened = closedAfterEach();

/** A server on 127.0.0.1 that answers `total` requests in batches of `batch` held until all are in. */
async function batchingServer(total: number, batch: number) {
  const held: ServerResponse[] = [];
  const seen = { connections: 0, mostAtOnce: 0, answered: 0 };
  const server = createServer((_req, res) => {
    held.push(res);
    seen.mostAtOnce = Math.max(seen.mostAtOnce, held.length);
    if (held.length < Math.min(batch, total - seen.answered)) return;
    for (const waiting of held.splice(0)) {
      seen.answered++;
      waiting.setHeader('Content-Type', 'application/json');
      waiting.end('{}');
    }
  });
  server.on('connection', () => seen.connections++);
  opened.server = server;
  const url = `http://127.0.0.1:${await listenLocally(server)}`;
  const kubeconfigPath = kubeconfigFile({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'local',
    clusters: [{ name: 'local', cluster: { server: url } }],
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: [{ name: 'local', context: { cluster: 'local', user: 'u' } }],
  });
  return { config: resolveKubeconfig({ kubeconfigPath, env: {} }), kubeconfigPath, seen };
}

function ask(t: Transport, count = 10) {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      t.request({ path: `/api/v1/namespaces/ns-${i}`, about: { verb: 'get', resource: 'namespaces' } }),
    ),
  );
}

describe('the connection limit', () => {
  it('keeps at most that many connections, and the waiting requests reuse them', async () => {
    const { config, seen } = await batchingServer(10, 3);
    opened.transport = createTransport(config, { maxConnections: 3 });
    expect(await ask(opened.transport)).toHaveLength(10);
    expect(seen).toEqual({ connections: 3, mostAtOnce: 3, answered: 10 });
  });

  it('without one, asks everything at once on as many connections', async () => {
    const { config, seen } = await batchingServer(10, 10);
    opened.transport = createTransport(config);
    expect(await ask(opened.transport)).toHaveLength(10);
    expect(seen).toEqual({ connections: 10, mostAtOnce: 10, answered: 10 });
  });

  it('is what a one-shot read (status, report) keeps to: ~28 lists on at most ONE_SHOT_CONNECTIONS', async () => {
    const { kubeconfigPath, seen } = await batchingServer(28, ONE_SHOT_CONNECTIONS);
    const { transport } = oneShotTransport({ kubeconfigPath, env: {} });
    opened.transport = transport;
    expect(await ask(transport, 28)).toHaveLength(28);
    expect(seen).toEqual({
      connections: ONE_SHOT_CONNECTIONS,
      mostAtOnce: ONE_SHOT_CONNECTIONS,
      answered: 28,
    });
  });
});
