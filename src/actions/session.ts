// The console's actions at once, as a pure reducer over lifecycles: at most one dialog (planning or
// confirming) and any number of runs in flight or just finished, so the console stays usable while a
// rollback waits for helm-controller.
import {
  type ActionLifecycle,
  IDLE,
  isFinished,
  type LifecycleEvent,
  lifecycleReducer,
} from './lifecycle.js';

export interface RunEntry {
  readonly id: string;
  readonly state: ActionLifecycle;
}

export interface TextEditing {
  readonly id: string;
  readonly text: string;
}

export interface ActionSession {
  readonly dialog: ActionLifecycle;
  /** The dialog option whose text is being typed. */
  readonly editing: TextEditing | undefined;
  /** Oldest first. */
  readonly runs: readonly RunEntry[];
}

export type SessionEvent =
  | { readonly type: 'dialog'; readonly event: LifecycleEvent }
  | { readonly type: 'edit'; readonly editing: TextEditing | undefined }
  /** The dialog's confirmed plan becomes run `id`. */
  | { readonly type: 'start'; readonly id: string; readonly at: number }
  /** The dialog was declined: it closes, and the cancellation shows as a finished entry `id`. */
  | { readonly type: 'decline'; readonly id: string; readonly at: number }
  | { readonly type: 'run'; readonly id: string; readonly event: LifecycleEvent }
  /** Drops finished entries that finished before `before`. */
  | { readonly type: 'prune'; readonly before: number }
  | { readonly type: 'dismiss-finished' };

export const EMPTY_SESSION: ActionSession = { dialog: IDLE, editing: undefined, runs: [] };

/** Finished entries kept on screen at most (the audit view keeps them all). */
export const MAX_FINISHED = 3;

function keepRecent(runs: readonly RunEntry[]): readonly RunEntry[] {
  const finished = runs.filter((r) => isFinished(r.state));
  if (finished.length <= MAX_FINISHED) return runs;
  const drop = new Set(finished.slice(0, finished.length - MAX_FINISHED).map((r) => r.id));
  return runs.filter((r) => !drop.has(r.id));
}

export function sessionReducer(state: ActionSession, event: SessionEvent): ActionSession {
  switch (event.type) {
    case 'dialog': {
      const dialog = lifecycleReducer(state.dialog, event.event);
      if (dialog === state.dialog) return state;
      return { ...state, dialog, editing: dialog.phase === 'confirming' ? state.editing : undefined };
    }
    case 'edit':
      return state.dialog.phase === 'confirming' ? { ...state, editing: event.editing } : state;
    case 'start': {
      const running = lifecycleReducer(state.dialog, { type: 'confirm', at: event.at });
      if (running.phase !== 'running') return state;
      return { dialog: IDLE, editing: undefined, runs: [...state.runs, { id: event.id, state: running }] };
    }
    case 'decline': {
      const declined = lifecycleReducer(state.dialog, { type: 'cancel', at: event.at });
      if (declined === state.dialog) return state;
      const runs =
        declined.phase === 'cancelled'
          ? keepRecent([...state.runs, { id: event.id, state: declined }])
          : state.runs;
      return { dialog: IDLE, editing: undefined, runs };
    }
    case 'run': {
      let changed = false;
      const runs = state.runs.map((r) => {
        if (r.id !== event.id) return r;
        const next = lifecycleReducer(r.state, event.event);
        changed ||= next !== r.state;
        return next === r.state ? r : { id: r.id, state: next };
      });
      return changed ? { ...state, runs: keepRecent(runs) } : state;
    }
    case 'prune': {
      const runs = state.runs.filter((r) => !(isFinished(r.state) && r.state.finishedAt < event.before));
      return runs.length === state.runs.length ? state : { ...state, runs };
    }
    case 'dismiss-finished': {
      const runs = state.runs.filter((r) => !isFinished(r.state));
      return runs.length === state.runs.length ? state : { ...state, runs };
    }
  }
}

/** When the newest finished action finished; undefined when none has. */
export function newestFinishedAt(state: ActionSession): number | undefined {
  let newest: number | undefined;
  for (const r of state.runs) {
    if (isFinished(r.state) && (newest === undefined || r.state.finishedAt > newest))
      newest = r.state.finishedAt;
  }
  return newest;
}

export function runningCount(state: ActionSession): number {
  return state.runs.filter((r) => r.state.phase === 'running').length;
}
