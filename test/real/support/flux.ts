// Flux objects on the real API server, and the harness playing the controllers: there is no Flux
// controller, so status (conditions, revisions, Helm history) is written by the test through the /status
// subresource, exactly as a controller writes it — the main resource ignores status.
import { type KindName, kindInfo } from '../../../src/flux/kinds.js';
import type { ObjectRef } from '../../../src/flux/types.js';
import type { Envtest } from './envtest.js';

export function collection(kind: KindName, namespace: string, version?: string): string {
  const info = kindInfo(kind);
  return `/apis/${info.group}/${version ?? info.versions[0]}/namespaces/${namespace}/${info.plural}`;
}

export function objectUrl(ref: ObjectRef, version?: string): string {
  return `${collection(ref.kind, ref.namespace, version)}/${ref.name}`;
}

/** A spec each CRD accepts (its required fields), with `extra` merged on top. */
export function minimalSpec(kind: KindName, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<KindName, Record<string, unknown>> = {
    Kustomization: {
      interval: '10m',
      prune: true,
      path: './apps',
      sourceRef: { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' },
    },
    HelmRelease: {
      interval: '10m',
      chart: {
        spec: { chart: 'podinfo', version: '6.x', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } },
      },
    },
    GitRepository: { interval: '1m', url: 'https://example.invalid/org/repo.git', ref: { branch: 'main' } },
    OCIRepository: { interval: '5m', url: 'oci://example.invalid/manifests', ref: { tag: 'latest' } },
    HelmRepository: { interval: '10m', url: 'https://example.invalid/charts' },
    HelmChart: { interval: '10m', chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } },
    Bucket: { interval: '5m', bucketName: 'manifests', endpoint: 'minio.example.invalid' },
    ExternalArtifact: {},
    ArtifactGenerator: {
      sources: [{ alias: 'repo', kind: 'GitRepository', name: 'flux-system' }],
      artifacts: [{ name: 'apps', copy: [{ from: '@repo/apps/**', to: '@artifact/' }] }],
    },
    ImageRepository: { interval: '5m', image: 'ghcr.io/example/app' },
    ImagePolicy: { imageRepositoryRef: { name: 'app' }, policy: { semver: { range: '>=1.0.0' } } },
    ImageUpdateAutomation: { interval: '30m', sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    Alert: { providerRef: { name: 'slack' }, eventSources: [{ kind: 'Kustomization', name: '*' }] },
    Provider: { type: 'slack', channel: 'alerts' },
    Receiver: {
      type: 'github',
      secretRef: { name: 'webhook-token' },
      resources: [{ kind: 'GitRepository', name: 'flux-system' }],
    },
    // The Flux Operator's kinds (a FluxInstance and a FluxReport must be named `flux`).
    FluxInstance: { distribution: { version: '2.x', registry: 'ghcr.io/fluxcd' } },
    FluxReport: { distribution: { entitlement: 'Unknown', status: 'Unknown' } },
    ResourceSet: {
      inputs: [{ tenant: 'team-a' }],
      resources: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: '<< inputs.tenant >>' } }],
    },
    ResourceSetInputProvider: { type: 'Static', defaultValues: { env: 'staging' } },
  };
  return { ...base[kind], ...extra };
}

export interface ConditionInput {
  readonly type?: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  /** ISO; the controller sets it when the status changes. */
  readonly lastTransitionTime: string;
}

export function condition(c: ConditionInput, observedGeneration = 1) {
  return {
    type: c.type ?? 'Ready',
    status: c.status,
    reason: c.reason,
    message: c.message,
    lastTransitionTime: c.lastTransitionTime,
    observedGeneration,
  };
}

export async function createFlux(
  env: Envtest,
  ref: ObjectRef,
  spec: Record<string, unknown> = minimalSpec(ref.kind),
  options: { readonly version?: string; readonly annotations?: Record<string, string> } = {},
): Promise<Record<string, unknown>> {
  await env.ensureNamespace(ref.namespace);
  const info = kindInfo(ref.kind);
  return (await env.request({
    method: 'POST',
    path: collection(ref.kind, ref.namespace, options.version),
    body: {
      apiVersion: `${info.group}/${options.version ?? info.versions[0]}`,
      kind: ref.kind,
      metadata: {
        name: ref.name,
        namespace: ref.namespace,
        ...(options.annotations ? { annotations: options.annotations } : {}),
      },
      spec,
    },
  })) as Record<string, unknown>;
}

/** What a controller does after an attempt: merge-patch `status` through the status subresource. */
export async function writeStatus(
  env: Envtest,
  ref: ObjectRef,
  status: Record<string, unknown>,
  version?: string,
): Promise<Record<string, unknown>> {
  return (await env.request({
    method: 'PATCH',
    path: `${objectUrl(ref, version)}/status`,
    body: { status },
    contentType: 'application/merge-patch+json',
  })) as Record<string, unknown>;
}

/** Sets the whole conditions list (merge patch replaces lists) with observedGeneration = generation. */
export async function setConditions(
  env: Envtest,
  ref: ObjectRef,
  conditions: readonly ConditionInput[],
  more: Record<string, unknown> = {},
  version?: string,
): Promise<Record<string, unknown>> {
  const current = (await env.request({ path: objectUrl(ref, version) })) as {
    metadata: { generation?: number };
  };
  const generation = current.metadata.generation ?? 1;
  return writeStatus(
    env,
    ref,
    { observedGeneration: generation, conditions: conditions.map((c) => condition(c, generation)), ...more },
    version,
  );
}

/** Merge-patches the object itself (spec, metadata) as a user or the flux CLI would. */
export async function patchObject(env: Envtest, ref: ObjectRef, patch: Record<string, unknown>) {
  return (await env.request({
    method: 'PATCH',
    path: objectUrl(ref),
    body: patch,
    contentType: 'application/merge-patch+json',
  })) as Record<string, unknown>;
}

export async function deleteObject(env: Envtest, ref: ObjectRef): Promise<void> {
  await env.request({ method: 'DELETE', path: objectUrl(ref) });
}

/**
 * Plays helm-controller's (or any controller's) answer to reconcile requests: whenever the object is not
 * suspended and carries a `reconcile.fluxcd.io/requestedAt` it has not handled, writes `answer` as its
 * conditions with `lastHandledReconcileAt` = that token. Stop it with the returned function.
 */
export function answerReconciles(
  env: Envtest,
  ref: ObjectRef,
  answer: readonly ConditionInput[],
  more: Record<string, unknown> = {},
): () => Promise<void> {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const raw = (await env.request({ path: objectUrl(ref) })) as {
          metadata: { annotations?: Record<string, string> };
          spec?: { suspend?: boolean };
          status?: { lastHandledReconcileAt?: string };
        };
        const token = raw.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
        if (token && raw.spec?.suspend !== true && raw.status?.lastHandledReconcileAt !== token) {
          await setConditions(env, ref, answer, { ...more, lastHandledReconcileAt: token });
        }
      } catch {
        // The next round tries again, as a controller's requeue does.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}
