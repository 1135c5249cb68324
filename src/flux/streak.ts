// FAILING FOR as the age of the failure streak: since the object was last Ready=True (docs/status.md).
//
// Ready's lastTransitionTime is not that age: kustomize-controller marks Ready Unknown ("Reconciliation in
// progress") at the start of every attempt and False again at its end, helm-controller marks it Unknown
// before every install/upgrade, so the transition time restarts with each retry and each requested
// reconcile. A console that watched the object go from Ready=True knows when the streak began; one that
// first saw it already failing only knows a moment it was failing at, derived from what the cluster holds
// (the conditions, status.history, the current failure's events): a lower bound. Pure: the memory of what
// was observed lives with the store (src/kube/store.ts), which feeds each object version through
// nextStreak — O(1) per watch event, nothing recomputed per frame.

import { asRecord, asString } from './narrow.js';
import { parseTime } from './time.js';
import type { Condition, ConditionStatus } from './types.js';

/** What an object itself says about its current failure. Times are ms since the epoch. */
export interface FailureEvidence {
  /** The earliest moment the object is known to have been failing in its current streak. */
  readonly failingAt?: number;
  /** The latest moment it is known to have reconciled successfully (bounds what older evidence may claim). */
  readonly goodAt?: number;
  /** The Ready reason of the current failure ('' while an attempt runs): which events belong to it. */
  readonly reason: string;
}

