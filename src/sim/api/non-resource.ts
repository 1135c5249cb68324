// Paths that are not resources: /, /version, health checks, discovery, OpenAPI.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { aggregatedDiscoveryVersion } from './accept.js';
import type { ApiContext } from './context.js';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroupDocument,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from './discovery.js';
import { sendJson } from './http.js';
import { openApiV3 } from './openapi.js';

import type { Route } from './routing.js';
import { errors } from './status-errors.js';

/** The Kubernetes release the simulated API server claims to be. */
export const SERVER_VERSION = {
  major: '1',
  minor: '34',
  gitVersion: 'v1.34.2',
  gitCommit: '8cc511e399b929453cd98ae65b419c3cc227ec79',
  gitTreeState: 'clean',
  buildDate: '2025-11-11T19:07:56Z',
  goVersion: 'go1.24.9',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function rootPaths(ctx: ApiContext): string[] {
  const groupPaths = ctx.registry
    .groups()
    .flatMap((g) => [`/apis/${g.name}`, ...g.versions.map((v) => `/apis/${g.name}/${v}`)]);
  return [
    '/api',
    '/api/v1',
    '/apis',
    ...groupPaths,
    '/healthz',
    '/livez',
    '/readyz',
    '/openapi/v3',
    '/version',
  ];
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function body(
  ctx: ApiContext,
  serverAddress: string,
  route: Exclude<Route, { type: 'resource' }>,
  aggregated: 'v2' | 'v2beta1' | undefined,
): unknown {
  switch (route.type) {
    case 'root':
      return { paths: rootPaths(ctx) };
    case 'version':
      return SERVER_VERSION;
    case 'health':
      return undefined;
    case 'openapi':
      // Only v3 is published (by respondNonResource); kubectl never needs v2 once v3 answers.
      throw errors.noSuchResource();
    case 'core-versions':
      return aggregated ? aggregatedDiscovery(ctx.registry, true, aggregated) : apiVersions(serverAddress);
    case 'groups':
      return aggregated ? aggregatedDiscovery(ctx.registry, false, aggregated) : apiGroupList(ctx.registry);
    case 'group':
      return apiGroupDocument(ctx.registry, route.group);
    case 'resources':
      return apiResourceList(ctx.registry, route.group, route.version);
  }
}

export function respondNonResource(
  ctx: ApiContext,
  serverAddress: string,
  route: Exclude<Route, { type: 'resource' }>,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (route.type === 'health') {
    sendText(res, 200, 'ok');
    return;
  }
  if (route.type === 'openapi' && route.version === 'v3') {
    const text = openApiV3(ctx.registry, route.rest);
    if (text === undefined) throw errors.noSuchResource();
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  // Only /api and /apis have an aggregated form; kubectl falls back to the legacy documents elsewhere.
  const wanted = aggregatedDiscoveryVersion(req.headers.accept);
  const aggregated = route.type === 'core-versions' || route.type === 'groups' ? wanted : undefined;
  const contentType = aggregated ? aggregatedContentType(aggregated) : 'application/json';
  sendJson(res, 200, body(ctx, serverAddress, route, aggregated), contentType);
}
