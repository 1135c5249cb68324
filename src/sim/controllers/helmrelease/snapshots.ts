// status.history of a HelmRelease: snapshots of the releases the controller made, latest first
// (helm-controller api/v2 snapshot_types.go). A snapshot's digest identifies the stored release it observed.
import type { HelmRelease } from '../../helm-storage.js';
import { sha256Hex } from '../ids.js';
import { getList, getNum, getStr } from '../json.js';

export interface Snapshot {
  apiVersion: string;
  digest: string;
  name: string;
  namespace: string;
  version: number;
  status: string;
  chartName: string;
  chartVersion: string;
  appVersion: string;
  configDigest: string;
  firstDeployed: string;
  lastDeployed: string;
  ociDigest?: string;
}

const MAX_SNAPSHOTS = 5;

export function configDigest(values: unknown): string {
  return `sha256:${sha256Hex(JSON.stringify(values ?? {}))}`;
}

export function snapshotOf(release: HelmRelease): Snapshot {
  return {
    apiVersion: 'v2',
    digest: `sha256:${sha256Hex(JSON.stringify(release))}`,
    name: release.name,
    namespace: release.namespace,
    version: release.version,
    status: release.info.status,
    chartName: release.chart.metadata.name,
    chartVersion: release.chart.metadata.version,
    appVersion: release.chart.metadata.appVersion ?? '',
    configDigest: configDigest(release.config ?? {}),
    firstDeployed: release.info.first_deployed,
    lastDeployed: release.info.last_deployed,
  };
}

export function readHistory(hr: unknown): Snapshot[] {
  return getList(hr, 'status', 'history').flatMap((s): Snapshot[] => {
    const version = getNum(s, 'version');
    if (version === undefined) return [];
    return [
      {
        apiVersion: getStr(s, 'apiVersion') || 'v2',
        digest: getStr(s, 'digest'),
        name: getStr(s, 'name'),
        namespace: getStr(s, 'namespace'),
        version,
        status: getStr(s, 'status'),
        chartName: getStr(s, 'chartName'),
        chartVersion: getStr(s, 'chartVersion'),
        appVersion: getStr(s, 'appVersion'),
        configDigest: getStr(s, 'configDigest'),
        firstDeployed: getStr(s, 'firstDeployed'),
        lastDeployed: getStr(s, 'lastDeployed'),
      },
    ];
  });
}

/** Records an observed release: replaces the snapshot of the same version or puts a new one first. */
export function recordSnapshot(history: readonly Snapshot[], release: HelmRelease): Snapshot[] {
  const snap = snapshotOf(release);
  const rest = history.filter((s) => s.version !== snap.version);
  const next = history.some((s) => s.version === snap.version)
    ? history.map((s) => (s.version === snap.version ? snap : s))
    : [snap, ...rest];
  return next.slice(0, MAX_SNAPSHOTS);
}

/** After a successful release only it and the one before it are kept (History.Truncate). */
export function truncateHistory(history: readonly Snapshot[]): Snapshot[] {
  return history.slice(0, 2);
}
