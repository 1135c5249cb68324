// Which frames of an idle console were due to the clock alone. With failures on screen the console shows
// durations (`FAILING FOR 27m`, `AGE 41d`, `no events for 3m`); those turn over at the clock minute, all
// together, and a console that did not repaint then would be showing the wrong time. Any other change
// while nothing happens in the cluster is work the budget does not allow. (A message whose only change is
// a longer duration would pass for the clock; with the cluster idle, messages do not change.) Durations
// under ten minutes (`6m43s`) count on in 5 s steps by design, so a failure that young repaints its row
// every 5 s: such a frame is 'young', counted apart.

// formatDuration's shapes: 45s, 5m12s, 42m, 3h2m, 20h, 4d5h, 120d, 2y45d, 9y.
const DURATION = /^(\d+)([smhdy])(?:(\d+)([smhdy]))?$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, y: 365 * 86_400 };

/**
 * A duration token's seconds: `45s`, `5m12s`, and `≥124m` (a failure streak known only as a lower bound,
 * src/flux/status.ts), whose bound moves on at the minute like any other duration.
 */
function seconds(token) {
  const m = DURATION.exec(token.startsWith('≥') ? token.slice(1) : token);
  if (!m) return undefined;
  return Number(m[1]) * UNIT_SECONDS[m[2]] + (m[3] ? Number(m[3]) * UNIT_SECONDS[m[4]] : 0);
}

const YOUNG_SECONDS = 600;

/**
 * How line `b` differs from line `a`: 'young' when only durations under ten minutes moved forward, 'clock'
 * when only durations moved forward, 'other' for anything else.
 */
function durationChange(a, b) {
  const ta = a.trim().split(/\s+/);
  const tb = b.trim().split(/\s+/);
  if (ta.length !== tb.length) return 'other';
  let young = true;
  for (let i = 0; i < ta.length; i++) {
    if (ta[i] === tb[i]) continue;
    const before = seconds(ta[i]);
    const after = seconds(tb[i]);
    if (before === undefined || after === undefined || after <= before) return 'other';
    // A lower bound that became exact, or the other way round, is news, not the clock.
    if (ta[i].startsWith('≥') !== tb[i].startsWith('≥')) return 'other';
    if (after >= YOUNG_SECONDS) young = false;
  }
  return young ? 'young' : 'clock';
}

/**
 * 'none' (same screen), 'clock' (only durations moved on), 'young' (only durations under ten minutes moved
 * on) or 'other', from the screen's lines.
 */
export function classifyFrame(before, after) {
  let kind = 'none';
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const a = before[i] ?? '';
    const b = after[i] ?? '';
    if (a === b) continue;
    const change = durationChange(a, b);
    if (change === 'other') return 'other';
    if (change === 'clock' || kind === 'none') kind = change;
  }
  return kind;
}

/** At most one turnover per clock minute the window touches. */
export function clockFramesAllowed(ms) {
  return Math.ceil(ms / 60_000);
}
