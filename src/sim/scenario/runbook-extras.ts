// Healthy objects of the other kinds: an OCI artifact and its Kustomization, a Bucket, image automation,
// notification (Provider, Alert, Receiver), and the Secrets they reference.
import { makeArtifact, STORAGE_HOST } from '../controllers/artifacts.js';
import { hashHex, sha256Hex } from '../controllers/ids.js';
import { canonicalImageName, imageTags } from '../controllers/image.js';
import { CORE_RESOURCES } from '../resources.js';
import type { SimContext } from '../types.js';
import { conditions, createFlux, isoSeconds, MINUTE } from './builders.js';
import type { Timeline } from './timeline.js';

const NS = 'flux-system';

export function seedExtras(ctx: SimContext, t: Timeline, gitRevision: string): void {
  seedOci(ctx, t);
  seedBucket(ctx, t);
  seedImages(ctx, t, gitRevision);
  seedNotification(ctx, t);
  seedSecrets(ctx, t);
}

function ready(reason: string, message: string, since: number, generation = 1) {
  return conditions(generation, [{ type: 'Ready', status: 'True', reason, message, since }]);
}

function seedOci(ctx: SimContext, t: Timeline): void {
  const url = 'oci://ghcr.io/acme-sre/manifests/cluster-addons';
  const tag = 'v1.4.2';
  const digest = hashHex('oci', url, tag);
  const revision = `${tag}@sha256:${digest}`;
  const at = t.ago(4 * 60 * MINUTE);
  createFlux(ctx, 'OCIRepository', NS, 'cluster-addons', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: { interval: '5m0s', url, ref: { tag }, provider: 'generic' },
    status: {
      observedGeneration: 1,
      artifact: makeArtifact({
        kindLower: 'ocirepository',
        namespace: NS,
        name: 'cluster-addons',
        file: `${digest}.tar.gz`,
        revision,
        at: isoSeconds(at),
      }),
      url: `${STORAGE_HOST}/ocirepository/${NS}/cluster-addons/latest.tar.gz`,
      conditions: conditions(1, [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Succeeded',
          message: `stored artifact for digest '${revision}'`,
          since: at,
        },
        {
          type: 'ArtifactInStorage',
          status: 'True',
          reason: 'Succeeded',
          message: `stored artifact for digest '${revision}'`,
          since: at,
        },
      ]),
    },
  });
  createFlux(ctx, 'Kustomization', NS, 'cluster-addons', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: {
      interval: '10m0s',
      path: './',
      prune: true,
      sourceRef: { kind: 'OCIRepository', name: 'cluster-addons' },
      timeout: '5m0s',
    },
    status: {
      observedGeneration: 1,
      lastAppliedRevision: revision,
      lastAttemptedRevision: revision,
      inventory: {
        entries: [
          { id: '_addons__Namespace', v: 'v1' },
          { id: 'addons_node-problem-detector_apps_DaemonSet', v: 'v1' },
          { id: 'addons_descheduler_apps_Deployment', v: 'v1' },
        ],
      },
      conditions: ready('ReconciliationSucceeded', `Applied revision: ${revision}`, at + 30_000),
    },
  });
}

function seedBucket(ctx: SimContext, t: Timeline): void {
  const endpoint = 'minio.minio-system.svc.cluster.local:9000';
  const bucketName = 'audit-policies';
  const digest = hashHex('bucket', endpoint, bucketName);
  const revision = `sha256:${digest}`;
  const at = t.ago(6 * 60 * MINUTE);
  createFlux(ctx, 'Bucket', NS, 'audit-policies', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: {
      interval: '10m0s',
      provider: 'generic',
      bucketName,
      endpoint,
      insecure: true,
      secretRef: { name: 'minio-credentials' },
    },
    status: {
      observedGeneration: 1,
      artifact: makeArtifact({
        kindLower: 'bucket',
        namespace: NS,
        name: 'audit-policies',
        file: `${digest}.tar.gz`,
        revision,
        at: isoSeconds(at),
      }),
      url: `${STORAGE_HOST}/bucket/${NS}/audit-policies/latest.tar.gz`,
      conditions: conditions(1, [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Succeeded',
          message: `stored artifact: revision '${revision}'`,
          since: at,
        },
        {
          type: 'ArtifactInStorage',
          status: 'True',
          reason: 'Succeeded',
          message: `stored artifact: revision '${revision}'`,
          since: at,
        },
      ]),
    },
  });
}

