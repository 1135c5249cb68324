// create (POST), update (PUT) and delete (DELETE, one object or a collection).

import type { KubeJson, MetaJson } from '../deep.js';
import { requestManager } from '../managed-fields.js';
import { randomSuffix } from '../random.js';

import type { ResourceDef } from '../resources.js';
import type { SimObject, Writer, Writers } from '../types.js';
import type { ApiContext, ResourceRequest } from './context.js';
import { readBody, readObject, sendJson } from './http.js';
import { groupVersion, present, presentItem } from './output.js';
import { both, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { ApiError, errors, fromStoreError, qualified } from './status-errors.js';
import { checkNameAndNamespace, checkNamespace, forCreate, forUpdate, metadataOf } from './write-rules.js';

const isDryRun = (query: URLSearchParams): boolean => query.getAll('dryRun').includes('All');

/** Who a request writes as (managedFields): its field manager, Apply for server-side apply. */
export function requestWriters(r: ResourceRequest, applied?: KubeJson): Writers {
  const writer: Writer = {
    manager: requestManager(r.query.get('fieldManager'), r.req.headers['user-agent']),
    operation: applied ? 'Apply' : 'Update',
    ...(applied ? { applied } : {}),
  };
  return { main: writer, status: writer };
}

function checkTypeMeta(def: ResourceDef, version: string, body: KubeJson): void {
  const expected = groupVersion(def, version);
  if (typeof body.apiVersion === 'string' && body.apiVersion !== expected) {
    throw errors.badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (typeof body.kind === 'string' && body.kind !== def.kind) {
    throw errors.badRequest(
      `the kind in the data (${body.kind}) does not match the expected kind (${def.kind})`,
    );
  }
}

export async function handleCreate(ctx: ApiContext, r: ResourceRequest): Promise<void> {
  const { def, namespace } = r.route;
  if (r.route.name !== undefined || (def.namespaced && namespace === undefined))
    throw errors.methodNotAllowed();
  createFromBody(ctx, r, await readObject(r.req));
}

/** Creates the object described by `body` at the route's namespace (POST, or server-side apply of a new object). */
export function createFromBody(
  ctx: ApiContext,
  r: ResourceRequest,
  body: KubeJson,
  applied?: KubeJson,
): void {
  const { def, version, namespace } = r.route;
  checkTypeMeta(def, version, body);
  const meta = metadataOf(body);
  checkNamespace(r.route, meta);
  let name = typeof meta.name === 'string' ? meta.name : '';
  if (name === '' && typeof meta.generateName === 'string' && meta.generateName !== '') {
    name = `${meta.generateName}${randomSuffix(ctx.random)}`;
  }
  if (name === '') {
    throw errors.invalid(def, '', [
      { field: 'metadata.name', message: 'Required value: name or generateName is required' },
    ]);
  }
  if (namespace !== undefined && !ctx.store.peek('namespaces', undefined, namespace)) {
    throw errors.notFound({ group: '', plural: 'namespaces' }, namespace);
  }
  const object = forCreate(def, r.route, { ...body, metadata: { ...meta, name } });
  if (isDryRun(r.query)) {
    if (ctx.store.peek(def.id, namespace, name)) throw errors.alreadyExists(def, name);
    sendJson(r.res, 201, present(object, def, version));
    return;
  }
  try {
    sendJson(r.res, 201, present(ctx.store.create(def.id, object, requestWriters(r, applied)), def, version));
  } catch (error) {
    throw fromStoreError(error, def, name);
  }
}

export async function handleUpdate(ctx: ApiContext, r: ResourceRequest): Promise<void> {
  const { def, version, namespace, name } = r.route;
  if (name === undefined) throw errors.methodNotAllowed();
  const body = await readObject(r.req);
  checkTypeMeta(def, version, body);
  checkNameAndNamespace(r.route, body);
  const current = ctx.store.peek(def.id, namespace, name);
  if (!current) throw errors.notFound(def, name);
  const next = forUpdate(def, r.route, current, body);
  // Custom resources do not allow unconditional updates (the CRD registry's AllowUnconditionalUpdate).
  if (def.custom && next.metadata.resourceVersion === '') {
    throw errors.invalid(def, name, [
      { field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' },
    ]);
  }
  writeUpdate(ctx, r, next, current);
}

/** Stores an update (or reports what it would store on dry run) and answers with the result. */
export function writeUpdate(
  ctx: ApiContext,
  r: ResourceRequest,
  next: SimObject,
  current: SimObject,
  applied?: KubeJson,
): void {
  const { def, version } = r.route;
  const name = current.metadata.name;
  if (isDryRun(r.query)) {
    if (next.metadata.resourceVersion && next.metadata.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.conflict(def, name);
    }
    sendJson(
      r.res,
      200,
      present(
        { ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } },
        def,
        version,
      ),
    );
    return;
  }
  try {
    sendJson(r.res, 200, present(ctx.store.update(def.id, next, requestWriters(r, applied)), def, version));
  } catch (error) {
    throw fromStoreError(error, def, name);
  }
}

interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

async function deleteOptions(r: ResourceRequest): Promise<Preconditions> {
  const text = (await readBody(r.req)).toString('utf8').trim();
  if (text === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(`error decoding DeleteOptions: ${(error as Error).message}`);
  }
  const pre = (body as { preconditions?: unknown }).preconditions;
  if (typeof pre !== 'object' || pre === null) return {};
  const { uid, resourceVersion } = pre as Record<string, unknown>;
  return {
    ...(typeof uid === 'string' ? { uid } : {}),
    ...(typeof resourceVersion === 'string' ? { resourceVersion } : {}),
  };
}

function checkPreconditions(def: ResourceDef, object: SimObject, pre: Preconditions): void {
  const name = object.metadata.name;
  const prefix = `Operation cannot be fulfilled on ${qualified(def)} "${name}":`;
  if (pre.uid !== undefined && pre.uid !== object.metadata.uid) {
    throw new ApiError(
      409,
      'Conflict',
      `${prefix} the UID in the precondition (${pre.uid}) does not match the UID in record (${object.metadata.uid}). The object might have been deleted and then recreated`,
      { name, ...(def.group ? { group: def.group } : {}), kind: def.plural },
    );
  }
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== object.metadata.resourceVersion) {
    throw new ApiError(
      409,
      'Conflict',
      `${prefix} the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${object.metadata.resourceVersion}). The object might have been modified`,
      { name, ...(def.group ? { group: def.group } : {}), kind: def.plural },
    );
  }
}

/** Deletes one object as the API does: objects with finalizers only get a deletionTimestamp. */
function deleteObject(ctx: ApiContext, def: ResourceDef, object: SimObject): SimObject {
  const { namespace, name } = object.metadata;
  const finalizers = (object.metadata as MetaJson).finalizers;
  if (Array.isArray(finalizers) && finalizers.length > 0) {
    if (object.metadata.deletionTimestamp) return object;
    const at = new Date(ctx.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return ctx.store.mutate(def.id, namespace, name, (o) => {
      const meta: MetaJson = o.metadata;
      meta.deletionTimestamp = at;
      meta.deletionGracePeriodSeconds = 0;
    });
  }
  if (def.id === 'namespaces') {
    // The namespace controller removes everything inside before the namespace itself.
    for (const other of ctx.registry.served()) {
      if (!other.namespaced) continue;
      for (const item of ctx.store.peekList(other.id, name)) {
        ctx.store.delete(other.id, item.metadata.namespace, item.metadata.name);
      }
    }
  }
  return ctx.store.delete(def.id, namespace, name);
}

export async function handleDelete(ctx: ApiContext, r: ResourceRequest): Promise<void> {
  const { def, version, namespace, name } = r.route;
  const pre = await deleteOptions(r);
  if (name === undefined) {
    handleDeleteCollection(ctx, r);
    return;
  }
  const object = ctx.store.peek(def.id, namespace, name);
  if (!object) throw errors.notFound(def, name);
  checkPreconditions(def, object, pre);
  if (isDryRun(r.query)) {
    sendJson(r.res, 200, present(object, def, version));
    return;
  }
  sendJson(r.res, 200, present(deleteObject(ctx, def, object), def, version));
}

function handleDeleteCollection(ctx: ApiContext, r: ResourceRequest): void {
  const { def, version, namespace } = r.route;
  if (!def.verbs.includes('deletecollection')) throw errors.methodNotAllowed();
  const matches = both(
    parseLabelSelector(r.query.get('labelSelector')),
    parseFieldSelector(r.query.get('fieldSelector'), def),
  );
  const targets = ctx.store.peekList(def.id, namespace).filter(matches);
  const deleted = isDryRun(r.query) ? targets : targets.map((o) => deleteObject(ctx, def, o));
  sendJson(r.res, 200, {
    kind: `${def.kind}List`,
    apiVersion: groupVersion(def, version),
    metadata: { resourceVersion: String(ctx.store.resourceVersion) },
    items: deleted.map((o) => presentItem(o, def, version)),
  });
}
