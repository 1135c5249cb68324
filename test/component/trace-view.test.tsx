// `:trace KIND/NAME -n NS` and `T`: the chain flux trace prints as a table — the object, its owners, the
// Kustomization that applied it, its source — each link's readiness word, the verdict and the revision line
// above; enter on a Flux link opens its details; clear sentences when there is no chain.
import { describe, expect, it } from 'vitest';
import { buildTrace, type TraceTarget } from '../../src/flux/trace.js';
import type { TraceOutcome } from '../../src/kube/port.js';
import { appRenderer, renderApp } from '../support/app.js';
import { FakePort } from '../support/fake-port.js';
import { KEYS, press, selectedLine, type, waitForFrame } from '../support/ink.js';
import { NOW, runbookRows } from '../support/runbook-rows.js';

const setup = appRenderer({ columns: 160, rows: 30 });
const REV = 'main@sha1:0123abcd';

const meta = (kind: string, apiVersion: string, namespace: string, name: string, extra = {}) => ({
  apiVersion,
  kind,
  metadata: { name, namespace, uid: `uid-${name}`, generation: 1, ...extra },
});

/** The api Deployment of the runbook stuck on a bad image under the Ready apps Kustomization. */
function apiTrace(): TraceOutcome {
  const deployment = {
    ...meta('Deployment', 'apps/v1', 'apps', 'api', {
      labels: {
        'kustomize.toolkit.fluxcd.io/name': 'apps',
        'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
      },
    }),
    spec: { replicas: 2 },
    status: {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 0,
      availableReplicas: 0,
      conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }],
    },
  };
  const ready = (message: string) => ({
    observedGeneration: 1,
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message,
        lastTransitionTime: '2026-01-01T11:00:00Z',
      },
    ],
  });
  const ks = {
    ...meta('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', 'flux-system', 'apps'),
    spec: { sourceRef: { kind: 'GitRepository', name: 'sre-platform' }, path: './apps' },
    status: { ...ready(`Applied revision: ${REV}`), lastAppliedRevision: REV },
  };
  const git = {
    ...meta('GitRepository', 'source.toolkit.fluxcd.io/v1', 'flux-system', 'sre-platform'),
    spec: { url: 'https://git.example.com/sre/platform.git' },
    status: { ...ready(`stored artifact for revision '${REV}'`), artifact: { revision: REV } },
  };
  return {
    ok: true,
    trace: buildTrace({
      chain: [
        {
          raw: deployment,
          cause: { reason: 'ImagePullBackOff', message: 'Back-off pulling image', pod: 'api-7d9f-x2' },
        },
      ],
      manager: { ref: { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }, raw: ks },
      sources: [{ ref: { kind: 'GitRepository', namespace: 'flux-system', name: 'sre-platform' }, raw: git }],
      now: NOW,
    }),
  };
}

class TracingPort extends FakePort {
  readonly traced: TraceTarget[] = [];
  answer: TraceOutcome = apiTrace();
  async trace(target: TraceTarget): Promise<TraceOutcome> {
    this.traced.push(target);
    return this.answer;
  }
}

async function command(stdin: { write: (s: string) => void }, text: string) {
  await press(stdin, ':');
  await type(stdin, text);
  await press(stdin, KEYS.enter);
}

