import { describe, expect, it } from 'vitest';
import { findKind, KIND_NAMES, KINDS, kindInfo } from '../../src/flux/kinds.js';

describe('kinds catalog', () => {
  it('has one entry per kind name, with unique plurals and short names', () => {
    expect(KINDS.map((k) => k.kind)).toEqual([...KIND_NAMES]);
    const words = KINDS.flatMap((k) => [k.plural, k.singular, ...k.shortNames]);
    expect(new Set(words).size).toBe(words.length);
  });

  it('resolves what a user types to a kind', () => {
    expect(findKind('hr')?.kind).toBe('HelmRelease');
    expect(findKind('KS')?.kind).toBe('Kustomization');
    expect(findKind('gitrepositories')?.kind).toBe('GitRepository');
    expect(findKind('ocirepo')?.kind).toBe('OCIRepository');
    expect(findKind('nope')).toBeUndefined();
  });

  it('lists the newest served version first and an older Flux version for fallback', () => {
    expect(kindInfo('HelmRelease').versions[0]).toBe('v2');
    expect(kindInfo('HelmRelease').legacyVersions).toEqual(['v2beta2']);
    for (const k of KINDS) {
      for (const v of k.legacyVersions) expect(k.versions).toContain(v);
    }
  });
});
