// A throw-away certificate authority and a server certificate for 127.0.0.1/localhost, generated at
// start, so clients verify TLS against the CA in the kubeconfig exactly as with a real cluster.

import { generate } from 'selfsigned';

export interface SimTls {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function generateTls(now: Date = new Date()): Promise<SimTls> {
  // Valid from a day ago: a virtual clock or a skewed client must not see a not-yet-valid certificate.
  const notBeforeDate = new Date(now.getTime() - DAY_MS);
  const notAfterDate = new Date(now.getTime() + 365 * DAY_MS);
  const common = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate, notAfterDate } as const;
  const ca = await generate([{ name: 'commonName', value: 'fluxdeck-sim-ca' }], {
    ...common,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'fluxdeck-sim' }], {
    ...common,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { caPem: ca.cert, certPem: server.cert, keyPem: server.private };
}
