// What a Kustomization (or a HelmRelease since helm-controller 1.5) applied: status.inventory.entries,
// `{id: "<namespace>_<name>_<group>_<kind>", v: "<version>"}` (docs/inventory.md), and `flux tree` from it.
import { parseAllDocuments } from 'yaml';
import { isKindName, type KindName, kindInfo } from './kinds.js';
import { array, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import type { ObjectRef } from './types.js';

export interface InventoryObject {
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /** '' for the core group. */
  readonly group: string;
  readonly kind: string;
}

export interface InventoryEntry extends InventoryObject {
  readonly version: string;
}

/**
 * Parses an inventory id as cli-utils' ParseObjMetadata does: namespace up to the first `_`, kind after the
 * last, group after the one before; the rest is the name, with `__` standing for `:`. Undefined when
 * malformed (too few fields, or a `_` left in the name).
 */
export function parseInventoryId(id: string): InventoryObject | undefined {
  const first = id.indexOf('_');
  if (first < 0) return undefined;
  const namespace = id.slice(0, first);
  let rest = id.slice(first + 1);
  const last = rest.lastIndexOf('_');
  if (last < 0) return undefined;
  const kind = rest.slice(last + 1);
  rest = rest.slice(0, last);
  const groupAt = rest.lastIndexOf('_');
  if (groupAt < 0) return undefined;
  const group = rest.slice(groupAt + 1);
  const name = rest.slice(0, groupAt).replaceAll('__', ':');
  if (name === '' || kind === '' || name.includes('_')) return undefined;
  return { namespace, name, group, kind };
}

/** The entries of status.inventory, display-safe; malformed ids are skipped. */
export function readInventory(raw: unknown): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  for (const entry of array(raw, 'status', 'inventory', 'entries')) {
    const parsed = parseInventoryId(str(entry, 'id'));
    if (!parsed) continue;
    out.push({
      namespace: sanitizeText(parsed.namespace, 253),
      name: sanitizeText(parsed.name, 253),
      group: sanitizeText(parsed.group, 253),
      kind: sanitizeText(parsed.kind, 100),
      version: sanitizeText(str(entry, 'v'), 50),
    });
  }
  return out;
}

/** The Flux object an inventory entry is, when its kind and group are a Flux kind's. */
export function inventoryFluxRef(obj: InventoryObject): ObjectRef | undefined {
  if (!isKindName(obj.kind) || kindInfo(obj.kind).group !== obj.group) return undefined;
  return { kind: obj.kind, namespace: obj.namespace, name: obj.name };
}

function label(obj: InventoryObject): string {
  return obj.namespace ? `${obj.kind}/${obj.namespace}/${obj.name}` : `${obj.kind}/${obj.name}`;
}

/**
 * Kinds that apply objects and keep an inventory of them, and the label prefix they put on what they apply
 * (`<prefix>/name`, `<prefix>/namespace`): kustomize-controller's and helm-controller's, and the Flux
 * Operator's for a FluxInstance and a ResourceSet (docs/flux-operator.md).
 */
const OWNER_LABELS: Readonly<Record<string, string>> = {
  Kustomization: 'kustomize.toolkit.fluxcd.io',
  HelmRelease: 'helm.toolkit.fluxcd.io',
  FluxInstance: 'fluxcd.controlplane.io',
  ResourceSet: 'resourceset.fluxcd.controlplane.io',
};

export function isApplierKind(kind: string): boolean {
  return Object.hasOwn(OWNER_LABELS, kind);
}

/** `<prefix>/name=N,<prefix>/namespace=NS`: what the applier's objects carry. */
export function appliedByLabels(owner: ObjectRef): string {
  const prefix = OWNER_LABELS[owner.kind] ?? OWNER_LABELS['Kustomization'];
  return `${prefix}/name=${owner.name},${prefix}/namespace=${owner.namespace}`;
}

/** Kinds whose inventory `flux tree` expands. */
const APPLIERS: ReadonlySet<KindName> = new Set<KindName>(['Kustomization', 'HelmRelease']);

/**
 * `flux tree kustomization` output: the root, then each inventory entry on its own line with box-drawing
 * branches, nested Kustomizations/HelmReleases expanded through `lookup` (their objects). `compact` keeps
 * only Flux objects. Cycles and depth are bounded.
 */
export function formatFluxTree(
  root: InventoryObject,
  lookup: (obj: InventoryObject) => unknown,
  opts: { readonly compact?: boolean } = {},
): string {
  const lines: string[] = [label(root)];
  const seen = new Set<string>([label(root)]);
  const walk = (obj: InventoryObject, prefix: string, depth: number) => {
    const ref = inventoryFluxRef(obj);
    if (!ref || !APPLIERS.has(ref.kind) || depth > 32) return;
    const children = readInventory(lookup(obj)).filter((c) => !opts.compact || inventoryFluxRef(c));
    children.forEach((child, i) => {
      const lastChild = i === children.length - 1;
      lines.push(`${prefix}${lastChild ? '└── ' : '├── '}${label(child)}`);
      const key = label(child);
      if (seen.has(key)) return;
      seen.add(key);
      walk(child, `${prefix}${lastChild ? '    ' : '│   '}`, depth + 1);
    });
  };
  walk(root, '', 0);
  return `${lines.join('\n')}\n`;
}

/**
 * The objects a Helm release manifest renders, as inventory entries: what helm-controller before 1.5 (no
 * status.inventory) manages. A namespaced object without `metadata.namespace` lives in the release's
 * namespace, as Helm installs it; whether a kind is cluster-scoped is the server's to say, and the reader
 * ignores the namespace of those. Unparseable documents and ones without kind or name are skipped.
 */
export function manifestInventory(manifest: string, releaseNamespace: string): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  const seen = new Set<string>();
  for (const doc of parseAllDocuments(manifest)) {
    if (doc.errors.length > 0) continue;
    const obj: unknown = doc.toJS();
    const kind = sanitizeText(str(obj, 'kind'), 100);
    const name = sanitizeText(str(obj, 'metadata', 'name'), 253);
    if (!kind || !name) continue;
    const apiVersion = str(obj, 'apiVersion');
    const slash = apiVersion.lastIndexOf('/');
    const group = slash < 0 ? '' : sanitizeText(apiVersion.slice(0, slash), 253);
    const version = sanitizeText(slash < 0 ? apiVersion : apiVersion.slice(slash + 1), 100);
    const namespace = sanitizeText(str(obj, 'metadata', 'namespace') || releaseNamespace, 253);
    const id = `${namespace}_${name}_${group}_${kind}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ namespace, name, group, kind, version });
  }
  return out;
}
