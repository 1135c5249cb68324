import { describe, expect, it } from 'vitest';
import { truncateHex } from '../../src/flux/hex.js';
import { elapsedShown, formatAge, formatDuration, formatRFC3339, parseTime } from '../../src/flux/time.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatDuration (kubectl HumanDuration)', () => {
  it.each([
    [0, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [5 * M + 12 * S, '5m12s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [42 * M, '42m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 2 * M, '3h2m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [4 * D + 5 * H, '4d5h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [120 * D, '120d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [365 * 2 * D + 45 * D, '2y45d'],
    [365 * 9 * D, '9y'],
    [-1500, '0s'],
    [-2500, '<invalid>'],
    // The boundaries of k8s.io/apimachinery duration.HumanDuration: seconds truncate toward zero (Go's
    // int(d.Seconds())), each unit takes over at its threshold and shows its remainder below its detail limit.
    [999, '0s'],
    [1999, '1s'],
    [-999, '0s'],
    [-1999, '0s'],
    [-2000, '<invalid>'],
    [2 * M - 1, '119s'],
    [10 * M - 1, '9m59s'],
    [3 * H - 1, '179m'],
    [8 * H - 1, '7h59m'],
    [48 * H - 1, '47h'],
    [8 * D - 1, '7d23h'],
    [730 * D - 1, '729d'],
    [365 * 8 * D - 1, '7y364d'],
    [365 * 8 * D, '8y'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
  ])('%d ms → %s', (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});

describe('parseTime', () => {
  it.each([
    ['2021-08-01T04:52:56Z', Date.UTC(2021, 7, 1, 4, 52, 56)],
    ['2026-08-21T14:12:44.123456789+02:00', Date.UTC(2026, 7, 21, 12, 12, 44, 123)],
    ['2026-01-03T10:00:00.000000000Z', Date.UTC(2026, 0, 3, 10)],
    ['2026-01-03T10:00:00-0130', Date.UTC(2026, 0, 3, 11, 30)],
    ['2026-01-03 10:00:00', Date.UTC(2026, 0, 3, 10)],
  ])('%s', (iso, want) => {
    expect(parseTime(iso)).toBe(want);
  });

  it.each([
    [''],
    ['yesterday'],
    ['March 7, 2026'],
    ['2026-02-31T00:00:00Z'],
    ['2026-13-01T00:00:00Z'],
    ['2026-01-01T25:00:00Z'],
    ['1'],
    [`2026-01-01T00:00:00Z${'0'.repeat(100)}`],
    [1_700_000_000],
    [null],
    [{}],
  ])('rejects %j', (value) => {
    expect(parseTime(value)).toBeUndefined();
  });
});

describe('formatAge', () => {
  const now = Date.UTC(2026, 0, 3, 12, 0, 0);
  it('formats the age at now', () => {
    expect(formatAge('2026-01-03T10:00:00Z', now)).toBe('120m'); // kubectl keeps minutes below 3h
    expect(formatAge('2026-01-03T11:54:48Z', now)).toBe('5m12s');
    expect(formatAge('2026-01-03T12:00:30Z', now)).toBe('<invalid>');
  });
  it('is empty for missing or unparsable timestamps', () => {
    expect(formatAge('', now)).toBe('');
    expect(formatAge('garbage', now)).toBe('');
    expect(formatAge('2026-01-03T10:00:00Z', Number.NaN)).toBe('');
  });
});

describe('elapsedShown (durations on a ticking screen)', () => {
  const since = Date.UTC(2026, 0, 3, 12, 0, 17); // 17 s into a minute
  it('is exact while seconds are shown', () => {
    expect(elapsedShown(since, since + 5 * M + 12 * S)).toBe(5 * M + 12 * S);
    expect(elapsedShown(since, since + 10 * M + 30 * S)).toBe(10 * M + 30 * S); // the minute start is under 10m
  });
  it('counts whole-minute durations to the start of the clock minute, so they all turn over at :00', () => {
    const at = (hh: number, mm: number, ss: number) => Date.UTC(2026, 0, 3, hh, mm, ss);
    expect(formatAge('2026-01-03T12:00:17Z', at(12, 42, 16))).toBe('41m'); // 42m59s exactly, 41m43s to 12:42:00
    expect(formatAge('2026-01-03T12:00:17Z', at(12, 42, 59))).toBe('41m');
    expect(formatAge('2026-01-03T12:00:17Z', at(12, 43, 0))).toBe('42m');
    // Another row 48 s into its minute turns over at the same moment.
    expect(formatAge('2026-01-03T12:00:48Z', at(12, 42, 59))).toBe('41m');
    expect(formatAge('2026-01-03T12:00:48Z', at(12, 43, 0))).toBe('42m');
  });
  it('never goes backwards and is never more than a minute short', () => {
    let last = 0;
    for (let now = since; now < since + 3 * H; now += 1_000) {
      const shown = elapsedShown(since, now);
      expect(shown).toBeGreaterThanOrEqual(last);
      expect(now - since - shown).toBeLessThan(M);
      last = shown;
    }
  });
});

describe('formatRFC3339', () => {
  it('prints Go time.RFC3339 in UTC', () => {
    expect(formatRFC3339('2021-08-01T04:28:42Z')).toBe('2021-08-01T04:28:42Z');
    expect(formatRFC3339('2021-08-01T06:28:42.999+02:00')).toBe('2021-08-01T04:28:42Z');
    expect(formatRFC3339('nope')).toBe('');
    expect(formatRFC3339(undefined)).toBe('');
  });
});

// Cases from fluxcd/flux2 internal/utils/hex_test.go.
describe('truncateHex', () => {
  it.each([
    ['16cfcc0b9066b3234dda29927ac1c19860d9663f', '16cfcc0b'],
    ['c2448c95e262b10f9c1137bf1472f51c04dffca76966ff15eff409d0b300c0b0', 'c2448c95'],
    [
      'dd81564b7e1e1d5986b166c21963d602f47f8610bf2a6ebbfd2f9c1e5ef05ef134f07e587383cbc049325c43e0e6817b5a282a74c0d569a5e057118484989781',
      'dd81564b',
    ],
    ['sha256:c2448c95e262b10f9c1137bf1472f51c04dffca76966ff15eff409d0b300c0b0', 'sha256:c2448c95'],
    ['tag@sha256:c2448c95e262b10f9c1137bf1472f51c04dffca76966ff15eff409d0b300c0b0', 'tag@sha256:c2448c95'],
    ['HEAD/16cfcc0b9066b3234dda29927ac1c19860d9663f', 'HEAD/16cfcc0b'],
    ['f'.repeat(150), 'f'.repeat(150)],
    ['ffffffffffffff', 'ffffffffffffff'],
    [
      'this is a lengthy string with a hash 16cfcc0b9066b3234dda29927ac1c19860d9663f in it',
      'this is a lengthy string with a hash 16cfcc0b in it',
    ],
    [
      'this is a lengthy string with a hash "c2448c95e262b10f9c1137bf1472f51c04dffca76966ff15eff409d0b300c0b0" in it',
      'this is a lengthy string with a hash "c2448c95" in it',
    ],
    [
      "a hash 'sha256:c2448c95e262b10f9c1137bf1472f51c04dffca76966ff15eff409d0b300c0b0' in it",
      "a hash 'sha256:c2448c95' in it",
    ],
    ['which should not be modified', 'which should not be modified'],
    ['', ''],
    ['main@sha1:696f056df216eea4f9401adbee0ff744d4df390f', 'main@sha1:696f056d'],
    // Upper-case hex is not a Flux digest and stays as it is.
    ['16CFCC0B9066B3234DDA29927AC1C19860D9663F', '16CFCC0B9066B3234DDA29927AC1C19860D9663F'],
  ])('%s', (input, want) => {
    expect(truncateHex(input)).toBe(want);
  });

  it('shortens every occurrence of a hit, as the CLI replaces them all', () => {
    const sha = '696f056df216eea4f9401adbee0ff744d4df390f';
    expect(truncateHex(`${sha} and ${sha}`)).toBe('696f056d and 696f056d');
    // An occurrence that is not a word of its own is shortened too, before the hit or after it.
    expect(truncateHex(`x${sha} then ${sha}`)).toBe('x696f056d then 696f056d');
    expect(truncateHex(`${sha} then ${sha}x`)).toBe('696f056d then 696f056dx');
    const other = '16cfcc0b9066b3234dda29927ac1c19860d9663f';
    expect(truncateHex(`from ${sha} to ${other}`)).toBe('from 696f056d to 16cfcc0b');
  });
});
