// The watches behind the `:tree` screen: one live inventory (src/kube/inventory-watch.ts) per owner shown —
// the root and each nested Kustomization or HelmRelease it expands — started when the owner appears,
// restarted when its inventory changes (a new apply), stopped when it leaves the screen. Not React: the hook
// syncs it after each render and re-renders when it says something changed.
import type { InventoryEntry } from '../flux/inventory.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterPort } from '../kube/port.js';
import type { TreeChildren } from '../present/tree-columns.js';

/** How many owners (root included) are kept live at once; deeper ones say so instead of being read. */
export const MAX_LIVE_OWNERS = 16;

export type OwnerSource =
  | {
      readonly key: string;
      readonly ref: ObjectRef;
      /** Changes when the inventory does (the entries' ids, or the Helm revision read from). */
      readonly signature: string;
      readonly entries: readonly InventoryEntry[];
    }
  | {
      readonly key: string;
      readonly ref: ObjectRef;
      readonly signature: string;
      /** A HelmRelease without status.inventory: the objects of its release manifest. */
      readonly helm: {
        readonly storageNamespace: string;
        readonly release: string;
        readonly namespace: string;
      };
    }
  | { readonly key: string; readonly ref: ObjectRef; readonly signature: string; readonly none: string };

interface Held {
  readonly signature: string;
  state: TreeChildren;
  stop: (() => void) | undefined;
}

export class TreeWatches {
  private readonly owners = new Map<string, Held>();
  private closed = false;

  constructor(
    private readonly port: ClusterPort,
    private readonly changed: () => void,
  ) {}

  children(key: string): TreeChildren | undefined {
    return this.owners.get(key)?.state;
  }

  /** Keeps exactly these owners live (in this order, up to MAX_LIVE_OWNERS). */
  sync(wanted: readonly OwnerSource[]): void {
    if (this.closed) return;
    const keep = new Set(wanted.map((w) => w.key));
    for (const [key, held] of this.owners) {
      if (!keep.has(key)) {
        held.stop?.();
        this.owners.delete(key);
      }
    }
    let live = 0;
    for (const source of wanted) {
      const held = this.owners.get(source.key);
      if (held && held.signature === source.signature) {
        if (held.state.phase !== 'capped') live++;
        continue;
      }
      held?.stop?.();
      if (live >= MAX_LIVE_OWNERS) {
        this.owners.set(source.key, {
          signature: source.signature,
          state: {
            phase: 'capped',
            message: `not expanded: ${MAX_LIVE_OWNERS} inventories are kept live at once — t on it to see its own`,
          },
          stop: undefined,
        });
        continue;
      }
      live++;
      this.owners.set(source.key, this.start(source));
    }
  }

  close(): void {
    this.closed = true;
    for (const held of this.owners.values()) held.stop?.();
    this.owners.clear();
  }

  private start(source: OwnerSource): Held {
    if ('none' in source)
      return { signature: source.signature, state: { phase: 'none', message: source.none }, stop: undefined };
    const held: Held = {
      signature: source.signature,
      state: { phase: 'pending', message: 'reading the managed objects…' },
      stop: undefined,
    };
    const watch = (entries: readonly InventoryEntry[]) => {
      if (!this.port.watchInventory) {
        held.state = { phase: 'error', message: 'managed objects cannot be read here' };
        this.changed();
        return;
      }
      held.stop = this.port.watchInventory(source.ref, entries, (readout) => {
        held.state = {
          phase: 'ready',
          items: readout.items,
          ...(readout.notes ? { notes: readout.notes } : {}),
        };
        this.changed();
      });
    };
    if ('entries' in source) {
      watch(source.entries);
      return held;
    }
    const read = this.port.helmManifestEntries?.bind(this.port);
    if (!read) {
      held.state = {
        phase: 'none',
        message: 'This HelmRelease records no inventory and Helm storage cannot be read here.',
      };
      return held;
    }
    let stopped = false;
    held.stop = () => {
      stopped = true;
    };
    read(source.helm.storageNamespace, source.helm.release, source.helm.namespace).then(
      (entries) => {
        if (stopped || this.closed) return;
        if (entries.length === 0) {
          held.state = {
            phase: 'none',
            message: 'The release has no revision in Helm storage yet: nothing installed.',
          };
          this.changed();
          return;
        }
        watch(entries);
      },
      (error: unknown) => {
        if (stopped || this.closed) return;
        held.state = {
          phase: 'error',
          message: `the release manifest cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        };
        this.changed();
      },
    );
    return held;
  }
}
