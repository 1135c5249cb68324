// Table columns for Flux objects (StatusRow), per view. Cells are sanitised here again although rows come
// sanitised from src/flux: the grid must be safe whatever a row was built from.

import { sanitizeText } from '../flux/sanitize.js';
import { needsAttention } from '../flux/status.js';
import { elapsedShown, formatAge, formatDuration, parseTime } from '../flux/time.js';
import type { StatusRow } from '../flux/types.js';
import type { ViewId } from './catalog.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import { shortKind } from './short-kinds.js';
import { healthTone } from './theme.js';

/** What the columns need beyond the row: the clock, the alert threshold, dependency facts. */
export interface StatusContext {
  readonly now: number;
  readonly alertThresholdMs: number;
  readonly allNamespaces: boolean;
  /** e.g. `HelmRelease/istio-system/istio-base` for a row blocked by a failing dependency; '' otherwise. */
  readonly blockedBy: (row: StatusRow) => string;
  /** `◉ root` when the row is where a failing dependency chain starts; '' otherwise. */
  readonly chainMark: (row: StatusRow) => string;
}

type Col = GridColumn<StatusRow>;

/**
 * How long the row has been failing as the console shows it (elapsedShown: from ten minutes on, to the
 * clock's minute), so the FAILING FOR text, its `!`, the details and the header's count past the alert
 * threshold all agree and change at the same moment.
 */
export function failingForMs(row: StatusRow, now: number): number | undefined {
  if (!needsAttention(row)) return undefined;
  const since = parseTime(row.failingSince);
  return since === undefined ? undefined : Math.max(0, elapsedShown(since, now));
}

export function isPastThreshold(row: StatusRow, ctx: StatusContext): boolean {
  const ms = failingForMs(row, ctx.now);
  return ms !== undefined && ms >= ctx.alertThresholdMs;
}

const extra = (name: string, opts: Partial<Col> = {}): Col => ({
  id: name,
  cell: (r) => sanitizeText(r.extra[name] ?? '', 300),
  min: 10,
  max: 40,
  drop: 5,
  ...opts,
});

// `min` is what a column is owed to be shown at all; `drop` orders the optional ones, highest hidden first
// (src/present/grid-layout.ts). KIND, NAMESPACE, NAME, STATUS, FAILING FOR and MESSAGE are never hidden: two
// rows must never look alike, and the failure and its age are what the console is for.
function columns(ctx: StatusContext) {
  const at = (iso: string) => parseTime(iso) ?? 0;
  return {
    kind: {
      id: 'KIND',
      cell: (r) => r.ref.kind,
      compact: { cell: (r) => shortKind(r.ref.kind), min: 6 },
      // Kustomization, GitRepository… whole: longer kinds are cut only when squeezed.
      min: 13,
      identity: true,
    } satisfies Col,
    namespace: {
      id: 'NAMESPACE',
      cell: (r) => sanitizeText(r.ref.namespace, 63),
      min: 10,
      max: 24,
      identity: true,
    } satisfies Col,
    name: {
      id: 'NAME',
      cell: (r) => sanitizeText(r.ref.name, 253),
      min: 12,
      max: 40,
      identity: true,
    } satisfies Col,
    revision: {
      id: 'REVISION',
      cell: (r) => sanitizeText(r.revision, 200),
      min: 10,
      max: 28,
      cutMiddle: true,
      drop: 3,
    } satisfies Col,
    suspended: {
      id: 'SUSPENDED',
      cell: (r) => (r.suspended ? 'True' : 'False'),
      drop: 4,
      tone: (r) => (r.suspended ? 'warn' : undefined),
    } satisfies Col,
    ready: { id: 'READY', cell: (r) => r.ready, drop: 5 } satisfies Col,
    status: { id: 'STATUS', cell: (r) => r.health, min: 9, tone: (r) => healthTone(r.health) } satisfies Col,
    message: { id: 'MESSAGE', cell: (r) => sanitizeText(r.message, 1000), flex: true, min: 12 } satisfies Col,
    age: {
      id: 'AGE',
      cell: (r) => formatAge(r.createdAt, ctx.now),
      align: 'right',
      min: 4,
      drop: 8,
      sortValue: (r) => -at(r.createdAt),
    } satisfies Col,
    failingFor: {
      id: 'FAILING FOR',
      cell: (r) => {
        const ms = failingForMs(r, ctx.now);
        if (ms === undefined) return '';
        // `≥`: the streak began then or earlier (only derived); the `!` carries the alert without colour.
        const age = `${r.failingSinceLowerBound ? '≥' : ''}${formatDuration(ms)}`;
        return ms >= ctx.alertThresholdMs ? `${age} !` : age;
      },
      align: 'right',
      tone: (r) => (isPastThreshold(r, ctx) ? 'alert' : undefined),
      // Clock-free, so sorted lists survive a tick: an earlier failingSince is a longer failure.
      sortValue: (r) =>
        needsAttention(r)
          ? -(parseTime(r.failingSince) ?? Number.MAX_SAFE_INTEGER)
          : Number.NEGATIVE_INFINITY,
    } satisfies Col,
    blockedBy: {
      id: 'BLOCKED BY',
      cell: (r) => ctx.blockedBy(r) || ctx.chainMark(r),
      // `◉ root (blocks 12)` whole on a wide table; cut (still saying root) on a narrow one.
      min: 18,
      compact: { cell: (r) => ctx.blockedBy(r) || ctx.chainMark(r), min: 10 },
      max: 44,
      drop: 6,
    } satisfies Col,
    dependsOn: {
      id: 'DEPENDS ON',
      cell: (r) => sanitizeText(r.dependsOn.map((d) => d.name).join(','), 300),
      min: 10,
      max: 30,
      drop: 9,
    } satisfies Col,
    lastFetch: {
      id: 'LAST FETCH',
      cell: (r) => formatAge(r.extra['LAST FETCH'] ?? '', ctx.now),
      align: 'right',
      drop: 7,
      sortValue: (r) => -at(r.extra['LAST FETCH'] ?? ''),
    } satisfies Col,
    lastScan: {
      id: 'LAST SCAN',
      cell: (r) => formatAge(r.extra['LAST SCAN'] ?? '', ctx.now),
      align: 'right',
      drop: 7,
      sortValue: (r) => -at(r.extra['LAST SCAN'] ?? ''),
    } satisfies Col,
  };
}

