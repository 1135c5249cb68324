// helm-controller's HelmRelease reconciler: chart template, dependencies, chart readiness, then the release
// state machine (locked → unlock; absent → install; unmanaged, failed, out-of-sync → upgrade while retries
// remain; in-sync → nothing unless forced), with reset/force requests honoured (docs/reconcile-protocol.md,
// docs/helm.md).
import { kindInfo } from '../../../flux/kinds.js';
import type { HelmRelease } from '../../helm-storage.js';
import { CORE_RESOURCES, resourceIdOf } from '../../resources.js';
import type { SimContext, SimObject } from '../../types.js';
import { findCondition, setCondition } from '../conditions.js';
import {
  type Attempt,
  type AttemptOutcome,
  type AttemptPlan,
  DEPENDENCY_REQUEUE_MS,
  type KindHandler,
} from '../contract.js';
import { formatGoDuration, parseGoDuration } from '../duration.js';
import { field, getNum, getStr, isRecord, statusOf } from '../json.js';
import type { FaultRegistry } from '../object-faults.js';
import { chartSourceKeys, helmChartRef, reconcileChartTemplate, resolveChart } from './chart-source.js';
import { releaseIdentity } from './identity.js';
import { unreadyDependency } from './prerequisites.js';
import {
  type ActionInput,
  beginAction,
  clearFailures,
  endAction,
  type ReleaseAction,
  unlockRelease,
} from './release-actions.js';
import type { ReleaseIndex } from './release-index.js';
import { determineReleaseState } from './release-state.js';
import { configDigest, readHistory, type Snapshot, snapshotOf } from './snapshots.js';

export const RESET_AT = 'reconcile.fluxcd.io/resetAt';
export const FORCE_AT = 'reconcile.fluxcd.io/forceAt';

const HELM_RELEASES = resourceIdOf(kindInfo('HelmRelease'));
const HELM_CHARTS = resourceIdOf(kindInfo('HelmChart'));
const DEFAULT_INTERVAL_MS = 10 * 60_000;

export function helmReleaseHandler(ctx: SimContext, faults: FaultRegistry, index: ReleaseIndex): KindHandler {
  return {
    kind: 'HelmRelease',
    resource: HELM_RELEASES,
    controller: 'helm-controller',
    sourcesOf: chartSourceKeys,
    intervalOf: intervalOf,
    start: (hr, attempt) => planRelease(ctx, faults, index, hr, attempt),
    onDelete: (hr) => uninstall(ctx, index, hr),
  };
}

const intervalOf = (hr: SimObject): number =>
  parseGoDuration(field(hr, 'spec', 'interval')) ?? DEFAULT_INTERVAL_MS;

interface Requests {
  readonly reset: boolean;
  readonly force: boolean;
  /** The chart version or values differ from the last attempt: failure counts start over (MustResetFailures). */
  readonly changed?: boolean;
}

/** reset/force act only when their value equals requestedAt and was not handled before (HandleAnnotationRequest). */
function requestsOf(hr: SimObject, token: string | undefined): Requests {
  const annotations = hr.metadata.annotations ?? {};
  const pending = (key: string, handled: string) =>
    token !== undefined && getStr(annotations, key) === token && getStr(hr, 'status', handled) !== token;
  return { reset: pending(RESET_AT, 'lastHandledResetAt'), force: pending(FORCE_AT, 'lastHandledForceAt') };
}

function applyRequests(draft: SimObject, requests: Requests, token: string | undefined): void {
  const status = statusOf(draft);
  if (requests.reset || requests.changed) clearFailures(status);
  if (requests.reset) status.lastHandledResetAt = token;
  if (requests.force) status.lastHandledForceAt = token;
}

