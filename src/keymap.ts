// Every key binding of the console, in one table. The same table drives dispatch (use-key-dispatch),
// the `?` help screen, the hint line and the README keys section, so they cannot drift apart.
// Keys are canonical names (see canonicalKey): a printable character as typed ('j', 'G', '?'),
// or a named key ('up', 'pageup', 'enter', 'esc', 'tab', 'space'), optionally with 'ctrl+' / 'shift+'.
import type { Key } from 'ink';
import type { ActionId } from './actions/types.js';

/**
 * Where a binding applies. Several scopes are active at once (see SCOPE_STACKS): global and view always,
 * plus the focused pane (list, details or logs). A dialog or a text prompt is modal: only its own scope.
 */
export type Scope =
  | 'global'
  | 'view'
  | 'list'
  | 'details'
  | 'logs'
  | 'dialog'
  | 'dialogText'
  | 'dialogTyped'
  | 'prompt';

export interface Binding<C extends string = string> {
  readonly command: C;
  readonly keys: readonly string[];
  readonly scope: Scope;
  /** A word or two for the hint line. */
  readonly label: string;
  /** One line for the help screen. */
  readonly description: string;
  /** Changes the cluster: hidden and refused in --readonly. */
  readonly dangerous: boolean;
  /** Shown in the hint line (the help screen shows every binding). */
  readonly hint: boolean;
  /** Acts on the selected Flux object: the hint line leaves it out while none is selected. */
  readonly object: boolean;
}

interface Flags {
  readonly dangerous?: boolean;
  readonly hint?: boolean;
  readonly object?: boolean;
}

/** A binding whose `dangerous` flag is known to the compiler, so the runbook actions are a type. */
type Bound<C extends string, F extends Flags> = Binding<C> & {
  readonly dangerous: F extends { readonly dangerous: true } ? true : false;
};

function bind<const C extends string, const F extends Flags = Flags>(
  command: C,
  keys: readonly string[],
  scope: Scope,
  label: string,
  description: string,
  flags?: F,
): Bound<C, F> {
  return {
    command,
    keys,
    scope,
    label,
    description,
    dangerous: (flags?.dangerous ?? false) as Bound<C, F>['dangerous'],
    hint: flags?.hint ?? false,
    object: flags?.object ?? false,
  };
}

const HINT = { hint: true } as const;
const OBJECT = { object: true } as const;
const OBJECT_HINT = { object: true, hint: true } as const;
const OBJECT_DANGER_HINT = { object: true, dangerous: true, hint: true } as const;