describe(':trace', () => {
  it('shows the chain from the Deployment to its source, with readiness words and the revision line', async () => {
    const port = new TracingPort(runbookRows());
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'trace deployment/api -n apps');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Trace(Deployment apps/api)'));
    expect(port.traced).toEqual([{ kind: 'deployment', namespace: 'apps', name: 'api' }]);
    expect(frame).toMatch(/LINK\s+KIND\s+NAMESPACE\s+NAME\s+STATUS\s+REASON\s+REVISION\s+MESSAGE/);
    expect(frame).toContain(
      'managed by Kustomization flux-system/apps; not ready: Deployment apps/api InProgress (ImagePullBackOff)',
    );
    expect(frame).toContain(`applied ${REV}: the revision GitRepository flux-system/sre-platform has`);
    const lines = frame.split('\n');
    const row = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(frame).toMatch(
      /object\s+Deployment\s+apps\s+api\s+InProgress\s+ImagePullBackOff\s+Back-off pulling image \(pod api-7d9f-x2\)/,
    );
    expect(frame).toMatch(
      /applied by\s+Kustomization\s+flux-system\s+apps\s+Ready\s+ReconciliationSucceeded\s+main@sha1:0123abcd/,
    );
    expect(frame).toMatch(/source\s+GitRepository\s+flux-system\s+sre-platform\s+Ready/);
    // In chain order: the object, what applied it, its source.
    expect(row('object ')).toBeLessThan(row('applied by'));
    expect(row('applied by')).toBeLessThan(row('source  '));
  });

  it('follows the width policy: at 80 columns KIND is abbreviated and the identity columns stay', async () => {
    const port = new TracingPort(runbookRows());
    const { lastFrame, stdin, unmount } = renderApp(port, { columns: 80, rows: 24 }, { clock: () => NOW });
    try {
      await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
      await command(stdin, 'trace deployment/api -n apps');
      const frame = await waitForFrame(lastFrame, (f) => f.includes('Trace(Deployment apps/api)'));
      expect(frame).toMatch(/LINK\s+KIND\s+NAMESPACE\s+NAME\s+STATUS/);
      expect(frame).toMatch(/object\s+DEPLOY\s+apps\s+api\s+InProgress/);
      expect(frame).toMatch(/applied by\s+KS\s+flux-system\s+apps\s+Ready/);
      expect(frame).toMatch(/source\s+GIT\s+flux-system\s+sre-platform\s+Ready/);
    } finally {
      // Not the file's `setup` instance: unmounted here.
      unmount();
    }
  });

  it('enter on the Kustomization link opens its details; on the Deployment it says why not', async () => {
    const port = new TracingPort(runbookRows());
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'trace deploy api --namespace apps');
    await waitForFrame(
      lastFrame,
      (f) => f.includes('Trace(Deployment apps/api)') && f.includes('applied by'),
    );
    await press(stdin, KEYS.enter);
    await waitForFrame(lastFrame, (f) =>
      f.includes('Deployment api is not a Flux object: only the Flux links open details'),
    );
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => (selectedLine(f) ?? '').includes('applied by'));
    await press(stdin, KEYS.enter);
    await waitForFrame(
      lastFrame,
      (f) => f.includes('Kustomization/flux-system/apps') && f.includes('Overview'),
    );
    // Back to the trace, where it was.
    await press(stdin, KEYS.esc);
    await waitForFrame(lastFrame, (f) => f.includes('Trace(Deployment apps/api)'));
  });

  it('says why there is no chain: not found, a usage mistake', async () => {
    const port = new TracingPort(runbookRows());
    port.answer = { ok: false, reason: 'not-found', message: 'Deployment nope not found in namespace apps' };
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'trace deployment/nope -n apps');
    const frame = await waitForFrame(lastFrame, (f) =>
      f.includes('Deployment nope not found in namespace apps'),
    );
    expect(frame).toContain('Trace(deployment/nope -n apps)');
    expect(frame).not.toContain('LINK');
    await command(stdin, 'trace deployment');
    await waitForFrame(lastFrame, (f) =>
      f.includes('usage: :trace KIND/NAME [-n NAMESPACE] (or KIND NAME), e.g. trace deployment/api -n apps'),
    );
  });

  it('T traces the selected Flux object, and without -n the namespace shown', async () => {
    const port = new TracingPort(runbookRows());
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'ks');
    await waitForFrame(lastFrame, (f) => (selectedLine(f) ?? '').includes('apps'));
    await press(stdin, 'T');
    await waitForFrame(lastFrame, (f) => f.includes('Trace('), 3000);
    expect(port.traced).toEqual([{ kind: 'Kustomization', namespace: 'flux-system', name: 'apps' }]);
    await command(stdin, 'trace cm/settings');
    await waitForFrame(lastFrame, () => port.traced.length === 2);
    // All namespaces shown: kubectl's default namespace.
    expect(port.traced[1]).toEqual({ kind: 'cm', namespace: 'default', name: 'settings' });
  });

  it('reads the chain again when one of its Flux links changes in the live store, once', async () => {
    const port = new TracingPort(runbookRows());
    const { lastFrame, stdin } = setup(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    await command(stdin, 'trace deployment/api -n apps');
    await waitForFrame(lastFrame, (f) => f.includes('applied by'));
    expect(port.traced).toHaveLength(1);
    const apps = runbookRows().find((r) => r.key === 'Kustomization/flux-system/apps');
    if (!apps) throw new Error('no apps row');
    port.upsert({ ...apps, revision: 'main@sha1:4567cdef' });
    await waitForFrame(lastFrame, () => port.traced.length === 2);
    // An unrelated change does not cost a trace.
    const other = runbookRows().find((r) => r.key === 'HelmRelease/flux-system/istio-base');
    if (!other) throw new Error('no istio-base row');
    port.upsert({ ...other, revision: '9.9.9' });
    await press(stdin, 'j');
    await waitForFrame(lastFrame, (f) => (selectedLine(f) ?? '').includes('applied by'));
    expect(port.traced).toHaveLength(2);
  });
});