/**
 * The columns of a view over Flux objects, in display order. Hidden first as the table narrows: the
 * view's extra columns and AGE, then BLOCKED BY, then READY, SUSPENDED and REVISION (what `flux get` shows):
 * at 120 columns the appliers' views keep REVISION, SUSPENDED and READY beside a MESSAGE of 30 cells or more.
 */
export function statusColumns(view: ViewId, ctx: StatusContext): readonly Col[] {
  const c = columns(ctx);
  const ns = ctx.allNamespaces ? [c.namespace] : [];
  const tail = [c.message, c.age, c.failingFor];
  switch (view) {
    case 'failing':
      // The home view's point is what blocks what: BLOCKED BY (ns/name of the root, or the root marker) is
      // the last optional column to go.
      return [
        c.kind,
        ...ns,
        c.name,
        c.status,
        c.failingFor,
        { ...c.blockedBy, drop: 1 },
        c.message,
        { ...c.revision, drop: 2 },
        c.age,
      ];
    case 'kustomizations':
      return [
        ...ns,
        c.name,
        c.revision,
        c.suspended,
        c.ready,
        c.status,
        c.blockedBy,
        extra('SOURCE', { drop: 10 }),
        ...tail,
      ];
    case 'helmreleases':
      return [
        ...ns,
        c.name,
        c.revision,
        c.suspended,
        c.ready,
        c.status,
        extra('CHART', { drop: 7 }),
        extra('VERSION', { min: 7, drop: 10 }),
        c.dependsOn,
        c.blockedBy,
        ...tail,
      ];
    case 'sources':
      return [
        c.kind,
        ...ns,
        c.name,
        extra('URL', { max: 48, drop: 6 }),
        c.revision,
        c.suspended,
        c.ready,
        c.status,
        c.lastFetch,
        ...tail,
      ];
    case 'images':
      return [
        c.kind,
        ...ns,
        c.name,
        extra('IMAGE', { max: 48, drop: 6 }),
        extra('TAG', { min: 6, drop: 3 }),
        c.lastScan,
        c.suspended,
        c.ready,
        c.status,
        ...tail,
      ];
    case 'operator':
      // flux-operator's `get` columns (RESOURCES, INPUTS) beside what `flux get` shows for the others.
      return [
        c.kind,
        ...ns,
        c.name,
        // The distribution version before the digest-heavy revisions, which a narrow table would cut anyway.
        extra('VERSION', { min: 7, max: 12, drop: 3 }),
        { ...c.revision, min: 14, drop: 7 },
        extra('RESOURCES', { min: 9, max: 9, align: 'right', drop: 8 }),
        extra('INPUTS', { min: 6, max: 20, drop: 8 }),
        c.suspended,
        c.ready,
        c.status,
        ...tail,
      ];
    default:
      return [
        c.kind,
        ...ns,
        c.name,
        extra('TYPE', { min: 6, drop: 6 }),
        c.suspended,
        c.ready,
        c.status,
        ...tail,
      ];
  }
}

export function statusRowStyle(ctx: StatusContext): (row: StatusRow) => RowStyle {
  return (row) => ({ tone: healthTone(row.health), alert: isPastThreshold(row, ctx) });
}
