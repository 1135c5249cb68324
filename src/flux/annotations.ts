// Annotation keys the console reads and writes (docs/reconcile-protocol.md).

/** The reconcile request token; any new value makes the controller reconcile (fluxcd/pkg apis/meta). */
export const REQUESTED_AT = 'reconcile.fluxcd.io/requestedAt';
/** HelmRelease: force a one-off Helm upgrade; honoured only when equal to requestedAt. */
export const FORCE_AT = 'reconcile.fluxcd.io/forceAt';
/** HelmRelease: reset the failure counters; honoured only when equal to requestedAt. */
export const RESET_AT = 'reconcile.fluxcd.io/resetAt';

/** Who suspended the object, as the Flux Operator web UI writes it; fluxdeck writes it too. */
export const SUSPENDED_BY = 'fluxcd.controlplane.io/suspendedBy';
/** Why it was suspended: fluxdeck's own key (the Flux Operator records no reason). */
export const SUSPEND_REASON = 'fluxdeck.dev/suspended-reason';
/** Weave GitOps' equivalents, read so objects suspended from its UI explain themselves too. */
export const WEAVE_SUSPENDED_BY = 'metadata.weave.works/suspended-by';
export const WEAVE_SUSPENDED_COMMENT = 'metadata.weave.works/suspended-comment';

/** source-watcher's ArtifactGenerator has no spec.suspend: `flux suspend` sets this annotation to `disabled`. */
export const ARTIFACT_GENERATOR_RECONCILE = 'source.extensions.fluxcd.io/reconcile';

/**
 * The Flux Operator's kinds have no spec.suspend: `disabled` pauses them, `enabled` resumes them
 * (flux-operator api/v1/common_types.go ReconcileAnnotation; docs/flux-operator.md).
 */
export const OPERATOR_RECONCILE = 'fluxcd.controlplane.io/reconcile';

/** Who suspended an object and why, from the annotations fluxdeck, the Flux Operator and Weave GitOps write. */
export function suspensionOf(annotations: Readonly<Record<string, string>>): { by: string; reason: string } {
  return {
    by: annotations[SUSPENDED_BY] ?? annotations[WEAVE_SUSPENDED_BY] ?? '',
    reason: annotations[SUSPEND_REASON] ?? annotations[WEAVE_SUSPENDED_COMMENT] ?? '',
  };
}
