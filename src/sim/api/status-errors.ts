// Kubernetes `Status` errors with the API server's reasons, codes and message wording, so clients
// (client-node, kubectl, the console) see exactly what a real cluster would send.

import type { ResourceDef } from '../resources.js';
import { StoreError } from '../types.js';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason?: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** `helmreleases.helm.toolkit.fluxcd.io` or `pods`: how messages name a resource. */
export function qualified(def: Pick<ResourceDef, 'group' | 'plural'>): string {
  return def.group === '' ? def.plural : `${def.plural}.${def.group}`;
}

function resourceDetails(def: Pick<ResourceDef, 'group' | 'plural'>, name?: string): StatusDetails {
  const details: StatusDetails = {};
  if (name !== undefined) details.name = name;
  if (def.group !== '') details.group = def.group;
  details.kind = def.plural;
  return details;
}

export const errors = {
  notFound: (def: Pick<ResourceDef, 'group' | 'plural'>, name: string) =>
    new ApiError(404, 'NotFound', `${qualified(def)} "${name}" not found`, resourceDetails(def, name)),
  noSuchResource: () => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {}),
  alreadyExists: (def: Pick<ResourceDef, 'group' | 'plural'>, name: string) =>
    new ApiError(
      409,
      'AlreadyExists',
      `${qualified(def)} "${name}" already exists`,
      resourceDetails(def, name),
    ),
  conflict: (def: Pick<ResourceDef, 'group' | 'plural'>, name: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      resourceDetails(def, name),
    ),
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  methodNotAllowed: () =>
    new ApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
      {},
    ),
  unsupportedMediaType: (accepted: readonly string[]) =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    ),
  notAcceptable: () =>
    new ApiError(
      406,
      'NotAcceptable',
      'the server was unable to respond with a content type that the client supports',
    ),
  invalid: (
    def: Pick<ResourceDef, 'group' | 'kind'>,
    name: string,
    causes: { field: string; message: string }[],
  ) =>
    new ApiError(
      422,
      'Invalid',
      `${def.kind}${def.group === '' ? '' : `.${def.group}`} "${name}" is invalid: ${causes
        .map((c) => `${c.field}: ${c.message}`)
        .join(', ')}`,
      {
        name,
        ...(def.group === '' ? {} : { group: def.group }),
        kind: def.kind,
        causes: causes.map((c) => ({ reason: 'FieldValueInvalid', message: c.message, field: c.field })),
      },
    ),
  /** What the API returns when a JSON patch cannot be applied (a failed `test`, a missing path). */
  patchRejected: (message: string) =>
    new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
      causes: [{ reason: 'UnexpectedServerResponse', message }],
    }),
  expired: (message: string) => new ApiError(410, 'Expired', message),
  tooOldResourceVersion: (requested: number | string, oldest: number) =>
    new ApiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`),
  internal: (message: string) =>
    new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }),
  unavailable: () =>
    new ApiError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request', {}),
  tooManyRequests: () =>
    new ApiError(
      429,
      'TooManyRequests',
      'the server has received too many requests and has asked us to try again later',
      {
        retryAfterSeconds: 1,
      },
    ),
};

/** The RBAC denial exactly as the authorizer words it. */
export function forbidden(
  def: Pick<ResourceDef, 'group' | 'plural'>,
  user: string,
  verb: string,
  target: { name?: string; namespace?: string; subresource?: string },
): ApiError {
  const subject = target.name === undefined ? qualified(def) : `${qualified(def)} "${target.name}"`;
  const resource = target.subresource ? `${def.plural}/${target.subresource}` : def.plural;
  const scope =
    target.namespace === undefined ? 'at the cluster scope' : `in the namespace "${target.namespace}"`;
  return new ApiError(
    403,
    'Forbidden',
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${def.group}" ${scope}`,
    resourceDetails(def, target.name),
  );
}

/** Maps a store error (raised by the store's own checks) to the API's Status for this resource. */
export function fromStoreError(error: unknown, def: ResourceDef, name: string): unknown {
  if (!(error instanceof StoreError)) return error;
  switch (error.reason) {
    case 'NotFound':
      return errors.notFound(def, name);
    case 'AlreadyExists':
      return errors.alreadyExists(def, name);
    case 'Conflict':
      return errors.conflict(def, name);
    case 'Gone':
      return errors.expired(error.message);
    case 'Invalid':
      return new ApiError(422, 'Invalid', error.message, { name, kind: def.kind });
  }
}
