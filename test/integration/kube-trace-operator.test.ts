// `trace` on the simulator's `operator` scenario, where the Flux Operator applied what Flux did not: a
// tenant's ConfigMap walks up to the ResourceSet that stamped it, the sync Kustomization that applied that
// ResourceSet from Git, the FluxInstance that applied the Kustomization, and the instance's sync source; a
// Flux controller leads to the FluxInstance directly. Labels that loop, or go on and on, end the walk.
import { describe, expect, it } from 'vitest';
import { runTraceCommand } from '../../src/commands/trace-command.js';
import { kindInfo } from '../../src/flux/kinds.js';
import type { TraceOutcome } from '../../src/kube/port.js';
import { CORE_RESOURCES, resourceIdOf } from '../../src/sim/resources.js';
import { capturedIo, isolatedEnv, simPortFixture } from './kube-helpers.js';

const fixture = simPortFixture('operator');

async function trace(kind: string, namespace: string, name: string) {
  return (await fixture.port().trace?.({ kind, namespace, name })) as TraceOutcome;
}

const rows = (o: TraceOutcome) =>
  o.ok ? o.trace.links.map((l) => `${l.role} ${l.kind} ${l.namespace}/${l.name} ${l.status}`) : [o.message];

const RESOURCE_SETS = resourceIdOf(kindInfo('ResourceSet'));

/** An object the sim holds in flux-system, labelled as applied by the ResourceSet `appliedBy`. */
function appliedBy(kind: 'ResourceSet' | 'ConfigMap', name: string, appliedBy: string) {
  const metadata = {
    name,
    namespace: 'flux-system',
    labels: {
      'resourceset.fluxcd.controlplane.io/name': appliedBy,
      'resourceset.fluxcd.controlplane.io/namespace': 'flux-system',
    },
  };
  if (kind === 'ConfigMap')
    fixture.sim().store.create(CORE_RESOURCES.configmaps, { apiVersion: 'v1', kind, metadata, data: {} });
  else
    fixture.sim().store.create(RESOURCE_SETS, {
      apiVersion: 'fluxcd.controlplane.io/v1',
      kind,
      metadata,
      spec: { resources: [] },
    });
}

describe('trace through the Flux Operator', () => {
  it('walks a tenant ConfigMap up to its ResourceSet, the Kustomization, the FluxInstance and the sync source', async () => {
    const outcome = await trace('cm', 'team-a', 'tenant-settings');
    expect(rows(outcome)).toEqual([
      'object ConfigMap team-a/tenant-settings Current',
      'manager ResourceSet flux-system/tenants Ready',
      'manager Kustomization flux-system/flux-system Ready',
      'manager FluxInstance flux-system/flux Ready',
      'source GitRepository flux-system/flux-system Ready',
    ]);
    if (!outcome.ok) return;
    expect(outcome.trace.verdict.text).toBe(
      'managed by ResourceSet flux-system/tenants: every link is ready',
    );
    expect(outcome.trace.revision?.text).toMatch(/^applied sha256:[0-9a-f]{64}$/);
  });

  it('leads a Flux controller to the FluxInstance that installed it, and on to its sync source', async () => {
    expect(rows(await trace('deploy', 'flux-system', 'source-controller'))).toEqual([
      'object Deployment flux-system/source-controller Current',
      'manager FluxInstance flux-system/flux Ready',
      'source GitRepository flux-system/flux-system Ready',
    ]);
  });

  it('ends the walk at labels that loop, and after four appliers above the first', async () => {
    appliedBy('ResourceSet', 'loop-a', 'loop-b');
    appliedBy('ResourceSet', 'loop-b', 'loop-a');
    appliedBy('ConfigMap', 'looped', 'loop-a');
    expect(rows(await trace('cm', 'flux-system', 'looped'))).toEqual([
      'object ConfigMap flux-system/looped Current',
      'manager ResourceSet flux-system/loop-a Pending',
      'manager ResourceSet flux-system/loop-b Pending',
    ]);
    for (let i = 1; i <= 7; i++) appliedBy('ResourceSet', `step-${i}`, `step-${i + 1}`);
    appliedBy('ConfigMap', 'deep', 'step-1');
    const deep = rows(await trace('cm', 'flux-system', 'deep'));
    expect(deep.slice(1).map((l) => l.split(' ')[2])).toEqual([
      'flux-system/step-1',
      'flux-system/step-2',
      'flux-system/step-3',
      'flux-system/step-4',
      'flux-system/step-5',
    ]);
  });

  it('fluxdeck trace prints the appliers upward as Applied by blocks', async () => {
    const io = capturedIo();
    const code = await runTraceCommand(
      ['--kubeconfig', fixture.sim().kubeconfigPath, 'configmap/tenant-settings', '-n', 'team-b'],
      { stdout: io.stdout, stderr: io.stderr, env: isolatedEnv(), now: () => fixture.sim().clock.now() },
    );
    const { stdout, stderr } = io.text();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const heads = stdout
      .split('\n---\n')
      .slice(1)
      .map((b) => b.split('\n')[0]);
    expect(heads).toEqual([
      'Object:     ConfigMap/tenant-settings',
      'Applied by: ResourceSet/tenants',
      'Applied by: Kustomization/flux-system',
      'Applied by: FluxInstance/flux',
      'Source:     GitRepository/flux-system',
    ]);
  });
});
