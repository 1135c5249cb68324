// The logs pane's own state: follow or paused (a frozen view while the buffer keeps filling), which lines
// (the selected object's or all of its controllers'), wrapping, scroll and search. A pure reducer.
import type { LogEntry } from '../kube/port.js';

export type LogsScope = 'object' | 'all';

export interface LogsPaneState {
  /** Paused: `frozen` is what stays on screen; undefined while following. */
  readonly frozen: readonly LogEntry[] | undefined;
  readonly scope: LogsScope;
  readonly wrap: boolean;
  /** Entries scrolled up from the newest shown one (0 = the tail). */
  readonly scroll: number;
  readonly search: string;
  /** Index into the search matches, counted from the newest (0 = newest match). */
  readonly match: number;
}

export type LogsPaneAction =
  | { readonly type: 'togglePause'; readonly entries: readonly LogEntry[] }
  | { readonly type: 'scope' }
  | { readonly type: 'wrap' }
  | {
      readonly type: 'scroll';
      readonly delta: number;
      readonly entries: readonly LogEntry[];
      readonly max: number;
    }
  | { readonly type: 'follow' }
  | { readonly type: 'search'; readonly text: string; readonly entries: readonly LogEntry[] }
  | {
      readonly type: 'match';
      readonly delta: number;
      readonly count: number;
      readonly entries: readonly LogEntry[];
    }
  | { readonly type: 'scrollTo'; readonly scroll: number };

export const INITIAL_LOGS_PANE: LogsPaneState = {
  frozen: undefined,
  scope: 'object',
  wrap: false,
  scroll: 0,
  search: '',
  match: 0,
};

export function logsPaneReducer(state: LogsPaneState, action: LogsPaneAction): LogsPaneState {
  switch (action.type) {
    case 'togglePause':
      return state.frozen ? { ...state, frozen: undefined, scroll: 0 } : { ...state, frozen: action.entries };
    case 'scope':
      return { ...state, scope: state.scope === 'object' ? 'all' : 'object', scroll: 0, match: 0 };
    case 'wrap':
      return { ...state, wrap: !state.wrap };
    case 'scroll': {
      const scroll = Math.max(0, Math.min(action.max, state.scroll + action.delta));
      // Scrolling up pauses: the lines must stay where the reader is looking.
      const frozen = state.frozen ?? (scroll > 0 ? action.entries : undefined);
      return { ...state, scroll, frozen };
    }
    case 'follow':
      return { ...state, frozen: undefined, scroll: 0 };
    case 'search':
      // A search freezes the view, so the highlighted lines do not scroll away.
      return {
        ...state,
        search: action.text,
        match: 0,
        frozen: action.text === '' ? state.frozen : (state.frozen ?? action.entries),
      };
    case 'match': {
      if (action.count === 0) return state;
      const n = action.count;
      return {
        ...state,
        match: (((state.match + action.delta) % n) + n) % n,
        frozen: state.frozen ?? action.entries,
      };
    }
    case 'scrollTo':
      return { ...state, scroll: Math.max(0, action.scroll) };
  }
}
