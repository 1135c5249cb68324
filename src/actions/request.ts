// The reconcile protocol every action is built from (docs/reconcile-protocol.md): merge-patch a fresh
// `reconcile.fluxcd.io/requestedAt` token (plus forceAt/resetAt, or spec.suspend=false to resume), follow
// the object until `status.lastHandledReconcileAt` equals that token, then decide from Ready/Stalled —
// a failure the controller already reported ends the wait at once instead of running into the timeout.
import { findCondition, readConditions } from '../flux/conditions.js';
import {
  controllerMissingOutcome,
  controllerStateText,
  isControllerDown,
  isControllerMissing,
} from '../flux/controller-health.js';
import { KIND_RULES } from '../flux/kind-rules.js';
import { recordsHandledRequests } from '../flux/kinds.js';
import { field } from '../flux/narrow.js';
import { newReconcileToken, reconcileOutcome, reconcilePatch } from '../flux/reconcile.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterSnapshot, RawObject } from '../kube/port.js';
import { controllerOf, healthOf } from './controller-check.js';
import { describeActionError, refName } from './errors.js';
import { followObject } from './follow.js';
import { resumePatch } from './suspension.js';
import type { ActionContext } from './types.js';

export interface ReconcileRequest {
  readonly force?: boolean;
  readonly reset?: boolean;
  /** Resume in the same patch (spec.suspend=false or the kind's annotation, suspension annotations removed). */
  readonly resume?: boolean;
}

export type RequestResult =
  | { readonly status: 'succeeded'; readonly message: string; readonly revision: string }
  | { readonly status: 'failed'; readonly message: string; readonly changed: boolean }
  | { readonly status: 'timed-out'; readonly message: string; readonly pending: string }
  | { readonly status: 'cancelled'; readonly message: string };

/** Merge patches compose by deep merge of their objects (RFC 7386 semantics are per key). */
export function combinePatches(
  ...patches: readonly Readonly<Record<string, unknown>>[]
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const patch of patches) {
    for (const [key, value] of Object.entries(patch)) {
      const prev = out[key];
      const both = isPlain(prev) && isPlain(value);
      out[key] = both ? combinePatches(prev, value) : value;
    }
  }
  return out;
}

