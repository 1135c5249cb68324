// Does the HelmRelease still ask for the chart and values its failed upgrade used? (decides whether `b`
// opens with "leave suspended" on.)
import { describe, expect, it } from 'vitest';
import { valuesFingerprint } from '../../src/flux/helm.js';
import {
  chartSourceRef,
  compareWithFailed,
  desiredChartVersion,
  failedAttempt,
} from '../../src/flux/helm-desired.js';
import type { HelmReleaseRevision } from '../../src/flux/types.js';

const rev = (
  revision: number,
  status: string,
  description: string,
  chartVersion: string,
  values: unknown = { replicas: 2 },
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
  valuesDigest: valuesFingerprint(values),
});

const history = [
  rev(4, 'failed', 'Rollback "app" failed: webhook', '1.0.0'),
  rev(3, 'superseded', 'Upgrade "app" failed: webhook', '2.0.0'),
  rev(2, 'deployed', 'Upgrade complete', '1.0.0'),
];

const hr = (spec: Record<string, unknown>) => ({
  metadata: { name: 'app', namespace: 'apps' },
  spec: { chart: { spec: { chart: 'app', sourceRef: { kind: 'HelmRepository', name: 'r' } } }, ...spec },
});
const pinned = (version: string, values: unknown = { replicas: 2 }) =>
  hr({ chart: { spec: { chart: 'app', version } }, values });
const artifact = (revision: string) => ({ status: { artifact: { revision } } });

describe('failedAttempt', () => {
  it('is the newest failed upgrade, skipping a failed rollback (it carries the old chart)', () => {
    expect(failedAttempt(history)?.revision).toBe(3);
    expect(failedAttempt([rev(1, 'failed', 'Release "app" failed: x', '1.0.0')])?.revision).toBe(1);
    expect(failedAttempt([rev(2, 'deployed', 'Upgrade complete', '1.0.0')])).toBeUndefined();
  });
});

describe('desiredChartVersion', () => {
  it.each([
    [pinned('2.0.0'), undefined, '2.0.0'],
    [pinned('v2.0.1'), undefined, '2.0.1'],
    [pinned('>=2.0.0'), artifact('2.3.0'), '2.3.0'],
    [pinned('*'), artifact('2.3.0+abcdef'), '2.3.0'],
    [hr({ chartRef: { kind: 'OCIRepository', name: 'app' } }), artifact('2.4.0@sha256:0123'), '2.4.0'],
    [pinned('2.x'), undefined, undefined],
    [pinned('2.x'), artifact('main@sha1:abc'), undefined],
  ])('%#', (object, source, want) => {
    expect(desiredChartVersion(object, source)).toBe(want);
  });

  it('reads the chart from the chartRef source, else the HelmChart the controller made', () => {
    expect(chartSourceRef(hr({ chartRef: { kind: 'OCIRepository', name: 'app' } }))).toEqual({
      kind: 'OCIRepository',
      name: 'app',
      namespace: 'apps',
    });
    expect(chartSourceRef(pinned('1.0.0'))).toEqual({
      kind: 'HelmChart',
      name: 'apps-app',
      namespace: 'apps',
    });
  });
});

describe('compareWithFailed', () => {
  it.each([
    ['same chart, same values (keys in another order)', pinned('2.0.0', { replicas: 2 }), 'same'],
    ['chart fixed in Git', pinned('2.0.1'), 'changed'],
    ['values fixed in Git', pinned('2.0.0', { replicas: 3 }), 'changed'],
    [
      'values from ConfigMaps',
      {
        ...pinned('2.0.0'),
        spec: { ...pinned('2.0.0').spec, valuesFrom: [{ kind: 'ConfigMap', name: 'v' }] },
      },
      'unknown',
    ],
    ['range, chart source unreadable', pinned('2.x'), 'unknown'],
  ])('%s → %s', (_n, object, verdict) => {
    expect(compareWithFailed(object, undefined, history).verdict).toBe(verdict);
  });

  it('says what it compared', () => {
    expect(compareWithFailed(pinned('2.0.0'), undefined, history).why).toBe(
      'Git still asks for app 2.0.0 with the values that failed in revision 3',
    );
    expect(compareWithFailed(pinned('2.0.1'), undefined, history).why).toBe(
      'Git now asks for chart 2.0.1; revision 3 failed with app 2.0.0',
    );
    expect(compareWithFailed(pinned('2.x'), undefined, history).why).toBe(
      'cannot tell whether Git changed since revision 3 failed (the chart version Git asks for is not known yet)',
    );
    expect(compareWithFailed(pinned('2.0.0'), undefined, history.slice(2)).verdict).toBe('unknown');
  });
});
