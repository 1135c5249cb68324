// Status conditions the way fluxcd/pkg/runtime/conditions writes them: lastTransitionTime moves when the
// status, reason or message changes (conditions.Set, hasSameState), observedGeneration is the generation
// being reconciled, and Ready is listed first.
import { getList, getNum, getStr, isRecord, statusOf } from './json.js';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface FluxCondition {
  type: string;
  status: ConditionStatus;
  observedGeneration: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface ConditionInput {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message: string;
}

const ORDER = ['Ready', 'Stalled', 'Reconciling'];

export function readConditions(object: unknown): FluxCondition[] {
  return getList(object, 'status', 'conditions').flatMap((c): FluxCondition[] => {
    const type = getStr(c, 'type');
    if (!isRecord(c) || type === '') return [];
    const s = getStr(c, 'status');
    return [
      {
        type,
        status: s === 'True' || s === 'False' ? s : 'Unknown',
        observedGeneration: getNum(c, 'observedGeneration') ?? 0,
        lastTransitionTime: getStr(c, 'lastTransitionTime'),
        reason: getStr(c, 'reason'),
        message: getStr(c, 'message'),
      },
    ];
  });
}

export function findCondition(object: unknown, type: string): FluxCondition | undefined {
  return readConditions(object).find((c) => c.type === type);
}

export function conditionIs(object: unknown, type: string, status: ConditionStatus): boolean {
  return findCondition(object, type)?.status === status;
}

/** Sets (or replaces) a condition, keeping lastTransitionTime when status, reason and message are unchanged. */
export function setCondition(object: object, input: ConditionInput, nowIso: string): void {
  const conditions = readConditions(object);
  const previous = conditions.find((c) => c.type === input.type);
  const next: FluxCondition = {
    type: input.type,
    status: input.status,
    observedGeneration: getNum(object, 'metadata', 'generation') ?? 0,
    lastTransitionTime:
      previous &&
      previous.status === input.status &&
      previous.reason === input.reason &&
      previous.message === input.message &&
      previous.lastTransitionTime
        ? previous.lastTransitionTime
        : nowIso,
    reason: input.reason,
    message: input.message,
  };
  writeConditions(object, [...conditions.filter((c) => c.type !== input.type), next]);
}

export function removeCondition(object: object, type: string): void {
  const conditions = readConditions(object);
  if (conditions.some((c) => c.type === type))
    writeConditions(
      object,
      conditions.filter((c) => c.type !== type),
    );
}

function writeConditions(object: object, conditions: FluxCondition[]): void {
  const rank = (type: string): number => {
    const i = ORDER.indexOf(type);
    return i === -1 ? ORDER.length : i;
  };
  conditions.sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
  statusOf(object).conditions = conditions;
}

/** A dependency counts as ready the way Flux checks it: observed its generation and Ready=True. */
export function isObservedReady(object: unknown): boolean {
  const generation = getNum(object, 'metadata', 'generation');
  return (
    generation === getNum(object, 'status', 'observedGeneration') && conditionIs(object, 'Ready', 'True')
  );
}
