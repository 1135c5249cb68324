// A test's own API server on 127.0.0.1 and the transport that talks to it, both closed after each test.
import type { AddressInfo, Server } from 'node:net';
import { afterEach } from 'vitest';
import type { Transport } from '../../src/kube/transport.js';

export interface Opened {
  server?: Server | undefined;
  transport?: Transport | undefined;
}

/** What a test opens, closed after each test: the transport first, then the server. */
export function closedAfterEach(): Opened {
  const opened: Opened = {};
  afterEach(async () => {
    opened.transport?.close();
    opened.transport = undefined;
    const server = opened.server;
    opened.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return opened;
}

/** Starts `server` on 127.0.0.1 at a free port; the port. */
export async function listenLocally(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
