// status.conditions of a Flux object (metav1.Condition), narrowed and display-safe.
import { isRecord, numProp, prop, strProp } from './narrow.js';
import { sanitizeMultiline, sanitizeText } from './sanitize.js';
import { parseTime } from './time.js';
import type { Condition, ConditionStatus } from './types.js';

/** More conditions than any Flux kind sets; a hostile list is cut here instead of being rendered. */
export const MAX_CONDITIONS = 64;
/** Condition messages carry whole kustomize build errors; keep them readable but bounded. */
const MAX_MESSAGE = 20_000;

export function conditionStatus(value: unknown): ConditionStatus {
  // The API's own spelling first: lower-casing allocates a string per condition.
  if (value === 'True' || value === 'False' || value === 'Unknown') return value;
  if (typeof value !== 'string') return 'Unknown';
  const v = value.toLowerCase();
  if (v === 'true') return 'True';
  if (v === 'false') return 'False';
  return 'Unknown';
}

/** One entry of status.conditions, narrowed; undefined when it is not an object or has no type. */
export function readCondition(raw: unknown): Condition | undefined {
  if (!isRecord(raw)) return undefined;
  // One-step reads (prop, strProp, numProp): this runs for every condition of every object.
  const type = sanitizeText(prop(raw, 'type'), 200);
  if (type === '') return undefined;
  const lastTransitionTime = strProp(raw, 'lastTransitionTime');
  const observedGeneration = numProp(raw, 'observedGeneration');
  const condition: { -readonly [K in keyof Condition]: Condition[K] } = {
    type,
    status: conditionStatus(prop(raw, 'status')),
    reason: sanitizeText(prop(raw, 'reason'), 200),
    message: sanitizeMultiline(prop(raw, 'message'), MAX_MESSAGE),
    lastTransitionTime: parseTime(lastTransitionTime) === undefined ? '' : lastTransitionTime,
  };
  // Assigned, not spread in: a spread of a conditional literal costs an object per condition.
  if (observedGeneration !== undefined) condition.observedGeneration = observedGeneration;
  return condition;
}

/**
 * The conditions of an object. Accepts the object itself (reads `status.conditions`) or the conditions
 * array; entries that are not objects or have no type are skipped, unknown statuses read as `Unknown`.
 * Messages keep their line breaks (sanitised); table cells must still pass them through sanitizeText.
 */
export function readConditions(raw: unknown): Condition[] {
  const list = Array.isArray(raw) ? raw : prop(prop(raw, 'status'), 'conditions');
  if (!Array.isArray(list)) return [];
  // Sized to fit: an array grown by push keeps room for 16, and every row holds one of these.
  const read = list.slice(0, MAX_CONDITIONS).map(readCondition);
  return read.includes(undefined) ? read.filter((c) => c !== undefined) : (read as Condition[]);
}

/** The first condition of `type` (exact, as apimachinery's FindStatusCondition), or undefined. */
export function findCondition(conds: readonly Condition[], type: string): Condition | undefined {
  for (const c of conds) if (c.type === type) return c;
  return undefined;
}

/** Whether the condition of `type` exists with status True. */
export function isConditionTrue(conds: readonly Condition[], type: string): boolean {
  return findCondition(conds, type)?.status === 'True';
}
