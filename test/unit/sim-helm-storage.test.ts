// Helm release Secrets as the simulator writes them, checked against hand-made fixtures encoded exactly as
// Helm and the API encode them (test/fixtures/synthetic/helm-storage).
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeReleaseData,
  decodeReleaseSecret,
  encodeReleaseBytes,
  type HelmRelease,
  newRelease,
  releaseSecret,
  releaseSecretName,
} from '../../src/sim/helm-storage.js';
import { goldenText } from './flux-golden.js';

interface GoldenSecret {
  type: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  data: { release: string };
}

const secrets = (
  JSON.parse(goldenText('synthetic/helm-storage/secrets.list.json')) as { items: GoldenSecret[] }
).items;
const decoded = JSON.parse(goldenText('synthetic/helm-storage/decoded-releases.json')) as HelmRelease[];

describe('Helm release storage', () => {
  it('decodes the golden Secrets (base64 twice, gunzip, JSON) to the golden releases', () => {
    expect(secrets.map((s) => decodeReleaseSecret(s))).toEqual(decoded);
  });

  it('writes the same Secret Helm writes for each golden release: name, type, labels, decodable data', () => {
    for (const [i, golden] of secrets.entries()) {
      const release = decoded[i] as HelmRelease;
      const mine = releaseSecret(release, { modifiedAt: Number(golden.metadata.labels['modifiedAt']) });
      expect(mine.type).toBe(golden.type);
      expect(mine.metadata).toEqual(golden.metadata);
      expect(decodeReleaseData(mine.data.release)).toEqual(release);
    }
  });

  it('encodes like Go: gzip with zero mtime, best compression, OS unknown, then base64, then base64 again', () => {
    const release = decoded[1] as HelmRelease;
    const data = releaseSecret(release, { createdAt: 1_767_225_600 }).data.release;
    const helmBytes = Buffer.from(data, 'base64').toString('utf8');
    expect(helmBytes).toBe(encodeReleaseBytes(release));
    const gz = Buffer.from(helmBytes, 'base64');
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0x02, 0xff]);
    expect(JSON.parse(gunzipSync(gz).toString('utf8'))).toEqual(release);
    // The golden's first base64 layer starts the same way (H4sI… is the gzip magic in base64).
    expect(
      Buffer.from(secrets[0]?.data.release ?? '', 'base64')
        .toString('utf8')
        .slice(0, 4),
    ).toBe(helmBytes.slice(0, 4));
  });

  it('labels a new revision with createdAt and a rewritten one with modifiedAt only, as the Secrets driver does', () => {
    const release = decoded[2] as HelmRelease;
    expect(Object.keys(releaseSecret(release, { createdAt: 10.7 }).metadata.labels).sort()).toEqual([
      'createdAt',
      'name',
      'owner',
      'status',
      'version',
    ]);
    expect(releaseSecret(release, { createdAt: 10.7 }).metadata.labels['createdAt']).toBe('10');
    expect(releaseSecret(release, { modifiedAt: 20 }).metadata.labels).toEqual({
      modifiedAt: '20',
      name: 'podinfo',
      owner: 'helm',
      status: 'pending-upgrade',
      version: '3',
    });
    expect(releaseSecretName('kyverno', 8)).toBe('sh.helm.release.v1.kyverno.v8');
  });

  it('round-trips a release it builds, compressed or not (Helm reads both), into another storage namespace', () => {
    const release = newRelease({
      name: 'kyverno',
      namespace: 'kyverno',
      version: 4,
      status: 'deployed',
      description: 'Upgrade complete',
      chart: {
        name: 'kyverno',
        version: '3.2.6',
        appVersion: 'v1.12.5',
        description: 'Kubernetes Native Policy Management',
      },
      config: { admissionController: { replicas: 3 } },
      firstDeployed: '2026-01-01T10:00:00Z',
      lastDeployed: '2026-01-05T10:00:00Z',
    });
    const gz = releaseSecret(release, { createdAt: 1 }, 'helm-storage');
    const plain = releaseSecret(release, { createdAt: 1 }, 'helm-storage', false);
    expect(gz.metadata.namespace).toBe('helm-storage');
    expect(decodeReleaseSecret(gz)).toEqual(release);
    expect(decodeReleaseSecret(plain)).toEqual(release);
    expect(Buffer.from(Buffer.from(plain.data.release, 'base64').toString(), 'base64').toString()[0]).toBe(
      '{',
    );
  });

  it('reads garbage as no release instead of throwing', () => {
    for (const bad of [
      undefined,
      null,
      42,
      '',
      'not base64 !!',
      Buffer.from('{"x":1}').toString('base64'),
      { data: 'x' },
    ]) {
      expect(typeof bad === 'object' ? decodeReleaseSecret(bad) : decodeReleaseData(bad)).toBeUndefined();
    }
  });
});
