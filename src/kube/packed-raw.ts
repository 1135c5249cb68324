// The objects the live store keeps, packed. Every object's row is derived when it arrives; after that its
// raw JSON is read only now and then (the YAML of the selected object, a trace, an action, a row derived
// again when its failure streak moves), yet kept parsed it is the largest part of the console's memory
// (10,000 objects: ~13 MB of it held by nothing else). So once an object has been quiet for a moment, the
// store keeps it as deflated JSON — per kind, with the kind's first packed object as the dictionary, about
// 200 bytes an object — and parses it again when something asks. A small cache gives the same object to
// readers that ask again, and to the first reader after packing the object it was packed from.
//
// Each version of an object sits in its own cell, which every snapshot holding that version shares:
// packing swaps the cell's content in place, so snapshots already handed out let go of the parsed object
// too, and nothing needs publishing (what a reader gets is the same JSON).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { str } from '../flux/narrow.js';
import type { ObjectKey } from '../flux/types.js';
import type { RawObject } from './port.js';

/** An object as deflated JSON (bytes as a latin1 string: no buffer per object). */
export class PackedRaw {
  constructor(
    readonly bytes: string,
    readonly resourceVersion: string,
    readonly packer: RawPacker,
  ) {}
}

export type StoredRaw = RawObject | PackedRaw;

/** One version of an object, parsed or packed. */
export class RawCell {
  constructor(public stored: StoredRaw) {}
}

export function resourceVersionOf(stored: StoredRaw): string {
  return stored instanceof PackedRaw ? stored.resourceVersion : str(stored, 'metadata', 'resourceVersion');
}

// An 8 KB window and a small hash: as small as zlib's defaults on these objects (a few KB each), faster,
// and each call's working memory (~70 KB, not ~270 KB) stays under malloc's mmap threshold, so it is
// reused instead of growing the process's heap (measured: +5 MB RSS with the defaults).
const WINDOW_BITS = 13;
const MEM_LEVEL = 6;
// Each call's output buffer, a fresh ArrayBuffer (16 KB by default) for a result of a few hundred bytes:
// V8 counts that memory as the heap's, and 250 calls a second of it brought a major collection every 2–3 s
// while the start's objects were packed (measured: 10,000 packs with 16 KB took 224 ms of CPU and 4 major
// collections, with 1 KB 140 ms and 1). A larger result takes several buffers, joined.
const CHUNK_SIZE = 1024;

/** Packs the objects of one kind; the first one packed is the dictionary for every other. */
export class RawPacker {
  private dictionary: Buffer | undefined;

  pack(raw: RawObject): PackedRaw {
    const text = JSON.stringify(raw);
    this.dictionary ??= Buffer.from(text, 'utf8');
    const bytes = deflateRawSync(text, {
      dictionary: this.dictionary,
      windowBits: WINDOW_BITS,
      memLevel: MEM_LEVEL,
      chunkSize: CHUNK_SIZE,
    }).toString('latin1');
    return new PackedRaw(bytes, str(raw, 'metadata', 'resourceVersion'), this);
  }

  unpack(packed: PackedRaw): RawObject {
    const text = inflateRawSync(Buffer.from(packed.bytes, 'latin1'), {
      windowBits: WINDOW_BITS,
      ...(this.dictionary ? { dictionary: this.dictionary } : {}),
    }).toString('utf8');
    return JSON.parse(text) as RawObject;
  }
}

/** The objects packed or read last, parsed: the same object to every reader while it is here. */
export class RawCache {
  private readonly parsed = new Map<PackedRaw, RawObject>();

  constructor(private readonly capacity = 128) {}

  /** The parsed object, unpacked only when it is not here. */
  open = (stored: StoredRaw): RawObject => {
    if (!(stored instanceof PackedRaw)) return stored;
    let raw = this.parsed.get(stored);
    if (raw === undefined) raw = stored.packer.unpack(stored);
    else this.parsed.delete(stored);
    this.remember(stored, raw);
    return raw;
  };

  /** `raw` was just packed into `packed`: readers keep getting `raw` for a while. */
  remember(packed: PackedRaw, raw: RawObject): void {
    this.parsed.set(packed, raw);
    if (this.parsed.size > this.capacity) {
      const oldest = this.parsed.keys().next().value as PackedRaw;
      this.parsed.delete(oldest);
    }
  }
}

/** A snapshot's objects as readers see them: parsed on demand. */
export class RawView implements ReadonlyMap<ObjectKey, RawObject> {
  private readonly open: (cell: RawCell) => RawObject;

  constructor(
    private readonly stored: ReadonlyMap<ObjectKey, RawCell>,
    open: (stored: StoredRaw) => RawObject,
  ) {
    this.open = (cell) => open(cell.stored);
  }

  get size(): number {
    return this.stored.size;
  }

  get(key: ObjectKey): RawObject | undefined {
    const stored = this.stored.get(key);
    return stored === undefined ? undefined : this.open(stored);
  }

  has(key: ObjectKey): boolean {
    return this.stored.has(key);
  }

  keys(): MapIterator<ObjectKey> {
    return this.stored.keys();
  }

  values(): MapIterator<RawObject> {
    return [...this.stored.values()].map(this.open).values();
  }

  entries(): MapIterator<[ObjectKey, RawObject]> {
    return [...this.stored.entries()]
      .map(([key, stored]) => [key, this.open(stored)] as [ObjectKey, RawObject])
      .values();
  }

  [Symbol.iterator](): MapIterator<[ObjectKey, RawObject]> {
    return this.entries();
  }

  forEach(
    callback: (value: RawObject, key: ObjectKey, map: ReadonlyMap<ObjectKey, RawObject>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, stored] of this.stored) callback.call(thisArg, this.open(stored), key, this);
  }
}
