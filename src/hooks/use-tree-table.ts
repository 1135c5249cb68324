// The `:tree` table (`t`): the owner's inventory as a live tree. The owner and nested Flux objects come
// from the live store; their managed objects from one live inventory each (inventory-tree-watches.ts).
// Watches run only while the view is shown.
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { helmReleaseName, helmReleaseNamespace, helmStorageNamespace } from '../flux/helm.js';
import { inventoryFluxRef, isApplierKind, readInventory } from '../flux/inventory.js';
import { str } from '../flux/narrow.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterPort, ClusterSnapshot, InventoryObjectHealth, RawObject } from '../kube/port.js';
import { shownColumns } from '../present/grid-layout.js';
import { inventorySummary } from '../present/inventory-lines.js';
import type { AuxTable } from '../present/tables.js';
import {
  type TreeChildren,
  type TreeRow,
  treeColumns,
  treeRowKey,
  treeRowStyle,
  treeRows,
} from '../present/tree-columns.js';
import type { Notice } from '../present/watch-state.js';
import { type OwnerSource, TreeWatches } from './inventory-tree-watches.js';
import type { ListScreen } from './navigation.js';
import { lookupRow } from './snapshot-rows.js';
import { noInventory } from './use-inventory.js';
import { type TableSpec, useTableRows } from './use-table-rows.js';

const COLUMNS = treeColumns();
const NONE: readonly TreeRow[] = [];

const SPEC: TableSpec<TreeRow> = {
  key: treeRowKey,
  haystack: (r) => [r.kind, r.namespace, r.name, r.status, r.message],
  healthy: (r) => r.ready,
  // A tree reads top to bottom.
  order: (r) => [r.index],
  structural: true,
};

const signatures = new WeakMap<RawObject, string>();

/** Changes when the applied inventory does: its entry ids (memoised per object, which the store reuses). */
function inventorySignature(raw: RawObject): string {
  let sig = signatures.get(raw);
  if (sig === undefined) {
    sig = readInventory(raw)
      .map((e) => `${e.namespace}_${e.name}_${e.group}_${e.kind}`)
      .join(' ');
    signatures.set(raw, sig);
  }
  return sig;
}

function ownerSource(row: StatusRow, raw: RawObject): OwnerSource {
  const base = { key: row.key, ref: row.ref };
  const entries = readInventory(raw);
  if (entries.length > 0) return { ...base, signature: inventorySignature(raw), entries };
  if (row.ref.kind === 'HelmRelease' && str(raw, 'status', 'lastAttemptedRevision')) {
    const release = helmReleaseName(raw);
    return {
      ...base,
      // A new release (upgrade, rollback) is a new manifest: read again when the history moves.
      signature: `helm:${JSON.stringify((raw['status'] as Record<string, unknown> | undefined)?.['history'] ?? '')}:${str(raw, 'status', 'lastAttemptedRevision')}`,
      helm: { storageNamespace: helmStorageNamespace(raw), release, namespace: helmReleaseNamespace(raw) },
    };
  }
  return { ...base, signature: 'none', none: noInventory(row, raw) };
}

/** The row as the tables show it (a Ready owner with unhealthy workloads reads Degraded) and its object. */
function rawOf(snapshot: ClusterSnapshot, key: string): { row?: StatusRow; raw?: RawObject } {
  const kind = key.split('/')[0] ?? '';
  const row = lookupRow(snapshot, key);
  const raw = snapshot.kinds.get(kind as never)?.raw.get(key);
  return { ...(row ? { row } : {}), ...(raw ? { raw } : {}) };
}

