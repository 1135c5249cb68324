// `--objects N`: N more healthy Flux objects spread over many namespaces, in app-shaped groups (a Git source
// and its Kustomization, a Helm repository and releases with their HelmCharts, an OCI artifact …). Their
// status matches what the controllers would compute, so periodic reconciles find nothing to change.
import { gitRemotesOf, makeArtifact, STORAGE_HOST } from '../controllers/artifacts.js';
import { hashHex } from '../controllers/ids.js';
import { canonicalImageName, imageTags } from '../controllers/image.js';
import type { SimContext } from '../types.js';
import { conditions, createFlux, createNamespace, isoSeconds, MINUTE } from './builders.js';
import { seedScaleRelease } from './scale-helm.js';

const TEAMS = [
  'payments',
  'checkout',
  'search',
  'catalog',
  'identity',
  'billing',
  'ledger',
  'growth',
  'media',
  'data',
  'ml',
  'edge',
  'mobile',
  'notifications',
  'risk',
  'support',
];
const ENVS = ['prod', 'staging', 'dev', 'perf'];
const APPS = [
  'api',
  'web',
  'worker',
  'gateway',
  'scheduler',
  'indexer',
  'cache',
  'events',
  'reports',
  'auth',
];
const CHARTS = [
  'redis',
  'postgresql',
  'ingress-nginx',
  'podinfo',
  'external-dns',
  'reloader',
  'metrics-server',
];
const INTERVALS = ['10m0s', '15m0s', '30m0s', '1h0m0s'];
const PER_NAMESPACE = 40;

type Item = 'git' | 'ks-git' | 'helmrepo' | 'hr' | 'oci' | 'ks-oci' | 'image' | 'policy' | 'ks-config';
/** One app's ten objects, each only needing what comes before it; a HelmRelease counts two (its HelmChart). */
const UNIT: readonly Item[] = [
  'git',
  'ks-git',
  'helmrepo',
  'hr',
  'oci',
  'ks-oci',
  'image',
  'policy',
  'ks-config',
];

export function seedScale(ctx: SimContext, options: { count: number; since: number }): void {
  let remaining = options.count;
  let unit = 0;
  while (remaining > 0) {
    const namespace = namespaceName(Math.floor((unit * 10) / PER_NAMESPACE));
    const app = `${APPS[unit % APPS.length]}-${Math.floor(unit / APPS.length)}`;
    createNamespace(ctx, namespace, options.since, { 'fluxdeck.sim/scale': 'true' });
    const seeder = new AppSeeder(ctx, namespace, app, options.since + (unit % 1000) * MINUTE, unit);
    for (const item of UNIT) {
      if (remaining <= 0) break;
      if (item === 'hr' && remaining < 2) {
        seeder.image(`${app}-extra`);
        remaining -= 1;
        continue;
      }
      remaining -= seeder.seed(item);
    }
    unit += 1;
  }
}

function namespaceName(i: number): string {
  const team = TEAMS[i % TEAMS.length] ?? 'team';
  const env = ENVS[Math.floor(i / TEAMS.length) % ENVS.length] ?? 'prod';
  const round = Math.floor(i / (TEAMS.length * ENVS.length));
  return round === 0 ? `${team}-${env}` : `${team}-${env}-${round + 1}`;
}

