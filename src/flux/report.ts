// The incident report: what failed and since when, the root causes and the chains they block, per failing
// object its key conditions, events, controller errors and what changed, the actions taken and how they
// ended, what recovered and what is still failing — as one document that `fluxdeck report` and `:report`
// print as Markdown or JSON (src/present/report-markdown.ts). Pure and deterministic: every list has a
// defined order, every text is sanitised (timeline.ts does the merged list's), and nothing here reads a
// Secret's value — Helm changes arrive already masked (helm-changes.ts).

import { blockedBy, buildDependencyGraph, failingSource } from './graph.js';
import type { HelmChanges } from './helm-changes.js';
import { sanitizeText } from './sanitize.js';
import {
  actionDetail,
  actionsInWindow,
  buildTimeline,
  isFailingNow,
  type TimelineEntry,
  type TimelineInput,
  type TimelineOptions,
} from './timeline.js';
import { isFailure } from './transitions.js';
import type { Health, ObjectKey, StatusRow } from './types.js';
import { degradedReason } from './workload-health.js';

export const REPORT_SCHEMA = 'fluxdeck.report/v1';

export interface ReportCluster {
  readonly context: string;
  readonly cluster: string;
  readonly server: string;
  readonly user: string;
  /** null: all namespaces. */
  readonly namespace: string | null;
}

export interface ReportInput extends TimelineInput {
  readonly cluster: ReportCluster;
  /** What the newest Helm revision changed, per HelmRelease key, when it was read. */
  readonly helmChanges?: ReadonlyMap<ObjectKey, HelmChanges>;
  /** Parts of the cluster that could not be read (forbidden kinds, logs not reachable): said in the report. */
  readonly gaps?: readonly string[];
}

