// The logs pane's filter (one object's lines) kept up to date as the ring buffer moves: the buffer only
// gains entries at its end and drops them at its start, in sequence order, so each publish filters just
// the new entries instead of all 10,000.
import type { LogEntry } from '../kube/port.js';
import { firstIndexAfter } from './binary-search.js';

export interface FilteredLog {
  readonly source: readonly LogEntry[];
  readonly matches: (e: LogEntry) => boolean;
  readonly output: readonly LogEntry[];
}

/** The first index whose entry's seq is greater than `seq` (entries ascend by seq). */
function afterSeq(entries: readonly LogEntry[], seq: number): number {
  return firstIndexAfter(entries, (e) => e.seq > seq);
}

export function filterLog(
  previous: FilteredLog | undefined,
  source: readonly LogEntry[],
  matches: (e: LogEntry) => boolean,
): FilteredLog {
  if (previous?.source === source && previous.matches === matches) return previous;
  const first = source[0];
  const prevLast = previous?.source[previous.source.length - 1];
  // Reusable when the new buffer continues the old one (sequence numbers only grow, so a cleared and
  // refilled buffer continues it too): same filter, and its oldest entry no older than the old oldest.
  const continues =
    previous !== undefined &&
    previous.matches === matches &&
    first !== undefined &&
    prevLast !== undefined &&
    first.seq >= (previous.source[0]?.seq ?? Number.POSITIVE_INFINITY);
  if (!continues) return { source, matches, output: source.filter(matches) };
  const kept = previous.output.slice(afterSeq(previous.output, first.seq - 1));
  const fresh = source.slice(afterSeq(source, prevLast.seq)).filter(matches);
  return { source, matches, output: fresh.length > 0 ? kept.concat(fresh) : kept };
}
