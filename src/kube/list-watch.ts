// One list+watch loop per resource (docs/architecture.md, data flow). Not client-node's informer: that one stops on
// most errors. Here: list (paginated), watch from the list's resourceVersion with bookmarks and a server
// timeout, resume from the last version seen, relist and REPLACE on 410, re-discover on 404 and after a
// disconnection, back off exponentially on errors, retry forbidden / not-installed only slowly. A kind that
// was served and is missing now is "not served yet" for a grace period first (src/kube/unserved-grace.ts):
// its rows stay, stale, and it is retried fast. Never a hot loop; close() ends everything.
import type { IncomingMessage } from 'node:http';
import { type Backoff, createBackoff, REAL_TIMERS, sleep, type Timers } from './backoff.js';
import {
  errorFromNetwork,
  errorFromResponse,
  forbiddenScope,
  isKubeError,
  type KubeError,
} from './errors.js';
import { LineSplitter } from './lines.js';
import { listAll } from './list.js';
import { withoutManagedFields } from './managed-fields.js';
import { collectionPath, type ResourceType, resourceName } from './paths.js';
import type { RawObject, WatchState } from './port.js';
import type { Transport } from './transport.js';
import { UnservedGrace } from './unserved-grace.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchSink {
  /** Everything the server has now, replacing what was there (after every list). */
  reset(items: readonly RawObject[], apiVersion: string): void;
  event(type: WatchEventType, object: RawObject): void;
  state(state: WatchState): void;
}

export type Resolution =
  | { readonly served: true; readonly resource: ResourceType }
  | {
      readonly served: false;
      /** The not-installed sentence. */
      readonly message: string;
      /** The server's side alone (`the API group … is not served`), for "not served yet". */
      readonly why?: string;
      /** Whether the server says it is fully up (/readyz); asked only before a final "not installed". */
      readonly serverReady?: () => Promise<boolean>;
    };

export interface ListWatchTuning {
  readonly pageSize: number;
  /** Server-side watch timeout; the watch then simply resumes. */
  readonly watchTimeoutSeconds: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
  /** How often forbidden and not-installed resources are retried. */
  readonly slowRetryMs: number;
  /**
   * How long a kind that was served may be missing (a restarted server registering its CRDs again)
   * before it counts as not installed; retried from backoffInitialMs, doubling up to unservedRetryMaxMs.
   */
  readonly unservedGraceMs: number;
  readonly unservedRetryMaxMs: number;
  readonly random?: () => number;
  /** A watch that ends this fast with nothing in it counts as a failure (default 1 s; tests set 0). */
  readonly quickWatchMs?: number;
}

export const DEFAULT_TUNING: ListWatchTuning = {
  pageSize: 500,
  watchTimeoutSeconds: 300,
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  slowRetryMs: 60_000,
  unservedGraceMs: 30_000,
  unservedRetryMaxMs: 5_000,
};

export interface ListWatchOptions {
  readonly transport: Transport;
  /** What to list and watch; asked again (fresh = true) after a 404 and after a disconnection. */
  readonly resolve: (fresh: boolean) => Promise<Resolution>;
  readonly namespace: string | undefined;
  readonly labelSelector?: string;
  readonly sink: WatchSink;
  readonly tuning?: ListWatchTuning;
  readonly timers?: Timers;
  readonly now?: () => number;
}

interface WatchOutcome {
  readonly gone: boolean;
  readonly events: number;
  readonly lastedMs: number;
}

/** A watch that ends this fast with nothing in it is treated as a failure, so it cannot spin. */
const QUICK_WATCH_MS = 1000;

export class ListWatch {
  private readonly abort = new AbortController();
  private readonly tuning: ListWatchTuning;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly backoff: Backoff;
  private readonly grace: UnservedGrace;
  private readonly done: Promise<void>;
  private phase: WatchState['phase'] = 'loading';
  private state: WatchState | undefined;
  private disconnectedSince: number | undefined;
  private resource: ResourceType | undefined;
  private resourceVersion: string | undefined;

