// Subscriptions to the cluster port's stores. Views read snapshots (useSyncExternalStore); everything derived
// from a snapshot is memoised on it, so an unrelated state change (a key press, the clock) re-derives nothing.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { KindName } from '../flux/kinds.js';
import { SECONDS_SHOWN_MS } from '../flux/time.js';
import type { ObjectKey, StatusRow } from '../flux/types.js';
import { isOwnerKind } from '../flux/workload-health.js';
import type { ClusterPort, ClusterSnapshot } from '../kube/port.js';
import { overlaid, verdictsOf } from './workload-overlay.js';

export function useCluster(port: ClusterPort): ClusterSnapshot {
  // Bound here: a port may implement these as plain methods.
  const subscribe = useCallback((listener: () => void) => port.subscribe(listener), [port]);
  const get = useCallback(() => port.getSnapshot(), [port]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Per snapshot: the console's root and its app both read every row, and a snapshot never changes. */
const ALL_ROWS = new WeakMap<ClusterSnapshot, readonly StatusRow[]>();

/**
 * Every Flux object's row, across kinds, as shown (workload verdicts laid over: workload-overlay.ts); a new
 * array only when the snapshot changed.
 */
export function allRows(snapshot: ClusterSnapshot): readonly StatusRow[] {
  const known = ALL_ROWS.get(snapshot);
  if (known) return known;
  let size = 0;
  for (const slice of snapshot.kinds.values()) size += slice.rows.size;
  // Sized up front: 10,000 rows pushed one by one copy the array as it grows, on every publish.
  const out = new Array<StatusRow>(size);
  let i = 0;
  const verdicts = verdictsOf(snapshot);
  // forEach, not for…of: a Map's iterator allocates a result object per row where V8 does not optimise it.
  for (const [kind, slice] of snapshot.kinds) {
    if (verdicts && isOwnerKind(kind))
      slice.rows.forEach((row) => {
        out[i++] = overlaid(row, verdicts);
      });
    else
      slice.rows.forEach((row) => {
        out[i++] = row;
      });
  }
  // A row map whose size and contents disagree (a fake port in a test) must not leave holes.
  if (i !== size) out.length = i;
  ALL_ROWS.set(snapshot, out);
  return out;
}

export function useAllRows(snapshot: ClusterSnapshot): readonly StatusRow[] {
  return useMemo(() => allRows(snapshot), [snapshot]);
}

/**
 * The rows of some kinds as shown (workload verdicts laid over), recomputed only when one of those kinds'
 * row maps, or the verdicts of the kinds that have them, changed.
 */
export function useKindRows(snapshot: ClusterSnapshot, kinds: readonly KindName[]): readonly StatusRow[] {
  // Kind and row map side by side, flat: the same array while each kind's map is the same object.
  const slices = useStableArray(kinds.flatMap((k) => [k, snapshot.kinds.get(k)?.rows]));
  const verdicts = kinds.some(isOwnerKind) ? verdictsOf(snapshot) : undefined;
  return useMemo(() => {
    const out: StatusRow[] = [];
    for (let i = 0; i < slices.length; i += 2) {
      const kind = slices[i] as KindName;
      const rows = slices[i + 1] as ReadonlyMap<ObjectKey, StatusRow> | undefined;
      if (!rows) continue;
      if (verdicts && isOwnerKind(kind))
        rows.forEach((row) => {
          out.push(overlaid(row, verdicts));
        });
      else
        rows.forEach((row) => {
          out.push(row);
        });
    }
    return out;
  }, [slices, verdicts]);
}

/** The same array object as long as its elements are the same (shallow), for use as a memo dependency. */
export function useStableArray<T>(items: readonly T[]): readonly T[] {
  const held = useRef(items);
  const same = held.current.length === items.length && held.current.every((x, i) => x === items[i]);
  if (!same) held.current = items;
  return held.current;
}

/** Once nothing changed for that long every duration on screen is in whole minutes or coarser. */
export const QUIET_TICK_MS = 30_000;

/** How long until the next tick: `fastMs` while data changed recently, QUIET_TICK_MS once it has not. */
export function tickInterval(fastMs: number, lastChangeAt: number, now: number): number {
  return now - lastChangeAt >= SECONDS_SHOWN_MS ? Math.max(fastMs, QUIET_TICK_MS) : fastMs;
}

/**
 * The clock for ages and "failing for": one render every `fastMs`, nothing in between. Every duration on
 * screen counts from a time the cluster reported, so once no snapshot changed for SECONDS_SHOWN_MS (and the
 * console has run that long) none shows seconds any more, and the clock slows to QUIET_TICK_MS — an idle
 * console renders twice a minute. A changed snapshot (`changes`) brings the fast ticks back at once. Durations
 * in whole minutes change only at the clock's minute (elapsedShown), so most ticks draw nothing new.
 */
export function useAgeClock(changes: unknown, fastMs: number, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  const seen = useRef(changes);
  const lastChangeAt = useRef<number | undefined>(undefined);
  lastChangeAt.current ??= now;
  if (seen.current !== changes) {
    seen.current = changes;
    lastChangeAt.current = clock();
  }
  const quiet = tickInterval(fastMs, lastChangeAt.current, clock()) !== fastMs;
  useEffect(() => {
    // `now` and `quiet` re-arm the timer: after each tick, and when a change ends a quiet spell.
    void now;
    if (fastMs <= 0) return undefined;
    const id = setTimeout(() => setNow(clock()), quiet ? QUIET_TICK_MS : fastMs);
    return () => clearTimeout(id);
  }, [now, quiet, fastMs, clock]);
  return now;
}
