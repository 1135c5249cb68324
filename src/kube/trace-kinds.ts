// A kind as people type it to kubectl (`deploy`, `po`, `svc`, `Deployment`, `helmrelease`, `deployments.apps`)
// → the resource the server serves. The well-known built-in kinds and Flux's catalog answer without a
// discovery scan (discovery still confirms the kind is served); any other word is looked up in the server's
// discovery documents — /api/v1, then each group's preferred version — by kind, plural, singular or short
// name, as kubectl's RESTMapper does.
import { findKind } from '../flux/kinds.js';
import { array, str } from '../flux/narrow.js';
import { isKubeError } from './errors.js';
import type { KindResolver } from './inventory-objects.js';
import type { ResourceType } from './paths.js';
import type { Transport } from './transport.js';

export interface ResolvedKind {
  readonly kind: string;
  readonly apiVersion: string;
  readonly resource: ResourceType;
  readonly namespaced: boolean;
}

// [group, version, Kind, short names] — kubectl's own short names for the kinds people trace.
const BUILT_INS: readonly (readonly [string, string, string, readonly string[]])[] = [
  ['', 'v1', 'Pod', ['po']],
  ['', 'v1', 'Service', ['svc']],
  ['', 'v1', 'ConfigMap', ['cm']],
  ['', 'v1', 'Secret', []],
  ['', 'v1', 'ServiceAccount', ['sa']],
  ['', 'v1', 'Namespace', ['ns']],
  ['', 'v1', 'PersistentVolumeClaim', ['pvc']],
  ['apps', 'v1', 'Deployment', ['deploy']],
  ['apps', 'v1', 'ReplicaSet', ['rs']],
  ['apps', 'v1', 'StatefulSet', ['sts']],
  ['apps', 'v1', 'DaemonSet', ['ds']],
  ['batch', 'v1', 'Job', []],
  ['batch', 'v1', 'CronJob', ['cj']],
  ['networking.k8s.io', 'v1', 'Ingress', ['ing']],
];

const plural = (kind: string) => {
  const k = kind.toLowerCase();
  return k.endsWith('s') ? `${k}es` : k.endsWith('y') ? `${k.slice(0, -1)}ies` : `${k}s`;
};

function builtIn(word: string): { group: string; version: string; kind: string } | undefined {
  for (const [group, version, kind, shorts] of BUILT_INS) {
    if (kind.toLowerCase() === word || plural(kind) === word || shorts.includes(word))
      return { group, version, kind };
  }
  return undefined;
}

const apiVersionOf = (group: string, version: string) => (group ? `${group}/${version}` : version);

/** The kind a word names, or a sentence saying why none. */
export async function resolveKindWord(
  transport: Transport,
  resolver: KindResolver,
  typed: string,
  signal?: AbortSignal,
): Promise<ResolvedKind | { readonly why: string }> {
  const lower = typed.toLowerCase();
  // `deployments.apps`: kubectl's resource.group form narrows the scan to one group.
  const dot = lower.indexOf('.');
  const word = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  const candidates: { group: string; version: string; kind: string }[] = [];
  const known = builtIn(word);
  if (known && (group === undefined || group === known.group)) candidates.push(known);
  const flux = findKind(word);
  if (flux && (group === undefined || group === flux.group))
    for (const version of flux.versions) candidates.push({ group: flux.group, version, kind: flux.kind });
  for (const c of candidates) {
    const resolved = await resolver.resolve(c.group, c.version, c.kind);
    if (resolved.ok)
      return {
        kind: c.kind,
        apiVersion: apiVersionOf(c.group, c.version),
        resource: resolved.resource,
        namespaced: resolved.namespaced,
      };
  }
  const scanned = await scanDiscovery(transport, word, group, signal);
  return scanned ?? { why: `the server serves no kind called "${typed}"` };
}

async function scanDiscovery(
  transport: Transport,
  word: string,
  onlyGroup: string | undefined,
  signal: AbortSignal | undefined,
): Promise<ResolvedKind | undefined> {
  const get = (path: string) =>
    transport.request({ path, ...(signal ? { signal } : {}), about: { verb: 'get', resource: path } });
  const versions: { group: string; version: string }[] = [];
  if (onlyGroup === undefined || onlyGroup === '') versions.push({ group: '', version: 'v1' });
  const groups = await get('/apis');
  for (const g of array(groups, 'groups')) {
    const name = str(g, 'name');
    const preferred = str(g, 'preferredVersion', 'version') || str(array(g, 'versions')[0], 'version');
    if (name && preferred && (onlyGroup === undefined || onlyGroup === name))
      versions.push({ group: name, version: preferred });
  }
  for (const { group, version } of versions) {
    let doc: unknown;
    try {
      doc = await get(group ? `/apis/${group}/${version}` : `/api/${version}`);
    } catch (error) {
      if (isKubeError(error) && error.reason !== 'aborted') continue;
      throw error;
    }
    for (const r of array(doc, 'resources')) {
      const name = str(r, 'name');
      const kind = str(r, 'kind');
      if (!name || !kind || name.includes('/')) continue;
      const shorts = array(r, 'shortNames').filter((s): s is string => typeof s === 'string');
      if (
        kind.toLowerCase() === word ||
        name === word ||
        str(r, 'singularName') === word ||
        shorts.includes(word)
      )
        return {
          kind,
          apiVersion: apiVersionOf(group, version),
          resource: { group, version, plural: name },
          namespaced: (r as { namespaced?: unknown }).namespaced === true,
        };
    }
  }
  return undefined;
}
