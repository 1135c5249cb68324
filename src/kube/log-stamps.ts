// The kubelet's own timestamps on log lines (`timestamps=true`: `2026-01-15T08:58:00.123456789Z text`) and
// what they are for: knowing, when a stream of the same container is opened again with sinceSeconds, which of
// the replayed lines were already shown. Remembering the lines' texts is not enough — a controller's history
// tail holds a thousand lines written in the same second, more than any memory of texts, and a line can
// repeat word for word; the kubelet's timestamp orders them all.

/** A line without the kubelet's timestamp, and that timestamp as a key that sorts in time order. */
export interface StampedLine {
  readonly key: string | undefined;
  readonly text: string;
}

// RFC3339 with an optional fraction (Go's RFC3339Nano drops trailing zeros, so `.1Z` is later than `.05Z`).
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z /;

export function splitStamp(line: string): StampedLine {
  const m = STAMP.exec(line);
  if (!m) return { key: undefined, text: line };
  return { key: `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}`, text: line.slice(m[0].length) };
}

/** Where a container's log was read up to: the newest timestamp seen and how many lines carried it. */
export interface LogMark {
  readonly key: string;
  readonly count: number;
}

/**
 * Reads a container's lines in order and says which are new: after `since` (where an earlier stream of the
 * same container stopped), lines older than its mark and the first `count` lines at the mark were shown.
 */
export class LogMarker {
  private key = '';
  private count = 0;
  private skipAtMark: number;
  private readonly sinceKey: string;

  constructor(since: LogMark | undefined) {
    this.sinceKey = since?.key ?? '';
    this.skipAtMark = since?.count ?? 0;
    if (since) {
      this.key = since.key;
      this.count = since.count;
    }
  }

  /** True when the line is new (and counts it), false when an earlier stream already gave it. */
  take(key: string | undefined): boolean {
    if (key === undefined) return true;
    if (key < this.sinceKey) return false;
    if (key === this.sinceKey && this.skipAtMark > 0) {
      this.skipAtMark -= 1;
      return false;
    }
    if (key === this.key) this.count += 1;
    else if (key > this.key) {
      this.key = key;
      this.count = 1;
    }
    return true;
  }

  mark(): LogMark | undefined {
    return this.key === '' ? undefined : { key: this.key, count: this.count };
  }
}
