// get and list, with label/field selectors, limit/continue pagination and Table output.

import type { SimObject } from '../types.js';
import { tableVersion } from './accept.js';
import type { ApiContext, ResourceRequest } from './context.js';
import { integer, sendJson } from './http.js';
import { groupVersion, present, presentItem } from './output.js';
import { both, matchAll, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { errors } from './status-errors.js';
import { includeObjectOf, toTable } from './table.js';

/** The API server ends the start key with a NUL so the next page begins strictly after it. */
const KEY_END = String.fromCharCode(0);

const keyOf = (o: SimObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

interface ContinueToken {
  readonly rv: number;
  readonly start: string;
}

// The API server's token: base64 of {"v":"meta.k8s.io/v1","rv":<list rv>,"start":"<last key>\u0000"}.
function encodeContinue(rv: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}${KEY_END}` })).toString(
    'base64',
  );
}

function decodeContinue(token: string): ContinueToken {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
    const { v, rv, start } = value as Record<string, unknown>;
    if (v !== 'meta.k8s.io/v1' || typeof rv !== 'number' || typeof start !== 'string')
      throw new Error('bad token');
    return { rv, start: start.endsWith(KEY_END) ? start.slice(0, -1) : start };
  } catch {
    throw errors.badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

export function handleGet(ctx: ApiContext, r: ResourceRequest): void {
  const { def, version, namespace, name } = r.route;
  const object = ctx.store.peek(def.id, namespace, name ?? '');
  if (!object) throw errors.notFound(def, name ?? '');
  const table = tableVersion(r.req.headers.accept);
  if (table) {
    const options = { version: table, includeObject: includeObjectOf(r.query), now: ctx.clock.now() };
    sendJson(
      r.res,
      200,
      toTable([object], def, version, options, { resourceVersion: object.metadata.resourceVersion }),
    );
    return;
  }
  sendJson(r.res, 200, present(object, def, version));
}

export function handleList(ctx: ApiContext, r: ResourceRequest): void {
  const { def, version, namespace } = r.route;
  const labels = parseLabelSelector(r.query.get('labelSelector'));
  const fields = parseFieldSelector(r.query.get('fieldSelector'), def);
  const matcher = both(labels, fields);
  const limit = integer(r.query, 'limit');
  const token = r.query.get('continue');
  let listRv = ctx.store.resourceVersion;
  let objects = ctx.store.peekList(def.id, namespace);
  if (matcher !== matchAll) objects = objects.filter(matcher);
  if (token) {
    const { rv, start } = decodeContinue(token);
    // Pages are served from the current state; a token older than the kept history is expired, as
    // a real API server's is once etcd compacted past it.
    if (rv < ctx.store.oldestResumableVersion) throw errors.expired(EXPIRED_CONTINUE);
    listRv = rv;
    objects = objects.filter((o) => keyOf(o) > start);
  }
  const meta: { resourceVersion: string; continue?: string; remainingItemCount?: number } = {
    resourceVersion: String(listRv),
  };

  if (limit !== undefined && limit > 0 && objects.length > limit) {
    const remaining = objects.length - limit;
    objects = objects.slice(0, limit);
    meta.continue = encodeContinue(listRv, keyOf(objects[objects.length - 1] as SimObject));
    if (matcher === matchAll) meta.remainingItemCount = remaining;
  }
  const table = tableVersion(r.req.headers.accept);
  if (table) {
    const options = { version: table, includeObject: includeObjectOf(r.query), now: ctx.clock.now() };
    sendJson(r.res, 200, toTable(objects, def, version, options, meta));
    return;
  }
  sendJson(r.res, 200, {
    kind: `${def.kind}List`,
    apiVersion: groupVersion(def, version),
    metadata: meta,
    items: objects.map((o) => presentItem(o, def, version)),
  });
}
