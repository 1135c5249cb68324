// The `fluxdeck status -o json` document. Stable: fields are only ever added. Shape (version 1):
//
// {
//   "kind": "FluxdeckStatus", "version": 1,
//   "context": string, "cluster": string, "server": string,
//   "namespace": string | null,            // null = all namespaces
//   "generatedAt": RFC 3339,
//   "summary": { "total", "ready", "failing", "suspended": number, "unknownKinds": string[],
//                "degraded": number,          // Ready (counted in ready) but their workloads are not
//                "healthy": boolean },
//   "kinds": [{ "kind", "apiVersion", "state": "listed" | "forbidden" | "not-installed", "count", "message" }],
//   "objects": [{
//     "kind", "apiVersion", "namespace", "name",
//     "ready": "True" | "False" | "Unknown",  // the `flux get` READY column
//     "health": "Ready" | "Reconciling" | "Waiting" | "Failed" | "Stalled" | "Suspended" | "Pending"
//             | "Degraded",                // Ready, but the workloads it manages are not (docs/inventory.md)
//     "reason", "message", "revision",        // the Ready reason, `flux get` MESSAGE and REVISION
//     "suspended", "reconciling", "stalled": boolean,
//     "failingSince", "lastTransitionTime", "lastHandledReconcileAt": RFC 3339 or "",
//     "failingSinceLowerBound": boolean,     // failingSince is when the failure streak began (since last
//                                            // Ready=True) as far as the cluster shows: then or earlier
//     "dependsOn": [{ "kind", "namespace", "name" }],
//     "source": { "kind", "namespace", "name" } | null,
//     "degraded": {                          // only on a Degraded object
//       "message",                           // `ImagePullBackOff: Deployment apps/api — 1 of 3 managed …`
//       "since": RFC 3339 or "", "sinceLowerBound": boolean, "notReady", "total": number }
//   }]                                       // kinds in catalog order, then namespace, then name
// }
import type { StatusObject } from '../flux/status-object.js';
import type { ClusterInfo } from '../kube/port.js';
import { type KindSection, type StatusReport, tallyRows } from './status-report.js';

/** A kind's section with its objects already printed as they stand in the document. */
export interface DocumentSection extends KindSection<StatusObject> {
  /** The objects, comma-separated, in runs (objectsJson); none when there are no objects. */
  readonly objectsJson: readonly string[];
}

const WRAP_HEAD = '{\n  "objects": [\n';
const WRAP_TAIL = '\n  ]\n}';
/** How the document ends when `objects`, its last field, is printed empty. */
const EMPTY_OBJECTS_TAIL = '"objects": []\n}';
/**
 * Objects printed by one JSON.stringify call. The stringifier's time grows faster than the text it
 * builds: 10,066 objects took 28 ms in one call, 7 ms in runs of 50 (and ~20 ms more when each object was
 * printed alone and indented afterwards).
 */
const RUN = 50;

/**
 * The objects of one kind exactly as JSON.stringify(document, null, 2) prints them inside `objects`:
 * indented, comma-separated, without the brackets, in runs of RUN objects to be joined with ',\n'.
 * Printed as each kind arrives, so the printing of one overlaps with the server still sending the others.
 */
function objectsJson(rows: readonly StatusObject[]): string[] {
  const runs: string[] = [];
  for (let i = 0; i < rows.length; i += RUN) {
    // Wrapped in an object so the stringifier indents each object at its depth in the document.
    const text = JSON.stringify({ objects: rows.slice(i, i + RUN) }, null, 2);
    runs.push(text.slice(WRAP_HEAD.length, text.length - WRAP_TAIL.length));
  }
  return runs;
}

/**
 * The section with its objects printed. Without `keepRows` the rows are let go once printed, counted in
 * `tally`: kept to the end of the read, 6,000 objects of kinds nothing lays a verdict over were copied by
 * every collection for nothing (~14 ms at 10,000 objects, docs/performance.md).
 */
export function documentSection(section: KindSection<StatusObject>, keepRows = true): DocumentSection {
  const printed = objectsJson(section.rows);
  if (keepRows) return { ...section, objectsJson: printed };
  return { ...section, rows: [], tally: tallyRows(section.rows), objectsJson: printed };
}

type Report = StatusReport<StatusObject, DocumentSection>;

/**
 * The document, byte for byte what JSON.stringify(document, null, 2) would print, and a newline, in pieces
 * to write one after the other: joined, 10,000 objects would be copied twice more (join, then the
 * concatenation) before being encoded for the write.
 */
export function statusJsonPieces(report: Report, info: ClusterInfo, generatedAt: Date): string[] {
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
      count: s.tally?.count ?? s.rows.length,
      message: s.message,
    })),
    // Printed per kind (objectsJson) and put in place below: the last field, so the text ends with it.
    objects: [],
  };
  const text = JSON.stringify(doc, null, 2);
  const parts = report.sections.flatMap((s) => s.objectsJson);
  if (parts.length === 0) return [`${text}\n`];
  const pieces = [`${text.slice(0, text.length - EMPTY_OBJECTS_TAIL.length)}"objects": [\n`];
  parts.forEach((part, i) => {
    if (i > 0) pieces.push(',\n');
    pieces.push(part);
  });
  pieces.push('\n  ]\n}\n');
  return pieces;
}
