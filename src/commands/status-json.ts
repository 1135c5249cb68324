// The `fluxdeck status -o json` document. Stable: fields are only ever added. Shape (version 1):
//
// {
//   "kind": "FluxdeckStatus", "version": 1,
//   "context": string, "cluster": string, "server": string,
//   "namespace": string | null,            // null = all namespaces
//   "generatedAt": RFC 3339,
//   "summary": { "total", "ready", "failing", "suspended": number, "unknownKinds": string[], "healthy": boolean },
//   "kinds": [{ "kind", "apiVersion", "state": "listed" | "forbidden" | "not-installed", "count", "message" }],
//   "objects": [{
//     "kind", "apiVersion", "namespace", "name",
//     "ready": "True" | "False" | "Unknown",  // the `flux get` READY column
//     "health": "Ready" | "Reconciling" | "Waiting" | "Failed" | "Stalled" | "Suspended" | "Pending",
//     "reason", "message", "revision",        // the Ready reason, `flux get` MESSAGE and REVISION
//     "suspended", "reconciling", "stalled": boolean,
//     "failingSince", "lastTransitionTime", "lastHandledReconcileAt": RFC 3339 or "",
//     "dependsOn": [{ "kind", "namespace", "name" }],
//     "source": { "kind", "namespace", "name" } | null
//   }]                                       // kinds in catalog order, then namespace, then name
// }
import type { ObjectRef, StatusRow } from '../flux/types.js';
import type { ClusterInfo } from '../kube/port.js';
import type { StatusReport } from './status-report.js';

function ref(r: ObjectRef): { kind: string; namespace: string; name: string } {
  return { kind: r.kind, namespace: r.namespace, name: r.name };
}

function object(row: StatusRow) {
  return {
    kind: row.ref.kind,
    apiVersion: row.apiVersion,
    namespace: row.ref.namespace,
    name: row.ref.name,
    ready: row.ready,
    health: row.health,
    reason: row.reason,
    message: row.message,
    revision: row.revision,
    suspended: row.suspended,
    reconciling: row.reconciling,
    stalled: row.stalled,
    failingSince: row.failingSince,
    lastTransitionTime: row.lastTransitionTime,
    lastHandledReconcileAt: row.lastHandledReconcileAt,
    dependsOn: row.dependsOn.map(ref),
    source: row.source ? ref(row.source) : null,
  };
}

export function statusJson(report: StatusReport, info: ClusterInfo, generatedAt: Date): string {
  const doc = {
    kind: 'FluxdeckStatus',
    version: 1,
    context: info.context,
    cluster: info.cluster,
    server: info.server,
    namespace: info.namespace ?? null,
    generatedAt: generatedAt.toISOString(),
    summary: { ...report.summary, healthy: report.exitCode === 0 },
    kinds: report.sections.map((s) => ({
      kind: s.kind,
      apiVersion: s.apiVersion,
      state: s.state,
      count: s.rows.length,
      message: s.message,
    })),
    objects: report.sections.flatMap((s) => s.rows.map(object)),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
