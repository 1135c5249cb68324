import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../src/flux/logs.js';
import type { LogEntry } from '../../src/kube/port.js';
import { fitLogText, logsTitle, logText } from '../../src/present/log-text.js';

const raw = (extra: Record<string, unknown>) =>
  JSON.stringify({
    level: 'error',
    ts: '2026-01-03T10:05:01.200Z',
    msg: 'Reconciler error',
    controller: 'helmrelease',
    controllerGroup: 'helm.toolkit.fluxcd.io',
    controllerKind: 'HelmRelease',
    HelmRelease: { name: 'podinfo', namespace: 'podinfo' },
    namespace: 'podinfo',
    name: 'podinfo',
    reconcileID: '00000000-0000-0000-0000-000000000001',
    ...extra,
  });

const entry = (text: string, controller = 'helm-controller'): LogEntry => ({
  seq: 1,
  pod: `${controller}-abc`,
  controller,
  line: parseLogLine(text),
});

const object = { objectScope: true, showController: false };
const all = { objectScope: false, showController: true };
const ERROR = 'Helm upgrade failed for release podinfo/podinfo: context deadline exceeded';

describe('a log line filtered to its object', () => {
  it('leaves the object out and reads message, error, then time, level and the other keys', () => {
    const e = entry(raw({ error: ERROR, revision: '6' }));
    expect(logText(e, object)).toBe(`Reconciler error  error: ${ERROR}  · 10:05:01 error revision=6`);
    expect(logText(e, object)).not.toMatch(/podinfo\/podinfo\b(?!:)|HelmRelease/);
    // The keys every reconciler line carries are not repeated.
    expect(logText(e, object)).not.toContain('reconcileID');
    expect(logText(e, { ...object, showController: true })).toContain('· 10:05:01 error helm revision=6');
  });

  it('showing every line, keeps the log order and names the object', () => {
    const e = entry(raw({ error: ERROR }));
    expect(logText(e, all)).toBe(
      `10:05:01 helm error HelmRelease/podinfo/podinfo Reconciler error  error: ${ERROR}`,
    );
  });

  it('within the width, cuts the rest first', () => {
    const e = entry(raw({ error: 'boom', revision: '6' }));
    expect(fitLogText(e, object, 29)).toBe('Reconciler error  error: boom');
    // Four cells of the rest would say nothing: left out.
    expect(fitLogText(e, object, 33)).toBe('Reconciler error  error: boom');
    expect(fitLogText(e, object, 40)).toBe('Reconciler error  error: boom  · 10:05..');
    expect(fitLogText(e, object, 200)).toBe('Reconciler error  error: boom  · 10:05:01 error revision=6');
  });

  it('cuts a long message before the error, which keeps at least half the line', () => {
    const message = 'x'.repeat(100);
    const e = entry(raw({ msg: message, error: ERROR }));
    const fitted = fitLogText(e, object, 80);
    expect(fitted).toHaveLength(80);
    expect(fitted.startsWith('xxxx')).toBe(true);
    expect(fitted.indexOf('  error: Helm upgrade failed')).toBe(38);
    // A short message is kept whole: the error has the rest.
    const short = fitLogText(entry(raw({ msg: 'failed', error: ERROR.repeat(2) })), object, 60);
    expect(short).toMatch(/^failed {2}error: Helm upgrade failed .*\.\.$/);
    expect(short).toHaveLength(60);
  });

  it('shows a line that is not JSON as it came', () => {
    expect(fitLogText(entry('panic: runtime error'), object, 80)).toBe('panic: runtime error');
  });

  it('shows a long line that is not JSON cut, control sequences stripped, from its fields alone', () => {
    const long = `goroutine 1 [running]: \u001b[31m${'x'.repeat(9000)}`;
    const shown = logText(entry(long), all);
    expect(shown).toBe(
      `helm goroutine 1 [running]: ${'x'.repeat(4000 - 'helm goroutine 1 [running]: '.length - 1)}…`,
    );
  });
});

describe('the logs pane title', () => {
  const head = 'Logs [following] HelmRelease/flux-system/cert-manager';
  const pods = ['helm-controller-7d9f8c5b6-x2x9z', 'source-controller-5c6d7e8f9-abcde'];

  it('names the pods followed, in full when they fit', () => {
    expect(logsTitle(head, pods, 200)).toBe(`${head} — ${pods.join(' · ')}`);
    expect(logsTitle(head, [], 200)).toBe(head);
  });

  it('cuts each pod alike to fit, else names fewer, else cuts the whole title', () => {
    const title = logsTitle(head, pods, 100);
    expect(title).toBe(`${head} — helm-controller-7d.. · source-controller-..`);
    expect(title.length).toBeLessThanOrEqual(100);
    // Too many to cut alike: as many as fit are named, the others counted.
    const three = [...pods, 'kustomize-controller-6f7a8b9c0-fghij'];
    expect(logsTitle(head, three, 100)).toBe(`${head} — helm-controller-7d9f8c5b6-x2x9z · +2 more`);
    expect(logsTitle(head, pods, 70)).toHaveLength(70);
    expect(logsTitle(head, pods, 70).startsWith(`${head} — helm-con`)).toBe(true);
  });
});
