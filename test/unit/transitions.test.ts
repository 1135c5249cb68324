import { describe, expect, it } from 'vitest';
import { parseTransition, transitionTo, verdictOf, verdictWords } from '../../src/flux/transitions.js';
import type { StatusRow } from '../../src/flux/types.js';
import { TransitionRecorder } from '../../src/kube/transition-recorder.js';
import { makeRow } from '../support/fake-port.js';

const T0 = Date.parse('2026-12-06T01:00:00Z');

function hr(ready: StatusRow['ready'], reason: string, extra: Partial<StatusRow> = {}): StatusRow {
  return makeRow({
    kind: 'HelmRelease',
    name: 'kyverno',
    ready,
    reason,
    message: `${reason} message`,
    ...extra,
  });
}

describe('settled verdicts', () => {
  it('does not count an attempt in progress (Ready=Unknown Progressing) as a verdict', () => {
    expect(verdictOf(hr('Unknown', 'Progressing'))).toBeUndefined();
    expect(verdictOf(hr('Unknown', 'ProgressingWithRetry'))).toBeUndefined();
    expect(verdictOf(hr('Unknown', 'HealthCheckFailed'))).toEqual({
      ready: 'Unknown',
      reason: 'HealthCheckFailed',
      suspended: false,
    });
  });

  it('records a change of the settled verdict, not a retry that ends where it began', () => {
    const failing = transitionTo(undefined, hr('False', 'UpgradeFailed'), T0);
    expect(failing.transition).toBeUndefined();
    const retry = transitionTo(failing.verdict, hr('Unknown', 'Progressing'), T0 + 1000);
    expect(retry.transition).toBeUndefined();
    const again = transitionTo(retry.verdict, hr('False', 'UpgradeFailed'), T0 + 2000);
    expect(again.transition).toBeUndefined();
    const fixed = transitionTo(
      again.verdict,
      hr('True', 'UpgradeSucceeded', { lastTransitionTime: '' }),
      T0 + 3000,
    );
    expect(fixed.transition).toMatchObject({
      at: '2026-12-06T01:00:03.000Z',
      key: 'HelmRelease/flux-system/kyverno',
      from: { ready: 'False', reason: 'UpgradeFailed' },
      to: { ready: 'True', reason: '' },
      message: '',
    });
  });

  it("dates a change of Ready's status by its lastTransitionTime, unless that is in the future or before the last change", () => {
    const failing = { ready: 'False', reason: 'UpgradeFailed', suspended: false } as const;
    const stamped = (ltt: string, after?: number) =>
      transitionTo(failing, hr('True', 'UpgradeSucceeded', { lastTransitionTime: ltt }), T0, false, after)
        .transition?.at;
    expect(stamped('2026-12-06T00:59:30Z')).toBe('2026-12-06T00:59:30.000Z');
    expect(stamped('2026-12-06T01:05:00Z')).toBe('2026-12-06T01:00:00.000Z');
    expect(stamped('2026-12-06T00:59:30Z', T0 - 10_000)).toBe('2026-12-06T01:00:00.000Z');
    expect(stamped('not a time')).toBe('2026-12-06T01:00:00.000Z');
    // A new reason while still failing leaves lastTransitionTime alone: when the console saw it.
    const reason = transitionTo(
      failing,
      hr('False', 'InstallFailed', { lastTransitionTime: '2026-12-06T00:10:00Z' }),
      T0,
    );
    expect(reason.transition?.at).toBe('2026-12-06T01:00:00.000Z');
  });

  it('records a new failure reason and a suspension', () => {
    const a = transitionTo(
      { ready: 'False', reason: 'UpgradeFailed', suspended: false },
      hr('False', 'InstallFailed'),
      T0,
    );
    expect(a.transition?.to.reason).toBe('InstallFailed');
    expect(a.transition?.message).toBe('InstallFailed message');
    const s = transitionTo(a.verdict, hr('False', 'InstallFailed', { suspended: true }), T0);
    expect(s.transition && verdictWords(s.transition.to)).toBe('Failing (InstallFailed), suspended');
  });
});

describe('journal lines', () => {
  it('reads back what was written and refuses what is not a transition', () => {
    const t = transitionTo(
      { ready: 'True', reason: '', suspended: false },
      hr('False', 'UpgradeFailed'),
      T0,
    ).transition;
    expect(parseTransition(JSON.stringify(t))).toEqual(t);
    expect(
      parseTransition('{"at":"2026-12-06T01:00:00Z","key":"HelmRelease/flux-system/kyv'),
    ).toBeUndefined();
    expect(
      parseTransition('{"at":"yesterday","key":"A/b/c","from":{"ready":"True"},"to":{"ready":"False"}}'),
    ).toBeUndefined();
    expect(
      parseTransition(
        '{"at":"2026-12-06T01:00:00Z","key":"A/b/c","from":{"ready":"Maybe"},"to":{"ready":"False"}}',
      ),
    ).toBeUndefined();
    expect(parseTransition('[1,2]')).toBeUndefined();
    expect(parseTransition('null')).toBeUndefined();
  });
});

