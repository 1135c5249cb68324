// A raw Flux object becomes a StatusRow: the `flux get` columns (READY, MESSAGE, REVISION, SUSPENDED, with the
// CLI's hash shortening) plus what the console needs to triage (Health, failing since, dependencies, source,
// who suspended it). Everything is narrowed; only a missing metadata.name makes an object unusable.
import { SUSPEND_REASON, SUSPENDED_BY, WEAVE_SUSPENDED_BY, WEAVE_SUSPENDED_COMMENT } from './annotations.js';
import { findCondition, readConditions } from './conditions.js';
import { deriveHealth, healthRank, isReconciling } from './health.js';
import { truncateHex } from './hex.js';
import { KIND_RULES, type SpecRef, type StaticReady } from './kind-rules.js';
import { isKindName, type KindName } from './kinds.js';
import { array, numProp, prop, str, stringMap, strProp } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import { derivedStreak, objectFailureEvidence, type Streak, type StreakSample } from './streak.js';
import { parseTime } from './time.js';
import { type Condition, type ConditionStatus, type ObjectRef, objectKey, type StatusRow } from './types.js';

export { healthRank } from './health.js';

/** Kubernetes names are at most 253 characters; anything longer is not a name we can act on. */
export const MAX_NAME = 253;
const MAX_DEPENDENCIES = 256;
const SOURCE_COLUMN = 'SOURCE';
const NO_ANNOTATIONS: Readonly<Record<string, string>> = Object.freeze({});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function validTime(value: string): string {
  return parseTime(value) === undefined ? '' : value;
}

function readName(raw: unknown, ...path: string[]): string {
  const v = str(raw, ...path);
  // A name with control characters or over-long cannot be a real object name; display it, never act on it.
  return sanitizeText(v, MAX_NAME);
}

/** ObjectRef for a spec reference, namespace defaulted to the referrer's; undefined for unknown kinds. */
export function refFromSpec(ref: SpecRef | undefined, namespace: string): ObjectRef | undefined {
  if (!ref || !isKindName(ref.kind)) return undefined;
  return {
    kind: ref.kind,
    name: sanitizeText(ref.name, MAX_NAME),
    namespace: sanitizeText(ref.namespace || namespace, MAX_NAME),
  };
}

/** The `flux get` SOURCE cell: `Kind/namespace/name`. */
function sourceCell(kind: KindName, ref: SpecRef | undefined, namespace: string): string {
  if (!ref) return '';
  const ns = KIND_RULES[kind].sourceCellDefaultsNamespace ? ref.namespace || namespace : ref.namespace;
  return sanitizeText(`${ref.kind}/${ns}/${ref.name}`, 800);
}

