// `b`: the runbook's reset of a HelmRelease stuck after a failed upgrade: suspend it (so helm-controller
// does not upgrade again at once), `helm rollback RELEASE REV`, then resume — unless the user leaves it
// suspended until Git is fixed. Stops at the first failure and says what state the release is left in.
import { SUSPENDED_BY } from '../flux/annotations.js';
import { chartSourceRef, compareWithFailed } from '../flux/helm-desired.js';
import { deployedSuccessfully, type LastGood, lastGoodChoice } from '../flux/helm-last-good.js';
import { str } from '../flux/narrow.js';
import type { HelmReleaseRevision, ObjectRef } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';
import { actionAppliesTo } from './applicability.js';
import { helmRollbackCommand } from './commands.js';
import { refName } from './errors.js';
import { describeRevision, readHelmFacts } from './helm-facts.js';
import { invalidHelmNames } from './names.js';
import { makePlan, readTargets, refusedPlan, resumeHint } from './plan-common.js';
import { resumeCommands, suspendCommands } from './suspension.js';
import {
  type ActionContext,
  type ActionOptions,
  type ActionPlan,
  DEFAULT_OPTIONS,
  type HelmFacts,
  type OptionSpec,
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

/** The last good revision and why (when Helm sees nothing failed, the newest good one before the current). */
export function lastGoodOf(helm: HelmFacts): LastGood | undefined {
  return lastGoodChoice(helm.history) ?? lastGoodChoice(helm.history, helm.history[0]?.revision);
}

/** The revision to roll back to: the user's choice if it exists in the history, else the last good one. */
export function chosenRevision(helm: HelmFacts, options: ActionOptions): number | undefined {
  if (options.revision !== undefined && helm.history.some((r) => r.revision === options.revision)) {
    return options.revision;
  }
  return lastGoodOf(helm)?.revision.revision;
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

/** Why this revision, for the dialog: the last good one's reason, or what is known of the user's choice. */
function whyRevision(helm: HelmFacts, chosen: HelmReleaseRevision | undefined): string {
  const lastGood = lastGoodOf(helm);
  if (chosen && lastGood?.revision.revision === chosen.revision) return `Last good ${lastGood.reason}.`;
  const fallback = lastGood ? ` (the last good one is ${lastGood.revision.revision})` : '';
  return chosen
    ? `Revision ${chosen.revision} is your choice${fallback}.`
    : `No revision deployed successfully${fallback}.`;
}

/** The resume warning from what Git asks for now compared with the failed upgrade. */
function resumeWarning(ref: ObjectRef, helm: HelmFacts, leaveSuspended: boolean): string {
  const desired = helm.desired;
  const upgrades = `on resume helm-controller upgrades ${ref.name} to the chart and values in Git`;
  if (desired?.verdict === 'same') {
    return `${desired.why}: ${upgrades}, which fails again — ${leaveSuspended ? '"leave suspended" is on' : 'choose "leave suspended"'} until Git is fixed.`;
  }
  if (desired?.verdict === 'changed') return `${desired.why}: ${upgrades} after the rollback.`;
  const why = desired ? ` (${desired.why})` : '';
  return `Unless Git is fixed first, ${upgrades} again${why}; choose "leave suspended" until it is.`;
}

/**
 * Options a fresh rollback dialog opens with: "leave suspended" on while the HelmRelease still asks for the
 * chart and values its failed upgrade used (resuming would only repeat the failure).
 */
export function initialRollbackOptions(helm: HelmFacts, options: ActionOptions): ActionOptions {
  return options === DEFAULT_OPTIONS && helm.desired?.verdict === 'same'
    ? { ...options, leaveSuspended: true }
    : options;
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
    resumeWarning(ref, helm, options.leaveSuspended),
    ...(chosen && !deployedSuccessfully(chosen)
      ? [
          `Revision ${revision} never deployed successfully (${chosen.status}${chosen.description ? `: ${chosen.description}` : ''}).`,
        ]
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
    details: {
      title: `Why revision ${revision}`,
      // The history itself is in the "roll back to" choice; here only the reason, so the commands stay in view.
      lines: [whyRevision(helm, chosen)],
    },
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
  if (!actionAppliesTo('rollback', first.kind))
    return refuse(`Rollback applies to HelmReleases; ${refName(first)} is not one.`);
  const read = await readTargets(ctx, targets);
  const target = read.facts[0];
  if (read.problem || !target) return refuse(read.problem ?? `${refName(first)} no longer exists.`);
  const read2 = await readHelmFacts(ctx, target);
  if (!read2.ok) return refuse(read2.problem);
  const helm = {
    ...read2.helm,
    desired: compareWithFailed(target.raw, await readChartSource(ctx, target), read2.helm.history),
  };
  return buildRollbackPlan(info, target, helm, initialRollbackOptions(helm, options), rollbackWording(ctx));
}

/** The chart source's object (its artifact names the chart version); undefined when it cannot be read. */
async function readChartSource(ctx: ActionContext, target: TargetFacts): Promise<unknown> {
  const ref = chartSourceRef(target.raw);
  if (!ref) return undefined;
  try {
    return await ctx.port.getObject(ref);
  } catch {
    // Only a finer comparison is lost: an unreadable source makes the verdict "unknown".
    return undefined;
  }
}

export function rollbackWording(ctx: ActionContext): RollbackWording {
  return { who: ctx.user, resumeHint: resumeHint(ctx) };
}

export function rebuildRollback(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan {
  const target = plan.facts.targets[0];
  const helm = plan.facts.helm;
  if (!target || !helm) return { ...plan, options };
  return buildRollbackPlan(ctx.port.info, target, helm, options, rollbackWording(ctx));
}
