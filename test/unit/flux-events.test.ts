// `flux events` fidelity against cmd/flux/events_test.go (Test_getObjectRef, Test_getRows): the objects
// come from its fixture, the events are built as its createEvent does, the selection is the CLI's.
import { describe, expect, it } from 'vitest';
import {
  compareEventsByTime,
  eventCount,
  eventFirstSeen,
  eventFluxKind,
  eventInvolves,
  eventLastSeen,
  eventsForRefs,
  fluxEventsHeaders,
  fluxEventsRow,
  formatEventLastSeen,
  formatLastSeen,
} from '../../src/flux/events.js';
import { findKind } from '../../src/flux/kinds.js';
import { isRecord, str } from '../../src/flux/narrow.js';
import { FLUX_TESTDATA, goldenObjects, goldenText, kindOf } from './flux-golden.js';

const DIR = `${FLUX_TESTDATA}_extracted_from_tests/events/`;
const objects = goldenObjects(`${DIR}objects.yaml`);
const NOW = Date.UTC(2026, 0, 3, 12);

function find(kind: string, name: string, namespace: string): unknown {
  return objects.find(
    (o) =>
      kindOf(o) === kind &&
      str(o, 'metadata', 'name') === name &&
      str(o, 'metadata', 'namespace') === namespace,
  );
}

// createEvent(obj, severity, msg, reason) of events_test.go: one info and one error event per object.
const events = objects.flatMap((o) =>
  (['info', 'error'] as const).map((type) => ({
    metadata: {
      namespace: str(o, 'metadata', 'namespace'),
      name: `${str(o, 'metadata', 'namespace')}${kindOf(o)}${type}`,
    },
    type,
    reason: type === 'info' ? 'Info Reason' : 'Error Reason',
    message: type === 'info' ? 'Info Message' : 'Error Message',
    involvedObject: {
      kind: kindOf(o),
      namespace: str(o, 'metadata', 'namespace'),
      name: str(o, 'metadata', 'name'),
    },
  })),
);

describe('eventsForRefs (Test_getObjectRef cases)', () => {
  const cases = goldenText(`${DIR}getObjectRef-cases.tsv`)
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));

  it.each(cases)('%s in %s', (selector, namespace, want, wantErr) => {
    const [kindWord = '', name = ''] = (selector ?? '').split('/');
    const kind = findKind(kindWord);
    if (wantErr === 'true') {
      expect(kind).toBeUndefined();
      return;
    }
    if (!kind) throw new Error(`unknown kind ${kindWord}`);
    const raw = find(kind.kind, name, namespace ?? '');
    const refs = eventsForRefs(kind.kind, raw).map((r) => `${r.kind}/${r.name}.${r.namespace}`);
    const expected = [...(want ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(expected);
  });
});

