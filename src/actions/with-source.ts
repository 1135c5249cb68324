// `R`: `flux reconcile … --with-source`: reconcile the source chain first, each hop awaited, then the object
// (docs/reconcile-protocol.md). A HelmRelease from spec.chart is three hops: the HelmChart's source, the
// HelmChart, then the release. Several targets share their sources: a source is reconciled once, first time
// it is met.
import { field } from '../flux/narrow.js';
import { withSourceChain } from '../flux/reconcile.js';
import { type ObjectRef, objectKey } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';
import { actionAppliesTo } from './applicability.js';
import { fluxCommand } from './commands.js';
import { describeActionError, refName } from './errors.js';
import { FORCE_RESET_KINDS, makePlan, readTargets, refusedPlan, subject } from './plan-common.js';
import {
  FORCE_RESET_OPTIONS,
  forceResetWarnings,
  initialOptions,
  reconcileFlags,
  stalledWarnings,
} from './reconcile.js';
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
  type TargetFacts,
} from './types.js';

/** The links in order (sources deduplicated), the final link of each target carrying the options. */
export function withSourceLinks(
  facts: readonly TargetFacts[],
  sources: ReadonlyMap<string, readonly ObjectRef[]>,
  options: ActionOptions,
): ChainLink[] {
  const seen = new Set<string>();
  const links: ChainLink[] = [];
  for (const f of facts) {
    const key = objectKey(f.ref);
    for (const ref of sources.get(key) ?? []) {
      const k = objectKey(ref);
      if (seen.has(k) || k === key) continue;
      seen.add(k);
      links.push({ ref, force: false, reset: false, resume: false });
    }
    seen.add(key);
    const fr = FORCE_RESET_KINDS.has(f.ref.kind);
    links.push({ ref: f.ref, force: fr && options.force, reset: fr && options.reset, resume: f.suspended });
  }
  return links;
}

function targetCommands(f: TargetFacts, info: ClusterInfo, options: ActionOptions): Command[] {
  const reconcile = fluxCommand('reconcile', f.ref, info, [
    '--with-source',
    ...reconcileFlags(f.ref, options),
  ]);
  return f.suspended ? [...resumeCommands(f.ref, info), reconcile] : [reconcile];
}

/** Pure: the plan from the targets and their source chains as read. */
export function buildWithSourcePlan(
  info: ClusterInfo,
  facts: readonly TargetFacts[],
  sources: ReadonlyMap<string, readonly ObjectRef[]>,
  options: ActionOptions,
): ActionPlan {
  const refs = facts.map((f) => f.ref);
  const chain = withSourceLinks(facts, sources, options);
  const targets = new Set(refs.map(objectKey));
  return makePlan(
    'reconcile-with-source',
    info,
    refs,
    options,
    { targets: facts, chain },
    {
      title: `Reconcile ${subject(refs)} with its source${chain.length - refs.length === 1 ? '' : 's'}`,
      steps: chain.map((l) => {
        const role = targets.has(objectKey(l.ref)) ? '' : ' (source)';
        const how = l.resume ? 'Resume and reconcile' : 'Reconcile';
        return `${how} ${refName(l.ref)}${role}; wait until it has handled the request and is Ready.`;
      }),
      commands: facts.flatMap((f) => targetCommands(f, info, options)),
      warnings: [
        ...facts
          .filter((f) => f.suspended)
          .map(
            (f) =>
              `${refName(f.ref)} is suspended: it will be resumed (Flux ignores reconcile requests on suspended objects).`,
          ),
        ...stalledWarnings(facts, options),
        ...forceResetWarnings(refs, options),
      ],
      optionSpecs: refs.some((r) => FORCE_RESET_KINDS.has(r.kind)) ? FORCE_RESET_OPTIONS : [],
    },
  );
}

/**
 * The sources of one target, each read to check it exists and is not suspended (flux refuses with
 * "resource is suspended"). A chartRef to a HelmChart needs the HelmChart itself to find its source, so
 * the chain is computed again once the objects it names have been read. A sentence when it cannot run.
 */
async function readSourceChain(ctx: ActionContext, f: TargetFacts): Promise<readonly ObjectRef[] | string> {
  const read = new Map<string, Readonly<Record<string, unknown>>>();
  let refs: readonly ObjectRef[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const found = withSourceChain(f.ref.kind, f.raw, (ref) => read.get(objectKey(ref)));
    if (!found.ok) return `${refName(f.ref)}: ${found.error}`;
    refs = found.refs;
    for (const ref of refs) {
      if (read.has(objectKey(ref))) continue;
      try {
        const raw = await ctx.port.getObject(ref);
        if (raw === undefined) return `The source ${refName(ref)} of ${refName(f.ref)} does not exist.`;
        if (field(raw, 'spec', 'suspend') === true) {
          return `The source ${refName(ref)} is suspended (resource is suspended): resume it first.`;
        }
        read.set(objectKey(ref), raw);
      } catch (error) {
        return describeActionError(error, ref, 'read');
      }
    }
  }
  return refs;
}

/** Reads the targets and their sources; a missing or suspended source refuses the plan (as flux does). */
export async function planWithSource(
  targets: readonly ObjectRef[],
  ctx: ActionContext,
  options: ActionOptions = DEFAULT_OPTIONS,
): Promise<ActionPlan> {
  const info = ctx.port.info;
  const title = `Reconcile ${subject(targets)} with its sources`;
  const refuse = (why: string) => refusedPlan('reconcile-with-source', title, info, targets, options, why);
  const other = targets.find((t) => !actionAppliesTo('reconcile-with-source', t.kind));
  if (other)
    return refuse(
      `Reconcile with source applies to Kustomizations, HelmReleases and HelmCharts; ${refName(other)} is not one (reconcile it directly).`,
    );
  const read = await readTargets(ctx, targets);
  if (read.problem) return refuse(read.problem);
  const sources = new Map<string, readonly ObjectRef[]>();
  for (const f of read.facts) {
    const found = await readSourceChain(ctx, f);
    if (typeof found === 'string') return refuse(found);
    sources.set(objectKey(f.ref), found);
  }
  return buildWithSourcePlan(info, read.facts, sources, initialOptions(read.facts, options));
}

export function rebuildWithSource(plan: ActionPlan, ctx: ActionContext, options: ActionOptions): ActionPlan {
  const targets = new Set(plan.targets.map(objectKey));
  // The plan's chain already holds every source once, in order: handing them all to the first target
  // rebuilds the same chain.
  const chainSources = (plan.facts.chain ?? [])
    .filter((l) => !targets.has(objectKey(l.ref)))
    .map((l) => l.ref);
  const first = plan.targets[0];
  const sources = new Map<string, readonly ObjectRef[]>(first ? [[objectKey(first), chainSources]] : []);
  return buildWithSourcePlan(ctx.port.info, plan.facts.targets, sources, options);
}

export function runWithSource(
  plan: ActionPlan,
  ctx: ActionContext,
  progress: ProgressListener,
): Promise<ActionOutcome> {
  const chain = plan.facts.chain ?? [];
  const steps: Step[] = chain.map((l) => ({
    label: `${l.resume ? 'resume and ' : ''}reconcile ${l.ref.kind} ${l.ref.name}`,
    run: (pending) =>
      reconcileAndRecord(ctx, l.ref, { force: l.force, reset: l.reset, resume: l.resume }, pending),
  }));
  return runSequence(steps, progress, (index) => {
    const left = chain.slice(index + 1).map((l) => l.ref.name);
    return left.length > 0 ? `Not reconciled: ${left.join(', ')}.` : '';
  });
}
