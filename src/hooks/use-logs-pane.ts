// The logs pane's model: which entries (frozen or live, the selected object's or all), the window of lines
// that fits, search matches and stream states. Subscribes to the log store only while the pane is shown,
// so 2,000 lines a second cost nothing while nobody looks at them.
import { useCallback, useMemo, useReducer, useRef, useSyncExternalStore } from 'react';
import { logMatchesObject } from '../flux/logs.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { ObjectRef } from '../flux/types.js';
import { formatHint } from '../keymap.js';
import type { ClusterPort, LogEntry, LogSnapshot } from '../kube/port.js';
import { logLinesHeight } from '../present/layout.js';
import type { LogLine, LogsModel } from '../present/logs-model.js';
import { wrapLine } from '../present/text.js';
import type { Tone } from '../present/theme.js';
import type { Notice } from '../present/watch-state.js';
import { type FilteredLog, filterLog } from './log-filter.js';
import { INITIAL_LOGS_PANE, logsPaneReducer } from './logs-pane.js';

const EMPTY: LogSnapshot = { revision: 0, entries: [], streams: [] };
const noSubscribe = () => () => undefined;
const noSnapshot = () => EMPTY;

const LEVEL_TONES: Readonly<Record<string, Tone | undefined>> = {
  error: 'bad',
  warn: 'warn',
  debug: 'muted',
  trace: 'muted',
};

export function formatLogEntry(e: LogEntry, showController: boolean): string {
  const l = e.line;
  const who = showController ? `${e.controller.replace(/-controller$/, '')} ` : '';
  if (!l.structured) return sanitizeText(`${who}${e.text}`, 4000);
  const time = l.ts.length >= 19 ? l.ts.slice(11, 19) : l.ts;
  const object = l.name ? ` ${l.kind}/${l.namespace}/${l.name}` : l.kind ? ` ${l.kind}` : '';
  const error = l.error ? `  error: ${l.error}` : '';
  return sanitizeText(`${time} ${who}${l.level.padEnd(5)}${object} ${l.message}${error}`, 4000);
}

// Entries are immutable and formatting is not free: format each at most once per style.
const TEXTS = [new WeakMap<LogEntry, string>(), new WeakMap<LogEntry, string>()] as const;

function cachedText(e: LogEntry, showController: boolean): string {
  const cache = TEXTS[showController ? 1 : 0];
  let text = cache.get(e);
  if (text === undefined) {
    text = formatLogEntry(e, showController);
    cache.set(e, text);
  }
  return text;
}

export interface LogsPaneOptions {
  readonly port: ClusterPort;
  readonly visible: boolean;
  /** The selected Flux object: its lines in the `object` scope. */
  readonly target: ObjectRef | undefined;
  readonly controllers: readonly string[];
  readonly width: number;
  /** The pane's height (its title and stream notices included). */
  readonly height: number;
}

