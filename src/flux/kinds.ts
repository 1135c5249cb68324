// The catalog of Flux kinds: every other module asks this table instead of branching on kind names.
// Versions are listed newest first; the console picks the first one the server serves (discovery),
// falling back through the rest for older Flux installations (docs/flux-api.md).

export const KIND_NAMES = [
  'Kustomization',
  'HelmRelease',
  'GitRepository',
  'OCIRepository',
  'HelmRepository',
  'HelmChart',
  'Bucket',
  'ExternalArtifact',
  'ArtifactGenerator',
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'Alert',
  'Provider',
  'Receiver',
] as const;

export type KindName = (typeof KIND_NAMES)[number];

export type KindFamily = 'applier' | 'source' | 'image' | 'notification';

export type ControllerName =
  | 'source-controller'
  | 'kustomize-controller'
  | 'helm-controller'
  | 'notification-controller'
  | 'image-reflector-controller'
  | 'image-automation-controller'
  | 'source-watcher';

export interface PrinterColumn {
  readonly name: string;
  readonly jsonPath: string;
}

export interface FluxKind {
  readonly kind: KindName;
  readonly group: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  /** Newest first. versions[0] is what current Flux (2.9) serves and stores. */
  readonly versions: readonly string[];
  /** What an older Flux (≤ 2.2) serves instead; empty when the kind did not exist then. */
  readonly legacyVersions: readonly string[];
  readonly family: KindFamily;
  readonly controller: ControllerName;
  readonly categories: readonly string[];
  readonly printerColumns: readonly PrinterColumn[];
  /** Whether the kind has spec.suspend. */
  readonly suspendable: boolean;
  /** The name `flux` uses for the kind in commands, e.g. `flux reconcile helmrelease`. */
  readonly fluxCommand: string;
}

const READY: PrinterColumn = { name: 'Ready', jsonPath: '.status.conditions[?(@.type=="Ready")].status' };
const STATUS: PrinterColumn = { name: 'Status', jsonPath: '.status.conditions[?(@.type=="Ready")].message' };
const AGE: PrinterColumn = { name: 'Age', jsonPath: '.metadata.creationTimestamp' };
const URL: PrinterColumn = { name: 'URL', jsonPath: '.spec.url' };

const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
const SOURCE_CATEGORIES = ['all', 'fluxcd', 'fluxcd-sources'] as const;

