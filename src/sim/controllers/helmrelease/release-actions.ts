// The Helm actions helm-controller runs — install, upgrade, unlock — against the simulated Helm storage,
// with the conditions, counters, events and log lines each leaves behind (internal/reconcile/*.go).
import { type HelmRelease, manifestInventory, newRelease } from '../../helm-storage.js';
import { applyIfEnabled } from '../../managed-objects.js';
import type { SimContext, SimObject } from '../../types.js';
import { setCondition } from '../conditions.js';
import type { Attempt } from '../contract.js';
import { getNum, type MutableStatus, statusOf } from '../json.js';
import type { ResolvedChart } from './chart-source.js';
import type { ReleaseIdentity } from './identity.js';
import type { ReleaseIndex } from './release-index.js';
import { createRelease, readRelease, setReleaseStatus } from './release-store.js';
import { recordSnapshot, type Snapshot, truncateHistory } from './snapshots.js';

export type ReleaseAction = 'install' | 'upgrade';

export interface ActionInput {
  readonly ctx: SimContext;
  readonly index: ReleaseIndex;
  readonly id: ReleaseIdentity;
  readonly chart: ResolvedChart;
  readonly values: Record<string, unknown>;
  readonly attempt: Attempt;
}

const PENDING = { install: 'pending-install', upgrade: 'pending-upgrade' } as const;
const PREPARING = { install: 'Initial install underway', upgrade: 'Preparing upgrade' } as const;
const COMPLETE = { install: 'Install complete', upgrade: 'Upgrade complete' } as const;

export const fullName = (id: ReleaseIdentity, version: number): string =>
  `${id.releaseNamespace}/${id.releaseName}.v${version}`;

/** Writes the pending revision a Helm install/upgrade starts with; returns it. */
export function beginAction(input: ActionInput, action: ReleaseAction): HelmRelease {
  const { ctx, id, chart } = input;
  const revisions = input.index.revisions(id.storageNamespace, id.releaseName);
  const latest = revisions.at(-1);
  const now = input.attempt.nowIso();
  const previous = latest
    ? readRelease(ctx.store, id.storageNamespace, id.releaseName, latest.version)
    : undefined;
  const release = newRelease({
    name: id.releaseName,
    namespace: id.releaseNamespace,
    version: (latest?.version ?? 0) + 1,
    status: PENDING[action],
    description: PREPARING[action],
    chart: {
      name: chart.name,
      version: chart.version,
      appVersion: chart.appVersion,
      description: chart.description,
    },
    config: input.values,
    firstDeployed: previous?.info.first_deployed || now,
    lastDeployed: now,
  });
  createRelease(ctx.store, id.storageNamespace, release, input.attempt.now());
  return release;
}

/** Ends the action: the pending revision becomes deployed (superseding the previous one) or failed. */
export function endAction(
  input: ActionInput,
  action: ReleaseAction,
  pending: HelmRelease,
  error: string | undefined,
  draft: SimObject,
  history: readonly Snapshot[],
): Snapshot[] {
  const { ctx, id, chart, attempt } = input;
  const nowMs = attempt.now();
  const nowIso = attempt.nowIso();
  const status = statusOf(draft);
  const chartRef = `${chart.name}@${chart.version}`;
  const verb = action === 'install' ? 'install' : 'upgrade';
  const Verb = action === 'install' ? 'Install' : 'Upgrade';
  if (error !== undefined) {
    const description =
      action === 'install'
        ? `Release "${id.releaseName}" failed: ${error}`
        : `Upgrade "${id.releaseName}" failed: ${error}`;
    const failed = setReleaseStatus(
      ctx.store,
      id.storageNamespace,
      pending,
      { status: 'failed', description },
      nowMs,
    );
    const message = `Helm ${verb} failed for release ${id.releaseNamespace}/${id.releaseName} with chart ${chartRef}: ${error}`;
    status.failures = (getNum(status, 'failures') ?? 0) + 1;
    const counter = action === 'install' ? 'installFailures' : 'upgradeFailures';
    status[counter] = (getNum(status, counter) ?? 0) + 1;
    setCondition(draft, { type: 'Released', status: 'False', reason: `${Verb}Failed`, message }, nowIso);
    attempt.event(draft, { type: 'Warning', reason: `${Verb}Failed`, message, revision: chart.version });
    attempt.log('error', 'Reconciler error', { error: message });
    return recordSnapshot(history, failed);
  }
  let next = [...history];
  for (const revision of input.index.revisions(id.storageNamespace, id.releaseName)) {
    if (revision.status !== 'deployed' || revision.version === pending.version) continue;
    const old = readRelease(ctx.store, id.storageNamespace, id.releaseName, revision.version);
    if (!old) continue;
    next = recordSnapshotIfKnown(
      next,
      setReleaseStatus(ctx.store, id.storageNamespace, old, { status: 'superseded' }, nowMs),
    );
  }
  const deployed = setReleaseStatus(
    ctx.store,
    id.storageNamespace,
    pending,
    { status: 'deployed', description: COMPLETE[action], lastDeployed: nowIso },
    nowMs,
  );
  const message = `Helm ${verb} succeeded for release ${fullName(id, deployed.version)} with chart ${chartRef}`;
  setCondition(draft, { type: 'Released', status: 'True', reason: `${Verb}Succeeded`, message }, nowIso);
  clearFailures(status);
  // helm-controller ≥ 1.5 (Flux 2.8) lists what the release applied.
  const applied = manifestInventory(deployed);
  if (ctx.fluxVersions === 'current') status.inventory = { entries: applied };
  const manager = {
    kind: 'HelmRelease' as const,
    namespace: draft.metadata.namespace ?? 'default',
    name: draft.metadata.name,
  };
  applyIfEnabled(
    ctx,
    manager,
    applied.map((e) => e.id),
    nowMs,
  );
  attempt.event(draft, { type: 'Normal', reason: `${Verb}Succeeded`, message, revision: chart.version });
  attempt.log('info', 'release in-sync with desired state');
  return truncateHistory(recordSnapshot(next, deployed));
}

/** Zero failure counts are omitted, as Go's omitempty leaves them out of the object. */
export function clearFailures(status: MutableStatus): void {
  delete status.failures;
  delete status.installFailures;
  delete status.upgradeFailures;
}

function recordSnapshotIfKnown(history: Snapshot[], release: HelmRelease): Snapshot[] {
  return history.some((s) => s.version === release.version) ? recordSnapshot(history, release) : history;
}

/** Marks a stale pending revision failed, as helm-controller's Unlock action (docs/helm.md). */
export function unlockRelease(
  input: ActionInput,
  version: number,
  history: readonly Snapshot[],
):
  | {
      readonly history: Snapshot[];
      readonly message: string;
    }
  | undefined {
  const { ctx, id, attempt } = input;
  const stale = readRelease(ctx.store, id.storageNamespace, id.releaseName, version);
  if (!stale) return undefined;
  const was = stale.info.status;
  const failed = setReleaseStatus(
    ctx.store,
    id.storageNamespace,
    stale,
    { status: 'failed', description: `Release unlocked from stale '${was}' state` },
    attempt.now(),
  );
  const chartRef = `${stale.chart.metadata.name}@${stale.chart.metadata.version}`;
  const message = `Unlocked Helm release ${fullName(id, version)} with chart ${chartRef} in ${was} state`;
  attempt.log('info', `release locked: release with status '${was}'`);
  return { history: recordSnapshotIfKnown([...history], failed), message };
}
