// Maps the actions' session state (suspend ledger, audit entries) to the view-side rows of `:suspended`
// and `:audit`. The ledger forgets an object once it is resumed; this remembers every suspension seen in
// the session so the view can say it was resumed rather than silently drop it.
import { useMemo, useRef } from 'react';
import type { AuditEntry } from '../actions/audit.js';
import type { SuspendedEntry } from '../actions/ledger.js';
import type {
  SessionAuditOutcome,
  SessionAuditRow,
  SessionData,
  SessionSuspension,
} from '../present/session-columns.js';

export interface SessionSources {
  readonly ledger: readonly SuspendedEntry[];
  readonly audit: readonly AuditEntry[];
  readonly auditPath: string;
}

/** Every suspension seen so far (by key, latest wins), marked still suspended while the ledger has it. */
export function sessionSuspensions(
  seen: ReadonlyMap<string, SuspendedEntry>,
  ledger: readonly SuspendedEntry[],
): SessionSuspension[] {
  const current = new Set(ledger.map((e) => e.key));
  return [...seen.values()].map((e) => ({
    key: e.key,
    kind: e.ref.kind,
    namespace: e.ref.namespace,
    name: e.ref.name,
    at: e.at,
    by: e.by,
    reason: e.reason,
    stillSuspended: current.has(e.key),
  }));
}

/** One row per action: its outcome line when there is one, else its intent (`started`). */
export function sessionAuditRows(entries: readonly AuditEntry[]): SessionAuditRow[] {
  const byId = new Map<string, AuditEntry>();
  for (const e of entries) {
    const prev = byId.get(e.id);
    // An outcome replaces the intent; a later outcome replaces an earlier one.
    if (!prev || e.phase === 'outcome') byId.set(e.id, e);
  }
  return [...byId.values()].map((e) => ({
    id: e.id,
    time: e.time,
    action: e.action,
    targets: e.targets,
    outcome: outcomeOf(e),
    message: e.message,
    error: e.error,
  }));
}

function outcomeOf(e: AuditEntry): SessionAuditOutcome {
  if (e.phase === 'intent' || e.outcome === 'confirmed') return 'started';
  return e.outcome;
}

export function useSessionData(sources: SessionSources): SessionData {
  const { ledger, audit, auditPath } = sources;
  const seen = useRef(new Map<string, SuspendedEntry>());
  const suspended = useMemo(() => {
    for (const e of ledger) seen.current.set(e.key, e);
    return sessionSuspensions(seen.current, ledger);
  }, [ledger]);
  const rows = useMemo(() => sessionAuditRows(audit), [audit]);
  return useMemo(
    () => ({ suspended, audit: rows, auditLines: audit, auditPath }),
    [suspended, rows, audit, auditPath],
  );
}
