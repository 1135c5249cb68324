import { describe, expect, it } from 'vitest';
import {
  errorFromNetwork,
  errorFromResponse,
  forbiddenScope,
  parseForbidden,
} from '../../src/kube/errors.js';

const ctx = {
  server: 'https://127.0.0.1:6443',
  user: 'jane',
  verb: 'list',
  resource: 'helmreleases.helm.toolkit.fluxcd.io',
};

describe('API errors in words', () => {
  it('says who was refused what, from the Forbidden Status', () => {
    const status = {
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      message:
        'helmreleases.helm.toolkit.fluxcd.io is forbidden: User "jane" cannot list resource "helmreleases" in API group "helm.toolkit.fluxcd.io" in the namespace "apps"',
    };
    const error = errorFromResponse(403, status, { ...ctx, namespace: 'apps', collection: true });
    expect(error.reason).toBe('forbidden');
    expect(error.message).toBe(
      'forbidden: User "jane" cannot list resource "helmreleases" in API group "helm.toolkit.fluxcd.io" in the namespace "apps"',
    );
    expect(error.forbidden).toEqual({
      user: 'jane',
      verb: 'list',
      resource: 'helmreleases',
      group: 'helm.toolkit.fluxcd.io',
      namespace: 'apps',
    });
  });

  it('parses cluster-scoped refusals without a namespace', () => {
    expect(parseForbidden('User "system:anonymous" cannot watch resource "pods"')).toEqual({
      user: 'system:anonymous',
      verb: 'watch',
      resource: 'pods',
      group: '',
      namespace: '',
    });
  });

  it('tells the user to log in again on 401', () => {
    const error = errorFromResponse(401, { message: 'Unauthorized' }, ctx);
    expect(error.reason).toBe('unauthorized');
    expect(error.message).toBe(
      'the API server rejected the credentials of user jane (401 Unauthorized): log in again or refresh the token',
    );
  });

  it('tells a missing CRD (404 on a collection) from a missing object', () => {
    expect(errorFromResponse(404, undefined, { ...ctx, collection: true }).reason).toBe('not-installed');
    const notFound = {
      kind: 'Status',
      reason: 'NotFound',
      message: 'helmreleases.helm.toolkit.fluxcd.io "kyverno" not found',
      details: { name: 'kyverno', kind: 'helmreleases' },
      code: 404,
    };
    const error = errorFromResponse(404, notFound, { ...ctx, verb: 'get', name: 'kyverno' });
    expect(error.reason).toBe('not-found');
    expect(error.message).toBe('helmreleases.helm.toolkit.fluxcd.io "kyverno" not found');
  });

  it('maps conflict, gone and server errors', () => {
    expect(errorFromResponse(409, { message: 'the object has been modified' }, ctx).reason).toBe('conflict');
    expect(errorFromResponse(410, { message: 'too old resource version: 1 (5)' }, ctx).reason).toBe('gone');
    const error = errorFromResponse(503, { message: 'etcd is down' }, ctx);
    expect(error.reason).toBe('server');
    expect(error.message).toBe('the API server at https://127.0.0.1:6443 answered 503: etcd is down');
  });

  it('strips terminal control sequences from what the server said', () => {
    const error = errorFromResponse(409, { message: 'evil \u001b]52;c;aGk=\u0007text\u001b[31m red' }, ctx);
    expect(error.message).toBe('evil text red');
  });

  it('says a network failure in words, never with a stack', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
    const error = errorFromNetwork(refused, ctx);
    expect(error.reason).toBe('unreachable');
    expect(error.message).toBe('cannot reach the API server at https://127.0.0.1:6443: connection refused');
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(errorFromNetwork(tls, ctx).message).toMatch(
      /TLS verification failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    );
    expect(errorFromNetwork(new DOMException('x', 'AbortError'), ctx).reason).toBe('aborted');
    expect(errorFromNetwork(Object.assign(new Error('t'), { code: 'KUBE_TIMEOUT' }), ctx).reason).toBe(
      'timeout',
    );
  });
});

describe('forbiddenScope', () => {
  it('names the namespace the server named, else the cluster scope', () => {
    const inFluxSystem = errorFromResponse(
      403,
      {
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message:
          'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "flux-system"',
        details: { kind: 'pods' },
      },
      { ...ctx, resource: 'pods', namespace: 'flux-system', collection: true },
    );
    expect(inFluxSystem.forbidden && forbiddenScope(inFluxSystem.forbidden)).toBe('in namespace flux-system');
    const cluster = errorFromResponse(
      403,
      {
        kind: 'Status',
        code: 403,
        reason: 'Forbidden',
        message:
          'kustomizations.kustomize.toolkit.fluxcd.io is forbidden: User "jane" cannot list resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" at the cluster scope',
      },
      { ...ctx, collection: true },
    );
    expect(cluster.forbidden && forbiddenScope(cluster.forbidden)).toBe('at the cluster scope');
  });
});
