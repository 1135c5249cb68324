// One object of `fluxdeck status -o json`, derived straight from the raw object. deriveRow builds what the
// console keeps per row (every condition with its message, the extra columns, who suspended it); the
// one-shot report prints 17 fields of 10,000 objects once, in a process that has not yet compiled
// anything, so it reads only those: the Ready, Reconciling and Stalled conditions and the fields printed.
// The result is the document's object as status-json.ts prints it, equal field for field to what deriveRow
// gives (test/unit/status-object.test.ts holds the two together).
import { MAX_CONDITIONS, readCondition } from './conditions.js';
import { healthOf, reconcilingOf } from './health.js';
import { truncateHex } from './hex.js';
import { KIND_RULES } from './kind-rules.js';
import type { KindName } from './kinds.js';
import { asNumber, asRecord } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import {
  DERIVED_STREAK,
  MAX_NAME,
  messageColumn,
  readDependsOn,
  readyColumn,
  refFromSpec,
  streakSample,
} from './status.js';
import type { Condition, ObjectRef, StatusRow } from './types.js';
import type { WorkloadVerdict } from './workload-health.js';

/** A reference as the document prints it. */
export interface DocumentRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * One entry of the document's `objects`: the row's fields the document prints, with the object's
 * reference spread out and its references in the document's shape (field order: deriveStatusObject).
 */
export type StatusObject = Pick<
  StatusRow,
  | 'apiVersion'
  | 'ready'
  | 'health'
  | 'reason'
  | 'message'
  | 'revision'
  | 'suspended'
  | 'reconciling'
  | 'stalled'
  | 'failingSince'
  | 'failingSinceLowerBound'
  | 'lastTransitionTime'
  | 'lastHandledReconcileAt'
> & {
  readonly kind: KindName;
  readonly namespace: string;
  readonly name: string;
  readonly dependsOn: readonly DocumentRef[];
  readonly source: DocumentRef | null;
  /** Only on a Degraded object (health `Degraded`): what its workloads add up to. */
  readonly degraded?: DegradedDocument;
};

/** Why a Ready object is Degraded, as the document prints it (src/flux/workload-health.ts). */
export interface DegradedDocument {
  /** `ImagePullBackOff: Deployment apps/api — 1 of 3 managed workloads not ready`. */
  readonly message: string;
  /** RFC 3339: since when the earliest counting workload is not healthy, as far as known; '' unknown. */
  readonly since: string;
  readonly sinceLowerBound: boolean;
  readonly notReady: number;
  readonly total: number;
}

/** The object with its workloads' verdict laid over: health `Degraded` and `degraded`, when it counts. */
export function degradedObject(object: StatusObject, verdict: WorkloadVerdict | undefined): StatusObject {
  if (!verdict?.degraded || object.health !== 'Ready') return object;
  return {
    ...object,
    health: 'Degraded',
    degraded: {
      message: verdict.message,
      since: verdict.since,
      sinceLowerBound: verdict.sinceLowerBound,
      notReady: verdict.notReady,
      total: verdict.total,
    },
  };
}

// `status` runs once in a fresh process, so most of its 10,000 objects are derived before the JIT has
// optimised anything: fields are read by constant name (narrow.ts asRecord) rather than through the
// variable-key helpers, and Health gets the three conditions it reads rather than a list to search.
const NO_REFS: readonly DocumentRef[] = Object.freeze([]);

/** The first Ready, Reconciling and Stalled conditions of an object: all Health and the document read. */
interface Verdicts {
  ready: Condition | undefined;
  reconciling: Condition | undefined;
  stalled: Condition | undefined;
}

/** The verdict conditions as readConditions reads them, without reading any of the others. */
function verdictConditions(status: unknown): Verdicts {
  const found: Verdicts = { ready: undefined, reconciling: undefined, stalled: undefined };
  const list = asRecord(status)?.['conditions'];
  if (!Array.isArray(list)) return found;
  const n = Math.min(list.length, MAX_CONDITIONS);
  for (let i = 0; i < n; i++) {
    const entry = asRecord(list[i]);
    if (!entry) continue;
    // The type as readConditions sees it (sanitised), so a hostile spelling matches the same way.
    const raw = entry['type'];
    const type = raw === 'Ready' || raw === 'Reconciling' || raw === 'Stalled' ? raw : sanitizeText(raw, 200);
    if (type === 'Ready') found.ready ??= readCondition(entry);
    else if (type === 'Reconciling') found.reconciling ??= readCondition(entry);
    else if (type === 'Stalled') found.stalled ??= readCondition(entry);
    else continue;
    if (found.ready && found.reconciling && found.stalled) break;
  }
  return found;
}

function documentRef(ref: ObjectRef): DocumentRef {
  return { kind: ref.kind, namespace: ref.namespace, name: ref.name };
}

/** The document's object for one raw object; undefined when it has no usable metadata.name (as deriveRow). */
export function deriveStatusObject(kind: KindName, raw: unknown): StatusObject | undefined {
  const metadata = asRecord(raw)?.['metadata'];
  const status = asRecord(raw)?.['status'];
  const name = sanitizeText(asRecord(metadata)?.['name'], MAX_NAME);
  if (name === '') return undefined;
  const namespace = sanitizeText(asRecord(metadata)?.['namespace'], MAX_NAME);
  const rules = KIND_RULES[kind];
  const { ready, reconciling, stalled } = verdictConditions(status);
  const staticReady = rules.staticReady?.(raw);

  const readyStatus = readyColumn(staticReady, ready);
  const fullRevision = sanitizeText(rules.revision(raw), 1000);
  const suspended = rules.suspended(raw);
  const lastTransitionTime = staticReady ? '' : (ready?.lastTransitionTime ?? '');
  const source = refFromSpec(rules.source?.(raw), namespace);
  const dependsOn = asRecord(asRecord(raw)?.['spec'])?.['dependsOn'];
  // One look, nothing remembered: the streak as derived from the object, a lower bound.
  const failure = DERIVED_STREAK(streakSample(status, staticReady, ready, stalled));

  return {
    kind,
    apiVersion: sanitizeText(asRecord(raw)?.['apiVersion'], 200),
    namespace,
    name,
    ready: readyStatus,
    health: healthOf(
      {
        suspended,
        staticReady: staticReady !== undefined,
        generation: asNumber(asRecord(metadata)?.['generation']) ?? 0,
        observedGeneration: asNumber(asRecord(status)?.['observedGeneration']),
      },
      ready,
      reconciling,
      stalled,
    ),
    reason: staticReady ? '' : (ready?.reason ?? ''),
    message: messageColumn(kind, staticReady, ready && sanitizeText(ready.message)),
    revision: rules.truncateRevision ? truncateHex(fullRevision) : fullRevision,
    suspended,
    reconciling: !staticReady && reconcilingOf(ready, reconciling),
    stalled: !staticReady && stalled?.status === 'True',
    failingSince: readyStatus !== 'True' ? (failure?.since ?? '') : '',
    failingSinceLowerBound: readyStatus !== 'True' && failure !== undefined && failure.lowerBound,
    lastTransitionTime,
    lastHandledReconcileAt: sanitizeText(asRecord(status)?.['lastHandledReconcileAt'], 100),
    dependsOn:
      Array.isArray(dependsOn) && dependsOn.length > 0
        ? readDependsOn(kind, raw, namespace).map(documentRef)
        : NO_REFS,
    source: source ? documentRef(source) : null,
  };
}
