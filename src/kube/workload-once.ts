// The workloads Flux applied, read once (for `fluxdeck status`): the same judgement as the console's live
// table (src/kube/workload-table.ts, docs/inventory.md "Degraded") from one LIST per workload kind and
// owner label, a GET for each inventory entry missing from them (gone, or its labels edited), and one LIST
// of pods for each workload not Current (at most MAX_POD_WATCHES), for the reason. Nothing is thrown for a
// kind that cannot be read: it is reported, and nothing of that kind is judged (never a false NotFound).

import type { KindName } from '../flux/kinds.js';
import { str } from '../flux/narrow.js';
import { sanitizeText } from '../flux/sanitize.js';
import { MAX_NAME } from '../flux/status.js';
import type { ObjectKey } from '../flux/types.js';
import {
  appliedByKindSelector,
  appliedInNamespaceSelector,
  goneWorkload,
  inventoryWorkloads,
  isOwnerKind,
  judgeWorkload,
  matchLabelsSelector,
  OWNER_KINDS,
  type OwnerKind,
  ownerFromLabels,
  type PodEvidence,
  podEvidence,
  WORKLOAD_KINDS,
  type WorkloadJudgement,
  type WorkloadRef,
  type WorkloadVerdict,
  workloadKey,
  workloadRef,
  workloadVerdict,
} from '../flux/workload-health.js';
import { isKubeError } from './errors.js';
import { listAll } from './list.js';
import type { KindListing } from './one-shot.js';
import { PODS, type ResourceType, resourceName } from './paths.js';
import type { RawObject } from './port.js';
import type { Transport } from './transport.js';
import { getWorkload, WORKLOAD_RESOURCES } from './workload-resources.js';
import { MAX_POD_WATCHES, workloadEssentials } from './workload-table.js';

/** GETs confirming an entry gone, at most (an owner with more missing judges the first ones only). */
const MAX_CONFIRMS = 200;

/** An owner's inventory, as the report read it: its key and its workload entries. */
export interface OwnerInventory {
  readonly key: ObjectKey;
  readonly entries: readonly WorkloadRef[];
}

/**
 * The workload entries of the Kustomizations' and HelmReleases' inventories, added to `into` as their
 * listings pass (`fluxdeck status` and `fluxdeck report` read the workloads with them).
 */
function inventoriesOf(listing: KindListing, into: OwnerInventory[]): void {
  if (listing.state !== 'listed' || !isOwnerKind(listing.kind)) return;
  for (const item of listing.items) {
    const entries = inventoryWorkloads(item);
    if (entries.length === 0) continue;
    const namespace = sanitizeText(str(item, 'metadata', 'namespace'), MAX_NAME);
    const name = sanitizeText(str(item, 'metadata', 'name'), MAX_NAME);
    into.push({ key: `${listing.kind}/${namespace}/${name}`, entries });
  }
}

/**
 * The owners' inventories, gathered as the listings pass (`take` each). `ready(listed)` has them once every
 * owner kind among `kinds` has passed — listed or not — without waiting for the other kinds, so the
 * workloads' own reads (a GET for an entry missing from the lists) start while sources are still
 * arriving; it follows `listed` (every listing) when that settles first, rejection included.
 */
export function ownerInventories(kinds: readonly KindName[]): {
  take: (listing: KindListing) => void;
  ready: (listed: Promise<unknown>) => Promise<readonly OwnerInventory[]>;
} {
  const inventories: OwnerInventory[] = [];
  const waiting = new Set<KindName>(kinds.filter(isOwnerKind));
  let passed: () => void = () => undefined;
  const ownersPassed = new Promise<void>((resolve) => (passed = resolve));
  if (waiting.size === 0) passed();
  return {
    take(listing) {
      inventoriesOf(listing, inventories);
      if (waiting.delete(listing.kind) && waiting.size === 0) passed();
    },
    ready: (listed) => Promise.race([ownersPassed, listed]).then(() => inventories),
  };
}

export interface WorkloadReadout {
  /** Per owner with a workload not ready. */
  readonly verdicts: ReadonlyMap<ObjectKey, WorkloadVerdict>;
  /** What could not be read, e.g. `deployments (kustomize.toolkit.fluxcd.io/name): forbidden …`. */
  readonly unreadable: readonly string[];
}

