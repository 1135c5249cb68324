// The one entry point for running actions: plan (read-only refused here), rebuild a plan when a dialog
// option changes, and run — with the intent written to the audit log before anything happens and the
// outcome after. Nothing here throws: every failure ends as an outcome sentence.
import { type ObjectRef, objectKey } from '../flux/types.js';
import { describeError } from '../kube/errors.js';
import { type AuditEntry, type AuditLog, type AuditOutcome, newAuditId } from './audit.js';
import { formatCommand } from './commands.js';
import { controllerWarnings } from './controller-check.js';
import { planFixChain, rebuildFixChain, runFixChain } from './fix-chain.js';
import { planClearLock, rebuildClearLock, runClearLock } from './helm-lock.js';
import { refusedPlan, subject } from './plan-common.js';
import { planReconcile, rebuildReconcile, runReconcile } from './reconcile.js';
import { planResume, rebuildResume, runResume } from './resume.js';
import { planRollback, rebuildRollback } from './rollback.js';
import { runRollback } from './rollback-run.js';
import { planSuspend, rebuildSuspend, runSuspend } from './suspend.js';
import {
  type ActionContext,
  type ActionId,
  type ActionOptions,
  type ActionOutcome,
  type ActionPlan,
  DEFAULT_OPTIONS,
  type ProgressListener,
} from './types.js';
import { planWithSource, rebuildWithSource, runWithSource } from './with-source.js';

export interface ActionModule {
  readonly verb: string;
  plan(targets: readonly ObjectRef[], ctx: ActionContext, options?: ActionOptions): Promise<ActionPlan>;
  /** Pure: the same plan with other options, from the facts read while planning. */
  rebuild(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan;
  run(plan: ActionPlan, ctx: ActionContext, progress: ProgressListener): Promise<ActionOutcome>;
}

export const ACTIONS: Readonly<Record<ActionId, ActionModule>> = {
  reconcile: { verb: 'Reconcile', plan: planReconcile, rebuild: rebuildReconcile, run: runReconcile },
  'reconcile-with-source': {
    verb: 'Reconcile with source',
    plan: planWithSource,
    rebuild: rebuildWithSource,
    run: runWithSource,
  },
  suspend: { verb: 'Suspend', plan: planSuspend, rebuild: rebuildSuspend, run: runSuspend },
  resume: { verb: 'Resume', plan: planResume, rebuild: rebuildResume, run: runResume },
  rollback: { verb: 'Roll back', plan: planRollback, rebuild: rebuildRollback, run: runRollback },
  'clear-helm-lock': {
    verb: 'Clear the Helm lock of',
    plan: planClearLock,
    rebuild: rebuildClearLock,
    run: runClearLock,
  },
  'fix-chain': {
    verb: 'Fix the dependency chain of',
    plan: planFixChain,
    rebuild: rebuildFixChain,
    run: runFixChain,
  },
};

export const READONLY_REFUSAL =
  'fluxdeck runs read-only (--readonly): actions are disabled and nothing was changed.';

/** Reads what the action needs and builds its plan; never throws (a failure becomes a refused plan). */
export async function planAction(
  action: ActionId,
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions = DEFAULT_OPTIONS,
): Promise<ActionPlan> {
  const module = ACTIONS[action];
  const title = `${module.verb} ${subject(targets)}`;
  // Who acts is fixed when planning: the suspendedBy the commands carry, the dialog and the audit agree.
  const user = ctx.user;
  const refused = (refusal: string) => ({
    ...refusedPlan(action, title, ctx.port.info, targets, options, refusal),
    user,
  });
  if (ctx.readonly) return refused(READONLY_REFUSAL);
  if (targets.length === 0) return refused('Nothing is selected.');
  try {
    return withControllerWarnings({ ...(await module.plan(targets, ctx, options)), user }, ctx);
  } catch (error) {
    return refused(`Could not plan this: ${describeError(error)}.`);
  }
}

export function rebuildPlan(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan {
  if (plan.refusal !== undefined) return { ...plan, options };
  const user = plan.user ?? ctx.user;
  return withControllerWarnings(
    { ...ACTIONS[plan.action].rebuild(plan, { ...ctx, user }, options), user },
    ctx,
  );
}

/** The controller warnings first: with nobody to answer, the rest of the plan is moot. */
function withControllerWarnings(plan: ActionPlan, ctx: ActionContext): ActionPlan {
  const warnings = controllerWarnings(plan, ctx.port.getSnapshot());
  return warnings.length === 0 ? plan : { ...plan, warnings: [...warnings, ...plan.warnings] };
}

function auditEntry(
  plan: ActionPlan,
  ctx: ActionContext,
  id: string,
  over: Partial<AuditEntry> & { outcome: AuditOutcome },
): AuditEntry {
  return {
    id,
    time: new Date(ctx.clock.now()).toISOString(),
    phase: 'outcome',
    context: plan.context,
    cluster: plan.cluster,
    user: plan.user ?? ctx.user,
    action: plan.action,
    targets: plan.targets.map(objectKey),
    commands: plan.commands.map(formatCommand),
    ...over,
  };
}

/** Records a declined dialog (nothing ran). Resolves with a sentence when the log could not be written. */
export async function auditCancelled(
  plan: ActionPlan,
  ctx: ActionContext,
  audit: AuditLog,
): Promise<string | undefined> {
  const entry = auditEntry(plan, ctx, newAuditId(), {
    outcome: 'cancelled',
    ...(plan.refusal !== undefined ? { error: plan.refusal } : {}),
  });
  try {
    await audit.append(entry);
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** Runs a confirmed plan: intent to the audit log, the action, then its outcome to the audit log. */
export async function runAction(
  plan: ActionPlan,
  ctx: ActionContext,
  progress: ProgressListener,
  audit: AuditLog,
): Promise<ActionOutcome> {
  if (ctx.readonly) return { status: 'failed', message: READONLY_REFUSAL };
  if (plan.refusal !== undefined) return { status: 'failed', message: plan.refusal };
  const id = newAuditId();
  try {
    await audit.append(auditEntry(plan, ctx, id, { phase: 'intent', outcome: 'confirmed' }));
  } catch (error) {
    return {
      status: 'failed',
      message: `${describeError(error)}: nothing was done (every action is recorded before it runs).`,
    };
  }
  let outcome: ActionOutcome;
  try {
    // The annotations written at run time name whoever the dialog named.
    const acting = plan.user === undefined ? ctx : { ...ctx, user: plan.user };
    outcome = await ACTIONS[plan.action].run(plan, acting, progress);
  } catch (error) {
    // Actions return their failures; reaching this is a bug, and the cluster may be half-way.
    outcome = {
      status: 'failed',
      message: `Unexpected failure: ${describeError(error)}. Check the state of ${plan.targets.map((t) => t.name).join(', ')} before retrying.`,
    };
  }
  const status: AuditOutcome = outcome.status === 'cancelled' ? 'cancelled' : outcome.status;
  try {
    await audit.append(
      auditEntry(plan, ctx, id, {
        outcome: status,
        message: outcome.message,
        ...(outcome.status === 'succeeded' ? {} : { error: outcome.message }),
      }),
    );
  } catch (error) {
    return { ...outcome, message: `${outcome.message} (${describeError(error)})` };
  }
  return outcome;
}
