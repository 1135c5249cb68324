// What `fluxdeck status` found, as data: rows per kind (in the API's order), the summary and the exit code.
import type { KindName } from '../flux/kinds.js';
import { deriveRow } from '../flux/status.js';
import type { StatusRow } from '../flux/types.js';
import type { KindListing } from '../kube/one-shot.js';

export interface KindSection {
  readonly kind: KindName;
  readonly state: KindListing['state'];
  readonly apiVersion: string;
  readonly message: string;
  readonly rows: readonly StatusRow[];
}

export interface StatusSummary {
  readonly total: number;
  readonly ready: number;
  /** Not ready, suspended ones included: a suspended failure is still a failure. */
  readonly failing: number;
  readonly suspended: number;
  /** Kinds that could not be read (forbidden): their objects are unknown. */
  readonly unknownKinds: readonly KindName[];
}

export interface StatusReport {
  readonly sections: readonly KindSection[];
  readonly summary: StatusSummary;
  /** 0 all ready; 1 anything not ready or unknown. */
  readonly exitCode: 0 | 1;
}

function byNamespaceThenName(a: StatusRow, b: StatusRow): number {
  const ns = a.ref.namespace === b.ref.namespace ? 0 : a.ref.namespace < b.ref.namespace ? -1 : 1;
  if (ns !== 0) return ns;
  return a.ref.name === b.ref.name ? 0 : a.ref.name < b.ref.name ? -1 : 1;
}

function isSorted(rows: readonly StatusRow[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    if (byNamespaceThenName(rows[i - 1] as StatusRow, rows[i] as StatusRow) > 0) return false;
  }
  return true;
}

/** One kind's rows, derived straight from its listing (called as each kind arrives). */
export function deriveSection(listing: KindListing, now: number): KindSection {
  if (listing.state !== 'listed') {
    return { kind: listing.kind, state: listing.state, apiVersion: '', message: listing.message, rows: [] };
  }
  const rows: StatusRow[] = [];
  for (const item of listing.items) {
    const row = deriveRow(listing.kind, item, now);
    if (row) rows.push(row);
  }
  // The API server lists in namespace/name order already; sort only when it did not.
  if (!isSorted(rows)) rows.sort(byNamespaceThenName);
  return { kind: listing.kind, state: 'listed', apiVersion: listing.apiVersion, message: '', rows };
}

export function summarize(sections: readonly KindSection[]): StatusReport {
  let ready = 0;
  let failing = 0;
  let suspended = 0;
  const unknownKinds: KindName[] = [];
  for (const section of sections) {
    if (section.state === 'forbidden') unknownKinds.push(section.kind);
    for (const row of section.rows) {
      if (row.ready === 'True') ready++;
      else failing++;
      if (row.suspended) suspended++;
    }
  }
  const summary = { total: ready + failing, ready, failing, suspended, unknownKinds };
  return { sections, summary, exitCode: failing > 0 || unknownKinds.length > 0 ? 1 : 0 };
}

export function buildStatusReport(listings: readonly KindListing[], now: number): StatusReport {
  return summarize(listings.map((l) => deriveSection(l, now)));
}

export function summaryLine(summary: StatusSummary): string {
  const parts = [`${summary.ready} ready`, `${summary.failing} failing`, `${summary.suspended} suspended`];
  if (summary.unknownKinds.length > 0) parts.push(`unknown: ${summary.unknownKinds.join(', ')} (forbidden)`);
  return parts.join(', ');
}