/** An event as the derivation reads it (src/kube ClusterEvent has these fields). */
export interface StreakEvent {
  readonly type: string;
  readonly reason: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** The streak a row shows: `since` as RFC 3339; `lowerBound` when only derived (rendered `≥12m`). */
export interface Streak {
  readonly since: string;
  readonly lowerBound: boolean;
}

/** What the store remembers per object between versions. */
export type StreakMemo =
  | { readonly phase: 'ready' }
  /** Seen without a Ready verdict yet (new object): its first failure starts a streak we saw begin. */
  | { readonly phase: 'unreported' }
  | {
      readonly phase: 'failing';
      readonly streak: Streak;
      /** The object's own evidence at its latest version, kept so a later event can refine a lower bound. */
      readonly evidence: FailureEvidence;
    };

/** One version of an object as the transition reads it. */
export interface StreakSample {
  /** Ready's status; undefined when the object has no Ready verdict (static kinds count as True). */
  readonly ready: ConditionStatus | undefined;
  /** Ready's lastTransitionTime ('' when absent). */
  readonly readySince: string;
  readonly evidence: FailureEvidence;
}

const KUSTOMIZE_SUCCESS = 'ReconciliationSucceeded';
const HELM_GOOD_STATUSES = new Set(['deployed', 'superseded']);
/** Normal events the controllers record for a successful reconcile (fluxcd/pkg meta and the kinds' reasons). */
const SUCCESS_EVENT_REASONS = new Set([
  'ReconciliationSucceeded',
  'InstallSucceeded',
  'UpgradeSucceeded',
  'TestSucceeded',
  'Succeeded',
  'GitOperationSucceeded',
  'ArtifactUpToDate',
  'NewArtifact',
  'ChartPullSucceeded',
  'ChartPackageSucceeded',
  'BucketOperationSucceeded',
]);
const HISTORY_LIMIT = 20;

function earlier(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b < a ? b : a;
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b > a ? b : a;
}

/**
 * A failure recorded from `first` to `last` counts from `first` when that was after the last success,
 * else from `last` (the failure continued past it), else not at all (it belongs to an earlier streak).
 */
function withinStreak(first: number | undefined, last: number | undefined, goodAt: number | undefined) {
  if (first !== undefined && (goodAt === undefined || first > goodAt)) return first;
  if (last !== undefined && (goodAt === undefined || last > goodAt)) return last;
  return undefined;
}

interface HistoryFacts {
  goodAt?: number;
  failures: { first?: number; last?: number }[];
}

/**
 * status.history: a Kustomization's snapshots (fluxcd/pkg meta.History: lastReconciledStatus,
 * first/lastReconciled) or a HelmRelease's (status, action, lastDeployed; a rollback is remediation, not
 * success). Both are newest first and bounded (5); anything else is ignored.
 */
function readHistory(status: unknown): HistoryFacts {
  const facts: HistoryFacts = { failures: [] };
  const list = asRecord(status)?.['history'];
  if (!Array.isArray(list)) return facts;
  for (const item of list.slice(0, HISTORY_LIMIT)) {
    const entry = asRecord(item);
    if (!entry) continue;
    const kustomizeStatus = entry['lastReconciledStatus'];
    if (typeof kustomizeStatus === 'string') {
      const last = parseTime(entry['lastReconciled']);
      if (kustomizeStatus === KUSTOMIZE_SUCCESS) facts.goodAt = later(facts.goodAt, last);
      else facts.failures.push({ first: parseTime(entry['firstReconciled']), last });
      continue;
    }
    const helmStatus = asString(entry['status']);
    if (helmStatus === '') continue;
    const deployed = parseTime(entry['lastDeployed']);
    if (HELM_GOOD_STATUSES.has(helmStatus)) {
      if (asString(entry['action']) !== 'rollback' && !testsFailed(entry['testHooks'])) {
        facts.goodAt = later(facts.goodAt, deployed);
      }
    } else if (helmStatus === 'failed' || helmStatus.startsWith('pending')) {
      facts.failures.push({ last: deployed });
    }
  }
  return facts;
}

/** A HelmRelease snapshot whose test hooks failed was deployed but never made the object ready. */
function testsFailed(hooks: unknown): boolean {
  const record = asRecord(hooks);
  if (!record) return false;
  return Object.values(record).some((hook) => asString(asRecord(hook)?.['phase']) === 'Failed');
}

/**
 * The object's own evidence: Ready's transition while not True and Stalled's while True are moments of
 * the current streak for certain; status.history adds failures recorded after its last success.
 */
export function objectFailureEvidence(
  status: unknown,
  ready: Condition | undefined,
  stalled: Condition | undefined,
): FailureEvidence {
  const notReady = ready !== undefined && ready.status !== 'True';
  let failingAt = notReady ? parseTime(ready.lastTransitionTime) : undefined;
  if (stalled?.status === 'True') failingAt = earlier(failingAt, parseTime(stalled.lastTransitionTime));
  const history = readHistory(status);
  for (const f of history.failures)
    failingAt = earlier(failingAt, withinStreak(f.first, f.last, history.goodAt));
  const reason = notReady && ready.status === 'False' ? ready.reason : '';
  return history.goodAt === undefined ? { failingAt, reason } : { failingAt, goodAt: history.goodAt, reason };
}

/**
 * Adds the object's events: a success event moves goodAt on; the events of the current failure (its Ready
 * reason, which kustomize- and helm-controller use as the event reason; any Warning while an attempt runs)
 * count from their first occurrence when that came after the last success.
 */
export function withEvents(evidence: FailureEvidence, events: readonly StreakEvent[]): FailureEvidence {
  if (events.length === 0) return evidence;
  let goodAt = evidence.goodAt;
  for (const e of events) {
    if (e.type === 'Normal' && SUCCESS_EVENT_REASONS.has(e.reason))
      goodAt = later(goodAt, parseTime(e.lastSeen));
  }
  let failingAt = evidence.failingAt;
  for (const e of events) {
    const current = evidence.reason === '' ? e.type === 'Warning' : e.reason === evidence.reason;
    if (!current) continue;
    failingAt = earlier(failingAt, withinStreak(parseTime(e.firstSeen), parseTime(e.lastSeen), goodAt));
  }
  return { failingAt, reason: evidence.reason, ...(goodAt === undefined ? {} : { goodAt }) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The streak derived from evidence alone; `fallback` (when first seen) when there is none. */
function derived(evidence: FailureEvidence, fallback: number | undefined): Streak | undefined {
  const at = evidence.failingAt ?? fallback;
  return at === undefined ? undefined : { since: iso(at), lowerBound: true };
}

/**
 * The memory after seeing one more version of an object at `observedAt`:
 * - Ready=True ends the streak;
 * - not ready after having been seen ready (or new, without a verdict): the streak starts at Ready's
 *   transition, exactly;
 * - not ready, already failing: kept — the Unknown of a retry or a requested reconcile does not reset it; a
 *   derived start only moves earlier as evidence accumulates, unless a success newer than it (one the watch
 *   missed while disconnected) shows the streak it measured had ended;
 * - first seen already failing: derived from the evidence (and the object's events), a lower bound.
 */
export function nextStreak(
  previous: StreakMemo | undefined,
  sample: StreakSample,
  events: readonly StreakEvent[],
  observedAt: number,
): StreakMemo {
  if (sample.ready === 'True') return READY;
  if (sample.ready === undefined) return previous?.phase === 'failing' ? previous : UNREPORTED;
  const evidence = sample.evidence;
  if (previous === undefined) {
    const streak = derived(withEvents(evidence, events), observedAt) as Streak;
    return { phase: 'failing', streak, evidence };
  }
  if (previous.phase !== 'failing') {
    const since = parseTime(sample.readySince) ?? observedAt;
    return { phase: 'failing', streak: { since: iso(since), lowerBound: false }, evidence };
  }
  // A success recorded after the streak began (status.history) is a Ready=True the watch did not show — it
  // was disconnected meanwhile: the streak ended there, and what followed is only known from the evidence.
  const since = parseTime(previous.streak.since);
  if (since !== undefined && evidence.goodAt !== undefined && evidence.goodAt >= since) {
    const streak = derived(withEvents(evidence, events), evidence.goodAt + 1000) as Streak;
    return { phase: 'failing', streak, evidence };
  }
  if (!previous.streak.lowerBound) return { phase: 'failing', streak: previous.streak, evidence };
  return { phase: 'failing', streak: refine(previous.streak, withEvents(evidence, events)), evidence };
}

/** A derived streak after new evidence: the earlier of the two, unless a newer success disproves the old. */
function refine(streak: Streak, evidence: FailureEvidence): Streak {
  const old = parseTime(streak.since);
  const fresh = evidence.failingAt;
  if (fresh === undefined) return streak;
  const disproved = old !== undefined && evidence.goodAt !== undefined && evidence.goodAt >= old;
  if (!disproved && old !== undefined && old <= fresh) return streak;
  return { since: iso(fresh), lowerBound: true };
}

/** A derived streak after the object's events changed (the store calls this per event, for that object). */
export function withNewEvents(memo: StreakMemo, events: readonly StreakEvent[]): StreakMemo {
  if (memo.phase !== 'failing' || !memo.streak.lowerBound) return memo;
  const streak = refine(memo.streak, withEvents(memo.evidence, events));
  return streak === memo.streak ? memo : { ...memo, streak };
}

/** The row's streak from a memo; undefined while there is none to show. */
export function streakOf(memo: StreakMemo | undefined): Streak | undefined {
  return memo?.phase === 'failing' ? memo.streak : undefined;
}

/** The streak of an object seen once, with nothing remembered (`fluxdeck status`, rows without a store). */
export function derivedStreak(
  ready: ConditionStatus | undefined,
  evidence: FailureEvidence,
): Streak | undefined {
  if (ready === undefined || ready === 'True') return undefined;
  return derived(evidence, undefined);
}

const READY: StreakMemo = Object.freeze({ phase: 'ready' });
const UNREPORTED: StreakMemo = Object.freeze({ phase: 'unreported' });