// biome-ignore format: one binding per line reads as a table
export const KEYMAP = [
  bind('quit', ['q', 'ctrl+c'], 'global', 'quit', 'Quit (asks first while an action runs or objects you suspended stay suspended)', HINT),
  bind('help', ['?'], 'global', 'help', 'Show or close this help screen', HINT),
  bind('command', [':'], 'global', 'command', 'Commands: :fail :ks :hr :src :img :operator :ctrl :events :audit :suspended :timeline [chain] :trace :report :logs :ns NAME :ctx :q', HINT),

  bind('up', ['k', 'up'], 'view', 'up', 'Move up one line'),
  bind('down', ['j', 'down'], 'view', 'down', 'Move down one line'),
  bind('top', ['g', 'home'], 'view', 'top', 'Go to the first line'),
  bind('bottom', ['G', 'end'], 'view', 'bottom', 'Go to the last line'),
  bind('pageUp', ['ctrl+u', 'pageup'], 'view', 'page up', 'Move up one page'),
  bind('pageDown', ['ctrl+d', 'pagedown'], 'view', 'page down', 'Move down one page'),
  bind('back', ['esc'], 'view', 'back', 'Back: clear the filter or search, close details or full-screen logs', HINT),
  bind('allNamespaces', ['0'], 'view', 'all ns', 'Show all namespaces'),
  bind('logsToggle', ['l'], 'view', 'logs', 'Show or hide the controller logs pane (split)', HINT),
  bind('logsFull', ['L'], 'view', 'logs full', 'Show the controller logs full screen (again to go back)'),
  bind('focusNext', ['tab'], 'view', 'focus', 'Move the focus between the table and the logs pane'),
  bind('yaml', ['y'], 'view', 'yaml', 'Show the YAML of the selected object (Secrets: keys only, never values)', OBJECT_HINT),
  bind('events', ['e'], 'view', 'events', 'Show the events of the selected object and of what it owns', OBJECT_HINT),
  bind('history', ['H'], 'view', 'helm history', 'Show the Helm release history of the selected HelmRelease', OBJECT),
  bind('changes', ['c'], 'view', 'changes', 'What the newest Helm revision changed against the last good one: chart, values, objects (HelmRelease)', OBJECT),
  bind('inventory', ['t'], 'view', 'inventory', 'The live tree of what the Kustomization or HelmRelease applied (enter: pods, l: logs)', OBJECT),
  bind('trace', ['T'], 'view', 'trace', 'Trace the selection to the Flux object that applied it and its source, as flux trace (Inventory tab: its first object not ready)'),
  bind('gotoRoot', ['^'], 'view', 'go to root', "Jump to the root cause of the selected object's dependency chain", OBJECT),

  bind('reconcile', ['r'], 'view', 'reconcile', 'Reconcile the selected (or marked) objects', OBJECT_DANGER_HINT),
  bind('reconcileWithSource', ['R'], 'view', 'reconcile+source', 'Reconcile the source first, then the object (--with-source)', OBJECT_DANGER_HINT),
  bind('suspend', ['s'], 'view', 'suspend', 'Suspend reconciliation of the selected (or marked) objects', OBJECT_DANGER_HINT),
  bind('resume', ['u'], 'view', 'resume', 'Resume reconciliation of the selected (or marked) objects', OBJECT_DANGER_HINT),
  bind('rollback', ['b'], 'view', 'rollback', 'Roll a HelmRelease back to its last good revision (suspend → helm rollback → resume)', OBJECT_DANGER_HINT),
  bind('clearHelmLock', ['x'], 'view', 'clear helm lock', 'Clear a stuck Helm lock ("another operation in progress"): delete the pending release secret', OBJECT_DANGER_HINT),
  bind('fixChain', ['D'], 'view', 'fix chain', 'Fix a dependency chain from its root: reconcile each link, waiting until it is ready', OBJECT_DANGER_HINT),

  bind('details', ['enter', 'd'], 'list', 'details', 'Open the details of the selected object (d as in k9s describe)', HINT),
  bind('filter', ['/'], 'list', 'filter', 'Filter the table over name, namespace and message (text, or /regex/)', HINT),
  bind('mark', ['space'], 'list', 'mark', 'Mark or unmark the selected object (actions apply to every marked object)'),
  bind('sortNext', ['>', 'shift+right'], 'list', 'sort →', 'Sort by the next column'),
  bind('sortPrev', ['<', 'shift+left'], 'list', 'sort ←', 'Sort by the previous column'),
  bind('sortReverse', ['S'], 'list', 'reverse sort', 'Reverse the sort order'),

  bind('nextTab', ['right', ']'], 'details', 'next tab', 'Next details tab', HINT),
  bind('prevTab', ['left', '['], 'details', 'prev tab', 'Previous details tab'),
  bind('overview', ['o'], 'details', 'overview', 'Details overview: conditions, dependency chain, source, runbook advice'),

  bind('logsFollow', ['p'], 'logs', 'pause/follow', 'Pause or resume following (paused: the view is frozen, new lines are counted)', HINT),
  bind('logsScope', ['a'], 'logs', 'object/all', "Toggle between the selected object's lines and all lines of its controllers", HINT),
  bind('logsWrap', ['w'], 'logs', 'wrap', 'Toggle line wrapping', HINT),
  bind('logsSearch', ['/'], 'logs', 'search', 'Search the logs (matches are highlighted)', HINT),
  bind('searchNext', ['n'], 'logs', 'next match', 'Go to the next search match'),
  bind('searchPrev', ['N'], 'logs', 'prev match', 'Go to the previous search match'),

  bind('confirm', ['y'], 'dialog', 'yes', 'Confirm (the default answer is No: enter and any other key cancel); where the name must be typed, start typing it', HINT),
  bind('cancel', ['n', 'esc', 'enter', 'ctrl+c'], 'dialog', 'no', 'Cancel', HINT),
  bind('dialogScrollUp', ['up'], 'dialog', 'scroll up', 'Scroll a plan taller than the screen up (reading never cancels)'),
  bind('dialogScrollDown', ['down'], 'dialog', 'scroll down', 'Scroll a plan taller than the screen down'),
  bind('dialogCommands', ['c'], 'dialog', 'commands', 'Show or hide the equivalent flux/helm commands (folded when the dialog does not fit)'),
  bind('optionForce', ['f'], 'dialog', 'force', 'Toggle the force option of the action (shown next to it when it has one)'),
  bind('optionReset', ['r'], 'dialog', 'reset', 'Toggle the reset option of the action'),
  bind('optionResume', ['u'], 'dialog', 'resume', 'Toggle resuming a suspended release after clearing its Helm lock (off for someone else\'s suspension)'),
  bind('optionLeaveSuspended', ['l'], 'dialog', 'leave suspended', 'Toggle leaving the object suspended after the action'),
  bind('optionReason', ['e'], 'dialog', 'reason', 'Type a reason for the record (enter, esc or tab ends the text)'),
  bind('optionRevision', ['left', 'right'], 'dialog', 'revision', 'Choose the previous or next revision (rollback)'),

  bind('textDone', ['enter', 'esc', 'tab', 'shift+tab'], 'dialogText', 'done', 'End the text (it is kept) and go back to the dialog', HINT),
  bind('textErase', ['backspace', 'delete'], 'dialogText', 'erase', 'Erase the last character'),
  bind('textCancel', ['ctrl+c'], 'dialogText', 'cancel', 'Cancel the dialog: nothing is changed'),

  bind('typedConfirm', ['enter'], 'dialogTyped', 'confirm', "Confirm, once what is typed is the object's name (the number of objects for several)", HINT),
  bind('typedErase', ['backspace', 'delete'], 'dialogTyped', 'erase', 'Erase the last character'),
  bind('typedCancel', ['esc', 'ctrl+c'], 'dialogTyped', 'cancel', 'Cancel the dialog: nothing is changed', HINT),

  bind('promptSubmit', ['enter'], 'prompt', 'run', 'Run the command or apply the filter', HINT),
  bind('promptCancel', ['esc', 'ctrl+c'], 'prompt', 'cancel', 'Close the prompt (a filter prompt clears the filter)', HINT),
  bind('promptComplete', ['tab'], 'prompt', 'complete', 'Complete the word from the highlighted suggestion', HINT),
  bind('promptPrev', ['up'], 'prompt', 'prev', 'Highlight the previous suggestion'),
  bind('promptNext', ['down'], 'prompt', 'next', 'Highlight the next suggestion'),
  bind('promptErase', ['backspace', 'delete'], 'prompt', 'erase', 'Erase the last character'),
] as const;

