import chalk from 'chalk';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_KEY } from '../../src/hooks/use-key-dispatch.js';
import { binding, formatHint } from '../../src/keymap.js';
import type { DialogModel, ProgressModel } from '../../src/present/dialog.js';
import { dialogKey } from '../../src/present/dialog-keys.js';
import { ActionLayer } from '../../src/views/actions/action-layer.js';
import { ConfirmDialog } from '../../src/views/actions/confirm-dialog.js';
import { ProgressLine } from '../../src/views/actions/progress.js';

const model = (over: Partial<DialogModel> = {}): DialogModel => ({
  title: 'Roll back HelmRelease kyverno/kyverno to revision 3',
  targets: ['HelmRelease kyverno/kyverno'],
  context: 'kind-dev',
  cluster: 'kind-dev-cluster',
  namespace: 'kyverno',
  dangerousContext: false,
  steps: ['Suspend HelmRelease kyverno/kyverno.', 'Run helm rollback kyverno 3.'],
  commands: ['flux suspend helmrelease kyverno -n kyverno --context kind-dev'],
  warnings: ['On resume, helm-controller upgrades kyverno again unless Git is fixed.'],
  options: [
    {
      id: 'revision',
      type: 'choice',
      keyLabel: '←/→',
      label: 'roll back to',
      value: 'v3 deployed (last good)',
    },
    { id: 'leaveSuspended', type: 'toggle', keyLabel: 'l', label: 'leave suspended', value: 'off' },
  ],
  ...over,
});

let level = chalk.level;

