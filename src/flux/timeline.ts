// The incident timeline: one time-ordered list merging what the console knows of an incident — the settled
// verdict changes it observed (transitions.ts), the current failures' beginnings (streak.ts), the Flux
// objects' Kubernetes events, the controllers' error lines about failing objects, and the actions of the
// audit log. It starts at the incident's start: the beginning of the oldest current failure streak.
// Pure and deterministic: the same inputs give the same list in the same order, whatever order they came
// in (the report's golden depends on it). Text is sanitised here, once: everything came from the cluster
// or from files anyone could have edited.

import { sanitizeText } from './sanitize.js';
import type { Transition, Verdict } from './transitions.js';
import { isFailure, verdictWords } from './transitions.js';
import type { ObjectKey, StatusRow } from './types.js';
import { degradedCause } from './workload-health.js';

export type TimelineSource = 'failing' | 'transition' | 'event' | 'log' | 'action';
/** How a line reads at a glance: a failure, a recovery, a warning, an action, or context. */
export type TimelineTone = 'failure' | 'recovery' | 'warning' | 'action' | 'info';

export interface TimelineEntry {
  /** ms since the epoch; the list is ordered by it (ties broken by source, then object, then text). */
  readonly at: number;
  readonly source: TimelineSource;
  readonly tone: TimelineTone;
  /** The object the line is about (jump target); '' when it names none (an action on several). */
  readonly key: ObjectKey | '';
  /** One line: what happened. */
  readonly what: string;
  /** One more line of detail (the message), '' when there is none. */
  readonly detail: string;
  /** How many times it happened (an event series, repeated log errors); 1 otherwise. */
  readonly count: number;
  /** When it last happened, for repeated entries (ms); equals `at` otherwise. */
  readonly lastAt: number;
}

/** An event as the timeline reads it (src/kube ClusterEvent has these fields). */
export interface TimelineEvent {
  readonly uid: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly involved: { readonly kind: string; readonly namespace: string; readonly name: string };
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly count: number;
}

/** A controller log line as the timeline reads it. */
export interface TimelineLog {
  readonly ts: string;
  readonly level: string;
  readonly message: string;
  readonly error: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly controller: string;
}

/** An audit log outcome line as the timeline reads it (src/actions/audit.ts AuditEntry). */
export interface TimelineAction {
  readonly id: string;
  readonly time: string;
  readonly phase: string;
  readonly user: string;
  readonly action: string;
  readonly targets: readonly string[];
  readonly outcome: string;
  readonly message?: string | undefined;
  readonly error?: string | undefined;
}

export interface TimelineInput {
  readonly rows: readonly StatusRow[];
  readonly transitions: readonly Transition[];
  readonly events: readonly TimelineEvent[];
  readonly logs: readonly TimelineLog[];
  readonly actions: readonly TimelineAction[];
  readonly now: number;
}

export interface TimelineOptions {
  /** Only these objects (one object, or a dependency chain). */
  readonly keys?: ReadonlySet<ObjectKey> | undefined;
  /** The window's start; default the incident's start. */
  readonly since?: number | undefined;
  /** When nothing is failing, how far back the window reaches (default an hour). */
  readonly quietWindowMs?: number;
}

export interface Timeline {
  /** The window's start (ms): the oldest current failure's beginning, or `since`. */
  readonly start: number;
  /** Whether `start` is the beginning of a current failure (false: nothing is failing, or `since` given). */
  readonly startsAtFailure: boolean;
  /** The failure `start` is the beginning of, when it is one. */
  readonly startKey: ObjectKey | '';
  /** The start is only a lower bound (the console saw the failure already running). */
  readonly startLowerBound: boolean;
  readonly entries: readonly TimelineEntry[];
}

const TEXT = 300;
const HOUR = 3_600_000;
const SOURCE_ORDER: Record<TimelineSource, number> = {
  failing: 0,
  transition: 1,
  action: 2,
  event: 3,
  log: 4,
};

function clean(text: string, max = TEXT): string {
  return sanitizeText(text, max);
}

/** ms since the epoch; NaN when unparsable (callers skip those). */
const time = Date.parse;

/**
 * A row is failing now when Ready is not True and it is not suspended (suspension is a decision), or when
 * it is Degraded: Ready, but the workloads it manages are not (the row as the console shows it).
 */
