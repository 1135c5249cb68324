// What this session suspended and has not resumed yet: the `:suspended` view lists it, and quitting asks
// first while it is not empty (a release left suspended stops receiving fixes from Git silently).
import { type ObjectKey, type ObjectRef, objectKey } from '../flux/types.js';

export interface SuspendedEntry {
  readonly key: ObjectKey;
  readonly ref: ObjectRef;
  /** ISO time of the suspension. */
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  /** Which action suspended it, e.g. `suspend` or `rollback`. */
  readonly via: string;
}

export class SuspendLedger {
  private entries: readonly SuspendedEntry[] = [];
  private readonly listeners = new Set<() => void>();

  /** useSyncExternalStore contract: a new array only when something changed. */
  readonly getSnapshot = (): readonly SuspendedEntry[] => this.entries;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  recordSuspended(ref: ObjectRef, details: Omit<SuspendedEntry, 'key' | 'ref'>): void {
    const key = objectKey(ref);
    this.entries = [...this.entries.filter((e) => e.key !== key), { key, ref, ...details }];
    this.emit();
  }

  recordResumed(ref: ObjectRef): void {
    const key = objectKey(ref);
    if (!this.entries.some((e) => e.key === key)) return;
    this.entries = this.entries.filter((e) => e.key !== key);
    this.emit();
  }

  has(ref: ObjectRef): boolean {
    const key = objectKey(ref);
    return this.entries.some((e) => e.key === key);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
