// A snapshot's view of a table that changes a little at a time: a frozen base Map plus the changes made
// since it was taken. Publishing a snapshot then costs a copy of the changes, not of 10,000 entries; the
// owner takes a fresh base (compaction) once the changes grow past a fraction of it.
//
// Iteration follows Map semantics: base entries in their order (a changed value in its old place, a
// deleted one skipped), then keys added since the base, in the order they were added.

/** Marks a key deleted since the base. */
export const DELETED: unique symbol = Symbol('deleted');

export class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly changes: ReadonlyMap<K, V | typeof DELETED>,
    readonly size: number,
  ) {}

  get(key: K): V | undefined {
    const changed = this.changes.get(key);
    if (changed !== undefined) return changed === DELETED ? undefined : changed;
    return this.base.get(key);
  }

  has(key: K): boolean {
    const changed = this.changes.get(key);
    if (changed !== undefined) return changed !== DELETED;
    return this.base.has(key);
  }

  // Consumers walk every row of a snapshot, often several times: the merged order is worked out once, on
  // first use, into plain arrays (native array iteration; a generator costs ten times as much per entry).
  private keyList: K[] | undefined;
  private valueList: V[] | undefined;

  private merged(): { keys: K[]; values: V[] } {
    if (this.keyList && this.valueList) return { keys: this.keyList, values: this.valueList };
    // Sized up front (the size is known): pushing 10,000 entries copies each array as it grows.
    const keys = new Array<K>(this.size);
    const values = new Array<V>(this.size);
    let n = 0;
    const changes = this.changes;
    for (const [key, value] of this.base) {
      const changed = changes.get(key);
      if (changed === DELETED) continue;
      keys[n] = key;
      values[n++] = changed === undefined ? value : changed;
    }
    for (const [key, changed] of changes) {
      if (changed === DELETED || this.base.has(key)) continue;
      keys[n] = key;
      values[n++] = changed;
    }
    keys.length = n;
    values.length = n;
    this.keyList = keys;
    this.valueList = values;
    return { keys, values };
  }

  entries(): MapIterator<[K, V]> {
    const { keys, values } = this.merged();
    return keys.map((key, i) => [key, values[i] as V] as [K, V]).values();
  }

  keys(): MapIterator<K> {
    return this.merged().keys.values();
  }

  values(): MapIterator<V> {
    return this.merged().values.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    const { keyList, valueList } = this;
    if (keyList && valueList) {
      for (let i = 0; i < keyList.length; i++)
        callback.call(thisArg, valueList[i] as V, keyList[i] as K, this);
      return;
    }
    // Walked in place, in the merged order, when nothing asked for the arrays: every row of every publish
    // goes through here (the console lists them all), and the arrays would be made for that walk alone.
    const { base, changes } = this;
    base.forEach((value, key) => {
      const changed = changes.get(key);
      if (changed !== DELETED) callback.call(thisArg, changed === undefined ? value : changed, key, this);
    });
    changes.forEach((changed, key) => {
      if (changed !== DELETED && !base.has(key)) callback.call(thisArg, changed, key, this);
    });
  }
}

/**
 * The owner's side: a mutable table whose snapshots are OverlayMaps over a shared base. `set`/`delete`
 * change the table; `snapshot()` returns an immutable view of it as it is now.
 */
export class SnapshotTable<K, V> {
  private readonly current = new Map<K, V>();
  private base: Map<K, V> = new Map();
  private changes = new Map<K, V | typeof DELETED>();
  /** A key deleted since the base came back: Map order puts it last, which only a fresh base shows. */
  private reordered = false;

  get size(): number {
    return this.current.size;
  }

  get(key: K): V | undefined {
    return this.current.get(key);
  }

  has(key: K): boolean {
    return this.current.has(key);
  }

  keys(): MapIterator<K> {
    return this.current.keys();
  }

  set(key: K, value: V): void {
    if (this.changes.get(key) === DELETED) this.reordered = true;
    this.current.set(key, value);
    this.changes.set(key, value);
  }

  delete(key: K): boolean {
    if (!this.current.delete(key)) return false;
    if (this.base.has(key)) this.changes.set(key, DELETED);
    else this.changes.delete(key);
    return true;
  }

  clear(): void {
    for (const key of [...this.current.keys()]) this.delete(key);
  }

  /** An immutable view of the table now: the base itself, or the base with a copy of the changes. */
  snapshot(): ReadonlyMap<K, V> {
    if (this.changes.size === 0) return this.base;
    // Past an eighth of the table (and a small floor) a fresh base is cheaper than carrying the changes.
    if (this.reordered || this.changes.size > Math.max(64, this.base.size / 8)) {
      this.base = new Map(this.current);
      this.changes = new Map();
      this.reordered = false;
      return this.base;
    }
    return new OverlayMap(this.base, new Map(this.changes), this.current.size);
  }
}
