// The `:tree` screen (`t`): what a Kustomization or HelmRelease applied, as `flux tree` draws it — the owner,
// then its objects with box-drawing branches, nested Kustomizations and HelmReleases expanded with their own
// objects — each row with its live kstatus health (docs/inventory.md). Rows are display-safe: entries are
// sanitised when parsed, messages here.
import { inventoryFluxRef, isApplierKind } from '../flux/inventory.js';
import { KSTATUS_TONE } from '../flux/kstatus.js';
import { num } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import { compareText } from '../flux/text-order.js';
import type { InventoryObjectHealth, RawObject } from './cluster-types.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import { shortKindOf } from './short-kinds.js';
import type { Tone } from './theme.js';

/** Kinds whose pods `enter` shows. */
export const POD_OWNER_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
]);

export interface TreeRow {
  /** Unique per row: the same object may appear under two owners. */
  readonly key: string;
  /** Place in the tree, top to bottom. */
  readonly index: number;
  readonly depth: number;
  /** Box-drawing branches before the kind: `│   ├── `. */
  readonly prefix: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly group: string;
  readonly status: string;
  readonly ready: boolean;
  readonly tone: Tone | undefined;
  /** e.g. `1/2` for a workload; '' when the kind has no count. */
  readonly count: string;
  readonly message: string;
  /** The Flux object this row is, when it is one (its details open with enter). */
  readonly fluxKey?: string;
  /** The workload's object, for enter (its pods). */
  readonly raw?: RawObject;
}

/** The owner at the top, as the live store has it. */
export interface TreeOwner {
  readonly key: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly health: string;
  readonly ready: boolean;
  readonly message: string;
}

/** A nested owner's objects: its readout, or why they are not shown. */
export type TreeChildren =
  | {
      readonly phase: 'ready';
      readonly items: readonly InventoryObjectHealth[];
      readonly notes?: readonly string[];
    }
  | { readonly phase: 'pending' | 'none' | 'error' | 'capped'; readonly message: string };

/** Ready over desired, as kubectl's READY column counts it, for the kinds that have one. */
export function readyCount(kind: string, raw: RawObject | undefined): string {
  if (!raw) return '';
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return `${num(raw, 'status', 'readyReplicas') ?? 0}/${num(raw, 'spec', 'replicas') ?? 1}`;
    case 'DaemonSet':
      return `${num(raw, 'status', 'numberReady') ?? 0}/${num(raw, 'status', 'desiredNumberScheduled') ?? 0}`;
    case 'Job':
      return `${num(raw, 'status', 'succeeded') ?? 0}/${num(raw, 'spec', 'completions') ?? 1}`;
    default:
      return '';
  }
}

/** `kind:ns/name` for ordering: cluster-scoped objects first, then by namespace, kind and name. */
function order(a: InventoryObjectHealth, b: InventoryObjectHealth): number {
  const ea = a.entry;
  const eb = b.entry;
  if ((ea.namespace === '') !== (eb.namespace === '')) return ea.namespace === '' ? -1 : 1;
  return (
    compareText(ea.namespace, eb.namespace) || compareText(ea.kind, eb.kind) || compareText(ea.name, eb.name)
  );
}

function why(item: InventoryObjectHealth): string {
  if (item.health.status === 'Current') return '';
  if (item.cause) {
    const msg = item.cause.message ? `: ${item.cause.message}` : '';
    return sanitizeText(`${item.cause.reason}${msg} (pod ${item.cause.pod})`, 400);
  }
  return sanitizeText(item.health.message || item.health.reason, 400);
}

export interface TreeInput {
  readonly owner: TreeOwner;
  readonly children: (ownerKey: string) => TreeChildren | undefined;
  /** A nested Flux object's own readiness, from the live store. */
  readonly fluxStatus: (key: string) => { health: string; ready: boolean; message: string } | undefined;
  /** Depth beyond which nested owners are not expanded. */
  readonly maxDepth?: number;
}

