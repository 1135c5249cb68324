// The width policy (docs/architecture.md, "Table widths"): every view at 80×24, 120×40, 160×48 and 200×60 shows the
// columns its width allows — never fewer because of the data, the filter or the sort — and no two of its
// rows look the same. The fixture's rows differ in one column only (KIND, the tail or the middle of NAME,
// NAMESPACE).
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { VIEWS, type ViewId } from '../../src/present/catalog.js';
import { truncateMiddle } from '../../src/present/text.js';
import { type RenderedApp, renderApp } from '../support/app.js';
import { KEYS, press, type, waitForFrame } from '../support/ink.js';
import { NOW } from '../support/runbook-rows.js';
import { WIDTH_SESSION, widthPort } from '../support/width-fixture.js';

// Longest first, so `SUSPENDED AT` is not read as SUSPENDED, nor ERROR/MESSAGE as MESSAGE.
const HEADERS = [
  'KIND',
  'NAMESPACE',
  'NAME',
  'REVISION',
  'SUSPENDED',
  'READY',
  'STATUS',
  'BLOCKED BY',
  'SOURCE',
  'MESSAGE',
  'AGE',
  'FAILING FOR',
  'CHART',
  'VERSION',
  'DEPENDS ON',
  'URL',
  'LAST FETCH',
  'IMAGE',
  'TAG',
  'LAST SCAN',
  'TYPE',
  'CONTROLLER',
  'RESTARTS',
  'LAST EXIT',
  'LAST SEEN',
  'OBJECT',
  'REASON',
  'COUNT',
  'TIME',
  'ACTION',
  'TARGETS',
  'OUTCOME',
  'ERROR/MESSAGE',
  'SUSPENDED AT',
  'BY',
  'NOW',
  'WHAT',
  'DETAIL',
  'RESOURCES',
  'INPUTS',
].sort((a, b) => b.length - a.length);

/** The table's column headings, left to right (sort marks ignored). */
function headings(header: string): string[] {
  let rest = ` ${header} `;
  const found: { id: string; at: number }[] = [];
  for (const id of HEADERS) {
    const re = new RegExp(`(?<=\\s)${id.replace('/', '\\/')}(?=[↑↓]?\\s)`);
    const m = re.exec(rest);
    if (!m) continue;
    found.push({ id, at: m.index });
    rest = rest.slice(0, m.index) + ' '.repeat(id.length) + rest.slice(m.index + id.length);
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.id);
}

interface Table {
  readonly title: string;
  readonly header: string;
  readonly columns: string[];
  /** Row texts without the selection and mark prefix. */
  readonly rows: string[];
}

