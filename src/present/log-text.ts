// A controller log line as the logs pane shows it, and the pane's title. Filtered to one object, a line
// leaves out the object (every line names it) and reads message first, then the error, then the rest
// (time, level, controller, other keys such as `revision`): on a narrow pane what is cut is the rest, and a
// long message is cut before the error is. Showing every line, the line keeps its log order of fields
// (time, controller, level, object, message, error) so lines of different objects line up.
import { sanitizeText } from '../flux/sanitize.js';
import type { LogEntry } from '../kube/port.js';
import { textWidth, truncate } from './text.js';

export interface LogTextStyle {
  /** The pane shows one object's lines: the object's kind, namespace and name are left out. */
  readonly objectScope: boolean;
  /** Lines of more than one controller are shown: each says whose it is. */
  readonly showController: boolean;
}

/** A line in two parts: what comes first (and is kept when cutting), and the rest. */
export interface LogTextParts {
  readonly message: string;
  /** `error: …`, or empty. */
  readonly error: string;
  readonly rest: string;
}

const MAX_TEXT = 4000;
const GAP = '  ';
/** The error keeps at least this share of a line too narrow for the message and the error together. */
const ERROR_SHARE = 0.5;

function clock(ts: string): string {
  return ts.length >= 19 ? ts.slice(11, 19) : ts;
}

function controllerName(controller: string): string {
  return controller.replace(/-controller$/, '');
}

/** The parts of a line in the object scope; undefined for a line shown as it came (not JSON). */
export function logTextParts(e: LogEntry, style: LogTextStyle): LogTextParts | undefined {
  const l = e.line;
  if (!l.structured) return undefined;
  const fields = (l.fields ?? []).map(([k, v]) => `${k}=${v}`);
  const rest = [
    clock(l.ts),
    l.level,
    ...(style.showController ? [controllerName(e.controller)] : []),
    ...fields,
  ].filter((p) => p !== '');
  return {
    message: sanitizeText(l.message, MAX_TEXT),
    error: l.error ? sanitizeText(`error: ${l.error}`, MAX_TEXT) : '',
    rest: sanitizeText(rest.join(' '), MAX_TEXT),
  };
}

function joined(parts: LogTextParts): string {
  return [parts.message, parts.error, parts.rest ? `· ${parts.rest}` : ''].filter((p) => p !== '').join(GAP);
}

/** The whole line, for searching and wrapping. */
export function logText(e: LogEntry, style: LogTextStyle): string {
  const l = e.line;
  const who = style.showController ? `${controllerName(e.controller)} ` : '';
  if (!l.structured) return sanitizeText(`${who}${l.message}`, MAX_TEXT);
  const parts = style.objectScope ? logTextParts(e, style) : undefined;
  if (parts) return joined(parts);
  const object = l.name ? ` ${l.kind}/${l.namespace}/${l.name}` : l.kind ? ` ${l.kind}` : '';
  const error = l.error ? `${GAP}error: ${l.error}` : '';
  const fields = (l.fields ?? []).map(([k, v]) => ` ${k}=${v}`).join('');
  return sanitizeText(
    `${clock(l.ts)} ${who}${l.level.padEnd(5)}${object} ${l.message}${error}${fields}`,
    MAX_TEXT,
  );
}

/** A cut tail narrower than this says nothing: it is left out rather than shown as a cut mark. */
const MIN_TAIL = 7;

/**
 * The line cut to `width` cells (the pane does not wrap). In the object scope the message and the error
 * come first and the rest is what is cut; when the message and the error do not fit together, the message
 * gives way until the error has at least half the line.
 */
export function fitLogText(e: LogEntry, style: LogTextStyle, width: number): string {
  const whole = logText(e, style);
  if (textWidth(whole) <= width) return whole;
  const parts = style.objectScope ? logTextParts(e, style) : undefined;
  if (!parts) return truncate(whole, width);
  const lead = parts.error ? `${parts.message}${GAP}${parts.error}` : parts.message;
  const leadWidth = textWidth(lead);
  if (leadWidth <= width) {
    const tail = truncate(`${GAP}· ${parts.rest}`, width - leadWidth);
    return textWidth(tail) >= MIN_TAIL ? `${lead}${tail}` : lead;
  }
  if (parts.error === '') return truncate(lead, width);
  const errorRoom = Math.max(Math.ceil(width * ERROR_SHARE), width - textWidth(parts.message) - GAP.length);
  const messageRoom = Math.max(0, width - Math.min(errorRoom, textWidth(parts.error)) - GAP.length);
  const message = truncate(parts.message, messageRoom);
  return truncate(message === '' ? parts.error : `${message}${GAP}${parts.error}`, width);
}

const PODS_GAP = ' · ';
/** A pod name is never cut shorter than this: fewer pods are named instead, and the others counted. */
const MIN_POD = 16;

/**
 * The pane's title: `head` (mode, what is shown, search) then the pods followed, so the reader knows whose
 * lines these are after a pod was replaced. When they do not fit, each is cut alike (`helm-controller-7d..`);
 * when that would leave too little of each, as many as fit are named and the others counted (`+4 more`).
 */
export function logsTitle(head: string, pods: readonly string[], width: number): string {
  if (pods.length === 0) return truncate(head, width);
  const full = `${head} — ${pods.join(PODS_GAP)}`;
  if (textWidth(full) <= width) return full;
  for (let shown = pods.length; shown >= 1; shown--) {
    const more = shown < pods.length ? `${PODS_GAP}+${pods.length - shown} more` : '';
    const room = width - textWidth(head) - 3 - textWidth(more) - PODS_GAP.length * (shown - 1);
    const each = Math.floor(room / shown);
    if (each >= MIN_POD) {
      const named = pods.slice(0, shown).map((p) => truncate(p, each));
      return truncate(`${head} — ${named.join(PODS_GAP)}${more}`, width);
    }
  }
  return truncate(full, width);
}
