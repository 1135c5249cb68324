// The order `status` asks for the kinds in, and that the listings come back in catalog order whatever it.
import { describe, expect, it } from 'vitest';
import { KIND_NAMES, type KindName } from '../../src/flux/kinds.js';
import { type KindListing, listInOrder, requestOrder } from '../../src/kube/one-shot.js';

describe('the one-shot read order', () => {
  it('asks for Kustomizations and HelmReleases last, every other kind in catalog order', () => {
    const order = requestOrder(KIND_NAMES);
    expect(order.slice(-2)).toEqual(['Kustomization', 'HelmRelease']);
    expect(order.slice(0, -2)).toEqual(
      KIND_NAMES.filter((k) => k !== 'Kustomization' && k !== 'HelmRelease'),
    );
    expect(new Set(order)).toEqual(new Set(KIND_NAMES));
  });

  it('starts every listing at once in that order and hands them back in the order of the kinds', async () => {
    const asked: KindName[] = [];
    const list = (kind: KindName): Promise<KindListing> => {
      asked.push(kind);
      return Promise.resolve({ kind, state: 'not-installed', message: `${kind} is not installed` });
    };
    const kinds: KindName[] = ['Kustomization', 'GitRepository', 'HelmRelease', 'Bucket'];
    const listings = listInOrder(kinds, list);
    expect(asked).toEqual(['GitRepository', 'Bucket', 'Kustomization', 'HelmRelease']);
    expect((await Promise.all(listings)).map((l) => l.kind)).toEqual(kinds);
  });
});
