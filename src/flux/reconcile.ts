// The reconcile protocol as data (docs/reconcile-protocol.md): the merge patches the flux CLI and the Flux
// Operator UI send, how to read the outcome once the controller has handled a request, and which sources
// `--with-source` reconciles first. src/kube sends the patches; src/actions drives the waiting.
import {
  FORCE_AT,
  REQUESTED_AT,
  RESET_AT,
  SUSPEND_REASON,
  SUSPENDED_BY,
  WEAVE_SUSPENDED_BY,
  WEAVE_SUSPENDED_COMMENT,
} from './annotations.js';
import { findCondition, readConditions } from './conditions.js';
import { helmChartNameFor } from './helm.js';
import { KIND_RULES, readSpecRef } from './kind-rules.js';
import { isKindName, type KindName, kindInfo } from './kinds.js';
import { bool, field, num, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import { objectRevision, refFromSpec } from './status.js';
import type { ObjectRef } from './types.js';

/**
 * A JSON merge patch (`application/merge-patch+json`); null removes a key. A type alias, not an interface,
 * so it is assignable to the `Record<string, unknown>` a client's patch method takes.
 */
export type MergePatch = {
  readonly metadata?: { readonly annotations: Readonly<Record<string, string | null>> };
  readonly spec?: { readonly suspend: boolean };
};

/**
 * A new reconcile request token. The CLI writes `time.Now().Format(time.RFC3339Nano)`; this is the same
 * layout in UTC with millisecond precision (trailing zeros trimmed as Go does). Any new value triggers the
 * controller; two requests for one object within the same millisecond share a token.
 */
export function newReconcileToken(now: Date): string {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('newReconcileToken needs a valid date');
  const iso = now.toISOString(); // 2026-08-21T12:12:44.120Z
  const [seconds, frac = ''] = iso.slice(0, -1).split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${seconds}${trimmed ? `.${trimmed}` : ''}Z`;
}

/**
 * The patch of `flux reconcile`: requestedAt = token; for HelmReleases `--force` and `--reset` add forceAt /
 * resetAt with the *same* token, which is the only value helm-controller honours for them.
 */
export function reconcilePatch(token: string, opts: { force?: boolean; reset?: boolean } = {}): MergePatch {
  const annotations: Record<string, string> = { [REQUESTED_AT]: token };
  if (opts.force) annotations[FORCE_AT] = token;
  if (opts.reset) annotations[RESET_AT] = token;
  return { metadata: { annotations } };
}

/**
 * Suspend: `spec.suspend: true` plus who and why (`fluxcd.controlplane.io/suspendedBy`, as the Flux Operator
 * UI writes it, and `fluxdeck.dev/suspended-reason`), each only when given.
 * Resume: `spec.suspend: false` (as the CLI), removes those annotations and Weave GitOps' equivalents (so no
 * stale "suspended by" survives), and — when a token is given — sets requestedAt, so completion can be
 * followed through status.lastHandledReconcileAt (the Flux Operator UI's recommendation).
 */
export function suspendPatch(suspend: boolean, who?: string, reason?: string, token?: string): MergePatch {
  if (suspend) {
    const annotations: Record<string, string> = {};
    const by = sanitizeText(who ?? '', 200);
    const why = sanitizeText(reason ?? '', 500);
    if (by) annotations[SUSPENDED_BY] = by;
    if (why) annotations[SUSPEND_REASON] = why;
    return Object.keys(annotations).length > 0
      ? { spec: { suspend: true }, metadata: { annotations } }
      : { spec: { suspend: true } };
  }
  const annotations: Record<string, string | null> = {
    [SUSPENDED_BY]: null,
    [SUSPEND_REASON]: null,
    [WEAVE_SUSPENDED_BY]: null,
    [WEAVE_SUSPENDED_COMMENT]: null,
  };
  if (token) annotations[REQUESTED_AT] = token;
  return { spec: { suspend: false }, metadata: { annotations } };
}

/**
 * suspendPatch for a kind: spec.suspend where the kind has it; for kinds paused by an annotation (the Flux
 * Operator's `fluxcd.controlplane.io/reconcile`) that annotation set to `disabled`, or to `enabled` on resume,
 * as `flux-operator suspend|resume` and the operator's web UI write it — with the same who/why annotations,
 * removed again on resume, and requestedAt when a token is given.
 */
export function suspendPatchOf(
  kind: KindName,
  suspend: boolean,
  who?: string,
  reason?: string,
  token?: string,
): MergePatch {
  const rule = kindInfo(kind).suspendAnnotation;
  const patch = suspendPatch(suspend, who, reason, token);
  if (!rule) return patch;
  const annotations = { ...patch.metadata?.annotations, [rule.key]: suspend ? rule.disabled : rule.enabled };
  return { metadata: { annotations } };
}

export type ReconcilePhase = 'waiting' | 'in-progress' | 'succeeded' | 'failed' | 'stalled';

export interface ReconcileOutcome {
  readonly phase: ReconcilePhase;
  /** The controller's words (Ready or Stalled message), or ours while waiting. Single line, display-safe. */
  readonly message: string;
  /** The full revision the object reports now (see objectRevision). */
  readonly revision: string;
}

/**
 * Where a reconcile request stands, read from the object after the request with `token`:
 *
 * 1. suspended → failed (`resource is suspended`: the controller will never handle it);
 *    deletionTimestamp set → failed;
 * 2. a kind with constant READY (OCI HelmRepository, Alert, Provider) → succeeded at once, as the CLI;
 * 3. status.lastHandledReconcileAt ≠ token → waiting (equality, not "changed": another actor may have asked
 *    for a reconcile at the same time);
 * 4. Stalled=True → stalled;
 * 5. no Ready condition → failed (`status can't be determined`, as the CLI);
 * 6. current generation not observed yet → in-progress;
 * 7. Ready=True → succeeded; Ready=Unknown → in-progress;
 * 8. Ready=False → failed, unless Reconciling=True with reason Progressing (a new attempt is running).
 *    Unlike the CLI (which waits out its timeout while kustomize-controller says ProgressingWithRetry), a
 *    failure the controller has already reported for this request is final for this request.
 */
export function reconcileOutcome(raw: unknown, token: string): ReconcileOutcome {
  const kindField = str(raw, 'kind');
  const kind: KindName | undefined = isKindName(kindField) ? kindField : undefined;
  const revision = kind ? objectRevision(kind, raw) : '';
  const out = (phase: ReconcilePhase, message: string): ReconcileOutcome => ({
    phase,
    message: sanitizeText(message),
    revision,
  });

  if (kind && KIND_RULES[kind].suspended(raw)) return out('failed', 'resource is suspended');
  if (bool(raw, 'spec', 'suspend') === true) return out('failed', 'resource is suspended');
  if (field(raw, 'metadata', 'deletionTimestamp') !== undefined)
    return out('failed', 'resource is being deleted');
  const staticReady = kind ? KIND_RULES[kind].staticReady?.(raw) : undefined;
  if (staticReady) return out('succeeded', staticReady.message);

  if (token === '' || str(raw, 'status', 'lastHandledReconcileAt') !== token) {
    return out('waiting', 'waiting for the controller to handle the request');
  }
  const conditions = readConditions(raw);
  const stalled = findCondition(conditions, 'Stalled');
  if (stalled?.status === 'True') return out('stalled', stalled.message || stalled.reason);
  const ready = findCondition(conditions, 'Ready');
  if (!ready) return out('failed', "status can't be determined");

  const generation = num(raw, 'metadata', 'generation') ?? 0;
  const observed = num(raw, 'status', 'observedGeneration');
  const readyGen = ready.observedGeneration ?? 0;
  if (
    generation > 0 &&
    ((observed !== undefined && observed !== generation) || (readyGen > 0 && readyGen !== generation))
  ) {
    return out('in-progress', ready.message);
  }
  if (ready.status === 'True') return out('succeeded', ready.message);
  if (ready.status === 'Unknown') return out('in-progress', ready.message);
  const reconciling = findCondition(conditions, 'Reconciling');
  if (reconciling?.status === 'True' && reconciling.reason === 'Progressing') {
    return out('in-progress', reconciling.message || ready.message);
  }
  return out('failed', ready.message);
}

export type SourceChain =
  | { readonly ok: true; readonly refs: ObjectRef[] }
  | { readonly ok: false; readonly error: string };

/** Kinds `flux reconcile … --with-source` accepts. */
const WITH_SOURCE: ReadonlySet<KindName> = new Set<KindName>(['Kustomization', 'HelmRelease', 'HelmChart']);

export function supportsWithSource(kind: KindName): boolean {
  return WITH_SOURCE.has(kind);
}

function sourceOf(raw: unknown, path: readonly string[], namespace: string): SourceChain {
  const spec = readSpecRef(raw, path);
  if (!spec) return { ok: false, error: `spec.${path.slice(1).join('.')} is not set` };
  if (spec.kind === 'ExternalArtifact')
    return { ok: false, error: 'cannot reconcile source of kind ExternalArtifact' };
  const ref = refFromSpec(spec, namespace);
  if (!ref) return { ok: false, error: `cannot reconcile source of kind ${sanitizeText(spec.kind, 100)}` };
  return { ok: true, refs: [ref] };
}

/**
 * What `flux reconcile <kind> --with-source` reconciles before the object itself, in order (the object is
 * not included):
 * - Kustomization → its spec.sourceRef (an ExternalArtifact source is refused, as the CLI does);
 * - HelmRelease with spec.chart → the chart's source, then the HelmChart `<hrNs>-<hrName>` in the source's
 *   namespace (the CLI reconciles that HelmChart with its source: three hops in all);
 * - HelmRelease with spec.chartRef → an OCIRepository; or a HelmChart, preceded by the HelmChart's own
 *   source when `lookup` can supply the HelmChart object (without it only the HelmChart is known);
 *   ExternalArtifact is refused;
 * - HelmChart → its spec.sourceRef;
 * - any other kind → an error: `--with-source` does not apply.
 */
export function withSourceChain(
  kind: KindName,
  raw: unknown,
  lookup?: (ref: ObjectRef) => unknown,
): SourceChain {
  const namespace = str(raw, 'metadata', 'namespace');
  switch (kind) {
    case 'Kustomization':
      return sourceOf(raw, ['spec', 'sourceRef'], namespace);
    case 'HelmChart':
      return sourceOf(raw, ['spec', 'sourceRef'], namespace);
    case 'HelmRelease': {
      if (field(raw, 'spec', 'chartRef') !== undefined) {
        const target = sourceOf(raw, ['spec', 'chartRef'], namespace);
        if (!target.ok) return target;
        const chart = target.refs[0];
        if (chart?.kind !== 'HelmChart') return target;
        const chartRaw = lookup?.(chart);
        if (chartRaw === undefined) return target;
        const inner = sourceOf(chartRaw, ['spec', 'sourceRef'], chart.namespace);
        return inner.ok ? { ok: true, refs: [...inner.refs, chart] } : inner;
      }
      const source = sourceOf(raw, ['spec', 'chart', 'spec', 'sourceRef'], namespace);
      if (!source.ok) return source;
      const chart = helmChartNameFor(raw);
      return chart ? { ok: true, refs: [...source.refs, chart] } : source;
    }
    default:
      return { ok: false, error: `${kind} has no source to reconcile with --with-source` };
  }
}
