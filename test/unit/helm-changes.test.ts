import { describe, expect, it } from 'vitest';
import { changePair, helmChanges, type ReleaseContent, valueChanges } from '../../src/flux/helm-changes.js';
import { unifiedDiff } from '../../src/flux/line-diff.js';
import type { HelmReleaseRevision } from '../../src/flux/types.js';

const rev = (
  revision: number,
  status: string,
  chartVersion = '1.0.0',
  description = '',
): HelmReleaseRevision => ({
  releaseName: 'app',
  namespace: 'apps',
  revision,
  status,
  chartName: 'app',
  chartVersion,
  appVersion: '',
  description,
  firstDeployed: '',
  lastDeployed: '',
  secretName: `sh.helm.release.v1.app.v${revision}`,
});

const content = (revision: HelmReleaseRevision, values: unknown, manifest: string): ReleaseContent => ({
  revision,
  values,
  manifest,
});

describe('what a Helm upgrade changed', () => {
  it('compares the newest revision with the last good one, skipping the failed ones between', () => {
    const pair = changePair([
      rev(3, 'failed', '2.0.0', 'Upgrade "app" failed: timed out'),
      rev(2, 'failed', '2.0.0', 'Upgrade "app" failed: timed out'),
      rev(1, 'deployed'),
    ]);
    expect([pair?.from.revision, pair?.to.revision]).toEqual([1, 3]);
    expect(changePair([rev(1, 'deployed')])).toBeUndefined();
    // Healthy newest: against the one before it.
    const healthy = changePair([rev(1, 'superseded'), rev(2, 'deployed')]);
    expect([healthy?.from.revision, healthy?.to.revision]).toEqual([1, 2]);
  });

  it('lists changed value paths, and only says that a secret-looking value changed', () => {
    expect(
      valueChanges(
        { image: { tag: '1.0' }, db: { password: 'hunter2' }, gone: true },
        { image: { tag: '1.1' }, db: { password: 'swordfish' }, added: [1] },
      ),
    ).toEqual([
      { path: 'added[0]', to: '1' },
      { path: 'db.password', from: '<hidden>', to: '<hidden>' },
      { path: 'gone', from: 'true' },
      { path: 'image.tag', from: '"1.0"', to: '"1.1"' },
    ]);
    expect(valueChanges({ db: { password: 'same' } }, { db: { password: 'same' } })).toEqual([]);
  });

  it('sorts rendered objects into removed, added and changed (with a diff), never showing Secret data', () => {
    const before = [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: apps\ndata:\n  token: b2xk\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  namespace: apps\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  replicas: 1\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: apps\n',
    ].join('---\n');
    const after = [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: apps\ndata:\n  token: bmV3\n  extra: eA==\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n  namespace: apps\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: apps\nspec:\n  replicas: 3\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: apps\n',
    ].join('---\n');
    const c = helmChanges(content(rev(1, 'deployed'), {}, before), content(rev(2, 'failed'), {}, after));
    expect(c.objects.map((o) => [o.id, o.change])).toEqual([
      ['ConfigMap apps/old', 'removed'],
      ['ConfigMap apps/new', 'added'],
      ['Deployment apps/web', 'changed'],
      ['Secret apps/creds', 'changed'],
    ]);
    expect(c.unchanged).toBe(1);
    expect(c.objects[2]?.diff).toContain('-  replicas: 1');
    expect(c.objects[2]?.diff).toContain('+  replicas: 3');
    const secretDiff = (c.objects[3]?.diff ?? []).join('\n');
    expect(secretDiff).toContain('+  extra: <hidden>');
    expect(secretDiff).not.toMatch(/b2xk|bmV3|eA==/);
  });

  it('says so when a manifest is not YAML instead of failing', () => {
    const c = helmChanges(content(rev(1, 'deployed'), {}, 'a: [1'), content(rev(2, 'failed'), {}, ''));
    expect(c.manifestProblem).toMatch(/not valid YAML/);
    expect(c.objects).toEqual([]);
  });
});

describe('unified diff', () => {
  it('prints hunks with context and line numbers as diff -u does', () => {
    expect(unifiedDiff('a\nb\nc\nd\ne\nf\ng', 'a\nb\nc\nX\ne\nf\ng')).toEqual([
      '@@ -2,5 +2,5 @@',
      ' b',
      ' c',
      '-d',
      '+X',
      ' e',
      ' f',
    ]);
    expect(unifiedDiff('same', 'same')).toEqual([]);
  });
});