export type CommandId = (typeof KEYMAP)[number]['command'];

/** The commands of the dangerous bindings of a key table: the runbook actions. */
export type DangerousCommand<T extends readonly Binding[]> = Extract<
  T[number],
  { readonly dangerous: true }
>['command'];

/** What a key table's runbook actions must map to: every one of them to an action that has a plan. */
export type ActionTable<T extends readonly Binding[]> = { readonly [C in DangerousCommand<T>]: ActionId };

/**
 * The action each runbook key runs; src/actions/registry.ts ACTIONS has a module (plan, run) for every
 * ActionId. A dangerous binding added to KEYMAP without an entry here does not compile, nor does an entry
 * naming an action that does not exist: the command stays typed from the key to its plan.
 */
export const ACTION_OF = {
  reconcile: 'reconcile',
  reconcileWithSource: 'reconcile-with-source',
  suspend: 'suspend',
  resume: 'resume',
  rollback: 'rollback',
  clearHelmLock: 'clear-helm-lock',
  fixChain: 'fix-chain',
} as const satisfies ActionTable<typeof KEYMAP>;

/** The runbook actions: what the app routes to `onAction(command, targets)`. */
export type ActionCommand = keyof typeof ACTION_OF;
export const ACTION_COMMANDS = Object.keys(ACTION_OF) as readonly ActionCommand[];

