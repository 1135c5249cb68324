// Loads the kubeconfig as kubectl does: --kubeconfig PATH, else every file in KUBECONFIG merged (the first
// file to define a name or the current context wins; missing files are skipped), else ~/.kube/config, else
// the in-cluster service account. Then --context. Failures are KubeErrors that say what to do.
//
// Entries are normalised by client-node's own config_types (so fields mean what they mean to client-node)
// but we do not import its KubeConfig class: that module drags in the whole generated API client, ~0.8 s
// of start-up that `fluxdeck status` cannot afford. Authentication plug-ins are loaded lazily (auth.ts).
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type { User as ClientUser, Cluster, Context } from '@kubernetes/client-node';
import { newClusters, newContexts, newUsers } from '@kubernetes/client-node/dist/config_types.js';
import { parse } from 'yaml';
import { proxyFromEnvironment } from './env-proxy.js';
import { describeError, KubeError } from './errors.js';

export type { Cluster, Context };

/**
 * A kubeconfig user with the fields client-node's parser drops and kubectl honours: `tokenFile` (read per
 * request, trimmed), and impersonation beyond `as` — `as-groups`, `as-uid`, `as-user-extra`.
 */
export interface User extends ClientUser {
  readonly tokenFile?: string;
  readonly impersonateGroups?: readonly string[];
  readonly impersonateUid?: string;
  readonly impersonateExtra?: Readonly<Record<string, readonly string[]>>;
  /** `provideClusterInfo: true`: the cluster as the exec plug-in gets it in KUBERNETES_EXEC_INFO. */
  readonly execCluster?: Readonly<Record<string, unknown>>;
}

export interface KubeconfigOptions {
  readonly kubeconfigPath?: string | undefined;
  readonly context?: string | undefined;
  /** Defaults to process.env; tests pass their own so the user's real kubeconfig is never read. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

export interface KubeconfigEntries {
  readonly clusters: readonly Cluster[];
  readonly users: readonly User[];
  readonly contexts: readonly Context[];
  readonly currentContext: string;
  /** The file(s) it came from, joined by the path delimiter; undefined in-cluster. */
  readonly source: string | undefined;
}

export interface ResolvedKubeconfig {
  readonly context: string;
  readonly cluster: Cluster;
  /** undefined = anonymous (the context names no user, or a user the file does not define). */
  readonly user: User | undefined;
  readonly userName: string;
  /** The context's default namespace, if it sets one. */
  readonly namespace: string | undefined;
  readonly source: string | undefined;
}

export interface ContextSummary {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  readonly namespace: string | undefined;
  readonly current: boolean;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function fail(message: string): never {
  throw new KubeError('kubeconfig', message);
}

function absolute(dir: string, file: string | undefined): string | undefined {
  return file && !isAbsolute(file) ? join(dir, file) : file;
}

function rawUser(users: unknown, name: string): Record<string, unknown> {
  if (!Array.isArray(users)) return {};
  const entry: unknown = users.find((u: unknown) => isObject(u) && u['name'] === name);
  return isObject(entry) && isObject(entry['user']) ? entry['user'] : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function extraMap(value: unknown): Record<string, string[]> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, v] of Object.entries(value)) out[key] = strings(v) ?? (typeof v === 'string' ? [v] : []);
  return out;
}

/**
 * Paths relative to the kubeconfig's folder, as kubectl resolves them: certificates, tokenFile, and an exec
 * command that contains a path separator (`./bin/cred.sh`; a bare `aws` is looked up on PATH).
 */
function withKubectlFields(u: ClientUser, raw: Record<string, unknown>, dir: string): User {
  const exec = u.exec as { command?: unknown } | null | undefined;
  const command = typeof exec?.command === 'string' ? exec.command : undefined;
  const relativeCommand = command && /[/\\]/.test(command) && !isAbsolute(command);
  const groups = strings(raw['as-groups']);
  const extra = extraMap(raw['as-user-extra']);
  return {
    ...u,
    certFile: absolute(dir, u.certFile),
    keyFile: absolute(dir, u.keyFile),
    ...(relativeCommand ? { exec: { ...(u.exec as object), command: join(dir, command) } } : {}),
    ...(typeof raw['tokenFile'] === 'string' ? { tokenFile: absolute(dir, raw['tokenFile']) } : {}),
    ...(groups ? { impersonateGroups: groups } : {}),
    ...(typeof raw['as-uid'] === 'string' ? { impersonateUid: raw['as-uid'] } : {}),
    ...(extra ? { impersonateExtra: extra } : {}),
  };
}

