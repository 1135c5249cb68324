// The incident report and the timeline it ends with, from rows, transitions, events, log lines and audit
// entries: what a postmortem pastes. Hostile text in every field, inputs in any order, an action still
// running.
import { describe, expect, it } from 'vitest';
import { buildReport, type ReportInput } from '../../src/flux/report.js';
import { buildTimeline } from '../../src/flux/timeline.js';
import { reportMarkdown } from '../../src/present/report-markdown.js';
import { makeRow } from '../support/fake-port.js';
import { NOW, runbookRows } from '../support/runbook-rows.js';

const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();
const CERT = 'HelmRelease/flux-system/cert-manager';

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    cluster: {
      context: 'prod',
      cluster: 'prod-eu',
      server: 'https://10.0.0.1',
      user: 'alice',
      namespace: null,
    },
    rows: runbookRows(),
    transitions: [
      {
        at: at(41),
        key: CERT,
        from: { ready: 'True', reason: '', suspended: false },
        to: { ready: 'False', reason: 'UpgradeFailed', suspended: false },
        message: 'Helm upgrade failed',
      },
    ],
    events: [
      {
        uid: 'e1',
        type: 'Warning',
        reason: 'UpgradeFailed',
        message: 'Helm upgrade failed: timed out',
        involved: { kind: 'HelmRelease', namespace: 'flux-system', name: 'cert-manager' },
        firstSeen: at(40),
        lastSeen: at(5),
        count: 4,
      },
      {
        uid: 'e2',
        type: 'Normal',
        reason: 'ReconciliationSucceeded',
        message: 'routine',
        involved: { kind: 'HelmRelease', namespace: 'flux-system', name: 'istio-base' },
        firstSeen: at(3),
        lastSeen: at(3),
        count: 1,
      },
    ],
    logs: [
      {
        ts: at(39),
        level: 'error',
        message: 'Reconciler error',
        error: 'timed out waiting for the condition',
        kind: 'HelmRelease',
        namespace: 'flux-system',
        name: 'cert-manager',
        controller: 'helm-controller',
      },
      {
        ts: at(9),
        level: 'error',
        message: 'Reconciler error',
        error: 'timed out waiting for the condition',
        kind: 'HelmRelease',
        namespace: 'flux-system',
        name: 'cert-manager',
        controller: 'helm-controller',
      },
      {
        ts: at(8),
        level: 'info',
        message: 'not an error',
        error: '',
        kind: 'HelmRelease',
        namespace: 'flux-system',
        name: 'cert-manager',
        controller: 'helm-controller',
      },
    ],
    actions: [
      {
        id: 'a1',
        time: at(2),
        phase: 'intent',
        user: 'alice',
        action: 'rollback',
        targets: [CERT],
        outcome: 'confirmed',
      },
      {
        id: 'a1',
        time: at(1),
        phase: 'outcome',
        user: 'alice',
        action: 'rollback',
        targets: [CERT],
        outcome: 'failed',
        message: 'helm rollback exited 1',
        error: 'another operation is in progress',
      },
    ],
    now: NOW,
    ...overrides,
  };
}