class AppSeeder {
  private readonly at: string;
  private readonly interval: string;
  private hrCount = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly namespace: string,
    private readonly app: string,
    private readonly createdAt: number,
    unit: number,
  ) {
    this.at = isoSeconds(createdAt + 5 * MINUTE);
    this.interval = INTERVALS[unit % INTERVALS.length] ?? '10m0s';
  }

  /** Seeds one item; returns how many Flux objects it made. */
  seed(item: Item): number {
    switch (item) {
      case 'git':
        return this.git();
      case 'ks-git':
        return this.kustomization(`${this.app}`, 'GitRepository', this.app, this.gitRevision());
      case 'helmrepo':
        return this.helmRepository();
      case 'hr':
        return this.helmRelease();
      case 'oci':
        return this.oci();
      case 'ks-oci':
        return this.kustomization(
          `${this.app}-manifests`,
          'OCIRepository',
          `${this.app}-manifests`,
          this.ociRevision().revision,
        );
      case 'image':
        return this.image(this.app);
      case 'policy':
        return this.policy();
      case 'ks-config':
        return this.kustomization(`${this.app}-config`, 'GitRepository', this.app, this.gitRevision());
    }
  }

  private ready(reason: string, message: string, extra: { type: string }[] = []) {
    const since = Date.parse(this.at);
    return conditions(1, [
      { type: 'Ready', status: 'True', reason, message, since },
      ...extra.map((e) => ({ type: e.type, status: 'True' as const, reason, message, since })),
    ]);
  }

  private gitUrl(): string {
    return `https://github.com/acme/${this.namespace}-${this.app}.git`;
  }

  private gitRevision(): string {
    return `main@sha1:${gitRemotesOf(this.ctx.store).head(this.gitUrl(), 'main').sha}`;
  }

  private git(): number {
    const revision = this.gitRevision();
    const sha = revision.slice('main@sha1:'.length);
    this.flux(
      'GitRepository',
      this.app,
      { interval: '5m0s', url: this.gitUrl(), ref: { branch: 'main' }, timeout: '60s' },
      {
        artifact: makeArtifact({
          kindLower: 'gitrepository',
          namespace: this.namespace,
          name: this.app,
          file: `${sha}.tar.gz`,
          revision,
          at: this.at,
        }),
        url: `${STORAGE_HOST}/gitrepository/${this.namespace}/${this.app}/latest.tar.gz`,
        conditions: this.ready('Succeeded', `stored artifact for revision '${revision}'`, [
          { type: 'ArtifactInStorage' },
        ]),
      },
    );
    return 1;
  }

  private kustomization(name: string, kind: string, source: string, revision: string): number {
    this.flux(
      'Kustomization',
      name,
      {
        interval: this.interval,
        path: `./deploy/${this.app}`,
        prune: true,
        sourceRef: { kind, name: source },
        timeout: '5m0s',
      },
      {
        lastAppliedRevision: revision,
        lastAttemptedRevision: revision,
        // No workloads: the scale scenario does not create them (thousands of Deployments, ReplicaSets and
        // pods), and an inventory must not list workloads that do not exist — the console would rightly
        // call every one of these Kustomizations Degraded (NotFound).
        inventory: { entries: [{ id: `${this.namespace}_${name}__Service`, v: 'v1' }] },
        conditions: this.ready('ReconciliationSucceeded', `Applied revision: ${revision}`),
      },
    );
    return 1;
  }

  private helmRepoUrl(): string {
    return `https://charts.acme.example/${this.namespace}/${this.app}`;
  }

  private repoName(): string {
    return `${this.app}-charts`;
  }

  private helmRepository(): number {
    const digest = hashHex('index', this.helmRepoUrl());
    const revision = `sha256:${digest}`;
    this.flux(
      'HelmRepository',
      this.repoName(),
      { interval: '1h0m0s', url: this.helmRepoUrl() },
      {
        artifact: makeArtifact({
          kindLower: 'helmrepository',
          namespace: this.namespace,
          name: this.repoName(),
          file: `index-${digest}.yaml`,
          revision,
          at: this.at,
        }),
        url: `${STORAGE_HOST}/helmrepository/${this.namespace}/${this.repoName()}/index.yaml`,
        conditions: this.ready('Succeeded', `stored artifact: revision '${revision}'`, [
          { type: 'ArtifactInStorage' },
        ]),
      },
      true,
    );
    return 1;
  }

  private helmRelease(): number {
    this.hrCount += 1;
    seedScaleRelease(this.ctx, {
      namespace: this.namespace,
      chart: CHARTS[(this.app.length + this.hrCount) % CHARTS.length] ?? 'podinfo',
      app: this.app,
      repository: { name: this.repoName(), url: this.helmRepoUrl() },
      interval: this.interval,
      at: this.at,
      createdAt: this.createdAt,
      replicas: 1 + (this.hrCount % 3),
    });
    return 2;
  }

  private ociRevision() {
    const url = `oci://ghcr.io/acme/${this.namespace}/${this.app}-manifests`;
    const digest = hashHex('oci', url, 'v1.0.0');
    return { url, digest, revision: `v1.0.0@sha256:${digest}` };
  }

  private oci(): number {
    const { url, digest, revision } = this.ociRevision();
    const name = `${this.app}-manifests`;
    this.flux(
      'OCIRepository',
      name,
      { interval: this.interval, url, ref: { tag: 'v1.0.0' } },
      {
        artifact: makeArtifact({
          kindLower: 'ocirepository',
          namespace: this.namespace,
          name,
          file: `${digest}.tar.gz`,
          revision,
          at: this.at,
        }),
        url: `${STORAGE_HOST}/ocirepository/${this.namespace}/${name}/latest.tar.gz`,
        conditions: this.ready('Succeeded', `stored artifact for digest '${revision}'`, [
          { type: 'ArtifactInStorage' },
        ]),
      },
    );
    return 1;
  }

  private policy(): number {
    const image = this.imageName(this.app);
    const tag = imageTags(image)[0] ?? 'latest';
    this.flux(
      'ImagePolicy',
      this.app,
      { imageRepositoryRef: { name: this.app }, policy: { semver: { range: '>=1.0.0' } } },
      {
        latestRef: { name: image, tag },
        conditions: this.ready('Succeeded', `Latest image tag for ${image} resolved to ${tag}`),
      },
    );
    return 1;
  }

  private imageName(name: string): string {
    return `ghcr.io/acme/${this.namespace}/${name}`;
  }

  image(name: string): number {
    const image = this.imageName(name);
    const tags = imageTags(image);
    this.flux(
      'ImageRepository',
      name,
      { image, interval: '1h0m0s' },
      {
        canonicalImageName: canonicalImageName(image),
        lastScanResult: { tagCount: tags.length, scanTime: this.at, latestTags: tags.slice(0, 10) },
        observedExclusionList: [],
        conditions: this.ready('Succeeded', `successful scan: found ${tags.length} tags`),
      },
    );
    return 1;
  }

  private flux(
    kind: Parameters<typeof createFlux>[1],
    name: string,
    spec: Record<string, unknown>,
    status: Record<string, unknown>,
    infrastructure = false,
    labels?: Record<string, string>,
  ): void {
    createFlux(this.ctx, kind, this.namespace, name, {
      createdAt: this.createdAt,
      appliedBy: infrastructure ? 'infrastructure' : 'apps',
      ...(labels ? { labels } : {}),
      spec,
      status: { observedGeneration: 1, ...status },
    });
  }
}
