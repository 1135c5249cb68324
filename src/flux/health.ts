// The console's Health of an object (docs/status.md), its precedence and sort rank.
import { findCondition } from './conditions.js';
import type { Condition, Health } from './types.js';

export interface HealthInput {
  readonly suspended: boolean;
  readonly conditions: readonly Condition[];
  /** True when READY is a constant of the kind (Alert, Provider, OCI HelmRepository). */
  readonly staticReady: boolean;
  /** metadata.generation, 0 when absent. */
  readonly generation: number;
  /** status.observedGeneration, undefined when absent. */
  readonly observedGeneration: number | undefined;
}

/**
 * First match wins:
 *
 * | # | when                                                        | Health      | why first                                    |
 * |---|-------------------------------------------------------------|-------------|----------------------------------------------|
 * | 1 | spec.suspend (or the kind's suspend annotation)             | Suspended   | nothing changes until someone resumes it     |
 * | 2 | Stalled=True                                                | Stalled     | terminal: retries will not help              |
 * | 3 | Ready=False, reason DependencyNotReady                      | Waiting     | the fix is elsewhere (the chain's root)      |
 * | 4 | Ready=Unknown, or Reconciling=True with reason Progressing  | Reconciling | a verdict is on its way                      |
 * | 5 | Ready=False (any other reason)                              | Failed      |                                              |
 * | 6 | no Ready condition, or generation not yet observed          | Pending     | the controller has not judged this spec yet  |
 * | 7 | Ready=True                                                  | Ready       |                                              |
 *
 * Reconciling=True with reason ProgressingWithRetry is *not* rule 4: kustomize-controller keeps it after a
 * failure while it waits to retry, so rule 5 (Failed) applies. Kinds with a constant READY are Ready
 * unless suspended.
 */
export function deriveHealth(input: HealthInput): Health {
  const conds = input.conditions;
  return healthOf(
    input,
    findCondition(conds, 'Ready'),
    findCondition(conds, 'Reconciling'),
    findCondition(conds, 'Stalled'),
  );
}

/** deriveHealth for a caller that has already picked out the first Ready, Reconciling and Stalled. */
export function healthOf(
  input: Omit<HealthInput, 'conditions'>,
  ready: Condition | undefined,
  reconciling: Condition | undefined,
  stalled: Condition | undefined,
): Health {
  if (input.suspended) return 'Suspended';
  if (input.staticReady) return 'Ready';
  if (stalled?.status === 'True') return 'Stalled';
  if (ready?.status === 'False' && ready.reason === 'DependencyNotReady') return 'Waiting';
  if (reconcilingOf(ready, reconciling)) return 'Reconciling';
  if (ready?.status === 'False') return 'Failed';
  if (!ready || !generationObserved(input, ready)) return 'Pending';
  return 'Ready';
}

/** Whether the controller has seen the current spec (status and, when it says, the Ready condition). */
export function generationObserved(
  input: Omit<HealthInput, 'conditions'>,
  ready: Condition | undefined,
): boolean {
  const gen = input.generation;
  if (gen <= 0) return true;
  if (input.observedGeneration !== undefined && input.observedGeneration !== gen) return false;
  const condGen = ready?.observedGeneration;
  return condGen === undefined || condGen <= 0 || condGen === gen;
}

/** Whether an object counts as in progress: Ready=Unknown, or a Progressing (not retrying) reconcile. */
export function isReconciling(conds: readonly Condition[]): boolean {
  return reconcilingOf(findCondition(conds, 'Ready'), findCondition(conds, 'Reconciling'));
}

/** isReconciling for a caller that has already picked out the first Ready and Reconciling. */
export function reconcilingOf(ready: Condition | undefined, reconciling: Condition | undefined): boolean {
  return (
    ready?.status === 'Unknown' || (reconciling?.status === 'True' && reconciling.reason === 'Progressing')
  );
}

/**
 * Sort rank, problems first: Stalled (needs a human), Failed, Degraded (Ready, but its workloads are not),
 * Waiting (blocked by another object — its root sorts above it as Failed), Pending (a controller that does not pick up changes is a problem), Reconciling
 * (in motion), Suspended (deliberate), Ready.
 */
const RANK: Readonly<Record<Health, number>> = {
  Stalled: 0,
  Failed: 1,
  Degraded: 2,
  Waiting: 3,
  Pending: 4,
  Reconciling: 5,
  Suspended: 6,
  Ready: 7,
};

export function healthRank(h: Health): number {
  return RANK[h];
}

/** Health values from most to least urgent. */
export const HEALTH_ORDER: readonly Health[] = (Object.keys(RANK) as Health[]).sort(
  (a, b) => RANK[a] - RANK[b],
);
