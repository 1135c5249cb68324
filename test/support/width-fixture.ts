// A cluster for the width policy's tests: every view has rows that differ in one column only — a
// Kustomization and a GitRepository both `flux-system/team-apps`, failing alike; names that share a long
// head and differ in their tail; names that differ in their middle only; one name in two namespaces — so a
// dropped column, or a cut that drops the part where names differ, shows as two rows that look the same.
import type { KindName } from '../../src/flux/kinds.js';
import type { ClusterEvent, ControllerPod } from '../../src/kube/port.js';
import type { SessionData } from '../../src/present/session-columns.js';
import { FakePort, makeRow } from './fake-port.js';
import { NOW } from './runbook-rows.js';

const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString().replace('.000', '');

const failing = (kind: KindName, namespace: string, name: string, message: string, minutes: number) =>
  makeRow({
    kind,
    namespace,
    name,
    health: 'Failed',
    message,
    failingSince: ago(minutes),
    // A HelmRelease's revision is its chart version.
    ...(kind === 'HelmRelease' ? { revision: '2.3.1', extra: { CHART: name, VERSION: '2.3.1' } } : {}),
  });

const ARTIFACT = 'Source artifact not found, retrying in 30s';

export function widthRows() {
  return [
    // Failing, identical but for KIND.
    failing('Kustomization', 'flux-system', 'team-apps', ARTIFACT, 30),
    failing('GitRepository', 'flux-system', 'team-apps', ARTIFACT, 30),
    // Failing, identical but for the tail of NAME.
    failing('HelmRelease', 'team-frontend', 'frontend-production-eu-west-1', 'install retries exhausted', 20),
    failing('HelmRelease', 'team-frontend', 'frontend-production-us-east-1', 'install retries exhausted', 20),
    // Failing, identical but for NAMESPACE.
    failing('HelmRelease', 'payments-staging', 'ledger', 'upgrade retries exhausted', 10),
    failing('HelmRelease', 'payments-production', 'ledger', 'upgrade retries exhausted', 10),
    // Identical but for the middle of NAME: a middle cut that keeps only the head and the tail joins them.
    ...[1, 2].map((n) =>
      makeRow({
        kind: 'HelmChart',
        namespace: 'billing-prod',
        name: `billing-prod-${n}-metrics-server`,
        revision: '3.12.1',
        extra: { CHART: 'metrics-server', VERSION: '3.x' },
      }),
    ),
    makeRow({ kind: 'Kustomization', name: 'infrastructure-controllers', revision: 'main@sha1:4f2a9c1e' }),
    makeRow({
      kind: 'Kustomization',
      name: 'infrastructure-configs',
      revision: 'main@sha1:4f2a9c1e',
      health: 'Suspended',
    }),
    makeRow({
      kind: 'HelmRelease',
      namespace: 'monitoring',
      name: 'kube-prometheus-stack',
      revision: '65.1.0',
      extra: { CHART: 'kube-prometheus-stack', VERSION: '65.1.0' },
    }),
    makeRow({
      kind: 'OCIRepository',
      name: 'podinfo',
      revision: '6.7.0@sha256:1a2b3c4d',
      extra: { URL: 'oci://ghcr.io/stefanprodan/manifests/podinfo' },
    }),
    makeRow({
      kind: 'HelmRepository',
      name: 'podinfo',
      revision: 'sha256:9f8e7d6c',
      extra: { URL: 'https://stefanprodan.github.io/podinfo' },
    }),
    makeRow({
      kind: 'HelmChart',
      name: 'podinfo',
      revision: '6.7.0',
      extra: { CHART: 'podinfo', VERSION: '6.x' },
    }),
    makeRow({
      kind: 'Bucket',
      name: 'podinfo',
      revision: 'sha256:0011aabb',
      extra: { URL: 'https://minio.example.com' },
    }),
    makeRow({
      kind: 'ImageRepository',
      name: 'podinfo',
      extra: { IMAGE: 'ghcr.io/stefanprodan/podinfo', 'LAST SCAN': ago(3) },
    }),
    makeRow({
      kind: 'ImagePolicy',
      name: 'podinfo',
      extra: { IMAGE: 'ghcr.io/stefanprodan/podinfo', TAG: '6.7.0' },
    }),
    makeRow({ kind: 'ImageUpdateAutomation', name: 'podinfo' }),
    makeRow({ kind: 'Alert', name: 'on-call', extra: { TYPE: '' } }),
    makeRow({ kind: 'Provider', name: 'on-call', extra: { TYPE: 'slack' } }),
    makeRow({ kind: 'Receiver', name: 'on-call', extra: { TYPE: 'github' } }),
    makeRow({
      kind: 'FluxInstance',
      name: 'flux',
      revision: 'v2.8.3@sha256:4c4c4c4c',
      extra: { VERSION: '2.x', RESOURCES: '42' },
    }),
    makeRow({ kind: 'FluxReport', name: 'flux', extra: { VERSION: 'v2.8.3' } }),
    makeRow({
      kind: 'ResourceSet',
      name: 'tenants',
      revision: 'sha256:1f1f1f1f',
      extra: { INPUTS: '2', RESOURCES: '6' },
    }),
    makeRow({
      kind: 'ResourceSetInputProvider',
      namespace: 'preview',
      name: 'storefront-prs',
      revision: 'sha256:9a9a9a9a',
      extra: { TYPE: 'GitHubPullRequest', INPUTS: '2' },
    }),
  ];
}

