// What `fluxdeck report` reads, in one pass and in parallel, without watches: every Flux kind (as
// `status` lists them), the workloads Flux applied (judged as `status` judges them: src/kube/
// workload-once.ts), the events, the controller pods and the newest lines of each one's log, then what
// the newest Helm revision of each failing HelmRelease changed. The rows are derived by the same store the
// console uses (failure streaks refined by the events, transitions seeded from the journal), so the report
// says what the console would.

import { helmReleaseName, helmStorageNamespace } from '../flux/helm.js';
import type { HelmChanges } from '../flux/helm-changes.js';
import { FLUX_SYSTEM_NAMESPACE, KIND_NAMES } from '../flux/kinds.js';
import { parseLogLine } from '../flux/logs.js';
import { isFailingNow } from '../flux/timeline.js';
import type { ObjectKey, ParsedLogLine, StatusRow } from '../flux/types.js';
import type { Timers } from './backoff.js';
import { describeError } from './errors.js';
import { helmReleaseChanges } from './helm-storage.js';
import { listAll } from './list.js';
import { kindLister, ONE_SHOT_PAGE_SIZE, type OneShotOptions, oneShotTransport } from './one-shot.js';
import { EVENTS, objectPath, PODS } from './paths.js';
import { FLUX_PART_OF_SELECTOR, logContainer, podController } from './pods.js';
import type { ClusterInfo, ClusterSnapshot, RawObject } from './port.js';
import { LiveStore } from './store.js';
import type { TransitionRecorder } from './transition-recorder.js';
import type { Transport } from './transport.js';
import { ownerInventories, readWorkloadsOnce } from './workload-once.js';

export interface ReportReadOptions extends OneShotOptions {
  readonly now: () => number;
  readonly transitions: TransitionRecorder;
  /** Lines read from the end of each controller's log. */
  readonly logTailLines?: number;
  /** Failing HelmReleases whose Helm storage is read for "what changed". */
  readonly helmChangesRead?: number;
}

export interface ReportLogLine {
  readonly controller: string;
  readonly line: ParsedLogLine;
}

export interface ReportRead {
  readonly info: ClusterInfo;
  readonly snapshot: ClusterSnapshot;
  readonly logs: readonly ReportLogLine[];
  readonly helmChanges: ReadonlyMap<ObjectKey, HelmChanges>;
  /** What could not be read, in sentences. */
  readonly gaps: readonly string[];
}

/** Failing HelmReleases whose Helm storage is read for "what changed" (each read decodes every revision). */
export const HELM_CHANGES_READ = 10;
const NO_TIMERS: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };
const LOG_LIMIT_BYTES = 4 * 1024 * 1024;

async function podLog(transport: Transport, pod: RawObject, tailLines: number): Promise<ReportLogLine[]> {
  const name = String((pod['metadata'] as { name?: unknown } | undefined)?.name ?? '');
  const stream = await transport.openStream({
    path: `${objectPath(PODS, FLUX_SYSTEM_NAMESPACE, name)}/log`,
    query: { container: logContainer(pod), tailLines, limitBytes: LOG_LIMIT_BYTES },
    timeoutMs: 30_000,
    about: { verb: 'get', resource: 'pods/log', namespace: FLUX_SYSTEM_NAMESPACE, name },
  });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const controller = podController(pod);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => ({ controller, line: parseLogLine(l) }));
}

async function controllerLogs(
  transport: Transport,
  tailLines: number,
  gaps: string[],
): Promise<ReportLogLine[]> {
  let pods: RawObject[];
  try {
    pods = (
      await listAll(transport, PODS, {
        namespace: FLUX_SYSTEM_NAMESPACE,
        labelSelector: FLUX_PART_OF_SELECTOR,
      })
    ).items;
  } catch (error) {
    gaps.push(`controller logs: the Flux controller pods could not be listed: ${describeError(error)}`);
    return [];
  }
  const read = await Promise.all(
    pods.map(async (pod) => {
      try {
        return await podLog(transport, pod, tailLines);
      } catch (error) {
        gaps.push(`the log of ${podController(pod) || 'a controller'}: ${describeError(error)}`);
        return [];
      }
    }),
  );
  return read.flat();
}

