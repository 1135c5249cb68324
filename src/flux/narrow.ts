// Narrowing helpers for untrusted JSON from the cluster. Every read goes through these so a field of the
// wrong type reads as "absent" instead of crashing a render. Only own properties are followed, so a
// hostile object cannot reach inherited members such as `constructor` or `__proto__`.
//
// These run tens of times per object and 10,000 objects per snapshot: each typed reader walks its own rest
// array (no second spread into `field`), and `prop` is the one-step read for hand-written hot paths.

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One own property of a record, or undefined when `obj` is not a record or lacks it. */
export function prop(obj: unknown, key: string): unknown {
  return isRecord(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** A string own property, or '' (the one-step `str`, for per-object hot paths). */
export function strProp(obj: unknown, key: string): string {
  const v = prop(obj, key);
  return typeof v === 'string' ? v : '';
}

/** A finite number own property, or undefined (the one-step `num`). */
export function numProp(obj: unknown, key: string): number | undefined {
  return asNumber(prop(obj, key));
}

/**
 * `value` when it is a plain object, else undefined: for the hottest reads, a fixed field name as a
 * constant key (`asRecord(raw)?.['status']`), which V8 caches per call site for the few shapes a listing's
 * objects have, where `prop`/`str` take the key as a variable. A fixed name cannot reach an inherited
 * member unless it is one: objects from JSON.parse inherit only Object.prototype's, and no field of a
 * Kubernetes object is named like them.
 */
export function asRecord(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** The value when it is a string, else ''. */
export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The value when it is a finite number, else undefined. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function walk(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string;
    if (!isRecord(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The value at `path` below `obj`, or undefined when any step is missing or not an object. */
export function field(obj: unknown, ...path: readonly string[]): unknown {
  return walk(obj, path);
}

/** `field` for a path already in an array (no rest array per call). */
export function fieldAt(obj: unknown, path: readonly string[]): unknown {
  return walk(obj, path);
}

/** A string at `path`, or '' when absent or not a string. */
export function str(obj: unknown, ...path: readonly string[]): string {
  const v = walk(obj, path);
  return typeof v === 'string' ? v : '';
}

/** A finite number at `path`, or undefined. */
export function num(obj: unknown, ...path: readonly string[]): number | undefined {
  return asNumber(walk(obj, path));
}

/** A boolean at `path`, or undefined. Strings such as "true" are not booleans: Kubernetes would reject them. */
export function bool(obj: unknown, ...path: readonly string[]): boolean | undefined {
  const v = walk(obj, path);
  return typeof v === 'boolean' ? v : undefined;
}

/** A plain object at `path`, or undefined. */
export function record(obj: unknown, ...path: readonly string[]): JsonRecord | undefined {
  const v = walk(obj, path);
  return isRecord(v) ? v : undefined;
}

/** An array at `path`, or an empty array. */
export function array(obj: unknown, ...path: readonly string[]): readonly unknown[] {
  const v = walk(obj, path);
  return Array.isArray(v) ? v : [];
}

/** The string values of a string map (labels, annotations); non-string values are skipped. */
export function stringMap(obj: unknown, ...path: readonly string[]): Readonly<Record<string, string>> {
  const m = walk(obj, path);
  const out: Record<string, string> = {};
  if (!isRecord(m)) return out;
  for (const k in m) {
    if (!Object.hasOwn(m, k)) continue;
    const v = m[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}
