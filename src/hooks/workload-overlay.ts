// The rows as the console shows them: a Ready Kustomization or HelmRelease whose managed workloads count as
// not healthy (the snapshot's workload verdicts, src/kube/workload-table.ts) reads Degraded, with the cause
// as its message (src/flux/workload-health.ts degradedRow). Every list and lookup of rows goes through here,
// so the Failing view, the appliers' views, the header's counts, the details and the advice agree. A row is
// laid over once per row version and verdict: unchanged objects keep their row object.
import type { ObjectKey, StatusRow } from '../flux/types.js';
import { degradedRow, type WorkloadVerdict } from '../flux/workload-health.js';
import type { ClusterSnapshot } from '../kube/port.js';

type Verdicts = ReadonlyMap<ObjectKey, WorkloadVerdict>;

const LAID = new WeakMap<StatusRow, { readonly verdict: WorkloadVerdict; readonly row: StatusRow }>();

export function verdictsOf(snapshot: ClusterSnapshot): Verdicts | undefined {
  const owners = snapshot.workloads?.owners;
  return owners && owners.size > 0 ? owners : undefined;
}

/** The row with its workloads' verdict laid over (the same object when there is none, or it changes nothing). */
export function overlaid(row: StatusRow, verdicts: Verdicts | undefined): StatusRow {
  const verdict = verdicts?.get(row.key);
  if (!verdict) return row;
  const laid = LAID.get(row);
  if (laid?.verdict === verdict) return laid.row;
  const result = degradedRow(row, verdict);
  LAID.set(row, { verdict, row: result });
  return result;
}
