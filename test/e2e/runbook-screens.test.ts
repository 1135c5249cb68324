// Issue 17 (9): the screen of each runbook step as text, at 80×24 and 120×40, kept in test/e2e/screens/.
// A layout change shows up in review as a diff of these files. They are reviewed, never regenerated blindly:
// the test fails on any difference and prints it; `FLUXDECK_UPDATE_SCREENS=1` rewrites them, and the diff
// of the rewrite is what a reviewer reads (see test/e2e/screens/README.md).
// What changes from run to run is masked (durations, times, the simulator's port, temporary folders); runs
// of spaces are kept as they are, so column widths and alignment are part of the capture.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { press, runCommand, selectHelmRelease, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const UPDATE = process.env['FLUXDECK_UPDATE_SCREENS'] === '1';

/** Masks what differs between two runs of the same demo, nothing else. */
export function normaliseScreen(screen: string, randomParts: readonly string[]): string {
  let text = screen
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n');
  // Random folder names (mkdtemp suffixes), also where a dialog wrapped them across a border.
  for (const part of randomParts) {
    const wrapped = new RegExp(
      part
        .split('')
        .map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('(?:\\s*\\n[│ ]*)?'),
      'g',
    );
    text = text.replace(wrapped, (match) => match.replace(/[A-Za-z0-9]/g, 'X'));
  }
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, (t) => 'T'.repeat(t.length))
    .replace(/\b\d\d:\d\d:\d\d\b/g, 'hh:mm:ss')
    .split('\n')
    .map(maskDurations)
    .join('\n')
    .replace(/\n+$/, '');
}

const DURATION = /(?<!> )\b\d+(?:ms|[smhd])(?:\d+[smh])?\b/g;

/**
 * Durations (12s, 4m, 2h5m, 3d) and event counts move with the clock, and so does the width of the column
 * they are in: on a line that shows one, they become `<t>`/`x<n>` and runs of spaces shrink to two. Other
 * lines (titles, headers, dialogs) keep their exact spacing. The alert threshold (`> 15m`) stays.
 */
function maskDurations(line: string): string {
  if (!DURATION.test(line)) return line;
  DURATION.lastIndex = 0;
  return line
    .replace(DURATION, '<t>')
    .replace(/\bx\d+\b/g, 'x<n>')
    .replace(/ {2,}/g, '  ');
}

/** The random parts (mkdtemp suffixes) of the folders this terminal's paths go through. */
function randomParts(term: Terminal): string[] {
  const names = [...term.home.split('/'), ...readdirSync(term.tmpDir)];
  return names.flatMap((name) => /^fluxdeck-[a-z0-9]+-([A-Za-z0-9]{6})$/.exec(name)?.[1] ?? []);
}

/** A logs pane title whose every named pod is one (`…-controller-…`, or cut: `..`), or a count of more. */
const PODS_KNOWN = /^Logs .* — (?:(?:\S*-controller-\S*|\S+\.\.|\+\d+ more)(?: · |$))+$/m;

/** The logs pane's lines arrive as the simulated controllers write them: kept out of the capture. */
function withoutLogLines(screen: string): string {
  const lines = screen.split('\n');
  const title = lines.findIndex((l) => l.startsWith('Logs '));
  const end = lines.findIndex((l, i) => i > title && /^(Runbook:|<)/.test(l));
  if (title < 0 || end < 0) return screen;
  return [...lines.slice(0, title + 1), '[log lines: not captured]', ...lines.slice(end)].join('\n');
}

/**
 * The events screen as a set: the simulated controllers keep emitting while the demo runs, so an event's
 * count and LAST SEEN move, and with them its place in the order (newest first). What must be there is
 * every row, its type, object, reason and message — compared whole, in any order; the selection marker
 * and the repeat counts are left out.
 */
function eventsAsSet(screen: string): string {
  const lines = screen.split('\n');
  const header = lines.findIndex((l) => /^\s+LAST SEEN\s/.test(l));
  if (header < 0) return screen;
  let end = header + 1;
  while (end < lines.length && (lines[end] ?? '').trim() !== '') end++;
  const rows = lines
    .slice(header + 1, end)
    .map((l) => l.replace(/^>/, ' ').replace('<t> (x<n> over <t>)', '<t>'))
    .sort();
  return [...lines.slice(0, header + 1), ...rows, ...lines.slice(end)].join('\n');
}