export function isFailingNow(row: StatusRow): boolean {
  if (row.health === 'Degraded') return true;
  return row.ready !== 'True' && !row.suspended && row.failingSince !== '';
}

/** `(UpgradeFailed)`, `(Degraded)`: what a failure's beginning names it by; '' without a reason. */
function failureWord(reason: string, degraded: boolean): string {
  const word = degraded ? 'Degraded' : reason;
  return word ? ` (${clean(word, 80)})` : '';
}

/** `Kustomization/flux-system/apps became Degraded: ImagePullBackOff: Deployment apps/api`, or the change. */
function transitionWhat(t: Transition): string {
  if (t.to.degraded && !t.from.degraded) {
    const cause = clean(degradedCause(t.message), 160);
    return `${clean(t.key)} became Degraded${cause ? `: ${cause}` : ''}`;
  }
  return `${clean(t.key)} ${clean(verdictWords(t.from), 120)} → ${clean(verdictWords(t.to), 120)}`;
}

function transitionTone(to: Verdict): TimelineTone {
  if (!isFailure(to)) return 'recovery';
  return to.ready === 'False' || to.degraded ? 'failure' : 'warning';
}

function failureStart(rows: readonly StatusRow[], keys: ReadonlySet<ObjectKey> | undefined) {
  let oldest: StatusRow | undefined;
  for (const row of rows) {
    if (!isFailingNow(row) || (keys && !keys.has(row.key))) continue;
    const t = time(row.failingSince);
    if (Number.isNaN(t)) continue;
    if (!oldest || t < time(oldest.failingSince) || (t === time(oldest.failingSince) && row.key < oldest.key))
      oldest = row;
  }
  return oldest;
}

/**
 * The earliest beginning of a failure that ended recently (recovered within the quiet window): right after
 * the fix, the incident is still the one that just ended, not the last hour.
 */
function recentlyEnded(
  transitions: readonly Transition[],
  keys: ReadonlySet<ObjectKey> | undefined,
  after: number,
): { key: ObjectKey; at: number; lowerBound: boolean } | undefined {
  const failedAt = new Map<ObjectKey, number>();
  let first: { key: ObjectKey; at: number; lowerBound: boolean } | undefined;
  for (const t of transitions) {
    if (keys && !keys.has(t.key)) continue;
    const at = time(t.at);
    if (Number.isNaN(at)) continue;
    if (isFailure(t.to)) {
      // A failure begins when Ready leaves True (or it turns Degraded); a new reason while failing continues it.
      if (!isFailure(t.from)) failedAt.set(t.key, at);
      continue;
    }
    const recorded = failedAt.get(t.key);
    const began = t.failingSince !== undefined ? time(t.failingSince) : (recorded ?? Number.NaN);
    failedAt.delete(t.key);
    if (at < after || Number.isNaN(began)) continue;
    // The console saw it already failing: the streak may be older than its FAILING FOR said.
    const candidate = { key: t.key, at: began, lowerBound: recorded === undefined };
    if (!first || candidate.at < first.at || (candidate.at === first.at && candidate.key < first.key))
      first = candidate;
  }
  return first;
}

function keyOf(kind: string, namespace: string, name: string): ObjectKey {
  return `${kind}/${namespace}/${name}`;
}

function streakEntries(rows: readonly StatusRow[], keep: (key: string) => boolean): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const row of rows) {
    if (!isFailingNow(row) || !keep(row.key)) continue;
    const at = time(row.failingSince);
    if (Number.isNaN(at)) continue;
    const bound = row.failingSinceLowerBound ? ' (or earlier: first seen already failing)' : '';
    out.push({
      at,
      lastAt: at,
      source: 'failing',
      tone: 'failure',
      key: row.key,
      what: `${clean(row.key)} started failing${failureWord(row.reason, row.health === 'Degraded')}${bound}`,
      detail: clean(row.message),
      count: 1,
    });
  }
  return out;
}