/** The key command that runs an action (to spell its key in sentences). */
export function commandOfAction(action: ActionId): ActionCommand | undefined {
  return ACTION_COMMANDS.find((command) => ACTION_OF[command] === action);
}

/** The confirmation dialog's option keys, by the action option they edit (src/actions/types.ts OptionSpec). */
export const OPTION_COMMANDS = {
  force: 'optionForce',
  reset: 'optionReset',
  resume: 'optionResume',
  leaveSuspended: 'optionLeaveSuspended',
  reason: 'optionReason',
  revision: 'optionRevision',
} as const satisfies Readonly<Record<string, CommandId>>;
export type OptionCommand = (typeof OPTION_COMMANDS)[keyof typeof OPTION_COMMANDS];

export function isActionCommand(command: CommandId): command is ActionCommand {
  return Object.hasOwn(ACTION_OF, command);
}

/** The scope combinations that are active together; a key must be unambiguous inside each. */
export const SCOPE_STACKS: readonly (readonly Scope[])[] = [
  ['list', 'view', 'global'],
  ['details', 'view', 'global'],
  ['logs', 'view', 'global'],
  ['dialog'],
  ['dialogText'],
  ['dialogTyped'],
  ['prompt'],
];

const BY_COMMAND = new Map<CommandId, Binding<CommandId>>(KEYMAP.map((k) => [k.command, k]));

export function binding(command: CommandId): Binding<CommandId> {
  const found = BY_COMMAND.get(command);
  if (!found) throw new Error(`unknown command ${command}`);
  return found;
}

const NAMED: Readonly<Record<string, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'pgup',
  pagedown: 'pgdn',
};

/** A canonical key as people read it: `ctrl+d` → `ctrl-d`, `up` → `↑`, `shift+left` → `shift-←`. */
export function formatKey(key: string): string {
  const parts = key.split('+');
  const last = parts.pop() ?? key;
  // A lone '+' splits into two empty strings.
  const base = last === '' ? '+' : (NAMED[last] ?? last);
  return [...parts.filter((p) => p !== ''), base].join('-');
}

/** Every key of a command, e.g. `formatKeys('pageDown')` → `ctrl-d/pgdn`. */
export function formatKeys(command: CommandId, options: { readonly first?: boolean } = {}): string {
  const keys = binding(command).keys;
  return (options.first ? keys.slice(0, 1) : keys).map(formatKey).join('/');
}

/**
 * A key and what it does, as every hint shows it: `<y> yes`. The first key only (the help screen lists the
 * others); `label` when the sentence needs other words than the table's label (`<y> quit anyway`).
 */
export function formatHint(command: CommandId, label: string = binding(command).label): string {
  return hint(formatKeys(command, { first: true }), label);
}

/** The one shape of a hint, for keys already spelled (formatKeys): `<←/→> roll back to`. */
export function hint(keys: string, label: string): string {
  return `<${keys}> ${label}`;
}

/** What of Ink's Key the key table reads; a pure caller (src/present) passes only the fields it has. */
export type KeyLike = Partial<Key>;

/** The canonical name of what Ink's useInput reported, or undefined for keys we never bind. */
export function canonicalKey(input: string, key: KeyLike): string | undefined {
  const shift = key.shift ? 'shift+' : '';
  if (key.upArrow) return `${shift}up`;
  if (key.downArrow) return `${shift}down`;
  if (key.leftArrow) return `${shift}left`;
  if (key.rightArrow) return `${shift}right`;
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return `${shift}tab`;
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (key.ctrl) return input.length === 1 ? `ctrl+${input.toLowerCase()}` : undefined;
  if (input === ' ') return 'space';
  // Pasted text arrives as one multi-character input; it is text for a prompt, never a command.
  return input.length === 1 ? input : undefined;
}

