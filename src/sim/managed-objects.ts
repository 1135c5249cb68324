// The objects a Kustomization or HelmRelease applied, as they would exist in a real cluster: created from
// the inventory entries (`<ns>_<name>_<group>_<kind>`, docs/inventory.md), labelled as kustomize-controller
// (`kustomize.toolkit.fluxcd.io/name|namespace`) or helm-controller's post-renderer
// (`helm.toolkit.fluxcd.io/name|namespace`, plus Helm's own `app.kubernetes.io/managed-by: Helm` and
// `meta.helm.sh/release-*` annotations) labels them, and with the status the built-in controllers would
// write: Deployment → ReplicaSet → Pods by owner references, replica counts and conditions, pod phase and
// container states. Pods carry only the template's labels, as in a cluster; `flux trace` walks owners.
// The Flux Operator's appliers (FluxInstance, ResourceSet) label with their own owner labels and, applying
// server-side, take over what already exists: the Flux controllers seeded before the instance, a namespace
// created before a ResourceSet listed it.
import { parseInventoryId } from '../flux/inventory.js';
import { FLUX_DISTRIBUTION_VERSION } from './controllers/catalog.js';
import { hashHex, randomHex, randomK8sSuffix } from './controllers/ids.js';
import { mulberry32, seededUuid } from './random.js';
import { CORE_RESOURCES } from './resources.js';
import type { ResourceId, SimContext, SimObject } from './types.js';

export interface Manager {
  readonly kind: 'Kustomization' | 'HelmRelease' | 'FluxInstance' | 'ResourceSet';
  readonly namespace: string;
  readonly name: string;
}

/** How a managed Deployment's pods are doing. */
export type WorkloadHealth =
  | { readonly state: 'running' }
  | { readonly state: 'image-pull-backoff'; readonly image: string; readonly since: number }
  | { readonly state: 'crash-loop'; readonly restarts: number; readonly since: number };

export interface ManagedOptions {
  /** When the objects were applied (ms). */
  readonly at: number;
  /** Deployments (`namespace/name`) whose pods are not running; the others run. */
  readonly health?: ReadonlyMap<string, WorkloadHealth>;
  readonly replicas?: number;
}

const RESOURCE_OF_KIND: Readonly<Record<string, ResourceId>> = {
  '/ConfigMap': CORE_RESOURCES.configmaps,
  '/Secret': CORE_RESOURCES.secrets,
  '/Service': CORE_RESOURCES.services,
  '/ServiceAccount': CORE_RESOURCES.serviceaccounts,
  'apps/Deployment': CORE_RESOURCES.deployments,
  'apps/DaemonSet': CORE_RESOURCES.daemonsets,
};

const ENABLED = new WeakSet<SimContext['store']>();

/**
 * Makes the simulated controllers create what they apply in this cluster. Off by default: the scale
 * scenario's thousands of Flux objects stay cheap; the runbook scenario turns it on.
 */
export function enableManagedObjects(ctx: SimContext): void {
  ENABLED.add(ctx.store);
}

/** Whether the controllers create what they apply here (inventories list workloads only then). */
export function managedObjectsEnabled(ctx: SimContext): boolean {
  return ENABLED.has(ctx.store);
}

/** What a controller calls after a successful apply: creates the entries' objects when enabled. */
export function applyIfEnabled(ctx: SimContext, manager: Manager, ids: readonly string[], at: number): void {
  if (ENABLED.has(ctx.store)) applyManagedObjects(ctx, manager, ids, { at });
}

const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

const isOperator = (manager: Manager) => manager.kind === 'ResourceSet' || manager.kind === 'FluxInstance';

/**
 * What a FluxInstance puts on everything it applies (the controllers, the namespace, the sync source and
 * Kustomization): its owner labels (fluxinstance_controller.go, ssa.Owner group `fluxcd.controlplane.io`,
 * fluxcd/pkg ssa SetOwnerLabels) and the kustomize LabelTransformer of its build (internal/builder/
 * templates.go, labelsTmpl) — `app.kubernetes.io/managed-by: flux-operator`, which `flux-operator trace`
 * and its web UI read to name the instance.
 */
export function fluxInstanceLabels(
  instance: { readonly name: string; readonly namespace: string },
  version: string,
): Record<string, string> {
  return {
    'app.kubernetes.io/instance': instance.namespace,
    'app.kubernetes.io/managed-by': 'flux-operator',
    'app.kubernetes.io/part-of': 'flux',
    'app.kubernetes.io/version': version,
    'fluxcd.controlplane.io/name': instance.name,
    'fluxcd.controlplane.io/namespace': instance.namespace,
  };
}

/**
 * The Flux Operator's labels on what it applies: a ResourceSet's owner labels only
 * (`resourceset.fluxcd.controlplane.io/name|namespace`, flux-operator api/v1/resourceset_types.go), a
 * FluxInstance's fluxInstanceLabels.
 */