describe('timeline', () => {
  it('starts at the oldest current failure and merges every source in time order', () => {
    const t = buildTimeline(input());
    expect(new Date(t.start).toISOString()).toBe(at(40));
    expect(t.startKey).toBe(CERT);
    const lines = t.entries.map((e) => `${e.source} ${e.what}`);
    expect(lines[0]).toBe(`failing ${CERT} started failing (UpgradeFailed)`);
    expect(lines).toContain(`event ${CERT} Warning UpgradeFailed`);
    expect(lines).toContain(`log ${CERT} helm-controller error`);
    expect(lines.at(-1)).toBe(`action alice ran rollback on ${CERT}: failed`);
    // The transition began before the window: not part of it. A healthy object's routine event is not news.
    expect(lines.some((l) => l.startsWith('transition'))).toBe(false);
    expect(lines.some((l) => l.includes('istio-base'))).toBe(false);
    const log = t.entries.find((e) => e.source === 'log');
    expect(log).toMatchObject({ count: 2, detail: 'Reconciler error: timed out waiting for the condition' });
    expect(t.entries.map((e) => e.at)).toEqual([...t.entries.map((e) => e.at)].sort((a, b) => a - b));
  });

  it('right after the fix, still starts where the failure that just ended began', () => {
    const rows = runbookRows().map((r) => ({
      ...r,
      ready: 'True' as const,
      failingSince: '',
      suspended: false,
    }));
    const t = buildTimeline(
      input({
        rows,
        transitions: [
          {
            at: at(10),
            key: CERT,
            from: { ready: 'False', reason: 'UpgradeFailed', suspended: false },
            to: { ready: 'True', reason: '', suspended: false },
            message: '',
            failingSince: at(90),
          },
        ],
      }),
    );
    expect(new Date(t.start).toISOString()).toBe(at(90));
    expect(t).toMatchObject({ startKey: CERT, startsAtFailure: true, startLowerBound: true });
    expect(t.entries[0]?.what).toBe(
      `${CERT} started failing (UpgradeFailed) (or earlier: first seen already failing)`,
    );
    // Recovered two hours ago: not this incident; the window is the last hour.
    const old = buildTimeline(input({ rows, transitions: [], now: NOW }));
    expect(old.startsAtFailure).toBe(false);
    expect(old.start).toBe(NOW - 3_600_000);
  });

  it('says when an object became Degraded and when it was Ready again with healthy workloads', () => {
    const APPS = 'Kustomization/flux-system/apps';
    const cause = 'ImagePullBackOff: Deployment apps/api — 1 of 3 managed workloads not ready';
    const degraded = makeRow({
      kind: 'Kustomization',
      name: 'apps',
      health: 'Degraded',
      ready: 'True',
      message: cause,
      failingSince: at(30),
    });
    const ready = { ready: 'True', reason: '', suspended: false } as const;
    const t = buildTimeline(
      input({
        rows: [...runbookRows(), degraded],
        transitions: [
          { at: at(20), key: APPS, from: ready, to: { ...ready, degraded: true }, message: cause },
        ],
      }),
    );
    const apps = t.entries.filter((e) => e.key === APPS).map((e) => [e.source, e.tone, e.what, e.detail]);
    expect(apps).toEqual([
      ['failing', 'failure', `${APPS} started failing (Degraded)`, cause],
      ['transition', 'failure', `${APPS} became Degraded: ImagePullBackOff: Deployment apps/api`, cause],
    ]);
    // Its workloads rolled out: a recovery, as any other.
    const after = buildTimeline(
      input({
        rows: [...runbookRows(), makeRow({ kind: 'Kustomization', name: 'apps' })],
        transitions: [
          { at: at(20), key: APPS, from: ready, to: { ...ready, degraded: true }, message: cause },
          { at: at(5), key: APPS, from: { ...ready, degraded: true }, to: ready, message: '' },
        ],
      }),
    );
    const back = after.entries.find((e) => e.key === APPS && e.at === NOW - 5 * 60_000);
    expect(back).toMatchObject({ tone: 'recovery', what: `${APPS} Degraded → Ready` });
  });

  it('narrows to one object or chain', () => {
    const t = buildTimeline(input(), { keys: new Set(['HelmRelease/flux-system/kyverno']) });
    expect(t.entries.every((e) => e.key === 'HelmRelease/flux-system/kyverno')).toBe(true);
    expect(t.startKey).toBe('HelmRelease/flux-system/kyverno');
  });

  it('shows an action that is still running as running', () => {
    const base = input();
    const running = input({ actions: base.actions.filter((a) => a.phase === 'intent') });
    const t = buildTimeline(running);
    expect(t.entries.at(-1)?.what).toBe(`alice ran rollback on ${CERT}: still running`);
    expect(buildReport(running).actions).toEqual([
      {
        at: at(2).replace('.000Z', 'Z'),
        endedAt: '',
        user: 'alice',
        action: 'rollback',
        targets: [CERT],
        outcome: 'running',
        detail: '',
      },
    ]);
  });
});

