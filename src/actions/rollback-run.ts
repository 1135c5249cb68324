// Running `b`: suspend, `helm rollback`, then (unless left suspended) resume and follow helm-controller's next
// attempt. The outcome says what Helm recorded when the rollback failed, and when the resume made
// helm-controller upgrade to the failed chart again it says so instead of reporting success (docs/helm.md).
import { failedAttempt } from '../flux/helm-desired.js';
import type { HelmReleaseRevision } from '../flux/types.js';
import { helmRollbackCommand } from './commands.js';
import { type RequestResult, reconcileAndRecord } from './request.js';
import { rollbackReason, rollbackWording } from './rollback.js';
import {
  describeNextAttempt,
  failedRollbackRecord,
  nextAttempt,
  rollbackRevisionOf,
} from './rollback-outcome.js';
import { runHelm } from './run-helm.js';
import { joinSentences, runSequence, type Step } from './steps.js';
import { suspendOne } from './suspend.js';
import { resumeCommands } from './suspension.js';
import type { ActionContext, ActionOutcome, ActionPlan, HelmFacts, ProgressListener } from './types.js';

/** Helm's history now; undefined when it cannot be read (the outcome then says less, never something false). */
async function historyNow(
  ctx: ActionContext,
  helm: HelmFacts,
): Promise<readonly HelmReleaseRevision[] | undefined> {
  try {
    return await ctx.port.helmHistory(helm.storageNamespace, helm.releaseName);
  } catch {
    return undefined;
  }
}

const keyHint = (ctx: ActionContext, action: 'suspend' | 'rollback'): string => {
  const key = ctx.keyLabel?.(action);
  return key ? ` with ${key}` : '';
};

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
  const failed = failedAttempt(helm.history);
  // What the helm step learnt: whether Helm wrote a revision, and which one the rollback is.
  let helmWrote = false;
  let rollbackRevision: number | undefined;
  let nextSentence = '';

  const helmStep = async (pending: (text: string) => void): Promise<RequestResult> => {
    const result = await runHelm(ctx, rollback, byHand, pending);
    const after = await historyNow(ctx, helm);
    if (result.status === 'succeeded') {
      rollbackRevision = after ? rollbackRevisionOf(after)?.revision : undefined;
      return result;
    }
    if (result.status !== 'failed' || !after) return result;
    const recorded = failedRollbackRecord(helm.history, after, revision);
    if (!recorded) return result;
    helmWrote = true;
    return { ...result, message: joinSentences(result.message, recorded), changed: true };
  };

  const resumeStep = async (pending: (text: string) => void): Promise<RequestResult> => {
    const result = await reconcileAndRecord(ctx, ref, { resume: true }, pending);
    if (result.status === 'cancelled' || (result.status === 'failed' && !result.changed)) return result;
    const after = await historyNow(ctx, helm);
    const since = rollbackRevision ?? (helm.history[0]?.revision ?? 0) + 1;
    const next = after ? nextAttempt(after, since, failed) : undefined;
    if (!next) return result;
    const said = describeNextAttempt(next, {
      name: ref.name,
      target: revision,
      failed,
      suspendHint: keyHint(ctx, 'suspend'),
      rollbackHint: keyHint(ctx, 'rollback'),
    });
    nextSentence = said.sentence;
    if (
      said.failing &&
      (result.status === 'succeeded' || (result.status === 'failed' && next.repeatsFailure))
    ) {
      return { status: 'failed', message: said.sentence, changed: true };
    }
    if (result.status !== 'succeeded')
      return { ...result, message: joinSentences(result.message, said.sentence) };
    return result;
  };

  const steps: Step[] = [
    { label: `suspend ${ref.name}`, run: () => suspendOne(ctx, ref, rollbackReason(revision), 'rollback') },
    { label: `helm rollback ${helm.releaseName} ${revision}`, run: helmStep },
  ];
  if (!plan.options.leaveSuspended) steps.push({ label: `resume ${ref.name}`, run: resumeStep });
  const suspendedNote = `${ref.name} is left SUSPENDED: ${wording.resumeHint} once Git is fixed.`;
  const rollBackAgain = `fix what Helm reports, then roll back again${keyHint(ctx, 'rollback')}`;
  return runSequence(steps, progress, (index, result) => {
    if (index === 0) return result.status === 'failed' && !result.changed ? 'Nothing was changed.' : '';
    if (index === 1) {
      return helmWrote
        ? `The rollback failed; ${ref.name} is left SUSPENDED: ${rollBackAgain}, or ${wording.resumeHint} once Git is fixed.`
        : `The rollback did not happen; ${suspendedNote}`;
    }
    if (result.status === 'failed' && !result.changed)
      return `Rolled back to revision ${revision}, but ${suspendedNote}`;
    if (nextSentence) return '';
    return `Rolled back to revision ${revision} and resumed, but ${ref.name} is not Ready.`;
  }).then((outcome) => {
    if (outcome.status !== 'succeeded') return outcome;
    const head = `Rolled back ${helm.releaseName} to revision ${revision}.`;
    if (plan.options.leaveSuspended) return { ...outcome, message: `${head} ${suspendedNote}` };
    return { ...outcome, message: joinSentences(joinSentences(head, outcome.message), nextSentence) };
  });
}
