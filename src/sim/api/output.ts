// How stored (version-agnostic) objects leave the server: with the apiVersion of the request path.

import type { ResourceDef } from '../resources.js';
import type { SimObject } from '../types.js';

export function groupVersion(def: Pick<ResourceDef, 'group'>, version: string): string {
  return def.group === '' ? version : `${def.group}/${version}`;
}

/** The object as served at `version`; a shallow copy, so the stored object is never touched. */
export function present(object: SimObject, def: ResourceDef, version: string): Record<string, unknown> {
  const apiVersion = groupVersion(def, version);
  return Object.assign({ apiVersion, kind: def.kind }, object, { apiVersion, kind: def.kind });
}

/**
 * A list item. Built-in lists omit kind/apiVersion on items (the real API encodes them as typed lists);
 * custom resources are unstructured and keep them. Clients that rely on item.kind break on a real
 * cluster, so the simulator does the same.
 */
export function presentItem(object: SimObject, def: ResourceDef, version: string): Record<string, unknown> {
  if (def.custom) return present(object, def, version);
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = object;
  return rest;
}
