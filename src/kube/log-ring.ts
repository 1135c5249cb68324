// The bounded buffer of controller log lines shared by every stream: oldest dropped first, trimmed in
// chunks so a busy stream does not pay an array shift per line.
import type { LogEntry } from './port.js';

export class LogRing {
  private entries: LogEntry[] = [];
  private view: readonly LogEntry[] = [];
  private dirty = false;

  constructor(readonly capacity = 5000) {}

  push(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity + Math.ceil(this.capacity / 10)) {
      this.entries = this.entries.slice(-this.capacity);
    }
    this.dirty = true;
  }

  /** An immutable copy, oldest first, at most `capacity` entries; the same array until something changes. */
  snapshot(): readonly LogEntry[] {
    if (this.dirty) {
      this.view =
        this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : this.entries.slice();
      this.dirty = false;
    }
    return this.view;
  }

  clear(): void {
    this.entries = [];
    this.dirty = true;
  }
}
