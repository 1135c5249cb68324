// The moments the runbook scenario's story is told from, relative to "now" when the sim starts, so every
// "failing for 40 minutes" stays true whatever the clock says.
import { DAY, HOUR, MINUTE } from './builders.js';

export interface Timeline {
  readonly now: number;
  readonly installed: number;
  /** helm-controller OOMKilled, interrupting podinfo's upgrade. */
  readonly helmControllerOom: number;
  readonly podinfoSuspended: number;
  /** First failed kyverno upgrade to chart 3.3.0, and the last retry. */
  readonly kyvernoFirstFailure: number;
  readonly kyvernoStalled: number;
  /** The sre-platform commit with invalid YAML. */
  readonly badCommit: number;
  readonly previousCommit: number;
  /** team-apps added with credentials that cannot read it. */
  readonly teamAppsAdded: number;
  ago(ms: number): number;
}

export function timeline(now: number): Timeline {
  const ago = (ms: number) => now - ms;
  return {
    now,
    installed: ago(42 * DAY),
    helmControllerOom: ago(3 * HOUR + 12 * MINUTE),
    podinfoSuspended: ago(50 * MINUTE),
    kyvernoFirstFailure: ago(41 * MINUTE),
    kyvernoStalled: ago(33 * MINUTE),
    badCommit: ago(27 * MINUTE),
    previousCommit: ago(3 * DAY + 2 * HOUR),
    teamAppsAdded: ago(2 * HOUR + 5 * MINUTE),
    ago,
  };
}
