// The fields `flux trace` prints under each Flux object (docs/trace.md, "Output"): where a Kustomization
// applies from (Target, Path), what a HelmChart is (Chart, Version), where a source fetches (URL and the
// reference — Tag, a semver range shown as Tag, Branch, or Digest) and, for an OCI artifact, the origin
// its producer recorded. Display-safe: every value is sanitised.
import { str } from './narrow.js';
import { sanitizeText } from './sanitize.js';

export interface TraceField {
  readonly label: string;
  readonly value: string;
}

const field = (label: string, value: string): TraceField[] =>
  value ? [{ label, value: sanitizeText(value, 500) }] : [];

/** The reference a Git or OCI source follows, as flux trace names it. */
function reference(raw: unknown, digestLabel: boolean): TraceField[] {
  const tag = str(raw, 'spec', 'ref', 'tag');
  const semver = str(raw, 'spec', 'ref', 'semver');
  if (tag) return field('Tag', tag);
  if (semver) return field('Tag', semver);
  if (digestLabel) return field('Digest', str(raw, 'spec', 'ref', 'digest'));
  return field('Branch', str(raw, 'spec', 'ref', 'branch'));
}

export function traceFields(kind: string, raw: unknown): readonly TraceField[] {
  switch (kind) {
    case 'Kustomization':
      return [
        ...field('Target', str(raw, 'spec', 'targetNamespace')),
        ...field('Path', str(raw, 'spec', 'path')),
      ];
    case 'HelmRelease':
      return field('Target', str(raw, 'spec', 'targetNamespace'));
    case 'HelmChart':
      return [...field('Chart', str(raw, 'spec', 'chart')), ...field('Version', str(raw, 'spec', 'version'))];
    case 'GitRepository':
      return [...field('URL', str(raw, 'spec', 'url')), ...reference(raw, false)];
    case 'OCIRepository':
      return [
        ...field('URL', str(raw, 'spec', 'url')),
        ...reference(raw, true),
        ...field(
          'Origin Source',
          str(raw, 'status', 'artifact', 'metadata', 'org.opencontainers.image.source'),
        ),
        ...field(
          'Origin Revision',
          str(raw, 'status', 'artifact', 'metadata', 'org.opencontainers.image.revision'),
        ),
      ];
    case 'HelmRepository':
      return field('URL', str(raw, 'spec', 'url'));
    case 'Bucket':
      return [
        ...field('Endpoint', str(raw, 'spec', 'endpoint')),
        ...field('Bucket', str(raw, 'spec', 'bucketName')),
      ];
    default:
      return [];
  }
}
