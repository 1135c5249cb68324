// The Inventory tab's data: the managed objects read live when the tab opens, and again when the object's
// revision moves (a new apply) — one read per change, no polling (src/kube/inventory-objects.ts).
import { useEffect, useRef, useState } from 'react';
import { readInventory } from '../flux/inventory.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterPort, InventoryReadout, RawObject } from '../kube/port.js';
import type { InventoryState } from '../present/inventory-lines.js';

export type LoadInventory = (row: StatusRow, raw: RawObject) => Promise<InventoryReadout>;

export function inventoryFromPort(port: ClusterPort): LoadInventory | undefined {
  const read = port.inventoryObjects?.bind(port);
  if (!read) return undefined;
  return (row, raw) => read(row.ref, readInventory(raw));
}

function noInventory(row: StatusRow): string {
  return row.ref.kind === 'HelmRelease'
    ? 'This HelmRelease records no inventory: helm-controller writes status.inventory from 1.5 (Flux 2.8) on, or the release is not installed yet. Its objects are in the release manifest (c, Changes).'
    : 'This Kustomization records no inventory yet: it has not applied anything.';
}

export function useInventory(
  row: StatusRow | undefined,
  raw: RawObject | undefined,
  load: LoadInventory | undefined,
): InventoryState {
  const [state, setState] = useState<{ key: string; state: InventoryState } | undefined>(undefined);
  const target = useRef({ row, raw });
  target.current = { row, raw };
  const trigger = row ? `${row.key}@${row.revision}` : undefined;
  useEffect(() => {
    const { row: current, raw: object } = target.current;
    if (trigger === undefined || !current) return undefined;
    const key = current.key;
    if (!load) {
      setState({ key, state: { phase: 'error', message: 'managed objects cannot be read here' } });
      return undefined;
    }
    if (!object || readInventory(object).length === 0) {
      setState({ key, state: { phase: 'none', message: noInventory(current) } });
      return undefined;
    }
    let live = true;
    setState({ key, state: { phase: 'loading' } });
    load(current, object).then(
      (readout) => live && setState({ key, state: { phase: 'ready', readout } }),
      (e: unknown) =>
        live &&
        setState({ key, state: { phase: 'error', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [trigger, load]);
  return row && state?.key === row.key ? state.state : { phase: 'loading' };
}
