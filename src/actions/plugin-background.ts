// The background plugins running in this process (`output: background`): what quitting asks about, and what
// it stops and waits for, so each run's end is in the audit log before fluxdeck exits. One list for every
// console of the process — a fleet's console that is left (`:fleet`) leaves its commands running, and the
// process's end still stops and records them.
// A run's end is said by whichever screen is up when it ends (the console that started it, another
// context's console, or the fleet), not by the one that started it: that one may have been left.

/** How a run ended, as the screen says it. */
export interface RunEnd {
  readonly message: string;
  readonly ok: boolean;
}

/** A run's end and the context its command ran for. */
export interface EndedRun extends RunEnd {
  readonly context: string;
}

interface Run {
  readonly what: string;
  readonly controller: AbortController;
  readonly done: Promise<unknown>;
}

export class BackgroundRuns {
  private readonly runs = new Set<Run>();
  /** The screens that can say an end, the one mounted last first. */
  private readonly listeners: ((ended: EndedRun) => void)[] = [];

  /**
   * Runs `body` as a background run described by `what` (`plugin restart (kubectl)`) for `context` until it
   * settles; its end goes to the screen that is up then.
   */
  start<T extends RunEnd>(
    what: string,
    context: string,
    body: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    const done = body(controller.signal);
    const run: Run = { what, controller, done };
    this.runs.add(run);
    const forget = () => this.runs.delete(run);
    void done.then((end) => {
      forget();
      this.listeners.at(-1)?.({ context, message: end.message, ok: end.ok });
    }, forget);
    return done;
  }

  /** `listener` says the ends of runs while it is the last one listening; returns the way to stop. */
  listen(listener: (ended: EndedRun) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.lastIndexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
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