function transitionEntries(
  transitions: readonly Transition[],
  keep: (key: string) => boolean,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const failing = new Set<ObjectKey>();
  for (const t of transitions) {
    if (!keep(t.key)) continue;
    const at = time(t.at);
    if (Number.isNaN(at)) continue;
    const began = time(t.failingSince ?? '');
    // A recovery from a failure whose beginning the console did not see: its start, as FAILING FOR knew it.
    const recovered = !isFailure(t.to);
    if (recovered && !failing.has(t.key) && !Number.isNaN(began) && began <= at)
      out.push({
        at: began,
        lastAt: at,
        source: 'failing',
        tone: 'failure',
        key: t.key,
        what: `${clean(t.key)} started failing${failureWord(t.from.reason, t.from.degraded === true)} (or earlier: first seen already failing)`,
        detail: '',
        count: 1,
      });
    // Whether the console saw this failure begin (Ready leaving True), not merely change its reason.
    if (recovered) failing.delete(t.key);
    else if (!isFailure(t.from)) failing.add(t.key);
    const late = t.noticedLate ? ' (noticed after a restart: it happened earlier)' : '';
    out.push({
      at,
      lastAt: at,
      source: 'transition',
      tone: transitionTone(t.to),
      key: t.key,
      what: `${transitionWhat(t)}${late}`,
      detail: clean(t.message),
      count: 1,
    });
  }
  return out;
}

function eventEntries(events: readonly TimelineEvent[], keep: (key: string) => boolean, start: number) {
  const out: TimelineEntry[] = [];
  for (const e of events) {
    const key = keyOf(e.involved.kind, e.involved.namespace, e.involved.name);
    if (!keep(key)) continue;
    const last = time(e.lastSeen);
    const first = time(e.firstSeen);
    if (Number.isNaN(last) || last < start) continue;
    const warning = e.type === 'Warning';
    const count = Math.max(1, Math.floor(Number.isFinite(e.count) ? e.count : 1));
    const began = Number.isNaN(first) ? last : Math.min(first, last);
    // A series that began before the window is placed at its start, saying so.
    const before = began < start ? `, repeating since ${new Date(began).toISOString().slice(0, 19)}Z` : '';
    out.push({
      at: Math.max(began, start),
      lastAt: last,
      source: 'event',
      tone: warning ? 'warning' : 'info',
      key,
      what: `${clean(key)} ${warning ? 'Warning' : 'Normal'} ${clean(e.reason, 80)}${before}`,
      detail: clean(e.message),
      count,
    });
  }
  return out;
}

/**
 * Error lines about the objects in scope; the same message about the same object (numbers aside) is one
 * entry with a count, worded as it first came.
 */
function logEntries(logs: readonly TimelineLog[], keep: (key: string) => boolean, start: number) {
  const grouped = new Map<string, { entry: TimelineEntry; count: number; lastAt: number }>();
  for (const l of logs) {
    if (l.level !== 'error' || !l.kind || !l.name) continue;
    const key = keyOf(l.kind, l.namespace, l.name);
    if (!keep(key)) continue;
    const at = time(l.ts);
    if (Number.isNaN(at) || at < start) continue;
    const text = clean(l.error ? `${l.message}: ${l.error}` : l.message);
    // The same error with other numbers in it (`failed after 1.2s`, `retrying in 30s`) is the same error.
    const id = `${key}\u0000${text.replace(/\d+(\.\d+)?/g, '#')}`;
    const seen = grouped.get(id);
    if (seen) {
      seen.count++;
      seen.lastAt = Math.max(seen.lastAt, at);
      if (at < seen.entry.at) seen.entry = { ...seen.entry, at };
      continue;
    }
    grouped.set(id, {
      count: 1,
      lastAt: at,
      entry: {
        at,
        lastAt: at,
        source: 'log',
        tone: 'warning',
        key,
        what: `${clean(key)} ${clean(l.controller, 60)} error`,
        detail: text,
        count: 1,
      },
    });
  }
  return [...grouped.values()].map((g) => ({ ...g.entry, count: g.count, lastAt: g.lastAt }));
}

/** An action the timeline shows: its outcome line, or its intent while it is still running. */
export interface SettledAction {
  readonly action: TimelineAction;
  /** When it began (its intent line), else when it ended. */
  readonly at: number;
  /** When its outcome was written (for one still running: when it began). */
  readonly endedAt: number;
  readonly running: boolean;
}

