// One controller's log, followed as `flux logs -f` finds it (docs/logs-and-events.md): its Deployment in
// flux-system (`app.kubernetes.io/part-of=flux`), that Deployment's pods, the best one for logging, container
// `manager`. When the stream ends it reconnects: to the same container with sinceSeconds (and the replayed
// overlap skipped by the kubelet's timestamps, so no line appears twice), or — pod restarted or replaced — to the new container with
// tailLines, saying so in the stream state.
import type { IncomingMessage } from 'node:http';
import { str } from '../flux/narrow.js';
import { type Backoff, createBackoff, REAL_TIMERS, sleep, type Timers } from './backoff.js';
import { isKubeError } from './errors.js';
import { LineSplitter } from './lines.js';
import { listAll } from './list.js';
import { type LogMark, LogMarker, splitStamp } from './log-stamps.js';
import { DEPLOYMENTS, objectPath, PODS } from './paths.js';
import { bestPodForLogs, deploymentFor, deploymentSelector, selectorString } from './pod-pick.js';
import { controllerSelector, logContainer, podController, podRestarts } from './pods.js';
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

/** What a stopped stream knew: the container it followed, when its last line came, how far it had read. */
export interface LogResume {
  readonly following: Following;
  readonly lastLineAt: number;
  readonly mark: LogMark;
}

interface Following {
  readonly pod: string;
  readonly uid: string;
  readonly container: string;
  readonly restarts: number;
}

/**
 * Seconds added to a sinceSeconds reconnect: the client's and the kubelet's clocks differ, and a line replayed
 * twice is skipped by its timestamp while a line never asked for is lost.
 */
const SINCE_MARGIN_S = 5;

export class ControllerLogStream {
  private readonly abort = new AbortController();
  private readonly timers: Timers;
  private readonly backoff: Backoff;
  private readonly done: Promise<void>;
  private following: Following | undefined;
  private stream: IncomingMessage | undefined;
  private wake: (() => void) | undefined;
  private lastLineAt = 0;
  /** How far the followed container's log was read (the kubelet's timestamp of the newest line). */
  private mark: LogMark | undefined;
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
      this.mark = options.resume.mark;
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
    if (!this.following || this.lastLineAt === 0 || !this.mark) return undefined;
    return { following: this.following, lastLineAt: this.lastLineAt, mark: this.mark };
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
      const ours = pods.some((p) => podController(p) === this.options.controller);
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
      labelSelector: controllerSelector(controller),
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
            message: `no ${controller} Deployment in ${namespace} labelled ${controllerSelector(controller)}`,
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
    const query: Record<string, string | number | boolean> = {
      container: next.container,
      follow: true,
      timestamps: true,
    };
    if (sameContainer) {
      const elapsed = Math.ceil((this.options.now() - this.lastLineAt) / 1000);
      query['sinceSeconds'] = Math.max(1, elapsed + SINCE_MARGIN_S);
    } else {
      query['tailLines'] = tailLines;
      this.mark = undefined;
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
    return this.consume(stream, next.pod, new LogMarker(sameContainer ? this.mark : undefined));
  }

  private consume(stream: IncomingMessage, pod: string, marker: LogMarker): Promise<number> {
    return new Promise((resolve) => {
      const splitter = new LineSplitter();
      let count = 0;
      const take = (line: string) => {
        const { key, text } = splitStamp(line);
        if (!marker.take(key)) return;
        count++;
        this.lastLineAt = this.options.now();
        this.mark = marker.mark() ?? this.mark;
        this.options.onLine(pod, text);
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
}