export function useTreeTable(
  port: ClusterPort,
  snapshot: ClusterSnapshot,
  list: ListScreen,
  width: number,
): AuxTable<TreeRow> {
  const shown = list.view === 'tree';
  const target = shown ? list.scope : undefined;
  const [tick, bump] = useReducer((n: number) => n + 1, 0);
  const watches = useRef<TreeWatches | undefined>(undefined);
  useEffect(() => {
    if (target === undefined) return undefined;
    const w = new TreeWatches(port, bump);
    watches.current = w;
    return () => {
      w.close();
      if (watches.current === w) watches.current = undefined;
    };
  }, [port, target]);

  const root = target ? rawOf(snapshot, target) : {};
  // The tree is rebuilt when a readout arrives or one of its Flux objects changes — not on every snapshot:
  // a 2,000-object tree costs milliseconds to build, and snapshots come ten times a second.
  const snap = useRef(snapshot);
  snap.current = snapshot;
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick says a readout arrived (the watches are a ref).
  const fluxKeys = useMemo(() => treeFluxKeys(watches.current, target), [target, tick]);
  const fluxRows = useStableList(fluxKeys.map((k) => rawOf(snapshot, k).row));
  // The owners to keep live: the root, then each nested Kustomization/HelmRelease the tree reaches.
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick and fluxRows say what changed; the snapshot is read through its ref.
  const wanted = useMemo(() => {
    const snapshot = snap.current;
    if (!target || !root.row || !root.raw) return [];
    const out: OwnerSource[] = [ownerSource(root.row, root.raw)];
    const seen = new Set([target]);
    for (let i = 0; i < out.length && i < 64; i++) {
      const children = watches.current?.children((out[i] as OwnerSource).key);
      if (children?.phase !== 'ready') continue;
      for (const item of children.items) {
        const ref = inventoryFluxRef(item.entry);
        if (!ref || !isApplierKind(ref.kind)) continue;
        const key = `${ref.kind}/${ref.namespace}/${ref.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const nested = rawOf(snapshot, key);
        if (nested.row && nested.raw) out.push(ownerSource(nested.row, nested.raw));
      }
    }
    return out;
  }, [target, root.row, root.raw, fluxRows, tick]);
  useEffect(() => {
    watches.current?.sync(wanted);
  }, [wanted]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick and fluxRows say what changed; the snapshot is read through its ref.
  const rows = useMemo(() => {
    const snapshot = snap.current;
    if (!target || !root.row) return NONE;
    const r = root.row;
    return treeRows({
      owner: {
        key: r.key,
        kind: r.ref.kind,
        namespace: r.ref.namespace,
        name: r.ref.name,
        health: r.health,
        ready: r.health === 'Ready',
        message: r.message,
      },
      children: (key): TreeChildren | undefined =>
        watches.current?.children(key) ??
        (rawOf(snapshot, key).row
          ? undefined
          : { phase: 'none', message: 'not in the cache (outside the namespace shown?)' }),
      fluxStatus: (key) => {
        const row = rawOf(snapshot, key).row;
        return row ? { health: row.health, ready: row.health === 'Ready', message: row.message } : undefined;
      },
    });
  }, [target, root.row, fluxRows, tick]);

  const sortColumns = useMemo(() => shownColumns(COLUMNS, width), [width]);
  const table = useTableRows(rows, SPEC, list.filter, list.health, list.sort, sortColumns, target ?? '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick says a readout arrived (the watches are a ref).
  const notices = useMemo(
    () =>
      shown
        ? treeNotices(
            target ?? '',
            root.row,
            wanted.map((w) => watches.current?.children(w.key)),
          )
        : [],
    [shown, target, root.row, wanted, tick],
  );
  const f = [list.filter ? `</${list.filter}>` : '', list.health !== 'all' ? `<${list.health}>` : ''].filter(
    Boolean,
  );
  return {
    ...table,
    title: `Tree(${target ?? ''})${f.length ? ` ${f.join(' ')}` : ''}`,
    columns: COLUMNS,
    rowKey: treeRowKey,
    rowStyle: treeRowStyle,
    notices,
    unavailable: shown && !root.row,
  };
}

/** The keys of every Flux object the tree shows: owners and Flux entries alike (their rows are judged). */
function treeFluxKeys(watches: TreeWatches | undefined, target: string | undefined): readonly string[] {
  if (!target || !watches) return target ? [target] : [];
  const keys = new Set<string>([target]);
  const queue = [target];
  while (queue.length > 0 && keys.size < 10_000) {
    const children = watches.children(queue.shift() as string);
    if (children?.phase !== 'ready') continue;
    for (const item of children.items) {
      const ref = inventoryFluxRef(item.entry);
      if (!ref) continue;
      const key = `${ref.kind}/${ref.namespace}/${ref.name}`;
      if (keys.has(key)) continue;
      keys.add(key);
      if (isApplierKind(ref.kind)) queue.push(key);
    }
  }
  return [...keys];
}

/** The same array while its elements are the same objects (the store reuses unchanged rows). */
function useStableList<T>(list: readonly T[]): readonly T[] {
  const held = useRef(list);
  const prev = held.current;
  if (prev.length !== list.length || prev.some((v, i) => v !== list[i])) held.current = list;
  return held.current;
}

/** Above the tree: what is not ready in the whole tree (nested inventories included), and the notes. */
function treeNotices(
  target: string,
  row: StatusRow | undefined,
  owners: readonly (TreeChildren | undefined)[],
): Notice[] {
  if (!row) return [{ text: `${target} is not in the cache (outside the namespace shown?)`, tone: 'bad' }];
  const root = owners[0];
  if (!root || root.phase === 'pending') return [{ text: 'reading the managed objects…', tone: 'busy' }];
  const ready = owners.flatMap((o) => (o?.phase === 'ready' ? [o] : []));
  if (ready.length === 0) return [];
  // The same object under two owners counts once.
  const items = new Map<string, InventoryObjectHealth>();
  for (const o of ready)
    for (const i of o.items)
      items.set(`${i.entry.group}/${i.entry.kind}/${i.entry.namespace}/${i.entry.name}`, i);
  const summary = inventorySummary([...items.values()].filter((i) => !inventoryFluxRef(i.entry)));
  const notes = [...new Set(ready.flatMap((o) => o.notes ?? []))];
  return [
    { text: summary.text, tone: summary.ok ? 'ok' : 'bad' },
    ...notes.map((text): Notice => ({ text, tone: 'warn' })),
  ];
}
