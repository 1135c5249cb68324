// Which managed objects are not ready, worst first, and the one sentence that names them:
// `2 of 14 managed objects not ready: Deployment apps/api ImagePullBackOff, …`. Shared by the Inventory tab
// and the Failing view's Degraded rows (docs/inventory.md), so both name the same objects in the same order.
import type { KStatus } from './kstatus.js';

/** What the sentence needs of a judged object (an inventory entry read live, or a watched workload). */
export interface NotReadyItem {
  readonly entry: { readonly kind: string; readonly namespace: string; readonly name: string };
  readonly health: { readonly status: KStatus; readonly reason: string };
  /** Why its pods are not ready (ImagePullBackOff …), when they say. */
  readonly cause?: { readonly reason: string };
}

/** Worst first: what to look at before the rest. */
const RANK: Readonly<Record<KStatus, number>> = {
  Failed: 0,
  NotFound: 1,
  InProgress: 2,
  Terminating: 3,
  Unknown: 4,
  Current: 5,
};

/** How many objects the sentence names before `, and N more`. */
const NAMED = 3;

export function notReadyLabel(item: NotReadyItem): string {
  const { kind, namespace, name } = item.entry;
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/**
 * The short why of an object not ready: its pods' reason when known, else kstatus's reason or status. An
 * object in the inventory that is gone was most likely deleted by hand: `NotFound (deleted?)`.
 */
export function notReadyWhy(item: NotReadyItem): string {
  if (item.health.status === 'NotFound') return 'NotFound (deleted?)';
  return item.cause?.reason || item.health.reason || item.health.status;
}

/** The objects not ready, worst first; a workload whose pods say why (ImagePullBackOff …) before others. */
export function notReadyFirst<T extends NotReadyItem>(items: readonly T[]): T[] {
  const rank = (i: T) => RANK[i.health.status] * 2 + (i.cause ? 0 : 1);
  return items.filter((i) => i.health.status !== 'Current').sort((a, b) => rank(a) - rank(b));
}

/**
 * `2 of 14 managed objects not ready: Deployment apps/api ImagePullBackOff, …` — or that all are ready.
 * `noun` is what was judged (`managed object`, `managed workload`); `total` defaults to the items given.
 */
export function notReadySummary(
  items: readonly NotReadyItem[],
  noun = 'managed object',
  total: number = items.length,
): { text: string; ok: boolean } {
  const problems = notReadyFirst(items);
  const plural = (n: number) => `${noun}${n === 1 ? '' : 's'}`;
  if (problems.length === 0) return { text: `all ${total} ${plural(total)} ready`, ok: true };
  const named = problems.slice(0, NAMED).map((i) => `${notReadyLabel(i)} ${notReadyWhy(i)}`);
  const more = problems.length > NAMED ? `, and ${problems.length - NAMED} more` : '';
  return {
    text: `${problems.length} of ${total} ${plural(total)} not ready: ${named.join(', ')}${more}`,
    ok: false,
  };
}

/**
 * The same objects, the reason first, for a table's MESSAGE cell whose end is cut on a narrow terminal:
 * `ImagePullBackOff: Deployment apps/api — 2 of 14 managed workloads not ready`; '' when all are ready.
 */
export function notReadyCausesFirst(
  items: readonly NotReadyItem[],
  noun = 'managed object',
  total: number = items.length,
): string {
  const problems = notReadyFirst(items);
  if (problems.length === 0) return '';
  const named = problems.slice(0, NAMED).map((i) => `${notReadyWhy(i)}: ${notReadyLabel(i)}`);
  const more = problems.length > NAMED ? ` and ${problems.length - NAMED} more` : '';
  return `${named.join(', ')}${more} — ${problems.length} of ${total} ${noun}${total === 1 ? '' : 's'} not ready`;
}
