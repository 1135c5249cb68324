// Subscriptions to the cluster port's stores. Views read snapshots (useSyncExternalStore); everything derived
// from a snapshot is memoised on it, so an unrelated state change (a key press, the clock) re-derives nothing.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { KindName } from '../flux/kinds.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterPort, ClusterSnapshot } from '../kube/port.js';

export function useCluster(port: ClusterPort): ClusterSnapshot {
  // Bound here: a port may implement these as plain methods.
  const subscribe = useCallback((listener: () => void) => port.subscribe(listener), [port]);
  const get = useCallback(() => port.getSnapshot(), [port]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Every Flux object's row, across kinds; a new array only when the snapshot changed. */
export function allRows(snapshot: ClusterSnapshot): readonly StatusRow[] {
  const out: StatusRow[] = [];
  for (const slice of snapshot.kinds.values()) for (const row of slice.rows.values()) out.push(row);
  return out;
}

export function useAllRows(snapshot: ClusterSnapshot): readonly StatusRow[] {
  return useMemo(() => allRows(snapshot), [snapshot]);
}

/** The rows of some kinds, recomputed only when one of those kinds' row maps changed. */
export function useKindRows(snapshot: ClusterSnapshot, kinds: readonly KindName[]): readonly StatusRow[] {
  const maps = kinds.map((k) => snapshot.kinds.get(k)?.rows);
  const deps = useStableArray(maps);
  return useMemo(() => {
    const out: StatusRow[] = [];
    for (const m of deps) if (m) for (const row of m.values()) out.push(row);
    return out;
  }, [deps]);
}

/** The same array object as long as its elements are the same (shallow), for use as a memo dependency. */
export function useStableArray<T>(items: readonly T[]): readonly T[] {
  const held = useRef(items);
  const same = held.current.length === items.length && held.current.every((x, i) => x === items[i]);
  if (!same) held.current = items;
  return held.current;
}

/**
 * A coarse clock for ages and "failing for": one render every `intervalMs`, nothing in between. Ages are
 * shown in seconds at best, so a faster tick would only cost renders.
 */
export function useNow(intervalMs: number, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (intervalMs <= 0) return undefined;
    const id = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, clock]);
  return now;
}
