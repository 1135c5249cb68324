// The workloads of `status` and `report` are judged once the owners (Kustomizations, HelmReleases) are
// listed, not once every kind is: the inventories are ready as soon as the owner kinds have passed.
import { describe, expect, it } from 'vitest';
import type { KindListing } from '../../src/kube/one-shot.js';
import { ownerInventories } from '../../src/kube/workload-once.js';

const ks: KindListing = {
  kind: 'Kustomization',
  state: 'listed',
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  items: [
    {
      metadata: { name: 'apps', namespace: 'flux-system' },
      status: {
        inventory: {
          entries: [
            { id: 'apps_api_apps_Deployment', v: 'v1' },
            { id: 'apps_api__Service', v: 'v1' },
          ],
        },
      },
    },
  ],
};
const hr: KindListing = { kind: 'HelmRelease', state: 'forbidden', message: 'forbidden' };
const git: KindListing = { kind: 'GitRepository', state: 'listed', apiVersion: 'v1', items: [] };

const settled = async (p: Promise<unknown>) =>
  Promise.race([
    p.then(
      () => 'resolved',
      () => 'rejected',
    ),
    new Promise((r) => setImmediate(() => r('pending'))),
  ]);

describe('ownerInventories', () => {
  it('is ready once both owner kinds have passed, listed or not, before the other kinds', async () => {
    const owners = ownerInventories(['Kustomization', 'HelmRelease', 'GitRepository']);
    const ready = owners.ready(new Promise(() => undefined));
    owners.take(ks);
    expect(await settled(ready)).toBe('pending');
    owners.take(hr);
    expect(await ready).toEqual([
      {
        key: 'Kustomization/flux-system/apps',
        entries: [{ kind: 'Deployment', namespace: 'apps', name: 'api' }],
      },
    ]);
    owners.take(git);
  });

  it('follows the listing when it ends first, failure included', async () => {
    const owners = ownerInventories(['Kustomization', 'HelmRelease']);
    await expect(owners.ready(Promise.reject(new Error('connection lost')))).rejects.toThrow(
      'connection lost',
    );
    const none = ownerInventories(['GitRepository']);
    expect(await none.ready(new Promise(() => undefined))).toEqual([]);
  });
});
