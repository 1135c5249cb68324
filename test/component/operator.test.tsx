// The Flux Operator's kinds in the console (docs/flux-operator.md): the :operator view and its words, a
// failing ResourceSet in the Failing view, the FluxReport above the Controllers table, and `s` on a
// ResourceSet: a dialog with the flux-operator and kubectl lines, the annotation patched, audit logged.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import type { KindName } from '../../src/flux/kinds.js';
import { deriveRow } from '../../src/flux/status.js';
import { type ObjectRef, objectKey, type StatusRow } from '../../src/flux/types.js';
import { useActionAppProps, useActions } from '../../src/hooks/use-actions.js';
import type { ControllerPod, RawObject } from '../../src/kube/port.js';
import { appRenderer } from '../support/app.js';
import { FakePort } from '../support/fake-port.js';
import { KEYS, lineWith, press, type, waitForFrame } from '../support/ink.js';

const T0 = '2026-01-01T11:00:00Z';
const BUILD =
  'build failed: failed to build resources[1]: failed to execute template: template: resourceset:13:24: executing "resourceset" at <inputs.chartVersion>: map has no entry for key "chartVersion"';

function raw(
  kind: KindName,
  namespace: string,
  name: string,
  spec: object,
  status: object,
  annotations = {},
) {
  return {
    apiVersion: 'fluxcd.controlplane.io/v1',
    kind,
    metadata: { name, namespace, generation: 1, creationTimestamp: '2025-12-01T00:00:00Z', annotations },
    spec,
    status,
  };
}
const ready = (message: string) => [
  {
    type: 'Ready',
    status: 'True',
    reason: 'ReconciliationSucceeded',
    message,
    lastTransitionTime: T0,
    observedGeneration: 1,
  },
];

const OBJECTS: RawObject[] = [
  raw(
    'FluxInstance',
    'flux-system',
    'flux',
    { distribution: { version: '2.x', registry: 'ghcr.io/fluxcd' } },
    {
      conditions: ready('Reconciliation finished in 4s'),
      lastAppliedRevision: `v2.8.3@sha256:${'4c'.repeat(32)}`,
      inventory: { entries: [{ id: 'flux-system_source-controller_apps_Deployment', v: 'v1' }] },
    },
  ),
  raw(
    'FluxReport',
    'flux-system',
    'flux',
    {
      distribution: {
        entitlement: 'Issued by controlplane',
        status: 'Installed',
        version: 'v2.8.3',
        managedBy: 'flux-operator',
      },
      operator: { version: 'v0.58.1' },
      components: [
        {
          name: 'helm-controller',
          ready: true,
          status: 'Current',
          image: 'ghcr.io/fluxcd/helm-controller:v1.5.1',
        },
        {
          name: 'source-controller',
          ready: true,
          status: 'Current',
          image: 'ghcr.io/fluxcd/source-controller:v1.8.1',
        },
      ],
      reconcilers: [
        {
          apiVersion: 'fluxcd.controlplane.io/v1',
          kind: 'ResourceSet',
          stats: { running: 2, failing: 1, suspended: 0 },
        },
      ],
      sync: {
        id: 'kustomization/flux-system',
        ready: true,
        status: 'Applied revision: refs/heads/main@sha1:a90cd1ac',
      },
    },
    { conditions: [{ ...ready('Reporting finished in 212ms')[0], reason: 'Succeeded' }] },
  ),
  raw(
    'ResourceSet',
    'flux-system',
    'tenants',
    { inputs: [{ tenant: 'team-a' }, { tenant: 'team-b' }] },
    {
      conditions: ready('Reconciliation finished in 2s'),
      lastAppliedRevision: `sha256:${'1f'.repeat(32)}`,
      inventory: {
        entries: [
          { id: '_team-a__Namespace', v: 'v1' },
          { id: '_team-b__Namespace', v: 'v1' },
        ],
      },
    },
  ),
  raw(
    'ResourceSet',
    'preview',
    'preview-envs',
    { inputsFrom: [{ kind: 'ResourceSetInputProvider', name: 'storefront-prs' }] },
    {
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'BuildFailed',
          message: BUILD,
          lastTransitionTime: T0,
          observedGeneration: 1,
        },
        {
          type: 'Stalled',
          status: 'True',
          reason: 'BuildFailed',
          message: BUILD,
          lastTransitionTime: T0,
          observedGeneration: 1,
        },
      ],
    },
  ),
  raw(
    'ResourceSetInputProvider',
    'preview',
    'storefront-prs',
    { type: 'GitHubPullRequest', url: 'https://github.com/acme/storefront' },
    {
      conditions: ready('Reconciliation finished in 812ms'),
      exportedInputs: [{ id: '142' }, { id: '157' }],
      lastExportedRevision: `sha256:${'9a'.repeat(32)}`,
    },
  ),
];

