// The envtest harness: etcd and a real kube-apiserver (from KUBEBUILDER_ASSETS) on 127.0.0.1 free ports,
// certificates and token users made per run, RBAC on, SelfSubjectReview served, the Flux CRDs from
// test/fixtures/crds applied, one kubeconfig per user in a temporary folder (never the user's own). The API
// server can be restarted on the same port with the same certificates; stop() kills both process groups
// and removes everything, and runs at process exit too when a test forgot to.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Assets } from './assets.js';
import { type Certificates, makeCertificates } from './certs.js';
import { ApiError, type ApiRequest, apiRequest } from './http.js';

export const CRD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'crds');

/** Who can log in: a token each, made per run. `entry` is the kubeconfig's user entry name. */
export const USERS = {
  /** system:masters. Its kubeconfig entry is a shared alias, as kind and cloud kubeconfigs have. */
  admin: { name: 'alice@example.com', groups: ['system:masters'], entry: 'kind-envtest' },
  /** Authenticated, with no grants beyond what every authenticated user has. */
  nobody: { name: 'nobody@example.com', groups: [], entry: 'nobody' },
  /** get/list/watch on the Flux kinds in VIEWER_NAMESPACE only. */
  viewer: { name: 'viewer@example.com', groups: [], entry: 'viewer' },
} as const;
export type UserId = keyof typeof USERS;

export const VIEWER_NAMESPACE = 'team-a';
export const CONTEXT = 'envtest';

export interface EnvtestOptions {
  /** Extra kube-apiserver flags (e.g. `--min-request-timeout=5`). */
  readonly apiserverArgs?: readonly string[];
  /** Changes a CRD before it is applied (e.g. to serve only an older version); undefined skips it. */
  readonly crd?: (crd: Record<string, unknown>) => Record<string, unknown> | undefined;
}

export interface CrdManifest {
  readonly name: string;
  readonly group: string;
  readonly plural: string;
  readonly versions: readonly string[];
  readonly body: Record<string, unknown>;
}

export function readCrds(): CrdManifest[] {
  return readdirSync(CRD_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const body = parse(readFileSync(join(CRD_DIR, f), 'utf8')) as Record<string, unknown>;
      return describeCrd(body);
    });
}

export function describeCrd(body: Record<string, unknown>): CrdManifest {
  const spec = body['spec'] as {
    group: string;
    names: { plural: string };
    versions: { name: string; served: boolean }[];
  };
  return {
    name: (body['metadata'] as { name: string }).name,
    group: spec.group,
    plural: spec.names.plural,
    versions: spec.versions.filter((v) => v.served).map((v) => v.name),
    body,
  };
}

/**
 * The CRD without the CEL rules a 422 names as over the cost budget (`…openAPIV3Schema.properties[spec]
 * .x-kubernetes-validations[7].rule: Forbidden: estimated rule cost exceeds budget …`); undefined when the
 * refusal is about anything else.
 */
export function withoutCostlyRules(
  body: Record<string, unknown>,
  refusal: string,
): Record<string, unknown> | undefined {
  const paths = [
    ...refusal.matchAll(/([\w.[\]-]+)\.rule: Forbidden: estimated rule cost exceeds budget/g),
  ].map((m) => m[1] ?? '');
  if (paths.length === 0 || /Invalid value|Required value/.test(refusal)) return undefined;
  const copy = structuredClone(body);
  const versions = (copy['spec'] as { versions: { schema: { openAPIV3Schema: unknown } }[] }).versions;
  const drop = new Map<Record<string, unknown>, Set<number>>();
  for (const path of paths) {
    const at = path.indexOf('openAPIV3Schema');
    const version = /^spec\.versions\[(\d+)\]/.exec(path)?.[1];
    const roots = version === undefined ? versions : [versions[Number(version)]];
    for (const root of roots) {
      let node = root?.schema.openAPIV3Schema as Record<string, unknown> | undefined;
      let index: number | undefined;
      for (const [, name, key] of path
        .slice(at + 'openAPIV3Schema'.length)
        .matchAll(/\.([\w-]+)(?:\[([^\]]+)\])?/g)) {
        if (!node) break;
        if (name === 'properties' && key)
          node = (node['properties'] as Record<string, Record<string, unknown>>)[key];
        else if (name === 'items' || name === 'additionalProperties')
          node = node[name] as Record<string, unknown>;
        else if (name === 'x-kubernetes-validations' && key) index = Number(key);
      }
      if (!node || index === undefined) return undefined;
      const set = drop.get(node) ?? new Set<number>();
      set.add(index);
      drop.set(node, set);
    }
  }
  for (const [node, indexes] of drop) {
    const rules = node['x-kubernetes-validations'] as unknown[];
    node['x-kubernetes-validations'] = rules.filter((_, i) => !indexes.has(i));
  }
  return copy;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tail(path: string, lines = 25): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Every harness still running, so a crashed test file does not leave servers behind. */
