// The simulated Flux Operator (docs/flux-operator.md): FluxInstance, ResourceSet, ResourceSetInputProvider
// and FluxReport, after flux-operator internal/controller. Any annotation change or new generation triggers
// a reconcile (AnnotationChangedPredicate); `fluxcd.controlplane.io/reconcile: disabled` pauses an object —
// the reconcile still runs, logs "Reconciliation is disabled", records a Warning event and copies requestedAt
// into lastHandledReconcileAt, but leaves every condition as it was (a paused object keeps saying Ready=True).
// The report is unkinder still: paused it does nothing at all, and it never records a handled request.
import { OPERATOR_RECONCILE } from '../../flux/annotations.js';
import { KIND_RULES } from '../../flux/kind-rules.js';
import { isKindName, KINDS, type KindName, kindInfo } from '../../flux/kinds.js';
import { applyIfEnabled, type Manager } from '../managed-objects.js';
import { CORE_RESOURCES, resourceIdOf } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import {
  controllerImage,
  FLUX_DISTRIBUTION_VERSION,
  FLUX_OPERATOR,
  FLUX_OPERATOR_VERSION,
  isSimController,
  type SimControllerName,
} from './catalog.js';
import { conditionIs, findCondition, removeCondition, setCondition } from './conditions.js';
import {
  type Attempt,
  type AttemptOutcome,
  type AttemptPlan,
  DEPENDENCY_REQUEUE_MS,
  type KindHandler,
  objectStoreKey,
} from './contract.js';
import { hashHex, sha256Hex } from './ids.js';
import { getList, getNum, getStr, isRecord, statusOf } from './json.js';
import type { FaultRegistry } from './object-faults.js';

const MINUTE = 60_000;
const IN_PROGRESS = 'Reconciliation in progress';
export const DISABLED_MESSAGE = 'Reconciliation is disabled';
/** Components a FluxInstance installs when spec.components is empty (flux-operator GetComponents). */
export const DEFAULT_COMPONENTS: readonly SimControllerName[] = [
  'source-controller',
  'kustomize-controller',
  'helm-controller',
  'notification-controller',
];

/** `disabled` pauses, compared as the operator does (lower-cased). */
export const isPaused = (o: SimObject): boolean =>
  (o.metadata.annotations?.[OPERATOR_RECONCILE] ?? '').toLowerCase() === 'disabled';

/** `fluxcd.controlplane.io/reconcileEvery`, else the kind's default; none while paused. */
function everyMs(o: SimObject, fallbackMs: number): number | undefined {
  if (isPaused(o)) return undefined;
  const raw = o.metadata.annotations?.['fluxcd.controlplane.io/reconcileEvery'] ?? '';
  const m = /^(\d+)(s|m|h)$/.exec(raw);
  if (!m) return fallbackMs;
  const unit = m[2] === 's' ? 1000 : m[2] === 'm' ? MINUTE : 60 * MINUTE;
  return Number(m[1]) * unit;
}

/** `Reconciliation finished in 2s` (fmtDuration: milliseconds below a second, whole seconds above). */
export function finishedIn(ms: number, what = 'Reconciliation finished'): string {
  return ms < 1000 ? `${what} in ${Math.max(1, Math.round(ms))}ms` : `${what} in ${Math.round(ms / 1000)}s`;
}

const ref = (o: SimObject, kind: KindName) => ({
  kind,
  namespace: o.metadata.namespace ?? '',
  name: o.metadata.name,
});

/** What a paused object's reconcile does: log, Warning event, nothing else (the engine records the request). */
function pausedAttempt(attempt: Attempt): AttemptPlan {
  return {
    durationMs: 20,
    finish(draft) {
      attempt.log('error', DISABLED_MESSAGE, { error: "can't reconcile instance" });
      attempt.event(draft, { type: 'Warning', reason: 'ReconciliationDisabled', message: DISABLED_MESSAGE });
      return { state: 'skipped' };
    },
  };
}