export interface ReportCondition {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

export interface ReportLine {
  readonly at: string;
  readonly what: string;
  readonly detail: string;
  readonly count: number;
}

export interface ReportChanges {
  readonly fromRevision: number;
  readonly toRevision: number;
  readonly chart: string;
  readonly values: readonly string[];
  readonly objects: readonly string[];
}

export interface ReportFailure {
  readonly object: ObjectKey;
  /**
   * Its health as the console shows it: Failed, Stalled, Reconciling … or Degraded (Ready, but the
   * workloads it manages are not: docs/inventory.md).
   */
  readonly status: Health;
  readonly failingSince: string;
  /** failingSince is a lower bound: the streak began then or earlier. */
  readonly lowerBound: boolean;
  /** The Ready reason; of a Degraded object, the reason of the worst workload (`ImagePullBackOff`). */
  readonly reason: string;
  /** The Ready message; of a Degraded object, the workloads' cause. */
  readonly message: string;
  readonly revision: string;
  readonly conditions: readonly ReportCondition[];
  readonly dependsOn: readonly { readonly object: ObjectKey; readonly ready: boolean }[];
  /** The root causes whose failure blocks this object (empty when it is a root itself). */
  readonly blockedBy: readonly ObjectKey[];
  readonly events: readonly ReportLine[];
  readonly logErrors: readonly ReportLine[];
  readonly changes?: ReportChanges;
}

export interface ReportRoot {
  readonly object: ObjectKey;
  readonly status: Health;
  readonly failingSince: string;
  readonly lowerBound: boolean;
  readonly reason: string;
  /** The not-ready objects its failure blocks, in dependency order. */
  readonly blocks: readonly ObjectKey[];
}

export interface ReportAction {
  /** When it began. */
  readonly at: string;
  /** When its outcome was known ('' while it runs). */
  readonly endedAt: string;
  readonly user: string;
  readonly action: string;
  readonly targets: readonly string[];
  /** succeeded, failed, timed-out, cancelled — or `running` when the report was made while it ran. */
  readonly outcome: string;
  readonly detail: string;
}

export interface ReportRecovery {
  readonly object: ObjectKey;
  readonly failedAt: string;
  readonly recoveredAt: string;
  /** The failure's reason (`Degraded` for workloads that were not healthy). */
  readonly reason: string;
}

export interface IncidentReport {
  readonly schema: typeof REPORT_SCHEMA;
  readonly generatedAt: string;
  readonly cluster: ReportCluster;
  readonly window: {
    readonly start: string;
    readonly end: string;
    /** The object whose failure began the incident ('' when the window is not a failure's). */
    readonly startObject: ObjectKey | '';
    readonly startLowerBound: boolean;
  };
  readonly summary: {
    readonly objects: number;
    /** Degraded ones included. */
    readonly failing: number;
    /** Failing because their workloads are not healthy, though Flux says Ready. */
    readonly degraded: number;
    readonly suspended: number;
    readonly rootCauses: number;
    readonly recovered: number;
    readonly actions: number;
  };
  readonly rootCauses: readonly ReportRoot[];
  readonly failing: readonly ReportFailure[];
  readonly recovered: readonly ReportRecovery[];
  readonly actions: readonly ReportAction[];
  readonly timeline: readonly (ReportLine & { readonly source: string; readonly object: string })[];
  /** Timeline entries left out beyond the cap (the oldest are kept: they tell how it began). */
  readonly timelineOmitted: number;
  readonly gaps: readonly string[];
}

const TEXT = 500;
const PER_OBJECT = 5;
const TIMELINE_CAP = 400;
const CHANGE_LINES = 40;

function iso(ms: number): string {
  // Seconds are enough for a write-up, and stable across the milliseconds a clock adds.
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 19)}Z` : '';
}

function text(value: string, max = TEXT): string {
  return sanitizeText(value, max);
}

function line(e: TimelineEntry): ReportLine {
  return { at: iso(e.at), what: e.what, detail: e.detail, count: e.count };
}

/** Conditions that are good news when True: only worth a line when they are not. */
const GOOD_WHEN_TRUE = new Set(['Released', 'Healthy', 'SourceVerified', 'ArtifactInStorage', 'TestSuccess']);

/** The conditions a write-up quotes: Ready always, the others when they say something is wrong. */
function keyCondition(c: { readonly type: string; readonly status: string }): boolean {
  if (c.type === 'Ready') return true;
  if (c.type === 'Reconciling') return false;
  return !(GOOD_WHEN_TRUE.has(c.type) && c.status === 'True');
}

/** Up to PER_OBJECT events: the newest Warnings, then the newest Normal ones if there is room. */
function warningsFirst(events: readonly TimelineEntry[]): TimelineEntry[] {
  const warnings = events.filter((e) => e.tone === 'warning').slice(-PER_OBJECT);
  const room = PER_OBJECT - warnings.length;
  const normal = room > 0 ? events.filter((e) => e.tone !== 'warning').slice(-room) : [];
  return [...warnings, ...normal];
}

function changesOf(c: HelmChanges): ReportChanges {
  const chart = (r: HelmChanges['from']) => `${text(r.chartName, 120)}@${text(r.chartVersion, 60)}`;
  const values = c.values
    .slice(0, CHANGE_LINES)
    .map(
      (v) => `${text(v.path, 200)}: ${text(v.from ?? '(absent)', 200)} → ${text(v.to ?? '(absent)', 200)}`,
    );
  const objects = c.objects.slice(0, CHANGE_LINES).map((o) => `${o.change} ${text(o.id, 200)}`);
  return {
    fromRevision: c.from.revision,
    toRevision: c.to.revision,
    chart: chart(c.from) === chart(c.to) ? chart(c.to) : `${chart(c.from)} → ${chart(c.to)}`,
    values,
    objects,
  };
}

/** Healthy now: Ready, and not Degraded. */
function healthy(row: StatusRow | undefined): boolean {
  return row?.ready === 'True' && row.health !== 'Degraded';
}

function byKey<T extends { readonly object: string }>(a: T, b: T): number {
  return a.object < b.object ? -1 : a.object > b.object ? 1 : 0;
}

function bySince(a: { failingSince: string; object: string }, b: { failingSince: string; object: string }) {
  return a.failingSince < b.failingSince ? -1 : a.failingSince > b.failingSince ? 1 : byKey(a, b);
}

export function buildReport(input: ReportInput, options: TimelineOptions = {}): IncidentReport {
  const timeline = buildTimeline(input, options);
  const rows = [...input.rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const scoped = options.keys ? rows.filter((r) => options.keys?.has(r.key)) : rows;
  const graph = buildDependencyGraph(rows);
  const failingRows = scoped.filter(isFailingNow);
  const entriesOf = (key: ObjectKey, source: TimelineEntry['source']) =>
    timeline.entries.filter((e) => e.key === key && e.source === source);

  const roots = new Map<ObjectKey, ReportRoot>();
  const failing: ReportFailure[] = failingRows.map((row) => {
    const rootKeys = graph.rootCauses(row.key).filter((k) => k !== row.key);
    // A failing source blocks what pulls from it just as a dependsOn does (not a graph edge).
    const source = failingSource(row, (k) => graph.row(k));
    if (source && isFailingNow(source) && !rootKeys.includes(source.key)) rootKeys.push(source.key);
    const changes = input.helmChanges?.get(row.key);
    return {
      object: row.key,
      status: row.health,
      // To the second, as every instant here: a Degraded row's start comes with milliseconds.
      failingSince: row.failingSince && iso(Date.parse(row.failingSince)),
      lowerBound: row.failingSinceLowerBound,
      reason: text(row.health === 'Degraded' ? degradedReason(row.message) : row.reason, 120),
      message: text(row.message),
      revision: text(row.revision, 200),
      conditions: row.conditions.filter(keyCondition).map((c) => ({
        type: text(c.type, 80),
        status: text(c.status, 20),
        reason: text(c.reason, 120),
        message: text(c.message),
      })),
      dependsOn: graph.dependencies(row.key).map((object) => ({ object, ready: graph.isReady(object) })),
      blockedBy: rootKeys,
      // Warnings first, then the newest Normal ones, each in time order: what a write-up quotes.
      events: warningsFirst(entriesOf(row.key, 'event')).map(line),
      // The newest few: the latest word of each.
      logErrors: entriesOf(row.key, 'log').slice(-PER_OBJECT).map(line),
      ...(changes ? { changes: changesOf(changes) } : {}),
    };
  });
  for (const f of failing) {
    if (f.blockedBy.length > 0) continue;
    // What it blocks: its not-ready dependents, and the failing objects that pull from it as a source.
    const pulling = failing.filter((g) => g.blockedBy.includes(f.object)).map((g) => g.object);
    const blocks = [...new Set([...blockedBy(graph, f.object), ...pulling])];
    roots.set(f.object, {
      object: f.object,
      status: f.status,
      failingSince: f.failingSince,
      lowerBound: f.lowerBound,
      reason: f.reason,
      blocks,
    });
  }

  // Recovered: went from a failure to Ready within the window and is Ready now.
  const recovered = new Map<ObjectKey, ReportRecovery>();
  const start = timeline.start;
  const failedAt = new Map<ObjectKey, string>();
  for (const t of input.transitions) {
    if (options.keys && !options.keys.has(t.key)) continue;
    if (Date.parse(t.at) < start) continue;
    if (isFailure(t.to)) {
      if (!isFailure(t.from)) failedAt.set(t.key, t.at);
      continue;
    }
    if (isFailure(t.from)) {
      if (!healthy(graph.row(t.key))) continue;
      recovered.set(t.key, {
        object: t.key,
        failedAt: iso(Date.parse(t.failingSince ?? failedAt.get(t.key) ?? '')),
        recoveredAt: iso(Date.parse(t.at)),
        reason: text(t.from.degraded ? 'Degraded' : t.from.reason, 120),
      });
    }
  }
  for (const key of recovered.keys()) if (!healthy(graph.row(key))) recovered.delete(key);

  const actions: ReportAction[] = actionsInWindow(input.actions, options.keys, start)
    .sort((a, b) => a.at - b.at || (a.action.id < b.action.id ? -1 : 1))
    .map(({ action: a, at, endedAt, running }) => ({
      at: iso(at),
      endedAt: running ? '' : iso(endedAt),
      user: text(a.user, 200),
      action: text(a.action, 60),
      targets: a.targets.map((t) => text(t, 300)),
      outcome: running ? 'running' : text(a.outcome, 40),
      detail: actionDetail(a),
    }));

  const capped = timeline.entries.slice(0, TIMELINE_CAP);
  return {
    schema: REPORT_SCHEMA,
    generatedAt: iso(input.now),
    cluster: {
      context: text(input.cluster.context, 200),
      cluster: text(input.cluster.cluster, 200),
      server: text(input.cluster.server, 300),
      user: text(input.cluster.user, 200),
      namespace: input.cluster.namespace === null ? null : text(input.cluster.namespace, 253),
    },
    window: {
      start: iso(timeline.start),
      end: iso(input.now),
      startObject: timeline.startKey,
      startLowerBound: timeline.startLowerBound,
    },
    summary: {
      objects: scoped.length,
      failing: failing.length,
      degraded: failing.filter((f) => f.status === 'Degraded').length,
      suspended: scoped.filter((r) => r.suspended).length,
      rootCauses: roots.size,
      recovered: recovered.size,
      actions: actions.length,
    },
    rootCauses: [...roots.values()].sort(bySince),
    failing: failing.sort(bySince),
    recovered: [...recovered.values()].sort(byKey),
    actions,
    timeline: capped.map((e) => ({ ...line(e), source: e.source, object: e.key })),
    timelineOmitted: timeline.entries.length - capped.length,
    gaps: [...(input.gaps ?? [])].map((g) => text(g)).sort(),
  };
}
