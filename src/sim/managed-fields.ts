// metadata.managedFields as the API server keeps them: which manager set which fields, per manager,
// operation (Update, or Apply for server-side apply) and subresource, in the FieldsV1 encoding. A real API
// server sends them on every object; a console that reads the simulator must parse them as it would on a
// real cluster (they are often the larger part of a Flux object's JSON).
//
// Rules, as measured on a real kube-apiserver (test/real/managed-fields.test.ts): a write's manager takes
// the fields it changed, and other managers lose them; a map or set the write created is owned as a whole
// as well (`.`); a field that no longer exists leaves every entry; an entry with no field left goes.
// An Apply owns the fields of its configuration (without `.`). Lists of custom resources are atomic (the
// Flux CRDs declare no list type); metadata.finalizers is a set (`v:`), ownerReferences a map by uid;
// of built-in kinds, container ports are maps by port and protocol, lists whose items all carry a name
// maps by name and conditions maps by type (`k:`), close to their Go types' keys. Entries are sorted as
// the server sorts them: operation, time, manager, apiVersion, subresource.
// Not modelled: an Apply letting go of the fields it no longer sends, conflicts (every Apply is forced),
// the fold of Update entries beyond ten into `ancient-changes`.

import { deepEqual, isRecord, type KubeJson } from './deep.js';
import type { ResourceId, Writer, Writers } from './types.js';

export interface ManagedFieldsEntry {
  readonly apiVersion: string;
  readonly fieldsType: 'FieldsV1';
  readonly fieldsV1: Record<string, unknown>;
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly subresource?: 'status';
  readonly time: string;
}

type Part = 'main' | 'status';

/** Metadata the server owns or that names the object: nobody manages them. */
const UNMANAGED_METADATA = new Set([
  'name',
  'namespace',
  'generateName',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

// A field path is its elements joined by SEP. A set of fields holds paths: a leaf, or a map, list or set
// owned as a whole (FieldsV1 writes such a path `{}` alone, or `.` beside its children).
const SEP = '\u0000';
const DOT = '.';
/** The object, its metadata and its status always exist: nobody owns them as a whole. */
const ALWAYS = ['', 'f:metadata', 'f:status'];

interface ListRule {
  /** `v:` elements (a set of scalars). */
  readonly set?: boolean;
  /** `k:` elements keyed by these fields. */
  readonly keys?: readonly string[];
}

function listRule(path: readonly string[], items: readonly unknown[], custom: boolean): ListRule {
  const at = path.join('.');
  if (at === 'f:metadata.f:finalizers') return { set: true };
  if (at === 'f:metadata.f:ownerReferences') return { keys: ['uid'] };
  if (custom || items.length === 0) return {};
  if (at.endsWith('f:ports') && items.every((i) => isRecord(i) && typeof i['containerPort'] === 'number'))
    return { keys: ['containerPort', 'protocol'] };
  if (items.every((i) => isRecord(i) && typeof i['name'] === 'string')) return { keys: ['name'] };
  if (at.endsWith('f:conditions') && items.every((i) => isRecord(i) && typeof i['type'] === 'string'))
    return { keys: ['type'] };
  return {};
}

function keyElement(item: Record<string, unknown>, keys: readonly string[]): string {
  const key: Record<string, unknown> = {};
  for (const k of [...keys].sort()) key[k] = item[k];
  return `k:${JSON.stringify(key)}`;
}

interface Walk {
  readonly custom: boolean;
  /** Add `.` for maps and sets taken as a whole (Update); an Apply owns only its leaves. */
  readonly dots: boolean;
}

/** Every field of `value` under `path` (a subtree the write created). */
function addAll(out: Set<string>, path: string[], value: unknown, w: Walk): void {
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0 || w.dots) out.add(path.join(SEP));
    for (const [k, v] of entries) addAll(out, [...path, `f:${k}`], v, w);
    return;
  }
  if (Array.isArray(value)) {
    const rule = listRule(path, value, w.custom);
    if (rule.set) {
      if (w.dots) out.add(path.join(SEP));
      for (const item of value) out.add([...path, `v:${JSON.stringify(item)}`].join(SEP));
      return;
    }
    if (rule.keys) {
      if (w.dots) out.add([...path, DOT].join(SEP));
      for (const item of value)
        addAll(out, [...path, keyElement(item as Record<string, unknown>, rule.keys)], item, w);
      return;
    }
  }
  out.add(path.join(SEP));
}

