// What every plan starts from: the targets as read now (gone? suspended?), where they live, and the
// wording shared by all actions.
import { KIND_RULES } from '../flux/kind-rules.js';
import type { KindName } from '../flux/kinds.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { ObjectRef } from '../flux/types.js';
import { fallbackIdentity, identityLabel } from '../kube/identity.js';
import type { ClusterInfo } from '../kube/port.js';
import { describeActionError, refName } from './errors.js';
import type {
  ActionContext,
  ActionFacts,
  ActionId,
  ActionOptions,
  ActionPlan,
  TargetFacts,
} from './types.js';

/** Kinds whose reconcile honours `forceAt` / `resetAt` (helm-controller only, docs/reconcile-protocol.md). */
export const FORCE_RESET_KINDS: ReadonlySet<KindName> = new Set(['HelmRelease']);
export interface ReadTargets {
  readonly facts: readonly TargetFacts[];
  /** A sentence when a target could not be read (gone, forbidden, unreachable). */
  readonly problem?: string;
}

export async function readTargets(ctx: ActionContext, refs: readonly ObjectRef[]): Promise<ReadTargets> {
  const facts: TargetFacts[] = [];
  for (const ref of refs) {
    try {
      const raw = await ctx.port.getObject(ref);
      if (raw === undefined) return { facts, problem: `${refName(ref)} no longer exists.` };
      // spec.suspend, or the kind's suspend annotation (the Flux Operator's kinds).
      facts.push({ ref, raw, suspended: KIND_RULES[ref.kind].suspended(raw) });
    } catch (error) {
      return { facts, problem: describeActionError(error, ref, 'read') };
    }
  }
  return { facts };
}

export function namespacesOf(refs: readonly ObjectRef[]): string {
  return [...new Set(refs.map((r) => r.namespace))].join(', ');
}

export function names(refs: readonly ObjectRef[]): string {
  return refs.map((r) => r.name).join(', ');
}

/** "HelmRelease kyverno/kyverno" for one target, "3 objects" for several. */
export function subject(refs: readonly ObjectRef[]): string {
  const first = refs[0];
  if (refs.length === 1 && first) return refName(first);
  return `${refs.length} objects`;
}

export interface PlanParts {
  readonly title: string;
  readonly steps: readonly string[];
  readonly commands: ActionPlan['commands'];
  readonly warnings: readonly string[];
  readonly details?: ActionPlan['details'];
  readonly optionSpecs: ActionPlan['optionSpecs'];
  readonly refusal?: string | undefined;
}

export function makePlan(
  action: ActionId,
  info: ClusterInfo,
  targets: readonly ObjectRef[],
  options: ActionOptions,
  facts: ActionFacts,
  parts: PlanParts,
): ActionPlan {
  const clean = (s: string) => sanitizeText(s, 2000);
  return {
    action,
    title: clean(parts.title),
    targets,
    context: info.context,
    cluster: info.cluster,
    namespace: namespacesOf(targets),
    steps: parts.steps.map(clean),
    commands: parts.commands,
    warnings: parts.warnings.map(clean),
    ...(parts.details
      ? { details: { title: parts.details.title, lines: parts.details.lines.map(clean) } }
      : {}),
    options,
    optionSpecs: parts.optionSpecs,
    ...(parts.refusal === undefined ? {} : { refusal: clean(parts.refusal) }),
    facts,
  };
}

/** A plan that cannot run, with the reason in one sentence. */
export function refusedPlan(
  action: ActionId,
  title: string,
  info: ClusterInfo,
  targets: readonly ObjectRef[],
  options: ActionOptions,
  refusal: string,
): ActionPlan {
  return makePlan(
    action,
    info,
    targets,
    options,
    { targets: [] },
    {
      title,
      steps: [],
      commands: [],
      warnings: [],
      optionSpecs: [],
      refusal,
    },
  );
}

/**
 * Who acts, for suspendedBy, the dialog and the audit log: the name the API server authenticated, else the
 * kubeconfig user name or the login name, labelled as such (src/kube/identity.ts).
 */
export function actor(info: ClusterInfo, env: NodeJS.ProcessEnv = process.env): string {
  return identityLabel(info.identity ?? fallbackIdentity(info.user, env));
}

/** How to tell the user to resume later: the console's key if known, always the flux command. */
export function resumeHint(ctx: ActionContext): string {
  const key = ctx.keyLabel?.('resume');
  return key ? `resume it with ${key}` : 'resume it';
}