function isPlain(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** After a failure caused by a dependency, point at the chain's root instead of this object. */
function dependencyHint(raw: RawObject, fixKey: string | undefined): string {
  if (findCondition(readConditions(raw), 'Ready')?.reason !== 'DependencyNotReady') return '';
  return fixKey ? ` Fix the chain from its root with ${fixKey}.` : ' Fix the chain from its root first.';
}

function withHint(sentence: string, hint: string): string {
  if (!hint) return sentence;
  return `${sentence}${/[.!?]$/.test(sentence) ? '' : '.'}${hint}`;
}

function decide(ref: ObjectRef, token: string, resuming: boolean, fixKey: string | undefined) {
  return (raw: RawObject | undefined): RequestResult | undefined => {
    if (raw === undefined) {
      return {
        status: 'failed',
        message: `${refName(ref)} no longer exists (deleted while waiting).`,
        changed: true,
      };
    }
    if (KIND_RULES[ref.kind].suspended(raw)) {
      // Resuming: a version from before our patch may still arrive from the watch; wait for ours.
      if (resuming) return undefined;
      return {
        status: 'failed',
        message: `${refName(ref)} is suspended: Flux ignores reconcile requests on suspended objects; resume it first.`,
        changed: true,
      };
    }
    const outcome = reconcileOutcome(raw, token);
    const message = sanitizeText(outcome.message, 1000);
    switch (outcome.phase) {
      case 'waiting':
      case 'in-progress':
        return undefined;
      case 'succeeded': {
        const revision = sanitizeText(outcome.revision, 200);
        const at = revision ? ` at revision ${revision}` : '';
        return { status: 'succeeded', message: `${refName(ref)} is Ready${at}: ${message}`, revision };
      }
      case 'failed':
      case 'stalled':
        return {
          status: 'failed',
          message: withHint(`${refName(ref)} failed: ${message}`, dependencyHint(raw, fixKey)),
          changed: true,
        };
    }
  };
}

/**
 * What is still awaited, in words, from the last version of the object we saw — with the controller's
 * state while it cannot answer (`kustomize-controller not ready (0 of 1 ready, CrashLoopBackOff)`).
 */
export function pendingText(
  ref: ObjectRef,
  token: string,
  last: RawObject | undefined,
  snapshot?: ClusterSnapshot,
): string {
  const handled = last !== undefined && field(last, 'status', 'lastHandledReconcileAt') === token;
  if (!handled) {
    const health = snapshot && healthOf(snapshot, controllerOf(ref));
    const state = health && isControllerDown(health) ? ` — ${controllerStateText(health)}` : '';
    return `${controllerOf(ref)} to handle the request on ${refName(ref)}${state}`;
  }
  const outcome = last ? reconcileOutcome(last, token) : undefined;
  const said = outcome?.message ? ` (now: ${sanitizeText(outcome.message, 300)})` : '';
  return `${refName(ref)} to become Ready${said}`;
}

/** Patches the request, then follows the object to the controller's answer. */
export async function reconcileAndAwait(
  ctx: ActionContext,
  ref: ObjectRef,
  request: ReconcileRequest,
  onPending?: (pending: string) => void,
): Promise<RequestResult> {
  const token = newReconcileToken(new Date(ctx.clock.now()));
  const reconcile = reconcilePatch(token, { force: request.force ?? false, reset: request.reset ?? false });
  const patch = request.resume ? combinePatches(resumePatch(ref.kind), reconcile) : reconcile;
  let patched: RawObject;
  try {
    patched = await ctx.port.mergePatch(ref, patch);
  } catch (error) {
    return { status: 'failed', message: describeActionError(error, ref, 'patch'), changed: false };
  }
  let shown = '';
  const show = (last: RawObject | undefined) => {
    const text = pendingText(ref, token, last, ctx.port.getSnapshot());
    if (text !== shown) onPending?.(text);
    shown = text;
  };
  show(patched);
  const controller = controllerOf(ref);
  const what = request.resume ? `The resume of ${refName(ref)}` : `The reconcile request on ${refName(ref)}`;
  if (!recordsHandledRequests(ref.kind)) return unfollowable(ctx, ref, controller, what);
  const result = await followObject(
    ctx,
    ref,
    decide(ref, token, request.resume ?? false, ctx.keyLabel?.('fix-chain')),
    {
      timeoutMs: ctx.timeoutMs,
      first: patched,
      // Nobody to answer: say so now rather than after the whole timeout.
      check: (last): RequestResult | undefined => {
        const health = healthOf(ctx.port.getSnapshot(), controller);
        if (isControllerMissing(health)) {
          return { status: 'failed', message: controllerMissingOutcome(health, what), changed: true };
        }
        show(last);
        return undefined;
      },
    },
  );
  if (result.status === 'decided') return result.value;
  if (result.status === 'aborted') {
    return {
      status: 'cancelled',
      message: `Stopped waiting for ${refName(ref)}; the request was already sent.`,
    };
  }
  const pending = pendingText(ref, token, result.last, ctx.port.getSnapshot());
  return {
    status: 'timed-out',
    message: `Timed out after ${Math.round(ctx.timeoutMs / 1000)}s waiting for ${pending}.`,
    pending,
  };
}

/**
 * A kind whose controller never records a handled request (the Flux Operator's report): once the patch is
 * in, there is nothing to follow — say so, unless nobody is there to act on it at all.
 */
function unfollowable(ctx: ActionContext, ref: ObjectRef, controller: string, what: string): RequestResult {
  const health = healthOf(ctx.port.getSnapshot(), controller);
  if (isControllerMissing(health)) {
    return { status: 'failed', message: controllerMissingOutcome(health, what), changed: true };
  }
  return {
    status: 'succeeded',
    message: `${what} was sent; ${controller} records no handled request for a ${ref.kind}, so its answer is not awaited.`,
    revision: '',
  };
}

/**
 * reconcileAndAwait, and when the request resumed the object the session ledger drops it from the
 * suspended list: whatever the controller answered, unless the patch itself was refused (then nothing
 * changed and the object is still suspended).
 */
export async function reconcileAndRecord(
  ctx: ActionContext,
  ref: ObjectRef,
  request: ReconcileRequest,
  onPending?: (pending: string) => void,
): Promise<RequestResult> {
  const result = await reconcileAndAwait(ctx, ref, request, onPending);
  if (request.resume && !(result.status === 'failed' && !result.changed)) ctx.ledger.recordResumed(ref);
  return result;
}