  constructor(private readonly options: ListWatchOptions) {
    this.tuning = options.tuning ?? DEFAULT_TUNING;
    this.timers = options.timers ?? REAL_TIMERS;
    this.now = options.now ?? Date.now;
    this.backoff = createBackoff({
      initialMs: this.tuning.backoffInitialMs,
      maxMs: this.tuning.backoffMaxMs,
      ...(this.tuning.random ? { random: this.tuning.random } : {}),
    });
    this.grace = new UnservedGrace(
      {
        graceMs: this.tuning.unservedGraceMs,
        initialMs: this.tuning.backoffInitialMs,
        maxMs: this.tuning.unservedRetryMaxMs,
        ...(this.tuning.random ? { random: this.tuning.random } : {}),
      },
      this.now,
    );
    options.sink.state({ phase: 'loading' });
    this.done = this.run();
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private get closed(): boolean {
    return this.abort.signal.aborted;
  }

  private setState(state: WatchState): void {
    if (state.phase === 'not-served-yet' && this.state?.phase === 'not-served-yet') {
      // The same episode retried: nothing new to publish.
      if (this.state.since === state.since && this.state.message === state.message) return;
    }
    this.phase = state.phase;
    this.state = state;
    this.options.sink.state(state);
  }

  private ready(): void {
    this.disconnectedSince = undefined;
    this.grace.served();
    if (this.phase !== 'ready' && this.resource) {
      const { group, version } = this.resource;
      this.setState({ phase: 'ready', apiVersion: group === '' ? version : `${group}/${version}` });
    }
  }

  private wait(ms: number): Promise<void> {
    return sleep(ms, this.abort.signal, this.timers);
  }

  private async run(): Promise<void> {
    let fresh = false;
    let after404 = false;
    while (!this.closed) {
      try {
        if (!this.resource || fresh) {
          const found = await this.options.resolve(fresh);
          if (this.closed) return;
          const previous = this.resource;
          fresh = false;
          const still404 = after404 && found.served && previous && sameResource(previous, found.resource);
          after404 = false;
          if (!found.served || still404) {
            const answered = found.served ? `${resourceName(found.resource)} answered 404 Not Found` : '';
            const ready =
              !found.served && found.serverReady && this.grace.graceOver ? await found.serverReady() : true;
            if (this.closed) return;
            const verdict = found.served
              ? this.grace.unserved(answered, `${answered}: it is not installed or not served`)
              : this.grace.unserved(found.why ?? found.message, found.message, ready);
            fresh = true;
            if (verdict.verdict === 'not-served-yet') {
              // Keep the rows and the resourceVersion: when the kind is back, the watch resumes from it.
              this.setState(verdict.state);
              await this.wait(verdict.retryInMs);
              continue;
            }
            this.forget();
            this.setState(verdict.state);
            await this.wait(this.tuning.slowRetryMs);
            continue;
          }
          if (!previous || !sameResource(previous, found.resource)) this.resourceVersion = undefined;
          this.resource = found.resource;
        }
        if (this.resourceVersion === undefined) await this.list(this.resource);
        const outcome = await this.watch(this.resource, this.resourceVersion ?? '');
        if (outcome.gone) {
          this.resourceVersion = undefined;
        } else if (outcome.events > 0 || outcome.lastedMs >= (this.tuning.quickWatchMs ?? QUICK_WATCH_MS)) {
          this.backoff.reset();
        } else {
          await this.wait(this.backoff.next());
        }
      } catch (caught) {
        if (this.closed) return;
        const error = isKubeError(caught) ? caught : errorFromNetwork(caught, this.options.transport);
        switch (error.reason) {
          case 'gone':
            this.resourceVersion = undefined;
            break;
          case 'not-installed':
            fresh = true;
            after404 = true;
            break;
          case 'forbidden':
            this.forget();
            this.setState({
              phase: 'forbidden',
              message: error.message,
              ...(error.forbidden ? { scope: forbiddenScope(error.forbidden) } : {}),
            });
            await this.wait(this.tuning.slowRetryMs);
            fresh = true;
            break;
          default:
            this.grace.unreachable();
            this.disconnectedSince ??= this.now();
            this.setState({
              phase: 'disconnected',
              since: this.disconnectedSince,
              message: `${error.message} — retrying`,
            });
            fresh = true;
            await this.wait(this.backoff.next());
        }
      }
    }
  }

  /** Drops what we hold (a forbidden or removed resource shows nothing rather than stale objects). */
  private forget(): void {
    this.resourceVersion = undefined;
    this.options.sink.reset([], '');
  }

  private async list(resource: ResourceType): Promise<void> {
    const result = await listAll(this.options.transport, resource, {
      namespace: this.options.namespace,
      pageSize: this.tuning.pageSize,
      labelSelector: this.options.labelSelector,
      signal: this.abort.signal,
    });
    if (this.closed) return;
    this.options.sink.reset(result.items, result.apiVersion);
    this.resourceVersion = result.resourceVersion;
    this.backoff.reset();
    this.ready();
  }

  private async watch(resource: ResourceType, resourceVersion: string): Promise<WatchOutcome> {
    // Elapsed time on the process clock: `now` may be a test's virtual clock.
    const started = performance.now();
    const timeout = this.tuning.watchTimeoutSeconds;
    const about = {
      verb: 'watch',
      resource: resourceName(resource),
      namespace: this.options.namespace,
      collection: true,
    };
    const stream = await this.options.transport.openStream({
      path: collectionPath(resource, this.options.namespace),
      query: {
        watch: 1,
        resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: timeout,
        labelSelector: this.options.labelSelector,
      },
      signal: this.abort.signal,
      // Bookmarks arrive about once a minute; silence well past the server timeout means a dead link.
      timeoutMs: (timeout + 30) * 1000,
      about,
    });
    this.ready();
    const result = await this.consume(stream, (status) =>
      errorFromResponse(typeof status['code'] === 'number' ? status['code'] : 500, status, {
        ...about,
        server: this.options.transport.server,
        user: this.options.transport.userName,
      }),
    );
    return { ...result, lastedMs: performance.now() - started };
  }

  private consume(
    stream: IncomingMessage,
    statusError: (status: Record<string, unknown>) => KubeError,
  ): Promise<{ gone: boolean; events: number }> {
    return new Promise((resolve, reject) => {
      const lines = new LineSplitter();
      let events = 0;
      let settled = false;
      const finish = (error?: KubeError, gone = false) => {
        if (settled) return;
        settled = true;
        stream.destroy();
        if (error && error.reason !== 'gone') reject(error);
        else resolve({ gone: gone || error?.reason === 'gone', events });
      };
      const handle = (line: string) => {
        let event: Record<string, unknown>;
        try {
          event = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return;
        }
        const object = event['object'];
        if (typeof object !== 'object' || object === null) return;
        const obj = object as Record<string, unknown>;
        const type = event['type'];
        if (type === 'ERROR') return finish(statusError(obj));
        const rv = (obj['metadata'] as Record<string, unknown> | undefined)?.['resourceVersion'];
        if (typeof rv === 'string') this.resourceVersion = rv;
        if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
          events++;
          this.options.sink.event(type, withoutManagedFields(obj));
        }
      };
      stream.on('data', (chunk: Buffer) => {
        for (const line of lines.push(chunk)) {
          if (settled) return;
          handle(line);
        }
      });
      // A dropped or finished stream is not an error: the loop resumes from the last version seen.
      stream.on('end', () => {
        for (const line of lines.flush()) if (!settled) handle(line);
        finish();
      });
      stream.on('error', () => finish());
      stream.on('close', () => finish());
    });
  }
}

function sameResource(a: ResourceType, b: ResourceType): boolean {
  return a.group === b.group && a.version === b.version && a.plural === b.plural;
}
