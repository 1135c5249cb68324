// The runbook's dependency chain (docs/runbook.md), root first: each HelmRelease depends on the one before
// it (istio-base and cert-manager are its healthy predecessors; kyverno's failed upgrade blocks everything
// after it). Written out here, not read from src/sim, so that tests of the simulator check it against the
// runbook.
export const CHAIN = [
  'istio-base',
  'cert-manager',
  'kyverno',
  'monitoring',
  'logging',
  'openbao',
  'harbor',
  'neuvector',
  'keycloak',
  'tempo',
  'velero',
] as const;