/** The fields of `next` that `old` did not have, or had with another value. */
function addChanged(out: Set<string>, path: string[], old: unknown, next: unknown, w: Walk): void {
  if (deepEqual(old, next)) return;
  if (isRecord(old) && isRecord(next)) {
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) continue;
      addChanged(out, [...path, `f:${k}`], old[k], v, w);
    }
    return;
  }
  if (Array.isArray(old) && Array.isArray(next)) {
    const rule = listRule(path, next, w.custom);
    if (rule.set) {
      for (const item of next)
        if (!old.some((o) => deepEqual(o, item))) out.add([...path, `v:${JSON.stringify(item)}`].join(SEP));
      return;
    }
    if (rule.keys) {
      const keys = rule.keys;
      for (const item of next) {
        const element = keyElement(item as Record<string, unknown>, keys);
        const before = old.find((o) => isRecord(o) && keyElement(o, keys) === element);
        if (before === undefined) addAll(out, [...path, element], item, w);
        else addChanged(out, [...path, element], before, item, w);
      }
      return;
    }
  }
  addAll(out, path, next, w);
}

/** Whether the field a path names exists in `value`. */
function exists(value: unknown, elements: readonly string[]): boolean {
  let at: unknown = value;
  for (const element of elements) {
    if (element.startsWith('f:')) {
      if (!isRecord(at)) return false;
      at = at[element.slice(2)];
      if (at === undefined) return false;
    } else if (element.startsWith('v:')) {
      const wanted: unknown = JSON.parse(element.slice(2));
      return Array.isArray(at) && at.some((item) => deepEqual(item, wanted));
    } else if (element.startsWith('k:')) {
      const key = JSON.parse(element.slice(2)) as Record<string, unknown>;
      if (!Array.isArray(at)) return false;
      at = at.find((item) => isRecord(item) && Object.entries(key).every(([k, v]) => deepEqual(item[k], v)));
      if (at === undefined) return false;
    } else return false;
  }
  return true;
}

/** The part of an object a writer of `part` manages, as one map (status alone, or all but status). */
function partOf(object: KubeJson, part: Part): Record<string, unknown> {
  if (part === 'status') return object.status === undefined ? {} : { status: object.status };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status' || v === undefined) continue;
    if (k === 'metadata' && isRecord(v)) {
      const metadata: Record<string, unknown> = {};
      for (const [mk, mv] of Object.entries(v)) if (!UNMANAGED_METADATA.has(mk)) metadata[mk] = mv;
      out[k] = metadata;
    } else out[k] = v;
  }
  return out;
}

/** FieldsV1 back to paths. */
function pathsOf(fields: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (!isRecord(fields)) return out;
  for (const [element, children] of Object.entries(fields)) {
    if (element === DOT) {
      out.add(prefix.join(SEP));
      continue;
    }
    const path = [...prefix, element];
    if (!isRecord(children) || Object.keys(children).length === 0) out.add(path.join(SEP));
    else pathsOf(children, path, out);
  }
  return out;
}

const ORDER = (element: string): number =>
  element === DOT ? 0 : element.startsWith('f:') ? 1 : element.startsWith('k:') ? 2 : 3;

interface Node {
  member: boolean;
  readonly children: Map<string, Node>;
}

/** Paths to FieldsV1, children in the server's order: `.`, then fields, keys and values, each sorted. */
function fieldsV1Of(paths: ReadonlySet<string>): Record<string, unknown> {
  const root: Node = { member: false, children: new Map() };
  for (const path of paths) {
    if (path === '') continue;
    let node = root;
    for (const element of path.split(SEP)) {
      let child = node.children.get(element);
      if (child === undefined) {
        child = { member: false, children: new Map() };
        node.children.set(element, child);
      }
      node = child;
    }
    node.member = true;
  }
  const encode = (node: Node): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (node.member && node.children.size > 0) out[DOT] = {};
    const keys = [...node.children.keys()].sort(
      (a, b) => ORDER(a) - ORDER(b) || (a < b ? -1 : a > b ? 1 : 0),
    );
    for (const key of keys) out[key] = encode(node.children.get(key) as Node);
    return out;
  };
  return encode(root);
}

const isEntry = (value: unknown): value is ManagedFieldsEntry =>
  isRecord(value) && typeof value['manager'] === 'string' && typeof value['operation'] === 'string';

function compareEntries(a: ManagedFieldsEntry, b: ManagedFieldsEntry): number {
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    text(a.operation, b.operation) ||
    text(a.time, b.time) ||
    text(a.manager, b.manager) ||
    text(a.apiVersion, b.apiVersion) ||
    text(a.subresource ?? '', b.subresource ?? '')
  );
}

export interface ManagedFieldsWrite {
  readonly resource: ResourceId;
  /** A custom resource: its lists are atomic. */
  readonly custom: boolean;
  /** undefined for a create. */
  readonly old: KubeJson | undefined;
  readonly next: KubeJson;
  readonly writers: Writers;
  /** RFC 3339, seconds. */
  readonly time: string;
}

