// Credentials for each request, as client-go applies them: static token / basic auth / client
// certificates straight from the kubeconfig, exec plug-ins run as client-go runs them (exec-credential.ts:
// interactiveMode, the terminal handed over), and client-node's own authenticators (token files, OIDC,
// azure, gcp) for the rest — imported only when the kubeconfig's user needs one.
import { readFileSync, statSync } from 'node:fs';
import type { Cluster } from '@kubernetes/client-node';
import { describeError, KubeError } from './errors.js';
import { type ExecCredentialSource, execCredentialSource, isExecUser } from './exec-credential.js';
import type { User } from './kubeconfig.js';
import { PROCESS_TERMINAL, type TerminalAccess } from './terminal-access.js';

export interface TlsOptions {
  readonly ca?: Buffer;
  readonly cert?: Buffer | string;
  readonly key?: Buffer | string;
  readonly rejectUnauthorized: boolean;
  readonly servername?: string;
}

export interface Credentials {
  /** Arrays for headers sent once per value (Impersonate-Group). */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
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
  if (!provider || provider.name === 'exec') return undefined;
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

/**
 * A token file as client-go reads it: trimmed, and read again when it changes (projected service-account
 * tokens rotate), not once at start.
 */
function tokenFileReader(path: string): () => string {
  let cached: { mtimeMs: number; size: number; token: string } | undefined;
  return () => {
    try {
      const stat = statSync(path);
      if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
        cached = { mtimeMs: stat.mtimeMs, size: stat.size, token: readFileSync(path, 'utf8').trim() };
      }
      return cached.token;
    } catch (error) {
      throw new KubeError('kubeconfig', `cannot read the token file ${path}: ${describeError(error)}`);
    }
  };
}

/** kubectl's impersonation headers: `as`, `as-groups`, `as-uid`, `as-user-extra`. */
function impersonation(user: User): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  if (user.impersonateUser) headers['Impersonate-User'] = user.impersonateUser;
  if (user.impersonateGroups?.length) headers['Impersonate-Group'] = [...user.impersonateGroups];
  if (user.impersonateUid) headers['Impersonate-Uid'] = user.impersonateUid;
  for (const [key, values] of Object.entries(user.impersonateExtra ?? {}))
    if (values.length > 0) headers[`Impersonate-Extra-${encodeURIComponent(key)}`] = [...values];
  return headers;
}

export interface CredentialOptions {
  /** Where an interactive exec plug-in gets the terminal (the console's, paused meanwhile). */
  readonly terminal?: TerminalAccess | undefined;
}

export function credentialSource(user: User | undefined, options: CredentialOptions = {}): CredentialSource {
  let authenticator: Promise<Authenticator | undefined> | undefined;
  let current: Authenticator | undefined;
  const exec: ExecCredentialSource | undefined =
    user && isExecUser(user)
      ? execCredentialSource(user, { terminal: options.terminal ?? PROCESS_TERMINAL })
      : undefined;
  const tokenFile = user?.tokenFile ? tokenFileReader(user.tokenFile) : undefined;
  // One plug-in run at a time: the first request's run serves every request made meanwhile, and the
  // authenticator's cache serves the next ones until the credential expires.
  let inflight: Promise<Credentials> | undefined;

  async function compute(u: User): Promise<Credentials> {
    const headers: Record<string, string | string[]> = {};
    if (u.username) {
      headers['Authorization'] =
        `Basic ${Buffer.from(`${u.username}:${u.password ?? ''}`).toString('base64')}`;
    }
    Object.assign(headers, impersonation(u));
    const opts: { headers: Record<string, string>; cert?: unknown; key?: unknown } = { headers: {} };
    if (exec) {
      try {
        const credential = await exec.get();
        if (credential.token) opts.headers['Authorization'] = `Bearer ${credential.token}`;
        opts.cert = credential.cert;
        opts.key = credential.key;
      } catch (error) {
        throw new KubeError(
          'unauthorized',
          `cannot get credentials for user ${u.name}: ${describeError(error)}`,
        );
      }
    } else {
      authenticator ??= loadAuthenticator(u);
      current = await authenticator;
      if (current) {
        try {
          await current.applyAuthentication(u, opts);
        } catch (error) {
          throw new KubeError(
            'unauthorized',
            `cannot get credentials for user ${u.name}: ${describeError(error)}`,
          );
        }
      }
    }
    Object.assign(headers, opts.headers);
    // As client-go: a token file is read when no static token is set; a static token wins over a plug-in.
    if (tokenFile && !u.token) headers['Authorization'] = `Bearer ${tokenFile()}`;
    if (u.token) headers['Authorization'] = `Bearer ${u.token.trim()}`;
    const cert = asCertificate(opts.cert);
    const key = asCertificate(opts.key);
    return { headers, ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  }

  return {
    get() {
      if (!user) return Promise.resolve({ headers: {} });
      inflight ??= compute(user).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate() {
      if (exec) {
        exec.invalidate();
        return true;
      }
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
