// The watches behind the workload table (src/kube/workload-table.ts): Deployments, StatefulSets and
// DaemonSets selected by the existence of each Flux owner label — six list+watch loops in the console's
// namespace scope — and the pods of the workloads that are not Current, one selected watch each, as many as
// the table asks for (at most MAX_POD_WATCHES). A workload kind the user may not list is reported by its
// watch as forbidden and retried slowly, as every other watch; the table then judges nothing of that kind.
import {
  appliedByKindSelector,
  OWNER_KINDS,
  WORKLOAD_KINDS,
  type WorkloadKind,
  type WorkloadRef,
} from '../flux/workload-health.js';
import { isKubeError } from './errors.js';
import type { ListWatch, WatchSink } from './list-watch.js';
import {
  DAEMONSETS,
  DEPLOYMENTS,
  objectPath,
  PODS,
  type ResourceType,
  resourceName,
  STATEFULSETS,
} from './paths.js';
import type { RawObject } from './port.js';
import type { Transport } from './transport.js';
import type { PodWatchSpec, WorkloadTable } from './workload-table.js';

const RESOURCES: Readonly<Record<WorkloadKind, ResourceType>> = {
  Deployment: DEPLOYMENTS,
  StatefulSet: STATEFULSETS,
  DaemonSet: DAEMONSETS,
};

export type StartWatch = (
  resource: ResourceType,
  namespace: string | undefined,
  sink: WatchSink,
  labelSelector: string,
) => ListWatch;

export class WorkloadWatches {
  private scoped: ListWatch[] = [];
  private readonly pods = new Map<string, ListWatch>();
  private closed = false;

  constructor(
    private readonly table: WorkloadTable,
    private readonly start: StartWatch,
    private readonly transport: Transport,
    private readonly signal: AbortSignal,
  ) {
    table.connect(
      (ref) => this.confirm(ref),
      (specs) => this.wantPods(specs),
    );
  }

  /** (Re)starts the workload watches in a namespace (undefined: all); what was held is forgotten. */
  watch(namespace: string | undefined): void {
    if (this.closed) return;
    const old = [...this.scoped, ...this.pods.values()];
    this.pods.clear();
    for (const w of old) void w.close();
    this.table.setScope(namespace);
    this.scoped = WORKLOAD_KINDS.flatMap((kind) =>
      OWNER_KINDS.map((owner) =>
        this.start(RESOURCES[kind], namespace, this.table.sink(kind, owner), appliedByKindSelector(owner)),
      ),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.scoped, ...this.pods.values()];
    this.scoped = [];
    this.pods.clear();
    await Promise.all(all.map((w) => w.close()));
  }

  private wantPods(specs: readonly PodWatchSpec[]): void {
    if (this.closed) return;
    const wanted = new Set(specs.map((s) => s.key));
    for (const [key, w] of this.pods) {
      if (wanted.has(key)) continue;
      this.pods.delete(key);
      void w.close();
      this.table.dropPods(key);
    }
    for (const spec of specs) {
      if (this.pods.has(spec.key)) continue;
      this.pods.set(spec.key, this.start(PODS, spec.namespace, this.table.podSink(spec.key), spec.selector));
    }
  }

  /** One GET: the object, `gone` on 404, undefined when the server does not say (forbidden, unreachable). */
  private async confirm(ref: WorkloadRef): Promise<RawObject | 'gone' | undefined> {
    const resource = RESOURCES[ref.kind as WorkloadKind];
    if (!resource || this.closed) return undefined;
    try {
      const body = await this.transport.request({
        path: objectPath(resource, ref.namespace, ref.name),
        signal: this.signal,
        about: { verb: 'get', resource: resourceName(resource), namespace: ref.namespace, name: ref.name },
      });
      return typeof body === 'object' && body !== null ? (body as RawObject) : undefined;
    } catch (error) {
      return isKubeError(error, 'not-found') ? 'gone' : undefined;
    }
  }
}