/** The rows of the tree: the owner, then each object; each owner is expanded once (no cycles). */
export function treeRows(input: TreeInput): TreeRow[] {
  const { owner } = input;
  const rows: TreeRow[] = [
    {
      key: owner.key,
      index: 0,
      depth: 0,
      prefix: '',
      kind: owner.kind,
      namespace: owner.namespace,
      name: owner.name,
      group: '',
      status: owner.health,
      ready: owner.ready,
      tone: owner.ready ? 'ok' : 'bad',
      count: '',
      message: sanitizeText(owner.message, 400),
      fluxKey: owner.key,
    },
  ];
  const expanded = new Set<string>([owner.key]);
  const maxDepth = input.maxDepth ?? 8;
  const note = (prefix: string, depth: number, text: string, tone: Tone) =>
    rows.push({
      key: `${rows.length}/note`,
      index: rows.length,
      depth,
      prefix: `${prefix}└── `,
      kind: '',
      namespace: '',
      name: '',
      group: '',
      status: '',
      ready: tone !== 'bad',
      tone,
      count: '',
      message: sanitizeText(text, 400),
    });
  const walk = (ownerKey: string, prefix: string, depth: number) => {
    const children = input.children(ownerKey);
    if (!children) return;
    if (children.phase !== 'ready') {
      note(prefix, depth, children.message, children.phase === 'error' ? 'bad' : 'muted');
      return;
    }
    const items = [...children.items].sort(order);
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      const { entry } = item;
      const ref = inventoryFluxRef(entry);
      const fluxKey = ref ? `${ref.kind}/${ref.namespace}/${ref.name}` : undefined;
      const flux = fluxKey ? input.fluxStatus(fluxKey) : undefined;
      const status: string = item.health.status;
      rows.push({
        key: `${ownerKey}>${entry.group}/${entry.kind}/${entry.namespace}/${entry.name}`,
        index: rows.length,
        depth,
        prefix: `${prefix}${last ? '└── ' : '├── '}`,
        kind: entry.kind,
        namespace: entry.namespace,
        name: entry.name,
        group: entry.group,
        // A nested Flux object is judged by its own Ready condition, as the store has it.
        status: flux?.health ?? status,
        ready: flux ? flux.ready : item.health.status === 'Current',
        tone: flux ? (flux.ready ? 'ok' : 'bad') : KSTATUS_TONE[item.health.status],
        count: readyCount(entry.kind, item.raw),
        message: flux && !flux.ready ? sanitizeText(flux.message, 400) : why(item),
        ...(fluxKey ? { fluxKey } : {}),
        ...(item.raw && POD_OWNER_KINDS.has(entry.kind) ? { raw: item.raw } : {}),
      });
      if (fluxKey && isApplierKind(entry.kind) && !expanded.has(fluxKey)) {
        expanded.add(fluxKey);
        const childPrefix = `${prefix}${last ? '    ' : '│   '}`;
        if (depth + 1 > maxDepth) note(childPrefix, depth + 1, 'deeper than the tree goes: t on it', 'muted');
        else walk(fluxKey, childPrefix, depth + 1);
      }
    });
  };
  walk(owner.key, '', 1);
  return rows;
}

export function treeRowKey(r: TreeRow): string {
  return r.key;
}

export function treeColumns(): readonly GridColumn<TreeRow>[] {
  return [
    {
      id: 'OBJECT',
      cell: (r) => `${r.prefix}${r.kind}`,
      compact: { cell: (r) => `${r.prefix}${shortKindOf(r.kind)}`, min: 8 },
      min: 12,
      max: 48,
      identity: true,
      sortValue: (r) => r.index,
    },
    { id: 'NAMESPACE', cell: (r) => r.namespace, min: 11, max: 30, identity: true, cutMiddle: true },
    { id: 'NAME', cell: (r) => r.name, min: 12, max: 50, identity: true, cutMiddle: true },
    { id: 'STATUS', cell: (r) => r.status, min: 10, tone: (r) => r.tone },
    { id: 'READY', cell: (r) => r.count, min: 5, drop: 3 },
    { id: 'MESSAGE', cell: (r) => r.message, flex: true, min: 12, drop: 1 },
  ];
}

export function treeRowStyle(r: TreeRow): RowStyle {
  return { tone: r.kind === '' ? 'muted' : undefined };
}
