// Every failure that leaves src/kube is a KubeError: a reason to branch on and one sentence a user can act
// on. Messages never carry a stack trace; text the server sent is stripped of control characters.
import { sanitizeText } from '../flux/sanitize.js';

export type KubeErrorReason =
  | 'kubeconfig'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'not-installed'
  | 'conflict'
  | 'gone'
  | 'invalid'
  | 'unreachable'
  | 'timeout'
  | 'server'
  | 'aborted';

/** Who was refused what, parsed from the API server's Forbidden message. */
export interface ForbiddenDetails {
  readonly user: string;
  readonly verb: string;
  readonly resource: string;
  readonly group: string;
  readonly namespace: string;
}

export class KubeError extends Error {
  override readonly name = 'KubeError';
  constructor(
    readonly reason: KubeErrorReason,
    message: string,
    /** HTTP status, 0 when the request never got an answer. */
    readonly status = 0,
    readonly forbidden?: ForbiddenDetails,
  ) {
    super(message);
  }
}

export function isKubeError(error: unknown, reason?: KubeErrorReason): error is KubeError {
  return error instanceof KubeError && (reason === undefined || error.reason === reason);
}

/** What a request was about, so that errors can say it in words. */
export interface RequestContext {
  readonly server: string;
  readonly user: string;
  readonly verb: string;
  /** e.g. `helmreleases.helm.toolkit.fluxcd.io` or `pods`. */
  readonly resource: string;
  readonly namespace?: string | undefined;
  readonly name?: string | undefined;
  /** A 404 on a collection means the resource type itself is not served (CRD missing). */
  readonly collection?: boolean;
}

/** Server text, display-safe and on one line. */
export function cleanText(value: unknown, max = 500): string {
  return sanitizeText(value, max).trim();
}

function statusMessage(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  return cleanText((body as Record<string, unknown>)['message']);
}

const FORBIDDEN =
  /User "([^"]*)" cannot (\S+) resource "([^"]*)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]*)")?/;

export function parseForbidden(message: string): ForbiddenDetails | undefined {
  const m = FORBIDDEN.exec(message);
  if (!m) return undefined;
  return {
    user: m[1] ?? '',
    verb: m[2] ?? '',
    resource: m[3] ?? '',
    group: m[4] ?? '',
    namespace: m[5] ?? '',
  };
}

/**
 * Where the refusal applies, as the server named it (`in the namespace "flux-system"` → in namespace
 * flux-system; no namespace → at the cluster scope), never the console's own namespace: the controller
 * pods are read in flux-system whatever namespace the console shows.
 */
export function forbiddenScope(details: Pick<ForbiddenDetails, 'namespace'>): string {
  return details.namespace ? `in namespace ${details.namespace}` : 'at the cluster scope';
}

function where(ctx: RequestContext): string {
  return ctx.namespace ? ` in namespace ${ctx.namespace}` : ' in all namespaces';
}

function target(ctx: RequestContext): string {
  return ctx.name ? `${ctx.resource} ${ctx.name}` : ctx.resource;
}

/** Turns a non-2xx answer (a Kubernetes Status or any body) into a KubeError. */
export function errorFromResponse(status: number, body: unknown, ctx: RequestContext): KubeError {
  const said = statusMessage(body);
  switch (status) {
    case 401:
      return new KubeError(
        'unauthorized',
        `the API server rejected the credentials of user ${ctx.user || '(none)'} (401 Unauthorized): log in again or refresh the token`,
        status,
      );
    case 403: {
      const details = parseForbidden(said) ?? {
        user: ctx.user,
        verb: ctx.verb,
        resource: ctx.resource,
        group: '',
        namespace: ctx.namespace ?? '',
      };
      const message = said
        ? `forbidden: ${said.replace(/^.*? is forbidden: /, '')}`
        : `forbidden: user ${ctx.user || '(none)'} cannot ${ctx.verb} ${target(ctx)}${where(ctx)}`;
      return new KubeError('forbidden', message, status, details);
    }
    case 404:
      if (ctx.collection || !isStatusNotFoundOfObject(body)) {
        return new KubeError(
          'not-installed',
          `${ctx.resource} is not served by the API server (CRD not installed or API version removed)`,
          status,
        );
      }
      return new KubeError('not-found', said || `${target(ctx)} not found${where(ctx)}`, status);
    case 409:
      return new KubeError(
        'conflict',
        said || `${target(ctx)} was changed by someone else (409 Conflict)`,
        status,
      );
    case 410:
      return new KubeError('gone', said || 'the requested resourceVersion is too old (410 Gone)', status);
    case 400:
    case 422:
      return new KubeError('invalid', said || `the API server refused the request (${status})`, status);
    case 504:
      return new KubeError(
        'timeout',
        `the API server at ${ctx.server} timed out (${status})${tail(said)}`,
        status,
      );
    default:
      return new KubeError(
        'server',
        `the API server at ${ctx.server} answered ${status}${tail(said)}`,
        status,
      );
  }
}

function tail(said: string): string {
  return said ? `: ${said}` : '';
}

/** A real object-level NotFound is a Status with details.name; a missing resource path is a bare 404. */
function isStatusNotFoundOfObject(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  const details = b['details'];
  return (
    b['reason'] === 'NotFound' &&
    typeof details === 'object' &&
    details !== null &&
    typeof (details as Record<string, unknown>)['name'] === 'string'
  );
}

const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  UND_ERR_SOCKET: 'connection closed',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed',
};

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause && cause !== error ? errorCode(cause) : '';
}

/** Turns a failure to talk to the server at all (refused, reset, TLS, timeout) into a KubeError. */
/** Where a connection went, for network errors: the server, and the proxy and TLS name when they matter. */
export interface NetworkContext {
  readonly server: string;
  readonly proxy?: string | undefined;
  readonly tlsServerName?: string | undefined;
}

function certificateNameWords(ctx: NetworkContext): string {
  const host = (() => {
    try {
      return new URL(ctx.server).hostname;
    } catch {
      return ctx.server;
    }
  })();
  return ctx.tlsServerName
    ? `the API server's certificate is not valid for ${ctx.tlsServerName}, the kubeconfig's tls-server-name: fix tls-server-name (the certificate-authority is not the problem)`
    : `the API server's certificate is not valid for ${host}, the host of the server URL: use a name the certificate lists, or set tls-server-name`;
}

export function errorFromNetwork(error: unknown, ctx: NetworkContext): KubeError {
  if (isKubeError(error)) return error;
  const code = errorCode(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError' || code === 'ABORT_ERR')
    return new KubeError('aborted', 'the request was cancelled');
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'KUBE_TIMEOUT') {
    return new KubeError('timeout', `cannot reach the API server at ${ctx.server}: the request timed out`);
  }
  const words =
    code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? certificateNameWords(ctx)
      : (NETWORK_WORDS[code] ??
        (isTlsCode(code)
          ? `TLS verification failed (${code}): check the cluster's certificate-authority in the kubeconfig`
          : cleanText(error instanceof Error ? error.message : String(error), 200) ||
            'unknown network error'));
  const via = ctx.proxy ? ` through the proxy ${redactProxy(ctx.proxy)}` : '';
  return new KubeError('unreachable', `cannot reach the API server at ${ctx.server}${via}: ${words}`);
}

/** A proxy URL without its password. */
function redactProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    if (url.password) url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return cleanText(proxy, 200);
  }
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO/.test(code)
  );
}

/** One line for any error: a KubeError's sentence, or the message of anything else — never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return cleanText(error.message, 1000) || error.name;
  return cleanText(String(error), 1000);
}
