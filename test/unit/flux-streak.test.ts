// FAILING FOR is the failure streak: since the object was last Ready=True. What kustomize-controller does on
// a real cluster (Ready Unknown "Reconciliation in progress" at the start of every attempt, False again at
// its end) must not restart it; what a console started mid-incident derives is a lower bound.
import { describe, expect, it } from 'vitest';
import {
  nextStreak,
  objectFailureEvidence,
  type StreakEvent,
  type StreakMemo,
  type StreakSample,
  streakOf,
  withEvents,
  withNewEvents,
} from '../../src/flux/streak.js';
import type { Condition, ConditionStatus } from '../../src/flux/types.js';

const T = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`;
const ms = (minute: number) => Date.parse(T(minute));

function ready(status: ConditionStatus, minute: number, reason = 'BuildFailed'): Condition {
  return {
    type: 'Ready',
    status,
    reason: status === 'Unknown' ? 'Progressing' : status === 'True' ? 'ReconciliationSucceeded' : reason,
    message: status === 'Unknown' ? 'Reconciliation in progress' : 'kustomize build failed',
    lastTransitionTime: T(minute),
  };
}

function sample(condition: Condition | undefined, status: unknown = {}, stalled?: Condition): StreakSample {
  return {
    ready: condition?.status,
    readySince: condition?.lastTransitionTime ?? '',
    evidence: objectFailureEvidence(status, condition, stalled),
  };
}

/** Feeds versions of one object through the memory, as the store does, and returns what the row shows. */
function replay(versions: readonly (Condition | undefined)[], first?: StreakMemo) {
  let memo = first;
  const shown = [];
  for (const [i, v] of versions.entries()) {
    memo = nextStreak(memo, sample(v), [], ms(50 + i));
    shown.push(streakOf(memo));
  }
  return shown;
}

function event(type: string, reason: string, first: number, last = first): StreakEvent {
  return { type, reason, firstSeen: T(first), lastSeen: T(last) };
}

describe('failure streak', () => {
  it('is not reset by the Unknown every retry writes, nor by a requested reconcile', () => {
    const shown = replay([
      ready('True', 0),
      ready('Unknown', 10), // attempt starts: Ready leaves True
      ready('False', 11),
      ready('Unknown', 16), // retry
      ready('False', 17),
      ready('Unknown', 30), // reconcile requested from the console
      ready('False', 31),
    ]);
    expect(shown[0]).toBeUndefined();
    for (const s of shown.slice(1)) expect(s).toEqual({ since: T(10), lowerBound: false });
  });

  it('ends when Ready is True again; the next failure starts a new streak', () => {
    const shown = replay([
      ready('True', 0),
      ready('False', 5),
      ready('Unknown', 8),
      ready('True', 9),
      ready('False', 20),
    ]);
    expect(shown[2]).toEqual({ since: T(5), lowerBound: false });
    expect(shown[3]).toBeUndefined();
    expect(shown[4]).toEqual({ since: T(20), lowerBound: false });
  });

  it('starts exactly at the first verdict of an object seen before it had one', () => {
    const shown = replay([undefined, ready('Unknown', 3), ready('False', 4), ready('Unknown', 9)]);
    expect(shown[0]).toBeUndefined();
    expect(shown.slice(1)).toEqual([
      { since: T(3), lowerBound: false },
      { since: T(3), lowerBound: false },
      { since: T(3), lowerBound: false },
    ]);
  });

  it('is a lower bound when first seen failing, and does not move later with the next retries', () => {
    const shown = replay([ready('False', 40), ready('Unknown', 45), ready('False', 46)]);
    for (const s of shown) expect(s).toEqual({ since: T(40), lowerBound: true });
  });

  it('falls back to when it was first seen when the object says nothing datable', () => {
    const memo = nextStreak(undefined, sample({ ...ready('False', 0), lastTransitionTime: '' }), [], ms(42));
    expect(streakOf(memo)).toEqual({ since: T(42), lowerBound: true });
  });

  it('derives from a Kustomization history: failures recorded after its last success', () => {
    const status = {
      history: [
        {
          digest: 'sha256:b',
          firstReconciled: T(12),
          lastReconciled: T(40),
          lastReconciledStatus: 'BuildFailed',
        },
        {
          digest: 'sha256:a',
          firstReconciled: T(1),
          lastReconciled: T(10),
          lastReconciledStatus: 'ReconciliationSucceeded',
        },
        // The same digest failed long ago, before that success: only its latest failure is this streak's.
        {
          digest: 'sha256:c',
          firstReconciled: T(0),
          lastReconciled: T(11),
          lastReconciledStatus: 'HealthCheckFailed',
        },
      ],
    };
    expect(objectFailureEvidence(status, ready('False', 41), undefined)).toEqual({
      failingAt: ms(11),
      goodAt: ms(10),
      reason: 'BuildFailed',
    });
  });

  it('derives from a HelmRelease history; a rollback is remediation, not success', () => {
    const status = {
      history: [
        { version: 3, status: 'deployed', action: 'rollback', lastDeployed: T(30) },
        { version: 2, status: 'failed', action: 'upgrade', lastDeployed: T(20) },
        { version: 1, status: 'superseded', action: 'install', lastDeployed: T(5) },
      ],
    };
    const evidence = objectFailureEvidence(status, ready('False', 31, 'UpgradeFailed'), undefined);
    expect(evidence).toEqual({ failingAt: ms(20), goodAt: ms(5), reason: 'UpgradeFailed' });
  });

  it('ends a streak at a success the watch missed (status.history), starting a derived one after it', () => {
    const observed = nextStreak(
      nextStreak(undefined, sample(ready('True', 0)), [], 0),
      sample(ready('False', 10)),
      [],
      0,
    );
    expect(streakOf(observed)).toEqual({ since: T(10), lowerBound: false });
    const history = {
      history: [
        {
          digest: 'sha256:a',
          firstReconciled: T(1),
          lastReconciled: T(20),
          lastReconciledStatus: 'ReconciliationSucceeded',
        },
      ],
    };
    // Disconnected from 10:12 to 10:30: meanwhile it succeeded at 10:20 and failed again at 10:25.
    const after = nextStreak(observed, sample(ready('False', 25), history), [], ms(30));
    expect(streakOf(after)).toEqual({ since: T(25), lowerBound: true });
    // An older success does not end it.
    const older = { history: [{ ...history.history[0], lastReconciled: T(5) }] };
    expect(streakOf(nextStreak(observed, sample(ready('False', 25), older), [], ms(30)))).toEqual({
      since: T(10),
      lowerBound: false,
    });
  });

  it('does not take a HelmRelease snapshot whose tests failed for a success', () => {
    const status = {
      history: [
        {
          version: 2,
          status: 'deployed',
          action: 'upgrade',
          lastDeployed: T(20),
          testHooks: { t: { phase: 'Failed' } },
        },
        { version: 1, status: 'superseded', action: 'install', lastDeployed: T(5) },
      ],
    };
    expect(objectFailureEvidence(status, ready('False', 22, 'TestFailed'), undefined).goodAt).toBe(ms(5));
  });

  it('counts Stalled=True as failing since it stalled', () => {
    const stalled: Condition = { ...ready('True', 7), type: 'Stalled', reason: 'RetriesExceeded' };
    expect(objectFailureEvidence({}, ready('False', 25), stalled).failingAt).toBe(ms(7));
  });

  it("derives from the current failure's events: the first of the series, unless a success came later", () => {
    const own = objectFailureEvidence({}, ready('False', 40), undefined);
    // A deduplicated series: first 10:05, repeated until 10:39.
    expect(withEvents(own, [event('Warning', 'BuildFailed', 5, 39)]).failingAt).toBe(ms(5));
    // Another failure's events are not this one's.
    expect(withEvents(own, [event('Warning', 'HealthCheckFailed', 2, 39)]).failingAt).toBe(ms(40));
    // A success at 10:20 means the series' start belongs to an earlier streak; its last occurrence does not.
    const succeeded = withEvents(own, [
      event('Warning', 'BuildFailed', 5, 39),
      event('Normal', 'ReconciliationSucceeded', 20),
    ]);
    expect(succeeded.failingAt).toBe(ms(39));
  });

  it('refines a derived streak when older evidence arrives, never an observed one', () => {
    const derived = nextStreak(undefined, sample(ready('False', 40)), [], ms(41));
    const refined = withNewEvents(derived, [event('Warning', 'BuildFailed', 5, 39)]);
    expect(streakOf(refined)).toEqual({ since: T(5), lowerBound: true });
    // Newer events do not move it later.
    expect(withNewEvents(refined, [event('Warning', 'BuildFailed', 30, 39)])).toBe(refined);

    const observed = nextStreak(
      nextStreak(undefined, sample(ready('True', 0)), [], 0),
      sample(ready('False', 40)),
      [],
      0,
    );
    expect(withNewEvents(observed, [event('Warning', 'BuildFailed', 5, 39)])).toBe(observed);
  });

  it('drops a derived start that a newer success disproves', () => {
    const derived = nextStreak(
      undefined,
      sample(ready('False', 40)),
      [event('Warning', 'BuildFailed', 5, 39)],
      0,
    );
    expect(streakOf(derived)?.since).toBe(T(5));
    const after = withNewEvents(derived, [
      event('Warning', 'BuildFailed', 5, 39),
      event('Normal', 'ReconciliationSucceeded', 20),
    ]);
    expect(streakOf(after)).toEqual({ since: T(39), lowerBound: true });
  });
});