/** The managedFields of `next` after this write. */
export function managedFieldsAfter(write: ManagedFieldsWrite): ManagedFieldsEntry[] {
  const { old, next, custom } = write;
  const before = old && isRecord(old.metadata) ? old.metadata['managedFields'] : undefined;
  let entries = (Array.isArray(before) ? before : []).filter(isEntry);
  const apiVersion = typeof next.apiVersion === 'string' ? next.apiVersion : '';
  for (const part of ['main', 'status'] as const) {
    const writer = write.writers[part];
    const nextPart = partOf(next, part);
    const changed = new Set<string>();
    addChanged(changed, [], old === undefined ? {} : partOf(old, part), nextPart, { custom, dots: true });
    const subresource = part === 'status' ? 'status' : undefined;
    const mine = (e: ManagedFieldsEntry) =>
      e.manager === writer.manager && e.operation === writer.operation && e.subresource === subresource;
    let owned: Set<string>;
    for (const top of ALWAYS) changed.delete(top);
    if (writer.operation === 'Apply') {
      owned = new Set();
      addAll(owned, [], partOf(writer.applied ?? next, part), { custom, dots: false });
      for (const top of ALWAYS) owned.delete(top);
      owned = new Set([...owned].filter((p) => exists(nextPart, p.split(SEP))));
    } else {
      const held = entries.find(mine);
      owned = new Set([...(held ? pathsOf(held.fieldsV1) : []), ...changed]);
    }
    if (changed.size === 0 && !(writer.operation === 'Apply' && owned.size > 0)) continue;
    const others = entries.filter((e) => !mine(e));
    entries = others.map((e) => {
      if (e.subresource !== subresource) return e;
      const kept = new Set([...pathsOf(e.fieldsV1)].filter((p) => !changed.has(p)));
      return { ...e, fieldsV1: fieldsV1Of(kept) };
    });
    if (owned.size > 0) {
      entries.push({
        apiVersion,
        fieldsType: 'FieldsV1',
        fieldsV1: fieldsV1Of(owned),
        manager: writer.manager,
        operation: writer.operation,
        ...(subresource ? { subresource } : {}),
        time: write.time,
      });
    }
  }
  // Fields that are gone leave every entry (a status field leaves the main resource's entries too).
  entries = entries
    .map((e) => {
      const all = pathsOf(e.fieldsV1);
      const kept = new Set(
        [...all].filter((p) => exists(partOf(next, e.subresource ? 'status' : 'main'), p.split(SEP))),
      );
      return kept.size === all.size ? e : { ...e, fieldsV1: fieldsV1Of(kept) };
    })
    .filter((e) => Object.keys(e.fieldsV1).length > 0);
  return entries.sort(compareEntries);
}

const CONTROLLERS: readonly (readonly [prefix: string, controller: string])[] = [
  ['kustomize.toolkit.fluxcd.io/', 'kustomize-controller'],
  ['helm.toolkit.fluxcd.io/', 'helm-controller'],
  ['source.toolkit.fluxcd.io/', 'source-controller'],
  ['source.extensions.fluxcd.io/', 'source-watcher'],
  ['notification.toolkit.fluxcd.io/', 'notification-controller'],
  ['image.toolkit.fluxcd.io/imageupdateautomations', 'image-automation-controller'],
  ['image.toolkit.fluxcd.io/', 'image-reflector-controller'],
];

/**
 * Who makes the simulator's own writes, as on a cluster Flux manages: Flux objects are applied from Git
 * by kustomize-controller and their status (and finalizers) written by their controller, whose status
 * writer is `gotk-<controller>`; the Flux Operator writes its own; pods come from the ReplicaSet
 * controller and their status from the kubelet; the other built-in objects are applied by
 * kustomize-controller and their status written by kube-controller-manager.
 */
export function simWriters(resource: ResourceId, created: boolean): Writers {
  if (resource.startsWith('fluxcd.controlplane.io/')) {
    const operator: Writer = { manager: 'flux-operator', operation: 'Update' };
    return { main: operator, status: operator };
  }
  const controller = CONTROLLERS.find(([prefix]) => resource.startsWith(prefix))?.[1];
  if (controller) {
    const gotk: Writer = { manager: `gotk-${controller}`, operation: 'Update' };
    return { main: created ? { manager: 'kustomize-controller', operation: 'Apply' } : gotk, status: gotk };
  }
  const kcm: Writer = { manager: 'kube-controller-manager', operation: 'Update' };
  if (resource === 'pods') return { main: kcm, status: { manager: 'kubelet', operation: 'Update' } };
  if (resource === 'events' || resource === 'secrets') {
    // Events come from the controller that reports them, Helm's release storage from helm-controller.
    const writer: Writer = {
      manager: resource === 'secrets' ? 'helm-controller' : 'kube-controller-manager',
      operation: 'Update',
    };
    return { main: writer, status: writer };
  }
  return { main: created ? { manager: 'kustomize-controller', operation: 'Apply' } : kcm, status: kcm };
}

/** The manager an HTTP write names: `?fieldManager=`, else its User-Agent up to the first `/`. */
export function requestManager(fieldManager: string | null, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  // Node's HTTP parser refuses control characters in a header: there is nothing unprintable to drop.
  const prefix = (userAgent ?? '').split('/', 1)[0]?.slice(0, 128) ?? '';
  return prefix === '' ? 'unknown' : prefix;
}
