// `flux trace` as data (docs/trace.md): how an object in the cluster came to be there — the object, the
// workloads that own it (owner references), the Kustomization or HelmRelease that applied it (found by the
// labels Flux puts on what it applies), and the source that one pulls from — with each link's readiness
// and the revision applied against the source's artifact revision. Beyond `flux trace`, the Flux
// Operator's labels: what a ResourceSet or FluxInstance applied leads to it, and from there on upward (what
// applied the ResourceSet, the FluxInstance that applied that, its sync source). Pure: src/kube/trace.ts
// reads the objects, this judges them.

import { isKindName } from './kinds.js';
import { computeKStatus, KSTATUS_TONE } from './kstatus.js';
import { array, isRecord, record, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import { deriveRow, objectRevision } from './status.js';
import { type TraceField, traceFields } from './trace-fields.js';
import type { ObjectKey, ObjectRef } from './types.js';
import { objectKey } from './types.js';

/** How far the owner walk goes before it gives up (a Pod → ReplicaSet → Deployment chain is 3). */
export const MAX_OWNER_DEPTH = 8;
/** Appliers read above the first (ResourceSet → Kustomization → FluxInstance is 2): labels may loop. */
export const MAX_UPSTREAM = 4;

const MAX_NAME = 253;

export type ApplierKind = 'Kustomization' | 'HelmRelease' | 'ResourceSet' | 'FluxInstance';
type LabelGroup = readonly [group: string, kind: ApplierKind];

/** The labels kustomize-controller and helm-controller put on what they apply (`<group>/name|namespace`). */
const FLUX_LABELS: readonly (readonly [string, 'Kustomization' | 'HelmRelease'])[] = [
  ['kustomize.toolkit.fluxcd.io', 'Kustomization'],
  ['helm.toolkit.fluxcd.io', 'HelmRelease'],
];
/**
 * The Flux Operator's owner labels (flux-operator: api/v1 resourceset_types.go, `resourceset.` + the API
 * group for a ResourceSet; the group itself for a FluxInstance — ssa.Owner in the controllers).
 */
const OPERATOR_LABELS: readonly LabelGroup[] = [
  ['resourceset.fluxcd.controlplane.io', 'ResourceSet'],
  ['fluxcd.controlplane.io', 'FluxInstance'],
];
const ALL_LABELS: readonly LabelGroup[] = [...FLUX_LABELS, ...OPERATOR_LABELS];

export const NOT_MANAGED =
  'not managed by Flux: no kustomize.toolkit.fluxcd.io, helm.toolkit.fluxcd.io or Flux Operator labels on it or its owners';

/** What a user asked to trace: a kind as typed (`deploy`, `Deployment`, `helmrelease` …), a namespace, a name. */
export interface TraceTarget {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The one-string form a screen keeps (`kind/namespace/name`; names and kind words hold no `/`). */
export function traceTargetKey(t: TraceTarget): string {
  return `${t.kind}/${t.namespace}/${t.name}`;
}

export function parseTraceTargetKey(key: string): TraceTarget | undefined {
  const [kind = '', namespace = '', name = '', ...rest] = key.split('/');
  return kind && name && rest.length === 0 ? { kind, namespace, name } : undefined;
}

/** The owner reference an owner walk follows: the controller's, else the first one that names an object. */
export interface OwnerStep {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

export function ownerToFollow(raw: unknown): OwnerStep | undefined {
  const refs = array(raw, 'metadata', 'ownerReferences')
    .filter(isRecord)
    .map((r) => ({
      apiVersion: str(r, 'apiVersion'),
      kind: str(r, 'kind'),
      name: str(r, 'name'),
      controller: r['controller'] === true,
    }))
    .filter((r) => r.kind !== '' && r.name !== '' && r.apiVersion !== '');
  const chosen = refs.find((r) => r.controller) ?? refs[0];
  return chosen ? { apiVersion: chosen.apiVersion, kind: chosen.kind, name: chosen.name } : undefined;
}

/** `apps/v1` → group apps, version v1; `v1` → the core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export interface FluxManager<K extends ApplierKind = 'Kustomization' | 'HelmRelease'> {
  readonly ref: ObjectRef & { readonly kind: K };
  /** Which object of the chain carries the labels (0: the traced object itself). */
  readonly index: number;
}

function labelled(raw: unknown, group: string): { name: string; namespace: string } | undefined {
  const labels = record(raw, 'metadata', 'labels');
  const name = labels?.[`${group}/name`];
  if (typeof name !== 'string' || name === '') return undefined;
  const namespace = labels?.[`${group}/namespace`];
  // Flux writes both labels; an object that lost the namespace one is taken to be its manager's neighbour.
  return {
    name,
    namespace: typeof namespace === 'string' && namespace ? namespace : str(raw, 'metadata', 'namespace'),
  };
}

function managerByLabels<K extends ApplierKind>(
  chain: readonly unknown[],
  groups: readonly (readonly [string, K])[],
): FluxManager<K> | undefined {
  for (const [group, kind] of groups) {
    for (let index = 0; index < chain.length; index++) {
      const found = labelled(chain[index], group);
      if (!found) continue;
      const ref = {
        kind,
        namespace: sanitizeText(found.namespace, MAX_NAME),
        name: sanitizeText(found.name, MAX_NAME),
      };
      return { ref, index };
    }
  }
  return undefined;
}

/**
 * Who applied the chain's objects, as `flux trace` decides it: Kustomization labels anywhere in the chain
 * first (a HelmRelease is itself applied by a Kustomization), then HelmRelease labels; the nearest object wins.
 */
export function findManager(chain: readonly unknown[]): FluxManager | undefined {
  return managerByLabels(chain, FLUX_LABELS);
}

/**
 * findManager, then the Flux Operator's labels: an object only a ResourceSet or a FluxInstance applied
 * (a ResourceSet's Namespace, the Flux controllers a FluxInstance installs).
 */
export function findApplier(chain: readonly unknown[]): FluxManager<ApplierKind> | undefined {
  return managerByLabels(chain, ALL_LABELS);
}

/**
 * What applied an applier, for the walk upward: the Flux Operator's labels on a Kustomization or
 * HelmRelease (`flux trace` stops at those: fluxdeck goes on only to the operator's objects); any Flux
 * labels on a ResourceSet or FluxInstance (a ResourceSet in Git is applied by a Kustomization).
 */
export function upstreamApplier(ref: ObjectRef, raw: unknown): FluxManager<ApplierKind>['ref'] | undefined {
  const operator = ref.kind === 'ResourceSet' || ref.kind === 'FluxInstance';
  return managerByLabels([raw], operator ? ALL_LABELS : OPERATOR_LABELS)?.ref;
}

/**
 * The sources to read after the manager, nearest first: a Kustomization's sourceRef; a HelmRelease's
 * HelmChart (status.helmChart, `namespace/name`) and then the chart's source (spec.chart.spec.sourceRef or
 * spec.chartRef); a FluxInstance's sync source (spec.sync.kind, named spec.sync.name or else after the
 * instance's namespace, in that namespace — as the operator names the sync objects it creates). The
 * namespace defaults to the manager's, as Flux's controllers resolve it. A ResourceSet has none.
 */
export function sourceRefs(manager: ObjectRef, raw: unknown): ObjectRef[] {
  const out: ObjectRef[] = [];
  const add = (kind: unknown, namespace: unknown, name: unknown) => {
    if (!isKindName(kind) || typeof name !== 'string' || name === '') return;
    const ns = typeof namespace === 'string' && namespace ? namespace : manager.namespace;
    const ref = { kind, namespace: sanitizeText(ns, MAX_NAME), name: sanitizeText(name, MAX_NAME) };
    if (!out.some((r) => objectKey(r) === objectKey(ref))) out.push(ref);
  };
  const at = (path: readonly string[]) => record(raw, ...path);
  if (manager.kind === 'FluxInstance') {
    const sync = at(['spec', 'sync']);
    const name = sync?.['name'];
    if (sync)
      add(sync['kind'], manager.namespace, typeof name === 'string' && name ? name : manager.namespace);
    return out;
  }
  if (manager.kind === 'ResourceSet') return out;
  if (manager.kind === 'Kustomization') {
    const ref = at(['spec', 'sourceRef']);
    add(ref?.['kind'], ref?.['namespace'], ref?.['name']);
    return out;
  }
  const chart = str(raw, 'status', 'helmChart');
  const slash = chart.indexOf('/');
  if (slash > 0) add('HelmChart', chart.slice(0, slash), chart.slice(slash + 1));
  const chartRef = at(['spec', 'chartRef']);
  const specRef = at(['spec', 'chart', 'spec', 'sourceRef']);
  const ref = chartRef ?? specRef;
  add(ref?.['kind'], ref?.['namespace'], ref?.['name']);
  return out;
}

export type TraceRole = 'object' | 'owner' | 'manager' | 'source';
export type TraceTone = 'ok' | 'warn' | 'bad' | 'muted';

export interface TraceLink {
  readonly role: TraceRole;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Set when the link is a Flux object: its details can be opened. */
  readonly fluxKey?: ObjectKey;
  /** kstatus's word for Kubernetes objects (Current, InProgress, Failed …), Flux's health for Flux objects. */
  readonly status: string;
  readonly ready: boolean;
  readonly tone: TraceTone;
  readonly reason: string;
  readonly message: string;
  /** Flux objects: the revision `flux get` shows (applied, or the artifact's). */
  readonly revision: string;
  /** Flux objects: what flux trace prints under them (Path, URL, Tag …). */
  readonly fields?: readonly TraceField[];
}

/** An object read for the trace, or why it could not be. */
export interface TraceRead {
  readonly raw: unknown;
  /** Why the object is absent (`not found`, a forbidden sentence …). */
  readonly problem?: string;
  /** For a workload or pod not ready: why its pods are not (ImagePullBackOff …), display-safe. */
  readonly cause?: { readonly reason: string; readonly message: string; readonly pod: string };
}

export interface FluxRead extends TraceRead {
  readonly ref: ObjectRef;
}

/** An applier above the manager (upstreamApplier), with its sources. */
export interface UpstreamRead {
  readonly manager: FluxRead;
  readonly sources: readonly FluxRead[];
}

export interface TraceInput {
  /** The traced object first, then its owners, nearest first. */
  readonly chain: readonly TraceRead[];
  /** Why the owner walk stopped before an object without owners (an owner not readable, the depth cap). */
  readonly chainStop?: string;
  readonly manager?: FluxRead;
  readonly sources: readonly FluxRead[];
  /** What applied the manager, and so on upward, nearest first (at most MAX_UPSTREAM). */
  readonly upstream?: readonly UpstreamRead[];
  readonly now: number;
}

export interface RevisionLine {
  readonly text: string;
  readonly tone: TraceTone;
}

export interface Trace {
  /** `Deployment apps/api`. */
  readonly title: string;
  readonly links: readonly TraceLink[];
  readonly managedBy?: ObjectRef;
  /** The first line: who manages it and what is not ready, or why it is not managed. */
  readonly verdict: RevisionLine;
  /** What the manager applied against what its source offers (absent when not managed). */
  readonly revision?: RevisionLine;
  /** The owner walk stopped early: said under the verdict. */
  readonly note?: string;
}

const text = (v: unknown, max = 400) => sanitizeText(v, max);

/** A Kubernetes object of the chain judged by kstatus, with its pods' reason when known. */
function kubeLink(read: TraceRead, role: TraceRole, now: number): TraceLink {
  const raw = read.raw;
  const kind = text(str(raw, 'kind'), 100) || '?';
  const namespace = text(str(raw, 'metadata', 'namespace'), MAX_NAME);
  const name = text(str(raw, 'metadata', 'name'), MAX_NAME);
  // A Flux object traced (a HelmRelease a Kustomization applied) is judged as Flux judges it.
  if (isKindName(kind)) return fluxLink({ ...read, ref: { kind, namespace, name } }, role, now);
  const health = computeKStatus(raw, now);
  const cause = health.status === 'Current' ? undefined : read.cause;
  return {
    role,
    kind,
    namespace,
    name,
    status: health.status,
    ready: health.status === 'Current',
    tone: KSTATUS_TONE[health.status],
    reason: text(cause?.reason || health.reason, 100),
    // kstatus's words for a Current object ("Resource is always ready") say nothing the status does not.
    message: cause
      ? text(`${cause.message ? `${cause.message} ` : ''}(pod ${cause.pod})`)
      : health.status === 'Current'
        ? ''
        : text(health.message),
    revision: '',
  };
}

const FLUX_TONE: Readonly<Record<string, TraceTone>> = {
  Ready: 'ok',
  Reconciling: 'warn',
  Pending: 'warn',
  Waiting: 'warn',
  Suspended: 'muted',
  Failed: 'bad',
  Stalled: 'bad',
};

function fluxLink(read: FluxRead, role: TraceRole, now: number): TraceLink {
  const base = {
    role,
    kind: read.ref.kind,
    namespace: read.ref.namespace,
    name: read.ref.name,
    fluxKey: objectKey(read.ref),
  };
  const row = read.raw === undefined ? undefined : deriveRow(read.ref.kind, read.raw, now);
  if (!row) {
    const problem = read.problem ?? 'not found';
    return {
      ...base,
      status: /forbidden/i.test(problem) ? 'Forbidden' : 'NotFound',
      ready: false,
      tone: 'bad',
      reason: '',
      message: text(problem),
      revision: '',
    };
  }
  return {
    ...base,
    status: row.health,
    ready: row.health === 'Ready',
    tone: FLUX_TONE[row.health] ?? 'muted',
    reason: row.reason,
    // flux trace prints the Ready message whole; the tables' MESSAGE shortens hashes.
    message: text(row.conditions.find((c) => c.type === 'Ready')?.message || row.message, 1000),
    revision: objectRevision(read.ref.kind, read.raw),
    fields: traceFields(read.ref.kind, read.raw),
  };
}

/** Two revisions name the same content: equal, or the same digest (`6.3.5@sha256:x` and `sha256:x`). */
export function sameRevision(a: string, b: string): boolean {
  if (a === b) return true;
  const digest = (r: string) => (r.includes('@') ? r.slice(r.lastIndexOf('@') + 1) : r);
  const da = digest(a);
  const db = digest(b);
  return da.includes(':') && da === db;
}

function revisionLine(manager: FluxRead, sources: readonly FluxRead[]): RevisionLine | undefined {
  if (manager.raw === undefined) return undefined;
  const kind = manager.ref.kind;
  const applied = objectRevision(kind, manager.raw);
  // A ResourceSet has no source; a FluxInstance's revision is its distribution's, not its sync source's.
  if (kind === 'ResourceSet' || kind === 'FluxInstance')
    return applied
      ? { text: `applied ${applied}`, tone: 'ok' }
      : { text: 'nothing applied yet', tone: 'warn' };
  const attempted = text(str(manager.raw, 'status', 'lastAttemptedRevision'), 1000);
  // The artifact the manager consumes: a HelmRelease's HelmChart when it has one, else the first source.
  const source = sources.find((s) => s.raw !== undefined);
  const artifact = source ? objectRevision(source.ref.kind, source.raw) : '';
  const from = source ? `${source.ref.kind} ${source.ref.namespace}/${source.ref.name}` : 'the source';
  const tried =
    attempted && attempted !== applied && !sameRevision(attempted, applied)
      ? `, last attempted ${attempted}`
      : '';
  if (!applied && !artifact)
    return { text: `nothing applied yet, and ${from} has no artifact`, tone: 'warn' };
  if (!applied) return { text: `nothing applied yet${tried}; ${from} has ${artifact}`, tone: 'warn' };
  if (!artifact)
    return { text: `applied ${applied}${tried}; ${from} has no artifact to compare`, tone: 'warn' };
  if (sameRevision(applied, artifact))
    return { text: `applied ${applied}${tried}: the revision ${from} has`, tone: tried ? 'warn' : 'ok' };
  return { text: `applied ${applied}${tried}, but ${from} has ${artifact}: not applied (yet)`, tone: 'warn' };
}

function label(l: Pick<TraceLink, 'kind' | 'namespace' | 'name'>): string {
  return l.namespace ? `${l.kind} ${l.namespace}/${l.name}` : `${l.kind} ${l.name}`;
}

export function buildTrace(input: TraceInput): Trace {
  const first = input.chain[0];
  const manager = findApplier(input.chain.map((c) => c.raw));
  // The chain is shown up to the object carrying the labels; owners above it are not part of the delivery.
  const shown = manager ? input.chain.slice(0, manager.index + 1) : input.chain;
  const links: TraceLink[] = shown.map((read, i) => kubeLink(read, i === 0 ? 'object' : 'owner', input.now));
  const title = links[0] ? label(links[0]) : first ? '?' : '';
  const note = input.chainStop ? `the owner walk stopped: ${text(input.chainStop)}` : undefined;
  if (!manager || !input.manager) {
    return { title, links, verdict: { text: NOT_MANAGED, tone: 'warn' }, ...(note ? { note } : {}) };
  }
  links.push(fluxLink(input.manager, 'manager', input.now));
  // The appliers upward read as a chain of `applied by`; then every source once, the manager's first.
  const upstream = input.upstream ?? [];
  for (const up of upstream) links.push(fluxLink(up.manager, 'manager', input.now));
  const shownSources = new Set<ObjectKey>();
  for (const source of [...input.sources, ...upstream.flatMap((u) => u.sources)]) {
    const key = objectKey(source.ref);
    if (shownSources.has(key)) continue;
    shownSources.add(key);
    links.push(fluxLink(source, 'source', input.now));
  }
  const by = label({ ...manager.ref });
  const notReady = links.filter((l) => !l.ready);
  const worst = notReady.map((l) => `${label(l)} ${l.status}${l.reason ? ` (${l.reason})` : ''}`);
  const verdict: RevisionLine =
    notReady.length === 0
      ? { text: `managed by ${by}: every link is ready`, tone: 'ok' }
      : {
          text: `managed by ${by}; not ready: ${worst.slice(0, 3).join(', ')}${worst.length > 3 ? `, and ${worst.length - 3} more` : ''}`,
          tone: notReady.some((l) => l.tone === 'bad') ? 'bad' : 'warn',
        };
  const revision = revisionLine(input.manager, input.sources);
  return {
    title,
    links,
    managedBy: manager.ref,
    verdict,
    ...(revision ? { revision } : {}),
    ...(note ? { note } : {}),
  };
}

const KIND_WORD = /^[A-Za-z][A-Za-z0-9.-]{0,99}$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const TRACE_USAGE = 'trace KIND/NAME [-n NAMESPACE] (or KIND NAME), e.g. trace deployment/api -n apps';

type TraceWords =
  | {
      readonly targets: readonly { readonly kind: string; readonly name: string }[];
      readonly namespace?: string;
    }
  | { readonly error: string };

/**
 * `KIND/NAME …` or `KIND NAME …` (several objects, as `flux trace` takes them), with `-n NS`, `--namespace
 * NS` or `--namespace=NS` anywhere, as kubectl takes them. The namespace is left out when not given: the
 * caller knows the default.
 */
export function parseTraceTargets(args: readonly string[]): TraceWords {
  const words: string[] = [];
  let namespace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-n' || a === '--namespace') {
      namespace = args[++i];
      if (namespace === undefined) return { error: `${a} needs a namespace` };
    } else if (a.startsWith('--namespace=')) namespace = a.slice('--namespace='.length);
    else if (a.startsWith('-n=')) namespace = a.slice(3);
    else if (a !== '') words.push(a);
  }
  if (namespace !== undefined && !NAMESPACE.test(namespace))
    return { error: `not a namespace name: ${namespace}` };
  const [first = ''] = words;
  const slashed = first.includes('/');
  const pairs = slashed
    ? words.map((w) => {
        const slash = w.indexOf('/');
        return slash < 0 ? { kind: w, name: '' } : { kind: w.slice(0, slash), name: w.slice(slash + 1) };
      })
    : words.slice(1).map((name) => ({ kind: first, name }));
  if (!first || pairs.length === 0) return { error: `usage: ${TRACE_USAGE}` };
  for (const { kind, name } of pairs) {
    if (!name) return { error: `${kind} needs a name: write KIND/NAME for each object, or KIND NAME NAME …` };
    if (!KIND_WORD.test(kind)) return { error: `not a kind: ${kind}` };
    if (name.includes('/') || name.length > MAX_NAME) return { error: `not an object name: ${name}` };
  }
  return namespace === undefined ? { targets: pairs } : { targets: pairs, namespace };
}

/** One object (the console's `:trace`): parseTraceTargets, refusing a second one. */
export function parseTraceArgs(
  args: readonly string[],
):
  | { readonly kind: string; readonly name: string; readonly namespace?: string }
  | { readonly error: string } {
  const parsed = parseTraceTargets(args);
  if ('error' in parsed) return parsed;
  const [one, ...extra] = parsed.targets;
  if (!one) return { error: `usage: ${TRACE_USAGE}` };
  const slashed = args.some((a) => a.includes('/'));
  const words = extra.map((t) => (slashed ? `${t.kind}/${t.name}` : t.name));
  if (words.length > 0) return { error: `one object at a time: ${words.join(' ')} is one word too many` };
  return parsed.namespace === undefined ? one : { ...one, namespace: parsed.namespace };
}