export function parseKubeconfigFile(path: string): KubeconfigEntries {
  if (!existsSync(path)) fail(`kubeconfig ${path} not found: set --kubeconfig or KUBECONFIG`);
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = parse(readFileSync(path, 'utf8'));
    doc = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const dir = dirname(path);
    // kubectl resolves relative certificate paths against the kubeconfig's own directory.
    return {
      clusters: newClusters(doc['clusters']).map((c) => ({ ...c, caFile: absolute(dir, c.caFile) })),
      users: newUsers(doc['users']).map((u) => withKubectlFields(u, rawUser(doc['users'], u.name), dir)),
      contexts: newContexts(doc['contexts']),
      currentContext: typeof doc['current-context'] === 'string' ? doc['current-context'] : '',
      source: path,
    };
  } catch (error) {
    return fail(`kubeconfig ${path} could not be read: ${describeError(error)}`);
  }
}

/** kubectl's merge: for each name, and for current-context, the first file that sets it wins. */
function mergeFirstWins(files: readonly KubeconfigEntries[], source: string): KubeconfigEntries {
  const first = <T extends { readonly name: string }>(lists: readonly (readonly T[])[]): T[] => {
    const seen = new Map<string, T>();
    for (const list of lists) for (const x of list) if (!seen.has(x.name)) seen.set(x.name, x);
    return [...seen.values()];
  };
  return {
    clusters: first(files.map((f) => f.clusters)),
    users: first(files.map((f) => f.users)),
    contexts: first(files.map((f) => f.contexts)),
    currentContext: files.find((f) => f.currentContext)?.currentContext ?? '',
    source,
  };
}

function inCluster(env: NodeJS.ProcessEnv): KubeconfigEntries {
  const host = env['KUBERNETES_SERVICE_HOST'] ?? '';
  const port = env['KUBERNETES_SERVICE_PORT'] ?? '443';
  const namespaceFile = `${SA_DIR}/namespace`;
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    clusters: [{ name: 'inCluster', server, caFile: `${SA_DIR}/ca.crt`, skipTLSVerify: false }],
    users: [
      // Read per request and trimmed: the projected token rotates, and a trailing newline is not a header.
      { name: 'inClusterUser', tokenFile: `${SA_DIR}/token` },
    ],
    contexts: [
      {
        name: 'inClusterContext',
        cluster: 'inCluster',
        user: 'inClusterUser',
        namespace: existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : undefined,
      },
    ],
    currentContext: 'inClusterContext',
    source: undefined,
  };
}

export function loadKubeconfigEntries(options: KubeconfigOptions = {}): KubeconfigEntries {
  const env = options.env ?? process.env;
  if (options.kubeconfigPath) return parseKubeconfigFile(options.kubeconfigPath);
  const list = (env['KUBECONFIG'] ?? '').split(delimiter).filter((p) => p.length > 0);
  if (list.length > 0) {
    const present = list.filter((p) => existsSync(p));
    if (present.length === 0)
      fail(`kubeconfig ${list.join(delimiter)} not found: set --kubeconfig or KUBECONFIG`);
    return mergeFirstWins(present.map(parseKubeconfigFile), present.join(delimiter));
  }
  const home = env['HOME'] ?? env['USERPROFILE'];
  const homeConfig = home ? join(home, '.kube', 'config') : undefined;
  if (homeConfig && existsSync(homeConfig)) return parseKubeconfigFile(homeConfig);
  if (env['KUBERNETES_SERVICE_HOST'] && existsSync(`${SA_DIR}/token`)) return inCluster(env);
  return fail(`kubeconfig ${homeConfig ?? '~/.kube/config'} not found: set --kubeconfig or KUBECONFIG`);
}

