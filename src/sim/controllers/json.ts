// Narrowing helpers: objects in the store are whatever clients sent (kubectl, the console, tests), so every
// field the controllers read is checked before use. Reads go by path; writes go through the typed views below.
import { field, isRecord, type JsonRecord } from '../../flux/narrow.js';
import { deepEqual } from '../deep.js';

export { deepEqual, field, isRecord, type JsonRecord };

export function getStr(obj: unknown, ...path: readonly string[]): string {
  const v = field(obj, ...path);
  return typeof v === 'string' ? v : '';
}

export function getNum(obj: unknown, ...path: readonly string[]): number | undefined {
  const v = field(obj, ...path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function getList(obj: unknown, ...path: readonly string[]): readonly unknown[] {
  const v = field(obj, ...path);
  return Array.isArray(v) ? v : [];
}

export function getRecord(obj: unknown, ...path: readonly string[]): JsonRecord {
  const v = field(obj, ...path);
  return isRecord(v) ? v : {};
}

/** The status fields the simulated controllers write (declared so they read as plain properties). */
export interface MutableStatus {
  [field: string]: unknown;
  observedGeneration?: unknown;
  lastHandledReconcileAt?: unknown;
  lastHandledResetAt?: unknown;
  lastHandledForceAt?: unknown;
  conditions?: unknown;
  artifact?: unknown;
  url?: unknown;
  history?: unknown;
  inventory?: unknown;
  lastAppliedRevision?: unknown;
  lastAttemptedRevision?: unknown;
  helmChart?: unknown;
  storageNamespace?: unknown;
  lastAttemptedGeneration?: unknown;
  lastAttemptedReleaseAction?: unknown;
  lastAttemptedConfigDigest?: unknown;
  lastAttemptedRevisionDigest?: unknown;
  failures?: unknown;
  installFailures?: unknown;
  upgradeFailures?: unknown;
  webhookPath?: unknown;
  canonicalImageName?: unknown;
  lastScanResult?: unknown;
  observedExclusionList?: unknown;
  latestRef?: unknown;
  observedPreviousRef?: unknown;
  lastAutomationRunTime?: unknown;
  observedPolicies?: unknown;
  observedSourceRevision?: unknown;
}

interface WithStatus {
  status?: unknown;
}

/** The object's status, created when missing or not an object, so handlers can write into it. */
export function statusOf(object: object): MutableStatus {
  const o = object as WithStatus;
  if (!isRecord(o.status)) o.status = {};
  return o.status as MutableStatus;
}
