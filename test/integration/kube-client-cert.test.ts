// Client certificates (kubeconfig client-certificate-data / client-key-data), as kind, kubeadm and k3s
// clusters hand out: every connection of the transport presents the certificate (they share one TLS
// context, src/kube/transport.ts). The server here insists on it at the handshake, so a connection
// without it fails.
import { createServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { resolveKubeconfig } from '../../src/kube/kubeconfig.js';
import { createTransport } from '../../src/kube/transport.js';
import { kubeconfigFile } from '../support/config-files.js';
import { closedAfterEach, listenLocally } from '../support/local-api.js';

const DAY = 24 * 60 * 60 * 1000;
const common = {
  keyType: 'ec',
  curve: 'P-256',
  algorithm: 'sha256',
  notBeforeDate: new Date(Date.now() - DAY),
  notAfterDate: new Date(Date.now() + DAY),
} as const;

async function authority(name: string) {
  return generate([{ name: 'commonName', value: name }], {
    ...common,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true },
    ],
  });
}

async function signed(
  ca: { private: string; cert: string },
  name: string,
  usage: 'serverAuth' | 'clientAuth',
) {
  return generate([{ name: 'commonName', value: name }], {
    ...common,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', [usage]: true },
      ...(usage === 'serverAuth'
        ? [{ name: 'subjectAltName' as const, altNames: [{ type: 7 as const, ip: '127.0.0.1' }] }]
        : []),
    ],
  });
}

const opened = closedAfterEach();

/** An API server on 127.0.0.1 that requires a client certificate from `clientCa` and answers who it was. */
async function mutualTlsServer(clientCa: string) {
  const serverCa = await authority('test-server-ca');
  const serving = await signed(serverCa, 'test-apiserver', 'serverAuth');
  const peers = new Set<number>();
  const server = createServer(
    { key: serving.private, cert: serving.cert, ca: clientCa, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      peers.add(socket.remotePort ?? 0);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ user: socket.getPeerCertificate().subject?.CN ?? '' }));
    },
  );
  opened.server = server;
  const port = await listenLocally(server);
  return { url: `https://127.0.0.1:${port}`, serverCa: serverCa.cert, peers };
}

function kubeconfig(url: string, serverCa: string, client: { cert: string; private: string }): string {
  const b64 = (pem: string) => Buffer.from(pem).toString('base64');
  return kubeconfigFile({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'kind',
    clusters: [{ name: 'kind', cluster: { server: url, 'certificate-authority-data': b64(serverCa) } }],
    users: [
      {
        name: 'kind-admin',
        user: { 'client-certificate-data': b64(client.cert), 'client-key-data': b64(client.private) },
      },
    ],
    contexts: [{ name: 'kind', context: { cluster: 'kind', user: 'kind-admin' } }],
  });
}

const about = { verb: 'get', resource: 'namespaces' } as const;

describe('client certificates', () => {
  it('presents the certificate on every connection, parallel requests included', async () => {
    const clientCa = await authority('test-client-ca');
    const admin = await signed(clientCa, 'kubernetes-admin', 'clientAuth');
    const api = await mutualTlsServer(clientCa.cert);
    const config = resolveKubeconfig({
      kubeconfigPath: kubeconfig(api.url, api.serverCa, admin),
      env: {},
    });
    const t = createTransport(config);
    opened.transport = t;
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => t.request({ path: '/api/v1/namespaces', about })),
    );
    expect(answers).toEqual(Array(4).fill({ user: 'kubernetes-admin' }));
    // Four requests at once, four connections: each made its own handshake with the shared context.
    expect(api.peers.size).toBe(4);
  });
});
