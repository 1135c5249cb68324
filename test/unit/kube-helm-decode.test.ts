import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeHelmReleaseData } from '../../src/kube/helm-decode.js';

// Helm release Secrets in Helm's and the API's encoding (test/fixtures/README.md).
const STORAGE = new URL('../fixtures/synthetic/helm-storage/', import.meta.url);

describe("Helm's storage encoding", () => {
  it('decodes real storage Secrets (base64 of base64 of gzip of JSON)', () => {
    const list = JSON.parse(readFileSync(new URL('secrets.list.json', STORAGE), 'utf8')) as {
      items: { data: { release: string } }[];
    };
    const expected = JSON.parse(readFileSync(new URL('decoded-releases.json', STORAGE), 'utf8')) as unknown[];
    expect(list.items.map((s) => decodeHelmReleaseData(s.data.release))).toEqual(expected);
  });

  it('reads older uncompressed releases too', () => {
    const release = { name: 'old', version: 1, info: { status: 'deployed' } };
    const helm = Buffer.from(JSON.stringify(release)).toString('base64');
    expect(decodeHelmReleaseData(Buffer.from(helm).toString('base64'))).toEqual(release);
    const gz = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
    expect(decodeHelmReleaseData(Buffer.from(gz).toString('base64'))).toEqual(release);
  });

  it('gives undefined for anything that is not a release', () => {
    expect(decodeHelmReleaseData('not base64 at all!')).toBeUndefined();
    expect(
      decodeHelmReleaseData(Buffer.from(Buffer.from('{broken').toString('base64')).toString('base64')),
    ).toBeUndefined();
  });
});