function operatorLabels(ctx: SimContext, manager: Manager): Record<string, string> {
  if (manager.kind === 'FluxInstance')
    return fluxInstanceLabels(manager, FLUX_DISTRIBUTION_VERSION[ctx.fluxVersions]);
  const prefix = 'resourceset.fluxcd.controlplane.io';
  return { [`${prefix}/name`]: manager.name, [`${prefix}/namespace`]: manager.namespace };
}

/** An operator's server-side apply of an object that exists: its owner labels added, nothing else moved. */
function adopt(
  ctx: SimContext,
  resource: ResourceId,
  namespace: string | undefined,
  name: string,
  manager: Manager,
) {
  const wanted = operatorLabels(ctx, manager);
  const current = ctx.store.get(resource, namespace, name)?.metadata.labels ?? {};
  if (Object.entries(wanted).every(([k, v]) => current[k] === v)) return;
  ctx.store.mutate(resource, namespace, name, (o) => {
    o.metadata.labels = { ...o.metadata.labels, ...wanted };
  });
}

function managerLabels(ctx: SimContext, manager: Manager, app: string): Record<string, string> {
  if (isOperator(manager)) return { app, ...operatorLabels(ctx, manager) };
  if (manager.kind === 'Kustomization') {
    return {
      app,
      'kustomize.toolkit.fluxcd.io/name': manager.name,
      'kustomize.toolkit.fluxcd.io/namespace': manager.namespace,
    };
  }
  return {
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/instance': manager.name,
    'app.kubernetes.io/managed-by': 'Helm',
    'helm.toolkit.fluxcd.io/name': manager.name,
    'helm.toolkit.fluxcd.io/namespace': manager.namespace,
  };
}

function managerAnnotations(manager: Manager, releaseNamespace: string): Record<string, string> {
  return manager.kind === 'HelmRelease'
    ? { 'meta.helm.sh/release-name': manager.name, 'meta.helm.sh/release-namespace': releaseNamespace }
    : {};
}

/**
 * Creates the built-in objects of the entries that do not exist yet (Namespaces, ConfigMaps, Secrets,
 * Services, ServiceAccounts, Deployments with their ReplicaSet and Pods). Flux objects in an inventory are
 * seeded on their own; kinds the simulator does not serve are left out (they read as not found).
 */
export function applyManagedObjects(
  ctx: SimContext,
  manager: Manager,
  ids: readonly string[],
  options: ManagedOptions,
): void {
  for (const id of ids) {
    const entry = parseInventoryId(id);
    if (!entry) continue;
    // Own randomness per object, so these objects leave the cluster's seeded sequences (names, uids,
    // timings of everything else) as they were.
    const random = mulberry32(
      Number.parseInt(hashHex(manager.kind, manager.namespace, manager.name, id).slice(0, 8), 16),
    );
    const local: SimContext = { ...ctx, random };
    if (entry.group === '' && entry.kind === 'Namespace') {
      ensureNamespace(local, entry.name, options.at);
      if (isOperator(manager)) adopt(ctx, CORE_RESOURCES.namespaces, undefined, entry.name, manager);
      continue;
    }
    const resource = RESOURCE_OF_KIND[`${entry.group}/${entry.kind}`];
    if (!resource || !entry.namespace) continue;
    if (ctx.store.get(resource, entry.namespace, entry.name)) {
      if (isOperator(manager)) adopt(ctx, resource, entry.namespace, entry.name, manager);
      continue;
    }
    ensureNamespace(local, entry.namespace, options.at);
    const metadata = {
      uid: seededUuid(random),
      name: entry.name,
      namespace: entry.namespace,
      creationTimestamp: iso(options.at),
      labels: managerLabels(ctx, manager, entry.name),
      annotations: managerAnnotations(manager, entry.namespace),
    };
    if (entry.kind === 'Deployment') {
      const health = options.health?.get(`${entry.namespace}/${entry.name}`) ?? { state: 'running' };
      createDeployment(local, metadata, health, options);
      continue;
    }
    ctx.store.create(resource, simpleObject(local, entry.kind, metadata));
  }
}

function ensureNamespace(ctx: SimContext, name: string, at: number): void {
  if (ctx.store.get(CORE_RESOURCES.namespaces, undefined, name)) return;
  ctx.store.create(CORE_RESOURCES.namespaces, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      uid: seededUuid(ctx.random),
      name,
      creationTimestamp: iso(at),
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });
}

type Meta = {
  uid: string;
  name: string;
  namespace: string;
  creationTimestamp: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};

