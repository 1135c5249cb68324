// What a Helm upgrade changed: between the last good revision and the newest (usually the failing one),
// from the releases Helm stored — chart, the user-supplied values, and the rendered objects (added,
// removed, changed with a diff). Secret data in the manifest and values under secret-looking keys are never
// shown: only that they changed. See docs/helm.md.
import { parseAllDocuments, stringify } from 'yaml';
import { lastGoodRevision } from './helm-last-good.js';
import { unifiedDiff } from './line-diff.js';
import { field, isRecord, str } from './narrow.js';
import type { HelmReleaseRevision } from './types.js';

/** One revision's content: its summary, the user values (`config`) and the rendered manifest. */
export interface ReleaseContent {
  readonly revision: HelmReleaseRevision;
  readonly values: unknown;
  readonly manifest: string;
}

export interface ValueChange {
  /** `image.tag`, `replicas`, `tolerations[0].key`. */
  readonly path: string;
  /** JSON text; absent when the path did not exist on that side. `<hidden>` for secret-looking keys. */
  readonly from?: string;
  readonly to?: string;
}

export interface ObjectChange {
  /** `Deployment kyverno/kyverno-admission-controller`. */
  readonly id: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Unified diff lines for a changed object; undefined when too large to diff. */
  readonly diff?: readonly string[];
}

export interface HelmChanges {
  readonly from: HelmReleaseRevision;
  readonly to: HelmReleaseRevision;
  readonly values: readonly ValueChange[];
  readonly objects: readonly ObjectChange[];
  /** Objects rendered the same in both revisions. */
  readonly unchanged: number;
  /** The manifest of either side could not be parsed as YAML: objects are not compared. */
  readonly manifestProblem?: string;
}

/** The content of a decoded release (the JSON of a storage Secret), next to its parsed summary. */
export function releaseContent(release: unknown, revision: HelmReleaseRevision): ReleaseContent {
  return {
    revision,
    values: field(release, 'config') ?? {},
    manifest: str(release, 'manifest'),
  };
}

/**
 * Which two revisions to compare: the newest against the last good one before it (docs/helm.md); when the
 * newest deployed fine, against the revision just before it. Undefined with fewer than two revisions.
 */
export function changePair(
  history: readonly HelmReleaseRevision[],
): { readonly from: HelmReleaseRevision; readonly to: HelmReleaseRevision } | undefined {
  const sorted = [...history].sort((a, b) => b.revision - a.revision);
  const to = sorted[0];
  if (!to) return undefined;
  const from = lastGoodRevision(sorted) ?? sorted[1];
  return from && from.revision !== to.revision ? { from, to } : undefined;
}

const SECRET_KEY = /pass(word|wd)?|secret|token|credential|private|api[-_]?key|auth/i;
const MAX_VALUE_TEXT = 200;
const HIDDEN = '<hidden>';

function leafText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

function flatten(value: unknown, path: string, secret: boolean, out: Map<string, string>): void {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, i) => {
      flatten(item, `${path}[${i}]`, secret, out);
    });
    return;
  }
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      flatten(item, child, secret || SECRET_KEY.test(key), out);
    }
    return;
  }
  out.set(path === '' ? '(values)' : path, secret ? HIDDEN : leafText(value));
}

/** The values paths that differ, in path order; a secret-looking key shows only that it changed. */
export function valueChanges(from: unknown, to: unknown): ValueChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(from ?? {}, '', false, a);
  flatten(to ?? {}, '', false, b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: ValueChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (x === y && x !== HIDDEN) continue;
    if (x === HIDDEN && y === HIDDEN) {
      // Both hidden: compare the real values without showing them.
      if (sameAt(from, to, path)) continue;
    }
    out.push({ path, ...(x === undefined ? {} : { from: x }), ...(y === undefined ? {} : { to: y }) });
  }
  return out;
}

function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isRecord(node)) node = node[part];
    else return undefined;
  }
  return node;
}

function sameAt(a: unknown, b: unknown, path: string): boolean {
  return JSON.stringify(valueAt(a, path)) === JSON.stringify(valueAt(b, path));
}

interface RenderedObject {
  readonly id: string;
  readonly text: string;
}

/** A Secret's data and stringData keep their keys, never their values. */
function withoutSecretData(obj: Record<string, unknown>): Record<string, unknown> {
  if (obj['kind'] !== 'Secret') return obj;
  const copy: Record<string, unknown> = { ...obj };
  for (const key of ['data', 'stringData']) {
    const data = copy[key];
    if (isRecord(data)) copy[key] = Object.fromEntries(Object.keys(data).map((k) => [k, HIDDEN]));
  }
  return copy;
}

function objectsOf(manifest: string): RenderedObject[] {
  const objects: RenderedObject[] = [];
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message ?? 'invalid YAML');
    const obj: unknown = doc.toJS();
    if (!isRecord(obj)) continue;
    const ns = str(obj, 'metadata', 'namespace');
    const id = `${str(obj, 'kind') || '?'} ${ns ? `${ns}/` : ''}${str(obj, 'metadata', 'name') || '?'}`;
    objects.push({ id, text: stringify(withoutSecretData(obj), { sortMapEntries: true }).trimEnd() });
  }
  return objects;
}

export function helmChanges(from: ReleaseContent, to: ReleaseContent): HelmChanges {
  const base = { from: from.revision, to: to.revision, values: valueChanges(from.values, to.values) };
  let before: RenderedObject[];
  let after: RenderedObject[];
  try {
    before = objectsOf(from.manifest);
    after = objectsOf(to.manifest);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ...base, objects: [], unchanged: 0, manifestProblem: `a manifest is not valid YAML: ${why}` };
  }
  const old = new Map(before.map((o) => [o.id, o.text]));
  const now = new Map(after.map((o) => [o.id, o.text]));
  const objects: ObjectChange[] = [];
  let unchanged = 0;
  for (const [id, text] of now) {
    const was = old.get(id);
    if (was === undefined) objects.push({ id, change: 'added' });
    else if (was === text) unchanged++;
    else {
      const diff = unifiedDiff(was, text);
      objects.push({ id, change: 'changed', ...(diff ? { diff } : {}) });
    }
  }
  for (const id of old.keys()) if (!now.has(id)) objects.push({ id, change: 'removed' });
  const order = { removed: 0, added: 1, changed: 2 } as const;
  objects.sort((a, b) => order[a.change] - order[b.change] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...base, objects, unchanged };
}
