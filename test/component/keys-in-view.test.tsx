// Issue 17 "Keys in view": at 80 and 120 columns the hint area shows every key that works on the selected
// object — runbook actions first, each only where its action applies to the object's kind — whole, over as
// many lines as it takes; and the `?` help fits 80×24 and 120×40 by wrapping and scrolling.
import { describe, expect, it } from 'vitest';
import type { KindName } from '../../src/flux/kinds.js';
import { ORDER_HOLD_NOTE } from '../../src/present/order-hold.js';
import { renderApp } from '../support/app.js';
import { FakePort, makeRow } from '../support/fake-port.js';
import { press, selectedLine, waitForFrame } from '../support/ink.js';
import { NOW } from '../support/runbook-rows.js';

const SIZES = [
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
] as const;

// Written out, not derived from the key table: this is what a user must be able to read.
const REMEDIATION: Readonly<Record<string, readonly string[]>> = {
  HelmRelease: [
    '<r> reconcile',
    '<R> reconcile+source',
    '<s> suspend',
    '<u> resume',
    '<b> rollback',
    '<x> clear helm lock',
    '<D> fix chain',
  ],
  Kustomization: ['<r> reconcile', '<R> reconcile+source', '<s> suspend', '<u> resume', '<D> fix chain'],
  GitRepository: ['<r> reconcile', '<s> suspend', '<u> resume'],
};
const TABLE_KEYS = ['<enter> details', '</> filter', '<esc> back', '<l> logs', '<y> yaml', '<e> events'];
const GLOBAL_KEYS = ['<q> quit', '<?> help', '<:> command'];

const CASES: readonly { kind: KindName; view: string; name: string }[] = [
  { kind: 'HelmRelease', view: 'helmreleases', name: 'podinfo' },
  { kind: 'Kustomization', view: 'kustomizations', name: 'apps' },
  { kind: 'GitRepository', view: 'sources', name: 'team-apps' },
];

function port(): FakePort {
  return new FakePort([
    makeRow({ kind: 'HelmRelease', name: 'podinfo', health: 'Failed' }),
    makeRow({ kind: 'HelmRelease', name: 'redis' }),
    makeRow({ kind: 'Kustomization', name: 'apps', health: 'Failed' }),
    makeRow({ kind: 'Kustomization', name: 'infra' }),
    makeRow({ kind: 'GitRepository', name: 'team-apps', health: 'Failed' }),
    makeRow({ kind: 'GitRepository', name: 'flux-system' }),
  ]);
}

/** The hint area: the lines at the bottom of the frame that start with a key. */
function hintArea(frame: string): string[] {
  const lines = frame.split('\n');
  const area: string[] = [];
  for (let i = lines.length - 1; i >= 0 && lines[i]?.startsWith('<'); i--) area.unshift(lines[i] ?? '');
  return area;
}

/** The hints of a line: each `<key> label`, two spaces apart. */
function hintsOf(line: string): string[] {
  return line.split(/ {2}(?=<)/).map((h) => h.trimEnd());
}

describe('the hint area shows every key that works on the selection, whole', () => {
  for (const size of SIZES) {
    for (const c of CASES) {
      it(`${c.kind} selected at ${size.columns}×${size.rows}`, async () => {
        const app = renderApp(port(), size, { clock: () => NOW, initialView: c.view });
        try {
          const frame = await waitForFrame(
            app.lastFrame,
            (f) => selectedLine(f)?.includes(c.name) === true && f.includes('<:> command'),
          );
          const area = hintArea(frame);
          const shown = area.flatMap(hintsOf);
          const remediation = REMEDIATION[c.kind] ?? [];
          // Every applicable key, in full, and nothing else: a cut hint or one for another kind fails here.
          expect(new Set(shown)).toEqual(new Set([...remediation, ...TABLE_KEYS, ...GLOBAL_KEYS]));
          expect(shown).toHaveLength(remediation.length + TABLE_KEYS.length + GLOBAL_KEYS.length);
          // The runbook's actions come first.
          expect(shown.slice(0, remediation.length)).toEqual(remediation);
          for (const line of area) expect(line.length).toBeLessThanOrEqual(size.columns);
          // The hint area takes what it needs (1 to 3 lines here) and the frame still fits the terminal,
          // header first, the selected row in view.
          expect(area.length).toBeGreaterThanOrEqual(1);
          expect(area.length).toBeLessThanOrEqual(3);
          const lines = frame.split('\n');
          expect(lines.length).toBeLessThanOrEqual(size.rows - 1);
          expect(lines[0]).toContain('fluxdeck');
        } finally {
          app.unmount();
        }
      });
    }
  }

  it('wraps a HelmRelease over more lines at 80 columns than at 120, never splitting a hint', async () => {
    const heights: number[] = [];
    for (const size of SIZES) {
      const app = renderApp(port(), size, { clock: () => NOW, initialView: 'helmreleases' });
      const frame = await waitForFrame(app.lastFrame, (f) => f.includes('<:> command'));
      const area = hintArea(frame);
      heights.push(area.length);
      // A line never ends in the cut mark or in the middle of a hint.
      for (const line of area) expect(line).toMatch(/^<[^>]+> [^<]*[a-z+](?: {2}<[^>]+> [^<]*[a-z+])*$/);
      app.unmount();
    }
    expect(heights).toEqual([3, 2]);
  });

  it('hides the runbook actions under --readonly', async () => {
    const app = renderApp(
      port(),
      { columns: 80, rows: 24 },
      {
        clock: () => NOW,
        initialView: 'helmreleases',
        readonly: true,
      },
    );
    try {
      const frame = await waitForFrame(app.lastFrame, (f) => f.includes('<:> command'));
      const shown = hintArea(frame).flatMap(hintsOf);
      expect(new Set(shown)).toEqual(new Set([...TABLE_KEYS, ...GLOBAL_KEYS]));
    } finally {
      app.unmount();
    }
  });

  it('offers no object keys while nothing is selected', async () => {
    const app = renderApp(
      new FakePort([]),
      { columns: 80, rows: 24 },
      {
        clock: () => NOW,
        initialView: 'helmreleases',
      },
    );
    try {
      const frame = await waitForFrame(app.lastFrame, (f) => f.includes('<:> command'));
      const shown = hintArea(frame).flatMap(hintsOf);
      expect(new Set(shown)).toEqual(
        new Set(['<enter> details', '</> filter', '<esc> back', '<l> logs', ...GLOBAL_KEYS]),
      );
    } finally {
      app.unmount();
    }
  });
});