/** What one LIST found, and where it looked (undefined: every namespace). */
type Listed = { ok: true; items: Map<string, RawObject>; namespace: string | undefined } | { ok: false };

/**
 * Lists the workloads at once (call it alongside the Flux listings), then judges them once `owners` (the
 * inventories, known when the Flux listings are done) resolves.
 */
export async function readWorkloadsOnce(
  transport: Transport,
  namespace: string | undefined,
  owners: Promise<readonly OwnerInventory[]>,
  now: number,
): Promise<WorkloadReadout> {
  // Awaited once the workloads are listed; a failed listing (the server gone) is the caller's to report.
  owners.catch(() => undefined);
  const unreadable: string[] = [];
  const lists = new Map<string, Listed>();
  await Promise.all(
    WORKLOAD_KINDS.flatMap((kind) =>
      OWNER_KINDS.map(async (owner) => {
        const selector = appliedByKindSelector(owner);
        try {
          const listed = await listWorkloads(transport, WORKLOAD_RESOURCES[kind], owner, namespace);
          const items = new Map<string, RawObject>();
          for (const item of listed.items) {
            const object = workloadEssentials(item, kind);
            items.set(workloadKey(workloadRef(object)), object);
          }
          lists.set(`${kind}:${owner}`, { ok: true, items, namespace: listed.namespace });
        } catch (error) {
          lists.set(`${kind}:${owner}`, { ok: false });
          const why = isKubeError(error) ? error.message : String(error);
          unreadable.push(`${resourceName(WORKLOAD_RESOURCES[kind])} (${selector}): ${why}`);
        }
      }),
    ),
  );
  const found = new Map<ObjectKey, Map<string, RawObject>>();
  for (const [id, listed] of lists) {
    if (!listed.ok) continue;
    const owner = id.slice(id.indexOf(':') + 1) as OwnerKind;
    for (const [key, raw] of listed.items) {
      const o = ownerFromLabels(raw, owner);
      if (!o) continue;
      const mine = found.get(o) ?? new Map<string, RawObject>();
      mine.set(key, raw);
      found.set(o, mine);
    }
  }
  // The pods of the labelled workloads are asked for now, while the owners are still being listed: on a
  // real cluster that is a round trip fewer at the end of the read.
  const early = podCauses(transport, found, now, MAX_POD_WATCHES);
  const inventories = await owners;
  const gone = await confirmMissing(transport, inventories, found, lists);
  const unlabelled = new Map<ObjectKey, Map<string, RawObject>>();
  for (const [owner, objects] of gone.exists) {
    const mine = found.get(owner) ?? new Map<string, RawObject>();
    for (const [key, raw] of objects) mine.set(key, raw);
    found.set(owner, mine);
    unlabelled.set(owner, objects);
  }
  const causes = await early;
  // Workloads only the inventories named (their labels edited): their pods too, within the same bound,
  // unless already asked for (an object labelled for one owner and in another's inventory).
  const more = await podCauses(transport, unlabelled, now, MAX_POD_WATCHES - causes.asked.size, causes.asked);
  for (const [key, evidence] of more.evidence) causes.evidence.set(key, evidence);
  const verdicts = new Map<ObjectKey, WorkloadVerdict>();
  const owned = new Set([...found.keys(), ...gone.missing.keys()]);
  for (const owner of owned) {
    const judgements: WorkloadJudgement[] = [];
    for (const [key, raw] of found.get(owner) ?? []) {
      const pods = causes.evidence.get(key);
      judgements.push(judgeWorkload(raw, { now, firstSeenAt: now, ...(pods ? { pods } : {}) }));
    }
    // Not seen going: gone since some moment up to now.
    for (const ref of gone.missing.get(owner) ?? []) judgements.push(goneWorkload(ref, now, true));
    const verdict = workloadVerdict(judgements, now);
    if (verdict) verdicts.set(owner, verdict);
  }
  return { verdicts, unreadable };
}

/**
 * What the owners in scope applied: every namespace by the owner label's existence; narrowed to one
 * namespace, the owners there applied anywhere (`…/namespace=<ns>` across namespaces), or, when that is
 * forbidden, in the namespace itself.
 */
