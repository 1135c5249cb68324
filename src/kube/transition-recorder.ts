// The store's memory of settled verdicts (src/flux/transitions.ts): one Map lookup per derived row, a
// transition appended when the verdict moved. Seeded from the journal, so a verdict that changed while no
// console watched is recorded on first sight, marked as noticed late. Bounded: the newest transitions only.
import {
  isFailure,
  lastVerdicts,
  type Transition,
  transitionTo,
  type Verdict,
  verdictOf,
} from '../flux/transitions.js';
import type { ObjectKey, StatusRow } from '../flux/types.js';

/** Transitions kept in memory (the journal file keeps the same bound). */
export const TRANSITIONS_KEPT = 2000;

export type TransitionSink = (transition: Transition) => void;

export class TransitionRecorder {
  private readonly verdicts = new Map<ObjectKey, Verdict>();
  /** When each object's last recorded change happened (ms): a stamped time before it is not believed. */
  private readonly lastAt = new Map<ObjectKey, number>();
  /** The failure streak each failing object was last seen in (FAILING FOR), for its recovery's record. */
  private readonly failingSince = new Map<ObjectKey, string>();
  /** Verdicts read from the journal and not yet confirmed by a sighting in this process. */
  private readonly inherited = new Set<ObjectKey>();
  private list: readonly Transition[] = [];
  private pending: Transition[] = [];
  private readonly sinks = new Set<TransitionSink>();

  constructor(journal: readonly Transition[] = []) {
    this.list = journal.slice(-TRANSITIONS_KEPT);
    for (const [key, verdict] of lastVerdicts(this.list)) {
      this.verdicts.set(key, verdict);
      this.inherited.add(key);
    }
    for (const t of this.list) this.lastAt.set(t.key, Date.parse(t.at));
  }

  /** Every transition recorded from now on, as it is recorded (the journal appends it). */
  onTransition(sink: TransitionSink): () => void {
    this.sinks.add(sink);
    return () => {
      this.sinks.delete(sink);
    };
  }

  see(row: StatusRow, now: number): void {
    // The earliest start seen in this streak: a derived start only ever moves earlier as evidence
    // arrives, and a later version of the row that lost evidence (events expire) must not move it back.
    if (row.failingSince) {
      const known = this.failingSince.get(row.key);
      if (!known || Date.parse(row.failingSince) < Date.parse(known))
        this.failingSince.set(row.key, row.failingSince);
    }
    const late = this.inherited.has(row.key);
    const previous = this.lastAt.get(row.key) ?? Number.NEGATIVE_INFINITY;
    const { verdict, transition } = transitionTo(this.verdicts.get(row.key), row, now, late, previous);
    // An attempt in progress says nothing yet: the inherited verdict waits for the first settled one.
    if (verdictOf(row)) this.inherited.delete(row.key);
    if (verdict) this.verdicts.set(row.key, verdict);
    if (!transition) return;
    const recovered = !isFailure(transition.to);
    const since = recovered ? this.failingSince.get(row.key) : undefined;
    if (recovered) this.failingSince.delete(row.key);
    const recorded = since ? { ...transition, failingSince: since } : transition;
    this.lastAt.set(row.key, Date.parse(recorded.at));
    this.pending.push(recorded);
    for (const sink of this.sinks) sink(recorded);
  }

  /** The object was deleted: a new object of that name starts without a verdict. */
  forget(key: ObjectKey): void {
    this.verdicts.delete(key);
    this.lastAt.delete(key);
    this.failingSince.delete(key);
    this.inherited.delete(key);
  }

  /** The transitions, oldest first; a new array only when something was recorded since the last call. */
  transitions(): readonly Transition[] {
    if (this.pending.length === 0) return this.list;
    const merged = [...this.list, ...this.pending];
    this.pending = [];
    this.list = merged.length > TRANSITIONS_KEPT ? merged.slice(-TRANSITIONS_KEPT) : merged;
    return this.list;
  }
}
