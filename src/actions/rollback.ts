// `b`: the runbook's reset of a HelmRelease stuck after a failed upgrade: suspend it (so helm-controller
// does not upgrade again at once), `helm rollback RELEASE REV`, then resume — unless the user leaves it
// suspended until Git is fixed. Stops at the first failure and says what state the release is left in.
import { SUSPENDED_BY } from '../flux/annotations.js';
import { lastGoodRevision } from '../flux/helm.js';
import { str } from '../flux/narrow.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';
import { helmRollbackCommand } from './commands.js';
import { refName } from './errors.js';
import { describeRevision, readHelmFacts } from './helm-facts.js';
import { invalidHelmNames } from './names.js';
import { HELM_KINDS, makePlan, readTargets, refusedPlan, resumeHint } from './plan-common.js';
import { reconcileAndRecord } from './request.js';
import { runHelm } from './run-helm.js';
import { runSequence, type Step } from './steps.js';
import { suspendOne } from './suspend.js';
import { resumeCommands, suspendCommands } from './suspension.js';
import {
  type ActionContext,
  type ActionOptions,
  type ActionOutcome,
  type ActionPlan,
  DEFAULT_OPTIONS,
  type HelmFacts,
  type OptionSpec,
  type ProgressListener,
  type TargetFacts,
} from './types.js';

export interface RollbackWording {
  readonly who: string;
  readonly resumeHint: string;
}

function suspendedBy(target: TargetFacts): string {
  const by = str(target.raw, 'metadata', 'annotations', SUSPENDED_BY);
  return by ? ` (by ${by})` : '';
}

export function rollbackReason(revision: number): string {
  return `helm rollback to revision ${revision}`;
}

/** The revision to roll back to: the user's choice if it exists in the history, else the last good one. */
export function chosenRevision(helm: HelmFacts, options: ActionOptions): number | undefined {
  if (options.revision !== undefined && helm.history.some((r) => r.revision === options.revision)) {
    return options.revision;
  }
  // When Helm sees nothing failed, the newest good revision before the current one is the candidate.
  return (lastGoodRevision(helm.history) ?? lastGoodRevision(helm.history, helm.history[0]?.revision))
    ?.revision;
}

function revisionChoices(helm: HelmFacts): OptionSpec {
  const current = helm.history[0]?.revision;
  const lastGood = chosenRevision(helm, DEFAULT_OPTIONS);
  const choices = helm.history
    .filter((r) => r.revision !== current)
    .map((r) => ({
      value: r.revision,
      label: `${describeRevision(r)}${r.revision === lastGood ? ' (last good)' : ''}`,
    }));
  return { id: 'revision', type: 'choice', label: 'roll back to', choices };
}

/** The commands of the whole sequence, and of what is left after step `from` (for running by hand). */
export function rollbackCommands(
  ref: ObjectRef,
  helm: HelmFacts,
  revision: number,
  info: ClusterInfo,
  options: ActionOptions,
  wording: RollbackWording,
): Command[] {
  return [
    ...suspendCommands(ref, info, wording.who, rollbackReason(revision)),
    helmRollbackCommand(helm.releaseName, revision, helm.storageNamespace, info),
    ...(options.leaveSuspended ? [] : resumeCommands(ref, info)),
  ];
}

/** Pure: the plan from the HelmRelease and its Helm history. */
export function buildRollbackPlan(
  info: ClusterInfo,
  target: TargetFacts,
  helm: HelmFacts,
  options: ActionOptions,
  wording: RollbackWording,
): ActionPlan {
  const ref = target.ref;
  const title = `Roll back ${refName(ref)}`;
  const revision = chosenRevision(helm, options);
  const facts = { targets: [target], helm };
  const refuse = (refusal: string) => refusedPlan('rollback', title, info, [ref], options, refusal);
  if (helm.history.length === 0) {
    return refuse(
      `Helm has no history for release ${helm.releaseName} in namespace ${helm.storageNamespace}: nothing to roll back to.`,
    );
  }
  if (revision === undefined || revision === helm.history[0]?.revision) {
    return refuse(`Release ${helm.releaseName} has no earlier deployed revision to roll back to.`);
  }
  const invalid = invalidHelmNames({
    release: helm.releaseName,
    namespace: helm.storageNamespace,
    context: info.context,
    kubeconfig: info.kubeconfigPath,
  });
  if (invalid) return refuse(`Cannot run helm safely: ${invalid}.`);
  const chosen = helm.history.find((r) => r.revision === revision);
  const settled = { ...options, revision };
  const warnings = [
    `On resume, helm-controller upgrades ${ref.name} again to the chart version in Git unless Git is fixed first; choose "leave suspended" until it is.`,
    ...(chosen && chosen.status !== 'deployed' && chosen.status !== 'superseded'
      ? [`Revision ${revision} is ${chosen.status}, not a good deployed revision.`]
      : []),
    ...(target.suspended && !options.leaveSuspended
      ? [
          `${ref.name} is already suspended${suspendedBy(target)}: it will be resumed at the end unless you leave it suspended.`,
        ]
      : []),
  ];
  return makePlan('rollback', info, [ref], settled, facts, {
    title: `${title} to revision ${revision}`,
    steps: [
      `Suspend ${refName(ref)} (spec.suspend=true, suspendedBy ${wording.who}) so helm-controller does not upgrade it again right away.`,
      `Run helm rollback ${helm.releaseName} ${revision} in namespace ${helm.storageNamespace}${chosen ? ` (${describeRevision(chosen)})` : ''}.`,
      options.leaveSuspended
        ? `Leave ${ref.name} suspended (${wording.resumeHint} once Git is fixed).`
        : `Resume ${refName(ref)} and request a reconcile; wait until it is Ready.`,
    ],
    commands: rollbackCommands(ref, helm, revision, info, settled, wording),
    warnings,
    optionSpecs: [
      revisionChoices(helm),
      { id: 'leaveSuspended', type: 'toggle', label: 'leave suspended afterwards (Git not fixed yet)' },
    ],
  });
}

