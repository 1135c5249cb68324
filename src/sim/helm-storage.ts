// Helm's release storage in Secrets, encoded exactly as helm/helm pkg/storage/driver (secrets.go, util.go):
// Secret `sh.helm.release.v1.<release>.v<revision>` of type `helm.sh/release.v1`, labels owner/name/status/
// version (+ createdAt on create, modifiedAt on update), data.release = base64(gzip(json(release))) — which
// the API then base64-encodes once more, as it does for every Secret value.
import { gunzipSync, gzipSync } from 'node:zlib';

export const HELM_SECRET_TYPE = 'helm.sh/release.v1';

export type HelmReleaseStatus =
  | 'unknown'
  | 'deployed'
  | 'uninstalled'
  | 'superseded'
  | 'failed'
  | 'uninstalling'
  | 'pending-install'
  | 'pending-upgrade'
  | 'pending-rollback';

export const PENDING_STATUSES: readonly HelmReleaseStatus[] = [
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
];

export interface HelmChartMetadata {
  name: string;
  version: string;
  description?: string;
  apiVersion: string;
  appVersion?: string;
  type?: string;
}

/** The part of Helm's release.Release the sim writes and reads; field order follows Helm's Go structs. */
export interface HelmRelease {
  name: string;
  info: {
    first_deployed: string;
    last_deployed: string;
    deleted?: string;
    description: string;
    status: HelmReleaseStatus;
    notes?: string;
    /** Helm 4: the revision a rollback went back to (`helm history`'s ROLLBACK column). */
    rollback_revision?: number;
  };
  chart: {
    metadata: HelmChartMetadata;
    templates: unknown[];
    values: Record<string, unknown>;
  };
  config?: Record<string, unknown>;
  manifest?: string;
  version: number;
  namespace: string;
  apply_method?: 'csa' | 'ssa';
}

// A type alias (not an interface) so it is assignable where any JSON object is accepted.
export type HelmReleaseSecret = {
  apiVersion: 'v1';
  kind: 'Secret';
  type: typeof HELM_SECRET_TYPE;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  data: { release: string };
};

export function releaseSecretName(release: string, revision: number): string {
  return `sh.helm.release.v1.${release}.v${revision}`;
}

/** What Helm stores as the Secret's bytes: base64 of gzip (best compression) of the release JSON. */
export function encodeReleaseBytes(release: HelmRelease, compress = true): string {
  const json = Buffer.from(JSON.stringify(release), 'utf8');
  // Helm decodes uncompressed releases too (early Helm 3 wrote them); only bulk seeding uses that.
  if (!compress) return json.toString('base64');
  const gz = gzipSync(json, { level: 9 });
  // Go's gzip writer leaves MTIME zero and writes OS=255 (unknown); zlib writes OS=3 (Unix).
  gz[9] = 0xff;
  return gz.toString('base64');
}

/** The Secret's `data.release` as the API serves it: the Helm bytes, base64-encoded again. */
export function encodeReleaseData(release: HelmRelease, compress = true): string {
  return Buffer.from(encodeReleaseBytes(release, compress), 'utf8').toString('base64');
}

