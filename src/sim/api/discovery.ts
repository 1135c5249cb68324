// API discovery, in both forms kubectl understands: the legacy documents (/api, /apis, /apis/<g>,
// /apis/<g>/<v>) and aggregated discovery (apidiscovery.k8s.io APIGroupDiscoveryList), which kubectl
// 1.27+ asks for first and which saves it one request per group version.

import type { ResourceDef, ResourceRegistry } from '../resources.js';
import { groupVersion } from './output.js';

const STATUS_VERBS = ['get', 'patch', 'update'];

function subresourceVerbs(sub: string): string[] {
  return sub === 'log' ? ['get'] : STATUS_VERBS;
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function versionEntries(group: string, versions: readonly string[]) {
  return versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
}

function apiGroup(group: { name: string; versions: readonly string[] }) {
  const versions = versionEntries(group.name, group.versions);
  return { name: group.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().map(apiGroup) };
}

export function apiGroupDocument(registry: ResourceRegistry, name: string): Record<string, unknown> {
  const group = registry.groups().find((g) => g.name === name);
  return { kind: 'APIGroup', apiVersion: 'v1', ...(group ? apiGroup(group) : { name, versions: [] }) };
}

export function apiResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> {
  const resources = registry.inGroupVersion(group, version).flatMap((def) => [
    {
      name: def.plural,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: def.verbs,
      ...(def.shortNames.length > 0 ? { shortNames: def.shortNames } : {}),
      ...(def.categories.length > 0 ? { categories: def.categories } : {}),
    },
    ...def.subresources.map((sub) => ({
      name: `${def.plural}/${sub}`,
      singularName: '',
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: subresourceVerbs(sub),
    })),
  ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group }, version),
    resources,
  };
}

function discoveryResource(def: ResourceDef, version: string) {
  const responseKind = { group: def.group, version, kind: def.kind };
  return {
    resource: def.plural,
    responseKind,
    scope: def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: def.singular,
    verbs: def.verbs,
    ...(def.shortNames.length > 0 ? { shortNames: def.shortNames } : {}),
    ...(def.categories.length > 0 ? { categories: def.categories } : {}),
    ...(def.subresources.length > 0
      ? {
          subresources: def.subresources.map((sub) => ({
            subresource: sub,
            responseKind,
            verbs: subresourceVerbs(sub),
          })),
        }
      : {}),
  };
}

function discoveryGroup(registry: ResourceRegistry, name: string, versions: readonly string[]) {
  return {
    metadata: name === '' ? { creationTimestamp: null } : { name, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: registry.inGroupVersion(name, version).map((def) => discoveryResource(def, version)),
      freshness: 'Current',
    })),
  };
}

/** The aggregated document for /api (core only) or /apis (every other group). */
export function aggregatedDiscovery(
  registry: ResourceRegistry,
  core: boolean,
  version: 'v2' | 'v2beta1',
): Record<string, unknown> {
  const items = core
    ? [discoveryGroup(registry, '', ['v1'])]
    : registry.groups().map((g) => discoveryGroup(registry, g.name, g.versions));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
