// Fault injection for tests: dropped watches, 410 Gone, 5xx, latency, RBAC denials, missing CRDs, an
// API server that goes away and comes back, and one that restarts — coming back before its CRD groups
// are registered again, as a real kube-apiserver does (docs/simulator.md). Every fault takes effect at once and can be undone;
// reset() clears them all. The request log lets tests count retries and catch hot loops.

import type { WatchHub } from './api/watch-hub.js';
import type { ResourceRegistry } from './resources.js';
import type { ResourceId, SimClock, SimTimer } from './types.js';

/** What a fault rule sees of a request. */
export interface FaultRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection); undefined for non-resource paths. */
  readonly verb: string | undefined;
  readonly resource: ResourceId | undefined;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
}

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  /** The raw query string without '?'. */
  readonly query: string;
  /** Kubernetes verb, once the path is understood. */
  readonly verb: string | undefined;
  readonly resource: ResourceId | undefined;
  /** HTTP status; 0 while the response has not started. */
  readonly status: number;
  /** Clock time (ms) when the request arrived. */
  readonly time: number;
}

/** The HTTP layer fills a record in as the request is understood and answered. */
export type MutableRequestRecord = { -readonly [K in keyof RequestRecord]: RequestRecord[K] };

export interface DenyRule {
  readonly verb?: string;
  /** A ResourceId (`helm.toolkit.fluxcd.io/helmreleases`), a plural (`helmreleases`) or `plural.group`. */
  readonly resource?: string;
  readonly namespace?: string;
  /**
   * Denies everything outside this namespace, the cluster scope included: a user with a RoleBinding in
   * one namespace and no ClusterRoleBinding.
   */
  readonly exceptNamespace?: string;
}

export interface ServerErrorRule {
  readonly status: 500 | 503;
  /** How many requests fail; unlimited when absent. */
  readonly count?: number;
  readonly match?: (request: FaultRequest) => boolean;
}

/** An admission failure (e.g. a validating webhook that times out): matching writes get 500 InternalError. */
export interface WriteRejectionRule {
  /** A ResourceId (`apps/deployments`); any resource when absent. */
  readonly resource?: ResourceId;
  readonly namespace?: string;
  /** The API server's wording after `Internal error occurred: `, e.g. `failed calling webhook "…": …`. */
  readonly message: string;
}

const WRITE_VERBS: ReadonlySet<string> = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export interface SimFaults {
  /** Ends every open watch stream now; clients must resume. */
  dropWatches(): void;
  /** The next watch that resumes from a resourceVersion (of `resource`, or any) gets a 410 Expired ERROR event. */
  goneOnNextWatch(resource?: ResourceId): () => void;
  serverErrors(rule: ServerErrorRule): () => void;
  /** Matching writes fail as a broken admission webhook makes them fail (e.g. `helm rollback` applying a release). */
  rejectWrites(rule: WriteRejectionRule): () => void;
  /** Adds `ms` of (real-time) latency to every request. */
  latency(ms: number): () => void;
  /** RBAC denial: matching requests get 403 Forbidden with the authorizer's wording. */
  deny(rule: DenyRule): () => void;
  /** The CRD of `kind` disappears from discovery and its paths 404; its watches end. */
  removeCrd(kind: string): void;
  restoreCrd(kind: string): void;
  /** Stops listening and destroys every open connection. */
  goAway(): Promise<void>;
  /** Listens again on the same port with the same certificate. */
  comeBack(): Promise<void>;
  /**
   * An API server restart: every connection drops, the server listens again on the same port and
   * certificate, but for `crdLagMs` of clock time (default: the sim's crdRegistrationLagMs) its CRD groups
   * are missing from /apis and their paths answer 404 — the apiextensions controller has not registered
   * them again yet. Resolves once it listens again.
   */
  restart(options?: { readonly crdLagMs?: number }): Promise<void>;
  /** The CRD groups leave discovery (their paths 404) for `ms` of clock time from now, as after a restart. */
  unregisterCrdsFor(ms: number): void;
  /** Whether the CRD groups are still unregistered after a restart. */
  readonly registeringCrds: boolean;
  /** A snapshot of the request log (oldest first, bounded). */
  requests(): readonly RequestRecord[];
  clearRequests(): void;
  /** Clears every fault, restores removed CRDs, and listens again if the server went away. */
  reset(): Promise<void>;
}

const MAX_RECORDS = 20_000;

/** The fault rules the HTTP layer consults on every request. */
export class FaultState {
  latencyMs = 0;
  readonly errorRules = new Set<{ rule: ServerErrorRule; remaining: number }>();
  readonly denyRules = new Set<DenyRule>();
  readonly goneNext = new Set<{ resource: ResourceId | undefined }>();
  readonly writeRejections = new Set<WriteRejectionRule>();
  records: MutableRequestRecord[] = [];

