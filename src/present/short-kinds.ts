// KIND as the tables show it below 120 columns: short enough to leave NAMESPACE and NAME their room, distinct
// enough that a Kustomization and a GitRepository of the same name never look like one row. Where a kind has
// a short name on the command line (`ks`, `hr`) it is that; sources say what they fetch from, as the `flux
// source` sub-commands do (git, oci, helm repo/chart, bucket).
import { isKindName, type KindName } from '../flux/kinds.js';

export const SHORT_KINDS: Readonly<Record<KindName, string>> = {
  Kustomization: 'KS',
  HelmRelease: 'HR',
  GitRepository: 'GIT',
  OCIRepository: 'OCI',
  HelmRepository: 'HREPO',
  HelmChart: 'HCHART',
  Bucket: 'BUCKET',
  ExternalArtifact: 'EA',
  ArtifactGenerator: 'AG',
  ImageRepository: 'IREPO',
  ImagePolicy: 'IPOLICY',
  ImageUpdateAutomation: 'IUA',
  Alert: 'ALERT',
  Provider: 'PROVIDER',
  Receiver: 'RECEIVER',
  FluxInstance: 'FI',
  FluxReport: 'FREPORT',
  ResourceSet: 'RSET',
  ResourceSetInputProvider: 'RSIP',
};

export function shortKind(kind: KindName): string {
  return SHORT_KINDS[kind];
}

/** Any kind an event may name: a Flux kind shortened, any other (Pod, Deployment) as it is. */
export function shortKindOf(kind: string): string {
  return isKindName(kind) ? SHORT_KINDS[kind] : kind;
}
