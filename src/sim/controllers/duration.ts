// Go's time.Duration text, both ways: Flux specs carry `interval: 10m` and its log lines print `next run in
// 10m0s` / `retrying in 30s` with Go's Duration.String().

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses `1h30m`, `10m0s`, `30s`, `500ms`; undefined when the text is not a Go duration. */
export function parseGoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = re.exec(text); match; match = re.exec(text)) {
    const [whole, amount, unit] = match;
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
    consumed += whole.length;
  }
  return consumed === text.length ? total : undefined;
}

/** Go's Duration.String() for a whole number of milliseconds: `10m0s`, `1h0m0s`, `30s`, `1.234s`, `812ms`. */
export function formatGoDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole === 0) return '0s';
  if (whole < 1000) return `${whole}ms`;
  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const secondsMs = whole % 60_000;
  const seconds =
    secondsMs % 1000 === 0 ? String(secondsMs / 1000) : trimZeros((secondsMs / 1000).toFixed(3));
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function trimZeros(text: string): string {
  return text.replace(/\.?0+$/, '');
}