describe('the recorder', () => {
  it('keeps the transitions in order and hands each to its sinks once', () => {
    const recorder = new TransitionRecorder();
    const seen: string[] = [];
    recorder.onTransition((t) => seen.push(`${t.key} ${t.to.ready}`));
    recorder.see(hr('True', 'UpgradeSucceeded'), T0);
    recorder.see(hr('False', 'UpgradeFailed'), T0 + 1);
    recorder.see(hr('Unknown', 'Progressing'), T0 + 2);
    recorder.see(hr('False', 'UpgradeFailed'), T0 + 3);
    recorder.see(hr('True', 'UpgradeSucceeded'), T0 + 4);
    expect(seen).toEqual(['HelmRelease/flux-system/kyverno False', 'HelmRelease/flux-system/kyverno True']);
    const list = recorder.transitions();
    expect(list.map((t) => t.to.ready)).toEqual(['False', 'True']);
    expect(recorder.transitions()).toBe(list);
  });

  it('takes up from the journal: a change made while no console watched is recorded as noticed late', () => {
    const before = new TransitionRecorder();
    before.see(hr('True', 'UpgradeSucceeded'), T0);
    before.see(hr('False', 'UpgradeFailed'), T0 + 1);
    const restarted = new TransitionRecorder(before.transitions());
    restarted.see(hr('Unknown', 'Progressing'), T0 + 10);
    restarted.see(hr('True', 'UpgradeSucceeded'), T0 + 20);
    const [, late] = restarted.transitions();
    expect(late).toMatchObject({ from: { ready: 'False' }, to: { ready: 'True' }, noticedLate: true });
    restarted.see(hr('False', 'UpgradeFailed'), T0 + 30);
    expect(restarted.transitions().at(-1)?.noticedLate).toBeUndefined();
  });

  it("records on a recovery the earliest start of the failure it saw, not the last row's", () => {
    const recorder = new TransitionRecorder();
    recorder.see(hr('False', 'UpgradeFailed', { failingSince: '2026-12-06T00:10:00Z' }), T0);
    recorder.see(hr('False', 'UpgradeFailed', { failingSince: '2026-12-06T00:05:00Z' }), T0 + 1);
    // A version derived with less evidence (its events expired) says later: the earlier one stands.
    recorder.see(hr('False', 'UpgradeFailed', { failingSince: '2026-12-06T00:20:00Z' }), T0 + 2);
    recorder.see(hr('True', 'UpgradeSucceeded', { lastTransitionTime: '' }), T0 + 3);
    expect(recorder.transitions().at(-1)?.failingSince).toBe('2026-12-06T00:05:00Z');
  });

  it('starts afresh for an object deleted and created again', () => {
    const recorder = new TransitionRecorder();
    recorder.see(hr('True', 'UpgradeSucceeded'), T0);
    recorder.forget('HelmRelease/flux-system/kyverno');
    recorder.see(hr('False', 'InstallFailed'), T0 + 1);
    expect(recorder.transitions()).toEqual([]);
  });
});

describe('Degraded: Ready, but the workloads it manages are not', () => {
  const CAUSE = 'ImagePullBackOff: Deployment apps/api — 1 of 3 managed workloads not ready';
  const ks = (extra: Partial<StatusRow> = {}) =>
    makeRow({ kind: 'Kustomization', name: 'apps', lastTransitionTime: '', ...extra });
  const degraded = (extra: Partial<StatusRow> = {}) =>
    ks({ health: 'Degraded', ready: 'True', message: CAUSE, failingSince: '2026-12-06T00:50:00Z', ...extra });

  it('records Ready → Degraded with the cause, and the recovery with since when it was Degraded', () => {
    const recorder = new TransitionRecorder();
    recorder.see(ks(), T0);
    recorder.see(degraded(), T0 + 1000);
    // The cause moves on (another pod's reason): still Degraded, nothing new to record.
    recorder.see(degraded({ message: `CrashLoopBackOff: ${CAUSE.slice(18)}` }), T0 + 2000);
    recorder.see(ks(), T0 + 3000);
    const [down, up, ...rest] = recorder.transitions();
    expect(rest).toEqual([]);
    expect(down).toMatchObject({
      at: '2026-12-06T01:00:01.000Z',
      key: 'Kustomization/flux-system/apps',
      from: { ready: 'True', reason: '' },
      to: { ready: 'True', reason: '', degraded: true },
      message: CAUSE,
    });
    expect(down && verdictWords(down.to)).toBe('Degraded');
    expect(up).toMatchObject({ to: { ready: 'True' }, message: '', failingSince: '2026-12-06T00:50:00Z' });
    expect(up?.to.degraded).toBeUndefined();
  });

  it('reads a Degraded verdict back from the journal, and only on a Ready one', () => {
    const t = transitionTo(verdictOf(ks()), degraded(), T0).transition;
    expect(t?.to.degraded).toBe(true);
    expect(parseTransition(JSON.stringify(t))).toEqual(t);
    const line = (to: string) =>
      `{"at":"2026-12-06T01:00:00Z","key":"A/b/c","from":{"ready":"True"},"to":${to},"message":""}`;
    expect(parseTransition(line('{"ready":"False","reason":"X","degraded":true}'))?.to).toEqual({
      ready: 'False',
      reason: 'X',
      suspended: false,
    });
    expect(parseTransition(line('{"ready":"True","degraded":"yes"}'))?.to.degraded).toBeUndefined();
  });

  it('a restarted console that finds a Degraded object Ready records the recovery as noticed late', () => {
    const before = new TransitionRecorder();
    before.see(ks(), T0);
    before.see(degraded(), T0 + 1);
    const restarted = new TransitionRecorder(before.transitions());
    restarted.see(ks(), T0 + 20);
    expect(restarted.transitions().at(-1)).toMatchObject({
      from: { degraded: true },
      to: { ready: 'True' },
      noticedLate: true,
    });
  });
});
