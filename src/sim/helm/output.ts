// Output the way Helm prints it: gosuri/uitable tables (cells padded to the column width, tab separated),
// Go's encoding/json (HTML-safe escaping) and sigs.k8s.io/yaml, and Go's time formats.
export { goYaml } from './yaml.js';

/** A uitable: every cell padded to its column's width, columns joined by a tab, plus Helm's final newline. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return `${rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('\t')).join('\n')}\n`;
}

/** Go's json.Encoder: compact, `<`, `>`, `&` escaped, newline-terminated. */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${text}\n`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** time.ANSIC (`Mon Jan _2 15:04:05 2006`) of an RFC 3339 timestamp, in its own offset (Helm stores UTC). */
export function ansic(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'Mon Jan  1 00:00:00 0001';
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** Go's time.Time.String() for a UTC time: `2006-01-02 15:04:05.999999999 +0000 UTC`. */
export function goTimeString(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '-';
  const fraction = iso.match(/\.(\d+)/)?.[1]?.replace(/0+$/, '');
  const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${fraction ? `.${fraction}` : ''}`;
  return `${date} ${time} +0000 UTC`;
}