function rowsOf(objects: readonly RawObject[]): StatusRow[] {
  return objects.flatMap((o) => deriveRow(o['kind'] as KindName, o, 0) ?? []);
}

/** Applies merge patches to its raw objects and answers requests the way flux-operator does. */
class OperatorPort extends FakePort {
  readonly patches: Record<string, unknown>[] = [];

  constructor() {
    super(rowsOf(OBJECTS), { context: 'prod-eu' });
    for (const o of OBJECTS) {
      const row = deriveRow(o['kind'] as KindName, o, 0);
      if (row) this.objects.set(row.key, o);
    }
  }

  override async mergePatch(
    ref?: ObjectRef,
    patch: Readonly<Record<string, unknown>> = {},
  ): Promise<RawObject> {
    if (!ref) throw new Error('mergePatch needs a ref');
    this.patches.push(patch);
    const current = this.objects.get(objectKey(ref)) ?? {};
    const meta = current['metadata'] as { annotations?: Record<string, string> };
    const annotations = { ...(meta.annotations ?? {}) };
    const changes =
      (patch['metadata'] as { annotations?: Record<string, string | null> } | undefined)?.annotations ?? {};
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) delete annotations[k];
      else annotations[k] = v;
    }
    const token = annotations['reconcile.fluxcd.io/requestedAt'];
    const status = { ...(current['status'] as object), ...(token ? { lastHandledReconcileAt: token } : {}) };
    const next = { ...current, metadata: { ...meta, annotations }, status };
    this.objects.set(objectKey(ref), next);
    const row = deriveRow(ref.kind, next, 0);
    if (row) this.upsert(row);
    return next;
  }
}

const wide = appRenderer({ columns: 200, rows: 40 });
const narrow = appRenderer({ columns: 80, rows: 24 });

async function command(stdin: { write: (s: string) => void }, text: string) {
  await press(stdin, ':');
  await type(stdin, text);
  await press(stdin, KEYS.enter);
}

describe('the Flux Operator view', () => {
  it(':operator lists every operator kind with VERSION, REVISION, RESOURCES, INPUTS and the status from conditions', async () => {
    const { lastFrame, stdin } = wide(new OperatorPort());
    await waitForFrame(lastFrame, (f) => f.includes('Failing('));
    await command(stdin, 'operator');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Flux Operator(all)'));
    // REVISION gives way first on a full table: cut in the middle, the version and the digest's tail stay.
    expect(lineWith(frame, 'FluxInstance')).toMatch(
      /flux-system\s+flux\s+2\.x\s+v2\.8\.3\S*4c\s+1\s+False\s+True\s+Ready/,
    );
    expect(lineWith(frame, 'preview-envs')).toMatch(
      /ResourceSet\s+preview\s+preview-envs\s+1 provider\s+False\s+False\s+Stalled\s+build failed/,
    );
    expect(lineWith(frame, 'tenants')).toMatch(/sha256\S*1f\s+2\s+2\s+False\s+True\s+Ready/);
    expect(lineWith(frame, 'storefront-prs')).toMatch(
      /ResourceSetInputProvider\s+preview\s+storefront-prs\s+sha256\S*9a\s+2\s+False/,
    );
    expect(lineWith(frame, 'FluxReport')).toMatch(
      /FluxReport\s+flux-system\s+flux\s+v2\.8\.3\s+False\s+True\s+Ready\s+Reporting finished in 212ms/,
    );
  });

  it(':rset narrows it to ResourceSets; :fi to the FluxInstance', async () => {
    const { lastFrame, stdin } = wide(new OperatorPort());
    await waitForFrame(lastFrame, (f) => f.includes('Failing('));
    await command(stdin, 'rset');
    const sets = await waitForFrame(lastFrame, (f) => f.includes('Flux Operator:ResourceSet(all)'));
    expect(sets).toContain('tenants');
    expect(sets).not.toContain('storefront-prs');
    await command(stdin, 'fi');
    const fi = await waitForFrame(lastFrame, (f) => f.includes('Flux Operator:FluxInstance(all)'));
    expect(fi).not.toContain('tenants');
  });

  it('t on a ResourceSet opens its tree, as on a Kustomization', async () => {
    const { lastFrame, stdin } = wide(new OperatorPort());
    await waitForFrame(lastFrame, (f) => f.includes('Failing('));
    await command(stdin, 'rset');
    await waitForFrame(lastFrame, (f) => f.includes('Flux Operator:ResourceSet(all)'));
    await press(stdin, 'j');
    await press(stdin, 't');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Tree(ResourceSet/flux-system/tenants)'));
    expect(frame).toMatch(/^> ResourceSet +flux-system +tenants +Ready/m);
    expect(frame).not.toContain('has no inventory');
  });

  it('the stalled ResourceSet is in the Failing view (RSET below 120 columns)', async () => {
    const { lastFrame } = narrow(new OperatorPort());
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Failing(all)'));
    expect(lineWith(frame, 'preview-envs')).toMatch(/^..RSET\s+preview\s+preview-envs\s+Stalled/);
    expect(frame).not.toContain('tenants');
  });

  it('the Controllers view opens with the FluxReport: distribution and sync, components, reconcilers', async () => {
    const port = new OperatorPort();
    const pod: ControllerPod = {
      name: 'flux-operator-7d9c5b8f6c-abcde',
      namespace: 'flux-system',
      controller: 'flux-operator',
      phase: 'Running',
      ready: true,
      restarts: 0,
      waitingReason: '',
      createdAt: '2025-12-01T00:00:00Z',
      image: 'ghcr.io/controlplaneio-fluxcd/flux-operator:v0.58.1',
      container: 'manager',
      resources: { requests: {}, limits: {} },
    };
    port.setPods([pod]);
    const { lastFrame, stdin } = wide(port);
    await waitForFrame(lastFrame, (f) => f.includes('Failing('));
    await command(stdin, 'ctrl');
    const frame = await waitForFrame(lastFrame, (f) => f.includes('Controllers(all)'));
    const lines = frame.split('\n');
    const at = lines.findIndex((l) => l.startsWith('report: '));
    expect(lines.slice(at, at + 3)).toEqual([
      expect.stringMatching(
        /^report: Flux v2\.8\.3 Installed, managed by flux-operator \(operator v0\.58\.1\); sync kustomization\/flux-system: ready\s*$/,
      ),
      expect.stringMatching(
        /^components: helm-controller v1\.5\.1 ready · source-controller v1\.8\.1 ready\s*$/,
      ),
      expect.stringMatching(
        /^reconcilers 1 failing, 0 suspended \(running\/failing\/suspended\): ResourceSet 2\/1\/0\s*$/,
      ),
    ]);
    expect(lines.findIndex((l) => l.startsWith('Controllers(all)'))).toBeGreaterThan(at);
    expect(lineWith(frame, 'flux-operator-7d9c5b8f6c-abcde')).toContain('flux-operator');
  });
});