/** spec.dependsOn as references of the same kind (namespace defaulted), without duplicates, bounded. */
export function readDependsOn(kind: KindName, raw: unknown, namespace: string): readonly ObjectRef[] {
  if (!KIND_RULES[kind].dependsOn) return NO_DEPENDENCIES;
  const seen = new Set<string>();
  const out: ObjectRef[] = [];
  for (const dep of array(raw, 'spec', 'dependsOn').slice(0, MAX_DEPENDENCIES)) {
    const name = readName(dep, 'name');
    if (name === '') continue;
    // Kustomizations depend only on Kustomizations, HelmReleases only on HelmReleases (docs/flux-api.md).
    const ref: ObjectRef = { kind, name, namespace: readName(dep, 'namespace') || namespace };
    const key = objectKey(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  // A copy sized to fit: an array grown by push keeps room for 16.
  return out.length === 0 ? NO_DEPENDENCIES : out.slice();
}

/** One empty list for every row without dependencies (most rows; each would hold its own otherwise). */
const NO_DEPENDENCIES: readonly ObjectRef[] = Object.freeze([]);

/**
 * The full revision of an object as the CLI reports it after a reconcile (`applied revision …`, `fetched
 * revision …`): no hex shortening, display-safe.
 */
export function objectRevision(kind: KindName, raw: unknown): string {
  return sanitizeText(KIND_RULES[kind].revision(raw), 1000);
}

/** The `flux get` READY column: the kind's constant, else the Ready condition's status, else False. */
export function readyColumn(
  staticReady: StaticReady | undefined,
  ready: Condition | undefined,
): ConditionStatus {
  return staticReady ? staticReady.status : (ready?.status ?? 'False');
}

/**
 * The `flux get` MESSAGE column from the Ready condition's message (already single-line and display-safe):
 * the kind's constant, else that message, else the waiting text; hashes shortened where the CLI does.
 */
export function messageColumn(
  kind: KindName,
  staticReady: StaticReady | undefined,
  readyMessage: string | undefined,
): string {
  const message = staticReady
    ? staticReady.message
    : readyMessage !== undefined
      ? readyMessage
      : 'waiting to be reconciled';
  return KIND_RULES[kind].truncateMessage ? truncateHex(message) : message;
}

const NO_EVIDENCE = Object.freeze({ reason: '' });

/** What a row's failure streak is when nothing about the object is remembered: derived, a lower bound. */
export const DERIVED_STREAK = (sample: StreakSample): Streak | undefined =>
  derivedStreak(sample.ready, sample.evidence);

/** The streak sample of an object: Ready's status and transition, and its own evidence (src/flux/streak.ts). */
export function streakSample(
  status: unknown,
  staticReady: StaticReady | undefined,
  ready: Condition | undefined,
  stalled: Condition | undefined,
): StreakSample {
  if (staticReady) return { ready: staticReady.status, readySince: '', evidence: NO_EVIDENCE };
  if (ready?.status === 'True')
    return { ready: 'True', readySince: ready.lastTransitionTime, evidence: NO_EVIDENCE };
  return {
    ready: ready?.status,
    readySince: ready?.lastTransitionTime ?? '',
    evidence: objectFailureEvidence(status, ready, stalled),
  };
}

/**
 * Derives the row for one object. Returns undefined only when there is no usable metadata.name. `now` is
 * accepted for symmetry with the callers' clocks but deliberately unused: a row depends only on its object
 * and, for FAILING FOR, on what `streak` remembers of it (the store's memory; derived from the object alone
 * by default), so a store can keep the same row object until either changes; ages are formatted at render
 * time (formatAge with failingSince/createdAt).
 */
export function deriveRow(
  kind: KindName,
  raw: unknown,
  _now: number,
  streak: (sample: StreakSample) => Streak | undefined = DERIVED_STREAK,
): StatusRow | undefined {
  // metadata and status are looked up once; the fields below are one-step reads of them.
  const metadata = prop(raw, 'metadata');
  const status = prop(raw, 'status');
  const name = sanitizeText(strProp(metadata, 'name'), MAX_NAME);
  if (name === '') return undefined;
  const namespace = sanitizeText(strProp(metadata, 'namespace'), MAX_NAME);
  const rules = KIND_RULES[kind];
  const ref: ObjectRef = { kind, namespace, name };
  const conditions = readConditions(raw);
  const ready = findCondition(conditions, 'Ready');
  const staticReady = rules.staticReady?.(raw);

  const readyStatus = readyColumn(staticReady, ready);
  const message = messageColumn(kind, staticReady, ready && sanitizeText(ready.message));

  const fullRevision = objectRevision(kind, raw);
  const revision = rules.truncateRevision ? truncateHex(fullRevision) : fullRevision;
  const suspended = rules.suspended(raw);
  const generation = numProp(metadata, 'generation') ?? 0;
  const observed = numProp(status, 'observedGeneration');
  const health = deriveHealth({
    suspended,
    conditions,
    staticReady: staticReady !== undefined,
    generation,
    observedGeneration: observed,
  });

  const specSource = rules.source?.(raw);
  const source = refFromSpec(specSource, namespace);
  const cell = sourceCell(kind, specSource, namespace);
  // rules.extra returns a fresh object: add SOURCE to it rather than spreading both into a third.
  const extra = rules.extra(raw);
  if (cell !== '') extra[SOURCE_COLUMN] = cell;

  // Only a suspended row shows who suspended it: skip copying the annotations of every other one.
  const annotations = suspended ? stringMap(raw, 'metadata', 'annotations') : NO_ANNOTATIONS;
  // readCondition already dropped an unparsable lastTransitionTime.
  const lastTransitionTime = staticReady ? '' : (ready?.lastTransitionTime ?? '');
  const stalledCondition = findCondition(conditions, 'Stalled');
  // Asked for ready rows too: a store's memory learns from them that a streak ended.
  const failure = streak(streakSample(status, staticReady, ready, stalledCondition));

  const row: Mutable<StatusRow> = {
    key: objectKey(ref),
    ref,
    uid: sanitizeText(prop(metadata, 'uid'), 100),
    apiVersion: sanitizeText(prop(raw, 'apiVersion'), 200),
    ready: readyStatus,
    health,
    reason: staticReady ? '' : (ready?.reason ?? ''),
    message,
    revision,
    suspended,
    reconciling: !staticReady && isReconciling(conditions),
    stalled: !staticReady && stalledCondition?.status === 'True',
    conditions,
    generation,
    observedGeneration: observed ?? 0,
    createdAt: validTime(strProp(metadata, 'creationTimestamp')),
    lastTransitionTime,
    failingSince: failure?.since ?? '',
    failingSinceLowerBound: failure?.lowerBound ?? false,
    lastHandledReconcileAt: sanitizeText(prop(status, 'lastHandledReconcileAt'), 100),
    dependsOn: readDependsOn(kind, raw, namespace),
    suspendedBy: suspended
      ? sanitizeText(annotations[SUSPENDED_BY] ?? annotations[WEAVE_SUSPENDED_BY] ?? '', 200)
      : '',
    suspendReason: suspended
      ? sanitizeText(annotations[SUSPEND_REASON] ?? annotations[WEAVE_SUSPENDED_COMMENT] ?? '', 500)
      : '',
    extra,
  };
  if (source) row.source = source;
  return row;
}

/**
 * Whether the object counts as ready for its dependents: Ready=True and its current spec observed. A
 * Degraded object is ready in that sense — Flux's dependsOn reads only Ready — see needsAttention.
 */
export function isRowReady(row: StatusRow): boolean {
  return row.ready === 'True' && row.health !== 'Pending' && row.health !== 'Stalled';
}

/**
 * Whether the Failing view lists the object: not ready, or Ready yet Degraded (what it manages is not
 * healthy, the case `flux get` misses).
 */
export function needsAttention(row: StatusRow): boolean {
  return row.health === 'Degraded' || !isRowReady(row);
}

function failingSinceMs(row: StatusRow): number {
  return parseTime(row.failingSince) ?? Number.POSITIVE_INFINITY;
}

/**
 * Whether the object counts as failing: Failed, Stalled, Waiting (blocked by another) or Degraded (Ready,
 * but its workloads are not). Not Pending — its verdict is still to come — nor Reconciling or Suspended
 * (docs/status.md).
 */
export function isRowFailing(row: Pick<StatusRow, 'health'>): boolean {
  return (
    row.health === 'Failed' ||
    row.health === 'Stalled' ||
    row.health === 'Waiting' ||
    row.health === 'Degraded'
  );
}

/** Problems first (healthRank), then the longest failing, then namespace, name and kind. */
export function compareRows(a: StatusRow, b: StatusRow): number {
  const byHealth = healthRank(a.health) - healthRank(b.health);
  if (byHealth !== 0) return byHealth;
  const fa = failingSinceMs(a);
  const fb = failingSinceMs(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (
    compareStrings(a.ref.namespace, b.ref.namespace) ||
    compareStrings(a.ref.name, b.ref.name) ||
    compareStrings(a.ref.kind, b.ref.kind)
  );
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
