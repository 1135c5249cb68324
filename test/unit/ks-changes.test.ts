import { describe, expect, it } from 'vitest';
import { readInventory } from '../../src/flux/inventory.js';
import { kustomizationChanges } from '../../src/flux/ks-changes.js';
import { ksChangesLines } from '../../src/present/changes-lines.js';

const ks = (applied: string, attempted: string, ids: string[]) => ({
  status: {
    lastAppliedRevision: applied,
    lastAttemptedRevision: attempted,
    inventory: { entries: ids.map((id) => ({ id, v: 'v1' })) },
  },
});

describe("a Kustomization's changes", () => {
  it('says the attempted revision failed when it is not the applied one', () => {
    const c = kustomizationChanges(
      ks('main@sha1:aaa', 'main@sha1:bbb', ['apps_web_apps_Deployment']),
      undefined,
    );
    expect(c.attemptFailed).toBe(true);
    const text = ksChangesLines({
      changes: c,
      source: undefined,
      sourceKey: undefined,
      baselineAge: undefined,
      width: 100,
    })
      .map((l) => l.text)
      .join('\n');
    expect(text).toContain('last attempted  main@sha1:bbb   (not applied)');
    expect(text).toContain('The change from main@sha1:aaa to main@sha1:bbb is what fails');
    expect(text).toContain('Deployment apps/web');
    expect(text).toContain('Flux keeps no history of inventories');
  });

  it('lists inventory objects added and removed since the baseline', () => {
    const before = readInventory(ks('r1', 'r1', ['apps_web_apps_Deployment', 'apps_old__ConfigMap']));
    const c = kustomizationChanges(
      ks('r2', 'r2', ['apps_web_apps_Deployment', 'apps_new__ConfigMap']),
      before,
    );
    expect(c.attemptFailed).toBe(false);
    expect(c.added).toEqual(['ConfigMap apps/new']);
    expect(c.removed).toEqual(['ConfigMap apps/old']);
    const text = ksChangesLines({
      changes: c,
      source: undefined,
      sourceKey: undefined,
      baselineAge: '3m ago',
      width: 100,
    })
      .map((l) => l.text)
      .join('\n');
    expect(text).toContain('since 3m ago:');
    expect(text).toContain('+ ConfigMap apps/new');
    expect(text).toContain('- ConfigMap apps/old');
  });
});
