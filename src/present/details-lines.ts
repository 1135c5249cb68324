// The details screen's content as lines, per tab: pure functions of the row, its raw object, the graph, the
// events and the Helm history. Lines are wrapped to the width here so the view only windows and colours.
import { stringify } from 'yaml';
import { type DependencyGraph, dependencyStatus } from '../flux/graph.js';
import { sanitizeMultiline, sanitizeText } from '../flux/sanitize.js';
import { formatAge, formatDuration } from '../flux/time.js';
import type { Health, HelmReleaseRevision, ObjectKey, StatusRow } from '../flux/types.js';
import type { ClusterEvent, RawObject } from './cluster-types.js';
import { failingForMs } from './status-columns.js';
import { fitCell, truncate, wrapLine, wrapWords } from './text.js';
import { healthTone, type Tone } from './theme.js';

export interface DetailLine {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
}

export type HistoryState =
  | { readonly phase: 'idle' | 'loading' }
  | { readonly phase: 'ready'; readonly items: readonly HelmReleaseRevision[] }
  | { readonly phase: 'error'; readonly message: string };

const heading = (text: string): DetailLine => ({ text, bold: true });
const blank: DetailLine = { text: '' };

/** Prose (messages, advice) broken at spaces; a word longer than the line (a URL, a path) is split. */
function wrapped(text: string, width: number, indent: string, tone?: Tone): DetailLine[] {
  return wrapWords(text, Math.max(10, width - indent.length)).map((t) => ({
    text: indent + t,
    ...(tone ? { tone } : {}),
  }));
}

const HEALTH_MARK: Readonly<Record<Health | 'Missing', string>> = {
  Ready: '✓',
  Reconciling: '…',
  Waiting: '…',
  Pending: '…',
  Failed: '✗',
  Stalled: '✗',
  Degraded: '✗',
  Suspended: '‖',
  Missing: '?',
};

function linkLine(graph: DependencyGraph, key: ObjectKey, note: string): DetailLine {
  const row = graph.row(key);
  const health: Health | 'Missing' = row ? row.health : 'Missing';
  const message = row && health !== 'Ready' ? `  ${row.message}` : '';
  return {
    text: `    ${HEALTH_MARK[health]} ${sanitizeText(key, 300)}  ${health}${note}${message}`,
    tone: healthTone(health),
  };
}

export function chainLines(row: StatusRow, graph: DependencyGraph): DetailLine[] {
  const upstream = graph.upstream(row.key);
  const downstream = graph.downstream(row.key);
  if (upstream.length === 0 && downstream.length === 0) return [];
  const roots = new Set(graph.rootCauses(row.key));
  const lines: DetailLine[] = [blank, heading('Dependency chain')];
  if (upstream.length > 0) {
    lines.push({ text: '  depends on (nearest first):' });
    for (const k of upstream)
      lines.push(linkLine(graph, k, roots.has(k) ? '  ◉ root cause: fix this first' : ''));
  }
  for (const dep of dependencyStatus(graph, row.key).filter((d) => d.health === 'Missing')) {
    lines.push({
      text: `    ? ${dep.ref.kind}/${dep.ref.namespace}/${dep.ref.name} does not exist`,
      tone: 'bad',
    });
  }
  if (downstream.length > 0) {
    lines.push({ text: '  needed by (in reconcile order):' });
    for (const k of downstream) lines.push(linkLine(graph, k, ''));
  }
  return lines;
}

function sourceLines(
  row: StatusRow,
  lookup: (key: ObjectKey) => StatusRow | undefined,
  width: number,
): DetailLine[] {
  if (!row.source) return [];
  const key = `${row.source.kind}/${row.source.namespace}/${row.source.name}`;
  const src = lookup(key);
  const lines: DetailLine[] = [blank, heading('Source')];
  if (!src)
    return [...lines, { text: `  ${sanitizeText(key, 300)}  not found (or not listable)`, tone: 'bad' }];
  lines.push({
    text: `  ${sanitizeText(key, 300)}  ${src.health}  ${sanitizeText(src.revision, 200)}`,
    tone: healthTone(src.health),
  });
  if (src.health !== 'Ready') lines.push(...wrapped(sanitizeText(src.message), width, '    '));
  return lines;
}

export interface OverviewInput {
  readonly row: StatusRow;
  readonly graph: DependencyGraph;
  /** Any row by key (the graph holds only objects in a dependsOn relation). */
  readonly lookup: (key: ObjectKey) => StatusRow | undefined;
  readonly now: number;
  readonly alertThresholdMs: number;
  /** The runbook's next step for a failing object, with its key already formatted from the key table. */
  readonly advice: string | undefined;
  readonly width: number;
}

