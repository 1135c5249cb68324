// The `runbook` scenario: every case of the runbook (docs/runbook.md) on the runbook's platform, with the
// history (events, log lines, Helm revisions) an on-call engineer would find 40 minutes into the incident.
import { kindsOf, SIM_CONTROLLERS } from '../controllers/catalog.js';
import { findCondition } from '../controllers/conditions.js';
import { EventRecorder } from '../controllers/events.js';
import { getStr } from '../controllers/json.js';
import { faultsOf } from '../controllers/object-faults.js';
import { startupLogLines } from '../flux-logs.js';
import type { SimContext, SimObject } from '../types.js';
import { createNamespace, MINUTE } from './builders.js';
import { seedFluxSystem } from './flux-system.js';
import { PODINFO_LOCK_MESSAGE, seedApps } from './runbook-apps.js';
import { CHAIN, KYVERNO_TARGET_VERSION, KYVERNO_UPGRADE_ERROR, seedChain } from './runbook-chain.js';
import { CRASHING_CONTROLLER, seedCrashLoop, writeCrashedLog } from './runbook-crash.js';
import { seedExtras } from './runbook-extras.js';
import { PLATFORM_CONFIG_ERROR, seedGitStory, TEAM_APPS_AUTH_ERROR } from './runbook-git.js';
import { seedRunbookWorkloads } from './runbook-workloads.js';
import { LogHistory, writePodLog } from './seed-history.js';
import { type Timeline, timeline } from './timeline.js';

const NAMESPACES = [
  'apps',
  'backstage',
  'ingress-nginx',
  'external-dns',
  'reloader',
  ...CHAIN.map((c) => c.namespace),
];

export function seedRunbook(ctx: SimContext): void {
  const t = timeline(ctx.clock.now());
  seedFluxSystem(ctx, {
    installedAt: t.installed,
    restarts: {
      'helm-controller': {
        reason: 'OOMKilled',
        exitCode: 137,
        startedAt: t.installed + 4000,
        finishedAt: t.helmControllerOom,
        count: 1,
      },
    },
  });
  seedCrashLoop(ctx, t);
  for (const ns of NAMESPACES) createNamespace(ctx, ns, t.installed + MINUTE);
  const logs = new LogHistory(ctx);
  const git = seedGitStory(ctx, t, logs);
  const chain = seedChain(ctx, t, logs);
  const apps = seedApps(ctx, t, logs);
  seedExtras(ctx, t, `main@sha1:${git.head.sha}`);
  seedRunbookWorkloads(ctx, t);
  seedFaults(ctx);
  seedEvents(ctx, t, { ...git, chain, podinfo: apps.podinfo });
  writeLogs(ctx, t, logs);
}

