// A user bound to one namespace, whose context names it: the console starts there (and says why) instead of
// showing every kind forbidden and `0 of 0`; -A still means all namespaces.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createClusterPort } from '../../src/kube/cluster.js';
import type { ClusterPort } from '../../src/kube/port.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, seed, waitForSnapshot } from './kube-helpers.js';

let sim: SimHandle | undefined;
let port: ClusterPort | undefined;

afterEach(async () => {
  await port?.close();
  port = undefined;
  await sim?.stop();
  sim = undefined;
});

function withContextNamespace(kubeconfig: string, namespace: string): string {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as { contexts: { context: Record<string, unknown> }[] };
  const context = doc.contexts[0]?.context;
  if (!context) throw new Error('no context');
  context['namespace'] = namespace;
  const path = join(mkdtempSync(join(tmpdir(), 'fluxdeck-ns-')), 'kubeconfig');
  writeFileSync(path, stringify(doc));
  return path;
}

describe("the context's namespace as a fallback", () => {
  it('starts in it when Flux objects may not be listed cluster-wide, and says why', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'Kustomization', 'apps', 'web');
    seed(sim, 'Kustomization', 'flux-system', 'infra');
    sim.faults.deny({ resource: 'kustomizations', exceptNamespace: 'apps' });
    const path = withContextNamespace(sim.kubeconfigPath, 'apps');
    port = await createClusterPort({ kubeconfigPath: path, env: isolatedEnv(), kinds: ['Kustomization'] });
    expect(port.info.namespace).toBe('apps');
    expect(port.info.namespaceNote).toContain('forbidden');
    const snap = await waitForSnapshot(
      port,
      'the apps Kustomization',
      (s) => s.kinds.get('Kustomization')?.rows.has('Kustomization/apps/web') === true,
    );
    expect(snap.kinds.get('Kustomization')?.state.phase).toBe('ready');
  });

  it('keeps all namespaces when the user may list cluster-wide, or asked for -A', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const path = withContextNamespace(sim.kubeconfigPath, 'apps');
    port = await createClusterPort({ kubeconfigPath: path, env: isolatedEnv(), kinds: ['Kustomization'] });
    expect(port.info.namespace).toBeUndefined();
    await port.close();
    sim.faults.deny({ resource: 'kustomizations', exceptNamespace: 'apps' });
    port = await createClusterPort({
      kubeconfigPath: path,
      env: isolatedEnv(),
      kinds: ['Kustomization'],
      allNamespaces: true,
    });
    expect(port.info.namespace).toBeUndefined();
  });
});
