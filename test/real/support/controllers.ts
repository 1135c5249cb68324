// The Flux controllers' Deployments in flux-system, as `flux install` creates them. A bare API server has no
// controller-manager and no kubelet, so nothing ever fills their status: the harness writes it through the
// status subresource, as the Deployment controller would once the pods are ready.
import type { Envtest } from './envtest.js';

export const FLUX_CONTROLLERS = [
  'source-controller',
  'kustomize-controller',
  'helm-controller',
  'notification-controller',
] as const;

const NS = 'flux-system';
const path = (name?: string) => `/apis/apps/v1/namespaces/${NS}/deployments${name ? `/${name}` : ''}`;

/** Creates the controller's Deployment (part-of=flux, pods labelled app=<name>) with `replicas` ready. */
export async function installController(env: Envtest, name: string, replicas = 1): Promise<void> {
  await env.ensureNamespace(NS);
  await env.request({
    method: 'POST',
    path: path(),
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: NS,
        labels: { app: name, 'app.kubernetes.io/part-of': 'flux', 'control-plane': 'controller' },
      },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name, 'app.kubernetes.io/part-of': 'flux' } },
          spec: { containers: [{ name: 'manager', image: `ghcr.io/fluxcd/${name}:v1.0.0` }] },
        },
      },
    },
  });
  await setReady(env, name, replicas, replicas);
}

/** What the Deployment controller writes once `ready` of `replicas` pods are ready. */
export async function setReady(env: Envtest, name: string, replicas: number, ready: number): Promise<void> {
  await env.request({
    method: 'PATCH',
    path: `${path(name)}/status`,
    contentType: 'application/merge-patch+json',
    body: { status: { observedGeneration: 1, replicas, readyReplicas: ready, availableReplicas: ready } },
  });
}

/** `kubectl scale deployment NAME --replicas=N`, then the status the Deployment controller would write. */
export async function scaleController(env: Envtest, name: string, replicas: number): Promise<void> {
  await env.request({
    method: 'PATCH',
    path: path(name),
    contentType: 'application/merge-patch+json',
    body: { spec: { replicas } },
  });
  await setReady(env, name, replicas, replicas);
}

export async function removeController(env: Envtest, name: string): Promise<void> {
  await env.request({ method: 'DELETE', path: path(name) });
}

export async function installFluxControllers(env: Envtest): Promise<void> {
  for (const name of FLUX_CONTROLLERS) await installController(env, name);
}
