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

export function buildStatusReport(listings: readonly KindListing[], now: number): StatusReport {
  let ready = 0;
  let failing = 0;
  let suspended = 0;
  const unknownKinds: KindName[] = [];
  const sections = listings.map((listing): KindSection => {
    if (listing.state !== 'listed') {
      if (listing.state === 'forbidden') unknownKinds.push(listing.kind);
      return { kind: listing.kind, state: listing.state, apiVersion: '', message: listing.message, rows: [] };
    }
    const rows: StatusRow[] = [];
    for (const item of listing.items) {
      const row = deriveRow(listing.kind, item, now);
      if (!row) continue;
      rows.push(row);
      if (row.ready === 'True') ready++;
      else failing++;
      if (row.suspended) suspended++;
    }
    rows.sort(byNamespaceThenName);
    return { kind: listing.kind, state: 'listed', apiVersion: listing.apiVersion, message: '', rows };
  });
  const summary = { total: ready + failing, ready, failing, suspended, unknownKinds };
  return { sections, summary, exitCode: failing > 0 || unknownKinds.length > 0 ? 1 : 0 };
}

export function summaryLine(summary: StatusSummary): string {
  const parts = [`${summary.ready} ready`, `${summary.failing} failing`, `${summary.suspended} suspended`];
  if (summary.unknownKinds.length > 0) parts.push(`unknown: ${summary.unknownKinds.join(', ')} (forbidden)`);
  return parts.join(', ');
}
