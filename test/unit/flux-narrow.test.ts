import { describe, expect, it } from 'vitest';
import { conditionStatus } from '../../src/flux/conditions.js';
import { generationObserved, isReconciling } from '../../src/flux/health.js';
import { readSpecRef } from '../../src/flux/kind-rules.js';
import { array, bool, field, isRecord, num, record, str, stringMap } from '../../src/flux/narrow.js';
import { refFromSpec } from '../../src/flux/status.js';
import type { Condition } from '../../src/flux/types.js';

describe('narrowing helpers', () => {
  const obj = JSON.parse(
    '{"a":{"b":"text","n":3,"inf":1e999,"t":true,"list":[1,2],"map":{"k":"v","x":1},"nil":null},"__proto__":{"polluted":"yes"}}',
  ) as unknown;

  it('reads typed values along a path', () => {
    expect(str(obj, 'a', 'b')).toBe('text');
    expect(num(obj, 'a', 'n')).toBe(3);
    expect(bool(obj, 'a', 't')).toBe(true);
    expect(array(obj, 'a', 'list')).toEqual([1, 2]);
    expect(record(obj, 'a', 'map')).toEqual({ k: 'v', x: 1 });
    expect(stringMap(obj, 'a', 'map')).toEqual({ k: 'v' });
    expect(field(obj, 'a', 'nil')).toBeNull();
  });

  it('reads the wrong type as absent', () => {
    expect(str(obj, 'a', 'n')).toBe('');
    expect(num(obj, 'a', 'b')).toBeUndefined();
    expect(num(obj, 'a', 'inf')).toBeUndefined();
    expect(bool(obj, 'a', 'b')).toBeUndefined();
    expect(array(obj, 'a', 'map')).toEqual([]);
    expect(record(obj, 'a', 'list')).toBeUndefined();
    expect(stringMap(obj, 'a', 'b')).toEqual({});
    expect(str(obj, 'a', 'b', 'deeper')).toBe('');
    expect(str(undefined, 'a')).toBe('');
    expect(str('string', 'length')).toBe('');
  });

  it('follows own properties only', () => {
    expect(field({}, 'constructor')).toBeUndefined();
    expect(field({}, 'toString')).toBeUndefined();
    expect(str(obj, 'polluted')).toBe('');
    expect(str(obj, '__proto__', 'polluted')).toBe('yes'); // an own key from JSON, read as data
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect('polluted' in {}).toBe(false);
  });

  it('tells records from arrays and null', () => {
    expect([{}, [], null, 'x', 1].map(isRecord)).toEqual([true, false, false, false, false]);
  });
});

describe('small derivation helpers', () => {
  it.each([
    ['True', 'True'],
    ['true', 'True'],
    ['FALSE', 'False'],
    ['Unknown', 'Unknown'],
    ['maybe', 'Unknown'],
    [true, 'Unknown'],
  ])('condition status %j → %s', (value, want) => {
    expect(conditionStatus(value)).toBe(want);
  });

  const c = (
    type: string,
    status: Condition['status'],
    reason = '',
    observedGeneration?: number,
  ): Condition => ({
    type,
    status,
    reason,
    message: '',
    lastTransitionTime: '',
    ...(observedGeneration === undefined ? {} : { observedGeneration }),
  });

  it('knows when a generation is observed', () => {
    const input = (generation: number, observedGeneration: number | undefined) => ({
      suspended: false,
      conditions: [],
      staticReady: false,
      generation,
      observedGeneration,
    });
    expect(generationObserved(input(3, 3), c('Ready', 'True', '', 3))).toBe(true);
    expect(generationObserved(input(3, 2), c('Ready', 'True'))).toBe(false);
    expect(generationObserved(input(3, 3), c('Ready', 'True', '', 2))).toBe(false);
    expect(generationObserved(input(0, 7), undefined)).toBe(true);
    expect(generationObserved(input(3, undefined), undefined)).toBe(true);
  });

  it('knows when a reconcile is in progress', () => {
    expect(isReconciling([c('Ready', 'Unknown')])).toBe(true);
    expect(isReconciling([c('Ready', 'False'), c('Reconciling', 'True', 'Progressing')])).toBe(true);
    expect(isReconciling([c('Ready', 'False'), c('Reconciling', 'True', 'ProgressingWithRetry')])).toBe(
      false,
    );
    expect(isReconciling([])).toBe(false);
  });

  it('reads spec references and resolves them', () => {
    const raw = {
      spec: {
        sourceRef: { kind: 'GitRepository', name: 'repo' },
        providerRef: { name: 'slack' },
        bad: { kind: 'X' },
      },
    };
    expect(readSpecRef(raw, ['spec', 'sourceRef'])).toEqual({
      kind: 'GitRepository',
      name: 'repo',
      namespace: '',
    });
    expect(readSpecRef(raw, ['spec', 'providerRef'], 'Provider')).toEqual({
      kind: 'Provider',
      name: 'slack',
      namespace: '',
    });
    expect(readSpecRef(raw, ['spec', 'bad'])).toBeUndefined();
    expect(readSpecRef(raw, ['spec', 'missing'])).toBeUndefined();
    expect(refFromSpec({ kind: 'GitRepository', name: 'repo', namespace: '' }, 'apps')).toEqual({
      kind: 'GitRepository',
      name: 'repo',
      namespace: 'apps',
    });
    expect(refFromSpec({ kind: 'Secret', name: 'x', namespace: 'y' }, 'apps')).toBeUndefined();
    expect(refFromSpec(undefined, 'apps')).toBeUndefined();
  });
});
