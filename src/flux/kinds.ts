// The catalog of Flux kinds: every other module asks this table instead of branching on kind names.
// Versions are listed newest first; the console picks the first one the server serves (discovery),
// falling back through the rest for older Flux installations (docs/flux-api.md). The Flux Operator's kinds
// (docs/flux-operator.md) are here too: they differ in how they are suspended and which CLI acts on them.
import { ARTIFACT_GENERATOR_RECONCILE, OPERATOR_RECONCILE } from './annotations.js';

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
  'FluxInstance',
  'FluxReport',
  'ResourceSet',
  'ResourceSetInputProvider',
] as const;

export type KindName = (typeof KIND_NAMES)[number];

export type KindFamily = 'applier' | 'source' | 'image' | 'notification' | 'operator';

export type ControllerName =
  | 'source-controller'
  | 'kustomize-controller'
  | 'helm-controller'
  | 'notification-controller'
  | 'image-reflector-controller'
  | 'image-automation-controller'
  | 'source-watcher'
  | 'flux-operator';

/**
 * A kind paused by an annotation rather than spec.suspend: `key: disabled` pauses it, `key: enabled` (or no
 * annotation) lets it run.
 */
export interface SuspendAnnotation {
  readonly key: string;
  readonly disabled: string;
  readonly enabled: string;
}

/** The command-line tool that acts on a kind: `flux`, the Flux Operator's `flux-operator`, or none. */
export type KindCli = 'flux' | 'flux-operator' | 'none';

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
  /** Whether the console can suspend and resume it (spec.suspend, or suspendAnnotation when set). */
  readonly suspendable: boolean;
  /** Suspended by this annotation instead of spec.suspend; absent for kinds with spec.suspend. */
  readonly suspendAnnotation?: SuspendAnnotation;
  /** The CLI whose commands act on the kind (default `flux`); `none` when only kubectl does. */
  readonly cli?: KindCli;
  /**
   * The name the kind's CLI uses for it in commands, e.g. `flux reconcile helmrelease`, `flux-operator
   * reconcile instance`; '' when the CLI has no command for it.
   */
  readonly fluxCommand: string;
  /**
   * Whether its controller copies a handled reconcile request into status.lastHandledReconcileAt (default
   * true). The Flux Operator's report never does, so a request on it cannot be followed to an answer.
   */
  readonly recordsHandledRequests?: boolean;
}

const READY: PrinterColumn = { name: 'Ready', jsonPath: '.status.conditions[?(@.type=="Ready")].status' };
const STATUS: PrinterColumn = { name: 'Status', jsonPath: '.status.conditions[?(@.type=="Ready")].message' };
const AGE: PrinterColumn = { name: 'Age', jsonPath: '.metadata.creationTimestamp' };
const URL: PrinterColumn = { name: 'URL', jsonPath: '.spec.url' };

const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
const OPERATOR_GROUP = 'fluxcd.controlplane.io';
/** `fluxcd.controlplane.io/reconcile: disabled|enabled` (flux-operator api/v1/common_types.go). */
const OPERATOR_SUSPEND: SuspendAnnotation = {
  key: OPERATOR_RECONCILE,
  disabled: 'disabled',
  enabled: 'enabled',
};
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
    suspendAnnotation: { key: ARTIFACT_GENERATOR_RECONCILE, disabled: 'disabled', enabled: 'enabled' },
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
  {
    kind: 'FluxInstance',
    group: OPERATOR_GROUP,
    plural: 'fluxinstances',
    singular: 'fluxinstance',
    shortNames: [],
    versions: ['v1'],
    legacyVersions: [],
    family: 'operator',
    controller: 'flux-operator',
    categories: ['fluxcd', 'fluxcd-appliers'],
    printerColumns: [AGE, READY, STATUS, { name: 'Revision', jsonPath: '.status.lastAttemptedRevision' }],
    suspendable: true,
    suspendAnnotation: OPERATOR_SUSPEND,
    cli: 'flux-operator',
    fluxCommand: 'instance',
  },
  {
    kind: 'FluxReport',
    group: OPERATOR_GROUP,
    plural: 'fluxreports',
    singular: 'fluxreport',
    shortNames: [],
    versions: ['v1'],
    legacyVersions: [],
    family: 'operator',
    controller: 'flux-operator',
    categories: ['fluxcd'],
    printerColumns: [
      { name: 'Entitlement', jsonPath: '.spec.distribution.entitlement' },
      AGE,
      READY,
      STATUS,
      { name: 'LastUpdated', jsonPath: '.status.conditions[?(@.type=="Ready")].lastTransitionTime' },
    ],
    suspendable: true,
    suspendAnnotation: OPERATOR_SUSPEND,
    // flux-operator has no command for the report: kubectl annotates it (the operator's own docs).
    cli: 'none',
    fluxCommand: '',
    recordsHandledRequests: false,
  },
  {
    kind: 'ResourceSet',
    group: OPERATOR_GROUP,
    plural: 'resourcesets',
    singular: 'resourceset',
    shortNames: ['rset'],
    versions: ['v1'],
    legacyVersions: [],
    family: 'operator',
    controller: 'flux-operator',
    categories: ['all', 'fluxcd', 'fluxcd-appliers'],
    printerColumns: [AGE, READY, STATUS],
    suspendable: true,
    suspendAnnotation: OPERATOR_SUSPEND,
    cli: 'flux-operator',
    fluxCommand: 'rset',
  },
  {
    kind: 'ResourceSetInputProvider',
    group: OPERATOR_GROUP,
    plural: 'resourcesetinputproviders',
    singular: 'resourcesetinputprovider',
    shortNames: ['rsip'],
    versions: ['v1'],
    legacyVersions: [],
    family: 'operator',
    controller: 'flux-operator',
    categories: ['all', 'fluxcd', 'fluxcd-sources'],
    printerColumns: [AGE, READY, STATUS],
    suspendable: true,
    suspendAnnotation: OPERATOR_SUSPEND,
    cli: 'flux-operator',
    fluxCommand: 'rsip',
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

/** The CLI that acts on a kind. */
export function kindCli(kind: KindName): KindCli {
  return kindInfo(kind).cli ?? 'flux';
}

/** Whether a reconcile request on the kind is answered in status.lastHandledReconcileAt. */
export function recordsHandledRequests(kind: KindName): boolean {
  return kindInfo(kind).recordsHandledRequests ?? true;
}
