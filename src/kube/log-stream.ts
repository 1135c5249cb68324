// One controller's log, followed as `flux logs -f` finds it (docs/logs-and-events.md): its Deployment in
// flux-system (`app.kubernetes.io/part-of=flux`), that Deployment's pods, the best one for logging, container
// `manager`. When the stream ends it reconnects: to the same container with sinceSeconds (and the replayed
// overlap skipped, so no line appears twice), or — pod restarted or replaced — to the new container with
// tailLines, saying so in the stream state.
import type { IncomingMessage } from 'node:http';
import { str } from '../flux/narrow.js';
import { type Backoff, createBackoff, REAL_TIMERS, sleep, type Timers } from './backoff.js';
import { isKubeError } from './errors.js';
import { LineSplitter } from './lines.js';
import { listAll } from './list.js';
import { DEPLOYMENTS, objectPath, PODS } from './paths.js';
import { bestPodForLogs, deploymentFor, deploymentSelector, selectorString } from './pod-pick.js';
import { FLUX_PART_OF_SELECTOR, logContainer, podRestarts } from './pods.js';
import type { LogStreamState, RawObject } from './port.js';
import type { Transport } from './transport.js';

export interface LogStreamOptions {
  readonly transport: Transport;
  readonly controller: string;
  readonly namespace: string;
  readonly tailLines: number;
  readonly onLine: (pod: string, text: string) => void;
  readonly onState: (state: LogStreamState) => void;
  readonly now: () => number;
  readonly timers?: Timers;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  readonly slowRetryMs?: number;
  /**
   * Where an earlier stream of this controller stopped (the pane looked elsewhere for a while): the new one
   * continues from there — sinceSeconds and the overlap skipped — instead of tailing history the console
   * already holds, which would show every line twice.
   */
  readonly resume?: LogResume;
}

/** What a stopped stream knew: the container it followed, when its last line came, its recent lines. */
export interface LogResume {
  readonly following: Following;
  readonly lastLineAt: number;
  readonly recent: readonly string[];
}

interface Following {
  readonly pod: string;
  readonly uid: string;
  readonly container: string;
  readonly restarts: number;
}

/** How many recent lines are remembered to recognise the overlap a sinceSeconds reconnect replays. */
const OVERLAP_MEMORY = 500;

export class ControllerLogStream {
  private readonly abort = new AbortController();
  private readonly timers: Timers;
  private readonly backoff: Backoff;
  private readonly done: Promise<void>;
  private following: Following | undefined;
  private stream: IncomingMessage | undefined;
  private wake: (() => void) | undefined;
  private lastLineAt = 0;
  private readonly recent: string[] = [];
  /** How often each remembered line occurs in `recent`. */
  private readonly recentCount = new Map<string, number>();
  private state: LogStreamState;

  constructor(private readonly options: LogStreamOptions) {
    this.timers = options.timers ?? REAL_TIMERS;
    this.backoff = createBackoff({
      initialMs: options.backoffInitialMs ?? 500,
      maxMs: options.backoffMaxMs ?? 30_000,
    });
    if (options.resume) {
      this.following = options.resume.following;
      this.lastLineAt = options.resume.lastLineAt;
      for (const line of options.resume.recent) this.remember(line);
    }
    this.state = {
      pod: '',
      controller: options.controller,
      container: '',
      phase: 'connecting',
      message: `looking for the ${options.controller} pod`,
      reconnects: 0,
    };
    options.onState(this.state);
    this.done = this.run();
  }

  /** Where this stream is, for a later stream of the same controller to continue from. */
  resumePoint(): LogResume | undefined {
    if (!this.following || this.lastLineAt === 0) return undefined;
    return { following: this.following, lastLineAt: this.lastLineAt, recent: [...this.recent] };
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.stream?.destroy();
    await this.done;
  }

  /** The controller's pods changed: end the stream if its pod is gone or restarted, and wake any wait. */
  podsChanged(pods: readonly RawObject[]): void {
    const current = this.following;
    if (current && this.stream) {
      const pod = pods.find((p) => str(p, 'metadata', 'name') === current.pod);
      const ours = pods.some((p) => str(p, 'metadata', 'labels', 'app') === this.options.controller);
      if (
        (ours && !pod) ||
        (pod && (podRestarts(pod) > current.restarts || str(pod, 'metadata', 'uid') !== current.uid))
      ) {
        this.stream.destroy();
      }
    }
    this.wake?.();
  }

  private setState(patch: Partial<LogStreamState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onState(this.state);
  }

  private get closed(): boolean {
    return this.abort.signal.aborted;
  }

