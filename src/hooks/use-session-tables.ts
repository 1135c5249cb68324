// The session tables: `:suspended` and `:audit`. Their rows are not from the cluster but from this
// session's actions (App's `session` prop); like the other aux tables they are computed only while shown.
import { useMemo } from 'react';
import { parseTime } from '../flux/time.js';
import { formatHint } from '../keymap.js';
import { shownColumns } from '../present/grid-layout.js';
import {
  auditColumns,
  auditKey,
  auditRowStyle,
  type SessionAuditRow,
  type SessionData,
  type SessionSuspension,
  suspendedColumns,
  suspensionKey,
  suspensionRowStyle,
} from '../present/session-columns.js';
import type { AuxTable } from '../present/tables.js';
import type { Notice } from '../present/watch-state.js';
import type { ListScreen } from './navigation.js';
import { type TableSpec, useTableRows } from './use-table-rows.js';

const SUSPENDED_SPEC: TableSpec<SessionSuspension> = {
  key: suspensionKey,
  haystack: (s) => [s.kind, s.namespace, s.name, s.by, s.reason],
  healthy: (s) => !s.stillSuspended,
  // Still suspended first (what needs a resume), then newest first.
  order: (s) => [s.stillSuspended ? 0 : 1, -(parseTime(s.at) ?? 0), s.key],
};

const AUDIT_SPEC: TableSpec<SessionAuditRow> = {
  key: auditKey,
  haystack: (a) => [a.action, ...a.targets, a.outcome, a.message ?? '', a.error ?? ''],
  healthy: (a) => a.outcome !== 'failed' && a.outcome !== 'timed-out',
  order: (a) => [-(parseTime(a.time) ?? 0), a.id],
};

const NONE: readonly never[] = [];
const SUSPENDED_COLUMNS = suspendedColumns();
const AUDIT_COLUMNS = auditColumns();
const RESUME_HINT: Notice = {
  text: `objects this session suspended — ${formatHint('resume', 'resume the selected one')}  ${formatHint('details', 'open its own view')}`,
  tone: 'muted',
};

function title(base: string, list: ListScreen): string {
  const f = [list.filter ? `</${list.filter}>` : '', list.health !== 'all' ? `<${list.health}>` : ''].filter(
    Boolean,
  );
  return `${base}(session)${f.length ? ` ${f.join(' ')}` : ''}`;
}

export function useSuspendedTable(
  session: SessionData | undefined,
  list: ListScreen,
  width: number,
): AuxTable<SessionSuspension> {
  const base = list.view === 'suspended' ? (session?.suspended ?? NONE) : NONE;
  const sortColumns = useMemo(() => shownColumns(SUSPENDED_COLUMNS, width), [width]);
  const table = useTableRows(base, SUSPENDED_SPEC, list.filter, list.health, list.sort, sortColumns);
  return {
    ...table,
    title: title('Suspended', list),
    columns: SUSPENDED_COLUMNS,
    rowKey: suspensionKey,
    rowStyle: suspensionRowStyle,
    notices: [RESUME_HINT],
    unavailable: false,
  };
}

export function useAuditTable(
  session: SessionData | undefined,
  list: ListScreen,
  width: number,
): AuxTable<SessionAuditRow> {
  const base = list.view === 'audit' ? (session?.audit ?? NONE) : NONE;
  const sortColumns = useMemo(() => shownColumns(AUDIT_COLUMNS, width), [width]);
  const table = useTableRows(base, AUDIT_SPEC, list.filter, list.health, list.sort, sortColumns);
  const path = session?.auditPath;
  const notice: Notice = {
    text: path ? `audit log: ${path}` : 'audit log: not written in this session',
    tone: 'muted',
  };
  return {
    ...table,
    title: title('Audit', list),
    columns: AUDIT_COLUMNS,
    rowKey: auditKey,
    rowStyle: auditRowStyle,
    notices: [notice],
    unavailable: false,
  };
}