const running = new Set<Envtest>();
process.once('exit', () => {
  for (const env of running) env.killNow();
});

export class Envtest {
  readonly dir: string;
  readonly url: string;
  readonly caPem: string;
  readonly tokens: Readonly<Record<UserId, string>>;
  private etcd: ChildProcess | undefined;
  private apiserver: ChildProcess | undefined;
  private apiserverArgs: string[] = [];
  private starts = 0;

  private constructor(
    private readonly assets: Extract<Assets, { ok: true }>,
    readonly port: number,
    private readonly etcdPorts: { client: number; peer: number },
    readonly certs: Certificates,
    dir: string,
  ) {
    this.dir = dir;
    this.url = `https://127.0.0.1:${port}`;
    this.caPem = certs.caPem;
    const token = (id: string) => `${id}-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    this.tokens = { admin: token('admin'), nobody: token('nobody'), viewer: token('viewer') };
  }

  /** Starts etcd and the API server, applies RBAC and the Flux CRDs. Throws (with the logs) on failure. */
  static async start(assets: Assets, options: EnvtestOptions = {}): Promise<Envtest> {
    if (!assets.ok) throw new Error(`cannot start a real API server: ${assets.reason}`);
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-envtest-'));
    const env = new Envtest(
      assets,
      await freePort(),
      { client: await freePort(), peer: await freePort() },
      makeCertificates(dir),
      dir,
    );
    running.add(env);
    try {
      await env.boot(options);
    } catch (error) {
      await env.stop();
      throw error;
    }
    return env;
  }

  private async boot(options: EnvtestOptions): Promise<void> {
    const tokenFile = join(this.dir, 'tokens.csv');
    writeFileSync(
      tokenFile,
      (Object.keys(USERS) as UserId[])
        .map((id) => {
          const u = USERS[id];
          return `${this.tokens[id]},${u.name},uid-${id}${u.groups.length ? `,"${u.groups.join(',')}"` : ''}`;
        })
        .join('\n'),
    );
    this.startEtcd();
    this.apiserverArgs = [
      `--etcd-servers=http://127.0.0.1:${this.etcdPorts.client}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${this.port}`,
      `--tls-cert-file=${this.certs.servingCert}`,
      `--tls-private-key-file=${this.certs.servingKey}`,
      `--client-ca-file=${this.certs.caCert}`,
      `--token-auth-file=${tokenFile}`,
      '--authorization-mode=RBAC',
      `--service-account-issuer=https://127.0.0.1:${this.port}`,
      `--service-account-key-file=${this.certs.serviceAccountKey}`,
      `--service-account-signing-key-file=${this.certs.serviceAccountKey}`,
      '--service-cluster-ip-range=10.96.0.0/24',
      '--endpoint-reconciler-type=none',
      '--disable-admission-plugins=ServiceAccount',
      '--feature-gates=APISelfSubjectReview=true',
      '--runtime-config=authentication.k8s.io/v1alpha1=true',
      `--cert-dir=${join(this.dir, 'apiserver-certs')}`,
      ...(options.apiserverArgs ?? []),
    ];
    await this.startApiserver();
    // Independent of each other: at once, so each file's server is ready sooner.
    await Promise.all([this.grantViewer(), this.applyCrds(options.crd)]);
  }

  private spawnLogged(file: string, args: readonly string[], log: string): ChildProcess {
    const fd = openSync(log, 'a');
    // Its own process group, so stop() ends it and anything it started.
    const child = spawn(file, [...args], { detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    return child;
  }

  private startEtcd(): void {
    const { client, peer } = this.etcdPorts;
    const data = join(this.dir, 'etcd-data');
    mkdirSync(data, { recursive: true });
    this.etcd = this.spawnLogged(
      this.assets.etcd,
      [
        `--data-dir=${data}`,
        '--name=envtest',
        `--listen-client-urls=http://127.0.0.1:${client}`,
        `--advertise-client-urls=http://127.0.0.1:${client}`,
        `--listen-peer-urls=http://127.0.0.1:${peer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
        `--initial-cluster=envtest=http://127.0.0.1:${peer}`,
        '--unsafe-no-fsync',
      ],
      join(this.dir, 'etcd.log'),
    );
  }

  /** Starts the API server (again) with the same flags, port and certificates; resolves once /readyz says ok. */
  async startApiserver(): Promise<void> {
    this.starts++;
    const log = join(this.dir, 'kube-apiserver.log');
    const child = this.spawnLogged(this.assets.apiserver, this.apiserverArgs, log);
    this.apiserver = child;
    let exited: string | undefined;
    child.once('exit', (code, signal) => {
      exited = `exited (${signal ?? code})`;
    });
    const deadline = Date.now() + 90_000;
    let last = '';
    while (Date.now() < deadline) {
      if (exited) break;
      try {
        const body = await apiRequest(this, this.tokens.admin, { path: '/readyz' }, 2000);
        if (body === 'ok') return;
        last = String(body);
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      await sleep(100);
    }
    throw new Error(
      `kube-apiserver did not become ready on ${this.url} (${exited ?? `last answer: ${last}`}); its log ends:\n${tail(log)}\netcd log ends:\n${tail(join(this.dir, 'etcd.log'), 10)}`,
    );
  }

  /** Whether the API server answers HTTP at all (any status): a starting server does before /readyz says ok. */
  async answering(): Promise<boolean> {
    try {
      await apiRequest(this, this.tokens.admin, { path: '/livez' }, 1000);
      return true;
    } catch (error) {
      return error instanceof ApiError;
    }
  }

  /** Whether every Flux CRD's resource is in discovery for every served version, now (one look). */
  async everyCrdServed(): Promise<boolean> {
    const looks = readCrds().flatMap((crd) =>
      crd.versions.map(async (version) => {
        try {
          const list = (await this.request({ path: `/apis/${crd.group}/${version}` })) as {
            resources?: { name: string }[];
          };
          return list.resources?.some((r) => r.name === crd.plural) === true;
        } catch {
          return false;
        }
      }),
    );
    return (await Promise.all(looks)).every(Boolean);
  }

  /** As the admin (system:masters). */
  request(req: ApiRequest): Promise<unknown> {
    return apiRequest(this, this.tokens.admin, req);
  }

  /** As another user. */
  requestAs(user: UserId, req: ApiRequest): Promise<unknown> {
    return apiRequest(this, this.tokens[user], req);
  }

  private async grantViewer(): Promise<void> {
    await this.ensureNamespace(VIEWER_NAMESPACE);
    const groups = [...new Set(readCrds().map((c) => c.group))].sort();
    await this.request({
      method: 'POST',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${VIEWER_NAMESPACE}/roles`,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'flux-viewer', namespace: VIEWER_NAMESPACE },
        rules: [{ apiGroups: groups, resources: ['*'], verbs: ['get', 'list', 'watch'] }],
      },
    });
    await this.request({
      method: 'POST',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${VIEWER_NAMESPACE}/rolebindings`,
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'flux-viewer', namespace: VIEWER_NAMESPACE },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'flux-viewer' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: USERS.viewer.name }],
      },
    });
  }

  async ensureNamespace(name: string): Promise<void> {
    try {
      await this.request({
        method: 'POST',
        path: '/api/v1/namespaces',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    }
  }

  /** Creates the Flux CRDs and waits until each is Established and listed by discovery. */
  async applyCrds(change?: EnvtestOptions['crd']): Promise<CrdManifest[]> {
    const bodies = readCrds().flatMap((crd) => {
      const body = change ? change(structuredClone(crd.body)) : crd.body;
      return body ? [body] : [];
    });
    // All at once (the server registers them concurrently anyway); the list keeps the files' order.
    const created = await Promise.all(bodies.map((body) => this.createCrd(body)));
    const applied = created.map(describeCrd);
    await Promise.all(applied.map((crd) => this.waitServed(crd)));
    return applied;
  }

  /**
   * POSTs a CRD. kube-apiserver 1.26 refuses CEL rules whose estimated cost it finds too high — newer servers
   * (which the Flux Operator requires) accept them: the Flux Operator's input providers have such rules. Those
   * rules alone are dropped and the CRD is created again; every other rule stays (docs/testing.md).
   */
  private async createCrd(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const post = (b: Record<string, unknown>) =>
      this.request({
        method: 'POST',
        path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        body: b,
      });
    try {
      await post(body);
      return body;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 422)) throw error;
      const trimmed = withoutCostlyRules(body, error.body);
      if (!trimmed) throw error;
      await post(trimmed);
      return trimmed;
    }
  }

  /** Until the CRD's resource is in discovery for every served version (its paths answer then). */
  async waitServed(
    crd: Pick<CrdManifest, 'group' | 'plural' | 'versions'>,
    timeoutMs = 60_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const version of crd.versions) {
      for (;;) {
        try {
          const list = (await this.request({ path: `/apis/${crd.group}/${version}` })) as {
            resources?: { name: string }[];
          };
          if (list.resources?.some((r) => r.name === crd.plural)) break;
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 404)) throw error;
        }
        if (Date.now() > deadline) throw new Error(`${crd.plural}.${crd.group}/${version} never served`);
        await sleep(100);
      }
    }
  }

  /** A kubeconfig for one user: this server, the per-run CA, the user's token. Never the user's own. */
  kubeconfig(user: UserId, options: { readonly entry?: string; readonly namespace?: string } = {}): string {
    const entry = options.entry ?? USERS[user].entry;
    const path = join(
      this.dir,
      `kubeconfig-${user}-${entry}${options.namespace ? `-${options.namespace}` : ''}`,
    );
    const yaml = [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${CONTEXT}`,
      'clusters:',
      '- name: envtest',
      '  cluster:',
      `    server: ${this.url}`,
      `    certificate-authority-data: ${Buffer.from(this.caPem).toString('base64')}`,
      'contexts:',
      `- name: ${CONTEXT}`,
      '  context:',
      '    cluster: envtest',
      `    user: ${entry}`,
      ...(options.namespace ? [`    namespace: ${options.namespace}`] : []),
      'users:',
      `- name: ${entry}`,
      '  user:',
      `    token: ${this.tokens[user]}`,
      '',
    ].join('\n');
    writeFileSync(path, yaml, { mode: 0o600 });
    return path;
  }

  /** Stops the API server (etcd keeps the data) and starts it again on the same port and certificates. */
  async restartApiserver(options: { readonly downMs?: number } = {}): Promise<void> {
    await this.killApiserver();
    if (options.downMs) await sleep(options.downMs);
    await this.startApiserver();
  }

  /** Stops only the API server: clients see connection refused until startApiserver(). */
  async killApiserver(): Promise<void> {
    await killGroup(this.apiserver);
    this.apiserver = undefined;
  }

  get apiserverStarts(): number {
    return this.starts;
  }

  async stop(): Promise<void> {
    running.delete(this);
    // Its data is thrown away next: no graceful shutdown to wait for (about a second per file).
    await Promise.all([killGroup(this.apiserver, 'SIGKILL'), killGroup(this.etcd, 'SIGKILL')]);
    this.apiserver = undefined;
    this.etcd = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Synchronous last resort at process exit. */
  killNow(): void {
    for (const child of [this.apiserver, this.etcd]) {
      if (child?.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
    }
  }
}

async function killGroup(child: ChildProcess | undefined, first: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), s);
    } catch {}
  };
  signal(first);
  const forced = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(forced);
}
