// `D`: fix a blocked dependency chain as the runbook says — fix the root first, wait until it is Ready,
// then reconcile each dependent in order, waiting for each. From a blocked object the chain runs from its
// root failing dependency down to it (fixChainPlan); from a root itself, down through what it blocks.
import { blockedBy, buildDependencyGraph, type DependencyGraph, fixChainPlan } from '../flux/graph.js';
import { type ObjectRef, objectKey, type StatusRow } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';
import { fluxCommand } from './commands.js';
import { refName } from './errors.js';
import { FORCE_RESET_KINDS, makePlan, refusedPlan } from './plan-common.js';
import { reconcileAndRecord } from './request.js';
import { runSequence, type Step } from './steps.js';
import { resumeCommands } from './suspension.js';
import {
  type ActionContext,
  type ActionOptions,
  type ActionOutcome,
  type ActionPlan,
  type ChainLink,
  DEFAULT_OPTIONS,
  type ProgressListener,
} from './types.js';

/** The rows the console shows, or every row of the port's live snapshot. */
export function currentRows(ctx: ActionContext): readonly StatusRow[] {
  const given = ctx.rows?.();
  if (given && given.length > 0) return given;
  return [...ctx.port.getSnapshot().kinds.values()].flatMap((slice) => [...slice.rows.values()]);
}

/** The chain to reconcile, root first: to `key` when it is blocked, from it when it is the root. */
export function chainFor(graph: DependencyGraph, key: string): ObjectRef[] {
  const toKey = fixChainPlan(graph, key);
  if (toKey.length !== 1) return toKey;
  const below = blockedBy(graph, key).flatMap((k) => graph.row(k)?.ref ?? []);
  return [...toKey, ...below];
}

function link(graph: DependencyGraph, ref: ObjectRef, root: boolean): ChainLink {
  const row = graph.row(objectKey(ref));
  // A stalled HelmRelease root has exhausted its retries: only a reset makes it try again.
  const reset = root && FORCE_RESET_KINDS.has(ref.kind) && row?.stalled === true;
  return { ref, force: false, reset, resume: row?.suspended === true };
}

function linkCommands(l: ChainLink, info: ClusterInfo): Command[] {
  const flags = l.reset ? ['--reset'] : [];
  const reconcile = fluxCommand('reconcile', l.ref, info, flags);
  return l.resume ? [...resumeCommands(l.ref, info), ...(flags.length ? [reconcile] : [])] : [reconcile];
}

function linkStep(l: ChainLink, graph: DependencyGraph, first: boolean): string {
  const row = graph.row(objectKey(l.ref));
  const now = row ? `, now ${row.health}${row.reason ? ` (${row.reason})` : ''}` : '';
  const how = `${first ? '' : 'Then '}${l.resume ? 'resume and reconcile' : 'reconcile'}`;
  const reset = l.reset ? ' with reset (retries exhausted)' : '';
  const role = first ? ' — the root' : '';
  return `${how.charAt(0).toUpperCase()}${how.slice(1)} ${refName(l.ref)}${reset}${role}${now}; wait until it is Ready.`;
}

/** Pure: the plan over the live rows. */
export function buildFixChainPlan(
  info: ClusterInfo,
  rows: readonly StatusRow[],
  target: ObjectRef,
  options: ActionOptions,
): ActionPlan {
  const graph = buildDependencyGraph(rows);
  const key = objectKey(target);
  const title = `Fix the dependency chain of ${refName(target)}`;
  const refuse = (why: string) => refusedPlan('fix-chain', title, info, [target], options, why);
  if (!graph.has(key))
    return refuse(`${refName(target)} is not in the live view: its dependency chain is unknown.`);
  if (graph.isReady(key)) return refuse(`${refName(target)} is Ready: there is no blocked chain to fix.`);
  const refs = chainFor(graph, key);
  const chain = refs.map((ref, i) => link(graph, ref, i === 0));
  const root = refs[0];
  const inChain = new Set(refs.map(objectKey));
  const cycles = graph.cycles().filter((c) => c.some((k) => inChain.has(k)));
  const missing = refs.flatMap((r) =>
    graph
      .missing(objectKey(r))
      .map((m) => `${refName(r)} depends on ${refName(m)}, which does not exist: it cannot become Ready.`),
  );
  return makePlan(
    'fix-chain',
    info,
    refs,
    options,
    { targets: [], chain },
    {
      title: root && objectKey(root) !== key ? `${title} from its root ${root.name}` : title,
      steps: chain.map((l, i) => linkStep(l, graph, i === 0)),
      commands: chain.flatMap((l) => linkCommands(l, info)),
      warnings: [
        'Each step waits for the previous one to be Ready; the sequence stops at the first failure.',
        ...(refs.length === 1
          ? [`${refName(target)} has no failing dependency and blocks nothing: this only reconciles it.`]
          : []),
        ...cycles.map(
          (c) =>
            `Dependency cycle: ${c.join(' → ')}. Reconciling cannot make these Ready; fix dependsOn in Git.`,
        ),
        ...missing,
      ],
      optionSpecs: [],
    },
  );
}

export async function planFixChain(
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions = DEFAULT_OPTIONS,
): Promise<ActionPlan> {
  const first = targets[0];
  if (!first || targets.length !== 1) {
    return refusedPlan(
      'fix-chain',
      'Fix a dependency chain',
      ctx.port.info,
      targets,
      options,
      'Fix one chain at a time: select exactly one blocked object.',
    );
  }
  return buildFixChainPlan(ctx.port.info, currentRows(ctx), first, options);
}

export function rebuildFixChain(plan: ActionPlan, _ctx: ActionContext, options: ActionOptions): ActionPlan {
  return { ...plan, options };
}

export function runFixChain(
  plan: ActionPlan,
  ctx: ActionContext,
  progress: ProgressListener,
): Promise<ActionOutcome> {
  const chain = plan.facts.chain ?? [];
  const steps: Step[] = chain.map((l) => ({
    label: `${l.resume ? 'resume and ' : ''}reconcile ${l.ref.name}${l.reset ? ' (reset)' : ''}`,
    run: (pending) =>
      reconcileAndRecord(ctx, l.ref, { force: l.force, reset: l.reset, resume: l.resume }, pending),
  }));
  return runSequence(steps, progress, (index) => {
    const done = chain.slice(0, index).map((l) => l.ref.name);
    const left = chain.slice(index + 1).map((l) => l.ref.name);
    const ready = done.length > 0 ? `${done.join(', ')} ${done.length === 1 ? 'is' : 'are'} Ready; ` : '';
    const rest = left.length > 0 ? `not reconciled: ${left.join(', ')}.` : 'it was the last link.';
    return `Stopped at ${chain[index]?.ref.name ?? '?'}: ${ready}${rest}`;
  }).then((outcome) =>
    outcome.status === 'succeeded'
      ? {
          ...outcome,
          message: `The chain is Ready: ${chain.map((l) => l.ref.name).join(' → ')}. ${outcome.message}`,
        }
      : outcome,
  );
}
