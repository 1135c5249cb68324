// Credentials for each request, as client-node applies them: static token / basic auth / client
// certificates straight from the kubeconfig, and client-node's own authenticators (exec plug-ins, token
// files, OIDC, azure, gcp) for the rest — imported only when the kubeconfig's user needs one.
import { readFileSync } from 'node:fs';
import type { Cluster, User } from '@kubernetes/client-node';
import { describeError, KubeError } from './errors.js';

export interface TlsOptions {
  readonly ca?: Buffer;
  readonly cert?: Buffer | string;
  readonly key?: Buffer | string;
  readonly rejectUnauthorized: boolean;
  readonly servername?: string;
}

export interface Credentials {
  readonly headers: Readonly<Record<string, string>>;
  /** Exec plug-ins may hand out client certificates instead of tokens. */
  readonly cert?: Buffer | string;
  readonly key?: Buffer | string;
}

interface Authenticator {
  isAuthProvider(user: User): boolean;
  applyAuthentication(
    user: User,
    opts: { headers?: Record<string, string>; cert?: unknown; key?: unknown },
  ): Promise<void>;
}

function fileOrData(
  file: string | undefined | null,
  data: string | undefined | null,
  what: string,
): Buffer | undefined {
  try {
    if (file) return readFileSync(file);
    if (data) return Buffer.from(data, 'base64');
    return undefined;
  } catch (error) {
    throw new KubeError('kubeconfig', `cannot read the ${what} ${file}: ${describeError(error)}`);
  }
}

export function tlsOptions(cluster: Cluster, user: User | undefined): TlsOptions {
  const ca = fileOrData(cluster.caFile, cluster.caData, 'certificate authority');
  const cert = user ? fileOrData(user.certFile, user.certData, 'client certificate') : undefined;
  const key = user ? fileOrData(user.keyFile, user.keyData, 'client key') : undefined;
  return {
    rejectUnauthorized: !cluster.skipTLSVerify,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(cluster.tlsServerName ? { servername: cluster.tlsServerName } : {}),
  };
}

async function loadAuthenticator(user: User): Promise<Authenticator | undefined> {
  const provider =
    (user.authProvider as { name?: unknown; config?: Record<string, unknown> } | null | undefined) ??
    undefined;
  if (user.exec || provider?.name === 'exec' || provider?.config?.['exec']) {
    const { ExecAuth } = await import('@kubernetes/client-node/dist/exec_auth.js');
    return new ExecAuth() as unknown as Authenticator;
  }
  if (!provider) return undefined;
  if (provider.config?.['tokenFile']) {
    const { FileAuth } = await import('@kubernetes/client-node/dist/file_auth.js');
    return new FileAuth() as unknown as Authenticator;
  }
  switch (provider.name) {
    case 'oidc': {
      const { OpenIDConnectAuth } = await import('@kubernetes/client-node/dist/oidc_auth.js');
      return new OpenIDConnectAuth() as unknown as Authenticator;
    }
    case 'azure': {
      const { AzureAuth } = await import('@kubernetes/client-node/dist/azure_auth.js');
      return new AzureAuth() as unknown as Authenticator;
    }
    case 'gcp': {
      const { GoogleCloudPlatformAuth } = await import('@kubernetes/client-node/dist/gcp_auth.js');
      return new GoogleCloudPlatformAuth() as unknown as Authenticator;
    }
    default:
      throw new KubeError(
        'kubeconfig',
        `user "${user.name}" uses the auth provider "${String(provider.name)}", which fluxdeck does not support: use an exec plug-in`,
      );
  }
}

export interface CredentialSource {
  get(): Promise<Credentials>;
  /** After a 401: forget cached tokens so the next get() asks the plug-in again. Returns whether it could. */
  invalidate(): boolean;
}

export function credentialSource(user: User | undefined): CredentialSource {
  let authenticator: Promise<Authenticator | undefined> | undefined;
  let current: Authenticator | undefined;
  return {
    async get() {
      const headers: Record<string, string> = {};
      if (!user) return { headers };
      if (user.username) {
        headers['Authorization'] =
          `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`;
      }
      if (user.impersonateUser) headers['Impersonate-User'] = user.impersonateUser;
      authenticator ??= loadAuthenticator(user);
      current = await authenticator;
      const opts: { headers: Record<string, string>; cert?: unknown; key?: unknown } = { headers };
      if (current) {
        try {
          await current.applyAuthentication(user, opts);
        } catch (error) {
          throw new KubeError(
            'unauthorized',
            `cannot get credentials for user ${user.name}: ${describeError(error)}`,
          );
        }
      }
      // As client-node: a static token in the kubeconfig wins over whatever a plug-in set.
      if (user.token) headers['Authorization'] = `Bearer ${user.token.trim()}`;
      const cert = asCertificate(opts.cert);
      const key = asCertificate(opts.key);
      return { headers, ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
    },
    invalidate() {
      const cache = (current as { tokenCache?: Record<string, unknown> } | undefined)?.tokenCache;
      if (!cache || !user) return false;
      cache[user.name] = null;
      return true;
    },
  };
}

function asCertificate(value: unknown): Buffer | string | undefined {
  return typeof value === 'string' || Buffer.isBuffer(value) ? value : undefined;
}
