// `u`: resume one or several objects: spec.suspend=false, the suspension annotations removed and a
// reconcile requested in the same patch, then wait until the controller handled it and the object is Ready.
import { kindInfo, recordsHandledRequests } from '../flux/kinds.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterInfo } from '../kube/port.js';
import { refName } from './errors.js';
import { makePlan, subject } from './plan-common.js';
import { reconcileAndRecord } from './request.js';
import { runBatch } from './steps.js';
import { planSuspendable } from './suspend.js';
import { resumeCommands, suspendSetting } from './suspension.js';
import {
  type ActionContext,
  type ActionOptions,
  type ActionOutcome,
  type ActionPlan,
  DEFAULT_OPTIONS,
  type ProgressListener,
  type TargetFacts,
} from './types.js';

/** What the action waits for after the request, in words. */
export function awaitWords(ref: ObjectRef): string {
  const controller = kindInfo(ref.kind).controller;
  if (!recordsHandledRequests(ref.kind))
    return `${controller} does not record handled requests for a ${ref.kind}, so nothing is awaited`;
  return `wait until ${controller} has handled it and it is Ready`;
}

/** Pure: the plan from what was read. */
export function buildResumePlan(
  info: ClusterInfo,
  facts: readonly TargetFacts[],
  options: ActionOptions,
): ActionPlan {
  const refs = facts.map((f) => f.ref);
  return makePlan(
    'resume',
    info,
    refs,
    options,
    { targets: facts },
    {
      title: `Resume ${subject(refs)}`,
      steps: facts.map(
        (f) =>
          `Set ${suspendSetting(f.ref.kind, false)} on ${refName(f.ref)}, remove the suspension annotations and request a reconcile; ${awaitWords(f.ref)}.`,
      ),
      commands: facts.flatMap((f) => resumeCommands(f.ref, info)),
      warnings: facts
        .filter((f) => !f.suspended)
        .map((f) => `${refName(f.ref)} is not suspended: this only requests a reconcile.`),
      optionSpecs: [],
    },
  );
}

export function planResume(
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions = DEFAULT_OPTIONS,
): Promise<ActionPlan> {
  return planSuspendable('resume', `Resume ${subject(targets)}`, targets, ctx, options, (facts) =>
    buildResumePlan(ctx.port.info, facts, options),
  );
}

export function runResume(
  plan: ActionPlan,
  ctx: ActionContext,
  progress: ProgressListener,
): Promise<ActionOutcome> {
  const items = plan.facts.targets.map((f) => ({
    ref: f.ref,
    run: (pending: (text: string) => void) => reconcileAndRecord(ctx, f.ref, { resume: true }, pending),
  }));
  return runBatch(plan.title, items, progress);
}

export function rebuildResume(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan {
  return buildResumePlan(ctx.port.info, plan.facts.targets, options);
}