export const KINDS: readonly FluxKind[] = [
  {
    kind: 'Kustomization',
    group: 'kustomize.toolkit.fluxcd.io',
    plural: 'kustomizations',
    singular: 'kustomization',
    shortNames: ['ks'],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'applier',
    controller: 'kustomize-controller',
    categories: ['all', 'fluxcd', 'fluxcd-appliers'],
    printerColumns: [AGE, READY, STATUS],
    suspendable: true,
    fluxCommand: 'kustomization',
  },
  {
    kind: 'HelmRelease',
    group: 'helm.toolkit.fluxcd.io',
    plural: 'helmreleases',
    singular: 'helmrelease',
    shortNames: ['hr'],
    versions: ['v2', 'v2beta2', 'v2beta1'],
    legacyVersions: ['v2beta2'],
    family: 'applier',
    controller: 'helm-controller',
    categories: ['all', 'fluxcd', 'fluxcd-appliers'],
    printerColumns: [AGE, READY, STATUS],
    suspendable: true,
    fluxCommand: 'helmrelease',
  },
  {
    kind: 'GitRepository',
    group: SOURCE_GROUP,
    plural: 'gitrepositories',
    singular: 'gitrepository',
    shortNames: ['gitrepo'],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'source',
    controller: 'source-controller',
    categories: SOURCE_CATEGORIES,
    printerColumns: [URL, AGE, READY, STATUS],
    suspendable: true,
    fluxCommand: 'source git',
  },
  {
    kind: 'OCIRepository',
    group: SOURCE_GROUP,
    plural: 'ocirepositories',
    singular: 'ocirepository',
    shortNames: ['ocirepo'],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'source',
    controller: 'source-controller',
    categories: SOURCE_CATEGORIES,
    printerColumns: [URL, READY, STATUS, AGE],
    suspendable: true,
    fluxCommand: 'source oci',
  },
  {
    kind: 'HelmRepository',
    group: SOURCE_GROUP,
    plural: 'helmrepositories',
    singular: 'helmrepository',
    shortNames: ['helmrepo'],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'source',
    controller: 'source-controller',
    categories: SOURCE_CATEGORIES,
    printerColumns: [URL, AGE, READY, STATUS],
    suspendable: true,
    fluxCommand: 'source helm',
  },
  {
    kind: 'HelmChart',
    group: SOURCE_GROUP,
    plural: 'helmcharts',
    singular: 'helmchart',
    shortNames: ['hc'],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'source',
    controller: 'source-controller',
    categories: SOURCE_CATEGORIES,
    printerColumns: [
      { name: 'Chart', jsonPath: '.spec.chart' },
      { name: 'Version', jsonPath: '.spec.version' },
      { name: 'Source Kind', jsonPath: '.spec.sourceRef.kind' },
      { name: 'Source Name', jsonPath: '.spec.sourceRef.name' },
      AGE,
      READY,
      STATUS,
    ],
    suspendable: true,
    fluxCommand: 'source chart',
  },
  {
    kind: 'Bucket',
    group: SOURCE_GROUP,
    plural: 'buckets',
    singular: 'bucket',
    shortNames: [],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'source',
    controller: 'source-controller',
    categories: SOURCE_CATEGORIES,
    printerColumns: [{ name: 'Endpoint', jsonPath: '.spec.endpoint' }, AGE, READY, STATUS],
    suspendable: true,
    fluxCommand: 'source bucket',
  },
  {
    kind: 'ExternalArtifact',
    group: SOURCE_GROUP,
    plural: 'externalartifacts',
    singular: 'externalartifact',
    shortNames: ['ea'],
    versions: ['v1'],
    legacyVersions: [],
    family: 'source',
    controller: 'source-controller',
    categories: SOURCE_CATEGORIES,
    printerColumns: [AGE, READY, STATUS, { name: 'Source', jsonPath: '.spec.sourceRef.name' }],
    suspendable: false,
    fluxCommand: 'source external',
  },
  {
    kind: 'ArtifactGenerator',
    group: 'source.extensions.fluxcd.io',
    plural: 'artifactgenerators',
    singular: 'artifactgenerator',
    shortNames: ['ag'],
    versions: ['v1beta1'],
    legacyVersions: [],
    family: 'source',
    controller: 'source-watcher',
    categories: SOURCE_CATEGORIES,
    printerColumns: [AGE, READY, STATUS],
    suspendable: false,
    fluxCommand: 'artifact generator',
  },
  {
    kind: 'ImageRepository',
    group: 'image.toolkit.fluxcd.io',
    plural: 'imagerepositories',
    singular: 'imagerepository',
    shortNames: ['imgrepo', 'imagerepo'],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'image',
    controller: 'image-reflector-controller',
    categories: ['all', 'fluxcd', 'fluxcd-images'],
    printerColumns: [
      { name: 'Image', jsonPath: '.spec.image' },
      { name: 'Tags', jsonPath: '.status.lastScanResult.tagCount' },
      READY,
      STATUS,
      { name: 'Last scan', jsonPath: '.status.lastScanResult.scanTime' },
      AGE,
    ],
    suspendable: true,
    fluxCommand: 'image repository',
  },
  {
    kind: 'ImagePolicy',
    group: 'image.toolkit.fluxcd.io',
    plural: 'imagepolicies',
    singular: 'imagepolicy',
    shortNames: ['imgpol', 'imagepol'],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'image',
    controller: 'image-reflector-controller',
    categories: ['all', 'fluxcd', 'fluxcd-images'],
    printerColumns: [
      { name: 'Image', jsonPath: '.status.latestRef.name' },
      { name: 'Tag', jsonPath: '.status.latestRef.tag' },
      READY,
      STATUS,
      AGE,
    ],
    suspendable: true,
    fluxCommand: 'image policy',
  },
  {
    kind: 'ImageUpdateAutomation',
    group: 'image.toolkit.fluxcd.io',
    plural: 'imageupdateautomations',
    singular: 'imageupdateautomation',
    shortNames: ['iua', 'imgupd', 'imgauto'],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'image',
    controller: 'image-automation-controller',
    categories: ['all', 'fluxcd', 'fluxcd-images'],
    printerColumns: [READY, STATUS, { name: 'Last run', jsonPath: '.status.lastAutomationRunTime' }, AGE],
    suspendable: true,
    fluxCommand: 'image update',
  },
  {
    kind: 'Alert',
    group: 'notification.toolkit.fluxcd.io',
    plural: 'alerts',
    singular: 'alert',
    shortNames: [],
    versions: ['v1beta3', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'notification',
    controller: 'notification-controller',
    categories: ['all', 'fluxcd', 'fluxcd-notifications'],
    printerColumns: [AGE],
    suspendable: true,
    fluxCommand: 'alert',
  },
  {
    kind: 'Provider',
    group: 'notification.toolkit.fluxcd.io',
    plural: 'providers',
    singular: 'provider',
    shortNames: [],
    versions: ['v1beta3', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'notification',
    controller: 'notification-controller',
    categories: ['all', 'fluxcd', 'fluxcd-notifications'],
    printerColumns: [AGE],
    suspendable: true,
    fluxCommand: 'alert-provider',
  },
  {
    kind: 'Receiver',
    group: 'notification.toolkit.fluxcd.io',
    plural: 'receivers',
    singular: 'receiver',
    shortNames: [],
    versions: ['v1', 'v1beta2'],
    legacyVersions: ['v1beta2'],
    family: 'notification',
    controller: 'notification-controller',
    categories: ['all', 'fluxcd', 'fluxcd-notifications'],
    printerColumns: [AGE, READY, STATUS],
    suspendable: true,
    fluxCommand: 'receiver',
  },
];

const BY_KIND = new Map<KindName, FluxKind>(KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: KindName): FluxKind {
  const info = BY_KIND.get(kind);
  if (!info) throw new Error(`unknown Flux kind ${kind}`);
  return info;
}

export function isKindName(value: unknown): value is KindName {
  return typeof value === 'string' && BY_KIND.has(value as KindName);
}

/** Resolves a kind from what a user may type: kind, plural, singular or short name, any case. */
export function findKind(word: string): FluxKind | undefined {
  const w = word.toLowerCase();
  return KINDS.find(
    (k) => k.kind.toLowerCase() === w || k.plural === w || k.singular === w || k.shortNames.includes(w),
  );
}

export const KINDS_BY_FAMILY = (family: KindFamily): readonly FluxKind[] =>
  KINDS.filter((k) => k.family === family);

export const FLUX_SYSTEM_NAMESPACE = 'flux-system';
