// Small statistics for benchmark samples.

export function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0–100); undefined for no samples. */
export function percentile(values, p) {
  if (values.length === 0) return undefined;
  const s = sorted(values);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
  if (values.length === 0) return undefined;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** median, p95, min, max and count, rounded to 0.1. */
export function summary(values) {
  const r = (v) => (v === undefined ? undefined : Math.round(v * 10) / 10);
  return {
    n: values.length,
    median: r(median(values)),
    p50: r(percentile(values, 50)),
    p95: r(percentile(values, 95)),
    min: r(values.length ? Math.min(...values) : undefined),
    max: r(values.length ? Math.max(...values) : undefined),
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
