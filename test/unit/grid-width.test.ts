// The width policy's arithmetic (src/present/grid-layout.ts, src/present/text.ts, src/present/short-kinds.ts).
import { describe, expect, it } from 'vitest';
import { KIND_NAMES } from '../../src/flux/kinds.js';
import { fitRows, type GridColumn, layoutColumns, shownColumns } from '../../src/present/grid-layout.js';
import { SHORT_KINDS } from '../../src/present/short-kinds.js';
import { fitCell, textWidth, truncateApart, truncateMiddle } from '../../src/present/text.js';

type Row = { readonly kind: string; readonly name: string; readonly note: string };
const COLUMNS: readonly GridColumn<Row>[] = [
  {
    id: 'KIND',
    cell: (r) => r.kind,
    compact: { cell: (r) => r.kind.slice(0, 2), min: 4 },
    min: 13,
    identity: true,
  },
  { id: 'NAME', cell: (r) => r.name, min: 10, identity: true },
  { id: 'LOW', cell: () => 'low', min: 10, drop: 1 },
  { id: 'HIGH', cell: () => 'high', min: 10, drop: 2 },
  { id: 'NOTE', cell: (r) => r.note, flex: true, min: 12 },
];
const ids = (width: number) => shownColumns(COLUMNS, width).map((c) => c.id);

describe('which columns a table shows', () => {
  it('hides the highest drop first, from what the columns are owed (never from their cells)', () => {
    // Owed below 120: 4 + 10 + 10 + 10 + 12, gaps of 1, the row prefix 2 and the sort mark 1.
    expect(ids(53)).toEqual(['KIND', 'NAME', 'LOW', 'HIGH', 'NOTE']);
    expect(ids(52)).toEqual(['KIND', 'NAME', 'LOW', 'NOTE']);
    expect(ids(41)).toEqual(['KIND', 'NAME', 'NOTE']);
  });

  it('uses the compact cell below 120 columns and keeps sorting on the full one', () => {
    const narrow = shownColumns(COLUMNS, 80)[0];
    const row = { kind: 'Kustomization', name: 'apps', note: '' };
    expect(narrow?.cell(row)).toBe('Ku');
    expect(narrow?.sortValue?.(row)).toBe('Kustomization');
    expect(shownColumns(COLUMNS, 120)[0]?.cell(row)).toBe('Kustomization');
  });

  it('owes the flex column a quarter of a wide table', () => {
    // At 120: KIND 13 + NAME 10 + NOTE 30, gaps of 2, prefix and mark: 60 with both optional columns out.
    const wide: readonly GridColumn<Row>[] = COLUMNS.map((c) => (c.drop ? { ...c, min: 30 } : c));
    expect(shownColumns(wide, 120).map((c) => c.id)).toEqual(['KIND', 'NAME', 'LOW', 'NOTE']);
  });
});

describe('column widths', () => {
  it('squeezes NAME only as far as the row needs, never LOW and HIGH below their headers', () => {
    // Natural: 4 + 40 + 3 + 4 + 12, gaps 4, prefix 2 = 69 for 60 cells: NAME gives the 9.
    const shown = shownColumns(COLUMNS, 60);
    const cells = [['Ku', 'a-very-long-name-of-forty-characters-xyz', 'low', 'high', 'note']];
    const placed = layoutColumns(shown, cells, 60, new Map());
    expect(placed.map((p) => [p.column.id, p.width])).toEqual([
      ['KIND', 4],
      ['NAME', 31],
      ['LOW', 3],
      ['HIGH', 4],
      ['NOTE', 12],
    ]);
  });
});

describe('cutting in the middle', () => {
  it('keeps the head and the tail of a name', () => {
    expect(truncateMiddle('frontend-production-eu-west-1', 14)).toBe('fronte..west-1');
    expect(truncateMiddle('frontend-production-eu-west-1', 13)).toBe('fronte..est-1');
    expect(truncateMiddle('short', 14)).toBe('short');
    expect(fitCell('frontend-production-us-east-1', 15, 'left', 'middle')).toBe('fronten..east-1');
    expect(fitCell('short', 7, 'left', 'middle')).toBe('short  ');
  });
});

