// A small slice of the runbook's incident as rows: a HelmRelease chain with a failed upgrade near its root,
// a Git source with bad credentials, a suspended release and healthy objects around them.
import type { ObjectRef, StatusRow } from '../../src/flux/types.js';
import { makeRow } from './fake-port.js';

export const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString().replace('.000', '');

const hr = (name: string): ObjectRef => ({ kind: 'HelmRelease', namespace: 'flux-system', name });

export function runbookRows(): StatusRow[] {
  return [
    makeRow({ kind: 'HelmRelease', name: 'istio-base', extra: { CHART: 'base', VERSION: '1.22.0' } }),
    makeRow({
      kind: 'HelmRelease',
      name: 'cert-manager',
      health: 'Failed',
      reason: 'UpgradeFailed',
      message:
        'Helm upgrade failed for release cert-manager with chart cert-manager@v1.15.0: timed out waiting',
      failingSince: ago(40),
      dependsOn: [hr('istio-base')],
      extra: { CHART: 'cert-manager', VERSION: 'v1.15.0' },
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'UpgradeFailed',
          message: 'Helm upgrade failed: timed out waiting for the condition',
          lastTransitionTime: ago(40),
        },
      ],
    }),
    makeRow({
      kind: 'HelmRelease',
      name: 'kyverno',
      health: 'Waiting',
      reason: 'DependencyNotReady',
      message: "dependency 'flux-system/cert-manager' is not ready",
      failingSince: ago(38),
      dependsOn: [hr('cert-manager')],
    }),
    makeRow({
      kind: 'HelmRelease',
      name: 'monitoring',
      health: 'Waiting',
      reason: 'DependencyNotReady',
      message: "dependency 'flux-system/kyverno' is not ready",
      failingSince: ago(5),
      dependsOn: [hr('kyverno')],
    }),
    makeRow({
      kind: 'GitRepository',
      name: 'sre-platform',
      health: 'Failed',
      reason: 'GitOperationFailed',
      message: 'failed to checkout and determine revision: authentication required',
      failingSince: ago(20),
      extra: { URL: 'https://git.example.com/sre/platform.git' },
    }),
    makeRow({
      kind: 'Kustomization',
      name: 'apps',
      source: { kind: 'GitRepository', namespace: 'flux-system', name: 'sre-platform' },
    }),
    makeRow({
      kind: 'HelmRelease',
      name: 'velero',
      namespace: 'backup',
      health: 'Suspended',
      suspended: true,
      ready: 'True',
    }),
  ];
}
