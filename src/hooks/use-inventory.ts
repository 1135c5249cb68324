// The Inventory tab's data: the managed objects read live when the tab opens, and again when the object's
// revision moves (a new apply) — one read per change, no polling (src/kube/inventory-objects.ts).
import { useMemo, useRef } from 'react';
import { readInventory } from '../flux/inventory.js';
import { str } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterPort, InventoryReadout, RawObject } from '../kube/port.js';
import type { InventoryState } from '../present/inventory-lines.js';
import { useRevisionLoad } from './use-revision-load.js';

export type LoadInventory = (row: StatusRow, raw: RawObject) => Promise<InventoryReadout>;

export function inventoryFromPort(port: ClusterPort): LoadInventory | undefined {
  const read = port.inventoryObjects?.bind(port);
  if (!read) return undefined;
  return (row, raw) => read(row.ref, readInventory(raw));
}

export function noInventory(row: StatusRow, raw: RawObject | undefined): string {
  const applied = sanitizeText(str(raw, 'status', 'lastAppliedRevision'), 200);
  return row.ref.kind === 'HelmRelease'
    ? 'This HelmRelease records no inventory: helm-controller writes status.inventory from 1.5 (Flux 2.8) on, or the release is not installed yet. Its objects are in the release manifest (c, Changes).'
    : applied
      ? `This ${row.ref.kind} records no inventory although it applied ${applied}: the objects it manages cannot be listed from it.`
      : `This ${row.ref.kind} records no inventory yet: it has not applied anything.`;
}

export function useInventory(
  row: StatusRow | undefined,
  raw: RawObject | undefined,
  load: LoadInventory | undefined,
): InventoryState {
  // The object as it is when the read starts (a snapshot newer than the revision change is fine).
  const latest = useRef(raw);
  latest.current = raw;
  const hasInventory = raw !== undefined && readInventory(raw).length > 0;
  const read = useMemo(() => (load ? (r: StatusRow) => load(r, latest.current ?? {}) : undefined), [load]);
  const loaded = useRevisionLoad(hasInventory ? row : undefined, read, 'managed objects cannot be read here');
  if (row && !hasInventory) return { phase: 'none', message: noInventory(row, raw) };
  return loaded.phase === 'ready' ? { phase: 'ready', readout: loaded.value } : loaded;
}