function knownContexts(entries: KubeconfigEntries): string {
  const names = entries.contexts.map((c) => c.name);
  return names.length > 0 ? names.join(', ') : '(none)';
}

export function resolveKubeconfig(options: KubeconfigOptions = {}): ResolvedKubeconfig {
  const entries = loadKubeconfigEntries(options);
  const where = entries.source ?? 'the in-cluster configuration';
  const name = options.context ?? entries.currentContext;
  if (!name) {
    fail(`${where} has no current context: pass --context NAME (known contexts: ${knownContexts(entries)})`);
  }
  const context = entries.contexts.find((c) => c.name === name);
  if (!context) fail(`context "${name}" not found in ${where}; known contexts: ${knownContexts(entries)}`);
  const cluster = entries.clusters.find((c) => c.name === context.cluster);
  if (!cluster)
    fail(`context "${name}" refers to cluster "${context.cluster}", which ${where} does not define`);
  if (!/^https?:\/\/[^/]/.test(cluster.server)) {
    fail(`cluster "${cluster.name}" in ${where} has no valid server URL (got "${cluster.server}")`);
  }
  if (cluster.skipTLSVerify && (cluster.caFile || cluster.caData)) {
    fail(
      `cluster "${cluster.name}" in ${where} sets both insecure-skip-tls-verify and a certificate-authority, which kubectl refuses ("specifying a root certificates file with the insecure flag is not allowed"): remove one of them`,
    );
  }
  const found = context.user ? entries.users.find((u) => u.name === context.user) : undefined;
  const user = found ? withClusterInfo(found, cluster) : undefined;
  // The kubeconfig's proxy-url wins; otherwise the environment's, as kubectl (Go) picks it.
  const envProxy = cluster.proxyUrl
    ? undefined
    : proxyFromEnvironment(cluster.server, options.env ?? process.env);
  return {
    context: name,
    cluster: envProxy ? { ...cluster, proxyUrl: envProxy } : cluster,
    user,
    userName: context.user ?? '',
    namespace: context.namespace,
    source: entries.source,
  };
}

/**
 * An exec plug-in with `provideClusterInfo: true` gets the cluster in KUBERNETES_EXEC_INFO, as client-go
 * passes it (spec.cluster: server, CA data, TLS settings and the cluster's
 * `client.authentication.k8s.io/exec` extension); src/kube/exec-credential.ts writes the variable.
 */
function withClusterInfo(user: User, cluster: Cluster): User {
  const exec = user.exec as { provideClusterInfo?: unknown } | null | undefined;
  if (exec?.provideClusterInfo !== true) return user;
  let caData = cluster.caData;
  if (!caData && cluster.caFile) {
    try {
      caData = readFileSync(cluster.caFile).toString('base64');
    } catch {
      caData = undefined;
    }
  }
  const extensions = (cluster as { extensions?: unknown }).extensions;
  const config = Array.isArray(extensions)
    ? (
        extensions.find((e: unknown) => isObject(e) && e['name'] === 'client.authentication.k8s.io/exec') as
          | Record<string, unknown>
          | undefined
      )?.['extension']
    : undefined;
  return {
    ...user,
    execCluster: {
      server: cluster.server,
      ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
      ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
      ...(caData ? { 'certificate-authority-data': caData } : {}),
      ...(cluster.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
      ...(config !== undefined ? { config } : {}),
    },
  };
}

/** Every context of the kubeconfig fluxdeck was started with. Throws a KubeError when unreadable. */
export function describeContexts(
  kubeconfigPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): ContextSummary[] {
  const entries = loadKubeconfigEntries({ kubeconfigPath, env });
  return entries.contexts.map((c) => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user ?? '',
    namespace: c.namespace,
    current: c.name === entries.currentContext,
  }));
}

/** The context names, for `:ctx`. Throws a KubeError when the kubeconfig is unreadable. */
export function listContexts(kubeconfigPath?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return describeContexts(kubeconfigPath, env).map((c) => c.name);
}

/** The current context's name, or undefined when the kubeconfig cannot be read (the port says why later). */
export function currentContextName(
  kubeconfigPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  try {
    return loadKubeconfigEntries({ kubeconfigPath, env }).currentContext || undefined;
  } catch {
    return undefined;
  }
}