describe('report', () => {
  it('names the root causes and the chains they block, and what is still failing', () => {
    const r = buildReport(input());
    expect(r.window).toMatchObject({ start: at(40).replace('.000Z', 'Z'), startObject: CERT });
    expect(r.rootCauses.map((x) => x.object)).toContain(CERT);
    const cert = r.rootCauses.find((x) => x.object === CERT);
    expect(cert?.blocks).toContain('HelmRelease/flux-system/kyverno');
    const kyverno = r.failing.find((f) => f.object === 'HelmRelease/flux-system/kyverno');
    expect(kyverno?.blockedBy).toEqual([CERT]);
    expect(r.actions).toEqual([
      {
        at: at(2).replace('.000Z', 'Z'),
        endedAt: at(1).replace('.000Z', 'Z'),
        user: 'alice',
        action: 'rollback',
        targets: [CERT],
        outcome: 'failed',
        detail: 'helm rollback exited 1 another operation is in progress',
      },
    ]);
    const md = reportMarkdown(r);
    expect(md).toContain('# Flux incident report: prod');
    expect(md).toContain('## Root causes');
    expect(md).toContain('## Still failing');
    expect(md).toContain('## Actions taken');
  });

  it("quotes an object's Warning events before its Normal ones", () => {
    const base = input();
    const warning = base.events[0] as ReportInput['events'][number];
    const at35 = { firstSeen: at(35), lastSeen: at(35), count: 1 };
    const normal = {
      ...warning,
      ...at35,
      uid: 'e3',
      type: 'Normal',
      reason: 'Progressing',
      message: 'upgrading',
    };
    const later = {
      ...warning,
      firstSeen: at(20),
      lastSeen: at(20),
      count: 1,
      uid: 'e4',
      reason: 'TestFailed',
    };
    const r = buildReport(input({ events: [...base.events, normal, later] }));
    const cert = r.failing.find((f) => f.object === CERT);
    expect(cert?.events.map((e) => e.what)).toEqual([
      `${CERT} Warning UpgradeFailed`,
      `${CERT} Warning TestFailed`,
      `${CERT} Normal Progressing`,
    ]);
  });

  it('is the same whatever order its inputs came in', () => {
    const base = input();
    const shuffled = input({
      rows: [...base.rows].reverse(),
      events: [...base.events].reverse(),
      logs: [...base.logs].reverse(),
    });
    expect(reportMarkdown(buildReport(shuffled))).toBe(reportMarkdown(buildReport(base)));
  });

  it('lists what recovered in the window', () => {
    const base = input();
    const r = buildReport(
      input({
        transitions: [
          {
            at: at(30),
            key: 'HelmRelease/flux-system/istio-base',
            from: { ready: 'True', reason: '', suspended: false },
            to: { ready: 'False', reason: 'InstallFailed', suspended: false },
            message: 'x',
          },
          {
            at: at(20),
            key: 'HelmRelease/flux-system/istio-base',
            from: { ready: 'False', reason: 'InstallFailed', suspended: false },
            to: { ready: 'True', reason: '', suspended: false },
            message: '',
          },
        ],
        events: base.events,
      }),
    );
    expect(r.recovered).toEqual([
      {
        object: 'HelmRelease/flux-system/istio-base',
        failedAt: at(30).replace('.000Z', 'Z'),
        recoveredAt: at(20).replace('.000Z', 'Z'),
        reason: 'InstallFailed',
      },
    ]);
  });

  it('lists a Degraded object as failing, with its workloads as the cause, and its recovery', () => {
    const APPS = 'Kustomization/flux-system/apps';
    const cause = 'ImagePullBackOff: Deployment apps/api — 1 of 3 managed workloads not ready';
    const apps = (degraded: boolean) =>
      makeRow({
        kind: 'Kustomization',
        name: 'apps',
        ...(degraded ? { health: 'Degraded', message: cause, failingSince: at(30).replace('.000', '') } : {}),
      });
    const r = buildReport(input({ rows: [...runbookRows(), apps(true)] }));
    expect(r.failing.find((f) => f.object === APPS)).toMatchObject({
      status: 'Degraded',
      reason: 'ImagePullBackOff',
      message: cause,
      failingSince: '2026-01-01T11:30:00Z',
      blockedBy: [],
    });
    expect(r.rootCauses.find((x) => x.object === APPS)).toMatchObject({ status: 'Degraded', blocks: [] });
    expect(r.rootCauses.find((x) => x.object === CERT)?.status).toBe('Failed');
    expect(r.summary.degraded).toBe(1);
    expect(r.summary.failing).toBe(r.failing.length);
    const md = reportMarkdown(r);
    expect(md).toContain('- 1 of them Degraded: Ready, but the workloads it manages are not.');
    expect(md).toMatch(/\| Kustomization\/flux-system\/apps \| Degraded \| 30m /);
    expect(md).toContain(
      '- Degraded for 30m (since 2026-01-01 11:30:00Z): Ready, but the workloads it manages are not, reason `ImagePullBackOff`',
    );
    expect(md).toContain(`- Message: ${cause}`);

    const ready = { ready: 'True', reason: '', suspended: false } as const;
    const transitions = [
      { at: at(30), key: APPS, from: ready, to: { ...ready, degraded: true as const }, message: cause },
      { at: at(10), key: APPS, from: { ...ready, degraded: true as const }, to: ready, message: '' },
    ];
    const after = buildReport(input({ rows: [...runbookRows(), apps(false)], transitions }));
    expect(after.recovered.find((x) => x.object === APPS)).toEqual({
      object: APPS,
      failedAt: at(30).replace('.000Z', 'Z'),
      recoveredAt: at(10).replace('.000Z', 'Z'),
      reason: 'Degraded',
    });
    expect(after.summary.degraded).toBe(0);
    // Degraded again since: not recovered.
    const again = buildReport(input({ rows: [...runbookRows(), apps(true)], transitions }));
    expect(again.recovered.map((x) => x.object)).not.toContain(APPS);
  });

  it('keeps hostile text inert: no control sequence, no broken table, no link, no HTML', () => {
    const evil =
      'x\u001b[2J\u001b]8;;http://evil\u0007click\u001b]8;;\u0007 | `code` [a](http://evil) <img src=x> *b* \r\nnext';
    const base = input();
    const rows = base.rows.map((r) => ({ ...r, message: evil, reason: `${r.reason}${evil}` }));
    const r = buildReport(
      input({
        cluster: { ...base.cluster, context: evil, user: evil, server: evil },
        rows,
        events: base.events.map((e) => ({ ...e, message: evil, reason: evil })),
        logs: base.logs.map((l) => ({ ...l, error: evil })),
        actions: base.actions.map((a) => ({ ...a, user: evil, message: evil, error: evil })),
        gaps: [evil],
      }),
    );
    const md = reportMarkdown(r);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    // Escaped: `\[a\](…)` is text, `\<img` is text; inside a code span (fenced longer than any run of
    // backticks in it) nothing is markup.
    const outsideCode = md.replace(/``.*?``/g, '');
    expect(outsideCode).not.toMatch(/(?<!\\)\]\(http/);
    expect(outsideCode).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('``xclick | `code` [a](http://evil) <img src=x> *b*  next``');
    expect(md).toContain('\\[a\\](http://evil)');
    for (const block of md.split('\n\n')) {
      const rows = block.split('\n').filter((l) => l.startsWith('| '));
      if (rows.length === 0) continue;
      const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
      for (const row of rows) expect(cells(row), row).toBe(cells(rows[0] ?? ''));
    }
    const json = JSON.stringify(r);
    expect(json).not.toContain('\\u001b');
  });
});