export function overviewLines({
  row,
  graph,
  lookup,
  now,
  alertThresholdMs,
  advice,
  width,
}: OverviewInput): DetailLine[] {
  const ms = failingForMs(row, now);
  const failing =
    ms === undefined
      ? ''
      : `  failing for ${row.failingSinceLowerBound ? 'at least ' : ''}${formatDuration(ms)}${ms >= alertThresholdMs ? ' ! (past the alert threshold)' : ''}`;
  const lines: DetailLine[] = [
    { text: `${row.key}  ${row.health}${failing}`, tone: healthTone(row.health), bold: true },
    // A Degraded row's message is its workloads' cause, not the Ready reason's (the conditions say that).
    ...wrapped(
      `${row.reason && row.health !== 'Degraded' ? `${row.reason}: ` : ''}${sanitizeText(row.message)}`,
      width,
      '  ',
    ),
    {
      text: `  revision ${sanitizeText(row.revision, 200) || '—'}   generation ${row.generation}, observed ${row.observedGeneration}   age ${formatAge(row.createdAt, now)}`,
    },
  ];
  if (row.suspended) {
    const by = row.suspendedBy ? ` by ${row.suspendedBy}` : '';
    lines.push({
      text: `  suspended${by}${row.suspendReason ? `: ${row.suspendReason}` : ''}`,
      tone: 'warn',
    });
  }
  if (advice) lines.push(blank, ...wrapped(`Runbook: ${advice}`, width, '', 'accent'));
  lines.push(blank, heading('Conditions'));
  if (row.conditions.length === 0) lines.push({ text: '  none reported', tone: 'muted' });
  for (const c of row.conditions) {
    const when = c.lastTransitionTime ? formatAge(c.lastTransitionTime, now) : '';
    const tone: Tone | undefined = c.type === 'Ready' ? (c.status === 'True' ? 'ok' : 'bad') : undefined;
    lines.push({
      text: `  ${fitCell(sanitizeText(c.type, 40), 14)} ${fitCell(c.status, 8)} ${fitCell(sanitizeText(c.reason, 60), 26)} ${fitCell(when, 6, 'right')}`,
      ...(tone ? { tone } : {}),
    });
    if (c.message) lines.push(...wrapped(sanitizeText(c.message), width, '      ', 'muted'));
  }
  return [...lines, ...chainLines(row, graph), ...sourceLines(row, lookup, width)];
}

export function eventLines(events: readonly ClusterEvent[], now: number, width: number): DetailLine[] {
  if (events.length === 0)
    return [{ text: 'no events (Kubernetes keeps events for about an hour)', tone: 'muted' }];
  const lines: DetailLine[] = [];
  for (const e of events) {
    const object = `${e.involved.kind}/${e.involved.name}`;
    const count = e.count > 1 ? ` (x${e.count})` : '';
    const head = `${fitCell(formatAge(e.lastSeen, now) || '?', 5, 'right')} ${fitCell(e.type, 7)} ${fitCell(sanitizeText(e.reason, 40), 24)} ${sanitizeText(object, 200)}${count}`;
    const tone: Tone | undefined = e.type === 'Warning' ? 'warn' : undefined;
    lines.push(
      { text: head, ...(tone ? { tone } : {}) },
      ...wrapped(sanitizeText(e.message), width, '      '),
    );
  }
  return lines;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object as YAML, without managedFields; a Secret shows its keys only, never values. */
export function yamlText(raw: RawObject): string {
  const { metadata, ...rest } = raw as { metadata?: unknown } & Record<string, unknown>;
  const meta =
    typeof metadata === 'object' && metadata !== null
      ? { ...(metadata as Record<string, unknown>) }
      : metadata;
  if (meta && typeof meta === 'object') delete (meta as Record<string, unknown>)['managedFields'];
  const shown: Record<string, unknown> = { ...(meta === undefined ? {} : { metadata: meta }), ...rest };
  if (raw['kind'] === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const values = shown[field];
      if (values && typeof values === 'object') {
        shown[field] = Object.fromEntries(Object.keys(values).map((k) => [k, '(hidden)']));
      }
    }
    // `kubectl apply` keeps a full copy of the Secret, values included, in this annotation.
    const annotations = (meta as { annotations?: unknown } | undefined)?.annotations;
    if (annotations && typeof annotations === 'object' && LAST_APPLIED in annotations) {
      (meta as Record<string, unknown>)['annotations'] = { ...annotations, [LAST_APPLIED]: '(hidden)' };
    }
  }
  try {
    return sanitizeMultiline(stringify(shown, { lineWidth: 0 }));
  } catch {
    return '(this object cannot be shown as YAML)';
  }
}

export function yamlLines(raw: RawObject | undefined, width: number): DetailLine[] {
  if (!raw || Object.keys(raw).length === 0)
    return [{ text: 'the object is not in the cache yet', tone: 'muted' }];
  return yamlText(raw)
    .split('\n')
    .flatMap((line) => wrapLine(line, width).map((text) => ({ text })));
}

export function historyLines(history: HistoryState, now: number, width: number): DetailLine[] {
  switch (history.phase) {
    case 'idle':
    case 'loading':
      return [{ text: 'loading Helm history…', tone: 'muted' }];
    case 'error':
      return wrapped(`Helm history unavailable: ${sanitizeText(history.message)}`, width, '', 'bad');
    case 'ready':
      break;
  }
  if (history.items.length === 0)
    return [{ text: 'no Helm release secrets found for this release', tone: 'muted' }];
  const lines: DetailLine[] = [
    {
      text: `${fitCell('REVISION', 9)}${fitCell('UPDATED', 9)}${fitCell('STATUS', 17)}${fitCell('CHART', 28)}${fitCell('APP VERSION', 13)}DESCRIPTION`,
      bold: true,
    },
  ];
  for (const h of history.items) {
    const tone: Tone | undefined =
      h.status === 'deployed'
        ? 'ok'
        : h.status === 'failed'
          ? 'bad'
          : h.status.startsWith('pending')
            ? 'warn'
            : undefined;
    const chart = sanitizeText(`${h.chartName}-${h.chartVersion}`, 100);
    const text = `${fitCell(String(h.revision), 9)}${fitCell(formatAge(h.lastDeployed, now), 9)}${fitCell(sanitizeText(h.status, 30), 17)}${fitCell(chart, 28)}${fitCell(sanitizeText(h.appVersion, 40), 13)}${sanitizeText(h.description, 500)}`;
    // One line per revision, like `helm history`: the table stays readable; the details are in the events.
    lines.push({ text: truncate(text, width), ...(tone ? { tone } : {}) });
  }
  return lines;
}

export type DetailsTab = 'overview' | 'events' | 'yaml' | 'history' | 'changes' | 'inventory';
