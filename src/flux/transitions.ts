// Ready transitions the console observed: the raw material of the incident timeline and report.
//
// An object's verdict is its Ready status, reason and suspension — and, for a Ready Kustomization or
// HelmRelease whose workloads are not healthy, that it is Degraded (docs/inventory.md). The controllers set Ready=Unknown
// ("Progressing", "Reconciliation in progress") at the start of every attempt and back to False at its
// end (docs/status.md), so a verdict seen mid-attempt is not recorded: a failing object retried every
// minute would otherwise fill the timeline with False → Unknown → False. What is recorded is a change of
// the settled verdict — True → False, False(reason A) → False(reason B), False → True, suspended or
// resumed, Ready → Degraded and back. Pure: the store (src/kube/transition-recorder.ts) feeds it object versions; the journal file
// (src/state/transition-journal.ts) keeps what it records across restarts.

import { asRecord, asString } from './narrow.js';
import type { ConditionStatus, Health, ObjectKey, StatusRow } from './types.js';

/** The settled state of an object: what a transition goes from and to. */
export interface Verdict {
  readonly ready: ConditionStatus;
  readonly reason: string;
  readonly suspended: boolean;
  /** Ready, but the workloads it manages are not (only ever true; absent otherwise). */
  readonly degraded?: true;
}

export interface Transition {
  /** RFC 3339, when the console saw the new verdict. */
  readonly at: string;
  /** `Kind/namespace/name`. */
  readonly key: ObjectKey;
  readonly from: Verdict;
  readonly to: Verdict;
  /** The Ready message of the new verdict, one line; of a Degraded one, the workloads' cause. */
  readonly message: string;
  /**
   * True when the change happened while no console was watching: the journal's last verdict differs from
   * the first one seen after a restart. `at` is then when it was noticed, not when it happened.
   */
  readonly noticedLate?: boolean;
  /**
   * On a recovery: when the failure that ended began, as the console knew it (its FAILING FOR), so a
   * report can say how long it lasted though the console only saw it already failing.
   */
  readonly failingSince?: string;
}

/** Reasons of the Ready=Unknown an attempt in progress sets (kustomize-, helm- and source-controller). */
const IN_PROGRESS_REASONS = new Set(['Progressing', 'ProgressingWithRetry', 'Reconciling', '']);

/** What a verdict is read from: the row as the console shows it (Degraded laid over, src/hooks). */
type VerdictRow = Pick<StatusRow, 'ready' | 'reason' | 'suspended'> & { readonly health?: Health };

/** The row's settled verdict, or undefined while an attempt is in progress. */
export function verdictOf(row: VerdictRow): Verdict | undefined {
  if (row.ready === 'Unknown' && IN_PROGRESS_REASONS.has(row.reason)) return undefined;
  return {
    ready: row.ready,
    reason: row.ready === 'True' ? '' : row.reason,
    suspended: row.suspended,
    ...(row.ready === 'True' && row.health === 'Degraded' ? { degraded: true as const } : {}),
  };
}

export function sameVerdict(a: Verdict, b: Verdict): boolean {
  return (
    a.ready === b.ready &&
    a.reason === b.reason &&
    a.suspended === b.suspended &&
    (a.degraded ?? false) === (b.degraded ?? false)
  );
}

/**
 * A verdict is a failure when Ready is not True, or when it is Degraded (suspension alone is not a
 * failure).
 */
export function isFailure(v: Verdict): boolean {
  return v.ready !== 'True' || v.degraded === true;
}

/**
 * When the verdict changed. When Ready's status itself changed, the controller stamped the moment in Ready's
 * lastTransitionTime: more exact than when the console saw it (a watch event can come late, a restarted
 * console notices late). It is believed only between the previous recorded change (`after`) and `seen`, so
 * a skewed cluster clock cannot put a change in the future or before its cause. A change of reason or of
 * suspension leaves lastTransitionTime alone: then it is when the console saw it.
 */
function changedAt(
  last: Verdict,
  next: Verdict,
  lastTransitionTime: string,
  seen: number,
  after: number,
): number {
  if (last.ready === next.ready) return seen;
  const stamped = Date.parse(lastTransitionTime);
  return Number.isFinite(stamped) && stamped <= seen && stamped >= after ? stamped : seen;
}

/**
 * The transition from the last settled verdict to the row's, if the row settled on a different one.
 * `last` undefined (first sighting) records nothing: the console did not see the change happen.
 */
export function transitionTo(
  last: Verdict | undefined,
  row: VerdictRow & Pick<StatusRow, 'key' | 'message' | 'lastTransitionTime'>,
  at: number,
  noticedLate = false,
  after = Number.NEGATIVE_INFINITY,
): { readonly verdict: Verdict | undefined; readonly transition?: Transition } {
  const next = verdictOf(row);
  if (!next) return { verdict: last };
  if (!last || sameVerdict(last, next)) return { verdict: next };
  const transition: Transition = {
    at: new Date(changedAt(last, next, row.lastTransitionTime, at, after)).toISOString(),
    key: row.key,
    from: last,
    to: next,
    message: isFailure(next) ? row.message : '',
    ...(noticedLate ? { noticedLate: true } : {}),
  };
  return { verdict: next, transition };
}

/** Words for a verdict: `Ready`, `Degraded`, `Failing (UpgradeFailed)`, `Unknown (…)`, with `suspended`. */
export function verdictWords(v: Verdict): string {
  const base =
    v.ready === 'True'
      ? v.degraded
        ? 'Degraded'
        : 'Ready'
      : `${v.ready === 'False' ? 'Failing' : 'Unknown'}${v.reason ? ` (${v.reason})` : ''}`;
  return v.suspended ? `${base}, suspended` : base;
}

const STATUSES = new Set<string>(['True', 'False', 'Unknown']);
const MAX_FIELD = 4096;

function readVerdict(value: unknown): Verdict | undefined {
  const r = asRecord(value);
  const ready = asString(r?.['ready']);
  if (!r || !STATUSES.has(ready)) return undefined;
  return {
    ready: ready as ConditionStatus,
    reason: asString(r['reason']).slice(0, MAX_FIELD),
    suspended: r['suspended'] === true,
    ...(ready === 'True' && r['degraded'] === true ? { degraded: true as const } : {}),
  };
}

/**
 * A transition read back from the journal, or undefined when the line is not one (a file cut short, edited
 * by hand, or written by a future version): a bad line costs that line, never the rest.
 */
export function parseTransition(line: string): Transition | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const r = asRecord(value);
  if (!r) return undefined;
  const at = asString(r['at']);
  const key = asString(r['key']);
  const from = readVerdict(r['from']);
  const to = readVerdict(r['to']);
  if (!from || !to || Number.isNaN(Date.parse(at)) || key.split('/').length < 3) return undefined;
  return {
    at: new Date(Date.parse(at)).toISOString(),
    key: key.slice(0, MAX_FIELD),
    from,
    to,
    message: asString(r['message']).slice(0, MAX_FIELD),
    ...(r['noticedLate'] === true ? { noticedLate: true } : {}),
    ...(Number.isNaN(Date.parse(asString(r['failingSince'])))
      ? {}
      : { failingSince: asString(r['failingSince']) }),
  };
}

/** The last verdict the journal holds per object: where a restarted console takes up. */
export function lastVerdicts(transitions: readonly Transition[]): Map<ObjectKey, Verdict> {
  const last = new Map<ObjectKey, Verdict>();
  for (const t of transitions) last.set(t.key, t.to);
  return last;
}
