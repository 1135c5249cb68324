// What an action run uses unless told otherwise: the real clock, the flux CLI's timeout and poll interval,
// and the pattern that marks a context as dangerous.
import type { ActionClock } from './types.js';

/** As `flux reconcile --timeout` defaults. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;
/** As the flux CLI polls; only used when the live snapshot does not carry the object. */
export const POLL_MS = 2000;

export const realClock: ActionClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `--danger-context` as a regular expression; an invalid one falls back to the default /prod/. */
export function dangerPattern(source: string | undefined): RegExp {
  try {
    return new RegExp(source ?? 'prod');
  } catch {
    return /prod/;
  }
}
