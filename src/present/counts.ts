// The header's object counts, as the summary hook derives them and the header shows them.

export interface Counts {
  readonly total: number;
  readonly ready: number;
  readonly failing: number;
  readonly suspended: number;
  /** Failing for longer than the alert threshold. */
  readonly alerting: number;
}
