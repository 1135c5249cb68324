// `x`: clear a Helm release stuck on "another operation (install/upgrade/rollback) is in progress" by
// deleting ONLY its newest pending-* storage Secret (docs/helm.md), then — resuming first when it is
// suspended and the user agrees — reconcile it and wait until it is Ready.
import { suspensionOf } from '../flux/annotations.js';
import { helmSecretName, pendingRevision } from '../flux/helm.js';
import { stringMap } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { HelmReleaseRevision, ObjectRef } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';
import { actionAppliesTo } from './applicability.js';
import { deleteSecretCommand, fluxCommand } from './commands.js';
import { describeActionError, refName } from './errors.js';
import { describeRevision, readHelmFacts } from './helm-facts.js';
import { makePlan, readTargets, refusedPlan, resumeHint } from './plan-common.js';
import { type RequestResult, reconcileAndRecord } from './request.js';
import { runSequence, type Step } from './steps.js';
import { resumeCommands } from './suspension.js';
import {
  type ActionContext,
  type ActionOptions,
  type ActionOutcome,
  type ActionPlan,
  DEFAULT_OPTIONS,
  type HelmFacts,
  type ProgressListener,
  type TargetFacts,
} from './types.js';

/** The storage Secret's name as Helm writes it (`sh.helm.release.v1.<release>.v<N>`). */
export function lockSecretName(release: string, revision: number): string {
  return helmSecretName(release, revision);
}

const UNLOCK_WARNING =
  'Current helm-controllers (Flux 2.2+) unlock a stale pending release by themselves: deleting the Secret is for suspended releases and for locks left by the Helm CLI or other tools. Make sure no Helm operation is really running.';

function lockCommands(
  ref: ObjectRef,
  helm: HelmFacts,
  pending: HelmReleaseRevision,
  info: ClusterInfo,
  options: ActionOptions,
  suspended: boolean,
): Command[] {
  const remove = deleteSecretCommand(
    helm.storageNamespace,
    lockSecretName(helm.releaseName, pending.revision),
    info,
  );
  if (suspended && !options.resume) return [remove];
  return [remove, ...(suspended ? resumeCommands(ref, info) : []), fluxCommand('reconcile', ref, info)];
}

/** Who suspended the target and why, as its annotations say ('' when nobody left a name). */
function suspensionFacts(target: TargetFacts): { by: string; reason: string } {
  const s = suspensionOf(stringMap(target.raw, 'metadata', 'annotations'));
  return { by: sanitizeText(s.by, 200), reason: sanitizeText(s.reason, 500) };
}

/**
 * Options a fresh dialog opens with: resuming is on only for a suspension the acting user made. Someone
 * else's suspension (or one nobody signed) is theirs to lift — the user can still opt in.
 */
export function initialClearLockOptions(
  target: TargetFacts,
  actor: string,
  options: ActionOptions,
): ActionOptions {
  if (options !== DEFAULT_OPTIONS || !target.suspended) return options;
  const { by } = suspensionFacts(target);
  return by !== '' && by === actor ? options : { ...options, resume: false };
}

/** `suspended by alice ("db migration")`, or by nobody who left a name. */
function whoSuspended(target: TargetFacts, actor: string): string {
  const { by, reason } = suspensionFacts(target);
  const who = by === '' ? 'someone who left no name' : by === actor ? `you (${by})` : by;
  return `${target.ref.name} was suspended by ${who}${reason ? ` ("${reason}")` : ''}`;
}

function suspensionWarning(target: TargetFacts, actor: string, options: ActionOptions): string[] {
  if (!target.suspended) return [];
  const { by } = suspensionFacts(target);
  const who = whoSuspended(target, actor);
  if (by !== '' && by === actor) return [`${who}.`];
  return options.resume
    ? [`${who}: resuming is ON — lift someone else's suspension only if they agree.`]
    : [`${who}: it stays suspended unless you turn on resuming (only if they agree).`];
}

/** Pure: the plan from the HelmRelease and its Helm history. */
export function buildClearLockPlan(
  info: ClusterInfo,
  target: TargetFacts,
  helm: HelmFacts,
  options: ActionOptions,
  hint: string,
  actor = '',
): ActionPlan {
  const ref = target.ref;
  const title = `Clear the Helm lock of ${refName(ref)}`;
  const pending = pendingRevision(helm.history);
  const newest = helm.history[0];
  if (!pending) {
    const state = newest ? ` (newest: ${describeRevision(newest)})` : '';
    return refusedPlan(
      'clear-helm-lock',
      title,
      info,
      [ref],
      options,
      `Release ${helm.releaseName} has no pending-install, pending-upgrade or pending-rollback revision${state}: there is no Helm lock to clear.`,
    );
  }
  const secret = lockSecretName(helm.releaseName, pending.revision);
  const suspended = target.suspended;
  const after = !suspended
    ? `Request a reconcile of ${refName(ref)}; wait until it is Ready.`
    : options.resume
      ? `Resume ${refName(ref)} (it is suspended) and request a reconcile; wait until it is Ready.`
      : `Leave ${ref.name} suspended: Flux will not reconcile it until it is resumed (${hint}).`;
  return makePlan(
    'clear-helm-lock',
    info,
    [ref],
    options,
    { targets: [target], helm },
    {
      title,
      details: {
        title: `Helm history of ${helm.releaseName} in ${helm.storageNamespace} (newest first)`,
        lines: helm.history.map(describeRevision),
      },
      steps: [
        `Delete the Secret ${secret} in namespace ${helm.storageNamespace} (revision ${pending.revision}, ${pending.status}) — only this one.`,
        after,
      ],
      commands: lockCommands(ref, helm, pending, info, options, suspended),
      warnings: [
        ...suspensionWarning(target, actor, options),
        UNLOCK_WARNING,
        ...(!suspended
          ? [`${ref.name} is not suspended: helm-controller should clear this lock itself.`]
          : []),
        ...(pending.status === 'pending-install'
          ? [
              `Revision ${pending.revision} is a pending install: without it no release is left, and the next reconcile installs it again.`,
            ]
          : []),
      ],
      optionSpecs: suspended
        ? [{ id: 'resume', type: 'toggle', label: `resume ${ref.name} and reconcile after clearing` }]
        : [],
    },
  );
}

