// The Events view (newest first) and the events section of the details screen.

import { formatLastSeen, formatLastSeenAge } from '../flux/events.js';
import { sanitizeText } from '../flux/sanitize.js';
import { parseTime } from '../flux/time.js';
import type { ClusterEvent } from './cluster-types.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import { shortKindOf } from './short-kinds.js';

export const eventKey = (e: ClusterEvent) => e.uid;

/** Newest first; ties by uid so the order is stable. */
export function compareEventsNewestFirst(a: ClusterEvent, b: ClusterEvent): number {
  const ta = parseTime(a.lastSeen) ?? 0;
  const tb = parseTime(b.lastSeen) ?? 0;
  return tb - ta || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
}

/**
 * The console's clock ticks every 5 s (30 s when quiet), so an event that arrived since the last tick is
 * stamped after `now`: kubectl's rule would print `<invalid>` for it. Within one quiet tick (plus skew) it
 * is taken as just now; further ahead, a cluster clock really ahead of ours, it stays `<invalid>`.
 */
const TICK_LAG_MS = 35_000;
function clockAtLeast(now: number, iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t > now && t - now <= TICK_LAG_MS ? t : now;
}

export function eventColumns(now: number, allNamespaces: boolean): readonly GridColumn<ClusterEvent>[] {
  const ns: GridColumn<ClusterEvent>[] = allNamespaces
    ? [{ id: 'NAMESPACE', cell: (e) => sanitizeText(e.namespace, 63), min: 10, max: 20, identity: true }]
    : [];
  // LAST SEEN, TYPE, NAMESPACE, OBJECT and MESSAGE are always shown; REASON, then COUNT (LAST SEEN says
  // `x42` too), then SOURCE as room allows.
  return [
    {
      id: 'LAST SEEN',
      cell: (e) => formatLastSeen(e.lastSeen, e.firstSeen, e.count, clockAtLeast(now, e.lastSeen)),
      // `16s (x42 over 28m)` whole on a wide table; below 120 columns only its head (`16s`).
      min: 20,
      compact: {
        cell: (e) => formatLastSeenAge(e.lastSeen, e.firstSeen, clockAtLeast(now, e.lastSeen)),
        min: 9,
      },
      align: 'right',
      sortValue: (e) => -(parseTime(e.lastSeen) ?? 0),
    },
    {
      id: 'TYPE',
      cell: (e) => sanitizeText(e.type, 20),
      min: 7,
      tone: (e) => (e.type === 'Warning' ? 'warn' : undefined),
    },
    ...ns,
    {
      id: 'OBJECT',
      cell: (e) => sanitizeText(`${e.involved.kind}/${e.involved.name}`, 300),
      compact: {
        cell: (e) => sanitizeText(`${shortKindOf(e.involved.kind)}/${e.involved.name}`, 300),
        min: 16,
      },
      min: 24,
      max: 48,
      identity: true,
    },
    { id: 'REASON', cell: (e) => sanitizeText(e.reason, 100), min: 12, max: 28, drop: 3 },
    { id: 'COUNT', cell: (e) => String(e.count), align: 'right', drop: 4, sortValue: (e) => e.count },
    { id: 'MESSAGE', cell: (e) => sanitizeText(e.message, 2000), flex: true, min: 20 },
    { id: 'SOURCE', cell: (e) => sanitizeText(e.source, 60), min: 16, max: 24, drop: 5 },
  ];
}

export function eventRowStyle(e: ClusterEvent): RowStyle {
  return { tone: e.type === 'Warning' ? 'warn' : undefined };
}
