// The one HTTP(S) client of the console: requests and streams to the API server over a keep-alive agent
// with the kubeconfig's TLS settings (verification stays on unless the kubeconfig says
// insecure-skip-tls-verify), credentials per request, errors as KubeErrors, and close() that leaves no
// socket open.
import type * as Http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import type * as Tls from 'node:tls';
import {
  type CredentialSource,
  type Credentials,
  credentialSource,
  type TlsOptions,
  tlsOptions,
} from './auth.js';
import { errorFromNetwork, errorFromResponse, KubeError, type RequestContext } from './errors.js';
import type { ResolvedKubeconfig } from './kubeconfig.js';
import type { TerminalAccess } from './terminal-access.js';

// Required, not imported: the ESM facade of node:http reads every export, and one of them lazily loads
// Node's bundled undici (and http2, tls …) — tens of milliseconds `fluxdeck status` cannot spare.
const require = createRequire(import.meta.url);
const https = require('node:https') as typeof Https;
const http = require('node:http') as typeof Http;
const tlsModule = require('node:tls') as typeof Tls;

/**
 * One TLS context for every connection of an agent: given only the PEM options, Node builds a context
 * (parsing the CA and the client key) for each connection, and a start opens ~25 at once (measured on the
 * one-shot read: 11 ms of CPU). When the PEM does not load, each connection fails on its own as before,
 * with the error a request reports.
 */
function sharedContext({ ca, cert, key }: TlsOptions): Tls.SecureContext | undefined {
  try {
    return tlsModule.createSecureContext({
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
    });
  } catch {
    return undefined;
  }
}

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
  readonly method?: 'GET' | 'PATCH' | 'DELETE' | 'POST' | 'PUT';
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal | undefined;
  /** Socket inactivity limit; default 30 s. */
  readonly timeoutMs?: number;
  /** What the request is about, for error messages. */
  readonly about: Omit<RequestContext, 'server' | 'user'>;
}

export interface Transport {
  readonly server: string;
  readonly userName: string;
  /** Parsed JSON of a 2xx answer; anything else is thrown as a KubeError. */
  request(request: HttpRequest): Promise<unknown>;
  /** The response stream of a 200 answer (watch, logs); anything else is thrown as a KubeError. */
  openStream(request: HttpRequest): Promise<IncomingMessage>;
  close(): void;
}

export function buildUrl(server: string, path: string, query?: Readonly<Record<string, QueryValue>>): URL {
  const url = new URL(server.replace(/\/$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url;
}

async function proxyAgent(config: ResolvedKubeconfig): Promise<Http.Agent> {
  // Rare enough to pay for client-node's full KubeConfig, which knows http(s) and socks proxies.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [config.cluster],
    users: config.user ? [config.user] : [],
    contexts: [{ name: config.context, cluster: config.cluster.name, user: config.user?.name ?? '' }],
    currentContext: config.context,
  });
  const opts: Https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  return opts.agent as Http.Agent;
}

export interface TransportOptions {
  /** Where an interactive exec plug-in gets the terminal; default the process's own (no screen to pause). */
  readonly terminal?: TerminalAccess | undefined;
  /**
   * At most this many connections at once; more requests wait for one to be free and reuse it. Only for
   * reads that end (a watch holds its connection for as long as it runs); default: no limit.
   */
  readonly maxConnections?: number | undefined;
}

export function createTransport(config: ResolvedKubeconfig, options: TransportOptions = {}): Transport {
  const server = config.cluster.server.replace(/\/$/, '');
  const secure = server.startsWith('https:');
  const tls: TlsOptions = tlsOptions(config.cluster, config.user);
  const credentials: CredentialSource = credentialSource(config.user, { terminal: options.terminal });
  const network = {
    server,
    proxy: config.cluster.proxyUrl || undefined,
    tlsServerName: config.cluster.tlsServerName || undefined,
  };
  const agents = new Map<string, Http.Agent>();
  const limit = options.maxConnections === undefined ? {} : { maxSockets: options.maxConnections };
  let proxy: Promise<Http.Agent> | undefined;
  const live = new Set<Http.ClientRequest>();
  let closed = false;

  async function agentFor(creds: Credentials): Promise<Http.Agent> {
    if (config.cluster.proxyUrl) {
      proxy ??= proxyAgent(config);
      return proxy;
    }
    const cert = creds.cert ?? tls.cert;
    const key = creds.key ?? tls.key;
    const id = `${String(cert ?? '')}|${String(key ?? '')}`;
    let agent = agents.get(id);
    if (!agent) {
      if (secure) {
        const options = { ...tls, ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
        const secureContext = sharedContext(options);
        agent = new https.Agent({
          keepAlive: true,
          ...limit,
          ...options,
          ...(secureContext ? { secureContext } : {}),
        });
      } else agent = new http.Agent({ keepAlive: true, ...limit });
      agents.set(id, agent);
    }
    return agent;
  }

  function context(about: HttpRequest['about']): RequestContext {
    return { ...about, server, user: config.userName };
  }

  async function send(request: HttpRequest, retried = false): Promise<IncomingMessage> {
    if (closed) throw new KubeError('aborted', 'the connection to the cluster was closed');
    const creds = await credentials.get();
    const agent = await agentFor(creds);
    const url = buildUrl(server, request.path, request.query);
    const payload = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
    const headers: Record<string, string | string[]> = {
      ...(creds.headers as Record<string, string | string[]>),
      Accept: 'application/json',
    };
    if (payload) {
      headers['Content-Type'] = request.contentType ?? 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = (secure ? https : http).request(url, {
        method: request.method ?? 'GET',
        headers,
        agent,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      live.add(req);
      req.once('close', () => live.delete(req));
      req.setTimeout(request.timeoutMs ?? 30_000, () => {
        const timeout = new Error('the request timed out');
        (timeout as { code?: string }).code = 'KUBE_TIMEOUT';
        req.destroy(timeout);
      });
      req.once('response', resolve);
      req.on('error', (error) => reject(errorFromNetwork(error, network)));
      req.end(payload);
    });
    if (response.statusCode === 401 && !retried && credentials.invalidate()) {
      response.resume();
      return send(request, true);
    }
    return response;
  }

  function readBody(response: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => resolve(Buffer.concat(chunks)));
      response.once('error', (error) => reject(errorFromNetwork(error, network)));
      response.once('aborted', () => reject(errorFromNetwork(new Error('connection reset'), network)));
    });
  }

  async function failure(response: IncomingMessage, about: HttpRequest['about']): Promise<KubeError> {
    const raw = await readBody(response).catch(() => Buffer.alloc(0));
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    return errorFromResponse(response.statusCode ?? 0, body, context(about));
  }

  return {
    server,
    userName: config.userName,
    async request(request) {
      const response = await send(request);
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) throw await failure(response, request.about);
      const raw = await readBody(response);
      if (raw.length === 0) return undefined;
      try {
        return JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        throw new KubeError('server', `the API server at ${server} sent an answer that is not JSON`, status);
      }
    },
    async openStream(request) {
      const response = await send(request);
      if (response.statusCode !== 200) throw await failure(response, request.about);
      return response;
    },
    close() {
      closed = true;
      for (const req of live) req.destroy();
      live.clear();
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
      void proxy?.then(
        (a) => a.destroy(),
        () => undefined,
      );
    },
  };
}