describe('flux events rows (Test_getRows cases)', () => {
  interface Case {
    readonly name: string;
    readonly selector: string;
    readonly namespace: string;
    readonly rows: string[][];
  }
  const cases: Case[] = goldenText(`${DIR}expected-rows.tsv`)
    .split('\n\n')
    .map((block) => {
      const lines = block.split('\n').filter((l) => l !== '');
      const name = lines[0]?.replace('# case: ', '') ?? '';
      const m = /selector: '(.*)' namespace: '(.*)'/.exec(lines[1] ?? '');
      return {
        name,
        selector: m?.[1] ?? '',
        namespace: m?.[2] ?? '',
        rows: lines.slice(2).map((l) => l.split('\t')),
      };
    });

  /** The CLI's selection: the object's (or kind's) events, plus those of the objects it refers to. */
  function fluxEvents(selector: string, namespace: string): string[][] {
    const [kindWord = '', name = ''] = selector.split('/');
    const kind = kindWord ? findKind(kindWord)?.kind : undefined;
    const inNamespace = (e: unknown) => namespace === '' || str(e, 'metadata', 'namespace') === namespace;
    const selected = events.filter(
      (e) =>
        inNamespace(e) &&
        (!kind || str(e, 'involvedObject', 'kind') === kind) &&
        (!name || str(e, 'involvedObject', 'name') === name),
    );
    const refs = kind && name ? eventsForRefs(kind, find(kind, name, namespace)) : [];
    for (const ref of refs) selected.push(...events.filter((e) => eventInvolves(e, ref)));
    const showNamespace = namespace === '' || refs.some((r) => r.namespace !== namespace);
    return selected
      .filter((e) => eventFluxKind(e) !== undefined)
      .sort(compareEventsByTime)
      .map((e) => fluxEventsRow(e, showNamespace, NOW));
  }

  it('read every case', () => {
    expect(cases.map((c) => c.name)).toHaveLength(6);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const sort = (rows: string[][]) => rows.map((r) => r.join('\t')).sort();
    // ConsistOf in the Go test: same rows, any order.
    expect(sort(fluxEvents(c.selector, c.namespace))).toEqual(sort(c.rows));
  });

  it('has the CLI headers', () => {
    expect(fluxEventsHeaders(false)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(fluxEventsHeaders(true)[0]).toBe('NAMESPACE');
  });
});

describe('event times', () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 3, h, m)).toISOString();

  it.each([
    ['no timestamps at all', {}, '', '', 1, '<unknown>'],
    [
      'a single core event',
      { firstTimestamp: at(11, 55), lastTimestamp: at(11, 55), count: 1 },
      at(11, 55),
      at(11, 55),
      1,
      '5m',
    ],
    [
      'a repeated core event',
      { firstTimestamp: at(10), lastTimestamp: at(11, 58), count: 7 },
      at(11, 58),
      at(10),
      7,
      '2m (x7 over 120m)',
    ],
    [
      'an events.k8s.io series',
      { eventTime: at(9), series: { count: 12, lastObservedTime: at(11, 30) }, lastTimestamp: at(11) },
      at(11, 30),
      at(9),
      12,
      '30m (x12 over 3h)',
    ],
    ['eventTime only', { eventTime: at(11) }, at(11), at(11), 1, '60m'],
    ['garbage timestamps', { lastTimestamp: 'yesterday', count: 'x', eventTime: 5 }, '', '', 1, '<unknown>'],
  ])('%s', (_name, ev, last, first, count, column) => {
    expect(eventLastSeen(ev)).toBe(last);
    expect(eventFirstSeen(ev)).toBe(first);
    expect(eventCount(ev)).toBe(count);
    expect(formatEventLastSeen(ev, NOW)).toBe(column);
  });

  it('formats extracted times the same way', () => {
    expect(formatLastSeen(at(11, 58), at(10), 7, NOW)).toBe('2m (x7 over 120m)');
    expect(formatLastSeen(at(11, 58), at(11, 55), 1, NOW)).toBe('5m');
    expect(formatLastSeen('', '', 1, NOW)).toBe('<unknown>');
  });

  it('sorts by the most recent occurrence', () => {
    const evs = [
      { lastTimestamp: at(11) },
      {},
      { eventTime: at(10) },
      { series: { lastObservedTime: at(9) } },
    ];
    expect(evs.sort(compareEventsByTime).map((e) => eventLastSeen(e))).toEqual(['', at(9), at(10), at(11)]);
  });
});

describe('events on hostile input', () => {
  it('sanitises every cell', () => {
    const row = fluxEventsRow(
      {
        metadata: { namespace: 'ns\x1b[31m' },
        type: 'Warning\x07',
        reason: 'Reason\u202e',
        message: 'line1\nline2\x1b]8;;http://evil\x07link',
        involvedObject: { kind: 'Kustomization', name: 'app\x9b2J' },
      },
      true,
      NOW,
    );
    expect(row).toEqual(['ns', '<unknown>', 'Warning', 'Reason', 'Kustomization/app', 'line1 line2link']);
  });

  it('ignores events of objects that are not Flux kinds', () => {
    expect(eventFluxKind({ involvedObject: { kind: 'Pod' } })).toBeUndefined();
    expect(eventFluxKind({ involvedObject: { kind: 'kustomization' } })).toBe('Kustomization');
    expect(eventFluxKind({ involvedObject: { kind: 'ks' } })).toBeUndefined();
    expect(eventFluxKind(null)).toBeUndefined();
  });

  it('finds no refs in malformed objects', () => {
    expect(eventsForRefs('Kustomization', { spec: { sourceRef: 'x' } })).toEqual([]);
    expect(eventsForRefs('Kustomization', { spec: { sourceRef: { kind: 'Nope', name: 'x' } } })).toEqual([]);
    expect(eventsForRefs('HelmRelease', undefined)).toEqual([]);
    expect(eventsForRefs('GitRepository', objects[0])).toEqual([]);
    expect(isRecord(objects[0])).toBe(true);
  });

  it('follows a chartRef where the CLI gives up', () => {
    const hr = {
      metadata: { name: 'a', namespace: 'b' },
      spec: { chartRef: { kind: 'OCIRepository', name: 'oci' } },
    };
    expect(eventsForRefs('HelmRelease', hr)).toEqual([
      { kind: 'OCIRepository', name: 'oci', namespace: 'b' },
    ]);
  });
});