function simpleObject(ctx: SimContext, kind: string, metadata: Meta) {
  const base = { apiVersion: 'v1', kind, metadata };
  switch (kind) {
    case 'Service':
      return {
        ...base,
        spec: {
          type: 'ClusterIP',
          clusterIP: `10.96.${Math.floor(ctx.random() * 250)}.${1 + Math.floor(ctx.random() * 250)}`,
          ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
          selector: { app: metadata.name },
        },
        status: { loadBalancer: {} },
      };
    case 'ConfigMap':
      return { ...base, data: { LOG_LEVEL: 'info' } };
    case 'Secret':
      return { ...base, type: 'Opaque', data: {} };
    case 'DaemonSet':
      return {
        ...base,
        apiVersion: 'apps/v1',
        spec: {
          selector: { matchLabels: { app: metadata.name } },
          template: { metadata: { labels: { app: metadata.name } } },
        },
        // Pods of DaemonSets are not simulated; the counts say all three nodes run one.
        status: {
          observedGeneration: 1,
          currentNumberScheduled: 3,
          desiredNumberScheduled: 3,
          numberAvailable: 3,
          numberMisscheduled: 0,
          numberReady: 3,
          updatedNumberScheduled: 3,
        },
      };
    default:
      return base;
  }
}

function imageOf(name: string, health: WorkloadHealth): string {
  return health.state === 'image-pull-backoff' ? health.image : `ghcr.io/acme/${name}:1.0.0`;
}

function createDeployment(ctx: SimContext, metadata: Meta, health: WorkloadHealth, options: ManagedOptions) {
  const { store } = ctx;
  const replicas = options.replicas ?? 1;
  const name = metadata.name;
  const image = imageOf(name, health);
  const hash = randomK8sSuffix(ctx.random, 10);
  const podLabels = { app: name, 'pod-template-hash': hash };
  const ready = health.state === 'running' ? replicas : 0;
  const rolledAt = health.state === 'image-pull-backoff' ? health.since : options.at;
  const deployment = store.create(CORE_RESOURCES.deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...metadata,
      annotations: { ...metadata.annotations, 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image, ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
    },
    status: deploymentStatus(`${name}-${hash}`, replicas, ready, health, rolledAt),
  });
  const replicaSet = store.create(CORE_RESOURCES.replicasets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      uid: seededUuid(ctx.random),
      name: `${name}-${hash}`,
      namespace: metadata.namespace,
      creationTimestamp: iso(rolledAt),
      labels: podLabels,
      annotations: {
        'deployment.kubernetes.io/revision': '1',
        'deployment.kubernetes.io/desired-replicas': String(replicas),
      },
      ownerReferences: [owner('Deployment', name, deployment.metadata.uid)],
    },
    spec: { replicas, selector: { matchLabels: podLabels }, template: { metadata: { labels: podLabels } } },
    status: {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: 1,
    },
  });
  for (let i = 0; i < replicas; i++) {
    const pod = `${replicaSet.metadata.name}-${randomK8sSuffix(ctx.random, 5)}`;
    store.create(CORE_RESOURCES.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        uid: seededUuid(ctx.random),
        name: pod,
        namespace: metadata.namespace,
        creationTimestamp: iso(rolledAt),
        labels: podLabels,
        ownerReferences: [owner('ReplicaSet', replicaSet.metadata.name, replicaSet.metadata.uid)],
      },
      spec: { containers: [{ name, image }], nodeName: 'sim-worker', serviceAccountName: 'default' },
      status: podStatus(ctx, name, image, health, rolledAt),
    });
    writeWorkloadLog(ctx, metadata.namespace, pod, name, health, rolledAt);
  }
}

/**
 * What `kubectl logs` shows for a managed pod: a running one's start-up lines; a crash-looping one's last
 * run, ended (the kubelet serves the container that just died while the next waits in back-off). An image
 * that never pulled has no log: the API server answers that the container is waiting to start.
 */
function writeWorkloadLog(
  ctx: SimContext,
  namespace: string,
  pod: string,
  container: string,
  health: WorkloadHealth,
  at: number,
): void {
  if (health.state === 'image-pull-backoff') return;
  const t = (ms: number) => new Date(ms).toISOString();
  const lines = [
    `time="${t(at)}" level=info msg="starting ${container}" version=1.0.0`,
    `time="${t(at + 40)}" level=info msg="loaded configuration" source=/etc/${container}/config.yaml`,
  ];
  if (health.state === 'crash-loop') {
    lines.push(
      `time="${t(at + 900)}" level=error msg="provider request failed" error="403 Forbidden: credentials for ${namespace}/${container} were rejected"`,
      `time="${t(at + 905)}" level=fatal msg="cannot start without a working provider, exiting" exitCode=1`,
    );
    ctx.logs.append(namespace, pod, container, lines.join('\n'));
    ctx.logs.end(namespace, pod, container);
    return;
  }
  lines.push(`time="${t(at + 120)}" level=info msg="server listening" addr=:8080`);
  ctx.logs.append(namespace, pod, container, lines.join('\n'));
}

