// `r`: reconcile one or several objects of any Flux kind. A suspended object is resumed and reconciled
// instead (Flux ignores requests on suspended objects). HelmReleases offer force (forceAt) and reset
// (resetAt), written with the same token as requestedAt. The Flux Operator's kinds take the same request
// (docs/flux-operator.md); their dialog shows the flux-operator line and the kubectl annotation.
import { SUSPEND_REASON, SUSPENDED_BY } from '../flux/annotations.js';
import { findCondition, readConditions } from '../flux/conditions.js';
import { kindCli, kindInfo, recordsHandledRequests } from '../flux/kinds.js';
import { str } from '../flux/narrow.js';
import { newReconcileToken } from '../flux/reconcile.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';
import { cliCommands, requestCommand } from './commands.js';
import { refName } from './errors.js';
import {
  FORCE_RESET_KINDS,
  makePlan,
  type PlanParts,
  readTargets,
  refusedPlan,
  subject,
} from './plan-common.js';
import { reconcileAndRecord } from './request.js';
import { runBatch } from './steps.js';
import { resumeCommands, suspendSetting } from './suspension.js';
import type {
  ActionContext,
  ActionOptions,
  ActionOutcome,
  ActionPlan,
  OptionSpec,
  ProgressListener,
  TargetFacts,
} from './types.js';
import { DEFAULT_OPTIONS } from './types.js';

export const FORCE_RESET_OPTIONS: readonly OptionSpec[] = [
  { id: 'force', type: 'toggle', label: 'force a Helm upgrade (reconcile.fluxcd.io/forceAt)' },
  { id: 'reset', type: 'toggle', label: 'reset exhausted retries (reconcile.fluxcd.io/resetAt)' },
];

export function reconcileFlags(ref: ObjectRef, options: ActionOptions): string[] {
  if (!FORCE_RESET_KINDS.has(ref.kind)) return [];
  return [...(options.force ? ['--force'] : []), ...(options.reset ? ['--reset'] : [])];
}

export function forceResetWarnings(refs: readonly ObjectRef[], options: ActionOptions): string[] {
  if (!refs.some((r) => FORCE_RESET_KINDS.has(r.kind))) return [];
  const out: string[] = [];
  if (options.force)
    out.push('force runs a Helm upgrade even when nothing changed (hooks and tests run again).');
  if (options.reset)
    out.push('reset clears the failure counters: an exhausted release retries its install/upgrade again.');
  return out;
}

/** A HelmRelease that exhausted its retries (Stalled=True): only a reset makes it try again. */
export function isStalledHelm(f: TargetFacts): boolean {
  return (
    FORCE_RESET_KINDS.has(f.ref.kind) && findCondition(readConditions(f.raw), 'Stalled')?.status === 'True'
  );
}

export function stalledWarnings(facts: readonly TargetFacts[], options: ActionOptions): string[] {
  if (options.reset) return [];
  return facts
    .filter(isStalledHelm)
    .map((f) => `${refName(f.ref)} is stalled (retries exhausted): without reset it will not try again.`);
}

/** The dialog's starting options: reset on when a target is a stalled HelmRelease (the runbook's step 3). */
export function initialOptions(facts: readonly TargetFacts[], options: ActionOptions): ActionOptions {
  return options === DEFAULT_OPTIONS && facts.some(isStalledHelm) ? { ...options, reset: true } : options;
}

function suspendedWarning(f: TargetFacts): string {
  const by = str(f.raw, 'metadata', 'annotations', SUSPENDED_BY);
  const why = str(f.raw, 'metadata', 'annotations', SUSPEND_REASON);
  const who = by ? ` by ${by}` : '';
  const reason = why ? ` (reason: ${why})` : '';
  return `${refName(f.ref)} is suspended${who}${reason}: Flux ignores reconcile requests on suspended objects, so it will be resumed and reconciled.`;
}