function seedImages(ctx: SimContext, t: Timeline, gitRevision: string): void {
  const image = 'ghcr.io/stefanprodan/podinfo';
  const tags = imageTags(image);
  const scanned = t.ago(3 * MINUTE);
  createFlux(ctx, 'ImageRepository', NS, 'podinfo', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: { image, interval: '5m0s', exclusionList: ['^.*\\.sig$'] },
    status: {
      observedGeneration: 1,
      canonicalImageName: canonicalImageName(image),
      lastScanResult: { tagCount: tags.length, scanTime: isoSeconds(scanned), latestTags: tags.slice(0, 10) },
      observedExclusionList: ['^.*\\.sig$'],
      conditions: ready('Succeeded', `successful scan: found ${tags.length} tags`, t.installed + MINUTE),
    },
  });
  createFlux(ctx, 'ImagePolicy', NS, 'podinfo', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: { imageRepositoryRef: { name: 'podinfo' }, policy: { semver: { range: '>=1.0.0' } } },
    status: {
      observedGeneration: 1,
      latestRef: { name: image, tag: tags[0] ?? 'latest' },
      conditions: ready(
        'Succeeded',
        `Latest image tag for ${image} resolved to ${tags[0] ?? 'latest'}`,
        t.installed + MINUTE,
      ),
    },
  });
  createFlux(ctx, 'ImageUpdateAutomation', NS, 'flux-system', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: {
      interval: '30m0s',
      sourceRef: { kind: 'GitRepository', name: 'sre-platform' },
      git: {
        checkout: { ref: { branch: 'main' } },
        commit: {
          author: { email: 'fluxcdbot@users.noreply.github.com', name: 'fluxcdbot' },
          messageTemplate:
            'chore(images): update {{range .Changed.Changes}}{{print .OldValue}} -> {{println .NewValue}}{{end}}',
        },
        push: { branch: 'main' },
      },
      update: { path: './apps', strategy: 'Setters' },
    },
    status: {
      observedGeneration: 1,
      lastAutomationRunTime: isoSeconds(t.ago(12 * MINUTE)),
      observedPolicies: { podinfo: { name: image, tag: tags[0] ?? 'latest' } },
      observedSourceRevision: gitRevision,
      conditions: ready('Succeeded', 'repository up-to-date', t.installed + 2 * MINUTE),
    },
  });
}

function seedNotification(ctx: SimContext, t: Timeline): void {
  const legacy = ctx.fluxVersions === 'legacy';
  const initialized = legacy
    ? { status: { observedGeneration: 1, conditions: ready('Succeeded', 'Initialized', t.installed) } }
    : {};
  createFlux(ctx, 'Provider', NS, 'slack', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: { type: 'slack', channel: 'sre-alerts', secretRef: { name: 'slack-webhook' } },
    ...initialized,
  });
  createFlux(ctx, 'Alert', NS, 'on-call', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: {
      providerRef: { name: 'slack' },
      eventSeverity: 'error',
      eventSources: [
        { kind: 'Kustomization', name: '*' },
        { kind: 'HelmRelease', name: '*', namespace: '*' },
        { kind: 'GitRepository', name: '*' },
      ],
      summary: 'production cluster',
    },
    ...initialized,
  });
  const path = `/hook/${sha256Hex(`webhook-token${'github-receiver'}${NS}`)}`;
  createFlux(ctx, 'Receiver', NS, 'github-receiver', {
    createdAt: t.installed,
    appliedBy: 'flux-system',
    spec: {
      type: 'github',
      events: ['ping', 'push'],
      secretRef: { name: 'webhook-token' },
      resources: [{ kind: 'GitRepository', name: 'sre-platform' }],
    },
    status: {
      observedGeneration: 1,
      webhookPath: path,
      conditions: ready('Succeeded', `Receiver initialized for path: ${path}`, t.installed + MINUTE),
    },
  });
}

function seedSecrets(ctx: SimContext, t: Timeline): void {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const secret = (name: string, data: Record<string, string>) =>
    ctx.store.create(CORE_RESOURCES.secrets, {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name, namespace: NS, creationTimestamp: isoSeconds(t.installed) },
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
    });
  secret('flux-system', {
    identity: '-----BEGIN OPENSSH PRIVATE KEY-----\n(simulated)\n-----END OPENSSH PRIVATE KEY-----\n',
    'identity.pub': 'ssh-ed25519 AAAAC3Nza(simulated) flux',
    known_hosts: 'github.com ecdsa-sha2-nistp256 AAAAE2VjZHNh(simulated)',
  });
  secret('slack-webhook', { address: 'https://hooks.slack.com/services/T000/B000/(simulated)' });
  secret('webhook-token', { token: 'simulated-webhook-token' });
  secret('minio-credentials', { accesskey: 'flux', secretkey: 'simulated' });
}
