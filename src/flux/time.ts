// Time parsing and kubectl-style durations. Timestamps from the cluster are RFC 3339 strings (metav1.Time,
// Go's RFC3339Nano with up to nine fractional digits); anything else is treated as absent.

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Milliseconds since the epoch for an RFC 3339 timestamp, or undefined for anything else (including the
 * free-form dates `Date.parse` would guess at). A missing zone is read as UTC, as the API server writes UTC.
 */
export function parseTime(iso: unknown): number | undefined {
  if (typeof iso !== 'string' || iso.length > 64) return undefined;
  // The API server writes metav1.Time as `2021-08-01T04:52:56Z`; read that form without a regex or a Date
  // (a 10,000-object snapshot parses tens of thousands of them). Anything else takes the general path.
  if (iso.length === 20) {
    const fast = parseCanonical(iso);
    if (fast !== undefined) return fast;
  }
  return parseGeneral(iso);
}

function parseGeneral(iso: string): number | undefined {
  const m = RFC3339.exec(iso);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 19xx
  // 31 February rolls over into March; a real timestamp never does that.
  if (date.getUTCDate() !== day) return undefined;
  let t = date.getTime();
  if (sign) {
    const offset = (Number(oh) * 60 + Number(om)) * 60_000;
    t += sign === '+' ? -offset : offset;
  }
  return Number.isFinite(t) ? t : undefined;
}

/** Two ASCII digits at `i` as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ` exactly, or undefined to let the general path decide (which also rejects it when
 * invalid). A leap second (`:60`) is left to the general path, whose Date arithmetic it must match.
 */
function parseCanonical(s: string): number | undefined {
  if (
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 90 // Z
  ) {
    return undefined;
  }
  const hi = digits2(s, 0);
  const lo = digits2(s, 2);
  const month = digits2(s, 5);
  const day = digits2(s, 8);
  const hour = digits2(s, 11);
  const minute = digits2(s, 14);
  const second = digits2(s, 17);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const year = hi * 100 + lo;
  const monthDays = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > monthDays) return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

/**
 * kubectl's human duration (k8s.io/apimachinery HumanDuration), the format of AGE and LAST SEEN columns:
 * `45s`, `5m12s`, `42m`, `3h2m`, `20h`, `4d5h`, `120d`, `2y45d`, `9y`. Up to two seconds in the future reads
 * as `0s` (clock skew); further is `<invalid>`. Not a finite number → ''.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24);
    const dy = days % 365;
    const years = Math.floor(days / 365);
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/**
 * Age of an RFC 3339 timestamp at `now` (ms) in kubectl style. Returns '' when the timestamp is missing or
 * unparsable, so an unknown age renders as an empty cell; `flux events` spells that `<unknown>`, which
 * formatEventLastSeen in events.ts does.
 */
export function formatAge(iso: string, now: number): string {
  const t = parseTime(iso);
  if (t === undefined || !Number.isFinite(now)) return '';
  return formatDuration(elapsedShown(t, now));
}

/** formatDuration shows seconds below this; from here on, whole minutes or coarser. */
export const SECONDS_SHOWN_MS = 10 * 60_000;
const MINUTE_MS = 60_000;

/** The start of the clock minute `now` falls in (ms). */
export function minuteStart(now: number): number {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS;
}

/**
 * The time from `since` to `now` as the console shows it. Below ten minutes (shown with seconds) it is
 * exact. From ten minutes on it is counted to the start of the clock's current minute: the durations on
 * screen then all change together once a minute — one repaint — instead of each at the second its own
 * timestamp happens to have (thirteen failing objects meant a repaint every few seconds on a console where
 * nothing else changed). Such a duration reads at most a minute short, as a kubectl listing does a minute
 * after it was printed; it never goes backwards.
 */
export function elapsedShown(since: number, now: number): number {
  const exact = now - since;
  if (!(exact >= SECONDS_SHOWN_MS)) return exact;
  const toMinute = minuteStart(now) - since;
  return toMinute >= SECONDS_SHOWN_MS ? toMinute : exact;
}

/** Go's `time.RFC3339` layout in UTC (`2021-08-01T04:28:42Z`), or '' for an unparsable timestamp. */
export function formatRFC3339(iso: unknown): string {
  // Already in that layout (what the API server writes): nothing to reformat.
  if (typeof iso === 'string' && iso.length === 20 && parseCanonical(iso) !== undefined) return iso;
  const t = parseTime(iso);
  if (t === undefined) return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.toISOString().slice(0, 19)}Z`;
}
