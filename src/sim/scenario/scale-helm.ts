// One healthy HelmRelease of the scale filler: its release Secret (revision 1, deployed), the HelmChart
// helm-controller made for it, and the HelmRelease with the status it would have after the install.
import { makeArtifact, STORAGE_HOST } from '../controllers/artifacts.js';
import { chartAppVersion, chartDescription, latestChartVersion } from '../controllers/charts.js';
import { snapshotOf } from '../controllers/helmrelease/snapshots.js';
import { hashHex } from '../controllers/ids.js';
import { manifestInventory, newRelease, releaseSecret } from '../helm-storage.js';
import { CORE_RESOURCES } from '../resources.js';
import type { SimContext } from '../types.js';
import { conditions, createFlux } from './builders.js';

export interface ScaleRelease {
  readonly namespace: string;
  readonly app: string;
  readonly chart: string;
  readonly repository: { readonly name: string; readonly url: string };
  readonly interval: string;
  /** RFC 3339 of the install. */
  readonly at: string;
  readonly createdAt: number;
  readonly replicas: number;
}

export function seedScaleRelease(ctx: SimContext, r: ScaleRelease): void {
  const { namespace, chart, at } = r;
  const name = `${r.app}-${chart}`;
  const version = latestChartVersion(chart);
  const chartObject = `${namespace}-${name}`;
  const values = { replicaCount: r.replicas };
  const since = Date.parse(at);
  const release = newRelease({
    name,
    namespace,
    version: 1,
    status: 'deployed',
    description: 'Install complete',
    chart: {
      name: chart,
      version,
      appVersion: chartAppVersion(chart, version),
      description: chartDescription(chart),
    },
    config: values,
    firstDeployed: at,
    lastDeployed: at,
  });
  // Uncompressed (which Helm reads too): gzip per release would dominate seeding thousands of objects.
  const secret = releaseSecret(release, { modifiedAt: since / 1000 }, namespace, false);
  ctx.store.create(CORE_RESOURCES.secrets, {
    ...secret,
    metadata: { ...secret.metadata, creationTimestamp: at },
  });
  const pulled = `pulled '${chart}' chart with version '${version}'`;
  createFlux(ctx, 'HelmChart', namespace, chartObject, {
    createdAt: r.createdAt,
    labels: { 'helm.toolkit.fluxcd.io/name': name, 'helm.toolkit.fluxcd.io/namespace': namespace },
    spec: {
      chart,
      interval: r.interval,
      reconcileStrategy: 'ChartVersion',
      sourceRef: { kind: 'HelmRepository', name: r.repository.name },
      version,
    },
    status: {
      observedGeneration: 1,
      observedChartName: chart,
      observedSourceArtifactRevision: `sha256:${hashHex('index', r.repository.url)}`,
      observedValuesFiles: [],
      artifact: makeArtifact({
        kindLower: 'helmchart',
        namespace,
        name: chartObject,
        file: `${chart}-${version}.tgz`,
        revision: version,
        at,
      }),
      url: `${STORAGE_HOST}/helmchart/${namespace}/${chartObject}/latest.tar.gz`,
      conditions: conditions(1, [
        { type: 'Ready', status: 'True', reason: 'ChartPullSucceeded', message: pulled, since },
        { type: 'ArtifactInStorage', status: 'True', reason: 'ChartPullSucceeded', message: pulled, since },
      ]),
    },
  });
  const snapshot = snapshotOf(release);
  const message = `Helm install succeeded for release ${namespace}/${name}.v1 with chart ${chart}@${version}`;
  createFlux(ctx, 'HelmRelease', namespace, name, {
    createdAt: r.createdAt,
    appliedBy: 'apps',
    spec: {
      interval: r.interval,
      chart: { spec: { chart, version, sourceRef: { kind: 'HelmRepository', name: r.repository.name } } },
      values,
    },
    status: {
      observedGeneration: 1,
      lastAttemptedGeneration: 1,
      helmChart: `${namespace}/${chartObject}`,
      storageNamespace: namespace,
      history: [snapshot],
      // Without the Deployment, which the scale scenario does not create (see scale.ts).
      ...(ctx.fluxVersions === 'current'
        ? {
            inventory: {
              entries: manifestInventory(release).filter((e) => !e.id.endsWith('_apps_Deployment')),
            },
          }
        : {}),
      lastAttemptedReleaseAction: 'install',
      lastAttemptedRevision: version,
      lastAttemptedConfigDigest: snapshot.configDigest,
      conditions: conditions(1, [
        { type: 'Ready', status: 'True', reason: 'InstallSucceeded', message, since },
        { type: 'Released', status: 'True', reason: 'InstallSucceeded', message, since },
      ]),
    },
  });
}
