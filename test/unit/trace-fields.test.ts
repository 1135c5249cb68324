// The fields flux trace prints under each Flux object, read from the objects as flux2's trace goldens have
// them: the reference a source follows (tag, a semver range shown as Tag, branch, digest), a Kustomization's
// target and path, a chart and version, an OCI artifact's origin.
import { describe, expect, it } from 'vitest';
import { traceFields } from '../../src/flux/trace-fields.js';

const text = (kind: string, raw: unknown) => traceFields(kind, raw).map((f) => `${f.label}=${f.value}`);

describe('traceFields', () => {
  it('names the reference a Git source follows as flux trace does: Tag, a semver range as Tag, else Branch', () => {
    const url = 'https://github.com/stefanprodan/podinfo';
    expect(text('GitRepository', { spec: { url, ref: { branch: 'main' } } })).toEqual([
      `URL=${url}`,
      'Branch=main',
    ]);
    expect(text('GitRepository', { spec: { url, ref: { tag: '6.0.0', branch: 'main' } } })).toEqual([
      `URL=${url}`,
      'Tag=6.0.0',
    ]);
    expect(text('GitRepository', { spec: { url, ref: { semver: '>=6.0.0' } } })).toEqual([
      `URL=${url}`,
      'Tag=>=6.0.0',
    ]);
  });

  it('gives an OCI artifact its digest and the origin its producer recorded', () => {
    const raw = {
      spec: { url: 'oci://ghcr.io/acme/manifests', ref: { digest: 'sha256:abc' } },
      status: {
        artifact: {
          metadata: {
            'org.opencontainers.image.source': 'https://github.com/acme/fleet',
            'org.opencontainers.image.revision': 'main@sha1:0123',
          },
        },
      },
    };
    expect(text('OCIRepository', raw)).toEqual([
      'URL=oci://ghcr.io/acme/manifests',
      'Digest=sha256:abc',
      'Origin Source=https://github.com/acme/fleet',
      'Origin Revision=main@sha1:0123',
    ]);
  });

  it('says where a Kustomization applies and what a HelmChart is; nothing for missing fields or other kinds', () => {
    expect(text('Kustomization', { spec: { targetNamespace: 'apps', path: './deploy' } })).toEqual([
      'Target=apps',
      'Path=./deploy',
    ]);
    expect(text('HelmChart', { spec: { chart: 'podinfo', version: '6.x' } })).toEqual([
      'Chart=podinfo',
      'Version=6.x',
    ]);
    expect(text('Kustomization', {})).toEqual([]);
    expect(text('Alert', { spec: { url: 'x' } })).toEqual([]);
  });

  it('strips what a terminal would act on', () => {
    expect(text('HelmRepository', { spec: { url: 'https://charts\u001b[2J.example' } })).toEqual([
      'URL=https://charts.example',
    ]);
  });
});
