// Issue 3, the home view: `fluxdeck --demo` opens on the Failing view, where the runbook's incident reads at
// a glance — kyverno is the root of the failing chain and every release after it waits on it — under a header
// that says DEMO, which context it is on and how many objects fail. At the usual 120x40 and at 80x24.
import { afterEach, describe, expect, it } from 'vitest';
import { DEPENDENTS, escapeRegExp, lineOf, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

/** `wide`: KIND and NAMESPACE shown; narrow: they may give way to BLOCKED BY (names suffice in the demo). */
function expectHome(screen: string, wide: boolean): void {
  // Below 120 columns KIND is abbreviated and BLOCKED BY may be cut; KIND and NAMESPACE are always shown.
  const kind = wide ? 'HelmRelease\\s+' : 'HR\\s+';
  const ns = (name: string) => `${name}\\s+`;
  // The header: the DEMO badge, the context, live data.
  expect(screen).toMatch(/^fluxdeck\s+DEMO\s+ctx fluxdeck-sim\s+https:\/\/127\.0\.0\.1:\d+/m);

  // The counts agree with each other and with the Failing view's own count.
  const counts =
    /^ready (\d+)\s+failing (\d+)\s+(?:pending (\d+)\s+)?suspended (\d+)\s+failing > 15m: (\d+)\s+of (\d+) Flux objects/m.exec(
      screen,
    );
  expect(counts, 'the counts line').not.toBeNull();
  const [ready, failing, pending, suspended, alerting, total] = (counts ?? [])
    .slice(1)
    .map((v) => Number(v ?? 0));
  const listed = Number(/Failing\(all\) \[\d+\/(\d+)\]/.exec(screen)?.[1]);
  // The view lists every object not ready; failing counts Failed, Stalled and Waiting only (the suspended
  // podinfo is listed, counted as suspended).
  expect(failing).toBeLessThan(listed);
  expect((ready ?? 0) + (failing ?? 0) + (pending ?? 0)).toBeLessThan(total ?? 0);
  expect(failing).toBeGreaterThanOrEqual(1 + DEPENDENTS.length);
  expect(suspended).toBeGreaterThanOrEqual(1);
  expect(alerting).toBeGreaterThanOrEqual(1 + DEPENDENTS.length);

  // kyverno: Stalled, past the alert threshold, marked as the root that blocks its eight dependents.
  const root = new RegExp(
    `^>?\\s+${kind}${ns('kyverno')}kyverno\\s+Stalled\\s+≥?\\d+m !\\s+◉ root${wide ? ' \\(blocks 8\\)' : ''}`,
    'm',
  );
  expect(screen, 'kyverno is the root of its chain').toMatch(root);
  // Each dependent: Waiting, blocked by kyverno (the root, not merely its direct dependency).
  for (const name of DEPENDENTS) {
    const n = escapeRegExp(name);
    const row = new RegExp(
      `^>?\\s+${kind}${ns(n)}${n}\\s+Waiting\\s+≥?\\d+m !\\s+kyverno/${wide ? 'kyverno\\s' : ''}`,
      'm',
    );
    expect(
      screen,
      `${name} is blocked by kyverno; its line: ${lineOf(screen, new RegExp(`\\s${n}\\s`))}`,
    ).toMatch(row);
  }
}

describe('fluxdeck --demo, the Failing view', () => {
  it('at 120x40 shows kyverno as the root of the chain, its dependents blocked by it, DEMO and counts', async () => {
    term = await startDemo({ columns: 120, rows: 40 });
    const screen = await term.waitFor(/ns all\s+live/);
    expectHome(screen, true);
  }, 90_000);

  it('at 80x24 still shows the root of the chain and what it blocks', async () => {
    term = await startDemo({ columns: 80, rows: 24 });
    const screen = await term.waitFor(/\s+live\s/);
    expectHome(screen, false);
    // Nothing is drawn past the terminal's edge: the header is still the first line.
    expect(screen.split('\n')[0]).toMatch(/^fluxdeck\s+DEMO/);
  }, 90_000);
});
