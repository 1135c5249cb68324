// The `:suspended` and `:audit` views: this session's suspensions and actions, from App's `session` prop,
// in the same windowed grid as Controllers and Events; and fed by the real actions in the running console.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { objectKey } from '../../src/flux/types.js';
import { useActionAppProps, useActions } from '../../src/hooks/use-actions.js';
import { useSessionData } from '../../src/hooks/use-session-data.js';
import type { SessionData } from '../../src/present/session-columns.js';
import { appRenderer } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { KEYS, lineWith, press, type, waitForFrame } from '../support/ink.js';
import { runbookRows } from '../support/runbook-rows.js';
import { AnsweringPort, apps, object } from './actions-fake-port.js';

const setup = appRenderer({ columns: 160, rows: 30 });

async function command(stdin: { write: (s: string) => void }, text: string) {
  await press(stdin, ':');
  await type(stdin, text);
  await press(stdin, KEYS.enter);
}

const SESSION: SessionData = {
  suspended: [
    {
      key: 'HelmRelease/monitoring/kube-prometheus-stack',
      kind: 'HelmRelease',
      namespace: 'monitoring',
      name: 'kube-prometheus-stack',
      at: '2026-01-01T11:40:00Z',
      by: 'alice',
      reason: 'INC-42 hotfix in place',
      stillSuspended: true,
    },
    {
      key: 'Kustomization/flux-system/apps',
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'apps',
      at: '2026-01-01T11:30:00Z',
      by: 'alice',
      reason: 'maintenance window',
      stillSuspended: false,
    },
  ],
  audit: [
    {
      id: 'a1',
      time: '2026-01-01T11:30:00Z',
      action: 'suspend',
      targets: ['Kustomization/flux-system/apps'],
      outcome: 'succeeded',
      message: 'Kustomization flux-system/apps is suspended',
    },
    {
      id: 'a2',
      time: '2026-01-01T11:50:00Z',
      action: 'reconcile',
      targets: ['HelmRelease/monitoring/kube-prometheus-stack'],
      outcome: 'failed',
      error: 'install retries exhausted',
    },
    {
      id: 'a3',
      time: '2026-01-01T11:45:00Z',
      action: 'resume',
      targets: ['Kustomization/flux-system/apps'],
      outcome: 'cancelled',
    },
  ],
  auditPath: '/tmp/state/fluxdeck/audit.log',
};

describe(':suspended', () => {
  it('lists what this session suspended with KIND … NOW, still suspended first, and says how to resume', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { session: SESSION });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'suspended');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Suspended(session)'));
    expect(frame).toMatch(/KIND\s+NAMESPACE\s+NAME\s+SUSPENDED AT\s+BY\s+REASON\s+NOW/);
    expect(frame).toContain('<u> resume the selected one  <enter> open its own view');
    const held = lineWith(frame, 'kube-prometheus-stack');
    expect(held).toMatch(/HelmRelease\s+monitoring\s+kube-prometheus-stack\s+2026-01-01T11:40:00Z\s+alice/);
    expect(held).toContain('INC-42 hotfix in place');
    expect(held).toContain('still suspended');
    expect(lineWith(frame, 'maintenance window')).toContain('resumed');
    expect(frame.indexOf('kube-prometheus-stack')).toBeLessThan(frame.indexOf('maintenance window'));
  });

  it('says nothing was suspended when the session has none (no session prop)', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'suspended');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Suspended(session)'));
    expect(frame).toContain('nothing suspended in this session');
  });

  it('enter opens the suspended object’s own view', async () => {
    const rows = [makeRow({ kind: 'Kustomization', name: 'apps', health: 'Suspended' })];
    const { lastFrame, stdin } = setup(new FakePort(rows), {
      session: { ...SESSION, suspended: SESSION.suspended.slice(1) },
    });
    await waitForFrame(lastFrame, (f) => f.includes('(all)'));
    await command(stdin, 'suspended');
    await waitForFrame(lastFrame, (f) => f.includes('maintenance window'));
    await press(stdin, KEYS.enter);
    const opened = await waitForFrame(
      lastFrame,
      (f) => f.includes('Kustomization/flux-system/apps') && !f.includes('NOW'),
    );
    expect(opened).not.toContain('maintenance window');
  });
});

