// Rules the API server applies to every write, whatever the verb: server-owned metadata cannot be set
// by clients, the status subresource separates status from the rest, names and namespaces must match
// the URL.

import { deepCopy, isRecord, type KubeJson, type MetaJson } from '../deep.js';
import type { ResourceDef } from '../resources.js';
import type { SimObject } from '../types.js';
import type { ResourceRoute } from './routing.js';
import { errors } from './status-errors.js';

const SERVER_OWNED = [
  'uid',
  'creationTimestamp',
  'generation',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
] as const;

export function metadataOf(body: KubeJson): MetaJson {
  return isRecord(body.metadata) ? body.metadata : {};
}

/** The URL and the body must name the same object (handlers/rest.go checkName). */
export function checkNameAndNamespace(route: ResourceRoute, body: KubeJson): void {
  const meta = metadataOf(body);
  if (route.name !== undefined && meta.name !== route.name) {
    const given = typeof meta.name === 'string' ? meta.name : '';
    throw errors.badRequest(
      `the name of the object (${given}) does not match the name on the URL (${route.name})`,
    );
  }
  checkNamespace(route, meta);
}

export function checkNamespace(route: ResourceRoute, meta: MetaJson): void {
  const ns = meta.namespace;
  if (route.def.namespaced && typeof ns === 'string' && ns !== '' && ns !== route.namespace) {
    throw errors.badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
}

/** A body as the store will receive it for a create: server-owned fields dropped, status reset. */
export function forCreate(def: ResourceDef, route: ResourceRoute, body: KubeJson): SimObject {
  const object: KubeJson = deepCopy(body);
  const meta: MetaJson = { ...metadataOf(object) };
  for (const key of [...SERVER_OWNED, 'resourceVersion'] as const) delete meta[key];
  if (def.namespaced) meta.namespace = route.namespace;
  else delete meta.namespace;
  object.metadata = meta;
  object.kind = def.kind;
  if (def.subresources.includes('status')) delete object.status;
  if (def.id === 'namespaces') {
    object.spec = { finalizers: ['kubernetes'], ...(isRecord(object.spec) ? object.spec : {}) };
    object.status = { phase: 'Active' };
  }
  return object as SimObject;
}

/**
 * The object to store for an update or patch of `current`: through /status only status changes, through
 * the main resource everything but status (when the kind has the status subresource); server-owned
 * metadata is kept from the stored object. The body's resourceVersion is kept for the conflict check.
 */
export function forUpdate(
  def: ResourceDef,
  route: ResourceRoute,
  current: SimObject,
  body: KubeJson,
): SimObject {
  const requestedVersion = metadataOf(body).resourceVersion;
  const stored: KubeJson = current;
  let next: KubeJson;
  if (route.subresource === 'status') {
    next = deepCopy(stored);
    if (body.status === undefined) delete next.status;
    else next.status = deepCopy(body.status);
  } else {
    next = deepCopy(body);
    const meta: MetaJson = { ...metadataOf(next) };
    const storedMeta: MetaJson = current.metadata;
    for (const key of SERVER_OWNED) {
      if (storedMeta[key] === undefined) delete meta[key];
      else meta[key] = storedMeta[key];
    }
    next.metadata = meta;
    if (def.subresources.includes('status')) {
      if (stored.status === undefined) delete next.status;
      else next.status = deepCopy(stored.status);
    }
  }
  const meta: MetaJson = isRecord(next.metadata) ? next.metadata : {};
  next.metadata = meta;
  meta.name = current.metadata.name;
  if (def.namespaced) meta.namespace = current.metadata.namespace;
  meta.resourceVersion = typeof requestedVersion === 'string' ? requestedVersion : '';
  next.kind = def.kind;
  next.apiVersion = current.apiVersion;
  return next as SimObject;
}
