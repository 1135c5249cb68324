// What `fluxdeck status` found, as data: rows per kind (in the API's order), the summary and the exit code.
import { formatTable } from '../flux/flux-get.js';
import type { KindName } from '../flux/kinds.js';
import { deriveRow } from '../flux/status.js';
import { deriveStatusObject, type StatusObject } from '../flux/status-object.js';
import { formatDuration, parseTime } from '../flux/time.js';
import type { ConditionStatus, Health, StatusRow } from '../flux/types.js';
import { isOwnerKind } from '../flux/workload-health.js';
import type { KindListing } from '../kube/one-shot.js';

/** What the report needs of a row, whichever shape it has. */
export interface Verdict {
  readonly ready: ConditionStatus;
  readonly suspended: boolean;
  readonly health: Health;
}

export interface KindSection<R extends Verdict = StatusRow> {
  readonly kind: KindName;
  readonly state: KindListing['state'];
  readonly apiVersion: string;
  readonly message: string;
  readonly rows: readonly R[];
  /**
   * The rows counted, for a section that let its rows go once they were printed (status-json.ts):
   * `rows` is then empty.
   */
  readonly tally?: Tally;
}

/** What the summary counts of a section's rows. */
export interface Tally {
  readonly count: number;
  readonly ready: number;
  readonly failing: number;
  readonly suspended: number;
  readonly degraded: number;
}

export function tallyRows(rows: readonly Verdict[]): Tally {
  let ready = 0;
  let suspended = 0;
  let degraded = 0;
  for (const row of rows) {
    if (row.ready === 'True') ready++;
    if (row.suspended) suspended++;
    if (row.health === 'Degraded') degraded++;
  }
  return { count: rows.length, ready, failing: rows.length - ready, suspended, degraded };
}

export interface StatusSummary {
  readonly total: number;
  readonly ready: number;
  /** Not ready, suspended ones included: a suspended failure is still a failure. */
  readonly failing: number;
  readonly suspended: number;
  /** Kinds that could not be read (forbidden): their objects are unknown. */
  readonly unknownKinds: readonly KindName[];
  /** Ready (counted in `ready`), but the workloads they manage are not (docs/inventory.md). */
  readonly degraded: number;
}

export interface StatusReport<R extends Verdict = StatusRow, S extends KindSection<R> = KindSection<R>> {
  readonly sections: readonly S[];
  readonly summary: StatusSummary;
  /** 0 all ready; 1 anything not ready or unknown. */
  readonly exitCode: 0 | 1;
}

/**
 * How a report turns raw objects into rows: the console's StatusRow for the `flux get` tables, or the JSON
 * document's object, derived without what only the console shows (status-object.ts).
 */
export interface RowShape<R extends Verdict> {
  derive(kind: KindName, raw: unknown): R | undefined;
  /** Namespace, then name. */
  compare(a: R, b: R): number;
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

export const TABLE_ROWS: RowShape<StatusRow> = {
  // deriveRow takes a clock only for symmetry with its callers; a row does not depend on it.
  derive: (kind, raw) => deriveRow(kind, raw, 0),
  compare: (a, b) => compareText(a.ref.namespace, b.ref.namespace) || compareText(a.ref.name, b.ref.name),
};

export const DOCUMENT_OBJECTS: RowShape<StatusObject> = {
  derive: deriveStatusObject,
  compare: (a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name),
};

/** One kind's rows, derived straight from its listing (called as each kind arrives). */
export function deriveSection<R extends Verdict>(listing: KindListing, shape: RowShape<R>): KindSection<R> {
  if (listing.state !== 'listed') {
    return { kind: listing.kind, state: listing.state, apiVersion: '', message: listing.message, rows: [] };
  }
  const rows: R[] = [];
  for (const item of listing.items) {
    const row = shape.derive(listing.kind, item);
    if (row) rows.push(row);
  }
  const compare = shape.compare;
  // The API server lists in namespace/name order already; sort only when it did not.
  for (let i = 1; i < rows.length; i++) {
    if (compare(rows[i - 1] as R, rows[i] as R) > 0) {
      rows.sort(compare);
      break;
    }
  }
  return { kind: listing.kind, state: 'listed', apiVersion: listing.apiVersion, message: '', rows };
}

export function summarize<R extends Verdict, S extends KindSection<R>>(
  sections: readonly S[],
): StatusReport<R, S> {
  let ready = 0;
  let failing = 0;
  let suspended = 0;
  let degraded = 0;
  const unknownKinds: KindName[] = [];
  for (const section of sections) {
    if (section.state === 'forbidden') unknownKinds.push(section.kind);
    const tally = section.tally ?? tallyRows(section.rows);
    ready += tally.ready;
    failing += tally.failing;
    suspended += tally.suspended;
    degraded += tally.degraded;
  }
  const summary = { total: ready + failing, ready, failing, suspended, unknownKinds, degraded };
  return { sections, summary, exitCode: failing > 0 || degraded > 0 || unknownKinds.length > 0 ? 1 : 0 };
}

export function buildStatusReport<R extends Verdict>(
  listings: readonly KindListing[],
  shape: RowShape<R>,
): StatusReport<R> {
  return summarize(listings.map((l) => deriveSection(l, shape)));
}

export function summaryLine(summary: StatusSummary): string {
  const parts = [`${summary.ready} ready`, `${summary.failing} failing`, `${summary.suspended} suspended`];
  if (summary.degraded > 0)
    parts.splice(2, 0, `${summary.degraded} degraded (ready, but their workloads are not)`);
  if (summary.unknownKinds.length > 0) parts.push(`unknown: ${summary.unknownKinds.join(', ')} (forbidden)`);
  return parts.join(', ');
}

/**
 * The sections with each Ready Kustomization and HelmRelease whose workloads count laid over by `degrade`
 * (Degraded); a section nothing changed in is returned as it was.
 */
export function withDegraded<R extends Verdict, S extends KindSection<R>>(
  sections: readonly S[],
  degrade: (row: R) => R,
): S[] {
  return sections.map((section) => {
    if (!isOwnerKind(section.kind)) return section;
    let changed = false;
    const rows = section.rows.map((row) => {
      const laid = degrade(row);
      if (laid !== row) changed = true;
      return laid;
    });
    return changed ? { ...section, rows } : section;
  });
}

/**
 * The table of Degraded objects `fluxdeck status` prints after the `flux get` tables (which say READY True
 * of them, as the CLI does); '' when there are none.
 */
export function degradedTable(
  sections: readonly KindSection<StatusRow>[],
  now: number,
  allNamespaces: boolean,
): string {
  const rows: string[][] = [];
  for (const section of sections) {
    for (const row of section.rows) {
      if (row.health !== 'Degraded') continue;
      const since = parseTime(row.failingSince);
      const age =
        since === undefined
          ? ''
          : `${row.failingSinceLowerBound ? '≥' : ''}${formatDuration(Math.max(0, now - since))}`;
      const name = `${row.ref.kind.toLowerCase()}/${row.ref.name}`;
      rows.push([...(allNamespaces ? [row.ref.namespace] : []), name, 'Degraded', age, row.message]);
    }
  }
  if (rows.length === 0) return '';
  const headers = [...(allNamespaces ? ['NAMESPACE'] : []), 'NAME', 'STATUS', 'FAILING FOR', 'MESSAGE'];
  return `Ready, but what they manage is not:\n${formatTable(headers, rows)}\n`;
}
