// Kubernetes events of Flux objects as `flux events` shows them (fluxcd/flux2 cmd/flux/events.go): which
// related objects' events `--for Kind/name` adds, the LAST SEEN column, and the row.
import { helmChartNameFor } from './helm.js';
import { readSpecRef, type SpecRef } from './kind-rules.js';
import { findKind, type KindName } from './kinds.js';
import { field, num, record, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import { refFromSpec } from './status.js';
import { formatDuration, parseTime } from './time.js';
import type { ObjectRef } from './types.js';

function ref(spec: SpecRef | undefined, namespace: string): ObjectRef[] {
  const r = refFromSpec(spec, namespace);
  return r ? [r] : [];
}

/**
 * The objects whose events `flux events --for <kind>/<name>` lists besides the object's own
 * (docs/logs-and-events.md): Kustomization → its sourceRef; HelmRelease → its chart's sourceRef and the
 * HelmChart `<ns>-<name>` in the source's namespace; HelmChart → its sourceRef; Alert → its Provider (same
 * namespace); ImagePolicy → its ImageRepository; every other kind → none. References to kinds that are not
 * Flux kinds are dropped. A HelmRelease with spec.chartRef gets its chartRef target (the CLI only reads
 * spec.chart and fails there).
 */
export function eventsForRefs(kind: KindName, raw: unknown): ObjectRef[] {
  const namespace = str(raw, 'metadata', 'namespace');
  switch (kind) {
    case 'Kustomization':
      return ref(readSpecRef(raw, ['spec', 'sourceRef']), namespace);
    case 'HelmChart':
      return ref(readSpecRef(raw, ['spec', 'sourceRef']), namespace);
    case 'ImagePolicy':
      return ref(readSpecRef(raw, ['spec', 'imageRepositoryRef'], 'ImageRepository'), namespace);
    case 'Alert': {
      const provider = readSpecRef(raw, ['spec', 'providerRef'], 'Provider');
      return ref(provider && { ...provider, kind: 'Provider', namespace: '' }, namespace);
    }
    case 'HelmRelease': {
      const chartRef = readSpecRef(raw, ['spec', 'chartRef']);
      if (chartRef) return ref(chartRef, namespace);
      const source = ref(readSpecRef(raw, ['spec', 'chart', 'spec', 'sourceRef']), namespace);
      const chart = helmChartNameFor(raw);
      return chart ? [...source, chart] : source;
    }
    default:
      return [];
  }
}

function isoOrEmpty(value: unknown): string {
  return parseTime(value) === undefined ? '' : sanitizeText(value, 64);
}

/** The most recent occurrence of an event: series.lastObservedTime → lastTimestamp → eventTime; '' when none. */
export function eventLastSeen(rawEvent: unknown): string {
  if (record(rawEvent, 'series')) return isoOrEmpty(field(rawEvent, 'series', 'lastObservedTime'));
  return isoOrEmpty(field(rawEvent, 'lastTimestamp')) || isoOrEmpty(field(rawEvent, 'eventTime'));
}

/** The first occurrence: eventTime (events.k8s.io) → firstTimestamp (core/v1); '' when none. */
export function eventFirstSeen(rawEvent: unknown): string {
  return isoOrEmpty(field(rawEvent, 'eventTime')) || isoOrEmpty(field(rawEvent, 'firstTimestamp'));
}

/** How many times the event occurred: series.count → count → 1. */
export function eventCount(rawEvent: unknown): number {
  const n = num(rawEvent, 'series', 'count') ?? num(rawEvent, 'count') ?? 1;
  return Math.max(1, Math.floor(n));
}

function age(iso: string, now: number): string {
  const t = parseTime(iso);
  return t === undefined ? '<unknown>' : formatDuration(now - t);
}

/**
 * The LAST SEEN column of `flux events` (kubectl's): `<age of first>`, or `<age of last> (x<count> over
 * <age of first>)` for repeated events; `<unknown>` for a missing timestamp.
 */
export function formatEventLastSeen(rawEvent: unknown, now: number): string {
  const first = age(eventFirstSeen(rawEvent), now);
  if (record(rawEvent, 'series')) {
    return `${age(eventLastSeen(rawEvent), now)} (x${eventCount(rawEvent)} over ${first})`;
  }
  const count = num(rawEvent, 'count') ?? 0;
  if (count > 1) return `${age(isoOrEmpty(field(rawEvent, 'lastTimestamp')), now)} (x${count} over ${first})`;
  return first;
}

/** The LAST SEEN column from already-extracted times (as src/kube's ClusterEvent carries them). */
export function formatLastSeen(lastSeen: string, firstSeen: string, count: number, now: number): string {
  const first = age(firstSeen, now);
  return count > 1 ? `${age(lastSeen, now)} (x${count} over ${first})` : first;
}

/** LAST SEEN on a narrow table: only how long ago the event was last seen. */
export function formatLastSeenAge(lastSeen: string, firstSeen: string, now: number): string {
  return age(lastSeen || firstSeen, now);
}

/** The Flux kind an event is about (case-insensitive, as the CLI), or undefined for other objects. */
export function eventFluxKind(rawEvent: unknown): KindName | undefined {
  const kind = str(rawEvent, 'involvedObject', 'kind');
  if (kind === '') return undefined;
  const found = findKind(kind);
  return found && found.kind.toLowerCase() === kind.toLowerCase() ? found.kind : undefined;
}

/** The event's namespace: where it was recorded, which is its object's namespace for Flux events. */
function eventNamespace(rawEvent: unknown): string {
  return str(rawEvent, 'metadata', 'namespace') || str(rawEvent, 'involvedObject', 'namespace');
}

/** Whether the event is about this object (the `involvedObject.kind`/`.name` field selectors, in its namespace). */
export function eventInvolves(rawEvent: unknown, target: ObjectRef): boolean {
  return (
    str(rawEvent, 'involvedObject', 'kind') === target.kind &&
    str(rawEvent, 'involvedObject', 'name') === target.name &&
    eventNamespace(rawEvent) === target.namespace
  );
}

/**
 * One row of `flux events`: [NAMESPACE,] LAST SEEN, TYPE, REASON, OBJECT (`Kind/name`), MESSAGE — all
 * display-safe single lines.
 */
export function fluxEventsRow(rawEvent: unknown, showNamespace: boolean, now: number): string[] {
  const row = [
    formatEventLastSeen(rawEvent, now),
    sanitizeText(str(rawEvent, 'type'), 50),
    sanitizeText(str(rawEvent, 'reason'), 200),
    sanitizeText(
      `${str(rawEvent, 'involvedObject', 'kind')}/${str(rawEvent, 'involvedObject', 'name')}`,
      400,
    ),
    sanitizeText(str(rawEvent, 'message')),
  ];
  return showNamespace ? [sanitizeText(eventNamespace(rawEvent), 253), ...row] : row;
}

/** The headers of `flux events`. */
export function fluxEventsHeaders(showNamespace: boolean): string[] {
  const headers = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return showNamespace ? ['NAMESPACE', ...headers] : headers;
}

/** kubectl's event order: by time of the most recent occurrence, oldest first; events without time first. */
export function compareEventsByTime(a: unknown, b: unknown): number {
  const ta = parseTime(eventLastSeen(a)) ?? 0;
  const tb = parseTime(eventLastSeen(b)) ?? 0;
  return ta - tb;
}
