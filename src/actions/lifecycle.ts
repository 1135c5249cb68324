// The lifecycle of one action as a pure reducer (docs/architecture.md, "Actions"):
// idle → planning → confirming → running → succeeded | failed | timed-out | cancelled.
// Events that make no sense in the current phase are ignored (the same state comes back), so a late
// progress report or a double key press can never move an action backwards.
import type { ObjectRef } from '../flux/types.js';
import type { ActionId, ActionOutcome, ActionPlan, ActionProgress } from './types.js';

export type ActionLifecycle =
  | { readonly phase: 'idle' }
  | { readonly phase: 'planning'; readonly action: ActionId; readonly targets: readonly ObjectRef[] }
  | { readonly phase: 'confirming'; readonly plan: ActionPlan }
  | {
      readonly phase: 'running';
      readonly plan: ActionPlan;
      readonly startedAt: number;
      readonly progress: ActionProgress | undefined;
    }
  | {
      readonly phase: 'succeeded';
      readonly plan: ActionPlan;
      readonly startedAt: number;
      readonly finishedAt: number;
      readonly message: string;
      readonly revision: string;
    }
  | {
      readonly phase: 'failed';
      readonly plan: ActionPlan;
      readonly startedAt: number;
      readonly finishedAt: number;
      readonly message: string;
    }
  | {
      readonly phase: 'timed-out';
      readonly plan: ActionPlan;
      readonly startedAt: number;
      readonly finishedAt: number;
      readonly message: string;
      readonly pending: string;
    }
  | {
      readonly phase: 'cancelled';
      readonly plan: ActionPlan;
      /** Undefined when it was declined in the dialog and never started. */
      readonly startedAt: number | undefined;
      readonly finishedAt: number;
      readonly message: string;
    };

export type LifecycleEvent =
  | { readonly type: 'request'; readonly action: ActionId; readonly targets: readonly ObjectRef[] }
  | { readonly type: 'planned'; readonly plan: ActionPlan }
  | { readonly type: 'confirm'; readonly at: number }
  | { readonly type: 'cancel'; readonly at: number }
  | { readonly type: 'progress'; readonly progress: ActionProgress }
  | { readonly type: 'finish'; readonly outcome: ActionOutcome; readonly at: number }
  | { readonly type: 'dismiss' };

export const IDLE: ActionLifecycle = { phase: 'idle' };

export type FinishedPhase = 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

export function isFinished(
  state: ActionLifecycle,
): state is Extract<ActionLifecycle, { phase: FinishedPhase }> {
  return (
    state.phase === 'succeeded' ||
    state.phase === 'failed' ||
    state.phase === 'timed-out' ||
    state.phase === 'cancelled'
  );
}

function finish(plan: ActionPlan, startedAt: number, outcome: ActionOutcome, at: number): ActionLifecycle {
  const base = { plan, startedAt, finishedAt: at, message: outcome.message };
  switch (outcome.status) {
    case 'succeeded':
      return { phase: 'succeeded', ...base, revision: outcome.revision };
    case 'failed':
      return { phase: 'failed', ...base };
    case 'timed-out':
      return { phase: 'timed-out', ...base, pending: outcome.pending };
    case 'cancelled':
      return { phase: 'cancelled', ...base };
  }
}

export function lifecycleReducer(state: ActionLifecycle, event: LifecycleEvent): ActionLifecycle {
  switch (event.type) {
    case 'request':
      // A new request replaces an idle or finished one, never a dialog or a run in flight.
      return state.phase === 'idle' || isFinished(state)
        ? { phase: 'planning', action: event.action, targets: event.targets }
        : state;
    case 'planned':
      // Also from confirming: changing an option rebuilds the plan in place.
      if (state.phase === 'planning' && state.action === event.plan.action) {
        return { phase: 'confirming', plan: event.plan };
      }
      if (state.phase === 'confirming' && state.plan.action === event.plan.action) {
        return { phase: 'confirming', plan: event.plan };
      }
      return state;
    case 'confirm':
      // A refused plan cannot be confirmed: the only way out is cancelling.
      if (state.phase !== 'confirming' || state.plan.refusal !== undefined) return state;
      return { phase: 'running', plan: state.plan, startedAt: event.at, progress: undefined };
    case 'cancel':
      if (state.phase === 'planning') return IDLE;
      if (state.phase !== 'confirming') return state;
      return {
        phase: 'cancelled',
        plan: state.plan,
        startedAt: undefined,
        finishedAt: event.at,
        message: 'Cancelled: nothing was changed.',
      };
    case 'progress':
      return state.phase === 'running' ? { ...state, progress: event.progress } : state;
    case 'finish':
      return state.phase === 'running' ? finish(state.plan, state.startedAt, event.outcome, event.at) : state;
    case 'dismiss':
      return isFinished(state) ? IDLE : state;
  }
}
