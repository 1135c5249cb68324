// Seeded HelmReleases with everything helm-controller and Helm would have left behind: the HelmChart, one
// storage Secret per revision (Helm's encoding), and status.history snapshots of the revisions it made.
import { chartAppVersion, chartDescription } from '../controllers/charts.js';
import { snapshotOf } from '../controllers/helmrelease/snapshots.js';
import { getRecord } from '../controllers/json.js';
import {
  type HelmRelease,
  type HelmReleaseStatus,
  manifestInventory,
  newRelease,
  releaseSecret,
} from '../helm-storage.js';
import { CORE_RESOURCES } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import { bumpGeneration, type Cond, conditions, createFlux, isoSeconds } from './builders.js';
import { helmRepositoryRevision, seedHelmChart } from './sources.js';

export interface RevisionSeed {
  readonly chartVersion: string;
  readonly status: HelmReleaseStatus;
  readonly description: string;
  /** When the revision was made (ms). */
  readonly at: number;
  /** The user values Helm stored for this revision (default: the HelmRelease's values). */
  readonly values?: Record<string, unknown>;
}

export interface HelmReleaseSeed {
  readonly namespace: string;
  readonly name: string;
  readonly chart: string;
  /** HelmRepository in flux-system. */
  readonly repository: string;
  readonly repositoryUrl?: string;
  /** spec.chart.spec.version */
  readonly version: string;
  readonly interval?: string;
  readonly values: Record<string, unknown>;
  readonly createdAt: number;
  readonly dependsOn?: { readonly name: string; readonly namespace: string };
  readonly revisions: readonly RevisionSeed[];
  /** How many of the newest revisions status.history holds (the controller's own snapshots). */
  readonly historyDepth?: number;
  readonly conditions: readonly Cond[];
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
  readonly annotations?: Record<string, string>;
  readonly appliedBy?: string;
  /** The chart version in Git before its last change (the spec edit bumped generation). */
  readonly upgradedFrom?: string;
  /** Suspended after that (generation bumped again, not observed), by whom. */
  readonly suspendedBy?: string;
}

export function seedHelmRelease(ctx: SimContext, seed: HelmReleaseSeed): SimObject {
  const interval = seed.interval ?? '10m';
  const releases = writeStorage(ctx, seed);
  const history = releases
    .slice(-(seed.historyDepth ?? 2))
    .reverse()
    .map((r) => snapshotOf(r));
  const chartName = `${seed.namespace}-${seed.name}`;
  const latestPulled = seed.revisions.find((r) => r.chartVersion === seed.version)?.at ?? seed.createdAt;
  seedHelmChart(ctx, {
    namespace: 'flux-system',
    name: chartName,
    chart: seed.chart,
    version: seed.version,
    source: { kind: 'HelmRepository', name: seed.repository },
    owner: { namespace: seed.namespace, name: seed.name },
    interval,
    createdAt: seed.createdAt,
    pulledAt: latestPulled,
    ...(seed.repositoryUrl ? { sourceRevision: helmRepositoryRevision(seed.repositoryUrl) } : {}),
  });
  const last = releases.at(-1);
  const deployed = releases.filter((r) => r.info.status === 'deployed').at(-1);
  const observed = seed.upgradedFrom ? 2 : 1;
  const annotations = {
    ...seed.annotations,
    ...(seed.suspendedBy ? { 'fluxcd.controlplane.io/suspendedBy': seed.suspendedBy } : {}),
  };
  const created = createFlux(ctx, 'HelmRelease', seed.namespace, seed.name, {
    createdAt: seed.createdAt,
    ...(Object.keys(annotations).length ? { annotations } : {}),
    appliedBy: seed.appliedBy ?? 'infrastructure',
    spec: {
      interval,
      chart: {
        spec: {
          chart: seed.chart,
          version: seed.upgradedFrom ?? seed.version,
          sourceRef: { kind: 'HelmRepository', name: seed.repository, namespace: 'flux-system' },
        },
      },
      ...(seed.dependsOn ? { dependsOn: [seed.dependsOn] } : {}),
      install: { crds: 'CreateReplace', remediation: { retries: 3 } },
      upgrade: { crds: 'CreateReplace', remediation: { retries: 3 } },
      values: seed.values,
      ...seed.spec,
    },
    status: {
      observedGeneration: observed,
      lastAttemptedGeneration: observed,
      conditions: conditions(observed, seed.conditions),
      helmChart: `flux-system/${chartName}`,
      storageNamespace: seed.namespace,
      history,
      lastAttemptedReleaseAction: releases.length > 1 ? 'upgrade' : 'install',
      lastAttemptedRevision: last?.chart.metadata.version ?? seed.version,
      lastAttemptedConfigDigest: history[0]?.configDigest ?? '',
      ...(deployed && ctx.fluxVersions === 'current'
        ? { inventory: { entries: manifestInventory(deployed) } }
        : {}),
      ...seed.status,
    },
  });
  let hr = created;
  if (seed.upgradedFrom) {
    const template = getRecord(hr, 'spec', 'chart', 'spec');
    hr = bumpGeneration(ctx, hr, (spec) =>
      Object.assign(spec, { chart: { spec: { ...template, version: seed.version } } }),
    );
  }
  if (seed.suspendedBy) hr = bumpGeneration(ctx, hr, (spec) => Object.assign(spec, { suspend: true }));
  return hr;
}