/** Decodes `data.release` from the API (twice base64, gunzip when the gzip magic is there, JSON). */
export function decodeReleaseData(data: unknown): HelmRelease | undefined {
  if (typeof data !== 'string' || data === '') return undefined;
  try {
    const helmBytes = Buffer.from(data, 'base64').toString('utf8');
    const raw = Buffer.from(helmBytes, 'base64');
    const isGzip = raw.length > 3 && raw[0] === 0x1f && raw[1] === 0x8b && raw[2] === 0x08;
    const json = isGzip ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    const parsed: unknown = JSON.parse(json);
    return isRelease(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function decodeReleaseSecret(secret: unknown): HelmRelease | undefined {
  if (typeof secret !== 'object' || secret === null) return undefined;
  const data = (secret as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  return decodeReleaseData((data as { release?: unknown }).release);
}

export interface SecretTimes {
  /** Unix seconds; set when the revision was created (Helm's Create). */
  readonly createdAt?: number;
  /** Unix seconds; set when the revision was rewritten (Helm's Update replaces the labels). */
  readonly modifiedAt?: number;
}

/** The storage Secret of a release; it lives in the storage namespace, by default the release's own. */
export function releaseSecret(
  release: HelmRelease,
  times: SecretTimes,
  storageNamespace: string = release.namespace,
  compress = true,
): HelmReleaseSecret {
  const labels: Record<string, string> = {
    ...(times.createdAt === undefined ? {} : { createdAt: String(Math.floor(times.createdAt)) }),
    ...(times.modifiedAt === undefined ? {} : { modifiedAt: String(Math.floor(times.modifiedAt)) }),
    name: release.name,
    owner: 'helm',
    status: release.info.status,
    version: String(release.version),
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: HELM_SECRET_TYPE,
    metadata: {
      name: releaseSecretName(release.name, release.version),
      namespace: storageNamespace,
      labels,
    },
    data: { release: encodeReleaseData(release, compress) },
  };
}

function isRelease(value: unknown): value is HelmRelease {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<HelmRelease>;
  return typeof v.name === 'string' && typeof v.version === 'number' && typeof v.info === 'object';
}

export interface NewReleaseInput {
  readonly name: string;
  readonly namespace: string;
  readonly version: number;
  readonly status: HelmReleaseStatus;
  readonly description: string;
  readonly chart: {
    readonly name: string;
    readonly version: string;
    readonly appVersion: string;
    readonly description: string;
  };
  readonly config: Record<string, unknown>;
  /** ISO timestamps. */
  readonly firstDeployed: string;
  readonly lastDeployed: string;
}

/** A release as Helm would store it for a chart and values (templates omitted, a small rendered manifest). */
export function newRelease(input: NewReleaseInput): HelmRelease {
  return {
    name: input.name,
    info: {
      first_deployed: input.firstDeployed,
      last_deployed: input.lastDeployed,
      description: input.description,
      status: input.status,
      notes: `${input.chart.name} ${input.chart.version} has been ${input.version === 1 ? 'installed' : 'upgraded'}.`,
    },
    chart: {
      metadata: {
        name: input.chart.name,
        version: input.chart.version,
        description: input.chart.description,
        apiVersion: 'v2',
        appVersion: input.chart.appVersion,
        type: 'application',
      },
      templates: [],
      values: { replicaCount: 1, image: { tag: '' } },
    },
    config: input.config,
    manifest: renderManifest(input.name, input.namespace, input.chart.name, input.chart.appVersion),
    version: input.version,
    namespace: input.namespace,
  };
}

function renderManifest(release: string, namespace: string, chart: string, appVersion: string): string {
  const labels = `    app.kubernetes.io/name: ${chart}\n    app.kubernetes.io/instance: ${release}\n    app.kubernetes.io/version: "${appVersion}"\n    app.kubernetes.io/managed-by: Helm`;
  return [
    `---\n# Source: ${chart}/templates/serviceaccount.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${release}\n  namespace: ${namespace}\n  labels:\n${labels}\n`,
    `---\n# Source: ${chart}/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${release}\n  namespace: ${namespace}\n  labels:\n${labels}\nspec:\n  type: ClusterIP\n  ports:\n    - port: 80\n      targetPort: http\n`,
    `---\n# Source: ${chart}/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${release}\n  namespace: ${namespace}\n  labels:\n${labels}\nspec:\n  replicas: 1\n`,
  ].join('');
}

/** Helm's release resources as `<namespace>_<name>_<group>_<kind>` inventory ids (helm-controller ≥ 1.5). */
export function manifestInventory(release: HelmRelease): { id: string; v: string }[] {
  const ns = release.namespace;
  return [
    { id: `${ns}_${release.name}__ServiceAccount`, v: 'v1' },
    { id: `${ns}_${release.name}__Service`, v: 'v1' },
    { id: `${ns}_${release.name}_apps_Deployment`, v: 'v1' },
  ];
}