/** Failed: Ready=False with the reason; terminal ones also Stalled (reconcile.TerminalError). */
function fail(
  draft: SimObject,
  attempt: Attempt,
  reason: string,
  message: string,
  terminal: boolean,
): AttemptOutcome {
  const now = attempt.nowIso();
  setCondition(draft, { type: 'Ready', status: 'False', reason, message }, now);
  if (terminal) {
    removeCondition(draft, 'Reconciling');
    setCondition(draft, { type: 'Stalled', status: 'True', reason, message }, now);
  }
  attempt.log('error', 'Reconciler error', { error: message });
  attempt.event(draft, { type: 'Warning', reason, message });
  return terminal ? { state: 'stalled' } : { state: 'retry', requeueAfterMs: 30_000 };
}

function succeed(draft: SimObject, attempt: Attempt, revision: string, intervalMs: number | undefined) {
  const message = finishedIn(attempt.now() - attempt.startedAt);
  setCondition(
    draft,
    { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message },
    attempt.nowIso(),
  );
  attempt.log('info', message, revision ? { revision } : {});
  attempt.event(draft, {
    type: 'Normal',
    reason: 'ReconciliationSucceeded',
    message,
    ...(revision ? { revision } : {}),
  });
  return intervalMs === undefined
    ? ({ state: 'ready' } as const)
    : ({ state: 'ready', requeueAfterMs: intervalMs } as const);
}