const pod = (controller: string, suffix: string, extra: Partial<ControllerPod> = {}): ControllerPod => ({
  name: `${controller}-7d9f8b6c5-${suffix}`,
  namespace: 'flux-system',
  controller,
  phase: 'Running',
  ready: true,
  restarts: 0,
  waitingReason: '',
  createdAt: ago(60 * 24),
  image: `ghcr.io/fluxcd/${controller}:v1.4.0`,
  container: 'manager',
  resources: { requests: {}, limits: {} },
  ...extra,
});

export function widthPods(): ControllerPod[] {
  return [
    pod('source-controller', 'x2k4p'),
    pod('kustomize-controller', 'q8w3e'),
    pod('helm-controller', 'm5n6b'),
    pod('helm-controller', 'm5n6c'),
    pod('image-reflector-controller', 'z9y8x', {
      ready: false,
      restarts: 7,
      waitingReason: 'CrashLoopBackOff',
      lastTermination: { reason: 'OOMKilled', exitCode: 137, finishedAt: ago(4) },
    }),
  ];
}

const event = (
  uid: string,
  kind: string,
  name: string,
  namespace: string,
  minutes: number,
): ClusterEvent => ({
  uid,
  namespace,
  type: 'Warning',
  reason: 'ArtifactFailed',
  message: ARTIFACT,
  involved: { kind, namespace, name },
  lastSeen: ago(minutes),
  firstSeen: ago(minutes + 30),
  count: 3,
  source: 'kustomize-controller',
});

export function widthEvents(): ClusterEvent[] {
  return [
    event('e1', 'Kustomization', 'team-apps', 'flux-system', 1),
    event('e2', 'GitRepository', 'team-apps', 'flux-system', 1),
    event('e3', 'HelmRelease', 'ledger', 'payments-staging', 2),
    event('e4', 'HelmRelease', 'ledger', 'payments-production', 2),
    event('e5', 'HelmRelease', 'frontend-production-eu-west-1', 'team-frontend', 3),
    event('e6', 'HelmRelease', 'frontend-production-us-east-1', 'team-frontend', 3),
  ];
}

export const WIDTH_SESSION: SessionData = {
  suspended: [
    {
      key: 'HelmRelease/payments-staging/ledger',
      kind: 'HelmRelease',
      namespace: 'payments-staging',
      name: 'ledger',
      at: ago(20),
      by: 'alice',
      reason: 'INC-42 hotfix in place',
      stillSuspended: true,
    },
    {
      key: 'HelmRelease/payments-production/ledger',
      kind: 'HelmRelease',
      namespace: 'payments-production',
      name: 'ledger',
      at: ago(20),
      by: 'alice',
      reason: 'INC-42 hotfix in place',
      stillSuspended: true,
    },
    {
      key: 'Kustomization/flux-system/team-apps',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'team-apps',
      at: ago(20),
      by: 'alice',
      reason: 'INC-42 hotfix in place',
      stillSuspended: true,
    },
    {
      key: 'GitRepository/flux-system/team-apps',
      kind: 'GitRepository',
      namespace: 'flux-system',
      name: 'team-apps',
      at: ago(20),
      by: 'alice',
      reason: 'INC-42 hotfix in place',
      stillSuspended: true,
    },
  ],
  audit: [
    {
      id: 'a1',
      time: ago(20),
      action: 'suspend',
      targets: ['HelmRelease/payments-staging/ledger'],
      outcome: 'succeeded',
    },
    {
      id: 'a2',
      time: ago(20),
      action: 'suspend',
      targets: ['HelmRelease/payments-production/ledger'],
      outcome: 'succeeded',
    },
  ],
};

export function widthPort(): FakePort {
  const port = new FakePort(widthRows());
  port.setPods(widthPods());
  port.setEvents(widthEvents());
  return port;
}
