// The drill-down under the `:tree` screen: a workload's pods, kept live by one list+watch selected by its
// `spec.selector.matchLabels`, and one pod container's log followed (`kubectl logs -f --tail`). Unlike the
// controllers' streams (log-stream.ts) a pod's log is not reconnected: when it ends (the container
// restarted, the pod went away) the state says so and `l` follows it again.
import type { IncomingMessage } from 'node:http';
import { sanitizeText } from '../flux/sanitize.js';
import type { StartWatch } from './inventory-watch.js';
import { LineSplitter } from './lines.js';
import type { Resolution, WatchSink } from './list-watch.js';
import { objectPath, PODS } from './paths.js';
import type { PodLogState, PodSet, RawObject, WatchState } from './port.js';
import type { Transport } from './transport.js';

/** Lists and watches the pods a selector picks in one namespace; `listener` gets every change. */
export function watchPodSet(
  startWatch: StartWatch,
  namespace: string,
  selector: string,
  listener: (set: PodSet) => void,
): () => void {
  const pods = new Map<string, RawObject>();
  let state: WatchState = { phase: 'loading' };
  const emit = () => listener({ pods: [...pods.values()], state });
  const name = (raw: RawObject) => {
    const meta = raw['metadata'];
    return typeof meta === 'object' && meta !== null
      ? String((meta as Record<string, unknown>)['name'] ?? '')
      : '';
  };
  const sink: WatchSink = {
    reset: (items) => {
      pods.clear();
      for (const item of items) pods.set(name(item), { ...item, kind: 'Pod' });
      emit();
    },
    event: (type, object) => {
      if (type === 'DELETED') pods.delete(name(object));
      else pods.set(name(object), { ...object, kind: 'Pod' });
      emit();
    },
    state: (s) => {
      state = s;
      emit();
    },
  };
  const resolve = (): Promise<Resolution> => Promise.resolve({ served: true, resource: PODS });
  const watch = startWatch(resolve, namespace, sink, selector);
  return () => void watch.close();
}

export interface PodLogOptions {
  readonly transport: Transport;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly tailLines: number;
  readonly onLine: (text: string) => void;
  readonly onState: (state: PodLogState) => void;
}

/** Follows one container's log until it ends or the returned stop is called. */
export function followPodLog(o: PodLogOptions): () => void {
  const abort = new AbortController();
  let stream: IncomingMessage | undefined;
  o.onState({ phase: 'connecting' });
  o.transport
    .openStream({
      path: `${objectPath(PODS, o.namespace, o.pod)}/log`,
      query: { container: o.container, follow: true, tailLines: o.tailLines },
      signal: abort.signal,
      timeoutMs: 3_600_000,
      about: { verb: 'get', resource: 'pods/log', namespace: o.namespace, name: o.pod },
    })
    .then(
      (s) => {
        if (abort.signal.aborted) {
          s.destroy();
          return;
        }
        stream = s;
        o.onState({ phase: 'following' });
        const splitter = new LineSplitter();
        s.on('data', (chunk: Buffer) => {
          for (const line of splitter.push(chunk)) o.onLine(line);
        });
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          for (const line of splitter.flush()) if (line !== '') o.onLine(line);
          if (!abort.signal.aborted)
            o.onState({
              phase: 'ended',
              message: `the log of ${o.pod}/${o.container} ended (container restarted or pod gone): l follows it again`,
            });
        };
        s.once('end', finish);
        s.once('close', finish);
        s.on('error', () => undefined);
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        o.onState({ phase: 'failed', message: sanitizeText(message, 400) });
      },
    );
  return () => {
    abort.abort();
    stream?.destroy();
  };
}
