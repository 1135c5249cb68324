// Who is acting, as the API server authenticated us: a SelfSubjectReview (authentication.k8s.io v1 from
// Kubernetes 1.28, v1beta1 from 1.27, v1alpha1 on 1.26 behind the APISelfSubjectReview feature gate).
// The kubeconfig's user entry name is only a local label — often shared by everyone (`kind-kind`, a cloud
// alias) — so when the server cannot tell us, that name is used and labelled as such wherever it is shown.
import { cleanText, isKubeError } from './errors.js';
import type { ActingIdentity } from './port.js';
import type { Transport } from './transport.js';

/** Newest first: the first version the server serves answers. */
export const SELF_SUBJECT_REVIEW_VERSIONS = ['v1', 'v1beta1', 'v1alpha1'] as const;

const LOOKUP_TIMEOUT_MS = 10_000;

export interface IdentityLookup {
  readonly identity: ActingIdentity;
  /** False when the server could not be asked (unreachable, 5xx): ask again once it answers. */
  readonly final: boolean;
}

/** The name without the server: the kubeconfig's user entry, else the local login name. */
export function fallbackIdentity(
  kubeconfigUser: string,
  env: NodeJS.ProcessEnv = process.env,
): ActingIdentity {
  const fromKubeconfig = cleanText(kubeconfigUser, 200);
  if (fromKubeconfig !== '') return { name: fromKubeconfig, source: 'kubeconfig' };
  const login = cleanText(env['USER'] || env['USERNAME'] || '', 200);
  return login !== '' ? { name: login, source: 'local' } : { name: 'unknown', source: 'local' };
}

/** How an identity reads in annotations, dialogs and the audit log: a borrowed name says where it is from. */
export function identityLabel(identity: ActingIdentity): string {
  switch (identity.source) {
    case 'server':
      return identity.name;
    case 'kubeconfig':
      return `${identity.name} (kubeconfig user name)`;
    case 'local':
      return `${identity.name} (local login name)`;
  }
}

function username(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const status = (body as Record<string, unknown>)['status'];
  if (typeof status !== 'object' || status === null) return '';
  const info = (status as Record<string, unknown>)['userInfo'];
  if (typeof info !== 'object' || info === null) return '';
  return cleanText((info as Record<string, unknown>)['username'], 200);
}

/**
 * Asks the server who we are, version by version (a 404 means that version is not served); falls back to
 * the kubeconfig user name when no version is served, the review is forbidden, or the server is unreachable.
 */
export async function lookupIdentity(
  transport: Pick<Transport, 'request' | 'userName'>,
  options: { readonly env?: NodeJS.ProcessEnv; readonly signal?: AbortSignal } = {},
): Promise<IdentityLookup> {
  const fallback = () => fallbackIdentity(transport.userName, options.env);
  for (const version of SELF_SUBJECT_REVIEW_VERSIONS) {
    try {
      const body = await transport.request({
        method: 'POST',
        path: `/apis/authentication.k8s.io/${version}/selfsubjectreviews`,
        body: { apiVersion: `authentication.k8s.io/${version}`, kind: 'SelfSubjectReview', metadata: {} },
        signal: options.signal,
        timeoutMs: LOOKUP_TIMEOUT_MS,
        about: { verb: 'create', resource: 'selfsubjectreviews.authentication.k8s.io', collection: true },
      });
      const name = username(body);
      return { identity: name !== '' ? { name, source: 'server' } : fallback(), final: true };
    } catch (error) {
      if (isKubeError(error, 'not-installed') || isKubeError(error, 'not-found')) continue;
      const transient =
        isKubeError(error, 'unreachable') ||
        isKubeError(error, 'timeout') ||
        isKubeError(error, 'server') ||
        isKubeError(error, 'aborted');
      return { identity: fallback(), final: !transient };
    }
  }
  return { identity: fallback(), final: true };
}
