// startSim: the simulated Flux cluster in-process — store, clock, pod logs, the HTTPS Kubernetes API on
// 127.0.0.1, a kubeconfig for it, the seeded scenario and the simulated controllers.

import { join } from 'node:path';
import { FLUX_SYSTEM_NAMESPACE } from '../flux/kinds.js';
import type { ApiContext } from './api/context.js';
import { type ApiServer, startApiServer } from './api/server.js';
import { WatchHub } from './api/watch-hub.js';
import { startChurn } from './churn.js';
import { createRealClock, createVirtualClock } from './clock.js';
import { startControllers } from './controllers/index.js';
import { createFaults, FaultState, type SimFaults } from './faults.js';
import { newToken, SIM_NAME, SIM_USER, writeKubeconfig } from './kubeconfig.js';
import { MemoryPodLogs } from './pod-logs.js';
import { mulberry32, seededUuid } from './random.js';
import { CORE_RESOURCES, ResourceRegistry } from './resources.js';
import {
  applyFluxControllersMode,
  type FluxControllersMode,
  removeFluxController,
  scaleFluxController,
} from './scenario/controller-scale.js';
import { seedScenario } from './scenario/index.js';
import { loadSimIdentity, saveSimIdentity } from './state-dir.js';
import { MemoryStore } from './store.js';
import { generateTls } from './tls.js';
import type {
  FluxVersionProfile,
  PodLogs,
  ScenarioName,
  SimClock,
  SimContext,
  SimControllers,
  SimStore,
} from './types.js';

export type {
  DenyRule,
  FaultRequest,
  RequestRecord,
  ServerErrorRule,
  SimFaults,
  WriteRejectionRule,
} from './faults.js';

export interface SimOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Default 'runbook'. */
  scenario?: ScenarioName;
  /** Extra healthy objects, default 0. */
  objects?: number;
  /** A Ready Kustomization flux-system/big-inventory that applied this many objects (the bench), default 0. */
  inventory?: number;
  /** Default 1. */
  seed?: number;
  /** Default 'real'. */
  clock?: 'real' | 'virtual';
  /** Default 'current'. */
  fluxVersions?: FluxVersionProfile;
  /** Default: <stateDir>/kubeconfig with a state directory, else <fresh temp dir>/kubeconfig. */
  kubeconfigOut?: string;
  /**
   * Keep the CA, serving certificate and key, token and port here (0600 files) and reuse them on the next
   * start: a restarted simulator is then the same cluster to a console holding its kubeconfig.
   */
  stateDir?: string;
  /** Default true. */
  controllers?: boolean;
  /**
   * The Flux controllers' Deployments: 'running' (default), 'absent' (none installed) or 'scaled-to-zero'
   * (installed, spec.replicas 0). With either of the last two nothing answers a reconcile request.
   */
  fluxControllers?: FluxControllersMode;
  /**
   * After faults.restart(), how long (clock ms) the CRD groups stay unregistered: a real API server answers
   * before its apiextensions controllers have registered them again. Default 3000.
   */
  crdRegistrationLagMs?: number;
  /** Benchmarks: keep changing objects and writing controller log lines (src/sim/churn.ts). Default off. */
  churn?: { objectsPerSecond: number; logLinesPerSecond: number };
}

export interface SimHandle {
  /** https://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly kubeconfigPath: string;
  /** 'fluxdeck-sim' */
  readonly contextName: string;
  readonly caPem: string;
  readonly store: SimStore;
  readonly clock: SimClock;
  readonly logs: PodLogs;
  readonly faults: SimFaults;
  readonly controllers: SimControllers | undefined;
  /** The Flux controllers' Deployments, as `kubectl scale` and `kubectl delete` change them. */
  readonly fluxSystem: {
    scale(controller: string, replicas: number): void;
    remove(controller: string): void;
  };
  /** Closes every socket and watch, stops the controllers, removes the temp dir it created. */
  stop(): Promise<void>;
}

/** A few seconds, as a real API server after a restart (docs/simulator.md). */
export const DEFAULT_CRD_REGISTRATION_LAG_MS = 3000;

/** Namespaces every cluster has, plus flux-system where the controllers live. */
const BASE_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', FLUX_SYSTEM_NAMESPACE];