describe(':audit', () => {
  it('lists this session’s actions newest first with OUTCOME and ERROR/MESSAGE, and the log path', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { session: SESSION });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'audit');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Audit(session)'));
    expect(frame).toMatch(/TIME\s+ACTION\s+TARGETS\s+OUTCOME\s+ERROR\/MESSAGE/);
    expect(frame).toContain('audit log: /tmp/state/fluxdeck/audit.log');
    expect(lineWith(frame, 'reconcile')).toMatch(
      /2026-01-01T11:50:00Z\s+reconcile\s+HelmRelease\/monitoring\/kube-prometheus-stack\s+failed\s+install retries exhausted/,
    );
    expect(lineWith(frame, 'suspend ')).toMatch(/succeeded\s+Kustomization flux-system\/apps is suspended/);
    expect(lineWith(frame, 'resume')).toContain('cancelled');
    const order = ['11:50:00Z', '11:45:00Z', '11:30:00Z'].map((t) => frame.indexOf(t));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[2]).toBeGreaterThan(0);
  });

  it('without actions says they are recorded when run', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()));
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'audit');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Audit(session)'));
    expect(frame).toContain('no actions in this session yet: actions are recorded here when run');
  });

  it('offers no object keys in the hint line while no Flux object is selected', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()));
    let frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    // On a table of Flux objects the selected object's keys are offered …
    expect(frame).toContain('<r> reconcile');
    expect(frame).toContain('<y> yaml');
    await command(stdin, 'audit');
    frame = await waitForFrame(lastFrame, (f) => f.includes('Audit(session)'));
    // … on an empty :audit there is nothing to act on.
    const hint = frame.split('\n').find((l) => l.includes('<esc> back')) ?? '';
    expect(hint).toContain('<q> quit');
    for (const key of ['<r> reconcile', '<s> suspend', '<y> yaml', '<e> events', '<D> fix chain']) {
      expect(hint).not.toContain(key);
    }
  });

  it('enter opens the first target of the selected action', async () => {
    const rows = [makeRow({ kind: 'Kustomization', name: 'apps' })];
    const { lastFrame, stdin } = setup(new FakePort(rows), {
      session: { suspended: [], audit: SESSION.audit.slice(0, 1) },
    });
    await waitForFrame(lastFrame, (f) => f.includes('(all)'));
    await command(stdin, 'audit');
    await waitForFrame(lastFrame, (f) => f.includes('Audit(session)') && f.includes('succeeded'));
    await press(stdin, KEYS.enter);
    const opened = await waitForFrame(
      lastFrame,
      (f) => f.includes('Kustomization/flux-system/apps') && !f.includes('OUTCOME'),
    );
    expect(opened).not.toContain('Audit(session)');
  });

  it('`:au` completes to audit', async () => {
    const { lastFrame, stdin } = setup(new FakePort(runbookRows()), { session: SESSION });
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await press(stdin, ':');
    await type(stdin, 'au');
    await waitForFrame(lastFrame, (f) => lineWith(f, ':au') !== undefined && f.includes('audit'));
    await press(stdin, KEYS.tab, KEYS.enter);
    const audit = await waitForFrame(lastFrame, (f) => f.includes('Audit(session)'));
    expect(lineWith(audit, ':au')).toBeUndefined();
  });
});

describe('the session views fed by the running actions', () => {
  let dir: string;
  let instance: ReturnType<typeof render> | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluxdeck-session-views-'));
  });
  afterEach(async () => {
    instance?.unmount();
    await rm(dir, { recursive: true, force: true });
  });

  function Console({ port }: { port: AnsweringPort }) {
    const actions = useActions({ port, readonly: false, audit: { path: join(dir, 'audit.log') } });
    const wired = useActionAppProps(actions, { color: false });
    const session = useSessionData(actions);
    return (
      <App
        port={port}
        demo={false}
        readonly={false}
        color={false}
        size={{ columns: 160, rows: 40 }}
        tickMs={0}
        clock={() => Date.parse('2026-01-01T12:00:00Z')}
        initialView="kustomizations"
        session={session}
        {...wired}
      />
    );
  }

  it('a suspend shows on :suspended (still suspended) and on :audit (succeeded), with the log path', async () => {
    const port = new AnsweringPort([makeRow({ kind: 'Kustomization', name: 'apps' })], {
      context: 'prod-eu',
    });
    port.objects.set(objectKey(apps), object(false, 'old'));
    instance = render(<Console port={port} />);
    const { stdin, lastFrame } = instance;
    await waitForFrame(lastFrame, (f) => f.includes('apps'));
    await press(stdin, 's');
    await waitForFrame(lastFrame, (f) => f.includes('<e> reason'));
    await press(stdin, 'e');
    await type(stdin, 'INC-7');
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) => f.includes('reason (recorded on the object): INC-7'));
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('is suspended'));
    await command(stdin, 'suspended');
    const suspended = await waitForFrame(lastFrame, (f) => f.includes('Suspended(session)'));
    expect(lineWith(suspended, 'INC-7')).toMatch(/Kustomization\s+flux-system\s+apps/);
    expect(lineWith(suspended, 'INC-7')).toContain('still suspended');
    await command(stdin, 'audit');
    const audit = await waitForFrame(
      lastFrame,
      (f) => f.includes('Audit(session)') && f.includes('succeeded'),
    );
    expect(lineWith(audit, 'succeeded')).toMatch(/suspend\s+Kustomization\/flux-system\/apps\s+succeeded/);
    expect(audit).toContain(`audit log: ${join(dir, 'audit.log')}`);

    // u on :suspended resumes the selected object; the row stays, now saying resumed.
    await command(stdin, 'suspended');
    await waitForFrame(lastFrame, (f) => f.includes('still suspended'));
    await press(stdin, 'u');
    const dialog = await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    expect(dialog).toContain('Resume Kustomization flux-system/apps');
    await press(stdin, 'y');
    await waitForFrame(lastFrame, (f) => f.includes('Suspended(session)') && f.includes('resumed'));
    expect(port.patches.at(-1)).toMatchObject({ spec: { suspend: false } });
    expect(lineWith(lastFrame() ?? '', 'INC-7')).toMatch(/INC-7\s+resumed\s*$/);
  });
});