interface Step {
  readonly name: string;
  /** Gets the console to the step's screen from the home view and returns that screen. */
  readonly show: (term: Terminal) => Promise<string>;
  /** Back to the home view. */
  readonly leave: (term: Terminal) => Promise<unknown>;
}

const HOME = /^Failing\(all\) \[\d+\/\d+\]/m;
const backHome = (term: Terminal) => runCommand(term, 'failing', HOME);
const closeDialog = async (term: Terminal) => {
  term.keys('Escape');
  await term.waitForGone('Proceed?');
  return backHome(term);
};

const STEPS: readonly Step[] = [
  {
    name: '01-failing',
    // Every watch listed: on a loaded machine the first frame can still say `connecting` and `loading …`.
    show: (t) =>
      t.until(
        'the home view, every watch live',
        (s) => HOME.test(s) && /\slive$/m.test(s.split('\n')[0] ?? ''),
      ),
    leave: async () => undefined,
  },
  {
    name: '02-details',
    show: (t) => press(t, 'Enter', /^Conditions/m),
    leave: (t) => press(t, 'Escape', HOME),
  },
  {
    name: '03-logs',
    // The title names the pods followed once their streams have found them: until then, the controllers.
    show: (t) => press(t, 'l', PODS_KNOWN),
    leave: (t) => {
      t.keys('l');
      return t.waitForGone(/^Logs/m);
    },
  },
  { name: '04-events', show: (t) => runCommand(t, 'events', /^Events\(all\)/m), leave: backHome },
  {
    name: '05-rollback',
    show: async (t) => {
      await selectHelmRelease(t, 'kyverno', 'kyverno');
      return press(t, 'b', 'Proceed?');
    },
    leave: closeDialog,
  },
  {
    name: '06-fix-chain',
    show: async (t) => {
      await selectHelmRelease(t, 'velero', 'velero');
      return press(t, 'D', 'Proceed?');
    },
    leave: closeDialog,
  },
  {
    name: '07-clear-lock',
    show: async (t) => {
      await selectHelmRelease(t, 'apps', 'podinfo');
      return press(t, 'x', 'Proceed?');
    },
    leave: closeDialog,
  },
  {
    name: '08-reconcile-source',
    show: async (t) => {
      await runCommand(t, 'ks', /^Kustomizations\(all\)/m);
      return press(t, 'R', 'Proceed?');
    },
    leave: closeDialog,
  },
  { name: '09-git-sources', show: (t) => runCommand(t, 'gitrepo', /^Sources/m), leave: backHome },
  { name: '10-controllers', show: (t) => runCommand(t, 'ctrl', /^Controllers\(all\)/m), leave: backHome },
  { name: '11-help', show: (t) => press(t, '?', /^Keys/m), leave: (t) => press(t, 'Escape', HOME) },
];

for (const [columns, rows] of [
  [80, 24],
  [120, 40],
] as const) {
  describe(`the runbook's screens at ${columns}×${rows}`, () => {
    let term: Terminal | undefined;
    beforeAll(async () => {
      term = await startDemo({ columns, rows });
    });
    afterAll(() => term?.stop());

    for (const step of STEPS) {
      it(step.name, async () => {
        if (!term) throw new Error('the demo did not start');
        const file = join(HERE, 'screens', `${columns}x${rows}`, `${step.name}.txt`);
        const normalise = (shown: string) =>
          normaliseScreen(
            step.name === '03-logs' ? withoutLogLines(shown) : shown,
            randomParts(term as Terminal),
          );
        let shown = await step.show(term);
        if (step.name === '01-failing' && !UPDATE && existsSync(file)) {
          // Live is every watch listed, not every verdict in: a Degraded owner's cause comes once its
          // workloads' pods are read, a moment later on a loaded machine. The home screen is awaited as the
          // capture has it; should it never come, the comparison below shows how it differs.
          const expected = readFileSync(file, 'utf8').replace(/\n$/, '');
          shown = await term
            .until('the home screen with every verdict in', (s) => normalise(s) === expected)
            .catch(() => (term as Terminal).screen());
        }
        const screen = normalise(shown);
        await step.leave(term);
        if (UPDATE || !existsSync(file)) {
          if (!UPDATE)
            throw new Error(`${file} is missing: run with FLUXDECK_UPDATE_SCREENS=1 and review it`);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, `${screen}\n`);
          return;
        }
        const golden = readFileSync(file, 'utf8').replace(/\n$/, '');
        if (step.name === '04-events') expect(eventsAsSet(screen)).toBe(eventsAsSet(golden));
        else expect(screen).toBe(golden);
      });
    }
  });
}
