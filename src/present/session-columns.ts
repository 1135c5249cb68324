// The session views: `:suspended` (what this session suspended, and whether it still is) and `:audit`
// (this session's actions, newest first). Their rows come in as props from the actions layer, mapped to
// these view-side shapes so views never import src/actions.
import { sanitizeText } from '../flux/sanitize.js';
import { formatRFC3339, parseTime } from '../flux/time.js';
import type { TimelineAction } from '../flux/timeline.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import { shortKindOf } from './short-kinds.js';

export interface SessionSuspension {
  /** `Kind/namespace/name`, the key of the object's own view. */
  readonly key: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** ISO time of the suspension. */
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  /** false once this session resumed it. */
  readonly stillSuspended: boolean;
}

export type SessionAuditOutcome = 'started' | 'succeeded' | 'failed' | 'cancelled' | 'timed-out';

export interface SessionAuditRow {
  /** One row per action: the intent and outcome lines share this id. */
  readonly id: string;
  /** ISO time of the latest line for the action. */
  readonly time: string;
  readonly action: string;
  /** `Kind/namespace/name` of each target. */
  readonly targets: readonly string[];
  readonly outcome: SessionAuditOutcome;
  readonly message?: string | undefined;
  readonly error?: string | undefined;
}

export interface SessionData {
  readonly suspended: readonly SessionSuspension[];
  readonly audit: readonly SessionAuditRow[];
  /** This session's audit lines as written (intent and outcome), for the timeline. */
  readonly auditLines?: readonly TimelineAction[];
  /** Where the audit log file is. */
  readonly auditPath?: string | undefined;
}

export const suspensionKey = (s: SessionSuspension) => s.key;
export const auditKey = (a: SessionAuditRow) => a.id;

const byTimeDesc = (iso: string) => -(parseTime(iso) ?? 0);

export function suspendedColumns(): readonly GridColumn<SessionSuspension>[] {
  return [
    {
      id: 'KIND',
      cell: (s) => sanitizeText(s.kind, 63),
      compact: { cell: (s) => sanitizeText(shortKindOf(s.kind), 63), min: 6 },
      min: 13,
      identity: true,
      max: 24,
    },
    {
      id: 'NAMESPACE',
      cell: (s) => sanitizeText(s.namespace, 63),
      min: 10,
      max: 20,
      identity: true,
    },
    { id: 'NAME', cell: (s) => sanitizeText(s.name, 253), min: 12, max: 48, identity: true },
    {
      id: 'SUSPENDED AT',
      cell: (s) => formatRFC3339(s.at),
      min: 20,
      sortValue: (s) => byTimeDesc(s.at),
    },
    { id: 'BY', cell: (s) => sanitizeText(s.by, 100), min: 8, max: 24, drop: 3 },
    { id: 'REASON', cell: (s) => sanitizeText(s.reason, 2000), flex: true, min: 12 },
    {
      id: 'NOW',
      cell: (s) => (s.stillSuspended ? 'still suspended' : 'resumed'),
      compact: { cell: (s) => (s.stillSuspended ? 'suspended' : 'resumed'), min: 9 },
      min: 15,
      tone: (s) => (s.stillSuspended ? 'warn' : 'ok'),
    },
  ];
}

export function suspensionRowStyle(s: SessionSuspension): RowStyle {
  return { tone: s.stillSuspended ? undefined : 'muted' };
}

const OUTCOME_TONE = {
  started: undefined,
  succeeded: 'ok',
  failed: 'bad',
  cancelled: 'muted',
  'timed-out': 'bad',
} as const;

export function auditColumns(): readonly GridColumn<SessionAuditRow>[] {
  return [
    { id: 'TIME', cell: (a) => formatRFC3339(a.time), min: 20, sortValue: (a) => byTimeDesc(a.time) },
    { id: 'ACTION', cell: (a) => sanitizeText(a.action, 40), min: 8, max: 20 },
    {
      id: 'TARGETS',
      cell: (a) => sanitizeText(a.targets.join(', '), 2000),
      min: 16,
      max: 60,
      identity: true,
    },
    { id: 'OUTCOME', cell: (a) => a.outcome, min: 9, tone: (a) => OUTCOME_TONE[a.outcome] },
    {
      id: 'ERROR/MESSAGE',
      cell: (a) => sanitizeText(a.error ?? a.message ?? '', 2000),
      flex: true,
      min: 12,
    },
  ];
}

export function auditRowStyle(a: SessionAuditRow): RowStyle {
  return { tone: a.outcome === 'failed' || a.outcome === 'timed-out' ? 'bad' : undefined };
}