export function useLogsPane(o: LogsPaneOptions) {
  const [state, dispatch] = useReducer(logsPaneReducer, INITIAL_LOGS_PANE);
  const subscribe = useCallback((l: () => void) => o.port.subscribeLogs(l), [o.port]);
  const get = useCallback(() => o.port.getLogSnapshot(), [o.port]);
  const logs = useSyncExternalStore(o.visible ? subscribe : noSubscribe, o.visible ? get : noSnapshot);

  const source = state.frozen ?? logs.entries;
  const objectScope = state.scope === 'object' && o.target !== undefined;
  const target = objectScope ? o.target : undefined;
  const matches = useCallback((e: LogEntry) => !target || logMatchesObject(e.line, target), [target]);
  const filteredLog = useRef<FilteredLog | undefined>(undefined);
  const filtered = useMemo(() => {
    if (!target) return source;
    filteredLog.current = filterLog(filteredLog.current, source, matches);
    return filteredLog.current.output;
  }, [source, target, matches]);
  const showController = o.controllers.length > 1 || !objectScope;
  const textOf = (e: LogEntry | undefined) => (e ? cachedText(e, showController) : '');

  const needle = state.search.toLowerCase();
  // biome-ignore lint/correctness/useExhaustiveDependencies: textOf is a pure cache lookup keyed by its arguments
  const hits = useMemo(
    () =>
      needle === '' ? [] : filtered.flatMap((e, i) => (textOf(e).toLowerCase().includes(needle) ? [i] : [])),
    [filtered, needle, showController],
  );
  const currentHit = hits[hits.length - 1 - state.match];

  let newCount = 0;
  if (state.frozen) {
    const lastSeq = state.frozen[state.frozen.length - 1]?.seq ?? -1;
    for (let i = logs.entries.length - 1; i >= 0; i--) {
      const e = logs.entries[i];
      if (!e || e.seq <= lastSeq) break;
      if (matches(e)) newCount += 1;
    }
  }

  // A stream that is following says nothing — unless it had to reconnect (a restarted controller pod):
  // then the pane keeps saying which pod it follows now, so a gap in the lines has an explanation.
  const notices: Notice[] = logs.streams
    .filter((s) => s.phase !== 'following' || s.reconnects > 0)
    .map((s) => ({
      text: sanitizeText(
        s.phase === 'following'
          ? s.message
          : `${s.controller}: ${s.phase}${s.message ? ` — ${s.message}` : ''}`,
        300,
      ),
      tone:
        s.phase === 'following' ? 'muted' : s.phase === 'forbidden' || s.phase === 'ended' ? 'bad' : 'warn',
    }));
  if (o.visible && logs.streams.length === 0 && logs.entries.length === 0 && o.controllers.length > 0) {
    notices.push({ text: `connecting to ${o.controllers.join(', ')}…`, tone: 'muted' });
  }

  const rows = logLinesHeight(o.height, notices.length);

  // The window: from the newest shown entry upwards until the pane is full.
  const lines: LogLine[] = [];
  const end = Math.max(0, filtered.length - state.scroll);
  for (let i = end - 1; i >= 0 && lines.length < rows; i--) {
    const e = filtered[i];
    const text = textOf(e);
    const tone = e ? LEVEL_TONES[e.line.level] : undefined;
    const parts = state.wrap ? wrapLine(text, o.width) : [text];
    for (let p = parts.length - 1; p >= 0 && lines.length < rows; p--) {
      lines.unshift({ text: parts[p] ?? '', tone, current: i === currentHit });
    }
  }

  const what = target ? `${target.kind}/${target.namespace}/${target.name}` : 'all lines';
  const mode = state.frozen ? `paused, ${newCount} new` : 'following';
  const search = state.search
    ? `  ?${state.search} ${hits.length === 0 ? 'no match' : `${state.match + 1}/${hits.length}`}`
    : '';
  const who = o.controllers.map((c) => c.replace(/-controller$/, '')).join(',') || 'no controller';
  const title = `Logs [${mode}]${state.wrap ? ' [wrap]' : ''} ${what}${search} — ${who}`;

  const model: LogsModel = {
    title,
    lines,
    notices,
    search: state.search,
    newCount,
    matchCount: hits.length,
    paused: state.frozen !== undefined,
    empty:
      lines.length > 0
        ? undefined
        : target
          ? `no lines about ${what} yet  ${formatHint('logsScope', `all lines of ${who}`)}`
          : 'no log lines yet',
  };

  /** Scroll so the given match (0 = newest) sits mid-pane. */
  const scrollForMatch = (match: number) => {
    const hit = hits[hits.length - 1 - match];
    return hit === undefined ? state.scroll : Math.max(0, filtered.length - 1 - hit - Math.floor(rows / 2));
  };

  return {
    state,
    dispatch,
    model,
    entries: logs.entries,
    filteredCount: filtered.length,
    hitCount: hits.length,
    rows,
    scrollForMatch,
  };
}
