// The HTTPS listener on 127.0.0.1: serves the handler, tracks sockets so it can go away (and come back
// on the same port with the same certificate) or stop without leaving a connection open.

import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { ApiContext } from './context.js';
import { handleRequest } from './handler.js';

export interface ApiServerOptions {
  readonly ctx: ApiContext;
  readonly port: number;
  readonly certPem: string;
  readonly keyPem: string;
  readonly token: string;
}

export interface ApiServer {
  readonly port: number;
  readonly url: string;
  readonly away: boolean;
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { ctx } = options;
  const sockets = new Set<Socket>();
  let serverAddress = `${HOST}:${options.port}`;
  const server = createServer({ key: options.keyPem, cert: options.certPem }, (req, res) => {
    handleRequest(ctx, { token: options.token, serverAddress }, req, res).catch((error: unknown) => {
      console.error('fluxdeck sim: request failed', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that drops mid-handshake is not our concern; do not let it crash the simulator.
  server.on('tlsClientError', () => {});

  const port = await listen(server, options.port);
  serverAddress = `${HOST}:${port}`;
  let away = false;
  let stopped = false;

  const close = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    // Destroyed sockets close their responses; this releases any stream whose close event is pending.
    ctx.watches.end();
    await closed;
  };

  return {
    port,
    url: `https://${HOST}:${port}`,
    get away() {
      return away;
    },
    async goAway() {
      if (away || stopped) return;
      away = true;
      await close();
    },
    async comeBack() {
      if (!away || stopped) return;
      await listen(server, port);
      away = false;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!away) await close();
      ctx.watches.end();
    },
  };
}
