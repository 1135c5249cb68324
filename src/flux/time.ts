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
  return formatDuration(now - t);
}

/** Go's `time.RFC3339` layout in UTC (`2021-08-01T04:28:42Z`), or '' for an unparsable timestamp. */
export function formatRFC3339(iso: unknown): string {
  const t = parseTime(iso);
  if (t === undefined) return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.toISOString().slice(0, 19)}Z`;
}