/** The actions in the window that touch the objects in scope, one per run (its outcome, or still running). */
export function actionsInWindow(
  actions: readonly TimelineAction[],
  keys: ReadonlySet<ObjectKey> | undefined,
  start: number,
): SettledAction[] {
  const outcomes = new Set(actions.filter((a) => a.phase === 'outcome').map((a) => a.id));
  // An action is placed when it began (its intent), so what it caused follows it in the timeline.
  const began = new Map<string, number>();
  for (const a of actions) if (a.phase === 'intent' && !began.has(a.id)) began.set(a.id, time(a.time));
  const out: SettledAction[] = [];
  for (const a of actions) {
    if (a.phase === 'intent' && (outcomes.has(a.id) || a.outcome !== 'confirmed')) continue;
    if (keys && !a.targets.some((t) => keys.has(t))) continue;
    const endedAt = time(a.time);
    const startedAt = began.get(a.id);
    const at =
      startedAt !== undefined && !Number.isNaN(startedAt) && startedAt <= endedAt ? startedAt : endedAt;
    if (Number.isNaN(endedAt) || endedAt < start) continue;
    out.push({ action: a, at, endedAt, running: a.phase === 'intent' });
  }
  return out;
}

/** `kubernetes-admin ran rollback on HelmRelease/flux-system/kyverno: succeeded`. */
export function actionSentence({ action: a, running }: SettledAction): string {
  const targets = a.targets.map((t) => clean(t, 120));
  const outcome = running ? 'still running' : clean(a.outcome, 40);
  return `${clean(a.user, 80) || 'someone'} ran ${clean(a.action, 40)} on ${targets.join(', ') || 'nothing'}: ${outcome}`;
}

export function actionDetail(a: TimelineAction): string {
  return clean(a.error ? `${a.message ?? ''} ${a.error}`.trim() : (a.message ?? ''));
}

function actionEntries(
  actions: readonly TimelineAction[],
  keys: ReadonlySet<ObjectKey> | undefined,
  start: number,
) {
  return actionsInWindow(actions, keys, start).map(
    (settled): TimelineEntry => ({
      at: settled.at,
      lastAt: settled.at,
      source: 'action',
      tone: 'action',
      key: settled.action.targets.length === 1 ? (settled.action.targets[0] ?? '') : '',
      what: actionSentence(settled),
      detail: actionDetail(settled.action),
      count: 1,
    }),
  );
}

function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return (
    a.at - b.at ||
    SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] ||
    // At the same moment, a Warning before a Normal event.
    (a.tone === 'warning' ? 0 : 1) - (b.tone === 'warning' ? 0 : 1) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
    (a.what < b.what ? -1 : a.what > b.what ? 1 : 0) ||
    (a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0)
  );
}

export function buildTimeline(input: TimelineInput, options: TimelineOptions = {}): Timeline {
  const keys = options.keys;
  const quiet = options.quietWindowMs ?? HOUR;
  const oldest = failureStart(input.rows, keys);
  const ended = recentlyEnded(input.transitions, keys, input.now - quiet);
  const current = oldest
    ? { key: oldest.key, at: time(oldest.failingSince), lowerBound: oldest.failingSinceLowerBound }
    : undefined;
  const first = current && (!ended || current.at <= ended.at) ? current : ended;
  const failureAt = first?.at;
  const start = options.since ?? failureAt ?? input.now - quiet;
  const startsAtFailure = options.since === undefined && failureAt !== undefined;
  const keep = (key: string) => !keys || keys.has(key);
  const inWindow = (e: TimelineEntry) => e.lastAt >= start;
  const base = [
    ...streakEntries(input.rows, keep),
    ...transitionEntries(input.transitions, keep).filter(inWindow),
    ...actionEntries(input.actions, keys, start),
  ];
  const events = eventEntries(input.events, keep, start);
  // Normal events only for objects the incident involves: every healthy object's routine
  // ReconciliationSucceeded would drown the rest.
  const involved = new Set<string>(base.map((e) => e.key));
  for (const a of input.actions) for (const t of a.targets) involved.add(t);
  for (const e of events) if (e.tone === 'warning') involved.add(e.key);
  const entries = [
    ...base,
    ...events.filter((e) => e.tone === 'warning' || involved.has(e.key)),
    ...logEntries(input.logs, keep, start),
  ].sort(compareEntries);
  return {
    start,
    startsAtFailure,
    startKey: startsAtFailure && first ? first.key : '',
    startLowerBound: startsAtFailure && first ? first.lowerBound : false,
    entries,
  };
}