/** The help's text rows: the frame between its title and the hint area. */
function helpBody(frame: string): string[] {
  const lines = frame.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Keys —'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('<'));
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

const squash = (lines: readonly string[]) => lines.map((l) => l.trim()).join(' ');

describe('? help fits the terminal, wrapping and scrolling', () => {
  for (const size of SIZES) {
    it(`at ${size.columns}×${size.rows}: first line at start, last line after scrolling, nothing cut`, async () => {
      const app = renderApp(port(), size, { clock: () => NOW });
      try {
        await waitForFrame(app.lastFrame, (f) => f.includes('<:> command'));
        await press(app.stdin, '?');
        let frame = await waitForFrame(app.lastFrame, (f) => f.includes('Keys —'));
        let body = helpBody(frame);
        expect(frame.split('\n').length).toBeLessThanOrEqual(size.rows - 1);
        // The first line of the help: how rows stay put while you work, read whole.
        expect(body[0]).toMatch(/^Rows stay put: for 10 s after each key/);
        expect(squash(body)).toContain(ORDER_HOLD_NOTE);
        expect(body.at(-1)).toMatch(/^↓ more below: \d+ more lines/);
        for (const line of body) expect(line).not.toMatch(/\.\.$/);

        await press(app.stdin, 'j');
        frame = await waitForFrame(app.lastFrame, (f) => f.includes('(1 line above)'));
        expect(helpBody(frame)[0]).not.toMatch(/^Rows stay put/);

        await press(app.stdin, 'G');
        frame = await waitForFrame(app.lastFrame, (f) => !f.includes('more below'));
        body = helpBody(frame);
        expect(frame.split('\n').length).toBeLessThanOrEqual(size.rows - 1);
        // The last binding of the key table, whole.
        expect(body.at(-1)).toMatch(/^ {2}esc\/ctrl-c +Cancel the dialog: nothing is changed$/);
        for (const line of body) expect(line).not.toMatch(/\.\.$/);

        await press(app.stdin, 'g');
        frame = await waitForFrame(app.lastFrame, (f) => !f.includes('lines above'));
        expect(helpBody(frame)[0]).toMatch(/^Rows stay put/);
      } finally {
        app.unmount();
      }
    });
  }

  it('sets the help in two columns at 200×60, all of it on one screen', async () => {
    const app = renderApp(port(), { columns: 200, rows: 60 }, { clock: () => NOW });
    try {
      await waitForFrame(app.lastFrame, (f) => f.includes('<:> command'));
      await press(app.stdin, '?');
      const frame = await waitForFrame(app.lastFrame, (f) => f.includes('Keys —'));
      const body = helpBody(frame);
      expect(frame).not.toContain('more below');
      // Columns of (200 - 3) / 2 = 98 cells, 3 apart: both hold text, and each starts with a section.
      const left = body.map((l) => l.slice(0, 98).trimEnd());
      const right = body.map((l) => l.slice(101).trimEnd());
      expect(left[0]).toMatch(/^Rows stay put/);
      expect(right[0], frame).toMatch(/^(Views|Tables|Details|Logs pane|Command line and filter prompts)$/);
      expect(right.filter((l) => l !== '').length).toBeGreaterThan(10);
      expect(squash(body)).toContain('Erase the last character');
      expect(squash(body)).toContain('Quit (asks first');
    } finally {
      app.unmount();
    }
  });
});
