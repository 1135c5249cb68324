// Running a plan: a sequence that stops at the first failure and says what state it left things in, or a
// batch of independent objects awaited together. Either way progress is reported as step i/n + pending.
import type { ObjectRef } from '../flux/types.js';
import type { RequestResult } from './request.js';
import type { ActionOutcome, ProgressListener } from './types.js';

/** "a" + "b" as two sentences, adding the full stop the first may lack (controller and helm messages do). */
export function joinSentences(first: string, second: string): string {
  const a = first.trim();
  if (!second) return a;
  if (!a) return second;
  return `${a}${/[.!?]$/.test(a) ? '' : '.'} ${second}`;
}

export interface Step {
  readonly label: string;
  readonly run: (pending: (text: string) => void) => Promise<RequestResult>;
}

/**
 * Runs steps in order. On the first step that does not succeed, stops and reports which step, why, and
 * — from `leftState(index of the failed step, its result)` — the state the sequence left the cluster in.
 */
export async function runSequence(
  steps: readonly Step[],
  progress: ProgressListener,
  leftState: (failedIndex: number, result: Exclude<RequestResult, { status: 'succeeded' }>) => string,
): Promise<ActionOutcome> {
  let last: { message: string; revision: string } = { message: '', revision: '' };
  for (const [index, step] of steps.entries()) {
    const report = (pending: string) =>
      progress({ step: index + 1, total: steps.length, label: step.label, pending });
    report('');
    const result = await step.run(report);
    if (result.status === 'succeeded') {
      last = { message: result.message, revision: result.revision };
      continue;
    }
    const where = steps.length > 1 ? `Step ${index + 1}/${steps.length} (${step.label}) ` : '';
    const left = leftState(index, result);
    const said = (text: string) => joinSentences(text, left);
    if (result.status === 'timed-out') {
      return {
        status: 'timed-out',
        message: said(`${where}${result.message}`),
        pending: result.pending,
      };
    }
    if (result.status === 'cancelled')
      return { status: 'cancelled', message: said(`${where}${result.message}`) };
    return { status: 'failed', message: said(`${where ? `${where}failed: ` : ''}${result.message}`) };
  }
  return { status: 'succeeded', message: last.message, revision: last.revision };
}

export interface BatchItem {
  readonly ref: ObjectRef;
  readonly run: (pending: (text: string) => void) => Promise<RequestResult>;
}

/** Runs every item at once (independent objects); the outcome lists each failure by name. */
export async function runBatch(
  label: string,
  items: readonly BatchItem[],
  progress: ProgressListener,
): Promise<ActionOutcome> {
  const waiting = new Set(items.map((i) => i.ref.name));
  let done = 0;
  const report = (pending: string) =>
    progress({ step: Math.min(done + 1, items.length), total: items.length, label, pending });
  report([...waiting].join(', '));
  const results = await Promise.all(
    items.map(async (item) => {
      const result = await item.run((text) => (items.length === 1 ? report(text) : undefined));
      done += 1;
      waiting.delete(item.ref.name);
      report([...waiting].join(', '));
      return { item, result };
    }),
  );
  const first = results[0];
  if (results.length === 1 && first) {
    const r = first.result;
    if (r.status === 'failed') return { status: 'failed', message: r.message };
    return r;
  }
  const failed = results.filter((r) => r.result.status === 'failed');
  const timedOut = results.filter((r) => r.result.status === 'timed-out');
  const ok = results.filter((r) => r.result.status === 'succeeded');
  const okText = ok.length > 0 ? ` Succeeded: ${ok.map((r) => r.item.ref.name).join(', ')}.` : '';
  if (failed.length > 0) {
    const why = failed.map((r) => r.result.message).reduce(joinSentences, '');
    const late =
      timedOut.length > 0 ? ` Still pending: ${timedOut.map((r) => r.item.ref.name).join(', ')}.` : '';
    return {
      status: 'failed',
      message: joinSentences(
        `${failed.length} of ${results.length} failed. ${why}`,
        `${late}${okText}`.trim(),
      ),
    };
  }
  if (timedOut.length > 0) {
    const pending = timedOut.map((r) => (r.result.status === 'timed-out' ? r.result.pending : '')).join('; ');
    return {
      status: 'timed-out',
      message: `${timedOut.length} of ${results.length} timed out, still waiting for ${pending}.${okText}`,
      pending,
    };
  }
  if (results.some((r) => r.result.status === 'cancelled')) {
    return { status: 'cancelled', message: `Stopped waiting; the requests were already sent.${okText}` };
  }
  return {
    status: 'succeeded',
    message: ok
      .map((r) => `${r.item.ref.name}: ${r.result.status === 'succeeded' ? r.result.message : ''}`)
      .join('; '),
    revision: '',
  };
}
