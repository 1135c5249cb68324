// Where the user is: the stack of screens (tables and details), each table's filter, sort and selection,
// the namespace scope and the marked objects. A pure reducer; the selection is an object key, never an
// index, so it stays on the same object when rows are added or re-sorted. The index is where that object
// was last seen: when it disappears, the row that took its place is selected (and pinned by its key).
import type { KindName } from '../flux/kinds.js';
import type { ObjectKey } from '../flux/types.js';
import type { ViewId, ViewTarget } from '../present/catalog.js';
import type { DetailsTab } from '../present/details-lines.js';

export type HealthFilter = 'all' | 'unhealthy' | 'healthy';
export type Motion = 'up' | 'down' | 'top' | 'bottom' | 'pageUp' | 'pageDown';

/** The key commands (src/keymap.ts) that move a selection or a scroll, and how. */
export const MOTIONS: Readonly<Partial<Record<string, Motion>>> = {
  up: 'up',
  down: 'down',
  top: 'top',
  bottom: 'bottom',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
};

export interface SortState {
  readonly column: string;
  readonly desc: boolean;
}

export interface ListScreen {
  readonly type: 'list';
  readonly view: ViewId;
  readonly kind: KindName | undefined;
  readonly health: HealthFilter;
  readonly filter: string;
  /** undefined: the view's default order. */
  readonly sort: SortState | undefined;
  /** The selected row's key; undefined only until the table first has rows (see `pinSelection`). */
  readonly selectedKey: string | undefined;
  /** Where the selected row was last seen: the fallback when it disappears. */
  readonly selectedIndex: number;
  /** `:timeline chain`: the object whose dependency chain the timeline is narrowed to. */
  readonly scope?: ObjectKey;
}

export interface DetailsScreen {
  readonly type: 'details';
  readonly key: ObjectKey;
  readonly tab: DetailsTab;
  readonly scroll: number;
}

export type Screen = ListScreen | DetailsScreen;

export interface NavState {
  /** Never empty; the bottom is always a table. */
  readonly stack: readonly Screen[];
  readonly namespace: string | undefined;
  readonly marked: ReadonlySet<ObjectKey>;
  /** Until the user moves away from the start screen, the app may still pick the home view once. */
  readonly homePending: boolean;
}

export type NavAction =
  | { readonly type: 'open'; readonly view: ViewId; readonly kind?: KindName; readonly scope?: ObjectKey }
  | { readonly type: 'resolveHome'; readonly view: ViewId }
  | { readonly type: 'back' }
  | { readonly type: 'filter'; readonly text: string }
  | { readonly type: 'health'; readonly health: HealthFilter }
  | {
      readonly type: 'move';
      readonly keys: readonly string[];
      readonly motion: Motion;
      readonly page: number;
    }
  | { readonly type: 'select'; readonly key: string; readonly index: number }
  /** The table drew its selection at `index` (`key`): remember both; not a user move (home stays pending). */
  | { readonly type: 'pin'; readonly key: string; readonly index: number }
  | {
      readonly type: 'sort';
      readonly columns: readonly string[];
      readonly current: string;
      readonly delta: number;
    }
  | { readonly type: 'reverse'; readonly current: SortState }
  | { readonly type: 'details'; readonly key: ObjectKey; readonly tab: DetailsTab }
  | { readonly type: 'tab'; readonly tab: DetailsTab }
  | { readonly type: 'scroll'; readonly motion: Motion; readonly page: number; readonly max: number }
  | { readonly type: 'mark'; readonly key: ObjectKey }
  | { readonly type: 'clearMarks' }
  | { readonly type: 'namespace'; readonly namespace: string | undefined };

const MAX_STACK = 12;

export function listScreen(view: ViewId, kind?: KindName): ListScreen {
  return {
    type: 'list',
    view,
    kind,
    health: 'all',
    filter: '',
    sort: undefined,
    selectedKey: undefined,
    selectedIndex: 0,
  };
}

export function initialNav(
  start: ViewId | ViewTarget,
  namespace: string | undefined,
  homePending: boolean,
): NavState {
  const target = typeof start === 'string' ? { view: start } : start;
  return { stack: [listScreen(target.view, target.kind)], namespace, marked: new Set(), homePending };
}

export function currentScreen(state: NavState): Screen {
  const top = state.stack[state.stack.length - 1];
  if (!top) throw new Error('navigation stack is empty');
  return top;
}

/** The table on top of the stack, or below the details screen that covers it. */
export function currentList(state: NavState): ListScreen {
  for (let i = state.stack.length - 1; i >= 0; i -= 1) {
    const s = state.stack[i];
    if (s?.type === 'list') return s;
  }
  throw new Error('navigation stack has no table');
}

/** The new index after a motion over `count` lines, clamped. */
export function moveIndex(index: number, motion: Motion, count: number, page: number): number {
  const last = Math.max(0, count - 1);
  const step = Math.max(1, page);
  const next: Record<Motion, number> = {
    up: index - 1,
    down: index + 1,
    top: 0,
    bottom: last,
    pageUp: index - step,
    pageDown: index + step,
  };
  return Math.min(last, Math.max(0, next[motion]));
}