export async function readForReport(o: ReportReadOptions): Promise<ReportRead> {
  const { transport, info } = oneShotTransport(o);
  const gaps: string[] = [];
  // One read, then gone: nothing to gain from packing its objects (src/kube/packed-raw.ts).
  const store = new LiveStore({
    now: o.now,
    timers: NO_TIMERS,
    packTimers: NO_TIMERS,
    transitions: o.transitions,
  });
  try {
    const kinds = o.kinds ?? KIND_NAMES;
    const list = kindLister(transport, {
      namespace: o.namespace,
      pageSize: o.pageSize ?? ONE_SHOT_PAGE_SIZE,
    });
    const owners = ownerInventories(kinds);
    const listed = Promise.all(
      kinds.map(async (kind) => {
        const listing = await list(kind);
        owners.take(listing);
        const sink = store.kindSink(kind);
        if (listing.state === 'listed') {
          sink.state({ phase: 'ready', apiVersion: listing.apiVersion });
          sink.reset(listing.items, '');
        } else {
          sink.state({ phase: listing.state, message: listing.message });
          if (listing.state === 'forbidden') gaps.push(`${kind} objects: ${listing.message}`);
        }
      }),
    );
    const events = listAll(transport, EVENTS, { namespace: o.namespace, pageSize: ONE_SHOT_PAGE_SIZE }).then(
      (result) => {
        const sink = store.eventSink();
        sink.state({ phase: 'ready', apiVersion: 'v1' });
        sink.reset(result.items, result.resourceVersion);
      },
      (error: unknown) => {
        gaps.push(`events: ${describeError(error)}`);
      },
    );
    // A Ready Kustomization or HelmRelease whose workloads are not is Degraded, as in `status`.
    const workloads = readWorkloadsOnce(transport, o.namespace, owners.ready(listed), o.now()).then(
      (readout) => {
        store.workloads.adopt(readout.verdicts);
        for (const what of readout.unreadable)
          gaps.push(`${what} — a Ready object whose workloads fail there is not reported as Degraded`);
      },
      // The listing failed: said by the listing itself.
      () => undefined,
    );
    const logs = controllerLogs(transport, o.logTailLines ?? 1000, gaps);
    await Promise.all([listed, events, workloads]);
    store.flush();
    const snapshot = store.getSnapshot();
    const helmChanges = await failingHelmChanges(
      snapshot,
      (namespace, release) => helmReleaseChanges(transport, namespace, release),
      o.helmChangesRead ?? HELM_CHANGES_READ,
      gaps,
    );
    return { info, snapshot, logs: await logs, helmChanges, gaps };
  } finally {
    store.close();
    transport.close();
  }
}

/** Reads what changed for the failing HelmReleases of a snapshot (the first `limit`, by key). */
export async function failingHelmChanges(
  snapshot: ClusterSnapshot,
  read: (storageNamespace: string, releaseName: string) => Promise<HelmChanges | undefined>,
  limit: number,
  gaps: string[],
): Promise<Map<ObjectKey, HelmChanges>> {
  const slice = snapshot.kinds.get('HelmRelease');
  const out = new Map<ObjectKey, HelmChanges>();
  if (!slice) return out;
  const failing = [...slice.rows.values()]
    .filter((r: StatusRow) => isFailingNow(r))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .slice(0, limit);
  await Promise.all(
    failing.map(async (row) => {
      const raw = slice.raw.get(row.key);
      if (!raw) return;
      try {
        const changes = await read(helmStorageNamespace(raw), helmReleaseName(raw));
        if (changes) out.set(row.key, changes);
      } catch (error) {
        gaps.push(`what changed in ${row.key}: ${describeError(error)}`);
      }
    }),
  );
  return out;
}
