// Controller logs for the console: one follow stream per selected controller, lines parsed as Flux's JSON
// log lines (others kept as they came), sanitised, kept in one bounded ring buffer, and published batched
// like the store — a flood of lines is one render per ~100 ms.
import { FLUX_SYSTEM_NAMESPACE } from '../flux/kinds.js';
import { logLineParser } from '../flux/logs.js';
import { compareText } from '../flux/text-order.js';
import type { Timers } from './backoff.js';
import { LogRing } from './log-ring.js';
import { ControllerLogStream, type LogResume } from './log-stream.js';
import type { LogSnapshot, LogStreamState, RawObject } from './port.js';
import { BatchedPublisher, type PublisherOptions } from './publisher.js';
import { StringPool } from './string-pool.js';
import type { Transport } from './transport.js';

export interface LogHubOptions extends PublisherOptions {
  readonly transport: Transport;
  readonly now?: () => number;
  readonly namespace?: string;
  /**
   * Lines of history fetched when a stream (re)starts on a new container (default 1,000). A stalled object
   * logs nothing more while a dependency chain keeps logging `retrying in 30s` for each waiting link, so its
   * own lines (the error the on-call wants) are soon hundreds of lines back.
   */
  readonly tailLines?: number;
  /** Entries kept across all streams (default 10,000: several controllers' full history tails). */
  readonly capacity?: number;
  readonly timers?: Timers;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  readonly slowRetryMs?: number;
  /** Raw controller pods and their changes, from the live store's pod watch. */
  readonly pods?: { onChange(listener: (pods: readonly RawObject[]) => void): () => void };
}

/** Longest line kept; controllers' JSON lines are far shorter, a runaway line is cut. */
const MAX_LINE = 16_384;

export class LogHub {
  private readonly ring: LogRing;
  private readonly streams = new Map<string, ControllerLogStream>();
  /** The streams currently wanted; a closing stream's late lines and states are ignored. */
  private readonly active = new Set<ControllerLogStream>();
  /** Where each stopped controller's stream was, so following it again neither repeats nor skips lines. */
  private readonly resumes = new Map<string, LogResume>();
  private readonly states = new Map<string, LogStreamState>();
  private readonly publisher: BatchedPublisher;
  private readonly unsubscribePods: () => void;
  private snapshot: LogSnapshot = { revision: 0, entries: [], streams: [] };
  private readonly parseLine = logLineParser(new StringPool().intern);
  private seq = 0;
  private changed = false;

  constructor(private readonly options: LogHubOptions) {
    this.ring = new LogRing(options.capacity ?? 10_000);
    this.publisher = new BatchedPublisher(() => this.publish(), options);
    this.unsubscribePods =
      options.pods?.onChange((pods) => {
        for (const stream of this.streams.values()) stream.podsChanged(pods);
      }) ?? (() => undefined);
  }

  subscribe(listener: () => void): () => void {
    return this.publisher.subscribe(listener);
  }

  getSnapshot(): LogSnapshot {
    return this.snapshot;
  }

  flush(): void {
    this.publisher.flush();
  }

  /** Starts streams for controllers newly listed, stops those no longer listed; [] stops every stream. */
  followControllers(controllers: readonly string[]): void {
    const wanted = new Set(controllers.filter((c) => c.length > 0));
    for (const [name, stream] of this.streams) {
      if (wanted.has(name)) continue;
      this.active.delete(stream);
      const resume = stream.resumePoint();
      if (resume) this.resumes.set(name, resume);
      this.streams.delete(name);
      this.states.delete(name);
      void stream.close();
      this.markChanged();
    }
    for (const name of wanted) {
      if (this.streams.has(name)) continue;
      this.streams.set(name, this.start(name));
    }
  }

  async close(): Promise<void> {
    this.unsubscribePods();
    const closing = [...this.streams.values()].map((s) => s.close());
    this.streams.clear();
    this.active.clear();
    this.publisher.close();
    await Promise.all(closing);
  }

  private start(controller: string): ControllerLogStream {
    const o = this.options;
    const resume = this.resumes.get(controller);
    this.resumes.delete(controller);
    // Set before the constructor runs: it reports its first state synchronously.
    let self: ControllerLogStream | undefined;
    const live = () => self === undefined || this.active.has(self);
    self = new ControllerLogStream({
      transport: o.transport,
      controller,
      namespace: o.namespace ?? FLUX_SYSTEM_NAMESPACE,
      tailLines: o.tailLines ?? 1000,
      now: o.now ?? Date.now,
      ...(o.timers ? { timers: o.timers } : {}),
      ...(o.backoffInitialMs !== undefined ? { backoffInitialMs: o.backoffInitialMs } : {}),
      ...(o.backoffMaxMs !== undefined ? { backoffMaxMs: o.backoffMaxMs } : {}),
      ...(o.slowRetryMs !== undefined ? { slowRetryMs: o.slowRetryMs } : {}),
      ...(resume ? { resume } : {}),
      onLine: (pod, text) => {
        if (!live()) return;
        const clipped = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
        // The parsed fields only: a JSON line is shown from them, another line from its message.
        this.ring.push({ seq: ++this.seq, pod, controller, line: this.parseLine(clipped) });
        this.markChanged();
      },
      onState: (state) => {
        if (!live()) return;
        this.states.set(controller, state);
        this.markChanged();
      },
    });
    this.active.add(self);
    return self;
  }

  private markChanged(): void {
    this.changed = true;
    this.publisher.changed();
  }

  private publish(): boolean {
    if (!this.changed) return false;
    this.changed = false;
    this.snapshot = {
      revision: this.snapshot.revision + 1,
      entries: this.ring.snapshot(),
      streams: [...this.states.values()].sort((a, b) => compareText(a.controller, b.controller)),
    };
    return true;
  }
}