/** status.history: latest first, at most five, one entry per digest and status (meta.History.Upsert). */
function upsertHistory(
  draft: SimObject,
  digest: string,
  at: string,
  durationMs: number,
  reason: string,
  metadata: Record<string, string>,
): void {
  const status = statusOf(draft);
  const list = Array.isArray(status.history) ? [...(status.history as Record<string, unknown>[])] : [];
  const i = list.findIndex(
    (h) => isRecord(h) && h['digest'] === digest && h['lastReconciledStatus'] === reason,
  );
  const previous = i >= 0 ? list.splice(i, 1)[0] : undefined;
  const entry = {
    digest,
    firstReconciled: (previous?.['firstReconciled'] as string | undefined) ?? at,
    lastReconciled: at,
    lastReconciledDuration: `${(durationMs / 1000).toFixed(3).replace(/\.?0+$/, '')}s`,
    lastReconciledStatus: reason,
    totalReconciliations: (Number(previous?.['totalReconciliations']) || 0) + 1,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
  status.history = [entry, ...list].slice(0, 5);
}

// ---------------------------------------------------------------------------------------------- FluxInstance

/** The controllers a FluxInstance installs, as far as the simulator runs them. */
export function instanceComponents(instance: SimObject): SimControllerName[] {
  const listed = getList(instance, 'spec', 'components').filter((c): c is string => typeof c === 'string');
  return (listed.length > 0 ? listed : DEFAULT_COMPONENTS).filter(isSimController);
}

/** `v2.8.3`: the version the simulated distribution resolves `2.x`, `2.8.x` or an exact version to. */
export function resolvedVersion(ctx: SimContext): string {
  return FLUX_DISTRIBUTION_VERSION[ctx.fluxVersions];
}

/**
 * The sync objects a FluxInstance with `spec.sync` applies (flux-operator internal/builder/templates.go,
 * syncTmpl): a source of the sync's kind and a Kustomization, both named spec.sync.name or else after the
 * instance's namespace (fluxinstance_controller.go), in that namespace.
 */
export function instanceSyncEntries(instance: SimObject): { id: string; v: string }[] {
  const ns = instance.metadata.namespace ?? 'flux-system';
  const kind = getStr(instance, 'spec', 'sync', 'kind');
  if (!isKindName(kind)) return [];
  const name = getStr(instance, 'spec', 'sync', 'name') || ns;
  return [
    { id: `${ns}_${name}_${kindInfo(kind).group}_${kind}`, v: kindInfo(kind).versions[0] ?? 'v1' },
    { id: `${ns}_${name}_${kindInfo('Kustomization').group}_Kustomization`, v: 'v1' },
  ];
}

/** What a FluxInstance's successful reconcile writes: revision, components, inventory. */
export function instanceStatus(ctx: SimContext, instance: SimObject) {
  const version = resolvedVersion(ctx);
  const revision = `${version}@sha256:${sha256Hex(JSON.stringify(instance['spec'] ?? {}))}`;
  const components = instanceComponents(instance).map((c) => {
    const image = controllerImage(c, ctx.fluxVersions);
    const [repository = image, tag = ''] = image.split(':');
    return { name: c, repository, tag, digest: `sha256:${hashHex(image)}` };
  });
  const ns = instance.metadata.namespace ?? 'flux-system';
  const entries = [
    { id: `_${ns}__Namespace`, v: 'v1' },
    ...instanceComponents(instance).flatMap((c) => [
      { id: `${ns}_${c}__ServiceAccount`, v: 'v1' },
      { id: `${ns}_${c}_apps_Deployment`, v: 'v1' },
    ]),
    ...instanceSyncEntries(instance),
  ];
  return { version, revision, components, inventory: { entries } };
}

export function fluxInstanceHandler(ctx: SimContext, faults: FaultRegistry): KindHandler {
  return {
    kind: 'FluxInstance',
    resource: resourceIdOf(kindInfo('FluxInstance')),
    controller: FLUX_OPERATOR,
    operator: { paused: isPaused, recordsHandledRequests: true, watchesGeneration: true },
    intervalOf: (o) => everyMs(o, 60 * MINUTE),
    start(instance, attempt) {
      if (isPaused(instance)) return pausedAttempt(attempt);
      return {
        progress: { reconciling: IN_PROGRESS, ready: IN_PROGRESS },
        durationMs: 2500 + Math.floor(ctx.random() * 2000),
        finish(draft) {
          const fault = faults.get(ref(draft, 'FluxInstance'));
          if (fault) return fail(draft, attempt, fault.reason, fault.message, !fault.transient);
          const next = instanceStatus(ctx, draft);
          const status = statusOf(draft);
          if (status.lastAttemptedRevision !== next.revision) {
            const msg = status.lastAttemptedRevision
              ? `Upgrading to revision ${next.revision}`
              : `Installing revision ${next.revision}`;
            attempt.log('info', msg);
            attempt.event(draft, { type: 'Normal', reason: 'Progressing', message: msg });
          }
          Object.assign(status, {
            lastAttemptedRevision: next.revision,
            lastAppliedRevision: next.revision,
            components: next.components,
            inventory: next.inventory,
          });
          upsertHistory(
            draft,
            `sha256:${next.revision.split(':').pop() ?? ''}`,
            attempt.nowIso(),
            attempt.now() - attempt.startedAt,
            'ReconciliationSucceeded',
            { flux: next.version },
          );
          applyIfEnabled(
            ctx,
            manager(draft, 'FluxInstance'),
            next.inventory.entries.map((e) => e.id),
            attempt.now(),
          );
          return succeed(draft, attempt, next.revision, everyMs(draft, 60 * MINUTE));
        },
      };
    },
  };
}

function manager(o: SimObject, kind: Manager['kind']): Manager {
  return { kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name };
}

// ----------------------------------------------------------------------------------------------- ResourceSet

type Inputs = Record<string, unknown>;

/** The inputs a ResourceSet renders with (Flatten strategy): its own, then each named provider's exports. */
export function resourceSetInputs(
  ctx: SimContext,
  rset: SimObject,
): { ok: true; inputs: Inputs[] } | { ok: false; error: string } {
  const inputs: Inputs[] = getList(rset, 'spec', 'inputs')
    .filter(isRecord)
    .map((i) => ({ ...i }));
  const ns = rset.metadata.namespace ?? '';
  for (const from of getList(rset, 'spec', 'inputsFrom')) {
    const name = getStr(from, 'name');
    if (name === '') continue;
    const provider = ctx.store.get(resourceIdOf(kindInfo('ResourceSetInputProvider')), ns, name);
    if (!provider) {
      return {
        ok: false,
        error: `failed to get provider ${ns}/${name}: resourcesetinputproviders.fluxcd.controlplane.io "${name}" not found`,
      };
    }
    for (const exported of getList(provider, 'status', 'exportedInputs'))
      if (isRecord(exported)) inputs.push({ ...exported });
  }
  return { ok: true, inputs };
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);
const ACTION = /<<-?\s*inputs\.([A-Za-z0-9_.]+)\s*((?:\|[^>]*)?)-?>>/g;

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Renders `<< inputs.key >>` (optionally `| slugify`) in every string of a template, as the operator's Go
 * template with missingkey=error does; a missing key fails the way text/template words it.
 */
function render(template: unknown, input: Inputs, index: number): unknown {
  const text = JSON.stringify(template, null, 2);
  const lines = text.split('\n');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(ACTION, (_all, key: string, pipe: string) => {
        const value = key.split('.').reduce<unknown>((o, k) => (isRecord(o) ? o[k] : undefined), input);
        if (value === undefined) {
          const line = lines.findIndex((l) => l.includes(`inputs.${key}`));
          const col = (lines[line] ?? '').indexOf(`inputs.${key}`) + 1;
          throw new Error(
            `failed to build resources[${index}]: failed to execute template: template: resourceset:${line + 1}:${col}: executing "resourceset" at <inputs.${key}>: map has no entry for key "${key.split('.').pop()}"`,
          );
        }
        const s = typeof value === 'string' ? value : JSON.stringify(value);
        return pipe.includes('slugify') ? slug(s) : s;
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(template);
}

/** The inventory entries of what the templates render to for every input (deduplicated, in order). */
export function renderResourceSet(rset: SimObject, inputs: readonly Inputs[]): { id: string; v: string }[] {
  const ns = rset.metadata.namespace ?? '';
  const out = new Map<string, { id: string; v: string }>();
  const templates = getList(rset, 'spec', 'resources');
  for (const input of inputs) {
    templates.forEach((template, i) => {
      const object = render(template, input, i);
      const apiVersion = getStr(object, 'apiVersion');
      const kind = getStr(object, 'kind');
      const name = getStr(object, 'metadata', 'name');
      if (!kind || !name) return;
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      const namespace = CLUSTER_SCOPED.has(kind) ? '' : getStr(object, 'metadata', 'namespace') || ns;
      const id = `${namespace}_${name.replaceAll(':', '__')}_${group}_${kind}`;
      out.set(id, { id, v: version ?? 'v1' });
    });
  }
  return [...out.values()];
}

/** The first dependency not ready, in the operator's words; undefined when all are. */
function dependencyProblem(ctx: SimContext, rset: SimObject): string | undefined {
  for (const dep of getList(rset, 'spec', 'dependsOn')) {
    const kind = getStr(dep, 'kind');
    const apiVersion = getStr(dep, 'apiVersion');
    const name = getStr(dep, 'name');
    const namespace = getStr(dep, 'namespace');
    const what = `${apiVersion}/${kind}/${namespace ? `${namespace}/` : ''}${name}`;
    const info = isKindName(kind) ? kindInfo(kind) : undefined;
    const object = info ? ctx.store.get(resourceIdOf(info), namespace || undefined, name) : undefined;
    if (!object) return `dependency ${what} not found`;
    if (dep && isRecord(dep) && dep['ready'] === true && !conditionIs(object, 'Ready', 'True'))
      return `dependency ${what} not ready`;
  }
  return undefined;
}

export function resourceSetHandler(ctx: SimContext, faults: FaultRegistry): KindHandler {
  const providers = resourceIdOf(kindInfo('ResourceSetInputProvider'));
  return {
    kind: 'ResourceSet',
    resource: resourceIdOf(kindInfo('ResourceSet')),
    controller: FLUX_OPERATOR,
    operator: { paused: isPaused, recordsHandledRequests: true, watchesGeneration: true },
    // A provider's new exports reconcile the ResourceSets that take its inputs (the operator watches them).
    sourcesOf: (rset) =>
      getList(rset, 'spec', 'inputsFrom')
        .map((f) => getStr(f, 'name'))
        .filter((n) => n !== '')
        .map((n) => objectStoreKey(providers, rset.metadata.namespace, n)),
    revisionOf: (rset) => getStr(rset, 'status', 'lastAppliedRevision'),
    intervalOf: (o) => everyMs(o, 60 * MINUTE),
    start(rset, attempt) {
      if (isPaused(rset)) return pausedAttempt(attempt);
      const dependency = dependencyProblem(ctx, rset);
      if (dependency) {
        return {
          durationMs: 50,
          finish(draft) {
            const message = `Retrying dependency check: ${dependency}`;
            if (findCondition(draft, 'Ready')?.reason !== 'DependencyNotReady') {
              attempt.log('error', 'dependency check failed', { error: dependency });
              attempt.event(draft, { type: 'Normal', reason: 'DependencyNotReady', message });
            }
            setCondition(
              draft,
              { type: 'Ready', status: 'False', reason: 'DependencyNotReady', message },
              attempt.nowIso(),
            );
            return { state: 'retry', requeueAfterMs: DEPENDENCY_REQUEUE_MS };
          },
        };
      }
      return {
        progress: { reconciling: IN_PROGRESS, ready: IN_PROGRESS },
        durationMs: 1500 + Math.floor(ctx.random() * 1500),
        finish(draft) {
          const stall = (prefix: string, error: string) => {
            const digest = `sha256:${sha256Hex(JSON.stringify(draft['spec'] ?? {}))}`;
            upsertHistory(
              draft,
              digest,
              attempt.nowIso(),
              attempt.now() - attempt.startedAt,
              'BuildFailed',
              {},
            );
            return fail(draft, attempt, 'BuildFailed', `${prefix}: ${error}`, true);
          };
          const fault = faults.get(ref(draft, 'ResourceSet'));
          if (fault) return stall('build failed', fault.message);
          const inputs = resourceSetInputs(ctx, draft);
          if (!inputs.ok) return stall('failed to compute inputs', inputs.error);
          let entries: { id: string; v: string }[];
          try {
            entries = renderResourceSet(draft, inputs.inputs);
          } catch (error) {
            return stall('build failed', error instanceof Error ? error.message : String(error));
          }
          const revision = `sha256:${sha256Hex(JSON.stringify(entries))}`;
          const status = statusOf(draft);
          status.inventory = { entries };
          status.lastAppliedRevision = revision;
          upsertHistory(
            draft,
            revision,
            attempt.nowIso(),
            attempt.now() - attempt.startedAt,
            'ReconciliationSucceeded',
            {
              inputs: String(inputs.inputs.length),
              resources: String(entries.length),
            },
          );
          applyIfEnabled(
            ctx,
            manager(draft, 'ResourceSet'),
            entries.map((e) => e.id),
            attempt.now(),
          );
          return succeed(draft, attempt, '', everyMs(draft, 60 * MINUTE));
        },
      };
    },
  };
}

// -------------------------------------------------------------------------------- ResourceSetInputProvider

/** `sha256:…` of the exported inputs, as the operator digests their YAML. */
export function exportedRevision(exported: unknown): string {
  return `sha256:${sha256Hex(JSON.stringify(exported ?? []))}`;
}

export function inputProviderHandler(ctx: SimContext, faults: FaultRegistry): KindHandler {
  return {
    kind: 'ResourceSetInputProvider',
    resource: resourceIdOf(kindInfo('ResourceSetInputProvider')),
    controller: FLUX_OPERATOR,
    operator: { paused: isPaused, recordsHandledRequests: true, watchesGeneration: true },
    revisionOf: (rsip) => getStr(rsip, 'status', 'lastExportedRevision'),
    intervalOf: (o) => everyMs(o, 10 * MINUTE),
    start(rsip, attempt) {
      if (isPaused(rsip)) return pausedAttempt(attempt);
      return {
        progress: { reconciling: IN_PROGRESS, ready: IN_PROGRESS },
        durationMs: 800 + Math.floor(ctx.random() * 1200),
        finish(draft) {
          const fault = faults.get(ref(draft, 'ResourceSetInputProvider'));
          if (fault) return fail(draft, attempt, fault.reason, fault.message, !fault.transient);
          const status = statusOf(draft);
          // The remote (a Git host's pull requests, an OCI registry's tags) answers with what it answered
          // before; a Static provider exports its defaults and an id.
          const exported =
            getStr(draft, 'spec', 'type') === 'Static'
              ? [
                  {
                    ...(isRecord(draft['spec']) ? (draft['spec']['defaultValues'] as object) : {}),
                    id: hashHex(draft.metadata.uid).slice(0, 8),
                  },
                ]
              : getList(draft, 'status', 'exportedInputs');
          status['exportedInputs'] = exported;
          const revision = exportedRevision(exported);
          const changed = status['lastExportedRevision'] !== revision;
          status['lastExportedRevision'] = revision;
          const message = finishedIn(attempt.now() - attempt.startedAt);
          setCondition(
            draft,
            { type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message },
            attempt.nowIso(),
          );
          attempt.log('info', message, { revision });
          if (changed || attempt.triggered)
            attempt.event(draft, {
              type: 'Normal',
              reason: 'ReconciliationSucceeded',
              message: `${message}, revision ${revision}`,
              revision,
            });
          return { state: 'ready', requeueAfterMs: everyMs(draft, 10 * MINUTE) ?? 10 * MINUTE };
        },
      };
    },
  };
}

// ------------------------------------------------------------------------------------------------ FluxReport

const REPORTED_KINDS: readonly KindName[] = KINDS.filter(
  (k) => k.kind !== 'FluxReport' && k.kind !== 'ExternalArtifact' && k.kind !== 'ArtifactGenerator',
).map((k) => k.kind);

function humanSize(bytes: number): string {
  if (bytes <= 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = 'KMGTPE';
  let value = bytes / 1024;
  let exp = 0;
  while (value >= 1024 && exp < units.length - 1) {
    value /= 1024;
    exp++;
  }
  return `${value.toFixed(1)} ${units[exp]}iB`;
}

/** The report's spec as the operator computes it from what the cluster holds (internal/reporter). */
export function computeReport(ctx: SimContext, namespace: string) {
  const deployments = ctx.store
    .list(CORE_RESOURCES.deployments, namespace)
    .filter((d) => d.metadata.labels?.['app.kubernetes.io/part-of'] === 'flux')
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const components = deployments.map((d) => {
    const ready = (getNum(d, 'status', 'readyReplicas') ?? 0) > 0 && (getNum(d, 'spec', 'replicas') ?? 1) > 0;
    const replicas = getNum(d, 'status', 'readyReplicas') ?? 0;
    return {
      name: d.metadata.name,
      ready,
      status: ready
        ? `Current Deployment is available. Replicas: ${replicas}`
        : 'InProgress Deployment does not have minimum availability.',
      image: getStr(getList(d, 'spec', 'template', 'spec', 'containers')[0], 'image'),
    };
  });
  const reconcilers = REPORTED_KINDS.flatMap((kind) => {
    const info = kindInfo(kind);
    const version = ctx.fluxVersions === 'legacy' ? info.legacyVersions[0] : info.versions[0];
    if (!version) return [];
    let running = 0;
    let failing = 0;
    let suspended = 0;
    let size = 0;
    for (const o of ctx.store.list(resourceIdOf(info))) {
      size += getNum(o, 'status', 'artifact', 'size') ?? 0;
      if (KIND_RULES[kind].suspended(o)) {
        suspended++;
        continue;
      }
      running++;
      const ready = findCondition(o, 'Ready');
      if (ready?.status === 'False' && ready.reason !== 'DependencyNotReady') failing++;
    }
    const stats = { running, failing, suspended, ...(size > 0 ? { totalSize: humanSize(size) } : {}) };
    return [{ apiVersion: `${info.group}/${version}`, kind, stats }];
  }).sort((a, b) => `${a.apiVersion}${a.kind}`.localeCompare(`${b.apiVersion}${b.kind}`));
  const instance = ctx.store.list(resourceIdOf(kindInfo('FluxInstance')), namespace)[0];
  const installed = deployments.length > 0;
  const syncKs = ctx.store.get(resourceIdOf(kindInfo('Kustomization')), namespace, 'flux-system');
  const syncReady = syncKs ? findCondition(syncKs, 'Ready') : undefined;
  const sourceRef = syncKs ? getStr(syncKs, 'spec', 'sourceRef', 'name') : '';
  const source = sourceRef
    ? ctx.store.get(resourceIdOf(kindInfo('GitRepository')), namespace, sourceRef)
    : undefined;
  return {
    cluster: { platform: 'linux/amd64', serverVersion: 'v1.33.1', nodes: 3 },
    components,
    distribution: {
      entitlement: 'Issued by controlplane',
      status: installed ? 'Installed' : 'Not Installed',
      ...(installed ? { version: resolvedVersion(ctx) } : {}),
      ...(instance ? { managedBy: 'flux-operator' } : installed ? { managedBy: 'flux bootstrap' } : {}),
    },
    operator: {
      apiVersion: 'fluxcd.controlplane.io/v1',
      platform: 'linux/amd64',
      version: FLUX_OPERATOR_VERSION,
    },
    reconcilers,
    ...(syncKs
      ? {
          sync: {
            id: `kustomization/${syncKs.metadata.name}`,
            path: getStr(syncKs, 'spec', 'path'),
            ready: syncReady?.status === 'True',
            status: syncReady?.message ?? 'not reconciled yet',
            ...(source ? { source: getStr(source, 'spec', 'url') } : {}),
          },
        }
      : {}),
  };
}

export function fluxReportHandler(ctx: SimContext): KindHandler {
  const resource = resourceIdOf(kindInfo('FluxReport'));
  return {
    kind: 'FluxReport',
    resource,
    controller: FLUX_OPERATOR,
    // Its own spec writes bump the generation: the report reconciles on annotations only.
    operator: { paused: isPaused, recordsHandledRequests: false, watchesGeneration: false },
    intervalOf: (o) => everyMs(o, 5 * MINUTE),
    start(report, attempt) {
      if (isPaused(report)) {
        return {
          durationMs: 10,
          finish() {
            attempt.log('info', 'Reconciliation in disabled, cannot proceed with the report computation.');
            return { state: 'skipped' };
          },
        };
      }
      return {
        durationMs: 150 + Math.floor(ctx.random() * 200),
        finish(draft) {
          const spec = computeReport(ctx, draft.metadata.namespace ?? 'flux-system');
          const written = ctx.store.mutate(resource, draft.metadata.namespace, draft.metadata.name, (o) => {
            Object.assign(o, { spec });
          });
          draft.metadata.generation = written.metadata.generation;
          const message = finishedIn(attempt.now() - attempt.startedAt, 'Reporting finished');
          setCondition(
            draft,
            { type: 'Ready', status: 'True', reason: 'Succeeded', message },
            attempt.nowIso(),
          );
          return { state: 'ready', requeueAfterMs: everyMs(draft, 5 * MINUTE) ?? 5 * MINUTE };
        },
      };
    },
  };
}
