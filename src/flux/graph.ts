// The dependsOn graph between Flux objects, and where to start fixing when a chain is blocked.
// Every walk keeps a visited set, so cycles and missing nodes never loop; nothing recurses, so a chain of
// thousands of objects cannot overflow the stack.
import { isRowReady } from './status.js';
import { type DependencyRef, type ObjectKey, type ObjectRef, objectKey, type StatusRow } from './types.js';

export interface DependencyGraph {
  /** Whether an object with this key exists. */
  has(key: ObjectKey): boolean;
  row(key: ObjectKey): StatusRow | undefined;
  /** Whether the object exists and is ready for its dependents (Ready=True, current generation observed). */
  isReady(key: ObjectKey): boolean;
  /** Direct dependencies in spec order, including ones that do not exist. */
  dependencies(key: ObjectKey): ObjectKey[];
  /** Objects that list this one in dependsOn, sorted by key. */
  dependents(key: ObjectKey): ObjectKey[];
  /** Transitive dependencies, nearest first (breadth-first), including ones that do not exist. */
  upstream(key: ObjectKey): ObjectKey[];
  /** Transitive dependents, each after all of its own dependencies within the set (topological order). */
  downstream(key: ObjectKey): ObjectKey[];
  /**
   * Where to start fixing: the not-ready objects reachable from `key` through not-ready dependencies whose
   * own existing dependencies are all ready, furthest first. `[key]` when key itself is such an object;
   * [] when key is ready or unknown. A dependency that does not exist is not walked into (see missing).
   * In a not-ready cycle with no way out, the cycle's members are returned.
   */
  rootCauses(key: ObjectKey): ObjectKey[];
  /** Not ready, no not-ready dependency, and at least one not-ready dependent: the head of a blocked chain. */
  isChainRoot(key: ObjectKey): boolean;
  /** Direct dependencies that do not exist. */
  missing(key: ObjectKey): ObjectRef[];
  /** Dependency cycles (strongly connected components with more than one member, or a self-dependency). */
  cycles(): ObjectKey[][];
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Breadth-first distances from `start` along `next`, start excluded; visit order is the map's order. */
function bfs(start: ObjectKey, next: (key: ObjectKey) => readonly ObjectKey[]): Map<ObjectKey, number> {
  const dist = new Map<ObjectKey, number>([[start, 0]]);
  const queue: ObjectKey[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i] as ObjectKey;
    const d = dist.get(cur) ?? 0;
    for (const n of next(cur)) {
      if (dist.has(n)) continue;
      dist.set(n, d + 1);
      queue.push(n);
    }
  }
  dist.delete(start);
  return dist;
}

/**
 * Orders `nodes` so each comes after its dependencies within the set (Kahn's algorithm); ties by the given
 * rank, then key. Members of cycles, which have no such order, follow in rank order.
 */
function topological(
  nodes: readonly ObjectKey[],
  deps: (key: ObjectKey) => readonly ObjectKey[],
  rank: (key: ObjectKey) => number,
): ObjectKey[] {
  const set = new Set(nodes);
  const byRank = (a: ObjectKey, b: ObjectKey) => rank(a) - rank(b) || compareKeys(a, b);
  const pending = new Map<ObjectKey, number>();
  const dependentsIn = new Map<ObjectKey, ObjectKey[]>();
  for (const n of nodes) {
    const inSet = [...new Set(deps(n))].filter((d) => set.has(d) && d !== n);
    pending.set(n, inSet.length);
    for (const d of inSet) {
      const list = dependentsIn.get(d) ?? [];
      list.push(n);
      dependentsIn.set(d, list);
    }
  }
  const out: ObjectKey[] = [];
  const done = new Set<ObjectKey>();
  let ready = nodes.filter((n) => pending.get(n) === 0).sort(byRank);
  while (ready.length > 0) {
    const next: ObjectKey[] = [];
    for (const n of ready) {
      out.push(n);
      done.add(n);
      for (const m of dependentsIn.get(n) ?? []) {
        const left = (pending.get(m) ?? 0) - 1;
        pending.set(m, left);
        if (left === 0) next.push(m);
      }
    }
    ready = next.sort(byRank);
  }
  for (const n of [...nodes].sort(byRank)) if (!done.has(n)) out.push(n);
  return out;
}

