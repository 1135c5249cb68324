// The `:trace` screen: the chain `flux trace` prints, one link a row — the object, its owners, the Flux
// object that applied it, its sources — with each link's readiness word first (readable without colour),
// and above the table the verdict (who manages it, what is not ready) and the revision line (applied
// against the source's artifact). The links are already display-safe (src/flux/trace.ts).
import type { Trace, TraceLink, TraceRole } from '../flux/trace.js';
import type { TraceOutcome } from './cluster-types.js';
import type { GridColumn, RowStyle } from './grid-layout.js';
import { shortKindOf } from './short-kinds.js';
import type { Notice } from './watch-state.js';

export interface TraceRow extends TraceLink {
  /** Place in the chain, from the object (0) to the source. */
  readonly index: number;
}

export type TraceState =
  | { readonly phase: 'loading' }
  | TraceOutcome
  | { readonly phase: 'error'; readonly message: string };

const ROLE_WORD: Readonly<Record<TraceRole, string>> = {
  object: 'object',
  owner: 'owned by',
  manager: 'applied by',
  source: 'source',
};

export function traceRowKey(r: TraceRow): string {
  return `${r.index}/${r.kind}/${r.namespace}/${r.name}`;
}

export function traceRows(trace: Trace): readonly TraceRow[] {
  return trace.links.map((l, index) => ({ ...l, index }));
}

/** kubectl's short names for the kinds a trace walks through before it reaches Flux (narrow tables). */
const WORKLOAD_SHORT: Readonly<Record<string, string>> = {
  Deployment: 'DEPLOY',
  ReplicaSet: 'RS',
  StatefulSet: 'STS',
  DaemonSet: 'DS',
  Pod: 'POD',
  Job: 'JOB',
  CronJob: 'CJ',
  Service: 'SVC',
  ConfigMap: 'CM',
};

export function traceColumns(): readonly GridColumn<TraceRow>[] {
  return [
    { id: 'LINK', cell: (r) => ROLE_WORD[r.role], min: 10, sortValue: (r) => r.index },
    {
      id: 'KIND',
      cell: (r) => r.kind,
      compact: { cell: (r) => WORKLOAD_SHORT[r.kind] ?? shortKindOf(r.kind), min: 4 },
      min: 8,
      max: 24,
      identity: true,
    },
    { id: 'NAMESPACE', cell: (r) => r.namespace, min: 11, max: 30, identity: true, cutMiddle: true },
    { id: 'NAME', cell: (r) => r.name, min: 12, max: 50, identity: true, cutMiddle: true },
    { id: 'STATUS', cell: (r) => r.status, min: 11, tone: (r) => r.tone },
    { id: 'REASON', cell: (r) => r.reason, min: 10, max: 30, drop: 3 },
    { id: 'REVISION', cell: (r) => r.revision, min: 12, max: 40, drop: 4, cutMiddle: true },
    // flux trace's fields (Path ./apps, URL …, Tag v1): shown where the table is wide.
    {
      id: 'FROM',
      cell: (r) => (r.fields ?? []).map((f) => `${f.label} ${f.value}`).join(', '),
      min: 30,
      max: 48,
      drop: 5,
    },
    { id: 'MESSAGE', cell: (r) => r.message, flex: true, min: 12, drop: 1 },
  ];
}

export function traceRowStyle(r: TraceRow): RowStyle {
  return { tone: r.tone === 'muted' ? 'muted' : undefined };
}

/** What stands above the chain: the state while reading, the reason there is no chain, or the verdict lines. */
export function traceNotices(state: TraceState, what: string): readonly Notice[] {
  if ('phase' in state) {
    return state.phase === 'loading'
      ? [{ text: `tracing ${what}…`, tone: 'busy' }]
      : [{ text: `cannot trace ${what}: ${state.message}`, tone: 'bad' }];
  }
  if (!state.ok) return [{ text: state.message, tone: 'bad' }];
  const t = state.trace;
  const notices: Notice[] = [{ text: t.verdict.text, tone: t.verdict.tone }];
  if (t.revision) notices.push({ text: t.revision.text, tone: t.revision.tone });
  if (t.note) notices.push({ text: t.note, tone: 'warn' });
  return notices;
}
