// One object of `fluxdeck status -o json`, derived straight from the raw object. deriveRow builds what the
// console keeps per row (every condition with its message, the extra columns, who suspended it); the
// one-shot report prints 17 fields of 10,000 objects once, in a process that has not yet compiled
// anything, so it reads only those: the Ready, Reconciling and Stalled conditions and the fields printed.
// The result is the document's object as status-json.ts prints it, equal field for field to what deriveRow
// gives (test/unit/status-object.test.ts holds the two together).
import { conditionStatus, MAX_CONDITIONS, MAX_MESSAGE } from './conditions.js';
import { healthOf, reconcilingOf } from './health.js';
import { truncateHex } from './hex.js';
import { KIND_RULES } from './kind-rules.js';
import type { KindName } from './kinds.js';
import { asRecord, type JsonRecord } from './narrow.js';
import { sanitizeMultiline, sanitizeText } from './sanitize.js';
import { messageColumn, readDependsOn, readyColumn, refFromSpec } from './status.js';
import { parseTime } from './time.js';
import type { Condition, ConditionStatus, Health, ObjectRef } from './types.js';

const MAX_NAME = 253;

/** A reference as the document prints it. */
export interface DocumentRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** One entry of the document's `objects`, in the document's field order. */
export interface StatusObject {
  readonly kind: KindName;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly name: string;
  readonly ready: ConditionStatus;
  readonly health: Health;
  readonly reason: string;
  readonly message: string;
  readonly revision: string;
  readonly suspended: boolean;
  readonly reconciling: boolean;
  readonly stalled: boolean;
  readonly failingSince: string;
  readonly lastTransitionTime: string;
  readonly lastHandledReconcileAt: string;
  readonly dependsOn: readonly DocumentRef[];
  readonly source: DocumentRef | null;
}

// `status` runs once in a fresh process, so most of its 10,000 objects are derived before the JIT has
// optimised anything: fields are read by constant name (narrow.ts asRecord) rather than through the
// variable-key helpers, Health gets the three conditions it reads rather than a list to search, and text
// that is printable ASCII within its limit (nearly all of it) is taken as is without entering sanitize.ts.
const PRINTABLE_ASCII_ONLY = /^[\x20-\x7e]*$/;
const NO_REFS: readonly DocumentRef[] = Object.freeze([]);

/** sanitizeText(value, max), without its calls when there is nothing to clean or cut. */
function text(value: unknown, max: number): string {
  return typeof value === 'string' && value.length <= max && PRINTABLE_ASCII_ONLY.test(value)
    ? value
    : sanitizeText(value, max);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The first Ready, Reconciling and Stalled conditions of an object: all Health and the document read. */
interface Verdicts {
  ready: Condition | undefined;
  reconciling: Condition | undefined;
  stalled: Condition | undefined;
}

/**
 * The verdict conditions, in the order the object lists them, as readConditions would read them (only what
 * the document and Health use: message and time for Ready).
 */
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
    const type = raw === 'Ready' || raw === 'Reconciling' || raw === 'Stalled' ? raw : text(raw, 200);
    if (type === 'Ready') {
      found.ready ??= readyCondition(entry);
    } else if (type === 'Reconciling') {
      found.reconciling ??= verdict(type, entry);
    } else if (type === 'Stalled') {
      found.stalled ??= verdict(type, entry);
    } else continue;
    if (found.ready && found.reconciling && found.stalled) break;
  }
  return found;
}

function verdict(type: string, entry: JsonRecord): Condition {
  return {
    type,
    status: conditionStatus(entry['status']),
    reason: text(entry['reason'], 200),
    message: '',
    lastTransitionTime: '',
  };
}

function readyCondition(entry: JsonRecord): Condition {
  const message = entry['message'];
  const time = entry['lastTransitionTime'];
  const ready: { -readonly [K in keyof Condition]: Condition[K] } = {
    type: 'Ready',
    status: conditionStatus(entry['status']),
    reason: text(entry['reason'], 200),
    // What deriveRow shows: the condition's message (bounded, multi-line) as a single line.
    message:
      typeof message === 'string' && message.length <= 2000 && PRINTABLE_ASCII_ONLY.test(message)
        ? message
        : sanitizeText(sanitizeMultiline(message, MAX_MESSAGE)),
    lastTransitionTime: typeof time === 'string' && parseTime(time) !== undefined ? time : '',
  };
  const generation = count(entry['observedGeneration']);
  if (generation !== undefined) ready.observedGeneration = generation;
  return ready;
}

function documentRef(ref: ObjectRef): DocumentRef {
  return { kind: ref.kind, namespace: ref.namespace, name: ref.name };
}

/** The document's object for one raw object; undefined when it has no usable metadata.name (as deriveRow). */
export function deriveStatusObject(kind: KindName, raw: unknown): StatusObject | undefined {
  const metadata = asRecord(raw)?.['metadata'];
  const status = asRecord(raw)?.['status'];
  const rawName = asRecord(metadata)?.['name'];
  const name = text(typeof rawName === 'string' ? rawName : '', MAX_NAME);
  if (name === '') return undefined;
  const rawNamespace = asRecord(metadata)?.['namespace'];
  const namespace = text(typeof rawNamespace === 'string' ? rawNamespace : '', MAX_NAME);
  const rules = KIND_RULES[kind];
  const { ready, reconciling, stalled } = verdictConditions(status);
  const staticReady = rules.staticReady?.(raw);

  const readyStatus = readyColumn(staticReady, ready);
  const fullRevision = text(rules.revision(raw), 1000);
  const suspended = rules.suspended(raw);
  const lastTransitionTime = staticReady ? '' : (ready?.lastTransitionTime ?? '');
  const source = refFromSpec(rules.source?.(raw), namespace);
  const dependsOn = asRecord(asRecord(raw)?.['spec'])?.['dependsOn'];

  return {
    kind,
    apiVersion: text(asRecord(raw)?.['apiVersion'], 200),
    namespace,
    name,
    ready: readyStatus,
    health: healthOf(
      {
        suspended,
        staticReady: staticReady !== undefined,
        generation: count(asRecord(metadata)?.['generation']) ?? 0,
        observedGeneration: count(asRecord(status)?.['observedGeneration']),
      },
      ready,
      reconciling,
      stalled,
    ),
    reason: staticReady ? '' : (ready?.reason ?? ''),
    message: messageColumn(kind, staticReady, ready?.message),
    revision: rules.truncateRevision ? truncateHex(fullRevision) : fullRevision,
    suspended,
    reconciling: !staticReady && reconcilingOf(ready, reconciling),
    stalled: !staticReady && stalled?.status === 'True',
    failingSince: readyStatus !== 'True' ? lastTransitionTime : '',
    lastTransitionTime,
    lastHandledReconcileAt: text(asRecord(status)?.['lastHandledReconcileAt'], 100),
    dependsOn:
      Array.isArray(dependsOn) && dependsOn.length > 0
        ? readDependsOn(kind, raw, namespace).map(documentRef)
        : NO_REFS,
    source: source ? documentRef(source) : null,
  };
}
