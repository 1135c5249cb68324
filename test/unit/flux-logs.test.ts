import { describe, expect, it } from 'vitest';
import {
  formatFluxLogsLine,
  type LogFilter,
  logLineParser,
  logMatchesFilter,
  logMatchesObject,
  logObjectRef,
  normalizeLevel,
  parseLogLine,
} from '../../src/flux/logs.js';
import { StringPool } from '../../src/kube/string-pool.js';
import { FLUX_TESTDATA, goldenText } from './flux-golden.js';

/** What `flux logs` writes for a stream: JSON lines that pass the filters, each formatted plus `\n`. */
function fluxLogs(input: string, filter: LogFilter): string {
  return input
    .split('\n')
    .filter((l) => l !== '')
    .map(parseLogLine)
    .filter((l) => l.structured && logMatchesFilter(l, filter))
    .map((l) => `${formatFluxLogsLine(l)}\n`)
    .join('');
}

describe('flux logs goldens (cmd/flux/logs_unit_test.go)', () => {
  const input = goldenText(`${FLUX_TESTDATA}_extracted_from_tests/logs/input-pod-logs.jsonl`);
  it('reads the same lines through a string pool as without', () => {
    const lines = [...input.split('\n'), 'plain text', '{"broken'].filter((l) => l !== '');
    const pooled = logLineParser(new StringPool().intern);
    expect(lines.map((l) => pooled(l))).toEqual(lines.map((l) => parseLogLine(l)));
  });

  it.each([
    ['all-logs.txt', {}],
    ['namespace.txt', { namespace: 'default' }],
    ['kind.txt', { kind: 'Kustomization', namespace: 'flux-system' }],
    ['log-level.txt', { level: 'error' }],
    [
      'multiple-filters.txt',
      { namespace: 'flux-system', level: 'error', kind: 'Kustomization', name: 'podinfo' },
    ],
  ] as [string, LogFilter][])('%s', (golden, filter) => {
    expect(fluxLogs(input, filter)).toBe(goldenText(`${FLUX_TESTDATA}logs/${golden}`));
  });

  it('matches kind, name and namespace case-insensitively', () => {
    expect(fluxLogs(input, { kind: 'kustomization', name: 'PODINFO', namespace: 'Flux-System' })).toBe(
      goldenText(`${FLUX_TESTDATA}logs/kind.txt`).split('\n')[1]?.concat('\n'),
    );
  });
});

describe('current controller lines (test/fixtures/synthetic/logs)', () => {
  const input = goldenText('synthetic/logs/controller-logs-modern.jsonl');

  it('prints what `flux logs -A` prints', () => {
    expect(fluxLogs(input, {})).toBe(
      goldenText('synthetic/logs/controller-logs-modern.expected-flux-logs-A.txt'),
    );
  });

  it('keeps the non-JSON line as text instead of dropping it', () => {
    const lines = input
      .split('\n')
      .filter((l) => l !== '')
      .map(parseLogLine);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toEqual({
      ts: '',
      level: 'other',
      message: 'not-json line from a sidecar or a klog fallback',
      error: '',
      kind: '',
      name: '',
      namespace: '',
      logger: '',
      structured: false,
    });
    expect(formatFluxLogsLine(lines[5] ?? parseLogLine(''))).toBe(
      'not-json line from a sidecar or a klog fallback',
    );
  });

  it('keeps the keys a line adds (revision), not those every reconciler line carries', () => {
    const line = parseLogLine(input.split('\n')[2] ?? '');
    expect(line.fields).toEqual([['revision', 'main@sha1:696f056df216eea4f9401adbee0ff744d4df390f']]);
    expect(parseLogLine(input.split('\n')[0] ?? '').fields).toBeUndefined();
  });

  it('parses the fields of an error line and finds its object', () => {
    const line = parseLogLine(input.split('\n')[1] ?? '');
    expect(line).toEqual({
      ts: '2026-01-03T10:05:01.200Z',
      level: 'error',
      message: 'Reconciler error',
      error:
        'Helm upgrade failed for release podinfo/podinfo with chart podinfo@6.8.0: context deadline exceeded',
      kind: 'HelmRelease',
      name: 'podinfo',
      namespace: 'podinfo',
      logger: '',
      structured: true,
    });
    expect(logObjectRef(line)).toEqual({ kind: 'HelmRelease', name: 'podinfo', namespace: 'podinfo' });
    expect(logMatchesObject(line, { kind: 'HelmRelease', name: 'podinfo', namespace: 'podinfo' })).toBe(true);
    expect(logMatchesObject(line, { kind: 'HelmRelease', name: 'podinfo', namespace: 'flux-system' })).toBe(
      false,
    );
    expect(logMatchesObject(line, { kind: 'Kustomization', name: 'podinfo', namespace: 'podinfo' })).toBe(
      false,
    );
  });
});