/** The SGR codes (e.g. `31` red) in effect right before the first `text` after "Context: ". */
function codesBefore(frame: string, text: string): string[] {
  const m = new RegExp(`Context: ((?:\u001b\\[\\d+m)*)${text}`).exec(frame);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: reading the escape codes is the point.
  return [...(m?.[1] ?? '').matchAll(/\u001b\[(\d+)m/g)].map((x) => x[1] ?? '');
}
afterEach(() => {
  chalk.level = level;
});

describe('confirmation dialog', () => {
  it('shows targets, context, cluster, namespace, steps, commands, warnings, options and No as the default', () => {
    const { lastFrame } = render(<ConfirmDialog model={model()} color={false} width={100} />);
    const frame = lastFrame() ?? '';
    for (const text of [
      'Roll back HelmRelease kyverno/kyverno to revision 3',
      'Context: kind-dev',
      'Cluster: kind-dev-cluster',
      'Namespace: kyverno',
      'HelmRelease kyverno/kyverno',
      '1. Suspend HelmRelease kyverno/kyverno.',
      '2. Run helm rollback kyverno 3.',
      '$ flux suspend helmrelease kyverno -n kyverno --context kind-dev',
      '! On resume, helm-controller upgrades kyverno again unless Git is fixed.',
      '<←/→> roll back to: v3 deployed (last good)',
      '<l> leave suspended: off',
      'Proceed? <y> yes, any other key = No (the default)',
    ]) {
      expect(frame).toContain(text);
    }
    expect(frame).not.toContain('PRODUCTION');
  });

  it('marks a production context in red, and in words without colour', () => {
    level = chalk.level;
    chalk.level = 1;
    const colored = render(
      <ConfirmDialog model={model({ context: 'prod-eu', dangerousContext: true })} width={100} />,
    );
    expect(codesBefore(colored.lastFrame() ?? '', 'prod-eu')).toContain('31');
    const safe = render(<ConfirmDialog model={model()} width={100} />);
    expect(codesBefore(safe.lastFrame() ?? '', 'kind-dev')).not.toContain('31');
    expect(codesBefore(safe.lastFrame() ?? '', 'kind-dev')).toContain('32');
    const plain = render(
      <ConfirmDialog
        model={model({ context: 'prod-eu', dangerousContext: true })}
        color={false}
        width={100}
      />,
    );
    expect(plain.lastFrame()).toContain('Context: prod-eu (PRODUCTION?)');
  });

  it('shows a refusal instead of the question', () => {
    const { lastFrame } = render(
      <ConfirmDialog
        model={model({ refusal: 'Release podinfo has no pending revision.' })}
        color={false}
        width={100}
      />,
    );
    expect(lastFrame()).toContain('Release podinfo has no pending revision.');
    expect(lastFrame()).toContain('Nothing can be done here: any key closes this dialog.');
    expect(lastFrame()).not.toContain('Proceed?');
  });
});

describe('dialog keys', () => {
  const key = (over: Partial<typeof NO_KEY>) => ({ ...NO_KEY, ...over });

  it('y confirms; n, enter, esc and any other key cancel', () => {
    expect(dialogKey(model(), 'y', NO_KEY)).toEqual({ type: 'confirm' });
    expect(dialogKey(model(), 'n', NO_KEY)).toEqual({ type: 'cancel' });
    expect(dialogKey(model(), 'Y', NO_KEY)).toEqual({ type: 'cancel' });
    expect(dialogKey(model(), '', key({ return: true }))).toEqual({ type: 'cancel' });
    expect(dialogKey(model(), '', key({ escape: true }))).toEqual({ type: 'cancel' });
    expect(dialogKey(model(), 'q', NO_KEY)).toEqual({ type: 'cancel' });
  });

  it('edits the options with the keys shown next to them', () => {
    expect(dialogKey(model(), 'l', NO_KEY)).toEqual({ type: 'toggle', id: 'leaveSuspended' });
    expect(dialogKey(model(), '', key({ rightArrow: true }))).toEqual({
      type: 'cycle',
      id: 'revision',
      delta: 1,
    });
    expect(dialogKey(model(), '', key({ leftArrow: true }))).toEqual({
      type: 'cycle',
      id: 'revision',
      delta: -1,
    });
  });

  it('types a reason as text until enter, without control characters', () => {
    const withReason = model({
      options: [{ id: 'reason', type: 'text', keyLabel: 'e', label: 'reason', value: '' }],
    });
    expect(dialogKey(withReason, 'e', NO_KEY)).toEqual({ type: 'edit', id: 'reason' });
    const editing = { ...withReason, editing: { label: 'reason', text: 'Gi' } };
    expect(dialogKey(editing, 't', NO_KEY)).toEqual({ type: 'text', text: 'Git' });
    expect(dialogKey(editing, 'y', NO_KEY)).toEqual({ type: 'text', text: 'Giy' });
    expect(dialogKey(editing, 'a\u001b[2Jb', NO_KEY)).toEqual({ type: 'text', text: 'Gia[2Jb' });
    expect(dialogKey(editing, '', key({ backspace: true }))).toEqual({ type: 'text', text: 'G' });
    expect(dialogKey(editing, '', key({ return: true }))).toEqual({ type: 'done' });
    // The keys that end the text are the key table's (dialogText scope), and the footer says so its way.
    for (const k of binding('textDone').keys) {
      const effect = dialogKey(editing, k === 'tab' || k === 'shift+tab' ? '\t' : '', {
        ...NO_KEY,
        return: k === 'enter',
        escape: k === 'esc',
        tab: k.endsWith('tab'),
        shift: k === 'shift+tab',
      });
      expect(effect, k).toEqual({ type: 'done' });
    }
    expect(dialogKey(editing, 'c', key({ ctrl: true }))).toEqual({ type: 'cancel' });
    const { lastFrame } = render(<ConfirmDialog model={editing} color={false} width={100} />);
    expect(lastFrame()).toContain(`reason: Gi_  ${formatHint('textDone')}`);
    expect(lastFrame()).toContain('reason: Gi_  <enter> done');
  });

  it('any key closes a refused or still planning dialog, y included', () => {
    expect(dialogKey(model({ refusal: 'no' }), 'y', NO_KEY)).toEqual({ type: 'cancel' });
    expect(dialogKey(model({ planning: true }), 'y', NO_KEY)).toEqual({ type: 'cancel' });
  });
});

const progress = (over: Partial<ProgressModel> = {}): ProgressModel => ({
  id: 'run-1',
  title: 'Roll back HelmRelease kyverno/kyverno to revision 3',
  phase: 'running',
  step: 2,
  total: 3,
  label: 'helm rollback kyverno 3',
  pending: 'helm rollback',
  elapsedMs: 75_000,
  message: '',
  ...over,
});

const wide = (node: ReactNode) => <Box width={200}>{node}</Box>;

describe('progress', () => {
  it('shows the step, what is awaited and the elapsed time while running', () => {
    const { lastFrame } = render(wide(<ProgressLine item={progress()} color={false} />));
    expect(lastFrame()).toBe(
      '⟳ Roll back HelmRelease kyverno/kyverno to revision 3 step 2/3: helm rollback kyverno 3 · waiting for helm rollback · 75s',
    );
  });

  it('shows the result with the time it took', () => {
    const done = render(
      wide(
        <ProgressLine
          item={progress({
            phase: 'succeeded',
            elapsedMs: 12_000,
            message: 'HelmRelease kyverno/kyverno is Ready at revision 3.2.1.',
          })}
          color={false}
        />,
      ),
    );
    expect(done.lastFrame()).toBe(
      '✔ succeeded Roll back HelmRelease kyverno/kyverno to revision 3 (12s): HelmRelease kyverno/kyverno is Ready at revision 3.2.1.',
    );
    const failed = render(
      <ProgressLine
        item={progress({ phase: 'failed', message: 'kyverno is left SUSPENDED.' })}
        color={false}
      />,
    );
    expect(failed.lastFrame()).toContain('✗ FAILED');
    expect(failed.lastFrame()).toContain('kyverno is left SUSPENDED.');
  });

  it('the action layer puts the dialog above the progress lines', () => {
    const { lastFrame } = render(
      <ActionLayer
        dialog={model()}
        progress={[progress({ title: 'Reconcile kyverno' })]}
        color={false}
        width={140}
      />,
    );
    const frame = lastFrame() ?? '';
    expect(frame.indexOf('Proceed?')).toBeGreaterThan(-1);
    expect(frame.indexOf('Reconcile kyverno')).toBeGreaterThan(frame.indexOf('Proceed?'));
    expect(render(<ActionLayer dialog={undefined} progress={[]} />).lastFrame()).toBe('');
  });
});
