// A one-line text prompt (`:` command line, `/` filter, logs search): a pure reducer plus the key layer that,
// while the prompt is open, captures every printable key before anything else sees it.
import { useReducer, useRef } from 'react';
import type { PromptKind, PromptState } from '../present/prompt.js';
import { LAYER, useKeyLayer } from './use-key-dispatch.js';

export type PromptAction =
  | { readonly type: 'open'; readonly kind: PromptKind; readonly text?: string }
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'erase' }
  | { readonly type: 'highlight'; readonly delta: number; readonly count: number }
  | { readonly type: 'set'; readonly text: string }
  | { readonly type: 'close' };

export function promptReducer(state: PromptState | undefined, action: PromptAction): PromptState | undefined {
  if (action.type === 'open') return { kind: action.kind, text: action.text ?? '', highlight: 0 };
  if (!state) return state;
  switch (action.type) {
    case 'type':
      return { ...state, text: state.text + action.text, highlight: 0 };
    case 'erase':
      return { ...state, text: Array.from(state.text).slice(0, -1).join(''), highlight: 0 };
    case 'highlight': {
      if (action.count === 0) return state;
      const n = action.count;
      return { ...state, highlight: (((state.highlight + action.delta) % n) + n) % n };
    }
    case 'set':
      return { ...state, text: action.text, highlight: 0 };
    case 'close':
      return undefined;
  }
}

export interface PromptCallbacks {
  /** Suggestions for the text (command line); the highlighted one completes on tab. */
  readonly suggest: (state: PromptState) => readonly string[];
  readonly onChange: (state: PromptState) => void;
  readonly onSubmit: (state: PromptState) => void;
  readonly onCancel: (state: PromptState) => void;
}

export function usePrompt(callbacks: PromptCallbacks) {
  const [rendered, dispatchState] = useReducer(promptReducer, undefined);
  // Several keys can arrive before the next render (typing fast, pasting): read and advance a mirror.
  const latest = useRef<PromptState | undefined>(undefined);
  const dispatch = (action: PromptAction) => {
    latest.current = promptReducer(latest.current, action);
    dispatchState(action);
  };
  const apply = (action: PromptAction) => {
    const before = latest.current;
    dispatch(action);
    const next = latest.current;
    if (next && next.text !== before?.text) callbacks.onChange(next);
  };

  // Always registered, deciding from the mirror: a key typed right after `:` must not slip past the prompt
  // before the render that would have activated it.
  useKeyLayer({ priority: LAYER.prompt, scopes: ['prompt'] }, (ev) => {
    const state = latest.current;
    if (!state) return false;
    switch (ev.command) {
      case 'promptSubmit':
        dispatch({ type: 'close' });
        callbacks.onSubmit(state);
        return true;
      case 'promptCancel':
        dispatch({ type: 'close' });
        callbacks.onCancel(state);
        return true;
      case 'promptErase':
        apply({ type: 'erase' });
        return true;
      case 'promptComplete': {
        const pick = callbacks.suggest(state)[state.highlight];
        if (pick !== undefined) apply({ type: 'set', text: pick });
        return true;
      }
      case 'promptPrev':
      case 'promptNext':
        dispatch({
          type: 'highlight',
          delta: ev.command === 'promptNext' ? 1 : -1,
          count: callbacks.suggest(state).length,
        });
        return true;
      default:
        // Printable text (typed or pasted); control keys that mean nothing here are swallowed.
        if (ev.input !== '' && !ev.key.ctrl && !ev.key.meta && !/\p{Cc}/u.test(ev.input)) {
          apply({ type: 'type', text: ev.input });
        }
        return true;
    }
  });

  return {
    prompt: rendered,
    open: (kind: PromptKind, text?: string) => dispatch({ type: 'open', kind, text }),
    close: () => dispatch({ type: 'close' }),
  };
}
