// The Flux Operator's workload in flux-system as its install manifests leave it (flux-operator
// config/manager/deployment.yaml): a Deployment `flux-operator` labelled `app.kubernetes.io/name:
// flux-operator` — not part-of=flux like the controllers it installs — its ReplicaSet and Pod, container
// `manager`. The operator's own kinds are reconciled only while it runs (src/sim/controllers/operator.ts).
import { FLUX_SYSTEM_NAMESPACE } from '../../flux/kinds.js';
import { FLUX_OPERATOR, FLUX_OPERATOR_IMAGE } from '../controllers/catalog.js';
import { randomK8sSuffix } from '../controllers/ids.js';
import { CORE_RESOURCES } from '../resources.js';
import type { SimContext } from '../types.js';
import { deploymentStatus, MANAGER_CONTAINER, type PodInput, workloadPodObject } from './flux-system.js';

const LABELS = { 'app.kubernetes.io/name': FLUX_OPERATOR } as const;
const TEMPLATE_HASH = '7d9c5b8f6c';

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function containerSpec() {
  return {
    name: MANAGER_CONTAINER,
    image: FLUX_OPERATOR_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    ports: [
      { containerPort: 9080, name: 'http-web', protocol: 'TCP' },
      { containerPort: 8080, name: 'http-metrics', protocol: 'TCP' },
      { containerPort: 8081, name: 'http', protocol: 'TCP' },
    ],
    env: [{ name: 'RUNTIME_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
    resources: { limits: { cpu: '2000m', memory: '1Gi' }, requests: { cpu: '100m', memory: '64Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 8081 } },
    readinessProbe: { httpGet: { path: '/readyz', port: 8081 } },
  };
}

/** The operator's pod. */
export function operatorPodObject(ctx: SimContext, input: Omit<PodInput, 'controller'>) {
  return workloadPodObject(ctx, input, {
    labels: { ...LABELS, 'pod-template-hash': TEMPLATE_HASH },
    annotations: {
      'prometheus.io/path': '/metrics',
      'prometheus.io/port': '8080',
      'prometheus.io/scrape': 'true',
    },
    container: containerSpec(),
    image: FLUX_OPERATOR_IMAGE,
    serviceAccountName: FLUX_OPERATOR,
    podIP: '10.244.0.9',
    terminationGracePeriodSeconds: 10,
  });
}

/** Creates the operator's Deployment, ReplicaSet and running Pod. */
export function seedFluxOperator(ctx: SimContext, installedAt: number): void {
  const { store } = ctx;
  const deployment = store.create(CORE_RESOURCES.deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: FLUX_OPERATOR,
      namespace: FLUX_SYSTEM_NAMESPACE,
      creationTimestamp: iso(installedAt),
      labels: { ...LABELS },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...LABELS } },
      template: { metadata: { labels: { ...LABELS } }, spec: { containers: [containerSpec()] } },
    },
    status: deploymentStatus(installedAt, true),
  });
  const replicaSet = store.create(CORE_RESOURCES.replicasets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${FLUX_OPERATOR}-${TEMPLATE_HASH}`,
      namespace: FLUX_SYSTEM_NAMESPACE,
      creationTimestamp: iso(installedAt),
      labels: { ...LABELS, 'pod-template-hash': TEMPLATE_HASH },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: FLUX_OPERATOR,
          uid: deployment.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...LABELS, 'pod-template-hash': TEMPLATE_HASH } },
      template: { metadata: { labels: { ...LABELS, 'pod-template-hash': TEMPLATE_HASH } } },
    },
    status: {
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    },
  });
  store.create(
    CORE_RESOURCES.pods,
    operatorPodObject(ctx, {
      replicaSet: { name: replicaSet.metadata.name, uid: replicaSet.metadata.uid },
      name: `${replicaSet.metadata.name}-${randomK8sSuffix(ctx.random, 5)}`,
      createdAt: installedAt,
      startedAt: installedAt + 3000,
      restartCount: 0,
      ready: true,
    }),
  );
}
