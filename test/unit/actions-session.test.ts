import { describe, expect, it } from 'vitest';
import { IDLE } from '../../src/actions/lifecycle.js';
import {
  type ActionSession,
  EMPTY_SESSION,
  MAX_FINISHED,
  runningCount,
  type SessionEvent,
  sessionReducer,
} from '../../src/actions/session.js';
import { type ActionPlan, DEFAULT_OPTIONS } from '../../src/actions/types.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { progressModels } from '../../src/present/dialog.js';

const ref: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const plan: ActionPlan = {
  action: 'suspend',
  title: 'Suspend Kustomization flux-system/apps',
  targets: [ref],
  context: 'dev',
  cluster: 'dev',
  namespace: 'flux-system',
  steps: [],
  commands: [],
  warnings: [],
  options: DEFAULT_OPTIONS,
  optionSpecs: [{ id: 'reason', type: 'text', label: 'reason' }],
  facts: { targets: [] },
};

const apply = (events: SessionEvent[], from: ActionSession = EMPTY_SESSION) =>
  events.reduce(sessionReducer, from);
const open: SessionEvent[] = [
  { type: 'dialog', event: { type: 'request', action: 'suspend', targets: [ref] } },
  { type: 'dialog', event: { type: 'planned', plan } },
];

describe('action session reducer', () => {
  it('moves a confirmed dialog into the runs and frees the dialog for the next action', () => {
    const s = apply([...open, { type: 'start', id: 'r1', at: 10 }]);
    expect(s.dialog).toBe(IDLE);
    expect(s.runs).toEqual([
      { id: 'r1', state: { phase: 'running', plan, startedAt: 10, progress: undefined } },
    ]);
    expect(runningCount(s)).toBe(1);
    const next = apply(open, s);
    expect(next.dialog.phase).toBe('confirming');
    expect(runningCount(next)).toBe(1);
  });

  it('finishes a run by id and counts it as no longer running', () => {
    const s = apply([
      ...open,
      { type: 'start', id: 'r1', at: 10 },
      {
        type: 'run',
        id: 'r1',
        event: { type: 'finish', at: 20, outcome: { status: 'failed', message: 'no' } },
      },
    ]);
    expect(s.runs[0]?.state).toMatchObject({ phase: 'failed', message: 'no', startedAt: 10, finishedAt: 20 });
    expect(runningCount(s)).toBe(0);
  });

  it('a declined dialog closes and shows as cancelled; declining while planning leaves nothing', () => {
    const declined = apply([...open, { type: 'decline', id: 'd1', at: 5 }]);
    expect(declined.dialog).toBe(IDLE);
    expect(declined.runs[0]?.state).toMatchObject({
      phase: 'cancelled',
      message: 'Cancelled: nothing was changed.',
    });
    const early = apply([open[0] as SessionEvent, { type: 'decline', id: 'd2', at: 5 }]);
    expect(early).toEqual(EMPTY_SESSION);
  });

  it('keeps the text being typed only while confirming', () => {
    const typing = apply([...open, { type: 'edit', editing: { id: 'reason', text: 'Git' } }]);
    expect(typing.editing).toEqual({ id: 'reason', text: 'Git' });
    expect(apply([{ type: 'edit', editing: { id: 'reason', text: 'x' } }])).toBe(EMPTY_SESSION);
    expect(apply([{ type: 'start', id: 'r', at: 1 }], typing).editing).toBeUndefined();
  });

  it('keeps only the most recent finished results, and prunes or dismisses them', () => {
    let s = EMPTY_SESSION;
    for (let i = 0; i < MAX_FINISHED + 2; i++)
      s = apply([...open, { type: 'decline', id: `d${i}`, at: i }], s);
    expect(s.runs.map((r) => r.id)).toEqual(['d2', 'd3', 'd4']);
    expect(apply([{ type: 'prune', before: 4 }], s).runs.map((r) => r.id)).toEqual(['d4']);
    s = apply([...open, { type: 'start', id: 'live', at: 9 }], s);
    expect(apply([{ type: 'dismiss-finished' }], s).runs.map((r) => r.id)).toEqual(['live']);
  });
});

describe('the progress lines', () => {
  it('show every running action and only the newest outcome', () => {
    const finish = (id: string, at: number): SessionEvent => ({
      type: 'run',
      id,
      event: { type: 'finish', outcome: { status: 'succeeded', message: `${id} done`, revision: '' }, at },
    });
    const s = apply([
      ...open,
      { type: 'start', id: 'r1', at: 10 },
      ...open,
      { type: 'start', id: 'r2', at: 20 },
      ...open,
      { type: 'start', id: 'r3', at: 30 },
      finish('r1', 40),
      finish('r3', 50),
    ]);
    const lines = progressModels(s.runs, 60);
    expect(lines.map((l) => [l.id, l.phase])).toEqual([
      ['r2', 'running'],
      ['r3', 'succeeded'],
    ]);
  });
});
