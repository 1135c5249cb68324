// What differs between Flux kinds when an object becomes a row: where its revision lives, whether `flux get`
// shortens hashes, READY/MESSAGE that are constants, what it pulls from, and its extra columns.
// One table keyed by kind, so no other module needs to branch on kind names.
import { type KindName, kindInfo } from './kinds.js';
import { array, asRecord, asString, field, fieldAt, num, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import { formatRFC3339 } from './time.js';
import type { ConditionStatus } from './types.js';

/** A reference as written in the spec: kind may be anything, namespace '' when not given. */
export interface SpecRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

export interface StaticReady {
  readonly status: ConditionStatus;
  readonly message: string;
}

export interface KindRules {
  /** The full revision (no hex shortening); '' when the kind has none or the object has not reported one. */
  readonly revision: (raw: unknown) => string;
  /** `flux get` shortens hashes in REVISION (not for chart versions). */
  readonly truncateRevision: boolean;
  /** `flux get` shortens hashes in MESSAGE (Kustomizations and sources only; golden image policy proves it). */
  readonly truncateMessage: boolean;
  /** READY/MESSAGE that `flux get` prints as constants instead of reading conditions. */
  readonly staticReady?: (raw: unknown) => StaticReady | undefined;
  /** What the object pulls from or points at, namespace not yet defaulted. */
  readonly source?: (raw: unknown) => SpecRef | undefined;
  /** Whether `flux get` defaults SOURCE's namespace to the object's (ExternalArtifact prints it as written). */
  readonly sourceCellDefaultsNamespace: boolean;
  /** Whether spec.dependsOn lists objects of the same kind. */
  readonly dependsOn: boolean;
  readonly suspended: (raw: unknown) => boolean;
  /** Whether status.inventory lists what it applied (`<ns>_<name>_<group>_<kind>` entries, docs/inventory.md). */
  readonly inventory: boolean;
  /** Extra display columns from the spec and status (already sanitised). */
  readonly extra: (raw: unknown) => Record<string, string>;
}

/** A reference at `path` ({kind?, name, namespace?}); undefined without a name. */
export function readSpecRef(raw: unknown, path: readonly string[], defaultKind = ''): SpecRef | undefined {
  const ref = asRecord(fieldAt(raw, path));
  if (!ref) return undefined;
  const name = asString(ref['name']);
  if (name === '') return undefined;
  return { kind: asString(ref['kind']) || defaultKind, name, namespace: asString(ref['namespace']) };
}

// The reads every object of a kind takes (revision, suspend, source) name their fields as constants
// (narrow.ts asRecord): `status` derives 10,000 objects in a fresh process.
const statusOf = (raw: unknown) => asRecord(asRecord(raw)?.['status']);
const specOf = (raw: unknown) => asRecord(asRecord(raw)?.['spec']);
const artifactRevision = (raw: unknown) => asString(asRecord(statusOf(raw)?.['artifact'])?.['revision']);
const specSuspend = (raw: unknown) => specOf(raw)?.['suspend'] === true;
const cell = (value: unknown) => sanitizeText(value, 500);

function put(out: Record<string, string>, key: string, value: string): void {
  if (value !== '') out[key] = value;
}

function sourceExtra(raw: unknown, urlField: string): Record<string, string> {
  const out: Record<string, string> = {};
  put(out, 'URL', cell(field(raw, 'spec', urlField)));
  put(out, 'LAST FETCH', formatRFC3339(field(raw, 'status', 'artifact', 'lastUpdateTime')));
  put(out, 'SECRET', cell(str(raw, 'spec', 'secretRef', 'name')));
  return out;
}

/** Suspended by the kind's annotation (value compared as the controllers do, case-insensitively). */
function annotationSuspend(kind: KindName): (raw: unknown) => boolean {
  const rule = kindInfo(kind).suspendAnnotation;
  if (!rule) return specSuspend;
  return (raw) => str(raw, 'metadata', 'annotations', rule.key).toLowerCase() === rule.disabled;
}

type Defaults = Pick<
  KindRules,
  | 'truncateRevision'
  | 'truncateMessage'
  | 'dependsOn'
  | 'suspended'
  | 'sourceCellDefaultsNamespace'
  | 'inventory'
>;

const SOURCE: Defaults & Pick<KindRules, 'revision'> = {
  revision: artifactRevision,
  truncateRevision: true,
  truncateMessage: true,
  sourceCellDefaultsNamespace: true,
  dependsOn: false,
  suspended: specSuspend,
  inventory: false,
};

const PLAIN: Defaults = {
  truncateRevision: true,
  truncateMessage: false,
  sourceCellDefaultsNamespace: true,
  dependsOn: false,
  suspended: specSuspend,
  inventory: false,
};

/** The Flux Operator's kinds: suspended by annotation, no same-kind dependsOn (docs/flux-operator.md). */
const operator = (kind: KindName): Defaults => ({ ...PLAIN, suspended: annotationSuspend(kind) });

/** How many entries status.inventory lists, '' when it has none (not applied yet). */
function inventorySize(raw: unknown): string {
  const entries = field(raw, 'status', 'inventory', 'entries');
  return Array.isArray(entries) ? String(entries.length) : '';
}

/**
 * A ResourceSet's inputs: how many are written in the spec and how many providers add theirs
 * (`2`, `1 provider`, `2 + 1 provider`); '' when it has neither.
 */
export function resourceSetInputs(raw: unknown): string {
  const inline = array(raw, 'spec', 'inputs').length;
  const providers = array(raw, 'spec', 'inputsFrom').length;
  const from = providers > 0 ? `${providers} provider${providers === 1 ? '' : 's'}` : '';
  if (inline > 0 && from) return `${inline} + ${from}`;
  if (from) return from;
  return inline > 0 ? String(inline) : '';
}

/** The first provider a ResourceSet takes inputs from by name (inputsFrom by selector name no one). */
function resourceSetProvider(raw: unknown): SpecRef | undefined {
  for (const ref of array(raw, 'spec', 'inputsFrom')) {
    const name = asString(asRecord(ref)?.['name']);
    if (name === '') continue;
    return { kind: asString(asRecord(ref)?.['kind']) || 'ResourceSetInputProvider', name, namespace: '' };
  }
  return undefined;
}

function helmReleaseRevision(raw: unknown): string {
  const status = statusOf(raw);
  const history = status?.['history'];
  if (Array.isArray(history) && history.length > 0) return asString(asRecord(history[0])?.['chartVersion']);
  // lastAppliedRevision only exists on v2beta1-era objects; the v2 CLI never sees it.
  return asString(status?.['lastAttemptedRevision']) || asString(status?.['lastAppliedRevision']);
}

function helmReleaseSource(raw: unknown): SpecRef | undefined {
  return readSpecRef(raw, ['spec', 'chartRef']) ?? readSpecRef(raw, ['spec', 'chart', 'spec', 'sourceRef']);
}

function helmReleaseExtra(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const chartRef = readSpecRef(raw, ['spec', 'chartRef']);
  const history = field(raw, 'status', 'history');
  const first: unknown = Array.isArray(history) ? history[0] : undefined;
  if (chartRef) {
    // A chartRef names an OCIRepository or HelmChart; the chart's own name and version are only known
    // from what was last released.
    put(out, 'CHART', cell(str(first, 'chartName') || `${chartRef.kind}/${chartRef.name}`));
    put(out, 'VERSION', cell(str(first, 'chartVersion')));
  } else {
    put(out, 'CHART', cell(str(raw, 'spec', 'chart', 'spec', 'chart')));
    put(out, 'VERSION', cell(str(raw, 'spec', 'chart', 'spec', 'version')));
  }
  return out;
}

function imagePolicyRef(raw: unknown): { image: string; tag: string; digest: string } {
  const image = str(raw, 'status', 'latestRef', 'name');
  if (image !== '') {
    return {
      image,
      tag: str(raw, 'status', 'latestRef', 'tag'),
      digest: str(raw, 'status', 'latestRef', 'digest'),
    };
  }
  // v1beta2 wrote one string `repo:tag`; the tag is after the last colon that follows the last slash.
  const latest = str(raw, 'status', 'latestImage');
  const colon = latest.lastIndexOf(':');
  if (colon > latest.lastIndexOf('/'))
    return { image: latest.slice(0, colon), tag: latest.slice(colon + 1), digest: '' };
  return { image: latest, tag: '', digest: '' };
}

export const KIND_RULES: Readonly<Record<KindName, KindRules>> = {
  Kustomization: {
    revision: (raw) => asString(statusOf(raw)?.['lastAppliedRevision']),
    truncateRevision: true,
    truncateMessage: true,
    source: (raw) => readSpecRef(raw, ['spec', 'sourceRef']),
    sourceCellDefaultsNamespace: true,
    dependsOn: true,
    suspended: specSuspend,
    inventory: true,
    extra: (raw) => {
      const out: Record<string, string> = {};
      put(out, 'PATH', cell(str(raw, 'spec', 'path')));
      return out;
    },
  },
  HelmRelease: {
    revision: helmReleaseRevision,
    truncateRevision: false,
    truncateMessage: false,
    source: helmReleaseSource,
    sourceCellDefaultsNamespace: true,
    dependsOn: true,
    suspended: specSuspend,
    inventory: true,
    extra: helmReleaseExtra,
  },
  GitRepository: { ...SOURCE, extra: (raw) => sourceExtra(raw, 'url') },
  OCIRepository: { ...SOURCE, extra: (raw) => sourceExtra(raw, 'url') },
  HelmRepository: {
    ...SOURCE,
    // OCI Helm repositories have no status logic at all: `flux get` prints them as always ready.
    staticReady: (raw) =>
      specOf(raw)?.['type'] === 'oci' ? { status: 'True', message: 'Helm repository is Ready' } : undefined,
    extra: (raw) => sourceExtra(raw, 'url'),
  },
  HelmChart: {
    ...SOURCE,
    truncateRevision: false, // a chart version, not a hash
    source: (raw) => readSpecRef(raw, ['spec', 'sourceRef']),
    extra: (raw) => {
      const out = sourceExtra(raw, 'url');
      put(out, 'CHART', cell(str(raw, 'spec', 'chart')));
      put(out, 'VERSION', cell(str(raw, 'spec', 'version')));
      return out;
    },
  },
  Bucket: {
    ...SOURCE,
    extra: (raw) => {
      const out = sourceExtra(raw, 'endpoint');
      put(out, 'BUCKET', cell(str(raw, 'spec', 'bucketName')));
      return out;
    },
  },
  ExternalArtifact: {
    ...SOURCE,
    suspended: () => false,
    source: (raw) => readSpecRef(raw, ['spec', 'sourceRef']),
    sourceCellDefaultsNamespace: false,
    extra: (raw) => sourceExtra(raw, 'url'),
  },
  ArtifactGenerator: {
    ...PLAIN,
    revision: () => '',
    suspended: annotationSuspend('ArtifactGenerator'),
    extra: () => ({}),
  },
  ImageRepository: {
    ...PLAIN,
    revision: () => '',
    extra: (raw) => {
      const out: Record<string, string> = {};
      put(out, 'IMAGE', cell(str(raw, 'spec', 'image')));
      put(out, 'LAST SCAN', formatRFC3339(field(raw, 'status', 'lastScanResult', 'scanTime')));
      const tags = num(raw, 'status', 'lastScanResult', 'tagCount');
      if (tags !== undefined) put(out, 'TAGS', String(tags));
      put(out, 'SECRET', cell(str(raw, 'spec', 'secretRef', 'name')));
      return out;
    },
  },
  ImagePolicy: {
    ...PLAIN,
    revision: (raw) => {
      const { image, tag, digest } = imagePolicyRef(raw);
      if (image === '') return '';
      return `${image}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    },
    source: (raw) => readSpecRef(raw, ['spec', 'imageRepositoryRef'], 'ImageRepository'),
    extra: (raw) => {
      const out: Record<string, string> = {};
      const { image, tag } = imagePolicyRef(raw);
      put(out, 'IMAGE', cell(image));
      put(out, 'TAG', cell(tag));
      return out;
    },
  },
  ImageUpdateAutomation: {
    ...PLAIN,
    revision: (raw) => str(raw, 'status', 'lastPushCommit'),
    source: (raw) => readSpecRef(raw, ['spec', 'sourceRef'], 'GitRepository'),
    extra: (raw) => {
      const out: Record<string, string> = {};
      put(out, 'LAST RUN', formatRFC3339(field(raw, 'status', 'lastAutomationRunTime')));
      return out;
    },
  },
  Alert: {
    ...PLAIN,
    revision: () => '',
    staticReady: () => ({ status: 'True', message: 'Alert is Ready' }),
    source: (raw) => {
      const ref = readSpecRef(raw, ['spec', 'providerRef'], 'Provider');
      // Alerts cannot point across namespaces: a namespace in providerRef is ignored.
      return ref ? { ...ref, kind: 'Provider', namespace: '' } : undefined;
    },
    extra: () => ({}),
  },
  Provider: {
    ...PLAIN,
    revision: () => '',
    staticReady: () => ({ status: 'True', message: 'Provider is Ready' }),
    extra: (raw) => {
      const out: Record<string, string> = {};
      put(out, 'TYPE', cell(str(raw, 'spec', 'type')));
      return out;
    },
  },
  Receiver: {
    ...PLAIN,
    revision: () => '',
    extra: (raw) => {
      const out: Record<string, string> = {};
      put(out, 'WEBHOOK', cell(str(raw, 'status', 'webhookPath')));
      return out;
    },
  },
  FluxInstance: {
    ...operator('FluxInstance'),
    // `v2.3.0@sha256:<digest>`: the Flux version applied and the digest of its manifests.
    revision: (raw) => str(raw, 'status', 'lastAppliedRevision'),
    inventory: true,
    extra: (raw) => {
      const out: Record<string, string> = {};
      put(out, 'VERSION', cell(str(raw, 'spec', 'distribution', 'version')));
      put(out, 'RESOURCES', inventorySize(raw));
      return out;
    },
  },
  FluxReport: {
    ...operator('FluxReport'),
    revision: () => '',
    extra: (raw) => {
      const out: Record<string, string> = {};
      // The version the operator found installed (spec is written by the operator, not by users).
      put(out, 'VERSION', cell(str(raw, 'spec', 'distribution', 'version')));
      return out;
    },
  },
  ResourceSet: {
    ...operator('ResourceSet'),
    revision: (raw) => str(raw, 'status', 'lastAppliedRevision'),
    source: resourceSetProvider,
    inventory: true,
    extra: (raw) => {
      const out: Record<string, string> = {};
      put(out, 'INPUTS', resourceSetInputs(raw));
      put(out, 'RESOURCES', inventorySize(raw));
      return out;
    },
  },
  ResourceSetInputProvider: {
    ...operator('ResourceSetInputProvider'),
    revision: (raw) => str(raw, 'status', 'lastExportedRevision'),
    extra: (raw) => {
      const out: Record<string, string> = {};
      put(out, 'TYPE', cell(str(raw, 'spec', 'type')));
      put(out, 'URL', cell(str(raw, 'spec', 'url')));
      const exported = field(raw, 'status', 'exportedInputs');
      if (Array.isArray(exported)) put(out, 'INPUTS', String(exported.length));
      return out;
    },
  },
};