function targetCommands(
  f: TargetFacts,
  info: ClusterInfo,
  options: ActionOptions,
  requestToken: string | undefined,
): Command[] {
  const flags = reconcileFlags(f.ref, options);
  if (!f.suspended) {
    // Kinds outside `flux` get the annotation kubectl would write as well: the request itself.
    const annotate =
      kindCli(f.ref.kind) !== 'flux' && requestToken ? [requestCommand(f.ref, requestToken, info)] : [];
    return [...cliCommands('reconcile', f.ref, info, flags), ...annotate];
  }
  const extra = flags.length > 0 ? cliCommands('reconcile', f.ref, info, flags) : [];
  return [...resumeCommands(f.ref, info), ...extra];
}

function targetStep(f: TargetFacts, options: ActionOptions): string {
  const controller = kindInfo(f.ref.kind).controller;
  const extras = reconcileFlags(f.ref, options).map((flag) => (flag === '--force' ? 'forceAt' : 'resetAt'));
  const token = ['requestedAt', ...extras].join(' + ');
  const verb = f.suspended
    ? `Resume ${refName(f.ref)} (${suspendSetting(f.ref.kind, false)}) and request a reconcile`
    : `Request a reconcile of ${refName(f.ref)}`;
  const wait = recordsHandledRequests(f.ref.kind)
    ? `wait until ${controller} has handled it, then read Ready`
    : `${controller} acts on it but records no handled request for a ${f.ref.kind}, so nothing is awaited`;
  return `${verb} (${token} = a fresh token); ${wait}.`;
}

/**
 * Pure: the plan from what was read. `requestToken` (a token of the planning moment) fills the kubectl
 * annotate line shown for kinds outside `flux`; the run writes a fresh one.
 */
export function buildReconcilePlan(
  info: ClusterInfo,
  facts: readonly TargetFacts[],
  options: ActionOptions,
  requestToken?: string,
): ActionPlan {
  const refs = facts.map((f) => f.ref);
  const allSuspended = facts.length > 0 && facts.every((f) => f.suspended);
  const parts: PlanParts = {
    title: `${allSuspended ? 'Resume and reconcile' : 'Reconcile'} ${subject(refs)}`,
    steps: facts.map((f) => targetStep(f, options)),
    commands: facts.flatMap((f) => targetCommands(f, info, options, requestToken)),
    warnings: [
      ...facts.filter((f) => f.suspended).map(suspendedWarning),
      ...stalledWarnings(facts, options),
      ...forceResetWarnings(refs, options),
    ],
    optionSpecs: refs.some((r) => FORCE_RESET_KINDS.has(r.kind)) ? FORCE_RESET_OPTIONS : [],
  };
  return makePlan('reconcile', info, refs, options, { targets: facts }, parts);
}

export async function planReconcile(
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions = DEFAULT_OPTIONS,
): Promise<ActionPlan> {
  const read = await readTargets(ctx, targets);
  if (read.problem)
    return refusedPlan(
      'reconcile',
      `Reconcile ${subject(targets)}`,
      ctx.port.info,
      targets,
      options,
      read.problem,
    );
  return buildReconcilePlan(ctx.port.info, read.facts, initialOptions(read.facts, options), planToken(ctx));
}

function planToken(ctx: ActionContext): string {
  return newReconcileToken(new Date(ctx.clock.now()));
}

export function runReconcile(
  plan: ActionPlan,
  ctx: ActionContext,
  progress: ProgressListener,
): Promise<ActionOutcome> {
  const items = plan.facts.targets.map((f) => ({
    ref: f.ref,
    run: (pending: (text: string) => void) => {
      const forceReset = FORCE_RESET_KINDS.has(f.ref.kind);
      return reconcileAndRecord(
        ctx,
        f.ref,
        {
          force: forceReset && plan.options.force,
          reset: forceReset && plan.options.reset,
          resume: f.suspended,
        },
        pending,
      );
    },
  }));
  return runBatch(plan.title, items, progress);
}

export function rebuildReconcile(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan {
  return buildReconcilePlan(ctx.port.info, plan.facts.targets, options, planToken(ctx));
}
