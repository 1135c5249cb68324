// What a watch's state means in a sentence, so a view never shows an empty table that looks like an empty
// cluster when the truth is "forbidden", "not installed", "still loading" or "disconnected".
import { type KindName, kindInfo } from '../flux/kinds.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { WatchState } from './cluster-types.js';
import type { Tone } from './theme.js';

export interface Notice {
  readonly text: string;
  readonly tone: Tone;
}

/** Local wall-clock time, HH:MM:SS. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function detail(message: string): string {
  const m = sanitizeText(message, 300);
  return m === '' ? '' : ` (${m})`;
}

/** The sentence for a watch that is not simply ready, or undefined when it is. */
export function watchNotice(
  what: string,
  plural: string,
  state: WatchState,
  namespace: string | undefined,
): Notice | undefined {
  switch (state.phase) {
    case 'ready':
      return undefined;
    case 'loading':
      return { text: `loading ${plural}…`, tone: 'muted' };
    case 'forbidden': {
      // The scope the server named (src/kube/errors.ts); the console's namespace only when it named none.
      const scope =
        state.scope ?? (namespace === undefined ? 'at the cluster scope' : `in namespace ${namespace}`);
      return { text: `your user cannot list ${plural} ${scope}${detail(state.message)}`, tone: 'warn' };
    }
    case 'not-installed':
      return { text: `${what} CRD not installed${detail(state.message)}`, tone: 'muted' };
    case 'not-served-yet':
      return { text: notServedYetNotice(plural, state), tone: 'warn' };
    case 'disconnected': {
      // The banner above the table already says the data may be stale; this line has room for the cause
      // (`answered 503 …`, `connection refused`), which used to be cut off on a 120-column terminal.
      const cause = sanitizeText(state.message, 300).replace(/ — retrying$/, '');
      return {
        text: `${plural}: disconnected since ${formatClock(state.since)}, retrying${cause === '' ? '' : `: ${cause}`}`,
        tone: 'bad',
      };
    }
  }
}

/** The words the header, banner and panes use for a kind a restarted server has not registered again. */
export const NOT_SERVED_YET = 'not served yet';

/**
 * `helmreleases not served yet since 10:03:04 — rows shown are stale; retrying (the API group … is not
 * served)`: the cause last, where a narrow terminal cuts it.
 */
export function notServedYetNotice(
  plural: string,
  state: Extract<WatchState, { phase: 'not-served-yet' }>,
): string {
  return `${plural} ${NOT_SERVED_YET} since ${formatClock(state.since)} — rows shown are stale; retrying${detail(state.message)}`;
}

export function kindNotice(
  kind: KindName,
  state: WatchState,
  namespace: string | undefined,
): Notice | undefined {
  return watchNotice(kind, kindInfo(kind).plural, state, namespace);
}
