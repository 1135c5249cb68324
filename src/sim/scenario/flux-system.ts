// The flux-system namespace as `flux install` leaves it: one Deployment per controller, its ReplicaSet and
// Pod, all labelled the way `flux logs` and `kubectl logs deployment/…` find them (docs/logs-and-events.md).
import { FLUX_SYSTEM_NAMESPACE } from '../../flux/kinds.js';
import {
  controllerImage,
  FLUX_DISTRIBUTION_VERSION,
  SIM_CONTROLLERS,
  type SimControllerName,
} from '../controllers/catalog.js';
import { hashHex, randomHex, randomK8sSuffix } from '../controllers/ids.js';
import { CORE_RESOURCES } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';

export const MANAGER_CONTAINER = 'manager';

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function controllerLabels(controller: SimControllerName, profile: SimContext['fluxVersions']) {
  return {
    app: controller,
    'app.kubernetes.io/component': controller,
    'app.kubernetes.io/instance': FLUX_SYSTEM_NAMESPACE,
    'app.kubernetes.io/part-of': 'flux',
    'app.kubernetes.io/version': FLUX_DISTRIBUTION_VERSION[profile],
  };
}

/** The pod-template-hash the ReplicaSet controller would compute; stable per controller and profile. */
export function templateHash(controller: SimControllerName, profile: SimContext['fluxVersions']): string {
  let seed = Number.parseInt(hashHex(controller, profile).slice(0, 8), 16);
  return randomK8sSuffix(() => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  }, 10);
}

export interface TerminatedState {
  readonly reason: string;
  readonly exitCode: number;
  readonly startedAt: number;
  readonly finishedAt: number;
}

export interface PodInput {
  readonly controller: SimControllerName;
  readonly replicaSet: { readonly name: string; readonly uid: string };
  readonly name: string;
  readonly createdAt: number;
  readonly startedAt: number;
  readonly restartCount: number;
  readonly lastTerminated?: TerminatedState;
  readonly ready: boolean;
}

/** How a flux-system workload's pod looks beyond its state: labels, container, image, address. */
export interface PodLook {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly container: Record<string, unknown>;
  readonly image: string;
  readonly serviceAccountName: string;
  readonly podIP: string;
  readonly terminationGracePeriodSeconds: number;
  readonly priorityClassName?: string;
}

type PodObject = Omit<SimObject, 'metadata'> & {
  metadata: { name: string; namespace: string; creationTimestamp: string } & Record<string, unknown>;
};

/** A pod of a flux-system workload as the kubelet reports it: running and ready, or still starting. */
export function workloadPodObject(
  ctx: SimContext,
  input: Omit<PodInput, 'controller'>,
  look: PodLook,
): PodObject {
  const { image } = look;
  const running = { running: { startedAt: iso(input.startedAt) } };
  const waiting = { waiting: { reason: 'ContainerCreating' } };
  const lastState = input.lastTerminated
    ? {
        terminated: {
          exitCode: input.lastTerminated.exitCode,
          reason: input.lastTerminated.reason,
          startedAt: iso(input.lastTerminated.startedAt),
          finishedAt: iso(input.lastTerminated.finishedAt),
          containerID: `containerd://${randomHex(ctx.random, 64)}`,
        },
      }
    : {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: input.name,
      namespace: FLUX_SYSTEM_NAMESPACE,
      creationTimestamp: iso(input.createdAt),
      labels: look.labels,
      annotations: look.annotations,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: input.replicaSet.name,
          uid: input.replicaSet.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [look.container],
      nodeName: 'sim-control-plane',
      ...(look.priorityClassName ? { priorityClassName: look.priorityClassName } : {}),
      serviceAccountName: look.serviceAccountName,
      terminationGracePeriodSeconds: look.terminationGracePeriodSeconds,
    },
    status: {
      phase: input.ready ? 'Running' : 'Pending',
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: input.ready || type === 'PodScheduled' || type === 'Initialized' ? 'True' : 'False',
        lastProbeTime: null,
        lastTransitionTime: iso(input.ready ? input.startedAt : input.createdAt),
      })),
      hostIP: '172.18.0.2',
      podIP: look.podIP,
      startTime: iso(input.createdAt),
      qosClass: 'Burstable',
      containerStatuses: [
        {
          name: MANAGER_CONTAINER,
          image,
          imageID: `${image.replace(/:.*$/, '')}@sha256:${hashHex(image)}`,
          containerID: `containerd://${randomHex(ctx.random, 64)}`,
          ready: input.ready,
          started: input.ready,
          restartCount: input.restartCount,
          state: input.ready ? running : waiting,
          lastState,
        },
      ],
    },
  };
}

