// Helpers for the simulator API tests: a started sim with a client-node KubeConfig loaded from the
// kubeconfig file it wrote (TLS verified against its CA), raw HTTPS requests with that config, seeding.

import { request } from 'node:https';
import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { type SimHandle, type SimOptions, startSim } from '../../src/sim/index.js';
import type { SimObject } from '../../src/sim/types.js';

export const HR = 'helm.toolkit.fluxcd.io/helmreleases';
export const KS = 'kustomize.toolkit.fluxcd.io/kustomizations';

export interface TestSim {
  readonly sim: SimHandle;
  readonly kc: KubeConfig;
  readonly core: CoreV1Api;
  readonly custom: CustomObjectsApi;
}

export async function startTestSim(options: SimOptions = {}): Promise<TestSim> {
  const sim = await startSim({ scenario: 'empty', controllers: false, ...options });
  const kc = new KubeConfig();
  kc.loadFromFile(sim.kubeconfigPath);
  return { sim, kc, core: kc.makeApiClient(CoreV1Api), custom: kc.makeApiClient(CustomObjectsApi) };
}

export function ensureNamespace(sim: SimHandle, name: string): void {
  if (sim.store.get('namespaces', undefined, name)) return;
  sim.store.create('namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
    status: { phase: 'Active' },
  });
}

export function seedHelmRelease(
  sim: SimHandle,
  namespace: string,
  name: string,
  extra: { labels?: Record<string, string>; ready?: 'True' | 'False'; message?: string } = {},
): SimObject {
  ensureNamespace(sim, namespace);
  return sim.store.create(HR, {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name, namespace, ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: {
      interval: '5m',
      chart: { spec: { chart: name, sourceRef: { kind: 'HelmRepository', name: 'charts' } } },
    },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: extra.ready ?? 'True',
          reason: extra.ready === 'False' ? 'UpgradeFailed' : 'UpgradeSucceeded',
          message: extra.message ?? `Helm upgrade succeeded for release ${namespace}/${name}`,
          lastTransitionTime: '2026-01-15T08:00:00Z',
        },
      ],
    },
  });
}

export function seedPod(sim: SimHandle, namespace: string, name: string, containers: string[]): SimObject {
  ensureNamespace(sim, namespace);
  return sim.store.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: { containers: containers.map((c) => ({ name: c, image: `example/${c}:1` })) },
    status: {
      phase: 'Running',
      containerStatuses: containers.map((c) => ({
        name: c,
        ready: true,
        restartCount: 0,
        state: { running: {} },
      })),
    },
  });
}

/** API JSON as the tests read it: the usual fields declared, anything else by index. */
export interface ApiJson {
  kind?: string;
  apiVersion?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: unknown;
  metadata?: unknown;
  items?: unknown[];
  groups?: unknown[];
  resources?: unknown[];
  gitVersion?: string;
  [field: string]: unknown;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): ApiJson;
}

interface RequestHeaders {
  Authorization?: string;
  Accept?: string;
  'Content-Type'?: string;
  [name: string]: string | undefined;
}

export interface RawOptions {
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  /** Send no Authorization header. */
  readonly anonymous?: boolean;
}

/** An HTTPS request with the kubeconfig's CA and token (or none), read to the end. */
export async function raw(
  kc: KubeConfig,
  method: string,
  path: string,
  options: RawOptions = {},
): Promise<RawResponse> {
  const server = kc.getCurrentCluster()?.server ?? '';
  const url = new URL(path, server);
  const opts: Parameters<typeof request>[1] = { method, headers: {} };
  await kc.applyToHTTPSOptions(opts);
  const headers = opts.headers as RequestHeaders;
  if (options.anonymous) delete headers.Authorization;
  if (options.accept) headers.Accept = options.accept;
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(url, opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: () => JSON.parse(text) as ApiJson,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Polls `check` on the event loop (no fixed sleeps) until it returns true, or fails after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