  /** Waits ms, or until the pods change. */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = () => resolve();
      void sleep(ms, this.abort.signal, this.timers).then(resolve);
    }).then(() => {
      this.wake = undefined;
    });
  }

  private async findPod(): Promise<RawObject | 'no-deployment' | undefined> {
    const { transport, namespace, controller } = this.options;
    const signal = this.abort.signal;
    const deployments = await listAll(transport, DEPLOYMENTS, {
      namespace,
      labelSelector: FLUX_PART_OF_SELECTOR,
      signal,
    });
    const deployment = deploymentFor(deployments.items, controller);
    if (!deployment) return 'no-deployment';
    const selector = selectorString(deploymentSelector(deployment));
    const pods = await listAll(transport, PODS, { namespace, labelSelector: selector, signal });
    return bestPodForLogs(pods.items);
  }

  private async run(): Promise<void> {
    const { controller, namespace } = this.options;
    while (!this.closed) {
      try {
        const pod = await this.findPod();
        if (this.closed) return;
        if (pod === 'no-deployment') {
          this.setState({
            phase: 'ended',
            message: `no ${controller} Deployment in ${namespace} labelled ${FLUX_PART_OF_SELECTOR}`,
          });
          await this.pause(this.options.slowRetryMs ?? 60_000);
          continue;
        }
        if (!pod || str(pod, 'status', 'phase') === 'Pending') {
          this.setState({ phase: 'reconnecting', message: `waiting for a ${controller} pod to run` });
          await this.pause(this.backoff.next());
          continue;
        }
        const started = performance.now();
        const lines = await this.follow(pod);
        if (lines === 0 && performance.now() - started < 1000) await this.pause(this.backoff.next());
        else this.backoff.reset();
      } catch (error) {
        if (this.closed) return;
        if (isKubeError(error, 'forbidden')) {
          this.setState({ phase: 'forbidden', message: error.message });
          await this.pause(this.options.slowRetryMs ?? 60_000);
        } else if (isKubeError(error, 'not-found') || isKubeError(error, 'invalid')) {
          // The pod went away or its container is not running yet (400): look again soon.
          this.setState({ phase: 'reconnecting', message: `waiting for a ${controller} pod to run` });
          await this.pause(this.backoff.next());
        } else {
          const message = error instanceof Error ? error.message : String(error);
          this.setState({ phase: 'reconnecting', message: `${message} — retrying` });
          await this.pause(this.backoff.next());
        }
      }
    }
  }

  /** Streams one pod until its stream ends; returns how many lines arrived. */
  private async follow(pod: RawObject): Promise<number> {
    const { transport, namespace, controller, tailLines } = this.options;
    const next: Following = {
      pod: str(pod, 'metadata', 'name'),
      uid: str(pod, 'metadata', 'uid'),
      container: logContainer(pod),
      restarts: podRestarts(pod),
    };
    const previous = this.following;
    const replaced =
      previous !== undefined &&
      (previous.uid !== next.uid ||
        previous.container !== next.container ||
        previous.restarts !== next.restarts);
    const sameContainer = previous !== undefined && !replaced && this.lastLineAt > 0;
    const query: Record<string, string | number | boolean> = { container: next.container, follow: true };
    if (sameContainer) {
      query['sinceSeconds'] = Math.max(1, Math.ceil((this.options.now() - this.lastLineAt) / 1000) + 1);
    } else {
      query['tailLines'] = tailLines;
      this.forgetRecent();
    }
    const stream = await transport.openStream({
      path: `${objectPath(PODS, namespace, next.pod)}/log`,
      query,
      signal: this.abort.signal,
      timeoutMs: 600_000,
      about: { verb: 'get', resource: 'pods/log', namespace, name: next.pod },
    });
    if (this.closed) {
      // Closed while the request was opening: close() could not reach this stream, so end it here.
      stream.destroy();
      return 0;
    }
    this.stream = stream;
    this.following = next;
    this.setState({
      pod: next.pod,
      container: next.container,
      phase: 'following',
      message: replaced ? `${controller} pod restarted — following ${next.pod}` : `following ${next.pod}`,
      reconnects: this.state.reconnects + (replaced ? 1 : 0),
    });
    return this.consume(stream, next.pod, sameContainer);
  }

  private consume(stream: IncomingMessage, pod: string, skipOverlap: boolean): Promise<number> {
    return new Promise((resolve) => {
      const splitter = new LineSplitter();
      let count = 0;
      let skipping = skipOverlap;
      const take = (line: string) => {
        if (skipping && this.recentCount.has(line)) return;
        skipping = false;
        count++;
        this.lastLineAt = this.options.now();
        this.remember(line);
        this.options.onLine(pod, line);
      };
      stream.on('data', (chunk: Buffer) => {
        for (const line of splitter.push(chunk)) take(line);
      });
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        for (const line of splitter.flush()) take(line);
        this.stream = undefined;
        resolve(count);
      };
      stream.once('end', finish);
      stream.once('close', finish);
      stream.on('error', () => undefined);
    }).then((count) => {
      if (!this.closed)
        this.setState({
          phase: 'reconnecting',
          message: `${this.options.controller} log stream ended — reconnecting`,
        });
      return count as number;
    });
  }

  private remember(line: string): void {
    this.recent.push(line);
    this.recentCount.set(line, (this.recentCount.get(line) ?? 0) + 1);
    if (this.recent.length > OVERLAP_MEMORY) {
      const old = this.recent.shift() as string;
      const n = (this.recentCount.get(old) ?? 1) - 1;
      if (n > 0) this.recentCount.set(old, n);
      else this.recentCount.delete(old);
    }
  }

  private forgetRecent(): void {
    this.recent.length = 0;
    this.recentCount.clear();
  }
}
