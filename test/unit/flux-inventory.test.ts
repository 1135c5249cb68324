import { describe, expect, it } from 'vitest';
import {
  formatFluxTree,
  type InventoryObject,
  inventoryFluxRef,
  parseInventoryId,
  readInventory,
} from '../../src/flux/inventory.js';
import { str } from '../../src/flux/narrow.js';
import { FLUX_TESTDATA, goldenObjects, goldenText, kindOf, substitute } from './flux-golden.js';

describe('parseInventoryId (cli-utils ParseObjMetadata)', () => {
  it.each([
    ['default_podinfo__Service', { namespace: 'default', name: 'podinfo', group: '', kind: 'Service' }],
    ['_flux-system__Namespace', { namespace: '', name: 'flux-system', group: '', kind: 'Namespace' }],
    [
      'flux-system_helm-controller_apps_Deployment',
      { namespace: 'flux-system', name: 'helm-controller', group: 'apps', kind: 'Deployment' },
    ],
    [
      '_system__aggregate-to-edit_rbac.authorization.k8s.io_ClusterRole',
      {
        namespace: '',
        name: 'system:aggregate-to-edit',
        group: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
      },
    ],
    ['default_a__b__Service', { namespace: 'default', name: 'a:b', group: '', kind: 'Service' }],
  ])('%s', (id, want) => {
    expect(parseInventoryId(id)).toEqual(want);
  });

  it.each([[''], ['noseparator'], ['ns_name'], ['ns_na_me_group_Kind'], ['ns__group_'], ['___']])(
    'rejects %j',
    (id) => {
      expect(parseInventoryId(id)).toBeUndefined();
    },
  );
});

describe('inventory of testdata/tree/kustomizations.yaml', () => {
  const objects = goldenObjects(`${FLUX_TESTDATA}tree/kustomizations.yaml`);
  const lookup = (obj: InventoryObject) =>
    objects.find(
      (o) =>
        kindOf(o) === obj.kind &&
        str(o, 'metadata', 'name') === obj.name &&
        str(o, 'metadata', 'namespace') === obj.namespace,
    );
  const ks = (name: string): InventoryObject => ({
    kind: 'Kustomization',
    group: 'kustomize.toolkit.fluxcd.io',
    namespace: 'flux-system',
    name,
  });

  it('reads entries and finds the Flux objects among them', () => {
    const entries = readInventory(lookup(ks('flux-system')));
    expect(entries).toHaveLength(7);
    expect(entries[0]).toEqual({
      namespace: '',
      name: 'flux-system',
      group: '',
      kind: 'Namespace',
      version: 'v1',
    });
    expect(entries.map(inventoryFluxRef).filter((r) => r !== undefined)).toEqual([
      { kind: 'Kustomization', namespace: 'flux-system', name: 'infrastructure' },
      { kind: 'GitRepository', namespace: 'flux-system', name: 'flux-system' },
    ]);
    expect(readInventory(lookup(ks('empty')))).toEqual([]);
  });

  // flux tree prints the tree with Println, hence the extra newline after it.
  it.each([
    ['tree.golden', 'flux-system', false],
    ['tree-compact.golden', 'flux-system', true],
    ['tree-empty.golden', 'empty', false],
  ] as const)('%s', (golden, name, compact) => {
    expect(`${formatFluxTree(ks(name), lookup, { compact })}\n`).toBe(
      substitute(goldenText(`${FLUX_TESTDATA}tree/${golden}`)),
    );
  });

  it('stops on cycles and tolerates hostile entries', () => {
    const loop = {
      status: { inventory: { entries: [{ id: 'ns_a_kustomize.toolkit.fluxcd.io_Kustomization', v: 'v1' }] } },
    };
    const out = formatFluxTree(
      { kind: 'Kustomization', group: 'kustomize.toolkit.fluxcd.io', namespace: 'ns', name: 'a' },
      () => loop,
    );
    expect(out).toBe('Kustomization/ns/a\n└── Kustomization/ns/a\n');
    expect(
      readInventory({
        status: { inventory: { entries: [null, { id: 5 }, { id: 'ns_x\x1b[31m__Service', v: ['v1'] }] } },
      }),
    ).toEqual([{ namespace: 'ns', name: 'x', group: '', kind: 'Service', version: '' }]);
    expect(readInventory(undefined)).toEqual([]);
  });
});
