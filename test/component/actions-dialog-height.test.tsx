import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { DialogModel } from '../../src/present/dialog.js';
import { dialogKey } from '../../src/present/dialog-keys.js';
import { ActionLayer } from '../../src/views/actions/action-layer.js';
import { ConfirmDialog, wrapText } from '../../src/views/actions/confirm-dialog.js';
import { CHAIN } from '../support/runbook-chain.js';

/** What a fix of the chain from its root reconciles: kyverno and everything after it. */
const chain = CHAIN.slice(CHAIN.indexOf('kyverno'));

const tall: DialogModel = {
  title: 'Fix the dependency chain of HelmRelease kyverno/kyverno',
  targets: chain.map((n) => `HelmRelease ${n}/${n}`),
  context: 'prod-eu',
  cluster: 'prod-eu-cluster',
  namespace: chain.join(', '),
  dangerousContext: true,
  steps: chain.map((n) => `Reconcile HelmRelease ${n}/${n} and wait until it is Ready.`),
  commands: chain.map((n) => `flux reconcile helmrelease ${n} -n ${n} --context prod-eu`),
  warnings: ['The last command is the one that matters.'],
  options: [],
};

const lines = (frame: string | undefined) => (frame ?? '').split('\n');

describe('a confirmation taller than the terminal', () => {
  it('keeps title, context, warnings and the question on screen and says what is below', () => {
    const { lastFrame } = render(<ConfirmDialog model={tall} textWidth={80} maxHeight={18} color={false} />);
    const frame = lastFrame() ?? '';
    expect(lines(frame).length).toBeLessThanOrEqual(18);
    expect(frame).toContain('Fix the dependency chain of HelmRelease kyverno/kyverno');
    expect(frame).toContain('Context: prod-eu (PRODUCTION?)');
    expect(frame).toContain('Proceed? <y> yes');
    expect(frame).toMatch(/↓ \d+ more lines below/);
    expect(frame).toContain('! The last command is the one that matters.');
    // The commands do not fit: folded to one line, one key away.
    expect(frame).toContain(`<c> show the ${chain.length} equivalent commands`);
    expect(frame).not.toContain('$ flux reconcile helmrelease');
  });

  it('leaves room for a three-line header (the controllers banner) at 120×40: the cluster line stays in view', () => {
    const { lastFrame } = render(
      <ActionLayer dialog={tall} progress={[]} width={120} height={40} headerRows={3} advice color={false} />,
    );
    // 40 rows less the frame's spare line, 3 header lines, the table's title, headings and selected row, the
    // runbook line and the hint line.
    expect(lines(lastFrame()).length).toBeLessThanOrEqual(40 - 1 - 3 - 3 - 1 - 1);
    expect(lastFrame()).toContain('! The last command is the one that matters.');
  });

  it('unfolded (c), scrolls the body to the end, where the last command is', () => {
    const { lastFrame } = render(
      <ConfirmDialog
        model={tall}
        textWidth={80}
        maxHeight={18}
        scroll={1000}
        commandsToggled
        color={false}
      />,
    );
    const frame = lastFrame() ?? '';
    expect(lines(frame).length).toBeLessThanOrEqual(18);
    expect(frame).toContain('$ flux reconcile helmrelease velero -n velero --context prod-eu');
    expect(frame).toMatch(/↑ \d+ more lines above/);
    expect(frame).toContain('Context: prod-eu');
    expect(frame).toContain('! The last command is the one that matters.');
    expect(frame).not.toContain('equivalent commands');
  });

  it('shows everything without markers when it fits, the commands too (c folds them)', () => {
    const { lastFrame } = render(<ConfirmDialog model={tall} textWidth={120} maxHeight={80} color={false} />);
    expect(lastFrame()).toContain('! The last command is the one that matters.');
    expect(lastFrame()).toContain('Equivalent commands  <c> hide');
    expect(lastFrame()).toContain('$ flux reconcile helmrelease velero -n velero --context prod-eu');
    expect(lastFrame()).not.toMatch(/more lines (above|below)/);
    const folded = render(
      <ConfirmDialog model={tall} textWidth={120} maxHeight={80} commandsToggled color={false} />,
    );
    expect(folded.lastFrame()).toContain(`<c> show the ${chain.length} equivalent commands`);
    expect(folded.lastFrame()).not.toContain('$ flux');
  });

  it('reads ↑/↓ as scrolling, never as the No answer', () => {
    const arrows = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false };
    expect(dialogKey(tall, '', { ...arrows, downArrow: true })).toEqual({ type: 'scroll', delta: 1 });
    expect(dialogKey(tall, '', { ...arrows, upArrow: true })).toEqual({ type: 'scroll', delta: -1 });
    expect(dialogKey(tall, 'j', arrows)).toEqual({ type: 'cancel' });
  });

  it('reads c as folding the commands when there are some, else as the No answer', () => {
    expect(dialogKey(tall, 'c', {})).toEqual({ type: 'commands' });
    expect(dialogKey({ ...tall, commands: [] }, 'c', {})).toEqual({ type: 'cancel' });
  });

  it('wraps at spaces so heights are exact', () => {
    expect(wrapText('aaaa bbbb cccc dddd', 10)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(wrapText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
