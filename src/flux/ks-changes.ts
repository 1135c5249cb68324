// What changed for a Kustomization: the revision it last applied against the one it last attempted, where
// its source is now, and how its inventory moved while the console watched (docs/inventory.md). Flux keeps
// no history of inventories, so "added/removed" can only be what this console saw change.
import { type InventoryEntry, readInventory } from './inventory.js';
import { str } from './narrow.js';
import { sanitizeText } from './sanitize.js';

export interface KsChanges {
  readonly applied: string;
  readonly attempted: string;
  /** The last attempt was another revision than the one applied: that change is what fails. */
  readonly attemptFailed: boolean;
  readonly inventory: readonly InventoryEntry[];
  /** Entries present now and not in the baseline, and the reverse; undefined without a baseline. */
  readonly added?: readonly string[];
  readonly removed?: readonly string[];
}

export function inventoryId(e: InventoryEntry): string {
  return `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
}

export function kustomizationChanges(
  raw: unknown,
  baseline: readonly InventoryEntry[] | undefined,
): KsChanges {
  const applied = sanitizeText(str(raw, 'status', 'lastAppliedRevision'), 300);
  const attempted = sanitizeText(str(raw, 'status', 'lastAttemptedRevision'), 300);
  const inventory = readInventory(raw);
  const base = { applied, attempted, attemptFailed: attempted !== '' && attempted !== applied, inventory };
  if (!baseline) return base;
  const now = new Set(inventory.map(inventoryId));
  const before = new Set(baseline.map(inventoryId));
  return {
    ...base,
    added: [...now].filter((id) => !before.has(id)).sort(),
    removed: [...before].filter((id) => !now.has(id)).sort(),
  };
}