/** Every namespace in use gets its Namespace object, as on a real cluster (seeders need not care). */
function ensureNamespaces(store: MemoryStore, registry: ResourceRegistry): void {
  const wanted = new Set(BASE_NAMESPACES);
  for (const def of registry.served()) {
    if (!def.namespaced) continue;
    for (const object of store.peekList(def.id)) {
      if (object.metadata.namespace) wanted.add(object.metadata.namespace);
    }
  }
  for (const name of [...wanted].sort()) {
    if (store.peek(CORE_RESOURCES.namespaces, undefined, name)) continue;
    store.create(CORE_RESOURCES.namespaces, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
}

export async function startSim(options: SimOptions = {}): Promise<SimHandle> {
  const seed = options.seed ?? 1;
  const fluxVersions = options.fluxVersions ?? 'current';
  const clock = options.clock === 'virtual' ? createVirtualClock() : createRealClock();
  const random = mulberry32(seed);
  const uidRandom = mulberry32(seed ^ 0x5bd1e995);
  const store = new MemoryStore(clock, { uid: () => seededUuid(uidRandom) });
  const logs = new MemoryPodLogs(clock);
  const registry = new ResourceRegistry(fluxVersions);
  const context: SimContext = { store, clock, logs, random, fluxVersions };

  seedScenario(context, {
    scenario: options.scenario ?? 'runbook',
    objects: options.objects ?? 0,
    ...(options.inventory ? { inventory: options.inventory } : {}),
  });
  applyFluxControllersMode(context, options.fluxControllers ?? 'running');
  ensureNamespaces(store, registry);
  // A deleted pod's logs go with it (and its followers' streams end).
  const forgetDeletedPods = store.subscribeRaw((event) => {
    if (event.type !== 'DELETED' || event.resource !== CORE_RESOURCES.pods) return;
    logs.forgetPod(event.object.metadata.namespace ?? '', event.object.metadata.name);
  });

  const kept = options.stateDir === undefined ? undefined : await loadSimIdentity(options.stateDir);
  const tls = kept?.tls ?? (await generateTls());
  const token = kept?.token ?? newToken();
  const faultState = new FaultState();
  const watches = new WatchHub();
  const ctx: ApiContext = {
    store,
    registry,
    clock,
    logs,
    faults: faultState,
    watches,
    random: mulberry32(seed ^ 0x27d4eb2f),
    user: SIM_USER,
  };
  let server: ApiServer;
  try {
    server = await startApiServer({
      ctx,
      port: options.port ?? kept?.port ?? 0,
      certPem: tls.certPem,
      keyPem: tls.keyPem,
      token,
    });
  } catch (error) {
    forgetDeletedPods();
    throw error;
  }
  let kubeconfig: Awaited<ReturnType<typeof writeKubeconfig>>;
  try {
    if (options.stateDir !== undefined) {
      await saveSimIdentity(options.stateDir, { tls, token, port: server.port });
    }
    const out =
      options.kubeconfigOut ??
      (options.stateDir === undefined ? undefined : join(options.stateDir, 'kubeconfig'));
    kubeconfig = await writeKubeconfig({ server: server.url, caPem: tls.caPem, token }, out);
  } catch (error) {
    await server.stop();
    forgetDeletedPods();
    throw error;
  }
  const faults = createFaults(faultState, {
    registry,
    watches,
    clock,
    crdLagMs: options.crdRegistrationLagMs ?? DEFAULT_CRD_REGISTRATION_LAG_MS,
    goAway: () => server.goAway(),
    comeBack: () => server.comeBack(),
    get away() {
      return server.away;
    },
  });
  // Started again from a state directory: this is an API server restart, CRD registration lag included.
  if (kept) faults.unregisterCrdsFor(options.crdRegistrationLagMs ?? DEFAULT_CRD_REGISTRATION_LAG_MS);
  const controllers = options.controllers === false ? undefined : startControllers(context);
  const churn = options.churn ? startChurn(context, options.churn) : undefined;

  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    kubeconfigPath: kubeconfig.path,
    contextName: SIM_NAME,
    caPem: tls.caPem,
    store,
    clock,
    logs,
    faults,
    controllers,
    fluxSystem: {
      scale: (controller, replicas) => scaleFluxController(context, controller, replicas),
      remove: (controller) => removeFluxController(context, controller),
    },
    stop() {
      stopping ??= (async () => {
        churn?.stop();
        controllers?.stop();
        await server.stop();
        forgetDeletedPods();
        await kubeconfig.cleanup();
      })();
      return stopping;
    },
  };
}
