// The fleet (`--context a,b,c`, `--all-contexts`): the failing Flux objects of every context in one table
// with a CONTEXT column, and each context's state in a line above it — live, connecting, disconnected since,
// forbidden, no Flux, or why it could not be opened. Pure: snapshots in, rows and words out.
import { sanitizeText } from '../flux/sanitize.js';
import { isRowReady } from '../flux/status.js';
import { compareText } from '../flux/text-order.js';
import { formatDuration, parseTime } from '../flux/time.js';
import type { StatusRow } from '../flux/types.js';
import type { ClusterSnapshot } from './cluster-types.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import { type StatusContext, statusColumns } from './status-columns.js';
import type { Tone } from './theme.js';

export interface FleetMember {
  readonly context: string;
  /** undefined until connected, and when the context could not be opened (`error` says why). */
  readonly snapshot?: ClusterSnapshot;
  readonly error?: string;
  /** The context matches a danger pattern (production): drawn in red, named so without colour. */
  readonly danger: boolean;
  /** Not a context: a config `fleet:` entry that names none, and where it is written (`config.yaml:12`). */
  readonly unmatched?: string;
}

export type FleetState =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'live'; readonly failing: number; readonly total: number }
  | { readonly phase: 'disconnected'; readonly since: number | undefined }
  | { readonly phase: 'forbidden' }
  | { readonly phase: 'no-flux' }
  | { readonly phase: 'failed'; readonly message: string }
  | { readonly phase: 'unmatched'; readonly where: string };

export interface FleetRow {
  /** `context|Kind/namespace/name`: the same object in two clusters is two rows. */
  readonly key: string;
  readonly context: string;
  readonly danger: boolean;
  readonly row: StatusRow;
}

function rowsOf(snapshot: ClusterSnapshot): StatusRow[] {
  const out: StatusRow[] = [];
  for (const slice of snapshot.kinds.values()) for (const row of slice.rows.values()) out.push(row);
  return out;
}

/** A row counts as failing in the fleet as in the Failing view: not ready, and not suspended on purpose. */
function failing(row: StatusRow): boolean {
  return !isRowReady(row) && !row.suspended;
}

export function memberState(member: FleetMember): FleetState {
  if (member.unmatched) return { phase: 'unmatched', where: member.unmatched };
  if (member.error) return { phase: 'failed', message: sanitizeText(member.error, 300) };
  const s = member.snapshot;
  if (!s) return { phase: 'connecting' };
  const states = [...s.kinds.values()].map((k) => k.state);
  if (s.connection === 'disconnected') {
    const since = states.flatMap((st) => (st.phase === 'disconnected' ? [st.since] : []));
    return { phase: 'disconnected', since: since.length ? Math.min(...since) : undefined };
  }
  if (s.connection === 'connecting') return { phase: 'connecting' };
  if (states.length > 0 && states.every((st) => st.phase === 'not-installed')) return { phase: 'no-flux' };
  if (states.length > 0 && states.every((st) => st.phase === 'forbidden' || st.phase === 'not-installed'))
    return { phase: 'forbidden' };
  const rows = rowsOf(s);
  return { phase: 'live', failing: rows.filter(failing).length, total: rows.length };
}

/** The members that are contexts (not config entries that matched none). */
export function fleetContexts(members: readonly FleetMember[]): readonly FleetMember[] {
  return members.filter((m) => !m.unmatched);
}

/** Every context's failing objects, the longest failing first (the oldest failure is usually the cause). */
export function fleetRows(members: readonly FleetMember[]): FleetRow[] {
  const out: FleetRow[] = [];
  for (const m of members) {
    if (!m.snapshot) continue;
    for (const row of rowsOf(m.snapshot)) {
      if (!failing(row)) continue;
      out.push({ key: `${m.context}|${row.key}`, context: m.context, danger: m.danger, row });
    }
  }
  const since = (r: FleetRow) => parseTime(r.row.failingSince) ?? Number.POSITIVE_INFINITY;
  return out.sort((a, b) => since(a) - since(b) || compareText(a.key, b.key));
}

/** `prod-eu live 3 of 66 failing · staging disconnected 2m · lab no Flux` — one part per context. */
export function stateWords(state: FleetState, now: number): { text: string; tone: Tone } {
  switch (state.phase) {
    case 'connecting':
      return { text: 'connecting…', tone: 'busy' };
    case 'live':
      return state.failing > 0
        ? { text: `live, ${state.failing} of ${state.total} failing`, tone: 'bad' }
        : { text: `live, all ${state.total} ready`, tone: 'ok' };
    case 'disconnected':
      return {
        text:
          state.since === undefined
            ? 'disconnected, retrying'
            : `disconnected for ${formatDuration(Math.max(0, now - state.since))}, retrying`,
        tone: 'bad',
      };
    case 'forbidden':
      return { text: 'forbidden: this user may not list Flux objects', tone: 'bad' };
    case 'no-flux':
      return { text: 'no Flux: its CRDs are not installed', tone: 'muted' };
    case 'failed':
      return { text: `not opened: ${state.message}`, tone: 'bad' };
    case 'unmatched':
      return { text: `matches no context in the kubeconfig (fleet: in ${state.where})`, tone: 'warn' };
  }
}

/** The Failing view's columns with CONTEXT first; a dangerous context says so in words too. */
export function fleetColumns(ctx: StatusContext): readonly GridColumn<FleetRow>[] {
  const inner = statusColumns('failing', ctx).map((c): GridColumn<FleetRow> => {
    const { cell, compact, sortValue, tone, ...layout } = c;
    return {
      ...layout,
      cell: (r) => cell(r.row),
      ...(compact
        ? {
            compact: {
              cell: (r: FleetRow) => compact.cell(r.row),
              ...(compact.min !== undefined ? { min: compact.min } : {}),
            },
          }
        : {}),
      ...(sortValue ? { sortValue: (r: FleetRow) => sortValue(r.row) } : {}),
      ...(tone ? { tone: (r: FleetRow) => tone(r.row) } : {}),
    };
  });
  return [
    {
      id: 'CONTEXT',
      // The context lines above say which are production; the cell stays the name, whole.
      cell: (r) => r.context,
      min: 10,
      max: 36,
      identity: true,
      cutMiddle: true,
      tone: (r) => (r.danger ? 'alert' : undefined),
    },
    ...inner,
  ];
}

export function fleetRowStyle(_r: FleetRow): RowStyle {
  return { tone: undefined };
}
