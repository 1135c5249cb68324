// Flux controller log lines (docs/logs-and-events.md): zap JSON with `controllerKind` and a `<Kind>` object
// key on current controllers, `reconciler kind` on pre-2023 ones. Unlike `flux logs`, a line that is not JSON
// is kept (as plain text) instead of being skipped or aborting the stream.
import { isKindName } from './kinds.js';
import { field, isRecord, type JsonRecord, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import type { LogLevel, ObjectRef, ParsedLogLine } from './types.js';

/** Log messages can be long (rendered manifests in errors); a line on screen never needs more. */
const MAX_MESSAGE = 8000;
/** Lines longer than this are not parsed as JSON; they are shown truncated as text. */
const MAX_JSON = 1_000_000;

const LEVELS: Readonly<Record<string, LogLevel>> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  // zap's panic levels are errors as far as a reader is concerned.
  dpanic: 'error',
  panic: 'error',
  fatal: 'error',
};

/** Normalises a zap level: lower-case names, `warning` → warn, panic/fatal → error, `Level(-2)` and below → trace. */
export function normalizeLevel(value: unknown): LogLevel {
  if (typeof value === 'number') {
    if (value <= -2) return 'trace';
    if (value === -1) return 'debug';
    if (value === 0) return 'info';
    return value === 1 ? 'warn' : 'error';
  }
  if (typeof value !== 'string') return 'other';
  const v = value.trim().toLowerCase();
  const known = LEVELS[v];
  if (known) return known;
  // zap prints custom (verbosity) levels as `Level(-2)`; logr V(2) and beyond is trace in Flux's logger.
  const m = /^level\((-?\d+)\)$/.exec(v);
  if (m) return normalizeLevel(Number(m[1]));
  return 'other';
}

function timestamp(value: unknown): string {
  if (typeof value === 'string') return sanitizeText(value, 64);
  // zap's default encoder writes epoch seconds as a float; Flux's logger uses ISO 8601 but tolerate both.
  if (typeof value === 'number' && Number.isFinite(value)) {
    const d = new Date(value * 1000);
    return Number.isNaN(d.getTime()) ? '' : d.toISOString();
  }
  return '';
}

function text(value: unknown, max = MAX_MESSAGE): string {
  if (typeof value === 'string') return sanitizeText(value, max);
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return sanitizeText(JSON.stringify(value), max);
  } catch {
    return '';
  }
}

/** The object key controller-runtime adds: `"HelmRelease":{…}`, or lower-camel `"gitRepository":{…}` on older builds. */
function objectField(line: JsonRecord, kind: string): JsonRecord | undefined {
  if (kind === '') return undefined;
  const exact = field(line, kind);
  if (isRecord(exact)) return exact;
  const camel = field(line, kind.charAt(0).toLowerCase() + kind.slice(1));
  return isRecord(camel) ? camel : undefined;
}

/** Keys read into their own fields, or that every reconciler line carries and say nothing about this one. */
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'level',
  'ts',
  'msg',
  'error',
  'logger',
  'name',
  'namespace',
  'controller',
  'controllerGroup',
  'controllerKind',
  'reconciler group',
  'reconciler kind',
  'reconcileID',
  'caller',
  'stacktrace',
]);
const MAX_FIELDS = 8;
const MAX_FIELD = 200;

/** The line's other scalar keys (the object key is a record, so it is never one of them). */
function otherFields(line: JsonRecord, intern: Intern): (readonly [string, string])[] {
  const out: (readonly [string, string])[] = [];
  for (const [key, value] of Object.entries(line)) {
    if (out.length >= MAX_FIELDS) break;
    if (KNOWN_KEYS.has(key) || value === null || typeof value === 'object') continue;
    out.push([intern(sanitizeText(key, 100)), intern(text(value, MAX_FIELD))]);
  }
  return out;
}

/** Shares a recurring string (src/kube/string-pool.ts); the identity by default. */
export type Intern = (s: string) => string;
const SAME: Intern = (s) => s;

function unstructured(line: string, intern: Intern): ParsedLogLine {
  return {
    ts: '',
    level: 'other',
    message: intern(sanitizeText(line, MAX_MESSAGE)),
    error: '',
    kind: '',
    name: '',
    namespace: '',
    logger: '',
    structured: false,
  };
}

/** Parses one line of controller output. Never throws: anything that is not a JSON object is kept as text. */
export function parseLogLine(textLine: string): ParsedLogLine {
  return parse(textLine, SAME);
}

