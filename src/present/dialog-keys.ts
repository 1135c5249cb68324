// What a key does in the confirmation dialog, as a pure function over the key table's dialog scope
// (src/keymap.ts): `confirm` (y) confirms, the option keys edit the options the plan has, ↑/↓ scroll, the
// commands key folds or unfolds the equivalent commands (when there are some), and every other key cancels (the default answer is No). While a text option is being typed, keys are text
// except those of the key table's dialogText scope (done, erase, cancel). Where the context asks for a
// typed confirmation (config `confirmTyped`), `y` starts typing the object's name and only enter on the
// exact name confirms (the dialogTyped scope).
import type { OptionId } from '../actions/types.js';
import { canonicalKey, type KeyLike, OPTION_COMMANDS, type OptionCommand, resolveKey } from '../keymap.js';

export type { KeyLike } from '../keymap.js';

/** What of the dialog decides what a key does. */
export interface DialogKeyModel {
  readonly options: readonly { readonly id: string; readonly type: 'toggle' | 'text' | 'choice' }[];
  readonly refusal?: string | undefined;
  readonly editing?: { readonly text: string } | undefined;
  readonly planning?: boolean | undefined;
  readonly commands?: readonly string[] | undefined;
  /** The name must be typed to confirm; `active` once `y` was pressed. */
  readonly typed?: { readonly expected: string; readonly text: string; readonly active: boolean } | undefined;
}

export type DialogKeyEffect =
  | { readonly type: 'confirm' }
  | { readonly type: 'cancel' }
  | { readonly type: 'toggle'; readonly id: string }
  | { readonly type: 'cycle'; readonly id: string; readonly delta: 1 | -1 }
  | { readonly type: 'edit'; readonly id: string }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'scroll'; readonly delta: number }
  | { readonly type: 'commands' }
  | { readonly type: 'done' }
  /** `y` where the name must be typed: typing starts. */
  | { readonly type: 'typeStart' }
  /** The typed confirmation so far; `wrong` when enter was pressed on something else than the name. */
  | { readonly type: 'typed'; readonly text: string; readonly wrong?: boolean };

export const MAX_TEXT = 200;

// biome-ignore lint/suspicious/noControlCharactersInRegex: typed or pasted control characters are dropped.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

const OPTION_BY_COMMAND: ReadonlyMap<OptionCommand, OptionId> = new Map(
  (Object.entries(OPTION_COMMANDS) as [OptionId, OptionCommand][]).map(([id, command]) => [command, id]),
);

function typed(model: { readonly editing: { readonly text: string } }, input: string, key: KeyLike) {
  const text = model.editing.text;
  const command = resolveKey(canonicalKey(input, key), ['dialogText'])?.command;
  if (command === 'textCancel') return { type: 'cancel' } as const;
  if (command === 'textDone') return { type: 'done' } as const;
  if (command === 'textErase') return { type: 'text', text: text.slice(0, -1) } as const;
  if (
    key.ctrl ||
    key.meta ||
    input === '' ||
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow
  ) {
    return { type: 'text', text } as const;
  }
  return { type: 'text', text: `${text}${input.replace(CONTROL, '')}`.slice(0, MAX_TEXT) } as const;
}

/** A key while the name is typed: enter confirms only on the exact name; esc and ctrl-c cancel. */
function typedName(
  model: { readonly expected: string; readonly text: string },
  input: string,
  key: KeyLike,
): DialogKeyEffect {
  const command = resolveKey(canonicalKey(input, key), ['dialogTyped'])?.command;
  if (command === 'typedCancel') return { type: 'cancel' };
  if (command === 'typedConfirm')
    return model.text === model.expected
      ? { type: 'confirm' }
      : { type: 'typed', text: model.text, wrong: true };
  if (command === 'typedErase') return { type: 'typed', text: model.text.slice(0, -1) };
  if (key.ctrl || key.meta || input === '' || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow)
    return { type: 'typed', text: model.text };
  return { type: 'typed', text: `${model.text}${input.replace(CONTROL, '')}`.slice(0, MAX_TEXT) };
}

export function dialogKey(model: DialogKeyModel, input: string, key: KeyLike): DialogKeyEffect {
  const editing = model.editing;
  if (editing) return typed({ editing }, input, key);
  if (model.typed?.active && model.refusal === undefined && !model.planning)
    return typedName(model.typed, input, key);
  if (model.refusal !== undefined || model.planning) return { type: 'cancel' };
  // Meta is no part of any dialog key (the key table has no meta bindings): meta+y must not confirm.
  const name = key.meta && !key.upArrow && !key.downArrow ? undefined : canonicalKey(input, key);
  const command = resolveKey(name, ['dialog'])?.command;
  if (command === 'confirm') return model.typed ? { type: 'typeStart' } : { type: 'confirm' };
  // A plan taller than the terminal scrolls: reading it must never cancel it.
  if (command === 'dialogScrollUp') return { type: 'scroll', delta: -1 };
  if (command === 'dialogScrollDown') return { type: 'scroll', delta: 1 };
  if (command === 'dialogCommands' && (model.commands?.length ?? 0) > 0) return { type: 'commands' };
  const id = command === undefined ? undefined : OPTION_BY_COMMAND.get(command as OptionCommand);
  const option = id === undefined ? undefined : model.options.find((o) => o.id === id);
  if (!option) return { type: 'cancel' };
  if (option.type === 'toggle') return { type: 'toggle', id: option.id };
  if (option.type === 'text') return { type: 'edit', id: option.id };
  return { type: 'cycle', id: option.id, delta: name === 'left' ? -1 : 1 };
}
