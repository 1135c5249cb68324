// Rows share the strings many of them repeat. Each object's row holds its own copies of what every other
// row of its kind says too — apiVersion, kinds and namespaces, condition types and reasons, the revision
// and message of objects applied from one source, SOURCE cells — ~2 MB at 10,000 objects; once the store
// has packed the objects (src/kube/packed-raw.ts) the rows' copies are the only ones.

import type { Intern } from '../flux/logs.js';
import type { Condition, ObjectRef, StatusRow } from '../flux/types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function internRef(ref: ObjectRef, intern: Intern): void {
  const r = ref as Mutable<ObjectRef>;
  r.kind = intern(r.kind) as ObjectRef['kind'];
  r.namespace = intern(r.namespace);
}

/**
 * `row` with its recurring strings replaced by the pool's copies, in place: call it on a row just derived,
 * before anything else holds it. Values are unchanged (the pool gives back an equal string).
 */
export function internRowStrings(row: StatusRow, intern: Intern): StatusRow {
  const r = row as Mutable<StatusRow>;
  r.apiVersion = intern(r.apiVersion);
  r.reason = intern(r.reason);
  r.message = intern(r.message);
  r.revision = intern(r.revision);
  internRef(r.ref, intern);
  if (r.source) internRef(r.source, intern);
  for (const c of r.conditions) {
    const m = c as Mutable<Condition>;
    m.type = intern(m.type);
    m.reason = intern(m.reason);
    m.message = intern(m.message);
  }
  for (const [column, value] of Object.entries(r.extra))
    (r.extra as Record<string, string>)[column] = intern(value);
  return row;
}
