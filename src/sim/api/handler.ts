// One request, start to end: log it, apply latency, authenticate, route, apply injected faults
// (server errors, RBAC denials), then hand it to the verb's handler. Every error becomes a Status.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRequest, MutableRequestRecord } from '../faults.js';
import { CORE_RESOURCES } from '../resources.js';
import type { ApiContext, ResourceRequest } from './context.js';
import { flag, sendError } from './http.js';
import { handleCreate, handleDelete, handleUpdate } from './mutate.js';
import { respondNonResource } from './non-resource.js';
import { handlePatch } from './patch.js';
import { handlePodLog } from './pod-log.js';
import { handleGet, handleList } from './read.js';
import { parseRoute, type ResourceRoute, type Route } from './routing.js';
import { handleSelfSubjectReview } from './self-subject-review.js';
import { errors, forbidden, qualified } from './status-errors.js';
import { handleWatch } from './watch.js';

export interface HandlerOptions {
  readonly token: string;
  /** host:port, for /api's serverAddressByClientCIDRs. */
  readonly serverAddress: string;
}

/** Paths anyone may read, as the default system:public-info-viewer role allows. */
const PUBLIC = new Set(['version', 'health']);

function verbOf(method: string, route: ResourceRoute, query: URLSearchParams): string | undefined {
  switch (method) {
    case 'GET':
      if (route.subresource !== undefined || (route.name !== undefined && !route.watchPrefix)) return 'get';
      return route.watchPrefix || flag(query, 'watch') ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name === undefined ? 'deletecollection' : 'delete';
    default:
      return undefined;
  }
}

const SUBRESOURCE_VERBS: Record<string, readonly string[]> = {
  status: ['get', 'patch', 'update'],
  log: ['get'],
};

function allowed(route: ResourceRoute, verb: string): boolean {
  if (route.subresource !== undefined) return SUBRESOURCE_VERBS[route.subresource]?.includes(verb) ?? false;
  return route.def.verbs.includes(verb);
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

function trackStatus(res: ServerResponse, record: MutableRequestRecord): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    record.status = typeof args[0] === 'number' ? args[0] : res.statusCode;
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function handleRequest(
  ctx: ApiContext,
  options: HandlerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  const record: MutableRequestRecord = {
    method,
    path: url.pathname,
    query: url.search.slice(1),
    verb: undefined,
    resource: undefined,
    status: 0,
    time: ctx.clock.now(),
  };
  ctx.faults.record(record);
  trackStatus(res, record);
  try {
    if (ctx.faults.latencyMs > 0) await delay(ctx.faults.latencyMs);
    let route: Route | undefined;
    let routeError: unknown;
    try {
      route = parseRoute(url.pathname, ctx.registry);
    } catch (error) {
      routeError = error;
    }
    const resource = route?.type === 'resource' ? route : undefined;
    const verb = resource ? verbOf(method, resource, url.searchParams) : undefined;
    record.verb = verb;
    record.resource = resource?.def.id;
    if (!(route && PUBLIC.has(route.type)) && bearer(req) !== options.token) throw errors.unauthorized();
    const faultRequest: FaultRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      verb,
      resource: resource?.def.id,
      namespace: resource?.namespace,
      name: resource?.name,
      subresource: resource?.subresource,
    };
    const injected = ctx.faults.takeServerError(faultRequest);
    if (injected === 500) throw errors.internal('injected fault');
    if (injected === 503) throw errors.unavailable();
    if (!route) throw routeError;
    if (route.type !== 'resource') {
      if (method !== 'GET' && method !== 'HEAD') throw errors.methodNotAllowed();
      respondNonResource(ctx, options.serverAddress, route, req, res);
      return;
    }
    if (verb === undefined || !allowed(route, verb)) throw errors.methodNotAllowed();
    const def = route.def;
    if (ctx.faults.denies(faultRequest, { id: def.id, plural: def.plural, qualified: qualified(def) })) {
      throw forbidden(def, ctx.user, verb, {
        ...(route.name !== undefined ? { name: route.name } : {}),
        ...(route.namespace !== undefined ? { namespace: route.namespace } : {}),
        ...(route.subresource !== undefined ? { subresource: route.subresource } : {}),
      });
    }
    const rejected = ctx.faults.rejection(faultRequest);
    if (rejected !== undefined) throw errors.internal(rejected);
    await dispatch(ctx, verb, { route, req, res, query: url.searchParams });
  } catch (error) {
    req.resume();
    sendError(res, error);
  }
}

async function dispatch(ctx: ApiContext, verb: string, r: ResourceRequest): Promise<void> {
  if (r.route.subresource === 'log') return handlePodLog(ctx, r);
  if (r.route.def.id === CORE_RESOURCES.selfsubjectreviews) return handleSelfSubjectReview(ctx, r);
  switch (verb) {
    case 'get':
      return handleGet(ctx, r);
    case 'list':
      return handleList(ctx, r);
    case 'watch':
      return handleWatch(ctx, r);
    case 'create':
      return handleCreate(ctx, r);
    case 'update':
      return handleUpdate(ctx, r);
    case 'patch':
      return handlePatch(ctx, r);
    default:
      return handleDelete(ctx, r);
  }
}
