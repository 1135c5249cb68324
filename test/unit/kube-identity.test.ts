import { describe, expect, it } from 'vitest';
import { actor } from '../../src/actions/plan-common.js';
import { KubeError } from '../../src/kube/errors.js';
import { fallbackIdentity, identityLabel, lookupIdentity } from '../../src/kube/identity.js';
import type { HttpRequest } from '../../src/kube/transport.js';

type Answer = unknown | KubeError;

/** A transport that answers each SelfSubjectReview version from a table and records what was asked. */
function transport(answers: Readonly<Record<string, Answer>>, userName = 'kind-kind') {
  const asked: string[] = [];
  return {
    asked,
    userName,
    async request(request: HttpRequest): Promise<unknown> {
      asked.push(`${request.method} ${request.path}`);
      const version = request.path.split('/')[3] ?? '';
      const answer = answers[version] ?? new KubeError('not-installed', 'not served', 404);
      if (answer instanceof KubeError) throw answer;
      return answer;
    },
  };
}

const review = (username: unknown) => ({
  kind: 'SelfSubjectReview',
  status: { userInfo: { username, groups: ['system:authenticated'] } },
});

describe('who acts: SelfSubjectReview first, the kubeconfig user name labelled as such otherwise', () => {
  it('takes the name the server authenticated from v1', async () => {
    const t = transport({ v1: review('alice@example.com') });
    expect(await lookupIdentity(t)).toEqual({
      identity: { name: 'alice@example.com', source: 'server' },
      final: true,
    });
    expect(t.asked).toEqual(['POST /apis/authentication.k8s.io/v1/selfsubjectreviews']);
  });

  it('falls back version by version on 404: v1, then v1beta1, then v1alpha1', async () => {
    const beta = transport({ v1beta1: review('bob') });
    expect((await lookupIdentity(beta)).identity).toEqual({ name: 'bob', source: 'server' });
    const alpha = transport({ v1alpha1: review('carol') });
    expect((await lookupIdentity(alpha)).identity).toEqual({ name: 'carol', source: 'server' });
    expect(alpha.asked).toEqual([
      'POST /apis/authentication.k8s.io/v1/selfsubjectreviews',
      'POST /apis/authentication.k8s.io/v1beta1/selfsubjectreviews',
      'POST /apis/authentication.k8s.io/v1alpha1/selfsubjectreviews',
    ]);
  });

  it('uses the kubeconfig user name when no version is served, and says so', async () => {
    const found = await lookupIdentity(transport({}));
    expect(found).toEqual({ identity: { name: 'kind-kind', source: 'kubeconfig' }, final: true });
    expect(identityLabel(found.identity)).toBe('kind-kind (kubeconfig user name)');
  });

  it('does not try older versions when the review is forbidden; asks again later when unreachable', async () => {
    const denied = transport({ v1: new KubeError('forbidden', 'forbidden', 403) });
    expect(await lookupIdentity(denied)).toEqual({
      identity: { name: 'kind-kind', source: 'kubeconfig' },
      final: true,
    });
    expect(denied.asked).toHaveLength(1);
    const down = transport({ v1: new KubeError('unreachable', 'connection refused') });
    expect((await lookupIdentity(down)).final).toBe(false);
    const busy = transport({ v1: new KubeError('server', 'answered 503', 503) });
    expect((await lookupIdentity(busy)).final).toBe(false);
  });

  it('an answer without a user name, or with control characters, never becomes the actor as sent', async () => {
    expect((await lookupIdentity(transport({ v1: review('') }))).identity.source).toBe('kubeconfig');
    expect((await lookupIdentity(transport({ v1: review('eve\u001b[31m') }))).identity.name).toBe('eve');
  });

  it('without a kubeconfig user entry, the login name is labelled as the local name', () => {
    expect(identityLabel(fallbackIdentity('', { USER: 'dave' }))).toBe('dave (local login name)');
    expect(identityLabel(fallbackIdentity('', {}))).toBe('unknown (local login name)');
  });

  it('actions act as the authenticated user when the port knows it, else as the labelled kubeconfig name', () => {
    const info = {
      context: 'kind-kind',
      cluster: 'kind-kind',
      server: 'https://127.0.0.1:6443',
      user: 'kind-kind',
      namespace: undefined,
      kubeconfigPath: undefined,
    };
    expect(actor({ ...info, identity: { name: 'kubernetes-admin', source: 'server' } })).toBe(
      'kubernetes-admin',
    );
    expect(actor(info, {})).toBe('kind-kind (kubeconfig user name)');
  });
});