export function controllerPodObject(ctx: SimContext, input: PodInput): PodObject {
  const { controller } = input;
  const image = controllerImage(controller, ctx.fluxVersions);
  return workloadPodObject(ctx, input, {
    labels: {
      ...controllerLabels(controller, ctx.fluxVersions),
      'pod-template-hash': templateHash(controller, ctx.fluxVersions),
    },
    annotations: { 'prometheus.io/port': '8080', 'prometheus.io/scrape': 'true' },
    container: containerSpec(controller, image),
    image,
    serviceAccountName: controller,
    podIP: `10.244.0.${10 + SIM_CONTROLLERS.indexOf(controller)}`,
    terminationGracePeriodSeconds: 60,
    priorityClassName: 'system-cluster-critical',
  });
}

function containerSpec(controller: SimControllerName, image: string) {
  return {
    name: MANAGER_CONTAINER,
    image,
    imagePullPolicy: 'IfNotPresent',
    args: [
      '--events-addr=http://notification-controller.flux-system.svc.cluster.local./',
      '--watch-all-namespaces=true',
      '--log-level=info',
      '--log-encoding=json',
      '--enable-leader-election',
      ...(controller === 'source-controller'
        ? [
            '--storage-path=/data',
            '--storage-adv-addr=source-controller.$(RUNTIME_NAMESPACE).svc.cluster.local.',
          ]
        : []),
    ],
    ports: [
      { containerPort: 8080, name: 'http-prom', protocol: 'TCP' },
      { containerPort: 9440, name: 'healthz', protocol: 'TCP' },
    ],
    resources: { limits: { cpu: '1000m', memory: '1Gi' }, requests: { cpu: '100m', memory: '64Mi' } },
    readinessProbe: { httpGet: { path: '/readyz', port: 'healthz' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'healthz' } },
    env: [{ name: 'RUNTIME_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
  };
}

export interface FluxSystemOptions {
  /** When Flux was installed (ms). */
  readonly installedAt: number;
  /** Controllers whose container restarted before the scenario starts, with why. */
  readonly restarts?: Partial<Record<SimControllerName, TerminatedState & { readonly count: number }>>;
}

/** Creates the flux-system namespace and the controllers' Deployments, ReplicaSets and Pods. */
export function seedFluxSystem(ctx: SimContext, options: FluxSystemOptions): void {
  const { store } = ctx;
  const profile = ctx.fluxVersions;
  const created = options.installedAt;
  for (const controller of SIM_CONTROLLERS) {
    const labels = controllerLabels(controller, profile);
    const hash = templateHash(controller, profile);
    const deployment = store.create(CORE_RESOURCES.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: controller,
        namespace: FLUX_SYSTEM_NAMESPACE,
        creationTimestamp: iso(created),
        labels: { ...labels, 'control-plane': 'controller' },
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: controller } },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { labels, annotations: { 'prometheus.io/port': '8080', 'prometheus.io/scrape': 'true' } },
          spec: { containers: [containerSpec(controller, controllerImage(controller, profile))] },
        },
      },
      status: deploymentStatus(created, true),
    });
    const replicaSet = store.create(CORE_RESOURCES.replicasets, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${controller}-${hash}`,
        namespace: FLUX_SYSTEM_NAMESPACE,
        creationTimestamp: iso(created),
        labels: { ...labels, 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/revision': '1',
          'deployment.kubernetes.io/desired-replicas': '1',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: controller,
            uid: deployment.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: controller, 'pod-template-hash': hash } },
        template: { metadata: { labels: { ...labels, 'pod-template-hash': hash } } },
      },
      status: {
        replicas: 1,
        fullyLabeledReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        observedGeneration: 1,
      },
    });
    const restart = options.restarts?.[controller];
    store.create(
      CORE_RESOURCES.pods,
      controllerPodObject(ctx, {
        controller,
        replicaSet: { name: replicaSet.metadata.name, uid: replicaSet.metadata.uid },
        name: `${replicaSet.metadata.name}-${randomK8sSuffix(ctx.random, 5)}`,
        createdAt: created,
        startedAt: restart ? restart.finishedAt + 1000 : created + 4000,
        restartCount: restart?.count ?? 0,
        ...(restart ? { lastTerminated: restart } : {}),
        ready: true,
      }),
    );
  }
}

export function deploymentStatus(since: number, ready: boolean) {
  const count = ready ? 1 : 0;
  return {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: count,
    availableReplicas: count,
    ...(ready ? {} : { unavailableReplicas: 1 }),
    conditions: [
      {
        type: 'Available',
        status: ready ? 'True' : 'False',
        reason: ready ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        message: ready
          ? 'Deployment has minimum availability.'
          : 'Deployment does not have minimum availability.',
        lastUpdateTime: iso(since),
        lastTransitionTime: iso(since),
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: 'ReplicaSet has successfully progressed.',
        lastUpdateTime: iso(since),
        lastTransitionTime: iso(since),
      },
    ],
  };
}