function planRelease(
  ctx: SimContext,
  faults: FaultRegistry,
  index: ReleaseIndex,
  hr: SimObject,
  attempt: Attempt,
): AttemptPlan {
  const ref = {
    kind: 'HelmRelease' as const,
    namespace: hr.metadata.namespace ?? 'default',
    name: hr.metadata.name,
  };
  const requests = requestsOf(hr, attempt.token);
  if (requests.reset || requests.force) faults.intervene(ref);
  reconcileChartTemplate(ctx, hr);
  const waiting = (reason: string, message: string, requeueAfterMs: number, logMsg: string): AttemptPlan => ({
    // helm-controller marks Reconciling "Fulfilling prerequisites" on every attempt; Ready only at the end.
    progress: { reconciling: 'Fulfilling prerequisites', retries: true },
    finish(draft) {
      applyRequests(draft, requests, attempt.token);
      setCondition(draft, { type: 'Ready', status: 'False', reason, message }, attempt.nowIso());
      attempt.log('info', logMsg);
      attempt.event(draft, { type: reason === 'DependencyNotReady' ? 'Normal' : 'Warning', reason, message });
      return { state: 'retry', requeueAfterMs };
    },
  });
  const dependency = unreadyDependency(ctx, hr);
  if (dependency) {
    const logMsg = `dependencies do not meet ready condition (${dependency}): retrying in ${formatGoDuration(DEPENDENCY_REQUEUE_MS)}`;
    return waiting('DependencyNotReady', dependency, DEPENDENCY_REQUEUE_MS, logMsg);
  }
  const resolved = resolveChart(ctx, hr);
  if (!resolved.ok) return waiting(resolved.reason, resolved.message, intervalOf(hr), resolved.message);
  const chart = resolved.chart;
  const id = releaseIdentity(hr);
  const values = isRecord(field(hr, 'spec', 'values'))
    ? (field(hr, 'spec', 'values') as Record<string, unknown>)
    : {};
  const input: ActionInput = { ctx, index, id, chart, values, attempt };
  let history = readHistory(hr);
  const desired = { chartVersion: chart.version, configDigest: configDigest(values) };
  let state = determineReleaseState(index, id.storageNamespace, id.releaseName, history, desired);
  let unlocked: string | undefined;
  if (state.status === 'locked') {
    const result = unlockRelease(input, state.latest.version, history);
    if (result) {
      history = result.history;
      unlocked = result.message;
      attempt.event(hr, {
        type: 'Normal',
        reason: 'PendingRelease',
        message: result.message,
        revision: chart.version,
      });
      state = determineReleaseState(index, id.storageNamespace, id.releaseName, history, desired);
    }
  }
  if (state.status === 'unmanaged') {
    attempt.log('info', `release not managed by controller: ${state.reason}`);
    // A manual rollback that deployed is an operator intervention: whatever made the last upgrade fail may be
    // gone. One that failed (Helm wrote a failed rollback revision) changed nothing that matters.
    if (state.latest.status === 'deployed') faults.intervene(ref);
    history = [];
  } else if (state.status === 'out-of-sync') {
    attempt.log('info', `release out-of-sync with desired state: ${state.reason}`);
  } else if (state.status === 'absent') {
    attempt.log('info', `release not installed: ${state.reason}`);
  }
  const changed =
    getStr(hr, 'status', 'lastAttemptedRevision') !== chart.attemptedRevision ||
    getStr(hr, 'status', 'lastAttemptedConfigDigest') !== desired.configDigest;
  const asked: Requests = { ...requests, changed };
  const decision = decide(hr, state.status, asked);
  const common = (draft: SimObject) => {
    applyRequests(draft, asked, attempt.token);
    const status = statusOf(draft);
    if (chart.helmChart) status.helmChart = chart.helmChart;
    status.storageNamespace = id.storageNamespace;
    status.lastAttemptedGeneration = hr.metadata.generation;
    status.lastAttemptedRevision = chart.attemptedRevision;
    status.lastAttemptedConfigDigest = desired.configDigest;
    if (unlocked)
      setCondition(
        draft,
        { type: 'Released', status: 'False', reason: 'PendingRelease', message: unlocked },
        attempt.nowIso(),
      );
  };
  if (decision.kind === 'action') return actionPlan(faults, ref, input, decision.action, history, common, hr);
  return {
    ...(unlocked ? { progress: { reconciling: 'reconciliation in progress', always: true } } : {}),
    finish(draft) {
      common(draft);
      statusOf(draft).history = history;
      if (decision.kind === 'stalled') return stall(draft, attempt, decision.action);
      attempt.log('info', 'release in-sync with desired state');
      return mirrorReleased(draft, attempt, history, intervalOf(hr));
    },
  };
}

type Decision =
  | { readonly kind: 'action'; readonly action: ReleaseAction }
  | { readonly kind: 'stalled'; readonly action: ReleaseAction }
  | { readonly kind: 'none' };

function decide(hr: SimObject, state: string, requests: Requests): Decision {
  const exhausted = (action: ReleaseAction): boolean => {
    if (requests.reset || requests.changed) return false;
    const retries = getNum(hr, 'spec', action, 'remediation', 'retries') ?? 0;
    const failures = getNum(hr, 'status', action === 'install' ? 'installFailures' : 'upgradeFailures') ?? 0;
    return retries >= 0 && failures > retries;
  };
  const attemptOrStall = (action: ReleaseAction): Decision =>
    exhausted(action) && !requests.force ? { kind: 'stalled', action } : { kind: 'action', action };
  switch (state) {
    case 'absent':
      return attemptOrStall('install');
    case 'unmanaged':
      return { kind: 'action', action: 'upgrade' };
    case 'failed': {
      const last = getStr(hr, 'status', 'lastAttemptedReleaseAction') === 'install' ? 'install' : 'upgrade';
      const failures = getNum(hr, 'status', last === 'install' ? 'installFailures' : 'upgradeFailures') ?? 0;
      return failures === 0 || requests.reset || requests.changed
        ? { kind: 'action', action: 'upgrade' }
        : attemptOrStall(last);
    }
    case 'out-of-sync':
      return attemptOrStall('upgrade');
    default:
      return requests.force ? { kind: 'action', action: 'upgrade' } : { kind: 'none' };
  }
}

