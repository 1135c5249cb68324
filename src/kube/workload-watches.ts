// The watches behind the workload table (src/kube/workload-table.ts): Deployments, StatefulSets and
// DaemonSets selected by each Flux owner label — six list+watch loops — and the pods of the workloads that
// are not Current, one selected watch each, as many as the table asks for (at most MAX_POD_WATCHES).
// Across all namespaces the selector is the owner label's existence (`kustomize.toolkit.fluxcd.io/name`).
// Narrowed to a namespace, the owners are those in it but what they apply may be anywhere: the watch is
// cluster-wide on `…/namespace=<ns>`, and only when that is forbidden (namespace-scoped RBAC) falls back to
// the existence selector in the namespace itself. A workload kind the user may not list at all is reported
// by its watch as forbidden and retried slowly; the table then judges nothing of that kind.
import {
  appliedByKindSelector,
  appliedInNamespaceSelector,
  OWNER_KINDS,
  type OwnerKind,
  WORKLOAD_KINDS,
  type WorkloadKind,
} from '../flux/workload-health.js';
import type { ListWatch, WatchSink } from './list-watch.js';
import { PODS, type ResourceType } from './paths.js';
import type { Transport } from './transport.js';
import { getWorkload, WORKLOAD_RESOURCES } from './workload-resources.js';
import type { PodWatchSpec, WorkloadTable } from './workload-table.js';

export type StartWatch = (
  resource: ResourceType,
  namespace: string | undefined,
  sink: WatchSink,
  labelSelector: string,
) => ListWatch;

export class WorkloadWatches {
  private readonly scoped = new Map<string, ListWatch>();
  private readonly pods = new Map<string, ListWatch>();
  private closed = false;

  constructor(
    private readonly table: WorkloadTable,
    private readonly start: StartWatch,
    private readonly transport: Transport,
    private readonly signal: AbortSignal,
  ) {
    table.connect(
      (ref) => (this.closed ? Promise.resolve(undefined) : getWorkload(this.transport, ref, this.signal)),
      (specs) => this.wantPods(specs),
    );
  }

  /** (Re)starts the workload watches in a namespace (undefined: all); what was held is forgotten. */
  watch(namespace: string | undefined): void {
    if (this.closed) return;
    const old = [...this.scoped.values(), ...this.pods.values()];
    this.scoped.clear();
    this.pods.clear();
    for (const w of old) void w.close();
    this.table.reset();
    for (const kind of WORKLOAD_KINDS) for (const owner of OWNER_KINDS) this.watchOne(kind, owner, namespace);
  }

  private watchOne(kind: WorkloadKind, owner: OwnerKind, namespace: string | undefined): void {
    const id = `${kind}:${owner}`;
    const resource = WORKLOAD_RESOURCES[kind];
    if (namespace === undefined) {
      const sink = this.table.sink(kind, owner);
      this.scoped.set(id, this.start(resource, undefined, sink, appliedByKindSelector(owner)));
      return;
    }
    const sink = this.table.sink(kind, owner);
    let fellBack = false;
    const wide = this.start(
      resource,
      undefined,
      {
        reset: (items, apiVersion) => !fellBack && sink.reset(items, apiVersion),
        event: (type, object) => !fellBack && sink.event(type, object),
        state: (state) => {
          if (fellBack) return;
          if (state.phase !== 'forbidden' || this.closed || this.scoped.get(id) !== wide) {
            sink.state(state);
            return;
          }
          // Not allowed across namespaces: what the owners applied in their own namespace, at least.
          fellBack = true;
          void wide.close();
          const narrow = this.table.sink(kind, owner, namespace);
          this.scoped.set(id, this.start(resource, namespace, narrow, appliedByKindSelector(owner)));
        },
      },
      appliedInNamespaceSelector(owner, namespace),
    );
    this.scoped.set(id, wide);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.scoped.values(), ...this.pods.values()];
    this.scoped.clear();
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
}