  record(entry: MutableRequestRecord): void {
    this.records.push(entry);
    if (this.records.length > MAX_RECORDS) this.records = this.records.slice(-MAX_RECORDS / 2);
  }

  /** The status of an injected server error for this request, consuming one from its rule. */
  takeServerError(request: FaultRequest): 500 | 503 | undefined {
    for (const entry of this.errorRules) {
      if (entry.remaining <= 0 || (entry.rule.match && !entry.rule.match(request))) continue;
      entry.remaining--;
      if (entry.remaining <= 0) this.errorRules.delete(entry);
      return entry.rule.status;
    }
    return undefined;
  }

  denies(request: FaultRequest, names: { id: ResourceId; plural: string; qualified: string }): boolean {
    for (const rule of this.denyRules) {
      if (rule.verb !== undefined && rule.verb !== request.verb) continue;
      if (rule.resource !== undefined && ![names.id, names.plural, names.qualified].includes(rule.resource))
        continue;
      if (rule.exceptNamespace !== undefined && request.namespace === rule.exceptNamespace) continue;
      // A denial in one namespace also denies the cluster scope (which would include that namespace).
      if (
        rule.namespace !== undefined &&
        request.namespace !== undefined &&
        rule.namespace !== request.namespace
      )
        continue;
      return true;
    }
    return false;
  }

  /** The admission error for a write this fault rejects, else undefined. */
  rejection(request: FaultRequest): string | undefined {
    if (request.verb === undefined || !WRITE_VERBS.has(request.verb)) return undefined;
    for (const rule of this.writeRejections) {
      if (rule.resource !== undefined && rule.resource !== request.resource) continue;
      if (rule.namespace !== undefined && rule.namespace !== request.namespace) continue;
      return rule.message;
    }
    return undefined;
  }

  takeGone(resource: ResourceId): boolean {
    for (const entry of this.goneNext) {
      if (entry.resource !== undefined && entry.resource !== resource) continue;
      this.goneNext.delete(entry);
      return true;
    }
    return false;
  }

  clear(): void {
    this.latencyMs = 0;
    this.errorRules.clear();
    this.denyRules.clear();
    this.goneNext.clear();
    this.writeRejections.clear();
  }
}

export interface FaultTargets {
  readonly registry: ResourceRegistry;
  readonly watches: WatchHub;
  readonly clock: SimClock;
  /** restart()'s default lag. */
  readonly crdLagMs: number;
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
  readonly away: boolean;
}

export function createFaults(state: FaultState, targets: FaultTargets): SimFaults {
  let registered: SimTimer | undefined;
  const registerCrds = (): void => {
    if (registered) targets.clock.clearTimeout(registered);
    registered = undefined;
    targets.registry.registering = false;
  };
  const unregisterCrdsFor = (ms: number): void => {
    registerCrds();
    if (ms <= 0) return;
    targets.registry.registering = true;
    registered = targets.clock.setTimeout(registerCrds, ms);
  };
  const removable = <T>(set: Set<T>, item: T): (() => void) => {
    set.add(item);
    return () => {
      set.delete(item);
    };
  };
  return {
    dropWatches: () => {
      targets.watches.end((s) => s.kind === 'watch');
    },
    goneOnNextWatch: (resource) => removable(state.goneNext, { resource }),
    serverErrors: (rule) =>
      removable(state.errorRules, { rule, remaining: rule.count ?? Number.POSITIVE_INFINITY }),
    rejectWrites: (rule) => removable(state.writeRejections, rule),
    latency: (ms) => {
      const before = state.latencyMs;
      state.latencyMs = Math.max(0, ms);
      return () => {
        state.latencyMs = before;
      };
    },
    deny: (rule) => removable(state.denyRules, rule),
    removeCrd: (kind) => {
      const def = targets.registry.remove(kind);
      targets.watches.end((s) => s.resource === def.id);
    },
    restoreCrd: (kind) => targets.registry.restore(kind),
    goAway: () => targets.goAway(),
    comeBack: () => targets.comeBack(),
    restart: async (options) => {
      const lag = Math.max(0, options?.crdLagMs ?? targets.crdLagMs);
      await targets.goAway();
      unregisterCrdsFor(lag);
      await targets.comeBack();
    },
    unregisterCrdsFor,
    get registeringCrds() {
      return targets.registry.registering;
    },
    requests: () => state.records.map((r) => ({ ...r })),
    clearRequests: () => {
      state.records = [];
    },
    reset: async () => {
      state.clear();
      registerCrds();
      targets.registry.restoreAll();
      if (targets.away) await targets.comeBack();
    },
  };
}
