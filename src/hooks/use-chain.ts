// Dependency facts for the tables: what blocks a row (its root causes) and whether it heads a blocked chain.
// The graph is rebuilt only when the rows change; the per-row walks run only for rows on screen.
import { useMemo } from 'react';
import { blockedBy, buildDependencyGraph, type DependencyGraph } from '../flux/graph.js';
import { type ObjectKey, objectKey, type StatusRow } from '../flux/types.js';
import type { ChainFacts } from './use-status-table.js';

/** How a related object reads next to `row`: its name, with namespace and kind only when they differ. */
export function relatedName(row: StatusRow, key: ObjectKey, graph: DependencyGraph): string {
  const other = graph.row(key);
  const [kind = '', namespace = '', ...rest] = key.split('/');
  const name = other?.ref.name ?? rest.join('/');
  const ns =
    (other?.ref.namespace ?? namespace) === row.ref.namespace ? '' : `${other?.ref.namespace ?? namespace}/`;
  const k = (other?.ref.kind ?? kind) === row.ref.kind ? '' : `${other?.ref.kind ?? kind}/`;
  return `${k}${ns}${name}`;
}

export function chainFacts(graph: DependencyGraph): ChainFacts {
  return {
    blockedBy: (row) => {
      if (graph.isReady(row.key)) return '';
      const missing = graph.missing(row.key);
      if (missing.length > 0) return `missing ${missing.map((m) => m.name).join(',')}`;
      const roots = graph.rootCauses(row.key).filter((k) => k !== row.key);
      if (roots.length === 0) {
        // Not a dependsOn chain, but blocked all the same: the source it pulls from is failing.
        const source = row.source ? objectKey(row.source) : undefined;
        return source && graph.has(source) && !graph.isReady(source)
          ? `source ${relatedName(row, source, graph)}`
          : '';
      }
      const first = roots[0] ?? '';
      return `${relatedName(row, first, graph)}${roots.length > 1 ? ` +${roots.length - 1}` : ''}`;
    },
    chainMark: (row) =>
      graph.isChainRoot(row.key) ? `◉ root (blocks ${blockedBy(graph, row.key).length})` : '',
  };
}

export function useChain(rows: readonly StatusRow[]) {
  const graph = useMemo(() => buildDependencyGraph(rows), [rows]);
  const facts = useMemo(() => chainFacts(graph), [graph]);
  return { graph, facts };
}