function actionPlan(
  faults: FaultRegistry,
  ref: { kind: 'HelmRelease'; namespace: string; name: string },
  input: ActionInput,
  action: ReleaseAction,
  history: Snapshot[],
  common: (draft: SimObject) => void,
  hr: SimObject,
): AttemptPlan {
  const { attempt, chart } = input;
  const timeout = formatGoDuration(
    parseGoDuration(field(hr, 'spec', action, 'timeout')) ??
      parseGoDuration(field(hr, 'spec', 'timeout')) ??
      300_000,
  );
  const running = `Running '${action}' action with timeout of ${timeout}`;
  const pending = beginAction(input, action);
  const started = [...history];
  attempt.log('info', `running '${action}' action with timeout of ${timeout}`);
  return {
    // Before a release action helm-controller marks Ready Unknown with the action's message (atomic_release.go).
    progress: {
      reconciling: running,
      ready: running,
      always: true,
      mutate(draft) {
        const status = statusOf(draft);
        status.lastAttemptedReleaseAction = action;
        status.history = [
          snapshotPending(pending),
          ...started.filter((s) => s.version !== pending.version),
        ].slice(0, 5);
      },
    },
    finish(draft) {
      common(draft);
      statusOf(draft).lastAttemptedReleaseAction = action;
      const fault = faults.get(ref);
      const fails = fault && (fault.chartVersion === undefined || fault.chartVersion === chart.version);
      const next = endAction(input, action, pending, fails ? fault.message : undefined, draft, started);
      statusOf(draft).history = next;
      if (!fails) return mirrorReleased(draft, attempt, next, intervalOf(hr));
      const retries = getNum(hr, 'spec', action, 'remediation', 'retries') ?? 0;
      const failures =
        getNum(draft, 'status', action === 'install' ? 'installFailures' : 'upgradeFailures') ?? 0;
      mirrorReleased(draft, attempt, next, 0);
      if (retries >= 0 && failures > retries) return stall(draft, attempt, action);
      return { state: 'retry', requeueAfterMs: Math.min(300_000, 10_000 * failures) };
    },
  };
}

/** The history entry of a release whose action is still running: no digest until it is done. */
function snapshotPending(release: HelmRelease): Snapshot {
  return { ...snapshotOf(release), digest: '' };
}

/** Ready summarises Released (helm-controller's summarize), or the latest snapshot when Released is absent. */
function mirrorReleased(
  draft: SimObject,
  attempt: Attempt,
  history: readonly Snapshot[],
  requeueAfterMs: number,
): AttemptOutcome {
  const nowIso = attempt.nowIso();
  let released = findCondition(draft, 'Released');
  const latest = history[0];
  if (!released && latest?.status === 'deployed') {
    const message = `Helm install succeeded for release ${latest.namespace}/${latest.name}.v${latest.version} with chart ${latest.chartName}@${latest.chartVersion}`;
    setCondition(draft, { type: 'Released', status: 'True', reason: 'InstallSucceeded', message }, nowIso);
    released = findCondition(draft, 'Released');
  }
  if (released) {
    setCondition(
      draft,
      { type: 'Ready', status: released.status, reason: released.reason, message: released.message },
      nowIso,
    );
  }
  return released?.status === 'False'
    ? { state: 'retry', requeueAfterMs }
    : { state: 'ready', requeueAfterMs };
}

function stall(draft: SimObject, attempt: Attempt, action: ReleaseAction): AttemptOutcome {
  const failures = getNum(draft, 'status', action === 'install' ? 'installFailures' : 'upgradeFailures') ?? 0;
  const message = `Failed to ${action} after ${failures} attempt(s)`;
  setCondition(
    draft,
    { type: 'Stalled', status: 'True', reason: 'RetriesExceeded', message },
    attempt.nowIso(),
  );
  const released = findCondition(draft, 'Released');
  if (released) {
    setCondition(
      draft,
      { type: 'Ready', status: 'False', reason: released.reason, message: released.message },
      attempt.nowIso(),
    );
  }
  attempt.log('error', 'Reconciler error', {
    error: `terminal error: exceeded maximum retries: cannot ${action === 'install' ? 'install' : 'upgrade'} release`,
  });
  return { state: 'stalled' };
}

/** Deleting a HelmRelease uninstalls its release (unless suspended) and removes its HelmChart. */
function uninstall(ctx: SimContext, index: ReleaseIndex, hr: SimObject): void {
  const id = releaseIdentity(hr);
  if (field(hr, 'spec', 'suspend') !== true) {
    for (const revision of index.revisions(id.storageNamespace, id.releaseName)) {
      if (ctx.store.get(CORE_RESOURCES.secrets, id.storageNamespace, revision.secretName)) {
        ctx.store.delete(CORE_RESOURCES.secrets, id.storageNamespace, revision.secretName);
      }
    }
  }
  const chart = helmChartRef(hr);
  if (chart && ctx.store.get(HELM_CHARTS, chart.namespace, chart.name)) {
    ctx.store.delete(HELM_CHARTS, chart.namespace, chart.name);
  }
}