function owner(kind: string, name: string, uid: string) {
  return { apiVersion: 'apps/v1', kind, name, uid, controller: true, blockOwnerDeletion: true };
}

function condition(type: string, status: string, reason: string, message: string, at: number) {
  return { type, status, reason, message, lastUpdateTime: iso(at), lastTransitionTime: iso(at) };
}

function deploymentStatus(
  replicaSet: string,
  replicas: number,
  ready: number,
  health: WorkloadHealth,
  at: number,
) {
  const available = ready >= replicas;
  // A rollout whose pods never start keeps Progressing=True (ReplicaSetUpdated) until its deadline; one that
  // completed and crashes later stays NewReplicaSetAvailable and only loses availability.
  const progressing =
    health.state === 'image-pull-backoff'
      ? condition(
          'Progressing',
          'True',
          'ReplicaSetUpdated',
          `ReplicaSet "${replicaSet}" is progressing.`,
          at,
        )
      : condition(
          'Progressing',
          'True',
          'NewReplicaSetAvailable',
          `ReplicaSet "${replicaSet}" has successfully progressed.`,
          at,
        );
  return {
    observedGeneration: 1,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    ...(available ? {} : { unavailableReplicas: replicas - ready }),
    conditions: [
      available
        ? condition(
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
            at,
          )
        : condition(
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            health.state === 'crash-loop' ? health.since : at,
          ),
      progressing,
    ],
  };
}

function podStatus(ctx: SimContext, container: string, image: string, health: WorkloadHealth, at: number) {
  const running = health.state === 'running';
  const notReady = {
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${container}]`,
  };
  const cond = (type: string, ok: boolean) => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: iso(health.state === 'crash-loop' ? health.since : at),
    ...(ok ? {} : notReady),
  });
  const imageID = `${image.replace(/:.*$/, '')}@sha256:${hashHex(image)}`;
  const base = {
    name: container,
    image,
    ready: running,
    started: running,
  };
  let containerStatus: Record<string, unknown>;
  if (health.state === 'image-pull-backoff') {
    containerStatus = {
      ...base,
      imageID: '',
      restartCount: 0,
      state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } },
      lastState: {},
    };
  } else if (health.state === 'crash-loop') {
    containerStatus = {
      ...base,
      imageID,
      containerID: `containerd://${randomHex(ctx.random, 64)}`,
      restartCount: health.restarts,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off 5m0s restarting failed container=${container}`,
        },
      },
      lastState: {
        terminated: { exitCode: 1, reason: 'Error', startedAt: iso(at), finishedAt: iso(at + 2000) },
      },
    };
  } else {
    containerStatus = {
      ...base,
      imageID,
      containerID: `containerd://${randomHex(ctx.random, 64)}`,
      restartCount: 0,
      state: { running: { startedAt: iso(at + 3000) } },
      lastState: {},
    };
  }
  return {
    phase: health.state === 'image-pull-backoff' ? 'Pending' : 'Running',
    conditions: [
      cond('PodReadyToStartContainers', health.state !== 'image-pull-backoff'),
      cond('Initialized', true),
      cond('Ready', running),
      cond('ContainersReady', running),
      cond('PodScheduled', true),
    ],
    hostIP: '172.18.0.3',
    podIP: `10.244.1.${2 + Math.floor(ctx.random() * 250)}`,
    startTime: iso(at),
    qosClass: 'BestEffort',
    containerStatuses: [containerStatus],
  };
}

/**
 * Inventory ids of a HelmRelease's rendered objects: its status when written (helm-controller ≥ 1.5), else
 * those of the simulated chart's manifest once a release exists (src/sim/helm-storage.ts renderManifest).
 */
export function helmManagedIds(hr: SimObject): string[] {
  const entries = (hr as { status?: { inventory?: { entries?: unknown } } }).status?.inventory?.entries;
  if (Array.isArray(entries)) {
    return entries.flatMap((e) => (typeof e?.id === 'string' ? [e.id as string] : []));
  }
  const history = (hr as { status?: { history?: unknown } }).status?.history;
  if (!Array.isArray(history) || history.length === 0) return [];
  const spec = (hr as { spec?: { releaseName?: unknown; targetNamespace?: unknown } }).spec;
  const name =
    typeof spec?.releaseName === 'string' && spec.releaseName ? spec.releaseName : hr.metadata.name;
  const ns =
    typeof spec?.targetNamespace === 'string' && spec.targetNamespace
      ? spec.targetNamespace
      : (hr.metadata.namespace ?? 'default');
  return [`${ns}_${name}__ServiceAccount`, `${ns}_${name}__Service`, `${ns}_${name}_apps_Deployment`];
}