export async function planRollback(
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions = DEFAULT_OPTIONS,
): Promise<ActionPlan> {
  const info = ctx.port.info;
  const first = targets[0];
  const title = first ? `Roll back ${refName(first)}` : 'Roll back';
  const refuse = (why: string) => refusedPlan('rollback', title, info, targets, options, why);
  if (!first || targets.length !== 1)
    return refuse('Roll back one HelmRelease at a time: select (or mark) exactly one.');
  if (!HELM_KINDS.has(first.kind))
    return refuse(`Rollback applies to HelmReleases; ${refName(first)} is not one.`);
  const read = await readTargets(ctx, targets);
  const target = read.facts[0];
  if (read.problem || !target) return refuse(read.problem ?? `${refName(first)} no longer exists.`);
  const helm = await readHelmFacts(ctx, target);
  if (!helm.ok) return refuse(helm.problem);
  return buildRollbackPlan(info, target, helm.helm, options, rollbackWording(ctx));
}

export function rollbackWording(ctx: ActionContext): RollbackWording {
  return { who: ctx.user, resumeHint: resumeHint(ctx) };
}

export function runRollback(
  plan: ActionPlan,
  ctx: ActionContext,
  progress: ProgressListener,
): Promise<ActionOutcome> {
  const target = plan.facts.targets[0];
  const helm = plan.facts.helm;
  const revision = plan.options.revision;
  if (!target || !helm || revision === undefined) {
    return Promise.resolve({
      status: 'failed',
      message: 'This rollback plan is incomplete: nothing was done.',
    });
  }
  const ref = target.ref;
  const info = ctx.port.info;
  const wording = rollbackWording(ctx);
  const rollback = helmRollbackCommand(helm.releaseName, revision, helm.storageNamespace, info);
  const byHand = [rollback, ...(plan.options.leaveSuspended ? [] : resumeCommands(ref, info))];
  const steps: Step[] = [
    { label: `suspend ${ref.name}`, run: () => suspendOne(ctx, ref, rollbackReason(revision), 'rollback') },
    {
      label: `helm rollback ${helm.releaseName} ${revision}`,
      run: (pending) => runHelm(ctx, rollback, byHand, pending),
    },
  ];
  if (!plan.options.leaveSuspended) {
    steps.push({
      label: `resume ${ref.name}`,
      run: (pending) => reconcileAndRecord(ctx, ref, { resume: true }, pending),
    });
  }
  const suspendedNote = `${ref.name} is left SUSPENDED: ${wording.resumeHint} once Git is fixed.`;
  return runSequence(steps, progress, (index, result) => {
    if (index === 0) return result.status === 'failed' && !result.changed ? 'Nothing was changed.' : '';
    if (index === 1) return `The rollback did not happen; ${suspendedNote}`;
    if (result.status === 'failed' && !result.changed)
      return `Rolled back to revision ${revision}, but ${suspendedNote}`;
    return `Rolled back to revision ${revision} and resumed, but ${ref.name} is not Ready.`;
  }).then((outcome) =>
    outcome.status === 'succeeded' && plan.options.leaveSuspended
      ? { ...outcome, message: `Rolled back ${helm.releaseName} to revision ${revision}. ${suspendedNote}` }
      : outcome.status === 'succeeded'
        ? {
            ...outcome,
            message: `Rolled back ${helm.releaseName} to revision ${revision}. ${outcome.message}`,
          }
        : outcome,
  );
}

export function rebuildRollback(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan {
  const target = plan.facts.targets[0];
  const helm = plan.facts.helm;
  if (!target || !helm) return { ...plan, options };
  return buildRollbackPlan(ctx.port.info, target, helm, options, rollbackWording(ctx));
}
