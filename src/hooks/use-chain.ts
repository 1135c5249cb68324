// Dependency facts for the tables: what blocks a row (its root causes, or its failing source) and whether it
// heads a blocked chain. The graph holds only the objects in some dependsOn relation and is rebuilt only
// when one of them changed, so 200 updates a second to unrelated objects cost one identity scan each.
import { useMemo } from 'react';
import { blockedBy, buildDependencyGraph, type DependencyGraph, failingSource } from '../flux/graph.js';
import { isRowReady } from '../flux/status.js';
import { type ObjectKey, objectKey, type StatusRow } from '../flux/types.js';
import { useStableArray } from './use-cluster.js';
import type { ChainFacts } from './use-status-table.js';

export type RowLookup = (key: ObjectKey) => StatusRow | undefined;

// Dependency keys per row object, built once while the row lives (the port reuses unchanged rows).
const DEP_KEYS = new WeakMap<StatusRow, readonly ObjectKey[]>();

function depKeys(row: StatusRow): readonly ObjectKey[] {
  let keys = DEP_KEYS.get(row);
  if (!keys) {
    keys = row.dependsOn.map(objectKey);
    DEP_KEYS.set(row, keys);
  }
  return keys;
}

/**
 * The rows that depend on something or are depended on: all a dependency graph needs. The ones depended on
 * are looked up by key rather than found by testing every row, which matters at 10,000 rows per snapshot.
 */
export function dependencyParticipants(rows: readonly StatusRow[], lookup: RowLookup): StatusRow[] {
  const out: StatusRow[] = [];
  const referenced = new Set<ObjectKey>();
  for (const r of rows) {
    if (r.dependsOn.length === 0) continue;
    out.push(r);
    for (const k of depKeys(r)) referenced.add(k);
  }
  for (const k of referenced) {
    const r = lookup(k);
    if (r && r.dependsOn.length === 0) out.push(r);
  }
  return out;
}

/** How a related object reads next to `row`: its name, with namespace and kind only when they differ. */
export function relatedName(row: StatusRow, key: ObjectKey, lookup: RowLookup): string {
  const other = lookup(key);
  const [kind = '', namespace = '', ...rest] = key.split('/');
  const name = other?.ref.name ?? rest.join('/');
  const ns =
    (other?.ref.namespace ?? namespace) === row.ref.namespace ? '' : `${other?.ref.namespace ?? namespace}/`;
  const k = (other?.ref.kind ?? kind) === row.ref.kind ? '' : `${other?.ref.kind ?? kind}/`;
  return `${k}${ns}${name}`;
}

export function chainFacts(graph: DependencyGraph, lookup: RowLookup): ChainFacts {
  return {
    blockedBy: (row) => {
      if (isRowReady(row)) return '';
      const missing = graph.missing(row.key);
      if (missing.length > 0) return `missing ${missing.map((m) => m.name).join(',')}`;
      const roots = graph.rootCauses(row.key).filter((k) => k !== row.key);
      if (roots.length > 0) {
        const first = roots[0] ?? '';
        return `${relatedName(row, first, lookup)}${roots.length > 1 ? ` +${roots.length - 1}` : ''}`;
      }
      // Not a dependsOn chain, but blocked all the same: the source it pulls from is failing.
      const source = failingSource(row, lookup);
      if (!source) return '';
      const ns = source.ref.namespace === row.ref.namespace ? '' : `${source.ref.namespace}/`;
      return `source ${ns}${source.ref.name}`;
    },
    chainMark: (row) =>
      graph.isChainRoot(row.key) ? `◉ root (blocks ${blockedBy(graph, row.key).length})` : '',
  };
}

export function useChain(rows: readonly StatusRow[], lookup: RowLookup) {
  const participants = useStableArray(useMemo(() => dependencyParticipants(rows, lookup), [rows, lookup]));
  const graph = useMemo(() => buildDependencyGraph(participants), [participants]);
  const facts = useMemo(() => chainFacts(graph, lookup), [graph, lookup]);
  return { graph, facts };
}
