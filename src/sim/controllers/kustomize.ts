// kustomize-controller: wait for the source artifact and the dependencies, build (simulated) and apply, then
// report lastAppliedRevision, lastAttemptedRevision, inventory and history (docs/inventory.md). A build
// failure keeps the last applied revision and records the attempted one.
import { kindInfo } from '../../flux/kinds.js';
import { applyIfEnabled, managedObjectsEnabled } from '../managed-objects.js';
import { resourceIdOf } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import { findCondition, isObservedReady, setCondition } from './conditions.js';
import {
  type Attempt,
  type AttemptOutcome,
  DEPENDENCY_REQUEUE_MS,
  type KindHandler,
  objectStoreKey,
} from './contract.js';
import { formatGoDuration, parseGoDuration } from './duration.js';
import { hashHex } from './ids.js';
import { field, getList, getNum, getStr, statusOf } from './json.js';
import type { FaultRegistry } from './object-faults.js';

const KUSTOMIZATIONS = resourceIdOf(kindInfo('Kustomization'));
const SOURCE_KINDS = new Set(['GitRepository', 'OCIRepository', 'Bucket']);
const DEFAULT_INTERVAL_MS = 10 * 60_000;

interface SourceRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly resource: string | undefined;
}

function sourceRefOf(ks: SimObject): SourceRef {
  const kind = getStr(ks, 'spec', 'sourceRef', 'kind') || 'GitRepository';
  const namespace = getStr(ks, 'spec', 'sourceRef', 'namespace') || (ks.metadata.namespace ?? 'default');
  const resource =
    kind === 'GitRepository' || kind === 'OCIRepository' || kind === 'Bucket'
      ? resourceIdOf(kindInfo(kind))
      : undefined;
  return { kind, namespace, name: getStr(ks, 'spec', 'sourceRef', 'name'), resource };
}

const intervalOf = (ks: SimObject): number =>
  parseGoDuration(field(ks, 'spec', 'interval')) ?? DEFAULT_INTERVAL_MS;
const retryIntervalOf = (ks: SimObject): number =>
  parseGoDuration(field(ks, 'spec', 'retryInterval')) ?? intervalOf(ks);

export function kustomizationHandler(ctx: SimContext, faults: FaultRegistry): KindHandler {
  return {
    kind: 'Kustomization',
    resource: KUSTOMIZATIONS,
    controller: 'kustomize-controller',
    sourcesOf(ks) {
      const ref = sourceRefOf(ks);
      return ref.resource ? [objectStoreKey(ref.resource, ref.namespace, ref.name)] : [];
    },
    intervalOf,
    start(ks, attempt) {
      const ref = sourceRefOf(ks);
      const source =
        ref.resource && SOURCE_KINDS.has(ref.kind)
          ? ctx.store.get(ref.resource, ref.namespace, ref.name)
          : undefined;
      const revision = source ? getStr(source, 'status', 'artifact', 'revision') : '';
      const timeout = formatGoDuration(parseGoDuration(field(ks, 'spec', 'timeout')) ?? intervalOf(ks));
      // kustomize-controller's reconcile() marks Ready Unknown and Reconciling, and patches, before it
      // fetches, builds and applies — on every attempt, retries and requested ones alike. A missing source
      // or artifact and unready dependencies are found before that: those attempts only write the result.
      const progress = {
        reconciling: `Fetching manifests for revision ${revision} with a timeout of ${timeout}`,
        ready: 'Reconciliation in progress',
        retries: true,
      };
      const fail = (reason: string, message: string, requeueAfterMs: number, logMsg = message) => ({
        finish(draft: SimObject): AttemptOutcome {
          setCondition(draft, { type: 'Ready', status: 'False', reason, message }, attempt.nowIso());
          attempt.log('info', logMsg);
          attempt.event(draft, { type: 'Normal', reason, message: logMsg });
          return { state: 'retry', requeueAfterMs };
        },
      });
      if (!source) {
        return fail(
          'ArtifactFailed',
          `Source '${ref.kind}/${ref.namespace}/${ref.name}' not found`,
          DEPENDENCY_REQUEUE_MS,
        );
      }
      if (!revision) {
        const message = `Source artifact not found, retrying in ${formatGoDuration(DEPENDENCY_REQUEUE_MS)}`;
        return fail('ArtifactFailed', message, DEPENDENCY_REQUEUE_MS);
      }
      const dependency = unreadyDependency(ctx, ks, ref, revision);
      if (dependency) {
        const msg = `Dependencies do not meet ready condition, retrying in ${formatGoDuration(DEPENDENCY_REQUEUE_MS)}`;
        return fail('DependencyNotReady', dependency, DEPENDENCY_REQUEUE_MS, msg);
      }
      const fault = faults.get({
        kind: 'Kustomization',
        namespace: ks.metadata.namespace ?? 'default',
        name: ks.metadata.name,
      });
      return {
        progress,
        finish: (draft) =>
          fault
            ? buildFailed(draft, attempt, revision, fault.reason, fault.message, retryIntervalOf(ks))
            : applied(ctx, draft, attempt, revision, intervalOf(ks)),
      };
    },
  };
}

function unreadyDependency(
  ctx: SimContext,
  ks: SimObject,
  source: SourceRef,
  revision: string,
): string | undefined {
  for (const dep of getList(ks, 'spec', 'dependsOn')) {
    const name = getStr(dep, 'name');
    if (!name) continue;
    const namespace = getStr(dep, 'namespace') || (ks.metadata.namespace ?? 'default');
    const found = ctx.store.get(KUSTOMIZATIONS, namespace, name);
    if (!found) {
      return `dependency '${namespace}/${name}' not found: kustomizations.kustomize.toolkit.fluxcd.io "${name}" not found`;
    }
    if (!isObservedReady(found)) return `dependency '${namespace}/${name}' is not ready`;
    const depSource = sourceRefOf(found);
    const sameSource =
      depSource.kind === source.kind &&
      depSource.namespace === source.namespace &&
      depSource.name === source.name;
    if (sameSource && getStr(found, 'status', 'lastAppliedRevision') !== revision) {
      return `dependency '${namespace}/${name}' revision is not up to date`;
    }
  }
  return undefined;
}

