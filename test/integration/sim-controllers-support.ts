// Shared by the simulated-controller integration tests: a runbook sim on a virtual clock, read and patched
// through its HTTPS API with @kubernetes/client-node as the console does.
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { type KindName, kindInfo } from '../../src/flux/kinds.js';
import { field } from '../../src/flux/narrow.js';
import type { SimControllersWithFaults } from '../../src/sim/controllers/index.js';
import { decodeReleaseSecret } from '../../src/sim/helm-storage.js';
import { type SimHandle, type SimOptions, startSim } from '../../src/sim/index.js';
import { raw } from './sim-api-helpers.js';

export interface TestCluster {
  readonly sim: SimHandle;
  readonly kc: KubeConfig;
  readonly core: CoreV1Api;
  readonly custom: CustomObjectsApi;
  readonly controllers: SimControllersWithFaults;
}

export async function startRunbook(options: SimOptions = {}): Promise<TestCluster> {
  const sim = await startSim({ clock: 'virtual', scenario: 'runbook', ...options });
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  if (!sim.controllers) throw new Error('controllers did not start');
  return {
    sim,
    kc,
    core: kc.makeApiClient(CoreV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    controllers: sim.controllers as SimControllersWithFaults,
  };
}

export type Obj = Record<string, unknown>;

function path(kind: KindName, namespace: string, name: string): string {
  const info = kindInfo(kind);
  return `/apis/${info.group}/${info.versions[0]}/namespaces/${namespace}/${info.plural}/${name}`;
}

export async function getFlux(t: TestCluster, kind: KindName, namespace: string, name: string): Promise<Obj> {
  const info = kindInfo(kind);
  return (await t.custom.getNamespacedCustomObject({
    group: info.group,
    version: info.versions[0] ?? 'v1',
    namespace,
    plural: info.plural,
    name,
  })) as Obj;
}

/** A JSON merge patch, as the flux CLI and the console send. */
export async function patchFlux(
  t: TestCluster,
  kind: KindName,
  namespace: string,
  name: string,
  patch: Obj,
): Promise<Obj> {
  const res = await raw(t.kc, 'PATCH', path(kind, namespace, name), {
    body: patch,
    contentType: 'application/merge-patch+json',
  });
  if (res.status !== 200) throw new Error(`PATCH ${kind} ${namespace}/${name}: ${res.status} ${res.text}`);
  return res.json();
}

let tokens = 0;

/**
 * `flux reconcile` (docs/reconcile-protocol.md): requestedAt, plus resetAt/forceAt with the same token for
 * HelmReleases.
 */
export async function requestReconcile(
  t: TestCluster,
  kind: KindName,
  namespace: string,
  name: string,
  extra: { reset?: boolean; force?: boolean; spec?: Obj } = {},
): Promise<string> {
  tokens += 1;
  const token = `${new Date(t.sim.clock.now()).toISOString().replace('Z', '')}${String(tokens).padStart(6, '0')}Z`;
  const annotations: Obj = { 'reconcile.fluxcd.io/requestedAt': token };
  if (extra.reset) annotations['reconcile.fluxcd.io/resetAt'] = token;
  if (extra.force) annotations['reconcile.fluxcd.io/forceAt'] = token;
  await patchFlux(t, kind, namespace, name, {
    metadata: { annotations },
    ...(extra.spec ? { spec: extra.spec } : {}),
  });
  return token;
}

/** Lets the controllers finish what was asked (virtual time moves on; periodic work further out is left). */
export async function settle(t: TestCluster, withinMs = 5000): Promise<void> {
  await t.controllers.idle(withinMs);
}

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration: number;
}

export function conditionOf(obj: unknown, type: string): Condition | undefined {
  const list = field(obj, 'status', 'conditions');
  return Array.isArray(list) ? (list as Condition[]).find((c) => c.type === type) : undefined;
}

export interface Revision {
  readonly version: number;
  readonly status: string;
  readonly chart: string;
  readonly description: string;
}

/** Helm's storage for a release, read through the API as `helm history` would. */
export async function helmRevisions(t: TestCluster, namespace: string, release: string): Promise<Revision[]> {
  const list = await t.core.listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${release}` });
  return list.items
    .flatMap((s) => {
      const r = decodeReleaseSecret(s);
      return r
        ? [
            {
              version: r.version,
              status: r.info.status,
              chart: `${r.chart.metadata.name}-${r.chart.metadata.version}`,
              description: r.info.description,
            },
          ]
        : [];
    })
    .sort((a, b) => a.version - b.version);
}

/** The controller pod's `manager` log through the API (as `kubectl logs`), one string per line. */
export async function controllerLog(t: TestCluster, controller: string, previous = false): Promise<string[]> {
  const pods = await t.core.listNamespacedPod({
    namespace: 'flux-system',
    labelSelector: `app=${controller}`,
  });
  const pod = pods.items.find((p) => !p.metadata?.deletionTimestamp)?.metadata?.name ?? '';
  const text = await t.core.readNamespacedPodLog({
    name: pod,
    namespace: 'flux-system',
    container: 'manager',
    previous,
  });
  return String(text)
    .split('\n')
    .filter((l) => l !== '');
}