describe('parseLogLine', () => {
  it('takes name and namespace from the object key when the top-level keys are missing', () => {
    const line = parseLogLine(
      '{"level":"info","msg":"x","controllerKind":"GitRepository","GitRepository":{"name":"a","namespace":"b"}}',
    );
    expect([line.kind, line.name, line.namespace]).toEqual(['GitRepository', 'a', 'b']);
    const camel = parseLogLine(
      '{"level":"info","msg":"x","controllerKind":"GitRepository","gitRepository":{"name":"c","namespace":"d"}}',
    );
    expect([camel.name, camel.namespace]).toEqual(['c', 'd']);
  });

  it('prefers `reconciler kind` over controllerKind, as the template', () => {
    const line = parseLogLine(
      '{"reconciler kind":"Kustomization","controllerKind":"Other","name":"a","namespace":"b"}',
    );
    expect(line.kind).toBe('Kustomization');
  });

  it.each([
    ['trace', 'trace'],
    ['DEBUG', 'debug'],
    ['info', 'info'],
    ['warn', 'warn'],
    ['warning', 'warn'],
    ['error', 'error'],
    ['dpanic', 'error'],
    ['fatal', 'error'],
    ['Level(-2)', 'trace'],
    ['Level(-5)', 'trace'],
    [-1, 'debug'],
    [0, 'info'],
    [1, 'warn'],
    [2, 'error'],
    ['verbose', 'other'],
    [null, 'other'],
  ] as [unknown, string][])('level %j → %s', (level, want) => {
    expect(normalizeLevel(level)).toBe(want);
    expect(parseLogLine(JSON.stringify({ level, msg: 'm' })).level).toBe(want);
  });

  it.each([
    ['plain text', 'plain text'],
    ['  {"level":"info"}', '  {"level":"info"}'],
    ['{"level":', '{"level":'],
    ['{not json', '{not json'],
    ['', ''],
  ])('keeps %j as unstructured text', (input, message) => {
    const line = parseLogLine(input);
    expect(line.structured).toBe(false);
    expect(line.message).toBe(message);
  });

  it('treats JSON that is not an object as text', () => {
    expect(parseLogLine('{"a":1}').structured).toBe(true);
    expect(parseLogLine('[1,2]').structured).toBe(false);
    expect(parseLogLine('{}').structured).toBe(true);
  });

  it('strips control sequences from every field', () => {
    const line = parseLogLine(
      JSON.stringify({
        level: 'error',
        ts: '2026-01-01T00:00:00Z\x1b[2J',
        msg: 'bad\x1b]52;c;cm0gLXJm\x07 msg\nsecond line',
        error: 'e\u202erorr',
        controllerKind: 'Kustomization\x1b[31m',
        name: 'n\x9b1m',
        namespace: 'ns',
      }),
    );
    expect(line).toMatchObject({
      ts: '2026-01-01T00:00:00Z',
      message: 'bad msg second line',
      error: 'erorr',
      kind: 'Kustomization',
      name: 'n',
    });
    expect(formatFluxLogsLine(line)).toBe(
      '2026-01-01T00:00:00Z error Kustomization/n.ns - bad msg second line erorr',
    );
    expect(formatFluxLogsLine(parseLogLine('\x1b]8;;http://evil\x07link\x1b]8;;\x07'))).toBe('link');
  });

  it('tolerates wrong types and odd shapes', () => {
    const line = parseLogLine(
      JSON.stringify({
        level: 3,
        ts: 1767225600.5,
        msg: 42,
        error: { code: 'x' },
        name: 7,
        namespace: ['a'],
      }),
    );
    expect(line).toMatchObject({
      level: 'error',
      ts: '2026-01-01T00:00:00.500Z',
      message: '42',
      error: '{"code":"x"}',
      name: '',
      namespace: '',
      kind: '',
    });
    expect(formatFluxLogsLine(line)).toBe('2026-01-01T00:00:00.500Z error  - 42 {"code":"x"}');
    expect(parseLogLine('{"level":"info"}\r\n').structured).toBe(true);
    expect(parseLogLine(undefined as unknown as string).structured).toBe(false);
  });

  it('bounds huge lines', () => {
    const huge = parseLogLine(JSON.stringify({ level: 'info', msg: 'x'.repeat(3_000_000) }));
    expect(huge.structured).toBe(false);
    expect(huge.message.length).toBeLessThanOrEqual(8000);
    const long = parseLogLine(JSON.stringify({ level: 'info', msg: 'y'.repeat(100_000) }));
    expect(long.structured).toBe(true);
    expect(long.message.length).toBe(8000);
  });

  it('matches the selected object as `flux logs --kind --name -n` would, case aside, non-ASCII too', () => {
    const line = parseLogLine(
      '{"level":"info","msg":"ok","controllerKind":"Kustomization","name":"apps","namespace":"flux-system"}',
    );
    const ref = { kind: 'Kustomization' as const, name: 'apps', namespace: 'flux-system' };
    expect(logMatchesObject(line, ref)).toBe(true);
    expect(logMatchesObject(line, { ...ref, name: 'APPS', namespace: 'Flux-System' })).toBe(true);
    expect(logMatchesObject(line, { ...ref, name: 'apps-2' })).toBe(false);
    expect(logMatchesObject(line, { ...ref, namespace: 'flux' })).toBe(false);
    expect(logMatchesObject(line, { ...ref, kind: 'HelmRelease' })).toBe(false);
    // Lower-casing changes the length of some text: compared as lower case, not by length.
    const dotted = parseLogLine('{"controllerKind":"Kustomization","name":"i̇x","namespace":"n"}');
    expect(logMatchesObject(dotted, { ...ref, name: 'İx', namespace: 'n' })).toBe(
      logMatchesFilter(dotted, { kind: 'Kustomization', name: 'İx', namespace: 'n' }),
    );
  });

  it('does not let unstructured lines pass object filters', () => {
    const text = parseLogLine('podinfo podinfo HelmRelease');
    expect(logMatchesObject(text, { kind: 'HelmRelease', name: 'podinfo', namespace: 'podinfo' })).toBe(
      false,
    );
    expect(logMatchesFilter(text, {})).toBe(true);
    expect(logObjectRef(text)).toBeUndefined();
    expect(logObjectRef(parseLogLine('{"controllerKind":"Pod","name":"a","namespace":"b"}'))).toBeUndefined();
  });
});
