// One copy of each recurring string. Controller log lines repeat the same few thousand strings (object
// names and namespaces, kinds, loggers, messages such as "no changes since last reconcilation"), and each
// parsed line would otherwise hold its own copy: at 10,000 lines, a megabyte and more.
// Bounded: when it holds `capacity` strings it starts afresh (strings still in use stay alive where they
// are used; only new copies of them are no longer shared), so a stream of ever-new values cannot grow it.

/** Longer strings are seldom repeated (errors with rendered manifests): not worth a lookup. */
const MAX_LENGTH = 256;

export class StringPool {
  private strings = new Map<string, string>();

  constructor(private readonly capacity = 8192) {}

  /** The pool's copy of `s` (bound: pass it around as a function). */
  readonly intern = (s: string): string => {
    if (s.length === 0 || s.length > MAX_LENGTH) return s;
    const held = this.strings.get(s);
    if (held !== undefined) return held;
    if (this.strings.size >= this.capacity) this.strings = new Map();
    this.strings.set(s, s);
    return s;
  };

  get size(): number {
    return this.strings.size;
  }
}
