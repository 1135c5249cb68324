// The details screen's Inventory tab: what a Kustomization or HelmRelease applied, live, each object judged
// as kstatus judges it (docs/inventory.md) — a summary naming the objects that are not ready first (the case
// `flux get` misses: a Ready Kustomization whose Deployment never rolls out), then the objects grouped by
// namespace and kind. Nested Kustomizations and HelmReleases are marked: they have inventories of their own.
import { inventoryFluxRef } from '../flux/inventory.js';
import type { KStatus } from '../flux/kstatus.js';
import { notReadyFirst, notReadySummary } from '../flux/not-ready.js';
import { sanitizeText } from '../flux/sanitize.js';
import { compareText } from '../flux/text-order.js';
import type { TraceTarget } from '../flux/trace.js';
import type { InventoryObjectHealth, InventoryReadout } from './cluster-types.js';
import type { DetailLine } from './details-lines.js';
import { truncate, wrapWords } from './text.js';
import type { Tone } from './theme.js';

export type InventoryState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready'; readonly readout: InventoryReadout }
  /** The object records no inventory (not applied yet, or a HelmRelease from helm-controller before 1.5). */
  | { readonly phase: 'none'; readonly message: string }
  | { readonly phase: 'error'; readonly message: string };

const MARK: Readonly<Record<KStatus, { mark: string; tone: Tone }>> = {
  Current: { mark: '✓', tone: 'ok' },
  InProgress: { mark: '…', tone: 'warn' },
  Terminating: { mark: '…', tone: 'warn' },
  Failed: { mark: '✗', tone: 'bad' },
  NotFound: { mark: '✗', tone: 'bad' },
  Unknown: { mark: '?', tone: 'muted' },
};

/** The objects not ready, worst first (src/flux/not-ready.ts, shared with the Failing view). */
const inventoryProblems = notReadyFirst<InventoryObjectHealth>;

/**
 * What `T` traces on the Inventory tab: the first object the summary names, or the pod that says why it
 * is not ready (the longest chain: pod → ReplicaSet → Deployment → the Flux object → its source).
 */
export function inventoryTraceTarget(state: InventoryState): TraceTarget | undefined {
  if (state.phase !== 'ready') return undefined;
  const first = inventoryProblems(state.readout.items)[0];
  if (!first) return undefined;
  const { kind, namespace, name } = first.entry;
  return first.cause ? { kind: 'Pod', namespace, name: first.cause.pod } : { kind, namespace, name };
}

/**
 * `2 of 14 managed objects not ready: Deployment apps/api ImagePullBackOff, …` — or that all are ready.
 * The Failing view's Degraded rows say the same of workloads (src/flux/not-ready.ts).
 */
export function inventorySummary(items: readonly InventoryObjectHealth[]): {
  text: string;
  ok: boolean;
} {
  return notReadySummary(items, 'managed object');
}

function detail(item: InventoryObjectHealth): string {
  if (item.health.status === 'Current') return '';
  if (item.cause) {
    const msg = item.cause.message ? `: ${item.cause.message}` : '';
    return `${item.cause.reason}${msg} (pod ${item.cause.pod})`;
  }
  return item.health.message;
}

/** The owner as the table shows it, e.g. `Kustomization/flux-system/apps  Ready`. */
export interface InventoryOwner {
  readonly key: string;
  readonly health: string;
  readonly ready: boolean;
}

export function inventoryLines(state: InventoryState, owner: InventoryOwner, width: number): DetailLine[] {
  const head: DetailLine = {
    text: truncate(`${owner.key}  ${owner.health}`, width),
    bold: true,
    tone: owner.ready ? 'ok' : 'bad',
  };
  return [head, ...body(state, width)];
}

function body(state: InventoryState, width: number): DetailLine[] {
  if (state.phase === 'loading') return [{ text: 'reading the managed objects…', tone: 'muted' }];
  if (state.phase === 'none') return wrap(sanitizeText(state.message, 500), width, '', 'muted');
  if (state.phase === 'error')
    return wrap(`Inventory unavailable: ${sanitizeText(state.message, 500)}`, width, '', 'bad');
  const items = state.readout.items;
  const summary = inventorySummary(items);
  const lines: DetailLine[] = [...wrap(summary.text, width, '', summary.ok ? 'ok' : 'bad'), { text: '' }];
  const groups = new Map<string, Map<string, InventoryObjectHealth[]>>();
  for (const item of items) {
    const ns = item.entry.namespace || '(cluster)';
    const kinds = groups.get(ns) ?? new Map<string, InventoryObjectHealth[]>();
    const list = kinds.get(item.entry.kind) ?? [];
    list.push(item);
    kinds.set(item.entry.kind, list);
    groups.set(ns, kinds);
  }
  const order = (a: string, b: string) =>
    a === '(cluster)' ? -1 : b === '(cluster)' ? 1 : compareText(a, b);
  for (const ns of [...groups.keys()].sort(order)) {
    lines.push({ text: truncate(ns, width), bold: true });
    const kinds = groups.get(ns) ?? new Map();
    for (const kind of [...kinds.keys()].sort()) {
      lines.push({ text: truncate(`  ${kind}`, width), tone: 'accent' });
      const list = [...(kinds.get(kind) ?? [])].sort((a, b) => compareText(a.entry.name, b.entry.name));
      for (const item of list) lines.push(objectLine(item, width));
    }
  }
  return lines;
}

function objectLine(item: InventoryObjectHealth, width: number): DetailLine {
  const { mark, tone } = MARK[item.health.status];
  const flux = inventoryFluxRef(item.entry) ? '  (Flux: has its own inventory)' : '';
  const more = detail(item);
  const text = `    ${mark} ${item.entry.name}  ${item.health.status}${flux}${more ? `  ${sanitizeText(more, 400)}` : ''}`;
  return { text: truncate(text, width), tone };
}

/** Prose broken at spaces; a word longer than the line is split. */
function wrap(text: string, width: number, indent: string, tone: Tone): DetailLine[] {
  return wrapWords(text, Math.max(10, width - indent.length)).map((t) => ({ text: indent + t, tone }));
}