async function listWorkloads(
  transport: Transport,
  resource: ResourceType,
  owner: OwnerKind,
  namespace: string | undefined,
): Promise<{ items: RawObject[]; namespace: string | undefined }> {
  if (namespace === undefined) {
    const listed = await listAll(transport, resource, {
      namespace: undefined,
      labelSelector: appliedByKindSelector(owner),
    });
    return { items: listed.items, namespace: undefined };
  }
  try {
    const listed = await listAll(transport, resource, {
      namespace: undefined,
      labelSelector: appliedInNamespaceSelector(owner, namespace),
    });
    return { items: listed.items, namespace: undefined };
  } catch (error) {
    if (!isKubeError(error, 'forbidden')) throw error;
    const listed = await listAll(transport, resource, {
      namespace,
      labelSelector: appliedByKindSelector(owner),
    });
    return { items: listed.items, namespace };
  }
}

/**
 * The inventory entries not among the labelled objects of a kind that could be listed: a GET each says
 * whether it is gone (missing) or only unlabelled (exists).
 */
async function confirmMissing(
  transport: Transport,
  inventories: readonly OwnerInventory[],
  found: ReadonlyMap<ObjectKey, ReadonlyMap<string, RawObject>>,
  lists: ReadonlyMap<string, Listed>,
): Promise<{ missing: Map<ObjectKey, WorkloadRef[]>; exists: Map<ObjectKey, Map<string, RawObject>> }> {
  const missing = new Map<ObjectKey, WorkloadRef[]>();
  const exists = new Map<ObjectKey, Map<string, RawObject>>();
  const asks: { owner: ObjectKey; ref: WorkloadRef }[] = [];
  for (const inventory of inventories) {
    const ownerKind = inventory.key.slice(0, inventory.key.indexOf('/')) as OwnerKind;
    for (const ref of inventory.entries) {
      const key = workloadKey(ref);
      if (found.get(inventory.key)?.has(key)) continue;
      const listed = lists.get(`${ref.kind}:${ownerKind}`);
      if (!listed?.ok) continue;
      // Listed in one namespace only: entries elsewhere are not judged.
      if (listed.namespace !== undefined && listed.namespace !== ref.namespace) continue;
      const elsewhere = listed.items.get(key);
      if (elsewhere) {
        const mine = exists.get(inventory.key) ?? new Map<string, RawObject>();
        mine.set(key, elsewhere);
        exists.set(inventory.key, mine);
      } else if (asks.length < MAX_CONFIRMS) asks.push({ owner: inventory.key, ref });
    }
  }
  await Promise.all(
    asks.map(async ({ owner, ref }) => {
      const found = await getWorkload(transport, ref);
      if (found === 'gone') {
        const list = missing.get(owner) ?? [];
        list.push(ref);
        missing.set(owner, list);
      } else if (found) {
        const mine = exists.get(owner) ?? new Map<string, RawObject>();
        mine.set(workloadKey(ref), workloadEssentials(found, ref.kind));
        exists.set(owner, mine);
      }
    }),
  );
  return { missing, exists };
}

/**
 * The pods' reason of each workload not Current and not in `skip` (one LIST each, at most `limit`), and
 * the workloads it asked for.
 */
async function podCauses(
  transport: Transport,
  found: ReadonlyMap<ObjectKey, ReadonlyMap<string, RawObject>>,
  now: number,
  limit: number,
  skip: ReadonlySet<string> = new Set(),
): Promise<{ evidence: Map<string, PodEvidence>; asked: ReadonlySet<string> }> {
  const wanted = new Map<string, RawObject>();
  for (const objects of found.values()) {
    for (const [key, raw] of objects) {
      if (wanted.size >= limit) break;
      if (skip.has(key)) continue;
      if (judgeWorkload(raw, { now }).health.status !== 'Current' && matchLabelsSelector(raw))
        wanted.set(key, raw);
    }
  }
  const out = new Map<string, PodEvidence>();
  await Promise.all(
    [...wanted].map(async ([key, raw]) => {
      try {
        const pods = await listAll(transport, PODS, {
          namespace: workloadRef(raw).namespace,
          labelSelector: matchLabelsSelector(raw),
        });
        const evidence = podEvidence(pods.items);
        if (evidence) out.set(key, evidence);
      } catch {
        // Pods not readable: the workload's own status still says it is not ready.
      }
    }),
  );
  return { evidence: out, asked: new Set(wanted.keys()) };
}
