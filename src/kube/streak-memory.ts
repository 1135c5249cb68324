// What the live store remembers of each object's failure streak (src/flux/streak.ts): the memo per object,
// updated once per object version, and the events per object that can refine a streak the console only
// derived. Every update is O(1) in the number of objects: an event touches its own object's few events.
import {
  nextStreak,
  type Streak,
  type StreakMemo,
  type StreakSample,
  streakOf,
  withNewEvents,
} from '../flux/streak.js';
import type { ObjectKey } from '../flux/types.js';
import type { ClusterEvent } from './port.js';

/** Events kept per object: the controllers' deduplicated series make a handful per failure. */
const EVENTS_PER_OBJECT = 32;

function eventKey(e: ClusterEvent): ObjectKey {
  return `${e.involved.kind}/${e.involved.namespace}/${e.involved.name}`;
}

export class StreakMemory {
  private readonly memos = new Map<ObjectKey, StreakMemo>();
  private readonly events = new Map<ObjectKey, ClusterEvent[]>();

  /** The callback deriveRow asks for this object's streak; it records the object's new version. */
  observe(key: ObjectKey, now: number): (sample: StreakSample) => Streak | undefined {
    return (sample) => {
      const memo = nextStreak(this.memos.get(key), sample, this.events.get(key) ?? NONE, now);
      this.memos.set(key, memo);
      return streakOf(memo);
    };
  }

  /** The object is gone: a new object of the same name starts afresh. */
  forget(key: ObjectKey): void {
    this.memos.delete(key);
  }

  /** Back to knowing nothing (the namespace scope changed). */
  clear(): void {
    this.memos.clear();
    this.events.clear();
  }

  /**
   * Records an event (new or updated); returns the object's key when that moved its derived streak, so the
   * store derives its row again.
   */
  addEvent(event: ClusterEvent): ObjectKey | undefined {
    const key = eventKey(event);
    const list = this.events.get(key) ?? [];
    const i = list.findIndex((e) => e.uid === event.uid);
    if (i >= 0) list[i] = event;
    else {
      list.push(event);
      if (list.length > EVENTS_PER_OBJECT) list.shift();
    }
    this.events.set(key, list);
    return this.refine(key);
  }

  removeEvent(event: ClusterEvent): void {
    const key = eventKey(event);
    const list = this.events.get(key);
    if (!list) return;
    const kept = list.filter((e) => e.uid !== event.uid);
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
  }

  /** Replaces every event (a relist); returns the objects whose derived streak moved. */
  resetEvents(events: Iterable<ClusterEvent>): ObjectKey[] {
    this.events.clear();
    for (const e of events) {
      const key = eventKey(e);
      const list = this.events.get(key) ?? [];
      list.push(e);
      if (list.length > EVENTS_PER_OBJECT) list.shift();
      this.events.set(key, list);
    }
    const moved: ObjectKey[] = [];
    for (const key of this.events.keys()) {
      if (this.refine(key) !== undefined) moved.push(key);
    }
    return moved;
  }

  private refine(key: ObjectKey): ObjectKey | undefined {
    const memo = this.memos.get(key);
    if (!memo) return undefined;
    const next = withNewEvents(memo, this.events.get(key) ?? NONE);
    if (next === memo) return undefined;
    this.memos.set(key, next);
    return key;
  }
}

const NONE: readonly ClusterEvent[] = Object.freeze([]);
