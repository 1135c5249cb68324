// Seeded source objects with the artifacts source-controller would have stored for them.
import { type Commit, gitRemotesOf, makeArtifact, STORAGE_HOST } from '../controllers/artifacts.js';
import { hashHex } from '../controllers/ids.js';
import type { MutableStatus } from '../controllers/json.js';
import type { SimContext, SimObject } from '../types.js';
import { type Cond, conditions, createFlux, isoSeconds } from './builders.js';

const FLUX_NS = 'flux-system';

export interface GitSeed {
  readonly namespace?: string;
  readonly name: string;
  readonly url: string;
  readonly branch?: string;
  readonly interval?: string;
  readonly createdAt: number;
  /** The branch head it fetched, and when; omit for a repository that never fetched. */
  readonly fetched?: { readonly commit: Commit; readonly at: number };
  /** Conditions instead of Ready/ArtifactInStorage=True (for a failing repository). */
  readonly conditions?: readonly Cond[];
  readonly appliedBy?: string;
  /** Labels of another applier (a FluxInstance's owner labels on its sync source). */
  readonly labels?: Record<string, string>;
}

export function seedGitRepository(ctx: SimContext, seed: GitSeed): SimObject {
  const namespace = seed.namespace ?? FLUX_NS;
  const branch = seed.branch ?? 'main';
  const status: MutableStatus = { observedGeneration: 1 };
  if (seed.fetched) {
    gitRemotesOf(ctx.store).seed(seed.url, branch, seed.fetched.commit);
    const revision = `${branch}@sha1:${seed.fetched.commit.sha}`;
    status.artifact = makeArtifact({
      kindLower: 'gitrepository',
      namespace,
      name: seed.name,
      file: `${seed.fetched.commit.sha}.tar.gz`,
      revision,
      at: isoSeconds(seed.fetched.at),
    });
    status.url = `${STORAGE_HOST}/gitrepository/${namespace}/${seed.name}/latest.tar.gz`;
    const message = `stored artifact for revision '${revision}'`;
    status.conditions = conditions(
      1,
      seed.conditions ?? [
        { type: 'Ready', status: 'True', reason: 'Succeeded', message, since: seed.fetched.at },
        { type: 'ArtifactInStorage', status: 'True', reason: 'Succeeded', message, since: seed.fetched.at },
      ],
    );
  } else if (seed.conditions) {
    status.conditions = conditions(1, seed.conditions);
  }
  return createFlux(ctx, 'GitRepository', namespace, seed.name, {
    createdAt: seed.createdAt,
    ...(seed.appliedBy ? { appliedBy: seed.appliedBy } : {}),
    ...(seed.labels ? { labels: seed.labels } : {}),
    spec: {
      interval: seed.interval ?? '1m0s',
      ref: { branch },
      secretRef: { name: 'flux-system' },
      timeout: '60s',
      url: seed.url,
    },
    status,
  });
}

export interface HelmRepoSeed {
  readonly name: string;
  readonly url: string;
  readonly createdAt: number;
  readonly fetchedAt: number;
  readonly type?: 'oci';
  readonly namespace?: string;
}

export function seedHelmRepository(ctx: SimContext, seed: HelmRepoSeed): SimObject {
  const namespace = seed.namespace ?? FLUX_NS;
  const spec = { interval: '1h0m0s', url: seed.url, ...(seed.type ? { type: seed.type } : {}) };
  if (seed.type === 'oci') {
    // Static: source-controller keeps no status for OCI Helm repositories.
    return createFlux(ctx, 'HelmRepository', namespace, seed.name, {
      createdAt: seed.createdAt,
      appliedBy: 'infrastructure',
      spec,
    });
  }
  const digest = hashHex('index', seed.url);
  const revision = `sha256:${digest}`;
  const message = `stored artifact: revision '${revision}'`;
  return createFlux(ctx, 'HelmRepository', namespace, seed.name, {
    createdAt: seed.createdAt,
    appliedBy: 'infrastructure',
    spec,
    status: {
      observedGeneration: 1,
      artifact: makeArtifact({
        kindLower: 'helmrepository',
        namespace,
        name: seed.name,
        file: `index-${digest}.yaml`,
        revision,
        at: isoSeconds(seed.fetchedAt),
      }),
      url: `${STORAGE_HOST}/helmrepository/${namespace}/${seed.name}/index.yaml`,
      conditions: conditions(1, [
        { type: 'Ready', status: 'True', reason: 'Succeeded', message, since: seed.fetchedAt },
        { type: 'ArtifactInStorage', status: 'True', reason: 'Succeeded', message, since: seed.fetchedAt },
      ]),
    },
  });
}

export interface HelmChartSeed {
  readonly namespace: string;
  readonly name: string;
  readonly chart: string;
  readonly version: string;
  readonly source: { readonly kind: string; readonly name: string };
  /** The HelmRelease that owns it. */
  readonly owner: { readonly namespace: string; readonly name: string };
  readonly interval: string;
  readonly createdAt: number;
  readonly pulledAt: number;
  readonly sourceRevision?: string;
}

export function seedHelmChart(ctx: SimContext, seed: HelmChartSeed): SimObject {
  const message = `pulled '${seed.chart}' chart with version '${seed.version}'`;
  return createFlux(ctx, 'HelmChart', seed.namespace, seed.name, {
    createdAt: seed.createdAt,
    labels: {
      'helm.toolkit.fluxcd.io/name': seed.owner.name,
      'helm.toolkit.fluxcd.io/namespace': seed.owner.namespace,
    },
    spec: {
      chart: seed.chart,
      interval: seed.interval,
      reconcileStrategy: 'ChartVersion',
      sourceRef: seed.source,
      version: seed.version,
    },
    status: {
      observedGeneration: 1,
      observedChartName: seed.chart,
      ...(seed.sourceRevision ? { observedSourceArtifactRevision: seed.sourceRevision } : {}),
      observedValuesFiles: [],
      artifact: makeArtifact({
        kindLower: 'helmchart',
        namespace: seed.namespace,
        name: seed.name,
        file: `${seed.chart}-${seed.version}.tgz`,
        revision: seed.version,
        at: isoSeconds(seed.pulledAt),
      }),
      url: `${STORAGE_HOST}/helmchart/${seed.namespace}/${seed.name}/latest.tar.gz`,
      conditions: conditions(1, [
        { type: 'Ready', status: 'True', reason: 'ChartPullSucceeded', message, since: seed.pulledAt },
        {
          type: 'ArtifactInStorage',
          status: 'True',
          reason: 'ChartPullSucceeded',
          message,
          since: seed.pulledAt,
        },
      ]),
    },
  });
}

export function helmRepositoryRevision(url: string): string {
  return `sha256:${hashHex('index', url)}`;
}
