import { describe, expect, it } from 'vitest';
import {
  applyJsonPatch,
  PatchApplyError,
  PatchSyntaxError,
  parseJsonPatch,
} from '../../src/sim/api/json-patch.js';
import { applyMergePatch } from '../../src/sim/api/merge-patch.js';
import { deepCopy } from '../../src/sim/deep.js';

const doc = () => ({
  metadata: { name: 'x', annotations: { 'a/b': '1', 'c~d': '2' } },
  spec: { list: [1, 2, 3], suspend: false },
});

const patch = (ops: unknown) => applyJsonPatch(doc(), parseJsonPatch(ops));

describe('JSON patch (RFC 6902)', () => {
  it('adds, removes and replaces, with ~0 and ~1 escapes and the - index', () => {
    expect(
      patch([
        { op: 'add', path: '/spec/list/-', value: 4 },
        { op: 'add', path: '/spec/list/0', value: 0 },
        { op: 'remove', path: '/metadata/annotations/a~1b' },
        { op: 'replace', path: '/metadata/annotations/c~0d', value: 'two' },
        { op: 'replace', path: '/spec/suspend', value: true },
      ]),
    ).toEqual({
      metadata: { name: 'x', annotations: { 'c~d': 'two' } },
      spec: { list: [0, 1, 2, 3, 4], suspend: true },
    });
  });

  it('moves and copies', () => {
    expect(
      patch([
        { op: 'copy', from: '/spec/list', path: '/spec/copy' },
        { op: 'move', from: '/spec/suspend', path: '/spec/paused' },
      ]),
    ).toEqual({
      metadata: doc().metadata,
      spec: { list: [1, 2, 3], copy: [1, 2, 3], paused: false },
    });
  });

  it('tests values and fails the whole patch when one test fails', () => {
    expect(patch([{ op: 'test', path: '/spec/list', value: [1, 2, 3] }])).toEqual(doc());
    expect(() => patch([{ op: 'test', path: '/spec/suspend', value: true }])).toThrow(PatchApplyError);
  });

  it('fails on missing paths and bad indexes', () => {
    expect(() => patch([{ op: 'remove', path: '/spec/nope' }])).toThrow(PatchApplyError);
    expect(() => patch([{ op: 'replace', path: '/spec/nope', value: 1 }])).toThrow(PatchApplyError);
    expect(() => patch([{ op: 'add', path: '/missing/child', value: 1 }])).toThrow(PatchApplyError);
    expect(() => patch([{ op: 'add', path: '/spec/list/9', value: 1 }])).toThrow(PatchApplyError);
    expect(() => patch([{ op: 'remove', path: '/spec/list/01' }])).toThrow(PatchApplyError);
  });

  it('rejects malformed documents as syntax errors', () => {
    expect(() => parseJsonPatch({ op: 'add' })).toThrow(PatchSyntaxError);
    expect(() => parseJsonPatch([{ op: 'frobnicate', path: '/x' }])).toThrow(PatchSyntaxError);
    expect(() => parseJsonPatch([{ op: 'add', path: '/x' }])).toThrow(PatchSyntaxError);
    expect(() => parseJsonPatch([{ op: 'move', path: '/x' }])).toThrow(PatchSyntaxError);
  });

  it('does not modify its input', () => {
    const input = doc();
    applyJsonPatch(input, parseJsonPatch([{ op: 'remove', path: '/spec' }]));
    expect(input).toEqual(doc());
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects, deletes with null, replaces arrays and scalars', () => {
    expect(
      applyMergePatch(doc(), {
        metadata: { annotations: { 'a/b': null, new: 'v' } },
        spec: { list: [9], suspend: true },
      }),
    ).toEqual({
      metadata: { name: 'x', annotations: { 'c~d': '2', new: 'v' } },
      spec: { list: [9], suspend: true },
    });
  });

  it('replaces a non-object target', () => {
    expect(applyMergePatch({ a: 'x' }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
    expect(applyMergePatch({ a: 1 }, ['whole'])).toEqual(['whole']);
  });
});

describe('hostile keys', () => {
  it('keeps a "__proto__" key as data in merge patches, JSON patches and copies', () => {
    const merged = applyMergePatch({ a: 1 }, JSON.parse('{"__proto__": {"polluted": true}}')) as object;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    const patched = applyJsonPatch(
      {},
      parseJsonPatch([{ op: 'add', path: '/__proto__', value: { polluted: true } }]),
    ) as object;
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(JSON.stringify(patched)).toBe('{"__proto__":{"polluted":true}}');
    const copy = deepCopy(JSON.parse('{"spec":{"__proto__":{"polluted":true}}}')) as { spec: object };
    expect(Object.getPrototypeOf(copy.spec)).toBe(Object.prototype);
    expect('polluted' in {}).toBe(false);
  });
});
