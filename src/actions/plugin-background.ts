// The background plugins running in this process (`output: background`): what quitting asks about, and what
// it stops and waits for, so each run's end is in the audit log before fluxdeck exits. One list for every
// console of the process — a fleet's console that is left (`:fleet`) leaves its commands running, and the
// process's end still stops and records them.

interface Run {
  readonly what: string;
  readonly controller: AbortController;
  readonly done: Promise<unknown>;
}

export class BackgroundRuns {
  private readonly runs = new Set<Run>();

  /** Runs `body` as a background run described by `what` (`plugin restart (kubectl)`) until it settles. */
  start<T>(what: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const done = body(controller.signal);
    const run: Run = { what, controller, done };
    this.runs.add(run);
    const forget = () => this.runs.delete(run);
    void done.then(forget, forget);
    return done;
  }

  /** What runs now, oldest first. */
  running(): readonly string[] {
    return [...this.runs].map((r) => r.what);
  }

  /** Stops every run (SIGTERM, then SIGKILL after exec's grace) and waits until each one's end is recorded. */
  async stopAll(): Promise<void> {
    const runs = [...this.runs];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((r) => r.done));
  }
}