function tableIn(frame: string, title: string): Table {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${title}(`) || l.startsWith(`${title} [`));
  expect(at, frame).toBeGreaterThanOrEqual(0);
  const header = lines[at + 1] ?? '';
  const rows: string[] = [];
  for (const line of lines.slice(at + 2)) {
    if (!/^[> ][ *]/.test(line) || line.trim() === '') break;
    rows.push(line.slice(2).trimEnd());
  }
  return { title: lines[at] ?? '', header, columns: headings(header), rows };
}

const SIZES = [
  { columns: 80, rows: 24 },
  { columns: 120, rows: 40 },
  { columns: 160, rows: 48 },
  { columns: 200, rows: 60 },
] as const;

/** :trace, :tree and the pods and log under it need a target to show a table: checked in their own tests. */
const TARGETED = new Set<ViewId>(['trace', 'tree', 'workload', 'podlog']);
type TabledView = Exclude<ViewId, 'trace' | 'tree' | 'workload' | 'podlog'>;
const EXPECTED: Record<TabledView, Record<80 | 120 | 160 | 200, string>> = {
  failing: {
    80: 'KIND NAMESPACE NAME STATUS |FAILING FOR |BLOCKED BY MESSAGE',
    120: 'KIND NAMESPACE NAME STATUS |FAILING FOR |BLOCKED BY MESSAGE',
    160: 'KIND NAMESPACE NAME STATUS |FAILING FOR |BLOCKED BY MESSAGE REVISION AGE',
    200: 'KIND NAMESPACE NAME STATUS |FAILING FOR |BLOCKED BY MESSAGE REVISION AGE',
  },
  kustomizations: {
    80: 'NAMESPACE NAME REVISION STATUS MESSAGE |FAILING FOR',
    120: 'NAMESPACE NAME REVISION SUSPENDED READY STATUS MESSAGE |FAILING FOR',
    160: 'NAMESPACE NAME REVISION SUSPENDED READY STATUS |BLOCKED BY MESSAGE AGE |FAILING FOR',
    200: 'NAMESPACE NAME REVISION SUSPENDED READY STATUS |BLOCKED BY SOURCE MESSAGE AGE |FAILING FOR',
  },
  helmreleases: {
    80: 'NAMESPACE NAME REVISION STATUS MESSAGE |FAILING FOR',
    120: 'NAMESPACE NAME REVISION SUSPENDED READY STATUS MESSAGE |FAILING FOR',
    160: 'NAMESPACE NAME REVISION SUSPENDED READY STATUS CHART |BLOCKED BY MESSAGE |FAILING FOR',
    200: 'NAMESPACE NAME REVISION SUSPENDED READY STATUS CHART VERSION |DEPENDS ON |BLOCKED BY MESSAGE AGE |FAILING FOR',
  },
  sources: {
    80: 'KIND NAMESPACE NAME REVISION STATUS MESSAGE |FAILING FOR',
    120: 'KIND NAMESPACE NAME REVISION STATUS MESSAGE |FAILING FOR',
    160: 'KIND NAMESPACE NAME URL REVISION SUSPENDED READY STATUS MESSAGE |FAILING FOR',
    200: 'KIND NAMESPACE NAME URL REVISION SUSPENDED READY STATUS |LAST FETCH MESSAGE AGE |FAILING FOR',
  },
  images: {
    80: 'KIND NAMESPACE NAME TAG STATUS MESSAGE |FAILING FOR',
    120: 'KIND NAMESPACE NAME TAG SUSPENDED STATUS MESSAGE |FAILING FOR',
    160: 'KIND NAMESPACE NAME IMAGE TAG |LAST SCAN SUSPENDED READY STATUS MESSAGE |FAILING FOR',
    200: 'KIND NAMESPACE NAME IMAGE TAG |LAST SCAN SUSPENDED READY STATUS MESSAGE AGE |FAILING FOR',
  },
  notifications: {
    80: 'KIND NAMESPACE NAME SUSPENDED STATUS MESSAGE |FAILING FOR',
    120: 'KIND NAMESPACE NAME SUSPENDED READY STATUS MESSAGE |FAILING FOR',
    160: 'KIND NAMESPACE NAME TYPE SUSPENDED READY STATUS MESSAGE AGE |FAILING FOR',
    200: 'KIND NAMESPACE NAME TYPE SUSPENDED READY STATUS MESSAGE AGE |FAILING FOR',
  },
  operator: {
    80: 'KIND NAMESPACE NAME VERSION STATUS MESSAGE |FAILING FOR',
    120: 'KIND NAMESPACE NAME VERSION SUSPENDED STATUS MESSAGE |FAILING FOR',
    160: 'KIND NAMESPACE NAME VERSION REVISION SUSPENDED READY STATUS MESSAGE |FAILING FOR',
    200: 'KIND NAMESPACE NAME VERSION REVISION RESOURCES INPUTS SUSPENDED READY STATUS MESSAGE AGE |FAILING FOR',
  },
  controllers: {
    80: 'NAMESPACE NAME READY RESTARTS STATUS |LAST EXIT',
    120: 'NAMESPACE NAME READY RESTARTS STATUS |LAST EXIT AGE',
    160: 'NAMESPACE NAME CONTROLLER READY RESTARTS STATUS |LAST EXIT AGE IMAGE',
    200: 'NAMESPACE NAME CONTROLLER READY RESTARTS STATUS |LAST EXIT AGE IMAGE',
  },
  events: {
    80: '|LAST SEEN TYPE NAMESPACE OBJECT MESSAGE',
    120: '|LAST SEEN TYPE NAMESPACE OBJECT REASON MESSAGE',
    160: '|LAST SEEN TYPE NAMESPACE OBJECT REASON COUNT MESSAGE SOURCE',
    200: '|LAST SEEN TYPE NAMESPACE OBJECT REASON COUNT MESSAGE SOURCE',
  },
  audit: {
    80: 'TIME ACTION TARGETS OUTCOME ERROR/MESSAGE',
    120: 'TIME ACTION TARGETS OUTCOME ERROR/MESSAGE',
    160: 'TIME ACTION TARGETS OUTCOME ERROR/MESSAGE',
    200: 'TIME ACTION TARGETS OUTCOME ERROR/MESSAGE',
  },
  timeline: {
    80: 'TIME SOURCE OBJECT WHAT',
    120: 'TIME SOURCE OBJECT WHAT DETAIL',
    160: 'TIME SOURCE OBJECT WHAT DETAIL',
    200: 'TIME SOURCE OBJECT WHAT DETAIL',
  },
  suspended: {
    80: 'KIND NAMESPACE NAME |SUSPENDED AT REASON NOW',
    120: 'KIND NAMESPACE NAME |SUSPENDED AT REASON NOW',
    160: 'KIND NAMESPACE NAME |SUSPENDED AT BY REASON NOW',
    200: 'KIND NAMESPACE NAME |SUSPENDED AT BY REASON NOW',
  },
};

/** `A B |C D` → ['A', 'B C', 'D']: `|` starts a two-word heading. */
function expectedColumns(spec: string): string[] {
  const words = spec.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word.startsWith('|')) out.push(`${word.slice(1)} ${words[++i] ?? ''}`);
    else out.push(word);
  }
  return out;
}

let app: RenderedApp | undefined;
afterEach(() => app?.unmount());

function open(view: ViewId, size: { columns: number; rows: number }): RenderedApp {
  app = renderApp(widthPort(), size, { clock: () => NOW, initialView: view, session: WIDTH_SESSION });
  return app;
}

async function table(view: ViewId, size: { columns: number; rows: number }): Promise<Table> {
  const title = VIEWS.find((v) => v.id === view)?.title ?? view;
  const a = open(view, size);
  const frame = await waitForFrame(a.lastFrame, (f) => f.includes(`${title}`) && f.includes('[1/'));
  return tableIn(frame, title);
}

describe('every view at 80×24, 120×40, 160×48 and 200×60', () => {
  for (const size of SIZES) {
    for (const view of VIEWS.filter(
      (v): v is (typeof VIEWS)[number] & { id: TabledView } => !TARGETED.has(v.id),
    )) {
      it(`${view.title} at ${size.columns}×${size.rows}: the columns its width allows, every row told apart`, async () => {
        const t = await table(view.id, size);
        expect(t.columns).toEqual(expectedColumns(EXPECTED[view.id][size.columns]));
        // Every row of the view is on screen, and no two read the same.
        const count = Number(/\[1\/(\d+)\]/.exec(t.title)?.[1]);
        expect(t.rows).toHaveLength(count);
        expect(new Set(t.rows).size).toBe(t.rows.length);
      });
    }
  }

  it('abbreviates KIND below 120 columns and spells it out from 120 on', async () => {
    const narrow = await table('failing', SIZES[0]);
    expect(narrow.rows.map((r) => r.split(/\s+/)[0])).toEqual(['GIT', 'KS', 'HR', 'HR', 'HR', 'HR', 'KS']);
    app?.unmount();
    const wide = await table('failing', SIZES[1]);
    expect(wide.rows[0]).toMatch(/^GitRepository\s+flux-system\s+team-apps\s/);
    expect(wide.rows[1]).toMatch(/^Kustomization\s+flux-system\s+team-apps\s/);
  });

  it('cuts a squeezed NAME in the middle, so names that share their head keep the tail that differs', async () => {
    const t = await table('failing', SIZES[0]);
    const names = t.rows.filter((r) => r.includes('team-frontend')).map((r) => r.split(/\s+/)[2]);
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^fronte.*\.\..*est-1$/);
    expect(names[1]).toMatch(/^fronte.*\.\..*ast-1$/);
  });

  it('keeps names that differ in the middle apart at 160 columns, where a plain middle cut joins them', async () => {
    const t = await table('sources', SIZES[2]);
    const names = t.rows
      .filter((r) => /\sbilling-prod\s/.test(r))
      .map((r) => r.split(/\s+/)[2] ?? '')
      .sort();
    expect(names).toHaveLength(2);
    const [one = '', two = ''] = names;
    // NAME is squeezed here: cut in the middle, billing-prod-1-metrics-server and -2- would read alike.
    expect(one).toContain('..');
    expect(truncateMiddle('billing-prod-1-metrics-server', one.length)).toBe(
      truncateMiddle('billing-prod-2-metrics-server', one.length),
    );
    expect(one).not.toBe(two);
    expect(one).toMatch(/^billing-prod-1\.\./);
    expect(two).toMatch(/^billing-prod-2\.\./);
  });

  it('gives MESSAGE the room that is left at 120: 30 cells or more', async () => {
    for (const view of ['kustomizations', 'helmreleases', 'events'] as const) {
      const t = await table(view, SIZES[1]);
      const at = t.header.indexOf('MESSAGE');
      const next = t.columns[t.columns.indexOf('MESSAGE') + 1];
      const end = next ? t.header.indexOf(next, at) : 120;
      expect(end - at, `${view}: ${t.header}`).toBeGreaterThanOrEqual(30);
      app?.unmount();
    }
  });
});

describe('columns come and go with the width only', () => {
  const wide = SIZES[3];

  it('not with the filter: a filter that leaves only rows with empty URL and LAST FETCH keeps both', async () => {
    const a = open('sources', wide);
    const before = tableIn(await waitForFrame(a.lastFrame, (f) => f.includes('Sources(')), 'Sources');
    await press(a.stdin, '/');
    await type(a.stdin, 'team-apps');
    await press(a.stdin, KEYS.enter);
    const frame = await waitForFrame(a.lastFrame, (f) => f.includes('[1/1]'));
    const after = tableIn(frame, 'Sources');
    expect(after.rows).toHaveLength(1);
    expect(after.columns).toEqual(before.columns);
    expect(after.columns).toContain('URL');
  });

  it('not with the sort: cycling the sort through every column keeps AGE and the rest', async () => {
    const a = open('helmreleases', wide);
    const first = tableIn(
      await waitForFrame(a.lastFrame, (f) => f.includes('HelmReleases(')),
      'HelmReleases',
    );
    const seen = new Set<string>();
    for (let i = 0; i < first.columns.length; i++) {
      await press(a.stdin, '>');
      const t = tableIn(a.lastFrame() ?? '', 'HelmReleases');
      expect(t.columns).toEqual(first.columns);
      const marked = /(\S+(?: \S+)?)[↑↓]/.exec(t.header)?.[1];
      if (marked) seen.add(marked.split(' ').slice(-2).join(' '));
    }
    expect(first.columns).toContain('AGE');
    expect(seen.size).toBe(first.columns.length);
  });

  it('not with the data: when the rows with a URL go, URL stays', async () => {
    const port = widthPort();
    app = renderApp(port, wide, { clock: () => NOW, initialView: 'sources' });
    const before = tableIn(
      await waitForFrame(app.lastFrame, (f) => f.includes('Sources(all) [1/7]')),
      'Sources',
    );
    port.remove(
      'Bucket/flux-system/podinfo',
      'HelmRepository/flux-system/podinfo',
      'OCIRepository/flux-system/podinfo',
    );
    const after = tableIn(
      await waitForFrame(app.lastFrame, (f) => f.includes('Sources(all) [1/4]')),
      'Sources',
    );
    expect(after.rows.join('\n')).not.toMatch(/https?:|oci:/);
    expect(after.columns).toEqual(before.columns);
    expect(after.columns).toContain('URL');
  });
});

describe('the sort key is always a shown column', () => {
  it('cycles through the shown columns only', async () => {
    const a = open('helmreleases', SIZES[0]);
    const t = tableIn(await waitForFrame(a.lastFrame, (f) => f.includes('HelmReleases(')), 'HelmReleases');
    const marks: string[] = [];
    for (let i = 0; i < t.columns.length * 2; i++) {
      await press(a.stdin, '>');
      const header = tableIn(a.lastFrame() ?? '', 'HelmReleases').header;
      const id = t.columns.find((c) => header.includes(`${c}↑`));
      marks.push(id ?? `(none: ${header})`);
    }
    expect(new Set(marks)).toEqual(new Set(t.columns));
  });

  it('falls back to the view order while a resize hides the sort column, and comes back with the width', async () => {
    const props = {
      port: widthPort(),
      demo: false,
      readonly: false,
      color: false,
      tickMs: 0,
      clock: () => NOW,
    };
    const wideSize = SIZES[3];
    app = render(<App {...props} size={wideSize} initialView="helmreleases" />);
    const a = app;
    await waitForFrame(a.lastFrame, (f) => f.includes('HelmReleases('));
    // NAME is the default sort; AGE is the 11th column to its right.
    const sortedBy = () => /(\S+)[↑↓]/.exec(tableIn(a.lastFrame() ?? '', 'HelmReleases').header)?.[1];
    for (let i = 0; i < 11 && sortedBy() !== 'AGE'; i++) await press(a.stdin, '>');
    expect(sortedBy()).toBe('AGE');
    a.rerender(<App {...props} size={SIZES[0]} initialView="helmreleases" />);
    const narrow = tableIn(
      await waitForFrame(a.lastFrame, (f) => !/ AGE/.test(f) && f.includes('HelmReleases(')),
      'HelmReleases',
    );
    expect(narrow.header).not.toMatch(/[↑↓]/);
    // The view's own order: failing first.
    expect(narrow.rows[0]).toContain('Failed');
    // The sort keys now start from the default column, a shown one.
    await press(a.stdin, '>');
    expect(sortedBy()).toBe('REVISION');
    a.rerender(<App {...props} size={wideSize} initialView="helmreleases" />);
    await waitForFrame(a.lastFrame, (f) => f.includes('REVISION↑') && / AGE /.test(f));
  });
});

describe('the logs pane beside the table', () => {
  it('leaves the table its own width, and the policy applies to that width', async () => {
    const a = open('failing', SIZES[3]);
    await waitForFrame(a.lastFrame, (f) => f.includes('Failing('));
    await press(a.stdin, 'l');
    // 200 columns with the logs beside: the table has 110, so KIND is abbreviated and AGE is hidden.
    const frame = await waitForFrame(a.lastFrame, (f) =>
      /^\s*KS\s/m.test(
        f
          .split('\n')
          .map((l) => l.slice(2))
          .join('\n'),
      ),
    );
    const t = tableIn(frame, 'Failing');
    expect(t.columns).toEqual(
      expectedColumns('KIND NAMESPACE NAME STATUS |FAILING FOR |BLOCKED BY MESSAGE REVISION'),
    );
    expect(new Set(t.rows.map((r) => r.slice(0, 100))).size).toBe(t.rows.length);
  });
});