describe('suspend on a ResourceSet', () => {
  let dir: string;
  let instance: ReturnType<typeof render> | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluxdeck-operator-'));
  });
  afterEach(async () => {
    instance?.unmount();
    await rm(dir, { recursive: true, force: true });
  });

  function Console({ port }: { port: OperatorPort }) {
    const actions = useActions({ port, readonly: false, audit: { path: join(dir, 'audit.log') } });
    const wired = useActionAppProps(actions, { color: false });
    return (
      <App
        port={port}
        demo={false}
        readonly={false}
        color={false}
        size={{ columns: 160, rows: 44 }}
        tickMs={0}
        clock={() => Date.parse('2026-01-01T12:00:00Z')}
        initialView="rset"
        {...wired}
      />
    );
  }

  it('s: the dialog shows the flux-operator and kubectl lines; y sets fluxcd.controlplane.io/reconcile=disabled and audits it', async () => {
    const port = new OperatorPort();
    instance = render(<Console port={port} />);
    const { stdin, lastFrame } = instance;
    await waitForFrame(
      lastFrame,
      (f) => f.includes('Flux Operator:ResourceSet(all)') && f.includes('tenants'),
    );
    // preview-envs (Stalled) sorts first; the second row is tenants.
    await press(stdin, 'j');
    await press(stdin, 's');
    const dialog = await waitForFrame(lastFrame, (f) => f.includes('Proceed?'));
    expect(dialog).toContain('Suspend ResourceSet flux-system/tenants');
    expect(dialog).toContain(
      'Set the annotation fluxcd.controlplane.io/reconcile=disabled on ResourceSet flux-system/tenants',
    );
    expect(dialog).toContain('$ flux-operator suspend rset tenants -n flux-system --kube-context prod-eu');
    expect(dialog).toMatch(
      /\$ kubectl annotate resourceset tenants fluxcd\.controlplane\.io\/reconcile=disabled fluxcd\.controlplane\.io\/suspendedBy=tester/,
    );
    await press(stdin, 'y');
    const done = await waitForFrame(lastFrame, (f) =>
      f.includes('ResourceSet flux-system/tenants is suspended.'),
    );
    expect(done).not.toContain('Proceed?');
    expect(port.patches).toEqual([
      {
        metadata: {
          annotations: {
            'fluxcd.controlplane.io/suspendedBy': 'tester',
            'fluxcd.controlplane.io/reconcile': 'disabled',
          },
        },
      },
    ]);
    const audit = (await readFile(join(dir, 'audit.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audit.map((a) => [a['phase'], a['action'], a['outcome']])).toEqual([
      ['intent', 'suspend', 'confirmed'],
      ['outcome', 'suspend', 'succeeded'],
    ]);
    expect((audit[0]?.['commands'] as string[] | undefined)?.[0]).toBe(
      'flux-operator suspend rset tenants -n flux-system --kube-context prod-eu',
    );
  });
});