export async function planClearLock(
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions = DEFAULT_OPTIONS,
): Promise<ActionPlan> {
  const info = ctx.port.info;
  const first = targets[0];
  const title = first ? `Clear the Helm lock of ${refName(first)}` : 'Clear a Helm lock';
  const refuse = (why: string) => refusedPlan('clear-helm-lock', title, info, targets, options, why);
  if (!first || targets.length !== 1)
    return refuse('Clear one Helm lock at a time: select (or mark) exactly one HelmRelease.');
  if (!actionAppliesTo('clear-helm-lock', first.kind))
    return refuse(`Helm locks belong to HelmReleases; ${refName(first)} is not one.`);
  const read = await readTargets(ctx, targets);
  const target = read.facts[0];
  if (read.problem || !target) return refuse(read.problem ?? `${refName(first)} no longer exists.`);
  const helm = await readHelmFacts(ctx, target);
  if (!helm.ok) return refuse(helm.problem);
  const initial = initialClearLockOptions(target, ctx.user, options);
  return buildClearLockPlan(info, target, helm.helm, initial, resumeHint(ctx), ctx.user);
}

/** Re-checks that the planned revision is still the pending one, then deletes only its Secret. */
async function deleteLock(
  ctx: ActionContext,
  ref: ObjectRef,
  helm: HelmFacts,
  revision: number,
): Promise<RequestResult> {
  const secret = lockSecretName(helm.releaseName, revision);
  try {
    const now = pendingRevision(await ctx.port.helmHistory(helm.storageNamespace, helm.releaseName));
    if (now?.revision !== revision) {
      return {
        status: 'failed',
        message: `Revision ${revision} of ${helm.releaseName} is no longer pending; nothing was deleted.`,
        changed: false,
      };
    }
    await ctx.port.deleteSecret(helm.storageNamespace, secret);
  } catch (error) {
    return {
      status: 'failed',
      message: describeActionError(error, ref, `delete the lock Secret ${secret} of`),
      changed: false,
    };
  }
  return { status: 'succeeded', message: `Deleted ${secret}.`, revision: '' };
}

export function runClearLock(
  plan: ActionPlan,
  ctx: ActionContext,
  progress: ProgressListener,
): Promise<ActionOutcome> {
  const target = plan.facts.targets[0];
  const helm = plan.facts.helm;
  const pending = helm ? pendingRevision(helm.history) : undefined;
  if (!target || !helm || !pending) {
    return Promise.resolve({
      status: 'failed',
      message: 'This plan has no Helm lock to clear: nothing was done.',
    });
  }
  const ref = target.ref;
  const resume = target.suspended && plan.options.resume;
  const steps: Step[] = [
    {
      label: `delete ${lockSecretName(helm.releaseName, pending.revision)}`,
      run: () => deleteLock(ctx, ref, helm, pending.revision),
    },
  ];
  if (!target.suspended || resume) {
    steps.push({
      label: `${resume ? 'resume and ' : ''}reconcile ${ref.name}`,
      run: (report) => reconcileAndRecord(ctx, ref, { resume }, report),
    });
  }
  return runSequence(steps, progress, (index, result) => {
    if (index === 0) return '';
    const patchFailed = result.status === 'failed' && !result.changed;
    if (patchFailed && target.suspended)
      return `The lock is cleared, but ${ref.name} is still SUSPENDED: ${resumeHint(ctx)}.`;
    return 'The lock is cleared.';
  }).then((outcome) =>
    outcome.status === 'succeeded' && target.suspended && !resume
      ? {
          ...outcome,
          message: `Deleted the lock; ${ref.name} is left SUSPENDED: ${resumeHint(ctx)} to let Flux reconcile it.`,
        }
      : outcome,
  );
}

export function rebuildClearLock(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan {
  const target = plan.facts.targets[0];
  const helm = plan.facts.helm;
  if (!target || !helm) return { ...plan, options };
  return buildClearLockPlan(ctx.port.info, target, helm, options, resumeHint(ctx), plan.user ?? ctx.user);
}
