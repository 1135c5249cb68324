// What a report is made of, read through the cluster port the console uses: the rows, events and
// transitions of its snapshot, the controllers' log lines it follows, what the newest Helm revision of each
// failing HelmRelease changed, and the audit log's actions — plus a sentence for every part that could not
// be read, so a report never passes a blind spot off as "nothing happened".
import type { AuditEntry } from '../actions/audit.js';
import { helmReleaseName, helmStorageNamespace } from '../flux/helm.js';
import type { HelmChanges } from '../flux/helm-changes.js';
import type { ReportInput } from '../flux/report.js';
import { isFailingNow } from '../flux/timeline.js';
import type { ObjectKey, StatusRow } from '../flux/types.js';
import type { ClusterPort } from '../kube/port.js';

/** Failing HelmReleases whose Helm storage is read for "what changed" (each read decodes every revision). */
const CHANGES_READ = 10;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function helmChangesOf(
  port: ClusterPort,
  rows: readonly StatusRow[],
  gaps: string[],
): Promise<Map<ObjectKey, HelmChanges>> {
  const read = port.helmChanges?.bind(port);
  const out = new Map<ObjectKey, HelmChanges>();
  if (!read) return out;
  const releases = rows.filter((r) => r.ref.kind === 'HelmRelease' && isFailingNow(r)).slice(0, CHANGES_READ);
  const raws = port.getSnapshot().kinds.get('HelmRelease')?.raw;
  await Promise.all(
    releases.map(async (row) => {
      const raw = raws?.get(row.key);
      if (!raw) return;
      try {
        const changes = await read(helmStorageNamespace(raw), helmReleaseName(raw));
        if (changes) out.set(row.key, changes);
      } catch (error) {
        gaps.push(`what changed in ${row.key}: ${describe(error)}`);
      }
    }),
  );
  return out;
}

export interface ReportSources {
  readonly port: ClusterPort;
  readonly audit: readonly AuditEntry[];
  readonly now: number;
  /** Gaps already known (the audit log could not be read, logs not reached in time). */
  readonly gaps?: readonly string[];
}

export async function gatherReportInput({
  port,
  audit,
  now,
  gaps: known = [],
}: ReportSources): Promise<ReportInput> {
  const snapshot = port.getSnapshot();
  const gaps = [...known];
  const rows: StatusRow[] = [];
  for (const [kind, slice] of snapshot.kinds) {
    rows.push(...slice.rows.values());
    if (slice.state.phase === 'forbidden') gaps.push(`${kind} objects: ${slice.state.message}`);
    if (slice.state.phase === 'disconnected' || slice.state.phase === 'not-served-yet')
      gaps.push(`${kind} objects (as last seen): ${slice.state.message}`);
  }
  if (snapshot.events.state.phase === 'forbidden') gaps.push(`events: ${snapshot.events.state.message}`);
  const logs = port.getLogSnapshot();
  for (const s of logs.streams) if (s.phase === 'forbidden') gaps.push(`logs of ${s.pod}: ${s.message}`);
  const helmChanges = await helmChangesOf(port, rows, gaps);
  const info = port.info;
  return {
    cluster: {
      context: info.context,
      cluster: info.cluster,
      server: info.server,
      user: info.user,
      namespace: info.namespace ?? null,
    },
    rows,
    transitions: snapshot.transitions,
    events: snapshot.events.items,
    logs: logs.entries.map((e) => ({
      ts: e.line.ts,
      level: e.line.level,
      message: e.line.message,
      error: e.line.error,
      kind: e.line.kind,
      namespace: e.line.namespace,
      name: e.line.name,
      controller: e.controller,
    })),
    actions: audit,
    now,
    helmChanges,
    gaps,
  };
}