/** parseLogLine whose lines share the strings many lines repeat (names, kinds, messages) through `intern`. */
export function logLineParser(intern: Intern): (textLine: string) => ParsedLogLine {
  return (textLine) => parse(textLine, intern);
}

function parse(textLine: string, intern: Intern): ParsedLogLine {
  const line = typeof textLine === 'string' ? textLine.replace(/\r?\n$/, '') : '';
  // As `flux logs`: only lines that start with `{` are JSON lines.
  if (!line.startsWith('{') || line.length > MAX_JSON) return unstructured(line, intern);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return unstructured(line, intern);
  }
  if (!isRecord(parsed)) return unstructured(line, intern);
  // `{{or .Kind .ControllerKind}}`: the old `reconciler kind` wins when both are present.
  const kind = intern(sanitizeText(str(parsed, 'reconciler kind') || str(parsed, 'controllerKind'), 100));
  const obj = objectField(parsed, kind);
  const fields = otherFields(parsed, intern);
  return {
    ts: timestamp(field(parsed, 'ts')),
    level: normalizeLevel(field(parsed, 'level')),
    message: intern(text(field(parsed, 'msg'))),
    error: intern(text(field(parsed, 'error'))),
    kind,
    name: intern(sanitizeText(str(parsed, 'name') || str(obj, 'name'), 253)),
    namespace: intern(sanitizeText(str(parsed, 'namespace') || str(obj, 'namespace'), 253)),
    logger: intern(text(field(parsed, 'logger'), 200)),
    structured: true,
    ...(fields.length > 0 ? { fields } : {}),
  };
}

export interface LogFilter {
  /** `--level`: exact (normalised) level. */
  readonly level?: LogLevel;
  /** `--kind`, case-insensitive. */
  readonly kind?: string;
  /** `--name`, case-insensitive. */
  readonly name?: string;
  /** `-n`; undefined means `-A`. */
  readonly namespace?: string;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Equal ignoring case. Without lower-casing where the answer is plain: the logs pane tests every line of its
 * buffer (10,000) against the selected object each time either changes, and lower-casing allocates.
 */
function same(a: string, b: string): boolean {
  if (a === b) return true;
  // ASCII keeps its length when lower-cased; other text may not (`İ` becomes two code units).
  if (a.length !== b.length && isAscii(a) && isAscii(b)) return false;
  return a.toLowerCase() === b.toLowerCase();
}

/** The `flux logs` filters, all client-side and case-insensitive; unstructured lines match no filter. */
export function logMatchesFilter(line: ParsedLogLine, filter: LogFilter): boolean {
  const any = filter.level !== undefined || filter.kind || filter.name || filter.namespace !== undefined;
  if (!line.structured) return !any;
  if (filter.level !== undefined && line.level !== filter.level) return false;
  if (filter.kind && !same(filter.kind, line.kind)) return false;
  if (filter.name && !same(filter.name, line.name)) return false;
  if (filter.namespace !== undefined && !same(filter.namespace, line.namespace)) return false;
  return true;
}

/** Whether a line is about this object: `flux logs --kind K --name N -n NS`. */
export function logMatchesObject(line: ParsedLogLine, ref: ObjectRef): boolean {
  // logMatchesFilter with this filter, without making one per line.
  if (!line.structured) return !(ref.kind || ref.name || ref.namespace !== undefined);
  if (ref.kind && !same(ref.kind, line.kind)) return false;
  if (ref.name && !same(ref.name, line.name)) return false;
  return ref.namespace === undefined || same(ref.namespace, line.namespace);
}

/** The object a line is about, when it names a Flux kind, a name and a namespace. */
export function logObjectRef(line: ParsedLogLine): ObjectRef | undefined {
  if (!line.structured || line.name === '' || line.namespace === '' || !isKindName(line.kind))
    return undefined;
  return { kind: line.kind, name: line.name, namespace: line.namespace };
}

/**
 * The line as `flux logs` prints it (without the trailing newline):
 * `{{.Timestamp}} {{.Level}} {{or .Kind .ControllerKind}}{{if .Name}}/{{.Name}}.{{.Namespace}}{{end}} - {{.Message}} {{.Error}}`
 * — note the trailing space when there is no error. Levels print normalised (`warning` → `warn`, unknown →
 * `other`). Unstructured lines, which `flux logs` skips, print as their text.
 */
export function formatFluxLogsLine(line: ParsedLogLine): string {
  if (!line.structured) return line.message;
  const object = line.name ? `/${line.name}.${line.namespace}` : '';
  return `${line.ts} ${line.level} ${line.kind}${object} - ${line.message} ${line.error}`;
}
