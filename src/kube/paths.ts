// REST paths of the resources the console reads. Names are URI-encoded: they come from the cluster or the
// user and must never change the path's shape.

export interface ResourceType {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

function base(r: ResourceType): string {
  return r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
}

/** The collection in one namespace, or across all namespaces when namespace is undefined. */
export function collectionPath(r: ResourceType, namespace: string | undefined): string {
  const ns = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${base(r)}${ns}/${r.plural}`;
}

export function objectPath(r: ResourceType, namespace: string, name: string): string {
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}

/** `helmreleases.helm.toolkit.fluxcd.io`, or just `pods` for the core group, as kubectl names them. */
export function resourceName(r: Pick<ResourceType, 'group' | 'plural'>): string {
  return r.group === '' ? r.plural : `${r.plural}.${r.group}`;
}

export const PODS: ResourceType = { group: '', version: 'v1', plural: 'pods' };
export const EVENTS: ResourceType = { group: '', version: 'v1', plural: 'events' };
export const SECRETS: ResourceType = { group: '', version: 'v1', plural: 'secrets' };
export const DEPLOYMENTS: ResourceType = { group: 'apps', version: 'v1', plural: 'deployments' };
export const STATEFULSETS: ResourceType = { group: 'apps', version: 'v1', plural: 'statefulsets' };
export const DAEMONSETS: ResourceType = { group: 'apps', version: 'v1', plural: 'daemonsets' };
