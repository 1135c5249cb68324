// The `:timeline` view's columns: when, what kind of line, which object, what happened, the detail. The
// entries are already sanitised by src/flux/timeline.ts; the object's key is left out of WHAT (it has its
// own column), and a status word leads WHAT so the line reads without colour (NO_COLOR).
import type { TimelineEntry, TimelineSource, TimelineTone } from '../flux/timeline.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import { shortKindOf } from './short-kinds.js';
import type { Tone } from './theme.js';

const SOURCE_WORD: Readonly<Record<TimelineSource, string>> = {
  failing: 'FAILING',
  transition: 'CHANGE',
  event: 'EVENT',
  log: 'LOG',
  action: 'ACTION',
};

const TONE: Readonly<Record<TimelineTone, Tone | undefined>> = {
  failure: 'bad',
  recovery: 'ok',
  warning: 'warn',
  action: 'accent',
  info: undefined,
};

/** One stable key per entry: the list is rebuilt on every change and the selection must stay put. */
export function timelineKey(e: TimelineEntry): string {
  return `${e.at}\u0000${e.source}\u0000${e.key}\u0000${e.what}\u0000${e.detail}`;
}

function when(ms: number): string {
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z` : '';
}

/** WHAT without the object's key in front (OBJECT shows it), with the count of a repeated line. */
export function timelineWhat(e: TimelineEntry): string {
  const what = !e.key
    ? e.what
    : e.what.startsWith(`${e.key} `)
      ? e.what.slice(e.key.length + 1)
      : e.what.replace(` on ${e.key}:`, ':');
  return e.count > 1 ? `${what} ×${e.count}` : what;
}

/** `Kustomization/flux-system/apps` as a narrow table shows it: `KS/flux-system/apps`. */
function shortKey(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key : `${shortKindOf(key.slice(0, slash))}${key.slice(slash)}`;
}

export function timelineColumns(): readonly GridColumn<TimelineEntry>[] {
  return [
    { id: 'TIME', cell: (e) => when(e.at), min: 20, sortValue: (e) => e.at },
    { id: 'SOURCE', cell: (e) => SOURCE_WORD[e.source], min: 7, tone: (e) => TONE[e.tone] },
    {
      id: 'OBJECT',
      cell: (e) => e.key,
      compact: { cell: (e) => shortKey(e.key), min: 16 },
      min: 24,
      max: 56,
      identity: true,
    },
    { id: 'WHAT', cell: timelineWhat, min: 28, max: 60 },
    { id: 'DETAIL', cell: (e) => e.detail, flex: true, min: 12, drop: 1 },
  ];
}

export function timelineRowStyle(e: TimelineEntry): RowStyle {
  return { tone: e.tone === 'info' ? 'muted' : undefined };
}
