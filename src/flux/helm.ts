// Helm release identity of a HelmRelease (helm-controller) and Helm's storage records (helm/helm
// pkg/storage): names, namespaces, decoded revisions, and which revision a rollback should go to.
import { array, field, isRecord, num, record, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import { sha256Hex } from './sha256.js';
import { parseTime } from './time.js';
import type { HelmReleaseRevision, ObjectRef } from './types.js';

/** Helm's maximum release name length. */
const MAX_RELEASE_NAME = 53;

/**
 * helm-controller's ShortenName (internal/release/name.go): names over 53 characters become their first 40
 * characters, `-`, and the first 12 hex characters of the SHA-256 of the whole name.
 */
export function shortenReleaseName(name: string): string {
  if (name.length <= MAX_RELEASE_NAME) return name;
  return `${name.slice(0, MAX_RELEASE_NAME - 13)}-${sha256Hex(name).slice(0, 12)}`;
}

/** The Helm release name: spec.releaseName, else `<targetNamespace>-<name>` or `<name>`, shortened past 53 chars. */
export function helmReleaseName(hr: unknown): string {
  const name = str(hr, 'metadata', 'name');
  const target = str(hr, 'spec', 'targetNamespace');
  const release = str(hr, 'spec', 'releaseName') || (target ? `${target}-${name}` : name);
  return shortenReleaseName(release);
}

/** Where the release's resources go: spec.targetNamespace, else the HelmRelease's namespace. */
export function helmReleaseNamespace(hr: unknown): string {
  return str(hr, 'spec', 'targetNamespace') || str(hr, 'metadata', 'namespace');
}

/** Where Helm keeps the release Secrets: spec.storageNamespace, else the HelmRelease's namespace. */
export function helmStorageNamespace(hr: unknown): string {
  return str(hr, 'spec', 'storageNamespace') || str(hr, 'metadata', 'namespace');
}

/**
 * The HelmChart a HelmRelease uses: for spec.chart templates the one the controller creates,
 * `<hrNamespace>-<hrName>` in the *source's* namespace (GetHelmChartName); for a chartRef of kind HelmChart
 * that chart; otherwise (chartRef to an OCIRepository …) none. Falls back to status.helmChart (`ns/name`).
 */
export function helmChartNameFor(hr: unknown): ObjectRef | undefined {
  const name = str(hr, 'metadata', 'name');
  const namespace = str(hr, 'metadata', 'namespace');
  if (name === '') return undefined;
  const chartRef = record(hr, 'spec', 'chartRef');
  if (chartRef) {
    const refName = str(chartRef, 'name');
    if (str(chartRef, 'kind') !== 'HelmChart' || refName === '') return undefined;
    return { kind: 'HelmChart', name: refName, namespace: str(chartRef, 'namespace') || namespace };
  }
  if (record(hr, 'spec', 'chart')) {
    const sourceNs = str(hr, 'spec', 'chart', 'spec', 'sourceRef', 'namespace') || namespace;
    return { kind: 'HelmChart', name: `${namespace}-${name}`, namespace: sourceNs };
  }
  const status = str(hr, 'status', 'helmChart');
  const slash = status.indexOf('/');
  if (slash > 0 && slash < status.length - 1) {
    return { kind: 'HelmChart', namespace: status.slice(0, slash), name: status.slice(slash + 1) };
  }
  return undefined;
}

/** Helm's storage Secret name for a revision: `sh.helm.release.v1.<release>.v<revision>`. */
export function helmSecretName(release: string, revision: number): string {
  return `sh.helm.release.v1.${release}.v${revision}`;
}

const SECRET_NAME = /^sh\.helm\.release\.v1\.(.+)\.v(\d+)$/;

/** The release and revision a storage Secret name encodes, or undefined for other names. */
export function parseHelmSecretName(name: string): { release: string; revision: number } | undefined {
  const m = SECRET_NAME.exec(name);
  if (!m) return undefined;
  return { release: m[1] as string, revision: Number(m[2]) };
}

/** Label selector for every stored revision of a release. */
export function helmReleaseSelector(release: string): string {
  return `owner=helm,name=${release}`;
}

/** Label selector for the pending (locked) revisions of a release. */
export function helmPendingSelector(release: string): string {
  return `owner=helm,name=${release},status in (pending-install,pending-upgrade,pending-rollback)`;
}

const PENDING = new Set(['pending-install', 'pending-upgrade', 'pending-rollback']);

/** Whether a Helm status is one of the three pending-* states that hold the release lock. */
export function isPendingStatus(s: string): boolean {
  return PENDING.has(s);
}

/** Helm's lock error, in every wording helm-controller has used (docs/helm.md). */
export function isHelmLockMessage(message: string): boolean {
  return message.includes('another operation (install/upgrade/rollback) is in progress');
}

function timeOrEmpty(value: unknown): string {
  return parseTime(value) === undefined ? '' : sanitizeText(value, 64);
}

/**
 * One revision from a decoded Helm release (the JSON inside a storage Secret; base64 and gzip are undone in
 * src/kube). Name and revision fall back to what the Secret's name encodes; undefined when neither says.
 */
export function parseHelmRelease(release: unknown, secretName: string): HelmReleaseRevision | undefined {
  if (!isRecord(release)) return undefined;
  const fromName = parseHelmSecretName(secretName);
  const version = num(release, 'version');
  const revision =
    version !== undefined && Number.isInteger(version) && version > 0 ? version : fromName?.revision;
  const releaseName = str(release, 'name') || fromName?.release || '';
  if (revision === undefined || releaseName === '') return undefined;
  return {
    releaseName: sanitizeText(releaseName, MAX_RELEASE_NAME * 2),
    namespace: sanitizeText(str(release, 'namespace'), 253),
    revision,
    status: sanitizeText(str(release, 'info', 'status'), 50),
    chartName: sanitizeText(str(release, 'chart', 'metadata', 'name'), 200),
    chartVersion: sanitizeText(str(release, 'chart', 'metadata', 'version'), 200),
    appVersion: sanitizeText(str(release, 'chart', 'metadata', 'appVersion'), 200),
    description: sanitizeText(str(release, 'info', 'description'), 1000),
    firstDeployed: timeOrEmpty(field(release, 'info', 'first_deployed')),
    lastDeployed: timeOrEmpty(field(release, 'info', 'last_deployed')),
    secretName: sanitizeText(secretName, 253),
    ...(isRecord(field(release, 'config'))
      ? { valuesDigest: valuesFingerprint(field(release, 'config')) }
      : {}),
  };
}

/** Keys sorted at every level, so equal values give equal text whatever order they were written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A fingerprint of Helm values, to compare what a HelmRelease asks for with the `config` Helm stored.
 * Not helm-controller's configDigest (whose canonical form we do not reproduce): compare only with itself.
 */
export function valuesFingerprint(values: unknown): string {
  return sha256Hex(canonicalJson(isRecord(values) ? values : {}));
}

/**
 * The revisions recorded in a HelmRelease's status.history (helm-controller snapshots), newest first — what
 * the console can show when it may not read the storage Secrets.
 */
export function helmHistoryFromStatus(hr: unknown): HelmReleaseRevision[] {
  const out: HelmReleaseRevision[] = [];
  for (const snap of array(hr, 'status', 'history').slice(0, 100)) {
    const version = num(snap, 'version');
    const releaseName = str(snap, 'name');
    if (version === undefined || !Number.isInteger(version) || version <= 0 || releaseName === '') continue;
    out.push({
      releaseName: sanitizeText(releaseName, MAX_RELEASE_NAME * 2),
      namespace: sanitizeText(str(snap, 'namespace'), 253),
      revision: version,
      status: sanitizeText(str(snap, 'status'), 50),
      chartName: sanitizeText(str(snap, 'chartName'), 200),
      chartVersion: sanitizeText(str(snap, 'chartVersion'), 200),
      appVersion: sanitizeText(str(snap, 'appVersion'), 200),
      description: '',
      firstDeployed: timeOrEmpty(field(snap, 'firstDeployed')),
      lastDeployed: timeOrEmpty(field(snap, 'lastDeployed')),
      secretName: helmSecretName(releaseName, version),
    });
  }
  return out.sort((a, b) => b.revision - a.revision);
}

function newestFirst(history: readonly HelmReleaseRevision[]): HelmReleaseRevision[] {
  return [...history].sort((a, b) => b.revision - a.revision);
}

/** The newest revision when it is pending-* (the release is locked), else undefined. */
export function pendingRevision(history: readonly HelmReleaseRevision[]): HelmReleaseRevision | undefined {
  const newest = newestFirst(history)[0];
  return newest && isPendingStatus(newest.status) ? newest : undefined;
}
