// A minimal OpenAPI v3 publication: the index (/openapi/v3) and one document per group version with
// the operations of each resource. No schemas — just enough for kubectl's field-validation probe
// (cli-runtime QueryParamVerifierV3 looks for a `fieldValidation` query parameter on the PATCH
// operation of the kind), so `kubectl create/apply` hand validation to the server instead of failing
// to download a schema.

import { createHash } from 'node:crypto';
import type { ResourceDef, ResourceRegistry } from '../resources.js';
import { groupVersion } from './output.js';

const FIELD_VALIDATION = {
  name: 'fieldValidation',
  in: 'query',
  description:
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
  schema: { type: 'string', uniqueItems: true },
};

const DRY_RUN = {
  name: 'dryRun',
  in: 'query',
  description: 'When present, indicates that modifications should not be persisted.',
  schema: { type: 'string', uniqueItems: true },
};

function pathPrefix(def: ResourceDef, version: string): string {
  return def.group === '' ? `/api/${version}` : `/apis/${def.group}/${version}`;
}

function operationId(verb: string, def: ResourceDef, version: string): string {
  const group = def.group
    .split('.')
    .map((p) => (p === '' ? '' : p[0]?.toUpperCase() + p.slice(1)))
    .join('');
  const v = version[0]?.toUpperCase() + version.slice(1);
  return `${verb}${group || 'Core'}${v}${def.namespaced ? 'Namespaced' : ''}${def.kind}`;
}

function operation(verb: string, action: string, def: ResourceDef, version: string, parameters: unknown[]) {
  return {
    operationId: operationId(verb, def, version),
    parameters,
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: def.group, version, kind: def.kind },
  };
}

function resourcePaths(def: ResourceDef, version: string): Record<string, unknown> {
  const base = `${pathPrefix(def, version)}${def.namespaced ? '/namespaces/{namespace}' : ''}/${def.plural}`;
  const write = [DRY_RUN, FIELD_VALIDATION];
  const paths: Record<string, unknown> = {
    [base]: {
      get: operation('list', 'list', def, version, []),
      post: operation('create', 'post', def, version, write),
    },
    [`${base}/{name}`]: {
      get: operation('read', 'get', def, version, []),
      put: operation('replace', 'put', def, version, write),
      patch: operation('patch', 'patch', def, version, write),
      delete: operation('delete', 'delete', def, version, [DRY_RUN]),
    },
  };
  if (def.subresources.includes('status')) {
    paths[`${base}/{name}/status`] = {
      get: operation('read', 'get', def, version, []),
      put: operation('replace', 'put', def, version, write),
      patch: operation('patch', 'patch', def, version, write),
    };
  }
  return paths;
}

/** The documents by their index key (`api/v1`, `apis/<group>/<version>`). */
function documents(registry: ResourceRegistry): Map<string, string> {
  const byGroupVersion = new Map<string, ResourceDef[]>();
  for (const def of registry.served()) {
    for (const version of def.versions) {
      const key = def.group === '' ? `api/${version}` : `apis/${groupVersion(def, version)}`;
      byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), def]);
    }
  }
  const out = new Map<string, string>();
  for (const [key, defs] of byGroupVersion) {
    const version = key.split('/').at(-1) ?? 'v1';
    const paths = Object.assign({}, ...defs.map((d) => resourcePaths(d, version)));
    out.set(
      key,
      JSON.stringify({
        openapi: '3.0.0',
        info: { title: 'Kubernetes', version: 'v1.34.2' },
        paths,
        components: { schemas: {} },
      }),
    );
  }
  return out;
}

const hashOf = (text: string): string => createHash('sha512').update(text).digest('hex').toUpperCase();

/** The body for /openapi/v3[/<key>], or undefined when there is no such document. */
export function openApiV3(registry: ResourceRegistry, rest: readonly string[]): string | undefined {
  const docs = documents(registry);
  if (rest.length === 0) {
    const paths: Record<string, unknown> = {};
    for (const [key, text] of docs)
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hashOf(text)}` };
    return JSON.stringify({ paths });
  }
  return docs.get(rest.join('/'));
}
