// Rows looked up by key straight from the snapshot's per-kind maps: no 10,000-entry map built per snapshot.
import { isKindName } from '../flux/kinds.js';
import type { ObjectKey, StatusRow } from '../flux/types.js';
import { isOwnerKind } from '../flux/workload-health.js';
import type { ClusterSnapshot } from '../kube/port.js';
import { overlaid, verdictsOf } from './workload-overlay.js';

/** The row as shown: a Ready owner whose workloads are not reads Degraded (workload-overlay.ts). */
export function lookupRow(snapshot: ClusterSnapshot, key: ObjectKey): StatusRow | undefined {
  const kind = key.slice(0, key.indexOf('/'));
  if (!isKindName(kind)) return undefined;
  const row = snapshot.kinds.get(kind)?.rows.get(key);
  return row && isOwnerKind(kind) ? overlaid(row, verdictsOf(snapshot)) : row;
}

/** Every row of a snapshot as one read-only map (what src/flux/advice.ts asks for). */
export class SnapshotRows implements ReadonlyMap<ObjectKey, StatusRow> {
  constructor(private readonly snapshot: ClusterSnapshot) {}

  get(key: ObjectKey): StatusRow | undefined {
    return lookupRow(this.snapshot, key);
  }
  has(key: ObjectKey): boolean {
    return this.get(key) !== undefined;
  }
  get size(): number {
    let n = 0;
    for (const slice of this.snapshot.kinds.values()) n += slice.rows.size;
    return n;
  }
  *entries(): MapIterator<[ObjectKey, StatusRow]> {
    const verdicts = verdictsOf(this.snapshot);
    for (const [kind, slice] of this.snapshot.kinds) {
      if (!verdicts || !isOwnerKind(kind)) yield* slice.rows.entries();
      else for (const [key, row] of slice.rows) yield [key, overlaid(row, verdicts)];
    }
  }
  *keys(): MapIterator<ObjectKey> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): MapIterator<StatusRow> {
    for (const [, row] of this.entries()) yield row;
  }
  forEach(
    callback: (value: StatusRow, key: ObjectKey, map: ReadonlyMap<ObjectKey, StatusRow>) => void,
  ): void {
    for (const [key, row] of this.entries()) callback(row, key, this);
  }
  [Symbol.iterator](): MapIterator<[ObjectKey, StatusRow]> {
    return this.entries();
  }
}
