// Rows derived by the live store share the strings many rows repeat (src/kube/row-strings.ts): a row is
// the same row after, only its copies of recurring strings are the pool's.
import { describe, expect, it } from 'vitest';
import { deriveRow } from '../../src/flux/status.js';
import { internRowStrings } from '../../src/kube/row-strings.js';
import { StringPool } from '../../src/kube/string-pool.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');

function kustomization(name: string, source: string) {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: 'apps', resourceVersion: '3', uid: `uid-${name}`, generation: 2 },
    spec: {
      interval: '10m',
      path: `./${name}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: source, namespace: 'flux-system' },
      dependsOn: [{ name: 'infra' }],
    },
    status: {
      observedGeneration: 1,
      lastAppliedRevision: 'main@sha1:4f1c0d2e8a1b9c3d5e7f00112233445566778899',
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'BuildFailed',
          message: 'kustomize build failed: accumulating resources',
          lastTransitionTime: '2026-01-01T11:00:00Z',
          observedGeneration: 2,
        },
        { type: 'Reconciling', status: 'True', reason: 'ProgressingWithRetry', message: 'retrying' },
      ],
    },
  };
}

describe('rows sharing their recurring strings', () => {
  it('leaves every row as it was derived', () => {
    const pool = new StringPool();
    for (const name of ['a', 'b', 'c']) {
      const raw = kustomization(name, 'repo');
      const row = deriveRow('Kustomization', raw, NOW);
      if (!row) throw new Error('no row');
      expect(internRowStrings(row, pool.intern)).toBe(row);
      expect(row).toEqual(deriveRow('Kustomization', raw, NOW));
    }
    // apiVersion, kinds, namespaces, reasons, messages … once each, not once per row.
    const once = pool.size;
    internRowStrings(deriveRow('Kustomization', kustomization('d', 'repo'), NOW) as never, pool.intern);
    expect(pool.size).toBe(once + 1);
  });
});
