import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/flux/time.js';
import { ageSince } from '../../src/sim/api/human-duration.js';

const NOW = Date.UTC(2026, 0, 3, 12);

describe('the simulated API server ages (kubectl AGE)', () => {
  it.each([
    [Date.UTC(2026, 0, 3, 11, 55, 48), '4m12s'],
    [Date.UTC(2026, 0, 1, 8), '2d4h'],
    [Date.UTC(2023, 0, 3, 12), formatDuration(NOW - Date.UTC(2023, 0, 3, 12))],
  ])('reads like the console: %d → %s', (at, want) => {
    expect(ageSince(new Date(at).toISOString(), NOW)).toBe(want);
  });

  it.each([[undefined], [''], ['yesterday-ish'], [42]])('says <unknown> for %j', (value) => {
    expect(ageSince(value, NOW)).toBe('<unknown>');
  });
});
