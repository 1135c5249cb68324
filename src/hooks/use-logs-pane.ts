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
import { fitLogText, type LogTextStyle, logsTitle, logText } from '../present/log-text.js';
import type { LogLine, LogsModel } from '../present/logs-model.js';
import { wrapLine } from '../present/text.js';
import type { Tone } from '../present/theme.js';
import type { Notice } from '../present/watch-state.js';
import { type FilteredLog, filterLog } from './log-filter.js';
import { INITIAL_LOGS_PANE, type LogsPaneState, logsPaneReducer } from './logs-pane.js';

const EMPTY: LogSnapshot = { revision: 0, entries: [], streams: [] };
const noSubscribe = () => () => undefined;
const noSnapshot = () => EMPTY;

const LEVEL_TONES: Readonly<Record<string, Tone | undefined>> = {
  error: 'bad',
  warn: 'warn',
  debug: 'muted',
  trace: 'muted',
};

// Entries are immutable and formatting is not free: format each at most once per style (one cache for each
// of the four: object scope or not, controller shown or not).
const TEXTS = [0, 1, 2, 3].map(() => new WeakMap<LogEntry, string>());

function cachedText(e: LogEntry, style: LogTextStyle): string {
  const cache = TEXTS[(style.objectScope ? 2 : 0) + (style.showController ? 1 : 0)] as WeakMap<
    LogEntry,
    string
  >;
  let text = cache.get(e);
  if (text === undefined) {
    text = logText(e, style);
    cache.set(e, text);
  }
  return text;
}

/** The pod each followed controller's stream reads (its name until a stream has found one). */
function followedPods(controllers: readonly string[], streams: LogSnapshot['streams']): readonly string[] {
  return controllers.map((c) =>
    sanitizeText(streams.find((s) => s.controller === c && s.pod)?.pod ?? c, 253),
  );
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
  /** Where the pane starts: the config file's `logs:` scope and wrapping. */
  readonly initial?: Partial<Pick<LogsPaneState, 'scope' | 'wrap'>> | undefined;
}

export function useLogsPane(o: LogsPaneOptions) {
  const [state, dispatch] = useReducer(logsPaneReducer, o.initial, (initial) => ({
    ...INITIAL_LOGS_PANE,
    ...initial,
  }));
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
  const style = useMemo(() => ({ objectScope, showController }), [objectScope, showController]);
  const textOf = (e: LogEntry | undefined) => (e ? cachedText(e, style) : '');

  const needle = state.search.toLowerCase();
  // biome-ignore lint/correctness/useExhaustiveDependencies: textOf is a pure cache lookup keyed by its arguments
  const hits = useMemo(
    () =>
      needle === '' ? [] : filtered.flatMap((e, i) => (textOf(e).toLowerCase().includes(needle) ? [i] : [])),
    [filtered, needle, style],
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
    const tone = e ? LEVEL_TONES[e.line.level] : undefined;
    // Unwrapped, the line is fitted here (message and error first); wrapped, every cell of it shows.
    const parts = state.wrap ? wrapLine(textOf(e), o.width) : [e ? fitLogText(e, style, o.width) : ''];
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
  const head = `Logs [${mode}]${state.wrap ? ' [wrap]' : ''} ${what}${search}`;
  const title = logsTitle(head, followedPods(o.controllers, logs.streams), o.width);

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
