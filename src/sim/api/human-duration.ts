// Ages as kubectl prints them in the simulated API server's tables. The format itself is the console's
// (src/flux/time.ts formatDuration, k8s.io/apimachinery duration.HumanDuration): one formatter for both.
import { formatDuration } from '../../flux/time.js';

/**
 * Age of a timestamp field at `now`, or `<unknown>` when it is missing or unreadable (as kubectl). The
 * simulator reads its own timestamps leniently (`Date.parse`); the console's strict RFC 3339 reader is for
 * what comes from a real cluster.
 */
export function ageSince(timestamp: unknown, now: number): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? '<unknown>' : formatDuration(now - at);
}