/** One storage Secret per revision, labelled as Helm's Create (pending) or Update (completed) left it. */
function writeStorage(ctx: SimContext, seed: HelmReleaseSeed): HelmRelease[] {
  const first = seed.revisions[0]?.at ?? seed.createdAt;
  return seed.revisions.map((rev, i) => {
    const release = newRelease({
      name: seed.name,
      namespace: seed.namespace,
      version: i + 1,
      status: rev.status,
      description: rev.description,
      chart: {
        name: seed.chart,
        version: rev.chartVersion,
        appVersion: chartAppVersion(seed.chart, rev.chartVersion),
        description: chartDescription(seed.chart),
      },
      config: rev.values ?? seed.values,
      firstDeployed: isoSeconds(first),
      lastDeployed: isoSeconds(rev.at),
    });
    const pending = rev.status.startsWith('pending-');
    const secret = releaseSecret(
      release,
      pending ? { createdAt: rev.at / 1000 } : { modifiedAt: rev.at / 1000 + 45 },
    );
    ctx.store.create(CORE_RESOURCES.secrets, {
      ...secret,
      metadata: { ...secret.metadata, creationTimestamp: isoSeconds(rev.at) },
    });
    return release;
  });
}

/** Revisions of a release upgraded through `versions` (oldest first), the last one deployed. */
export function upgradeHistory(chartVersions: readonly string[], times: readonly number[]): RevisionSeed[] {
  return chartVersions.map((chartVersion, i) => ({
    chartVersion,
    status: i === chartVersions.length - 1 ? 'deployed' : 'superseded',
    description: i === 0 ? 'Install complete' : 'Upgrade complete',
    at: times[i] ?? 0,
  }));
}

/** Ready/Released conditions of a release whose last action succeeded. */
export function releasedConditions(
  seed: { namespace: string; name: string; chart: string },
  version: string,
  revision: number,
  at: number,
  upgraded: boolean,
): Cond[] {
  const verb = upgraded ? 'upgrade' : 'install';
  const reason = upgraded ? 'UpgradeSucceeded' : 'InstallSucceeded';
  const message = `Helm ${verb} succeeded for release ${seed.namespace}/${seed.name}.v${revision} with chart ${seed.chart}@${version}`;
  return [
    { type: 'Ready', status: 'True', reason, message, since: at },
    { type: 'Released', status: 'True', reason, message, since: at },
  ];
}