/** The command a canonical key means within the given scopes (first scope wins), if any. */
export function resolveKey(
  name: string | undefined,
  scopes: readonly Scope[],
): Binding<CommandId> | undefined {
  if (name === undefined) return undefined;
  for (const scope of scopes) {
    const found = KEYMAP.find((k) => k.scope === scope && (k.keys as readonly string[]).includes(name));
    if (found) return found;
  }
  return undefined;
}

/** The command an Ink useInput (input, key) pair means within the given scopes, if any. */
export function resolveInput(
  input: string,
  key: KeyLike,
  scopes: readonly Scope[],
): Binding<CommandId> | undefined {
  return resolveKey(canonicalKey(input, key), scopes);
}

/** The bindings of the given scopes, without the dangerous ones in readonly mode. */
export function visibleBindings(scopes: readonly Scope[], readonly: boolean): readonly Binding<CommandId>[] {
  return KEYMAP.filter((k) => scopes.includes(k.scope) && !(readonly && k.dangerous));
}

const SCOPE_TITLES: Readonly<Record<Scope, string>> = {
  global: 'Everywhere',
  view: 'Views',
  list: 'Tables',
  details: 'Details',
  logs: 'Logs pane',
  dialog: 'Confirmation dialogs',
  dialogText: 'Typing a text in a confirmation dialog (every other key is text)',
  dialogTyped:
    "Typing the object's name to confirm (contexts whose confirmTyped lists the action; every other key is text)",
  prompt: 'Command line and filter prompts',
};

export function scopeTitle(scope: Scope): string {
  return SCOPE_TITLES[scope];
}

/** The README keys section, generated from the table. */
export function keymapMarkdown(): string {
  const escapePipes = (s: string) => s.replaceAll('|', '\\|');
  const lines = ['| keys | where | what | changes the cluster |', '| --- | --- | --- | --- |'];
  for (const k of KEYMAP) {
    const keys = k.keys.map((key) => `\`${escapePipes(formatKey(key))}\``).join(' ');
    lines.push(
      `| ${keys} | ${SCOPE_TITLES[k.scope]} | ${escapePipes(k.description)} | ${k.dangerous ? 'yes' : ''} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The scope stack a plugin's key lives in, by where it works (src/actions/plugin.ts PluginPlace). */
export const PLACE_SCOPES = {
  table: ['list', 'view', 'global'],
  details: ['details', 'view', 'global'],
  logs: ['logs', 'view', 'global'],
} as const satisfies Readonly<Record<string, readonly Scope[]>>;

/** Ctrl keys a terminal sends as another key (ctrl-m is enter, ctrl-i tab, ctrl-h backspace, ctrl-j newline). */
const CTRL_ALIASES: Readonly<Record<string, string>> = {
  'ctrl+h': 'backspace',
  'ctrl+i': 'tab',
  'ctrl+j': 'enter',
  'ctrl+m': 'enter',
};

/**
 * A key as a config file writes it — `E`, `!`, `ctrl-e` / `Ctrl-E` / `ctrl+e`, `shift-e` (k9s's `Shift-E`) —
 * as a canonical key (`E`, `ctrl+e`); or why it cannot be one.
 */
export function parseKeySpec(text: string): { readonly key: string } | { readonly problem: string } {
  const spec = text.trim();
  const why = 'a key is one character (E, !, 9), ctrl-LETTER or shift-LETTER';
  if ([...spec].length === 1) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character is no key to write
    if (spec === ' ' || /[\u0000-\u001f\u007f]/.test(spec)) return { problem: why };
    return { key: spec };
  }
  const m = /^(ctrl|shift)[-+]([a-z])$/i.exec(spec);
  if (!m) return { problem: why };
  const letter = (m[2] ?? '').toLowerCase();
  if ((m[1] ?? '').toLowerCase() === 'shift') return { key: letter.toUpperCase() };
  const key = `ctrl+${letter}`;
  const alias = CTRL_ALIASES[key];
  if (alias) return { problem: `${formatKey(key)} reaches fluxdeck as ${alias}: choose another key` };
  return { key };
}

/** The built-in binding a key already has in a scope stack, if any (a plugin may not take it). */
export function builtInBinding(key: string, scopes: readonly Scope[]): Binding<CommandId> | undefined {
  return resolveKey(key, scopes);
}
