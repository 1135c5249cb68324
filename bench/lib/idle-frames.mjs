// Which frames of an idle console were due to the clock alone. With failures on screen the console shows
// durations (`FAILING FOR 27m`, `AGE 41d`, `no events for 3m`); those turn over at the clock minute, all
// together, and a console that did not repaint then would be showing the wrong time. Any other change
// while nothing happens in the cluster is work the budget does not allow. (A message whose only change is
// a longer duration would pass for the clock; with the cluster idle, messages do not change.)

// formatDuration's shapes: 45s, 5m12s, 42m, 3h2m, 20h, 4d5h, 120d, 2y45d, 9y.
const DURATION = /^(\d+)([smhdy])(?:(\d+)([smhdy]))?$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, y: 365 * 86_400 };

function seconds(token) {
  const m = DURATION.exec(token);
  if (!m) return undefined;
  return Number(m[1]) * UNIT_SECONDS[m[2]] + (m[3] ? Number(m[3]) * UNIT_SECONDS[m[4]] : 0);
}

/** Whether `b` is line `a` with some durations moved forward in time, and nothing else changed. */
function onlyLaterDurations(a, b) {
  const ta = a.trim().split(/\s+/);
  const tb = b.trim().split(/\s+/);
  if (ta.length !== tb.length) return false;
  for (let i = 0; i < ta.length; i++) {
    if (ta[i] === tb[i]) continue;
    const before = seconds(ta[i]);
    const after = seconds(tb[i]);
    if (before === undefined || after === undefined || after <= before) return false;
  }
  return true;
}

/** 'none' (same screen), 'clock' (only durations moved on) or 'other', from the screen's lines. */
export function classifyFrame(before, after) {
  let changed = false;
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const a = before[i] ?? '';
    const b = after[i] ?? '';
    if (a === b) continue;
    changed = true;
    if (!onlyLaterDurations(a, b)) return 'other';
  }
  return changed ? 'clock' : 'none';
}

/** At most one turnover per clock minute the window touches. */
export function clockFramesAllowed(ms) {
  return Math.ceil(ms / 60_000);
}
