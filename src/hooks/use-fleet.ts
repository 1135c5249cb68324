// The fleet screen's state: every member's snapshot through one external store (a snapshot array that
// stays the same object while no member changed), the rows, the `/` filter and the selection — the
// console's own navigation reducer over one table, so filter, esc and movement behave as there — and the
// keys: j/k to move, enter to open the row's own context, an action key to open it there with that action's
// confirmation, `/` to filter, `:` for `:ctx NAME` and `:q`.
import { useCallback, useEffect, useMemo, useReducer, useRef, useSyncExternalStore } from 'react';
import { type ActionCommand, binding, isActionCommand } from '../keymap.js';
import type { ClusterPort, ClusterSnapshot } from '../kube/port.js';
import { type FleetMember, type FleetRow, fleetRows } from '../present/fleet.js';
import type { PromptKind } from '../present/prompt.js';
import {
  currentList,
  type ListScreen,
  listScreen,
  MOTIONS,
  type NavState,
  navReducer,
} from './navigation.js';
import { compileFilter } from './row-filter.js';
import { LAYER, useKeyLayer } from './use-key-dispatch.js';
import { useSelection } from './use-selection.js';
import { rowPredicate, type TableSpec } from './use-table-rows.js';

export interface FleetEntry {
  /** The context's name; for an `unmatched` entry, the config file's pattern as written. */
  readonly context: string;
  readonly port?: ClusterPort;
  readonly error?: string;
  readonly danger: boolean;
  /** A config `fleet:` entry that names no context: where it is written (`config.yaml:12`). */
  readonly unmatched?: string;
}

/** What the fleet keeps while a context's console is open: its filter and selection. */
export type FleetView = Pick<ListScreen, 'filter' | 'selectedKey' | 'selectedIndex'>;

/** All members' snapshots; the same array while none changed (useSyncExternalStore needs that). */
export function useFleetSnapshots(entries: readonly FleetEntry[]): readonly (ClusterSnapshot | undefined)[] {
  const held = useRef<readonly (ClusterSnapshot | undefined)[]>([]);
  const subscribe = useCallback(
    (listener: () => void) => {
      const stops = entries.flatMap((e) => (e.port ? [e.port.subscribe(listener)] : []));
      return () => {
        for (const stop of stops) stop();
      };
    },
    [entries],
  );
  const get = useCallback(() => {
    const next = entries.map((e) => e.port?.getSnapshot());
    const prev = held.current;
    if (prev.length !== next.length || prev.some((s, i) => s !== next[i])) held.current = next;
    return held.current;
  }, [entries]);
  return useSyncExternalStore(subscribe, get, get);
}

export type FleetIntent =
  | {
      readonly type: 'open';
      readonly context: string;
      readonly key?: string;
      readonly action?: ActionCommand;
    }
  | { readonly type: 'quit' };

/** `/` matches CONTEXT, KIND, NAMESPACE, NAME and MESSAGE. */
const FLEET_FILTER: Pick<TableSpec<FleetRow>, 'haystack'> = {
  haystack: (r) => [r.context, r.row.ref.kind, r.row.ref.namespace, r.row.ref.name, r.row.message],
};

function fleetNav(view: FleetView | undefined): NavState {
  return {
    stack: [{ ...listScreen('failing'), ...view }],
    namespace: undefined,
    marked: new Set(),
    homePending: false,
  };
}

export interface FleetModel {
  readonly members: readonly FleetMember[];
  /** The rows the filter lets through, the longest failing first. */
  readonly rows: readonly FleetRow[];
  readonly keys: readonly string[];
  /** Every failing object of the live contexts, filtered or not. */
  readonly total: number;
  readonly selected: number;
  readonly view: FleetView;
  /** The names `:ctx` accepts (the config's entries that match nothing are not contexts). */
  readonly contexts: readonly string[];
  readonly setFilter: (text: string) => void;
}

