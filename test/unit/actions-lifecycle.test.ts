import { describe, expect, it } from 'vitest';
import { type ActionLifecycle, IDLE, isFinished, lifecycleReducer } from '../../src/actions/lifecycle.js';
import { type ActionPlan, DEFAULT_OPTIONS } from '../../src/actions/types.js';
import type { ObjectRef } from '../../src/flux/types.js';

const ref: ObjectRef = { kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' };

const plan = (over: Partial<ActionPlan> = {}): ActionPlan => ({
  action: 'reconcile',
  title: 'Reconcile HelmRelease kyverno/kyverno',
  targets: [ref],
  context: 'kind-dev',
  cluster: 'kind-dev',
  namespace: 'kyverno',
  steps: [],
  commands: [],
  warnings: [],
  options: DEFAULT_OPTIONS,
  optionSpecs: [],
  facts: { targets: [] },
  ...over,
});

const run = (events: Parameters<typeof lifecycleReducer>[1][], from: ActionLifecycle = IDLE) =>
  events.reduce(lifecycleReducer, from);

describe('action lifecycle reducer', () => {
  it('goes idle → planning → confirming → running → succeeded', () => {
    const p = plan();
    const planning = run([{ type: 'request', action: 'reconcile', targets: [ref] }]);
    expect(planning).toEqual({ phase: 'planning', action: 'reconcile', targets: [ref] });
    const confirming = lifecycleReducer(planning, { type: 'planned', plan: p });
    expect(confirming).toEqual({ phase: 'confirming', plan: p });
    const running = lifecycleReducer(confirming, { type: 'confirm', at: 1000 });
    expect(running).toEqual({ phase: 'running', plan: p, startedAt: 1000, progress: undefined });
    const progress = { step: 1, total: 1, label: 'reconcile kyverno', pending: 'helm-controller' };
    const moving = lifecycleReducer(running, { type: 'progress', progress });
    expect(moving).toMatchObject({ phase: 'running', progress });
    const done = lifecycleReducer(moving, {
      type: 'finish',
      at: 4000,
      outcome: { status: 'succeeded', message: 'applied revision 3.2.1', revision: '3.2.1' },
    });
    expect(done).toEqual({
      phase: 'succeeded',
      plan: p,
      startedAt: 1000,
      finishedAt: 4000,
      message: 'applied revision 3.2.1',
      revision: '3.2.1',
    });
    expect(isFinished(done)).toBe(true);
    expect(lifecycleReducer(done, { type: 'dismiss' })).toBe(IDLE);
  });

  it.each([
    [{ status: 'failed', message: 'upgrade failed' }, 'failed'],
    [{ status: 'timed-out', message: 'timed out', pending: 'Ready' }, 'timed-out'],
    [{ status: 'cancelled', message: 'stopped' }, 'cancelled'],
  ] as const)('ends a run in the outcome it is given (%o)', (outcome, phase) => {
    const state = run([
      { type: 'request', action: 'reconcile', targets: [ref] },
      { type: 'planned', plan: plan() },
      { type: 'confirm', at: 1 },
      { type: 'finish', outcome, at: 2 },
    ]);
    expect(state.phase).toBe(phase);
    expect(state).toMatchObject({ message: outcome.message, startedAt: 1, finishedAt: 2 });
  });

  it('cancelling the dialog ends in cancelled without ever running', () => {
    const state = run([
      { type: 'request', action: 'suspend', targets: [ref] },
      { type: 'planned', plan: plan({ action: 'suspend' }) },
      { type: 'cancel', at: 5 },
    ]);
    expect(state).toMatchObject({ phase: 'cancelled', startedAt: undefined, finishedAt: 5 });
    expect(state.phase === 'cancelled' && state.message).toBe('Cancelled: nothing was changed.');
  });

  it('cancelling while planning goes back to idle', () => {
    expect(
      run([
        { type: 'request', action: 'reconcile', targets: [ref] },
        { type: 'cancel', at: 1 },
      ]),
    ).toBe(IDLE);
  });

  it('refuses to confirm a refused plan', () => {
    const confirming = run([
      { type: 'request', action: 'clear-helm-lock', targets: [ref] },
      { type: 'planned', plan: plan({ action: 'clear-helm-lock', refusal: 'no pending revision' }) },
    ]);
    expect(lifecycleReducer(confirming, { type: 'confirm', at: 1 })).toBe(confirming);
  });

  it('rebuilds the plan in place when an option changes, only for the same action', () => {
    const confirming = run([
      { type: 'request', action: 'reconcile', targets: [ref] },
      { type: 'planned', plan: plan() },
    ]);
    const forced = plan({ options: { ...DEFAULT_OPTIONS, force: true } });
    expect(lifecycleReducer(confirming, { type: 'planned', plan: forced })).toEqual({
      phase: 'confirming',
      plan: forced,
    });
    expect(lifecycleReducer(confirming, { type: 'planned', plan: plan({ action: 'rollback' }) })).toBe(
      confirming,
    );
  });

  it('ignores events that do not belong to the phase', () => {
    const running = run([
      { type: 'request', action: 'reconcile', targets: [ref] },
      { type: 'planned', plan: plan() },
      { type: 'confirm', at: 1 },
    ]);
    expect(lifecycleReducer(running, { type: 'cancel', at: 2 })).toBe(running);
    expect(lifecycleReducer(running, { type: 'request', action: 'suspend', targets: [ref] })).toBe(running);
    expect(lifecycleReducer(running, { type: 'dismiss' })).toBe(running);
    expect(lifecycleReducer(IDLE, { type: 'confirm', at: 1 })).toBe(IDLE);
    const progress = { step: 1, total: 1, label: 'x', pending: '' };
    expect(lifecycleReducer(IDLE, { type: 'progress', progress })).toBe(IDLE);
    const done = lifecycleReducer(running, {
      type: 'finish',
      at: 3,
      outcome: { status: 'failed', message: 'x' },
    });
    expect(lifecycleReducer(done, { type: 'progress', progress })).toBe(done);
    expect(
      lifecycleReducer(done, { type: 'finish', at: 4, outcome: { status: 'cancelled', message: 'y' } }),
    ).toBe(done);
  });

  it('lets a new request replace a finished action', () => {
    const done = run([
      { type: 'request', action: 'reconcile', targets: [ref] },
      { type: 'planned', plan: plan() },
      { type: 'cancel', at: 1 },
    ]);
    expect(lifecycleReducer(done, { type: 'request', action: 'resume', targets: [ref] })).toMatchObject({
      phase: 'planning',
      action: 'resume',
    });
  });
});