/** Tarjan's strongly connected components, iterative. */
function stronglyConnected(
  keys: readonly ObjectKey[],
  next: (key: ObjectKey) => readonly ObjectKey[],
): ObjectKey[][] {
  const index = new Map<ObjectKey, number>();
  const low = new Map<ObjectKey, number>();
  const onStack = new Set<ObjectKey>();
  const stack: ObjectKey[] = [];
  const out: ObjectKey[][] = [];
  let counter = 0;
  for (const start of keys) {
    if (index.has(start)) continue;
    const work: { key: ObjectKey; edges: readonly ObjectKey[]; i: number }[] = [];
    const open = (key: ObjectKey) => {
      index.set(key, counter);
      low.set(key, counter);
      counter++;
      stack.push(key);
      onStack.add(key);
      work.push({ key, edges: next(key), i: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      if (frame.i < frame.edges.length) {
        const to = frame.edges[frame.i++] as ObjectKey;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.key, Math.min(low.get(frame.key) ?? 0, index.get(to) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.key, Math.min(low.get(parent.key) ?? 0, low.get(frame.key) ?? 0));
      if (low.get(frame.key) === index.get(frame.key)) {
        const component: ObjectKey[] = [];
        let member: ObjectKey | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.key);
        out.push(component);
      }
    }
  }
  return out;
}

export function buildDependencyGraph(rows: Iterable<StatusRow>): DependencyGraph {
  const byKey = new Map<ObjectKey, StatusRow>();
  for (const row of rows) byKey.set(row.key, row);

  const deps = new Map<ObjectKey, ObjectKey[]>();
  const refs = new Map<ObjectKey, ObjectRef>();
  const dependentsOf = new Map<ObjectKey, Set<ObjectKey>>();
  for (const row of byKey.values()) {
    const list: ObjectKey[] = [];
    for (const ref of row.dependsOn) {
      const k = objectKey(ref);
      if (list.includes(k)) continue;
      list.push(k);
      if (!refs.has(k)) refs.set(k, ref);
      const set = dependentsOf.get(k) ?? new Set<ObjectKey>();
      set.add(row.key);
      dependentsOf.set(k, set);
    }
    deps.set(row.key, list);
  }

  const has = (key: ObjectKey) => byKey.has(key);
  const isReady = (key: ObjectKey) => {
    const row = byKey.get(key);
    return row !== undefined && isRowReady(row);
  };
  const dependencies = (key: ObjectKey) => deps.get(key) ?? [];
  const dependents = (key: ObjectKey) => [...(dependentsOf.get(key) ?? [])].sort(compareKeys);
  const notReadyDeps = (key: ObjectKey) => dependencies(key).filter((d) => has(d) && !isReady(d));

  let cycleCache: ObjectKey[][] | undefined;
  const cycles = () => {
    cycleCache ??= stronglyConnected([...byKey.keys()].sort(compareKeys), (k) => dependencies(k).filter(has))
      .filter((c) => c.length > 1 || (c[0] !== undefined && dependencies(c[0]).includes(c[0])))
      .map((c) => c.sort(compareKeys))
      .sort((a, b) => compareKeys(a[0] ?? '', b[0] ?? ''));
    return cycleCache.map((c) => [...c]);
  };

  const rootCauses = (key: ObjectKey): ObjectKey[] => {
    if (!has(key) || isReady(key)) return [];
    const dist = bfs(key, notReadyDeps);
    dist.set(key, 0);
    const roots = [...dist.keys()].filter((k) => notReadyDeps(k).length === 0);
    if (roots.length > 0) {
      return roots.sort((a, b) => (dist.get(b) ?? 0) - (dist.get(a) ?? 0) || compareKeys(a, b));
    }
    // Every not-ready object we reached waits on another: a cycle. Its members are where to look.
    const reached = new Set(dist.keys());
    return cycles()
      .filter((c) => c.some((k) => reached.has(k)))
      .flat()
      .filter((k) => reached.has(k));
  };

  return {
    has,
    row: (key) => byKey.get(key),
    isReady,
    dependencies: (key) => [...dependencies(key)],
    dependents,
    upstream: (key) => [...bfs(key, dependencies).keys()],
    downstream: (key) => {
      const dist = bfs(key, dependents);
      return topological([...dist.keys()], dependencies, (k) => dist.get(k) ?? 0);
    },
    rootCauses,
    isChainRoot: (key) =>
      has(key) &&
      !isReady(key) &&
      notReadyDeps(key).length === 0 &&
      dependents(key).some((d) => has(d) && !isReady(d)),
    missing: (key) =>
      dependencies(key)
        .filter((d) => !has(d))
        .map((d) => refs.get(d))
        .filter((r): r is ObjectRef => r !== undefined),
    cycles,
  };
}

/** The direct dependencies of an object with their live health ('Missing' when absent). */
export function dependencyStatus(graph: DependencyGraph, key: ObjectKey): DependencyRef[] {
  const row = graph.row(key);
  if (!row) return [];
  return row.dependsOn.map((ref) => {
    const dep = graph.row(objectKey(ref));
    return { ref, health: dep ? dep.health : 'Missing' };
  });
}

/**
 * The objects to reconcile, in order, to unblock `key`: its root cause(s) first, then every not-ready
 * object on the way down to and including `key`, each after its dependencies. [] when `key` is ready.
 *
 * Other blocked dependents of the root that `key` does not depend on are deliberately left out: the runbook
 * says fix A, wait until A is ready, then reconcile B, so the action walks one path at a time and waits at
 * each step; objects off the path recover by themselves when their controller retries (every 30 s by
 * default), and the plan shown in the confirmation dialog stays exactly the chain the user selected. Use
 * blockedBy to tell the user about them.
 */
export function fixChainPlan(graph: DependencyGraph, key: ObjectKey): ObjectRef[] {
  if (!graph.has(key) || graph.isReady(key)) return [];
  const notReadyDeps = (k: ObjectKey) =>
    graph.dependencies(k).filter((d) => graph.has(d) && !graph.isReady(d));
  const dist = bfs(key, notReadyDeps);
  dist.set(key, 0);
  const order = topological([...dist.keys()], notReadyDeps, (k) => -(dist.get(k) ?? 0));
  return order.map((k) => graph.row(k)?.ref).filter((r): r is ObjectRef => r !== undefined);
}

/**
 * The source a not-ready object pulls from (Kustomization sourceRef, HelmRelease chart source …) when that
 * source is not ready either: blocked all the same, though not by a dependsOn chain. undefined otherwise.
 */
export function failingSource(
  row: StatusRow,
  rowOf: (key: ObjectKey) => StatusRow | undefined,
): StatusRow | undefined {
  if (!row.source || isRowReady(row)) return undefined;
  const source = rowOf(objectKey(row.source));
  return source && !isRowReady(source) ? source : undefined;
}

/** Not-ready objects downstream of `key` (what a failure of `key` blocks), in topological order. */
export function blockedBy(graph: DependencyGraph, key: ObjectKey): ObjectKey[] {
  return graph.downstream(key).filter((k) => !graph.isReady(k));
}
