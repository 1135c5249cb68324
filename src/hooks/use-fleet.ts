// The fleet screen's state: every member's snapshot through one external store (a snapshot array that
// stays the same object while no member changed), the rows, the selection and the keys — j/k to move,
// enter to open the row's own context, an action key to open it there with that action's confirmation,
// `:ctx NAME` to narrow to a context, q to quit.
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { type ActionCommand, isActionCommand, resolveInput } from '../keymap.js';
import type { ClusterPort, ClusterSnapshot } from '../kube/port.js';
import { type FleetMember, type FleetRow, fleetRows } from '../present/fleet.js';

export interface FleetEntry {
  /** The context's name; for an `unmatched` entry, the config file's pattern as written. */
  readonly context: string;
  readonly port?: ClusterPort;
  readonly error?: string;
  readonly danger: boolean;
  /** A config `fleet:` entry that names no context: where it is written (`config.yaml:12`). */
  readonly unmatched?: string;
}

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

export interface FleetModel {
  readonly members: readonly FleetMember[];
  readonly rows: readonly FleetRow[];
  readonly selected: number;
  /** The `:` line being typed, or undefined. */
  readonly prompt: string | undefined;
  readonly flash: string | undefined;
  onKey(input: string, key: Parameters<typeof resolveInput>[1]): FleetIntent | undefined;
}

export function useFleet(entries: readonly FleetEntry[], readonly: boolean, pageSize: number): FleetModel {
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
  const rows = useMemo(() => fleetRows(members), [members]);
  const [selectedKey, setSelectedKey] = useState<string | undefined>(undefined);
  const [prompt, setPrompt] = useState<string | undefined>(undefined);
  const [flash, setFlash] = useState<string | undefined>(undefined);
  const found = selectedKey === undefined ? -1 : rows.findIndex((r) => r.key === selectedKey);
  const selected = found >= 0 ? found : 0;
  const contexts = entries.flatMap((e) => (e.unmatched ? [] : [e.context]));

  const onKey: FleetModel['onKey'] = (input, key) => {
    if (prompt !== undefined) {
      if (key.escape) setPrompt(undefined);
      else if (key.return) {
        setPrompt(undefined);
        const [word = '', arg] = prompt.trim().split(/\s+/);
        if (word === 'q' || word === 'quit') return { type: 'quit' };
        if (word === 'ctx' || word === 'context') {
          if (arg && contexts.includes(arg)) return { type: 'open', context: arg };
          setFlash(arg ? `${arg} is not in the fleet: ${contexts.join(', ')}` : 'which context? :ctx NAME');
        } else setFlash(`unknown command :${word} — the fleet knows :ctx NAME and :q`);
      } else if (key.backspace || key.delete) setPrompt(prompt.slice(0, -1));
      else if (input && !key.ctrl && !key.meta) setPrompt(prompt + input);
      return undefined;
    }
    setFlash(undefined);
    // From the selection as it is when React applies it: two keys before a render move twice.
    const moveBy = (delta: number | 'top' | 'bottom') =>
      setSelectedKey((prev) => {
        const at =
          prev === undefined
            ? 0
            : Math.max(
                0,
                rows.findIndex((r) => r.key === prev),
              );
        const to = delta === 'top' ? 0 : delta === 'bottom' ? rows.length - 1 : at + delta;
        return rows[Math.max(0, Math.min(rows.length - 1, to))]?.key;
      });
    if (input === ':') {
      setPrompt('');
      return undefined;
    }
    const b = resolveInput(input, key, ['global', 'view', 'list']);
    const row = rows[selected];
    switch (b?.command) {
      case 'quit':
        return { type: 'quit' };
      case 'down':
        moveBy(1);
        return undefined;
      case 'up':
        moveBy(-1);
        return undefined;
      case 'pageDown':
        moveBy(pageSize);
        return undefined;
      case 'pageUp':
        moveBy(-pageSize);
        return undefined;
      case 'top':
        moveBy('top');
        return undefined;
      case 'bottom':
        moveBy('bottom');
        return undefined;
      case 'details':
        if (row) return { type: 'open', context: row.context, key: row.row.key };
        return undefined;
      default:
        break;
    }
    if (b && isActionCommand(b.command)) {
      if (readonly) setFlash(`${b.label}: refused — fluxdeck runs with --readonly`);
      else if (!row) setFlash(`${b.label}: select a failing object first`);
      // The action runs in the row's own context, with that context's rules and its confirmation.
      else return { type: 'open', context: row.context, key: row.row.key, action: b.command };
    }
    return undefined;
  };
  return { members, rows, selected, prompt, flash, onKey };
}