describe('cutting names apart', () => {
  const BILLING = ['billing-prod-1-metrics-server', 'billing-prod-2-metrics-server'];

  it('tells billing-prod-1 from billing-prod-2 where the middle cut makes them one', () => {
    // 160 columns: NAME has 23 cells.
    expect(truncateMiddle(BILLING[0] ?? '', 23)).toBe(truncateMiddle(BILLING[1] ?? '', 23));
    expect(truncateApart(BILLING, 23)).toEqual(['billing-prod-1..-server', 'billing-prod-2..-server']);
    expect(truncateApart(BILLING, 20)).toEqual(['billing-prod-1..rver', 'billing-prod-2..rver']);
    expect(truncateApart(BILLING, 16)).toEqual(['billing-prod-1..', 'billing-prod-2..']);
    // Too narrow for the head up to the difference: a window ending on it.
    expect(truncateApart(BILLING, 15)).toEqual(['..ling-prod-1..', '..ling-prod-2..']);
    expect(truncateApart(BILLING, 5)).toEqual(['..1..', '..2..']);
  });

  it('moves the cut toward the nearer end of the difference: the head, or the tail', () => {
    const nearTail = ['checkout-api-gateway-eu-1-canary-rollout', 'checkout-api-gateway-eu-2-canary-rollout'];
    expect(truncateApart(nearTail, 20)).toEqual(['ch..1-canary-rollout', 'ch..2-canary-rollout']);
    expect(truncateApart(nearTail, 24)).toEqual(['checko..1-canary-rollout', 'checko..2-canary-rollout']);
    const nearHead = [
      'web-1-checkout-api-gateway-canary-rollout',
      'web-2-checkout-api-gateway-canary-rollout',
    ];
    expect(truncateApart(nearHead, 20)).toEqual(['web-1-che..y-rollout', 'web-2-che..y-rollout']);
  });

  it('leaves names that differ at the start or at the end as the middle cut has them', () => {
    const start = ['eu-frontend-production-canary', 'us-frontend-production-canary'];
    const end = ['frontend-production-eu-west-1', 'frontend-production-eu-west-2'];
    for (const names of [start, end]) {
      const cut = truncateApart(names, 14);
      expect(cut).toEqual(names.map((n) => truncateMiddle(n, 14)));
      expect(new Set(cut).size).toBe(2);
    }
  });

  it('tells apart names that differ only in the middle, at every width down to 5 cells', () => {
    const names = ['payments-staging-worker-a-7d9f8b6c5', 'payments-staging-worker-b-7d9f8b6c5', 'ledger'];
    for (let width = 5; width <= 36; width++) {
      const cut = truncateApart(names, width);
      expect(new Set(cut).size, `${width}: ${cut.join(' | ')}`).toBe(3);
      for (const text of cut) expect(textWidth(text)).toBeLessThanOrEqual(width);
    }
  });

  it('moves only the cuts that clash, and keeps names that fit and repeated names as they are', () => {
    const names = [...BILLING, 'kube-prometheus-stack-operator', 'podinfo', 'podinfo'];
    const cut = truncateApart(names, 20);
    expect(cut.slice(2)).toEqual([
      truncateMiddle('kube-prometheus-stack-operator', 20),
      'podinfo',
      'podinfo',
    ]);
    expect(cut.slice(0, 2)).toEqual(['billing-prod-1..rver', 'billing-prod-2..rver']);
    // No clash, nothing to sort or move.
    expect(truncateApart(names.slice(1), 20)).toEqual(names.slice(1).map((n) => truncateMiddle(n, 20)));
  });

  it('keeps the tail of a name that is the start of another', () => {
    const names = ['redis-cluster-primary', 'redis-cluster-primary-2', 'redis-cluster-primary-3'];
    const cut = truncateApart(
      names.map((n) => `team-${n}`),
      16,
    );
    expect(new Set(cut).size).toBe(3);
    for (const text of cut) expect(textWidth(text)).toBeLessThanOrEqual(16);
  });

  it('cuts wide characters whole and keeps within the width', () => {
    const names = ['日本語-本番-1-メトリクス', '日本語-本番-2-メトリクス'];
    const cut = truncateApart(names, 16);
    expect(new Set(cut).size).toBe(2);
    for (const text of cut) expect(textWidth(text)).toBeLessThanOrEqual(16);
    expect(cut[0]).toContain('1');
  });

  it('tells apart a screenful of look-alike names from 12 cells (the narrowest NAME) on', () => {
    // A fixed pseudo-random run, so a failure reproduces.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const part = (options: readonly string[]) => options[next(options.length)] ?? '';
    const teams = ['billing', 'payments', 'team-a', 'team-b'];
    const envs = ['prod', 'staging', 'prod-1', 'prod-2'];
    const apps = ['metrics-server', 'api', 'worker-7d9f8b6c5-x2k4p', 'ingress-nginx'];
    for (let run = 0; run < 300; run++) {
      const names = Array.from({ length: 2 + next(46) }, () => `${part(teams)}-${part(envs)}-${part(apps)}`);
      const width = 12 + next(28);
      const cut = truncateApart(names, width);
      const nameOf = new Map<string, string>();
      cut.forEach((text, i) => {
        expect(textWidth(text)).toBeLessThanOrEqual(width);
        expect(nameOf.get(text) ?? names[i], `${width}: ${text}`).toBe(names[i]);
        nameOf.set(text, names[i] ?? '');
      });
    }
  });
});

describe('cells as drawn', () => {
  it('cuts an identity column apart, and the others at the end, each to its width', () => {
    const shown = shownColumns(COLUMNS, 200).filter((c) => c.id === 'NAME' || c.id === 'NOTE');
    const placed = shown.map((column) => ({ column, width: 20 }));
    const cells = [
      ['billing-prod-1-metrics-server', 'Applied revision: main@sha1:0123abcd'],
      ['billing-prod-2-metrics-server', 'Applied revision: main@sha1:0123abcd'],
      ['podinfo', ''],
    ];
    expect(fitRows(placed, cells)).toEqual([
      ['billing-prod-1..rver', 'Applied revision: ..'],
      ['billing-prod-2..rver', 'Applied revision: ..'],
      ['podinfo             ', '                    '],
    ]);
  });
});

describe('short kinds', () => {
  it('gives every Flux kind a distinct short name of at most 8 cells', () => {
    const shorts = KIND_NAMES.map((k) => SHORT_KINDS[k]);
    expect(new Set(shorts).size).toBe(KIND_NAMES.length);
    for (const s of shorts) expect(s.length).toBeLessThanOrEqual(8);
    expect(SHORT_KINDS.Kustomization).toBe('KS');
    expect(SHORT_KINDS.GitRepository).toBe('GIT');
  });
});
