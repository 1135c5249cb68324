// When a kind stops being served, is it gone or not back yet? A restarted API server answers before its
// apiextensions controllers have registered the CRD groups again: for a moment /apis leaves them out and
// their paths answer 404 (docs/architecture.md, "Restarts and CRD registration"). So a kind that was served
// before (or any kind right after the server was unreachable) is "not served yet" for a grace period:
// retried fast with backoff, its rows kept and shown as stale. Only when discovery still leaves it out
// after the grace period, with the server saying it is ready (/readyz), is it "not installed", and its rows
// go. /readyz alone is not enough: it can say ok a moment before the CRD groups are back in discovery.
import { type Backoff, createBackoff } from './backoff.js';
import type { WatchState } from './port.js';

export interface UnservedPolicy {
  /** How long a kind that was served may be missing before it counts as not installed. */
  readonly graceMs: number;
  /** First retry while not served yet; doubles up to maxMs. */
  readonly initialMs: number;
  readonly maxMs: number;
  readonly random?: () => number;
}

export const DEFAULT_UNSERVED_POLICY: UnservedPolicy = { graceMs: 30_000, initialMs: 500, maxMs: 5_000 };

/** What the watch does about a kind the server does not serve right now. */
export type UnservedVerdict =
  | {
      readonly verdict: 'not-served-yet';
      readonly state: Extract<WatchState, { phase: 'not-served-yet' }>;
      /** Rows stay (stale) until the kind is listed again. */
      readonly retryInMs: number;
    }
  | {
      readonly verdict: 'not-installed';
      readonly state: Extract<WatchState, { phase: 'not-installed' }>;
      /** Rows go: the kind is absent, not late. */
      readonly dropRows: true;
    };

/** Per-kind bookkeeping for the not-served-yet → not-installed decision; clock injected. */
export class UnservedGrace {
  private wasServed = false;
  private wasUnreachable = false;
  private missingSince: number | undefined;
  private readonly backoff: Backoff;

  constructor(
    private readonly policy: UnservedPolicy,
    private readonly now: () => number,
  ) {
    this.backoff = createBackoff({
      initialMs: policy.initialMs,
      maxMs: policy.maxMs,
      ...(policy.random ? { random: policy.random } : {}),
    });
  }

  /** The kind was listed: a later absence earns the grace period again. */
  served(): void {
    this.wasServed = true;
    this.wasUnreachable = false;
    this.missingSince = undefined;
    this.backoff.reset();
  }

  /** The server could not be reached: when it answers again, its first "absent" may be a restart's. */
  unreachable(): void {
    this.wasUnreachable = true;
  }

  /** Whether the next absence would be final but for the server's readiness: time to ask /readyz. */
  get graceOver(): boolean {
    return (
      (this.wasServed || this.wasUnreachable) &&
      this.missingSince !== undefined &&
      this.now() - this.missingSince >= this.policy.graceMs
    );
  }

  /**
   * Discovery (or a 404 on the kind's path) says the kind is not served. `why` is the server's side of it
   * (`the API group … is not served`); `notInstalled` the full sentence for when the grace is over.
   * `serverReady: false` (its /readyz failing) keeps the kind not served yet past the grace period: a server
   * still starting has not said anything final.
   */
  unserved(why: string, notInstalled: string, serverReady = true): UnservedVerdict {
    const now = this.now();
    const graced = this.wasServed || this.wasUnreachable;
    this.missingSince ??= now;
    const inGrace = now - this.missingSince < this.policy.graceMs;
    if (graced && (inGrace || !serverReady)) {
      const message = inGrace || serverReady ? why : `${why}; the API server is not ready yet (/readyz)`;
      return {
        verdict: 'not-served-yet',
        state: { phase: 'not-served-yet', since: this.missingSince, message },
        retryInMs: this.backoff.next(),
      };
    }
    const waited = graced ? ` (still not served ${Math.round((now - this.missingSince) / 1000)}s later)` : '';
    this.wasServed = false;
    this.wasUnreachable = false;
    this.missingSince = undefined;
    this.backoff.reset();
    return {
      verdict: 'not-installed',
      state: { phase: 'not-installed', message: `${notInstalled}${waited}` },
      dropRows: true,
    };
  }
}
