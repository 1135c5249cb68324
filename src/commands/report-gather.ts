// What a report is made of: the rows, events and transitions of a snapshot, the controllers' log lines,
// what the newest Helm revision of each failing HelmRelease changed, and the audit log's actions — plus a
// sentence for every part that could not be read, so a report never passes a blind spot off as "nothing
// happened". The console gathers from its live port (`:report`); `fluxdeck report` from one pass of reads
// (src/kube/report-read.ts).
import type { AuditEntry } from '../actions/audit.js';
import type { HelmChanges } from '../flux/helm-changes.js';
import type { ReportInput } from '../flux/report.js';
import type { ObjectKey, StatusRow } from '../flux/types.js';
import { degradedRow } from '../flux/workload-health.js';
import type { ClusterInfo, ClusterPort, ClusterSnapshot } from '../kube/port.js';
import { failingHelmChanges, HELM_CHANGES_READ, type ReportLogLine } from '../kube/report-read.js';

export interface ReportParts {
  readonly info: ClusterInfo;
  readonly snapshot: ClusterSnapshot;
  readonly logs: readonly ReportLogLine[];
  readonly helmChanges: ReadonlyMap<ObjectKey, HelmChanges>;
  readonly audit: readonly AuditEntry[];
  readonly now: number;
  readonly gaps: readonly string[];
}

export function reportInput(p: ReportParts): ReportInput {
  const rows: StatusRow[] = [];
  const gaps = [...p.gaps];
  // The rows as the console shows them: a Ready owner whose workloads are not is Degraded.
  const verdicts = p.snapshot.workloads?.owners;
  for (const [kind, slice] of p.snapshot.kinds) {
    if (verdicts && verdicts.size > 0)
      for (const row of slice.rows.values()) rows.push(degradedRow(row, verdicts.get(row.key)));
    else rows.push(...slice.rows.values());
    if (slice.state.phase === 'forbidden' && !gaps.some((g) => g.startsWith(`${kind} objects`)))
      gaps.push(`${kind} objects: ${slice.state.message}`);
    if (slice.state.phase === 'disconnected' || slice.state.phase === 'not-served-yet')
      gaps.push(`${kind} objects (as last seen): ${slice.state.message}`);
  }
  if (p.snapshot.events.state.phase === 'forbidden') gaps.push(`events: ${p.snapshot.events.state.message}`);
  return {
    cluster: {
      context: p.info.context,
      cluster: p.info.cluster,
      server: p.info.server,
      user: p.info.user,
      namespace: p.info.namespace ?? null,
    },
    rows,
    transitions: p.snapshot.transitions,
    events: p.snapshot.events.items,
    logs: p.logs.map(({ controller, line }) => ({
      ts: line.ts,
      level: line.level,
      message: line.message,
      error: line.error,
      kind: line.kind,
      namespace: line.namespace,
      name: line.name,
      controller,
    })),
    actions: p.audit,
    now: p.now,
    helmChanges: p.helmChanges,
    gaps,
  };
}

/** The console's parts: its live snapshot, the log lines it holds, Helm storage read through its port. */
export async function portReportInput(
  port: ClusterPort,
  audit: readonly AuditEntry[],
  now: number,
  known: readonly string[] = [],
): Promise<ReportInput> {
  const snapshot = port.getSnapshot();
  const gaps = [...known];
  const logs = port.getLogSnapshot();
  for (const s of logs.streams) if (s.phase === 'forbidden') gaps.push(`logs of ${s.pod}: ${s.message}`);
  const read = port.helmChanges?.bind(port);
  const helmChanges = read
    ? await failingHelmChanges(snapshot, read, HELM_CHANGES_READ, gaps)
    : new Map<ObjectKey, HelmChanges>();
  return reportInput({
    info: port.info,
    snapshot,
    logs: logs.entries,
    helmChanges,
    audit,
    now,
    gaps,
  });
}
