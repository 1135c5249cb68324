// PATCH with the media types the API server accepts: JSON merge patch, JSON patch, strategic merge
// patch (built-in kinds only: custom resources answer 415, as a real API does), and server-side apply
// (approximated as a merge patch that creates the object when absent).

import { parse as parseYaml } from 'yaml';
import { isRecord } from '../deep.js';
import type { ApiContext, ResourceRequest } from './context.js';
import { mediaType, readBody } from './http.js';
import { applyJsonPatch, PatchApplyError, PatchSyntaxError, parseJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { createFromBody, writeUpdate } from './mutate.js';
import { present } from './output.js';
import { errors } from './status-errors.js';
import { checkNameAndNamespace, forUpdate } from './write-rules.js';

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const APPLY = 'application/apply-patch+yaml';

function parsePatchBody(text: string, type: string): unknown {
  try {
    return type === APPLY ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(`error decoding patch: ${(error as Error).message}`);
  }
}

export async function handlePatch(ctx: ApiContext, r: ResourceRequest): Promise<void> {
  const { def, version, namespace, name } = r.route;
  if (name === undefined) throw errors.methodNotAllowed();
  const type = mediaType(r.req);
  const accepted = def.custom
    ? [JSON_PATCH, MERGE_PATCH, APPLY]
    : [JSON_PATCH, MERGE_PATCH, STRATEGIC, APPLY];
  if (!accepted.includes(type)) throw errors.unsupportedMediaType(accepted);
  const patch = parsePatchBody((await readBody(r.req)).toString('utf8'), type);
  const current = ctx.store.peek(def.id, namespace, name);
  if (!current) {
    if (type === APPLY && isRecord(patch) && r.route.subresource === undefined) {
      checkNameAndNamespace(r.route, patch);
      createFromBody(ctx, r, patch, patch);
      return;
    }
    throw errors.notFound(def, name);
  }
  const served = present(current, def, version);
  let patched: unknown;
  if (type === JSON_PATCH) {
    try {
      patched = applyJsonPatch(served, parseJsonPatch(patch));
    } catch (error) {
      if (error instanceof PatchSyntaxError) throw errors.badRequest(error.message);
      if (error instanceof PatchApplyError) throw errors.patchRejected(error.message);
      throw error;
    }
  } else {
    // Strategic merge differs from a merge patch only for lists with merge keys; close enough here.
    if (!isRecord(patch)) throw errors.badRequest('the patch must be a JSON object');
    patched = applyMergePatch(served, patch);
  }
  if (!isRecord(patched)) throw errors.patchRejected('the patched document is not an object');
  checkNameAndNamespace(r.route, patched);
  const applied = type === APPLY && isRecord(patch) ? patch : undefined;
  writeUpdate(ctx, r, forUpdate(def, r.route, current, patched), current, applied);
}
