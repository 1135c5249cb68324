// `s`: suspend one or several objects, recording who (the kubeconfig user or $USER) and, optionally, why
// in annotations, and in the session ledger (the `:suspended` view, the quit confirmation).
import { SUSPEND_REASON, SUSPENDED_BY } from '../flux/annotations.js';
import { KIND_RULES } from '../flux/kind-rules.js';
import { kindInfo } from '../flux/kinds.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterInfo } from '../kube/port.js';
import { actionAppliesTo } from './applicability.js';
import { describeActionError, refName } from './errors.js';
import { makePlan, readTargets, refusedPlan, resumeHint, subject } from './plan-common.js';
import type { RequestResult } from './request.js';
import { runBatch } from './steps.js';
import { suspendCommands, suspendPatchFor, suspendSetting } from './suspension.js';
import {
  type ActionContext,
  type ActionOptions,
  type ActionOutcome,
  type ActionPlan,
  DEFAULT_OPTIONS,
  type ProgressListener,
  type TargetFacts,
} from './types.js';

export interface SuspendWording {
  readonly who: string;
  /** e.g. "resume it with u": how to undo it, in the console's keys. */
  readonly resumeHint: string;
}

function unsuspendable(action: 'suspend' | 'resume', refs: readonly ObjectRef[]): string | undefined {
  const bad = refs.find((r) => !actionAppliesTo(action, r.kind));
  return bad ? `${bad.kind} objects cannot be suspended (the kind has no spec.suspend).` : undefined;
}

/** Suspend and resume refuse the same way: a kind that cannot be suspended, or a target that cannot be read. */
export async function planSuspendable(
  action: 'suspend' | 'resume',
  title: string,
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions,
  build: (facts: readonly TargetFacts[]) => ActionPlan,
): Promise<ActionPlan> {
  const bad = unsuspendable(action, targets);
  if (bad) return refusedPlan(action, title, ctx.port.info, targets, options, bad);
  const read = await readTargets(ctx, targets);
  if (read.problem) return refusedPlan(action, title, ctx.port.info, targets, options, read.problem);
  return build(read.facts);
}

/**
 * What suspending means for the targets: Flux kinds receive nothing from Git; the Flux Operator's kinds are
 * left as they are, and their Ready keeps what it last said (the operator changes no condition while
 * disabled, docs/flux-operator.md).
 */
function suspendWarnings(refs: readonly ObjectRef[], wording: SuspendWording): string[] {
  const byAnnotation = refs.filter((r) => kindInfo(r.kind).family === 'operator');
  const bySpec = refs.filter((r) => kindInfo(r.kind).family !== 'operator');
  const names = (list: readonly ObjectRef[]) => list.map((r) => r.name).join(', ');
  const out: string[] = [];
  if (bySpec.length > 0)
    out.push(
      `While suspended, ${names(bySpec)} receive${bySpec.length === 1 ? 's' : ''} nothing from Git, fixes included: ${wording.resumeHint} when done.`,
    );
  if (byAnnotation.length > 0)
    out.push(
      `While suspended, flux-operator leaves ${names(byAnnotation)} as ${byAnnotation.length === 1 ? 'it is' : 'they are'} (requests are recorded, nothing is applied) and Ready keeps saying what it said last: ${wording.resumeHint} when done.`,
    );
  return out;
}

/** Pure: the plan from what was read. */
export function buildSuspendPlan(
  info: ClusterInfo,
  facts: readonly TargetFacts[],
  options: ActionOptions,
  wording: SuspendWording,
): ActionPlan {
  const refs = facts.map((f) => f.ref);
  const reason = options.reason.trim();
  const why = reason ? ` and why ("${reason}")` : '';
  return makePlan(
    'suspend',
    info,
    refs,
    options,
    { targets: facts },
    {
      title: `Suspend ${subject(refs)}`,
      steps: facts.map(
        (f) =>
          `Set ${suspendSetting(f.ref.kind, true)} on ${refName(f.ref)}; record who (${wording.who})${why} in the annotations ${SUSPENDED_BY}${reason ? ` and ${SUSPEND_REASON}` : ''}.`,
      ),
      commands: facts.flatMap((f) => suspendCommands(f.ref, info, wording.who, reason)),
      warnings: [
        ...suspendWarnings(refs, wording),
        ...facts
          .filter((f) => f.suspended)
          .map((f) => `${refName(f.ref)} is already suspended: only the annotations change.`),
      ],
      optionSpecs: [{ id: 'reason', type: 'text', label: 'reason (recorded on the object)' }],
    },
  );
}

export function planSuspend(
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions = DEFAULT_OPTIONS,
): Promise<ActionPlan> {
  return planSuspendable('suspend', `Suspend ${subject(targets)}`, targets, ctx, options, (facts) =>
    buildSuspendPlan(ctx.port.info, facts, options, { who: ctx.user, resumeHint: resumeHint(ctx) }),
  );
}

/** Suspends one object and records it in the ledger; no controller answer to await. */
export async function suspendOne(
  ctx: ActionContext,
  ref: ObjectRef,
  reason: string,
  via: string,
): Promise<RequestResult> {
  const who = ctx.user;
  try {
    const patched = await ctx.port.mergePatch(ref, suspendPatchFor(ref.kind, who, reason));
    if (!KIND_RULES[ref.kind].suspended(patched)) {
      const setting = suspendSetting(ref.kind, true);
      return { status: 'failed', message: `${refName(ref)} did not take ${setting}.`, changed: true };
    }
  } catch (error) {
    return { status: 'failed', message: describeActionError(error, ref, 'patch'), changed: false };
  }
  ctx.ledger.recordSuspended(ref, {
    at: new Date(ctx.clock.now()).toISOString(),
    by: who,
    reason: reason.trim(),
    via,
  });
  return { status: 'succeeded', message: `${refName(ref)} is suspended.`, revision: '' };
}

export function runSuspend(
  plan: ActionPlan,
  ctx: ActionContext,
  progress: ProgressListener,
): Promise<ActionOutcome> {
  const items = plan.facts.targets.map((f) => ({
    ref: f.ref,
    run: () => suspendOne(ctx, f.ref, plan.options.reason, 'suspend'),
  }));
  return runBatch(plan.title, items, progress);
}

export function rebuildSuspend(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan {
  return buildSuspendPlan(ctx.port.info, plan.facts.targets, options, {
    who: ctx.user,
    resumeHint: resumeHint(ctx),
  });
}
