// Cluster-wide facts for the header: counts per state and the stale-data banner. Memoised on the snapshot,
// except the alert count, which also depends on the coarse clock.
import { useMemo } from 'react';
import { isRowReady } from '../flux/status.js';
import { elapsedShown, parseTime } from '../flux/time.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterSnapshot, WatchState } from '../kube/port.js';
import type { Counts } from '../present/counts.js';
import { formatClock } from '../present/watch-state.js';

export function countRows(rows: readonly StatusRow[], now: number, alertThresholdMs: number): Counts {
  let ready = 0;
  let failing = 0;
  let suspended = 0;
  let alerting = 0;
  for (const r of rows) {
    if (r.suspended) suspended += 1;
    if (isRowReady(r)) {
      ready += 1;
      continue;
    }
    failing += 1;
    const since = parseTime(r.failingSince);
    // As the rows show it (elapsedShown), so the count and the rows' `!` change together.
    if (since !== undefined && elapsedShown(since, now) >= alertThresholdMs) alerting += 1;
  }
  return { total: rows.length, ready, failing, suspended, alerting };
}

/** `data may be stale — disconnected since 12:03:04, retrying` while any watch is disconnected. */
export function staleBanner(snapshot: ClusterSnapshot): string | undefined {
  const states: WatchState[] = [
    ...[...snapshot.kinds.values()].map((s) => s.state),
    snapshot.pods.state,
    snapshot.events.state,
  ];
  let since: number | undefined;
  for (const s of states) {
    if (s.phase === 'disconnected' && (since === undefined || s.since < since)) since = s.since;
  }
  if (since !== undefined) return `data may be stale — disconnected since ${formatClock(since)}, retrying`;
  if (snapshot.connection === 'disconnected')
    return 'data may be stale — disconnected from the API server, retrying';
  return undefined;
}

export function useSummary(
  rows: readonly StatusRow[],
  snapshot: ClusterSnapshot,
  now: number,
  alertThresholdMs: number,
) {
  const counts = useMemo(() => countRows(rows, now, alertThresholdMs), [rows, now, alertThresholdMs]);
  const banner = useMemo(() => staleBanner(snapshot), [snapshot]);
  return { counts, banner };
}