/** The index of the selection in `keys`: the selected object if present, else the remembered index. */
export function selectionIndex(list: ListScreen, keys: readonly string[]): number {
  const found = list.selectedKey === undefined ? -1 : keys.indexOf(list.selectedKey);
  if (found >= 0) return found;
  return Math.min(Math.max(0, keys.length - 1), list.selectedIndex);
}

/**
 * The `pin` that makes the selection an object again, when the table shows a row the state does not name:
 * a fresh table (no key yet), a selected object that disappeared (the row that took its place), or the
 * selected object moved (its new place, the fallback should it disappear next). undefined when in step.
 */
export function pinSelection(
  list: ListScreen,
  keys: readonly string[],
): Extract<NavAction, { type: 'pin' }> | undefined {
  const index = selectionIndex(list, keys);
  const key = keys[index];
  if (key === undefined || (key === list.selectedKey && index === list.selectedIndex)) return undefined;
  return { type: 'pin', key, index };
}

function replaceTop(state: NavState, screen: Screen): NavState {
  return { ...state, homePending: false, stack: [...state.stack.slice(0, -1), screen] };
}

function updateList(state: NavState, change: (list: ListScreen) => ListScreen): NavState {
  const top = currentScreen(state);
  return top.type === 'list' ? replaceTop(state, change(top)) : state;
}

/** The table on top, or under the details screen, follows its rows; nothing else changes. */
function pin(state: NavState, key: string, index: number): NavState {
  for (let i = state.stack.length - 1; i >= 0; i -= 1) {
    const s = state.stack[i];
    if (s?.type !== 'list') continue;
    if (s.selectedKey === key && s.selectedIndex === index) return state;
    const stack = [...state.stack];
    stack[i] = { ...s, selectedKey: key, selectedIndex: index };
    return { ...state, stack };
  }
  return state;
}

function back(state: NavState): NavState {
  const top = currentScreen(state);
  if (top.type === 'list' && (top.filter !== '' || top.health !== 'all')) {
    return replaceTop(state, { ...top, filter: '', health: 'all' });
  }
  if (state.stack.length > 1) return { ...state, stack: state.stack.slice(0, -1) };
  return state;
}

function open(state: NavState, view: ViewId, kind: KindName | undefined, scope?: ObjectKey): NavState {
  const top = currentScreen(state);
  const screen = scope ? { ...listScreen(view, kind), scope } : listScreen(view, kind);
  if (top.type === 'list' && top.view === view) {
    return top.kind === kind && top.scope === scope
      ? state
      : replaceTop(state, { ...screen, filter: top.filter });
  }
  const stack = [...state.stack, screen].slice(-MAX_STACK);
  // Switching tables drops marks: an action must never apply to objects the user can no longer see.
  return { ...state, homePending: false, stack, marked: new Set() };
}

export function navReducer(state: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'open':
      return open(state, action.view, action.kind, action.scope);
    case 'resolveHome':
      return state.homePending ? { ...state, homePending: false, stack: [listScreen(action.view)] } : state;
    case 'back':
      return back(state);
    case 'filter':
      return updateList(state, (l) => ({ ...l, filter: action.text }));
    case 'health':
      return updateList(state, (l) => ({ ...l, health: action.health }));
    case 'move':
      return updateList(state, (l) => {
        const index = moveIndex(
          selectionIndex(l, action.keys),
          action.motion,
          action.keys.length,
          action.page,
        );
        return { ...l, selectedKey: action.keys[index], selectedIndex: index };
      });
    case 'select':
      return updateList(state, (l) => ({ ...l, selectedKey: action.key, selectedIndex: action.index }));
    case 'pin':
      return pin(state, action.key, action.index);
    case 'sort':
      return updateList(state, (l) => {
        const at = action.columns.indexOf(action.current);
        const n = action.columns.length;
        const column = action.columns[(((at + action.delta) % n) + n) % n] ?? action.current;
        return { ...l, sort: { column, desc: false } };
      });
    case 'reverse':
      return updateList(state, (l) => ({
        ...l,
        sort: { column: action.current.column, desc: !action.current.desc },
      }));
    case 'details': {
      const top = currentScreen(state);
      const screen: DetailsScreen = { type: 'details', key: action.key, tab: action.tab, scroll: 0 };
      if (top.type === 'details') return replaceTop(state, screen);
      return { ...state, homePending: false, stack: [...state.stack, screen] };
    }
    case 'tab': {
      const top = currentScreen(state);
      return top.type === 'details' ? replaceTop(state, { ...top, tab: action.tab, scroll: 0 }) : state;
    }
    case 'scroll': {
      const top = currentScreen(state);
      if (top.type !== 'details') return state;
      const scroll = moveIndex(top.scroll, action.motion, action.max + 1, action.page);
      return replaceTop(state, { ...top, scroll });
    }
    case 'mark': {
      const marked = new Set(state.marked);
      if (!marked.delete(action.key)) marked.add(action.key);
      return { ...state, marked };
    }
    case 'clearMarks':
      return state.marked.size === 0 ? state : { ...state, marked: new Set() };
    case 'namespace':
      return { ...state, namespace: action.namespace };
  }
}