/** Why things fail, as simulator state the API does not show (see controllers/object-faults.ts). */
function seedFaults(ctx: SimContext): void {
  const faults = faultsOf(ctx.store);
  faults.set(
    { kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' },
    {
      reason: 'UpgradeFailed',
      message: KYVERNO_UPGRADE_ERROR,
      transient: true,
      chartVersion: KYVERNO_TARGET_VERSION,
    },
  );
  faults.set(
    { kind: 'Kustomization', namespace: 'flux-system', name: 'platform-config' },
    { reason: 'BuildFailed', message: PLATFORM_CONFIG_ERROR, transient: false, fixedByCommit: true },
  );
  faults.set(
    { kind: 'GitRepository', namespace: 'flux-system', name: 'team-apps' },
    { reason: 'AuthenticationFailed', message: TEAM_APPS_AUTH_ERROR, transient: false },
  );
}

interface Seeded {
  readonly sre: SimObject;
  readonly teamApps: SimObject;
  readonly kustomizations: Record<string, SimObject>;
  readonly chain: readonly SimObject[];
  readonly podinfo: SimObject;
}

function seedEvents(ctx: SimContext, t: Timeline, s: Seeded): void {
  const recorder = new EventRecorder(ctx);
  const headRevision = getStr(s.sre, 'status', 'artifact', 'revision');
  recorder.record(
    'source-controller',
    s.sre,
    {
      type: 'Normal',
      reason: 'NewArtifact',
      message: "stored artifact for commit 'chore(platform): add network policies for kyverno'",
      revision: headRevision,
    },
    { firstAt: t.badCommit, lastAt: t.badCommit, count: 1 },
  );
  const authMessage = findCondition(s.teamApps, 'Ready')?.message ?? '';
  recorder.record(
    'source-controller',
    s.teamApps,
    { type: 'Warning', reason: 'AuthenticationFailed', message: authMessage },
    {
      firstAt: t.teamAppsAdded + 2000,
      lastAt: t.ago(3 * MINUTE),
      count: 25,
    },
  );
  for (const name of ['flux-system', 'infrastructure', 'apps']) {
    const ks = s.kustomizations[name];
    if (!ks) continue;
    recorder.record(
      'kustomize-controller',
      ks,
      {
        type: 'Normal',
        reason: 'ReconciliationSucceeded',
        message: 'Reconciliation finished in 2.412s, next run in 10m0s',
        revision: headRevision,
      },
      { firstAt: t.badCommit + 20_000, lastAt: t.ago(4 * MINUTE), count: 3 },
    );
  }
  const platform = s.kustomizations['platform-config'];
  if (platform) {
    recorder.record(
      'kustomize-controller',
      platform,
      { type: 'Warning', reason: 'BuildFailed', message: PLATFORM_CONFIG_ERROR, revision: headRevision },
      {
        firstAt: t.badCommit + 15_000,
        lastAt: t.ago(MINUTE),
        count: 13,
      },
    );
  }
  const teamKs = s.kustomizations['team-apps'];
  if (teamKs) {
    recorder.record(
      'kustomize-controller',
      teamKs,
      { type: 'Normal', reason: 'ArtifactFailed', message: 'Source artifact not found, retrying in 30s' },
      {
        firstAt: t.teamAppsAdded + 1000,
        lastAt: t.ago(20_000),
        count: 248,
      },
    );
  }
  for (const hr of s.chain) seedChainEvent(recorder, t, hr);
  recorder.record(
    'helm-controller',
    s.podinfo,
    { type: 'Warning', reason: 'UpgradeFailed', message: PODINFO_LOCK_MESSAGE, revision: '6.8.0' },
    {
      firstAt: t.helmControllerOom + 60_000,
      lastAt: t.podinfoSuspended - 2 * MINUTE,
      count: 9,
    },
  );
}

function seedChainEvent(recorder: EventRecorder, t: Timeline, hr: SimObject): void {
  const ready = findCondition(hr, 'Ready');
  if (!ready || ready.status === 'True') return;
  const since = Date.parse(ready.lastTransitionTime);
  if (ready.reason === 'UpgradeFailed') {
    recorder.record(
      'helm-controller',
      hr,
      { type: 'Warning', reason: 'UpgradeFailed', message: ready.message, revision: KYVERNO_TARGET_VERSION },
      {
        firstAt: since,
        lastAt: t.kyvernoStalled,
        count: 4,
      },
    );
    return;
  }
  recorder.record(
    'helm-controller',
    hr,
    { type: 'Normal', reason: ready.reason, message: ready.message },
    {
      firstAt: since,
      lastAt: t.ago(15_000),
      count: Math.max(1, Math.floor((t.now - since) / 30_000)),
    },
  );
}

function writeLogs(ctx: SimContext, t: Timeline, logs: LogHistory): void {
  for (const controller of SIM_CONTROLLERS) {
    const start = startupLogLines(controller, kindsOf(controller), t.installed + 4000);
    if (controller === 'helm-controller') {
      writePodLog(
        ctx,
        controller,
        [...start, ...logs.take(controller, t.installed, t.helmControllerOom)],
        true,
      );
      const restart = startupLogLines(controller, kindsOf(controller), t.helmControllerOom + 1000);
      writePodLog(ctx, controller, [...restart, ...logs.take(controller, t.helmControllerOom, t.now)]);
      continue;
    }
    if (controller === CRASHING_CONTROLLER) {
      writeCrashedLog(ctx, t);
      continue;
    }
    writePodLog(ctx, controller, [...start, ...logs.take(controller, t.installed, t.now)]);
  }
}
