// What a key does in the confirmation dialog, as a pure function: `y` confirms, the option keys listed
// here edit options, and every other key cancels (the default answer is No). While a text option is being
// typed, keys are text until enter or esc.

/** The parts of Ink's Key this needs (structurally compatible with it; src/actions does not import Ink). */
export interface KeyLike {
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
}

/** What of the dialog decides what a key does. */
export interface DialogKeyModel {
  readonly options: readonly { readonly id: string; readonly type: 'toggle' | 'text' | 'choice' }[];
  readonly refusal?: string | undefined;
  readonly editing?: { readonly text: string } | undefined;
  readonly planning?: boolean | undefined;
}

export type DialogKeyEffect =
  | { readonly type: 'confirm' }
  | { readonly type: 'cancel' }
  | { readonly type: 'toggle'; readonly id: string }
  | { readonly type: 'cycle'; readonly id: string; readonly delta: 1 | -1 }
  | { readonly type: 'edit'; readonly id: string }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'scroll'; readonly delta: number }
  | { readonly type: 'done' };

/** The dialog's own option keys (not the console's): shown in the dialog next to each option. */
export const OPTION_KEYS: Readonly<
  Record<string, { readonly keys: readonly string[]; readonly label: string }>
> = {
  force: { keys: ['f'], label: 'f' },
  reset: { keys: ['r'], label: 'r' },
  resume: { keys: ['u'], label: 'u' },
  leaveSuspended: { keys: ['l'], label: 'l' },
  reason: { keys: ['e'], label: 'e' },
  revision: { keys: ['left', 'right'], label: '←/→' },
};

export const MAX_TEXT = 200;

// biome-ignore lint/suspicious/noControlCharactersInRegex: typed or pasted control characters are dropped.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function keyName(input: string, key: KeyLike): string {
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  return input;
}

export function dialogKey(model: DialogKeyModel, input: string, key: KeyLike): DialogKeyEffect {
  if (model.editing) {
    if (key.ctrl && input === 'c') return { type: 'cancel' };
    if (key.return || key.escape || key.tab) return { type: 'done' };
    if (key.backspace || key.delete) return { type: 'text', text: model.editing.text.slice(0, -1) };
    if (
      key.ctrl ||
      key.meta ||
      input === '' ||
      key.upArrow ||
      key.downArrow ||
      key.leftArrow ||
      key.rightArrow
    ) {
      return { type: 'text', text: model.editing.text };
    }
    return { type: 'text', text: `${model.editing.text}${input.replace(CONTROL, '')}`.slice(0, MAX_TEXT) };
  }
  if (model.refusal !== undefined || model.planning) return { type: 'cancel' };
  if (input === 'y' && !key.ctrl && !key.meta) return { type: 'confirm' };
  // A plan taller than the terminal scrolls: reading it must never cancel it.
  if (key.upArrow) return { type: 'scroll', delta: -1 };
  if (key.downArrow) return { type: 'scroll', delta: 1 };
  if (key.ctrl || key.meta) return { type: 'cancel' };
  const name = keyName(input, key);
  for (const option of model.options) {
    const keys = OPTION_KEYS[option.id]?.keys ?? [];
    if (!keys.includes(name)) continue;
    if (option.type === 'toggle') return { type: 'toggle', id: option.id };
    if (option.type === 'text') return { type: 'edit', id: option.id };
    return { type: 'cycle', id: option.id, delta: name === 'left' ? -1 : 1 };
  }
  return { type: 'cancel' };
}
