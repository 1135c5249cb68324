// URL paths of the Kubernetes API, parsed into what a request is about.

import type { ResourceDef, ResourceRegistry } from '../resources.js';
import { errors } from './status-errors.js';

export type Route =
  | { readonly type: 'root' }
  | { readonly type: 'version' }
  | { readonly type: 'health'; readonly check: string }
  | { readonly type: 'openapi'; readonly version: string; readonly rest: readonly string[] }
  | { readonly type: 'core-versions' }
  | { readonly type: 'groups' }
  | { readonly type: 'group'; readonly group: string }
  | { readonly type: 'resources'; readonly group: string; readonly version: string }
  | ResourceRoute;

export interface ResourceRoute {
  readonly type: 'resource';
  readonly def: ResourceDef;
  readonly version: string;
  /** Set for namespaced paths (`/namespaces/{ns}/…`); undefined = cluster scope or all namespaces. */
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
  /** The legacy `/watch/` path prefix. */
  readonly watchPrefix: boolean;
}

const HEALTH = new Set(['healthz', 'readyz', 'livez']);

function segmentsOf(pathname: string): string[] {
  try {
    return pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    throw errors.badRequest(`malformed path: ${pathname}`);
  }
}

export function parseRoute(pathname: string, registry: ResourceRegistry): Route {
  const segments = segmentsOf(pathname);
  const [first, second, third] = segments;
  if (first === undefined) return { type: 'root' };
  if (first === 'version' && segments.length === 1) return { type: 'version' };
  if (HEALTH.has(first)) return { type: 'health', check: first };
  if (first === 'openapi' && second !== undefined) {
    return { type: 'openapi', version: second, rest: segments.slice(2) };
  }
  if (first === 'api') {
    if (second === undefined) return { type: 'core-versions' };
    if (second !== 'v1') throw errors.noSuchResource();
    if (segments.length === 2) return { type: 'resources', group: '', version: 'v1' };
    return resourceRoute(registry, '', 'v1', segments.slice(2));
  }
  if (first === 'apis') {
    if (second === undefined) return { type: 'groups' };
    if (!registry.groups().some((g) => g.name === second)) throw errors.noSuchResource();
    if (third === undefined) return { type: 'group', group: second };
    if (registry.inGroupVersion(second, third).length === 0) throw errors.noSuchResource();
    if (segments.length === 3) return { type: 'resources', group: second, version: third };
    return resourceRoute(registry, second, third, segments.slice(3));
  }
  throw errors.noSuchResource();
}

function resourceRoute(
  registry: ResourceRegistry,
  group: string,
  version: string,
  input: string[],
): ResourceRoute {
  let rest = input;
  const watchPrefix = rest[0] === 'watch';
  if (watchPrefix) rest = rest.slice(1);
  let namespace: string | undefined;
  let plural: string | undefined;
  let name: string | undefined;
  let subresource: string | undefined;
  const namespaceSubresource =
    group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceSubresource) {
    [, namespace, plural, name, subresource] = rest;
    if (rest.length > 5) throw errors.noSuchResource();
  } else {
    [plural, name, subresource] = rest;
    if (rest.length > 3) throw errors.noSuchResource();
  }
  const def = plural === undefined ? undefined : registry.find(group, version, plural);
  if (!def) throw errors.noSuchResource();
  // A namespaced resource has no named cluster-scope path; a cluster-scoped one has no namespaced path.
  if (def.namespaced && namespace === undefined && name !== undefined) throw errors.noSuchResource();
  if (!def.namespaced && namespace !== undefined) throw errors.noSuchResource();
  if (subresource !== undefined && !def.subresources.includes(subresource as 'status' | 'log')) {
    throw errors.noSuchResource();
  }
  if (watchPrefix && subresource !== undefined) throw errors.noSuchResource();
  return { type: 'resource', def, version, namespace, name, subresource, watchPrefix };
}