export function useFleet(
  entries: readonly FleetEntry[],
  initial: FleetView | undefined,
  onView: ((view: FleetView) => void) | undefined,
): FleetModel & { readonly dispatch: (action: Parameters<typeof navReducer>[1]) => void } {
  const snapshots = useFleetSnapshots(entries);
  const members = useMemo(
    () =>
      entries.map(
        (e, i): FleetMember => ({
          context: e.context,
          danger: e.danger,
          ...(snapshots[i] ? { snapshot: snapshots[i] } : {}),
          ...(e.error ? { error: e.error } : {}),
          ...(e.unmatched ? { unmatched: e.unmatched } : {}),
        }),
      ),
    [entries, snapshots],
  );
  const all = useMemo(() => fleetRows(members), [members]);
  const [nav, dispatch] = useReducer(navReducer, initial, fleetNav);
  const list = currentList(nav);
  const compiled = useMemo(() => compileFilter(list.filter), [list.filter]);
  const predicate = useMemo(
    () => rowPredicate(FLEET_FILTER, list.filter, compiled, 'all'),
    [list.filter, compiled],
  );
  const rows = useMemo(() => (predicate ? all.filter(predicate) : all), [all, predicate]);
  const keys = useMemo(() => rows.map((r) => r.key), [rows]);
  // The selection is an object, pinned as in a console's table: when it leaves (recovered, filtered out),
  // the row in its place is taken.
  const selection = useSelection(list, keys, dispatch);
  const { filter, selectedKey, selectedIndex } = list;
  const view = useMemo(() => ({ filter, selectedKey, selectedIndex }), [filter, selectedKey, selectedIndex]);
  useEffect(() => {
    onView?.(view);
  }, [view, onView]);
  const contexts = useMemo(() => entries.flatMap((e) => (e.unmatched ? [] : [e.context])), [entries]);
  const setFilter = useCallback((text: string) => dispatch({ type: 'filter', text }), []);
  return {
    members,
    rows,
    keys,
    total: all.length,
    selected: selection.index,
    view,
    contexts,
    setFilter,
    dispatch,
  };
}

/** The fleet's table keys, below the prompt's layer (which has every key while it is open). */
export function useFleetKeys(o: {
  readonly model: ReturnType<typeof useFleet>;
  readonly pageSize: number;
  readonly openPrompt: (kind: PromptKind, text?: string) => void;
  readonly flash: (text: string | undefined) => void;
  readonly onIntent: (intent: FleetIntent) => void;
}): void {
  useKeyLayer({ priority: LAYER.pane, scopes: ['list', 'view', 'global'] }, (ev) => {
    const { model } = o;
    o.flash(undefined);
    const motion = ev.command ? MOTIONS[ev.command] : undefined;
    if (motion) {
      model.dispatch({ type: 'move', keys: model.keys, motion, page: o.pageSize });
      return true;
    }
    const row = model.rows[model.selected];
    switch (ev.command) {
      case 'quit':
        o.onIntent({ type: 'quit' });
        return true;
      case 'command':
        o.openPrompt('command');
        return true;
      case 'filter':
        o.openPrompt('filter', model.view.filter);
        return true;
      case 'back':
        // As in a console's table: esc clears the filter.
        model.dispatch({ type: 'back' });
        return true;
      case 'details':
        if (row) o.onIntent({ type: 'open', context: row.context, key: row.row.key });
        return true;
      default:
        break;
    }
    if (ev.command && isActionCommand(ev.command)) {
      // The action runs in the row's own context, with that context's rules and its confirmation.
      if (row) o.onIntent({ type: 'open', context: row.context, key: row.row.key, action: ev.command });
      else o.flash(`${binding(ev.command).label}: select a failing object first`);
      return true;
    }
    return false;
  });
}

/** The fleet's `:` words; the console's views are a context's, a key away. */
export const FLEET_WORDS: readonly string[] = ['ctx', 'q', 'quit'];