function elapsed(attempt: Attempt): string {
  return formatGoDuration(attempt.now() - attempt.startedAt);
}

function applied(
  ctx: SimContext,
  draft: SimObject,
  attempt: Attempt,
  revision: string,
  interval: number,
): AttemptOutcome {
  const status = statusOf(draft);
  const changed = getStr(status, 'lastAppliedRevision') !== revision;
  status.lastAppliedRevision = revision;
  status.lastAttemptedRevision = revision;
  if (!getList(status, 'inventory', 'entries').length)
    status.inventory = { entries: defaultInventory(draft, managedObjectsEnabled(ctx)) };
  const ids = getList(status, 'inventory', 'entries').map((e) => getStr(e, 'id'));
  const manager = {
    kind: 'Kustomization' as const,
    namespace: draft.metadata.namespace ?? 'default',
    name: draft.metadata.name,
  };
  applyIfEnabled(ctx, manager, ids, attempt.now());
  const message = `Applied revision: ${revision}`;
  setCondition(
    draft,
    { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message },
    attempt.nowIso(),
  );
  const waits = field(draft, 'spec', 'wait') === true || getList(draft, 'spec', 'healthChecks').length > 0;
  if (waits && (changed || attempt.triggered || !findCondition(draft, 'Healthy'))) {
    const health = `Health check passed in ${elapsed(attempt)}`;
    setCondition(
      draft,
      { type: 'Healthy', status: 'True', reason: 'Succeeded', message: health },
      attempt.nowIso(),
    );
  }
  if (changed) {
    const output = Object.fromEntries(
      getList(status, 'inventory', 'entries').map((e) => [inventoryName(getStr(e, 'id')), 'configured']),
    );
    attempt.log('info', 'server-side apply completed', { output, revision });
  }
  const finished = `Reconciliation finished in ${elapsed(attempt)}, next run in ${formatGoDuration(interval)}`;
  attempt.log('info', finished, { revision });
  if (changed || attempt.triggered) {
    upsertHistory(draft, attempt, revision, 'ReconciliationSucceeded');
    attempt.event(draft, { type: 'Normal', reason: 'ReconciliationSucceeded', message: finished, revision });
  }
  return { state: 'ready', requeueAfterMs: interval };
}

function buildFailed(
  draft: SimObject,
  attempt: Attempt,
  revision: string,
  reason: string,
  message: string,
  retry: number,
): AttemptOutcome {
  statusOf(draft).lastAttemptedRevision = revision;
  setCondition(draft, { type: 'Ready', status: 'False', reason, message }, attempt.nowIso());
  attempt.log(
    'error',
    `Reconciliation failed after ${elapsed(attempt)}, next try in ${formatGoDuration(retry)}`,
    {
      revision,
      error: message,
    },
  );
  if (attempt.triggered) upsertHistory(draft, attempt, revision, reason);
  attempt.event(draft, { type: 'Warning', reason, message, revision });
  return { state: 'retry', requeueAfterMs: retry };
}

/** `status.history`: one entry per distinct result, latest first, at most 5 (fluxcd/pkg apis/meta/history.go). */
function upsertHistory(draft: SimObject, attempt: Attempt, revision: string, outcome: string): void {
  const status = statusOf(draft);
  const digest = `sha256:${hashHex(revision, outcome, draft.metadata.name)}`;
  const entries = getList(status, 'history');
  const same = entries.find((e) => getStr(e, 'digest') === digest);
  const now = attempt.nowIso();
  const entry = {
    digest,
    firstReconciled: same ? getStr(same, 'firstReconciled') : now,
    lastReconciled: now,
    lastReconciledDuration: formatGoDuration(attempt.now() - attempt.startedAt),
    lastReconciledStatus: outcome,
    totalReconciliations: (same ? (getNum(same, 'totalReconciliations') ?? 0) : 0) + 1,
    metadata: { revision },
  };
  status.history = [entry, ...entries.filter((e) => e !== same)].slice(0, 5);
}

/**
 * What a Kustomization without an inventory applied: a namespace, a ConfigMap, a Service, and a Deployment
 * only when the objects are created (an inventory must not list a workload that never existed: the console
 * would call the Kustomization Degraded).
 */
function defaultInventory(ks: SimObject, workloads: boolean): { id: string; v: string }[] {
  const ns = getStr(ks, 'spec', 'targetNamespace') || (ks.metadata.namespace ?? 'default');
  const name = ks.metadata.name;
  return [
    { id: `_${ns}__Namespace`, v: 'v1' },
    { id: `${ns}_${name}__ConfigMap`, v: 'v1' },
    { id: `${ns}_${name}__Service`, v: 'v1' },
    ...(workloads ? [{ id: `${ns}_${name}_apps_Deployment`, v: 'v1' }] : []),
  ];
}

/** `Kind/namespace/name` of an inventory id, as kustomize-controller prints its change set. */
export function inventoryName(id: string): string {
  const first = id.indexOf('_');
  const last = id.lastIndexOf('_');
  const secondLast = id.lastIndexOf('_', last - 1);
  const namespace = id.slice(0, first);
  const name = id.slice(first + 1, secondLast).replaceAll('__', ':');
  const kind = id.slice(last + 1);
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}
