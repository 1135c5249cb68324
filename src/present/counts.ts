// The header's object counts, as the summary hook derives them and the header shows them.

export interface Counts {
  readonly total: number;
  readonly ready: number;
  /** Failed, Stalled, Waiting or Degraded. */
  readonly failing: number;
  /** Not judged by its controller yet (generation not observed, no Ready condition). */
  readonly pending: number;
  readonly suspended: number;
  /** Failing for longer than the alert threshold. */
  readonly alerting: number;
  /** What the counts leave out, e.g. `12 stale rows of 2 kinds not served yet`; '' when nothing. */
  readonly notCounted?: string;
}
