// Screen furniture that is not navigation: the help screen, the logs pane's placement and focus, the quit
// confirmation and the one-line flash message. A pure reducer.
import type { Tone } from './theme.js';

export type LogsMode = 'hidden' | 'split' | 'full';
export type Focus = 'main' | 'logs';

export interface Flash {
  readonly text: string;
  readonly tone: Tone;
  /** Distinguishes two identical messages in a row, so each gets its own display time. */
  readonly id: number;
}

export interface UiState {
  readonly help: boolean;
  readonly helpScroll: number;
  readonly logs: LogsMode;
  readonly focus: Focus;
  /** The quit confirmation is open, with the reasons to stay. */
  readonly quitReasons: readonly string[] | undefined;
  readonly flash: Flash | undefined;
}

export type UiAction =
  | { readonly type: 'help'; readonly open?: boolean }
  | { readonly type: 'helpScroll'; readonly scroll: number }
  | { readonly type: 'logs'; readonly mode: LogsMode }
  | { readonly type: 'toggleLogs'; readonly mode: 'split' | 'full' }
  | { readonly type: 'focus'; readonly focus?: Focus }
  | { readonly type: 'askQuit'; readonly reasons: readonly string[] }
  | { readonly type: 'closeQuit' }
  | { readonly type: 'flash'; readonly text: string; readonly tone: Tone }
  | { readonly type: 'clearFlash'; readonly id: number };

export const INITIAL_UI: UiState = {
  help: false,
  helpScroll: 0,
  logs: 'hidden',
  focus: 'main',
  quitReasons: undefined,
  flash: undefined,
};

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'help': {
      const help = action.open ?? !state.help;
      return { ...state, help, helpScroll: 0 };
    }
    case 'helpScroll':
      return { ...state, helpScroll: Math.max(0, action.scroll) };
    case 'logs':
      return { ...state, logs: action.mode, focus: action.mode === 'hidden' ? 'main' : state.focus };
    case 'toggleLogs': {
      const mode = state.logs === action.mode ? 'hidden' : action.mode;
      // Full screen logs take the focus; leaving them gives it back to the table.
      const focus =
        mode === 'full' ? 'logs' : mode === 'hidden' || state.logs === 'full' ? 'main' : state.focus;
      return { ...state, logs: mode, focus };
    }
    case 'focus': {
      if (state.logs !== 'split')
        return state.logs === 'full' ? { ...state, focus: 'logs' } : { ...state, focus: 'main' };
      const focus = action.focus ?? (state.focus === 'main' ? 'logs' : 'main');
      return { ...state, focus };
    }
    case 'askQuit':
      return { ...state, quitReasons: action.reasons };
    case 'closeQuit':
      return { ...state, quitReasons: undefined };
    case 'flash':
      return { ...state, flash: { text: action.text, tone: action.tone, id: (state.flash?.id ?? 0) + 1 } };
    case 'clearFlash':
      return state.flash?.id === action.id ? { ...state, flash: undefined } : state;
  }
}
