import { describe, expect, it } from 'vitest';
import { parseFieldSelector, parseLabelSelector } from '../../src/sim/api/selectors.js';
import { ApiError } from '../../src/sim/api/status-errors.js';
import { ResourceRegistry } from '../../src/sim/resources.js';
import type { SimObject } from '../../src/sim/types.js';

const registry = new ResourceRegistry('current');
const events = registry.byId('events') ?? expect.unreachable();
const helmReleases = registry.byId('helm.toolkit.fluxcd.io/helmreleases') ?? expect.unreachable();

function obj(
  name: string,
  labels: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): SimObject {
  return {
    apiVersion: 'v1',
    kind: 'X',
    metadata: {
      name,
      namespace: 'apps',
      uid: name,
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: '',
      labels,
    },
    ...extra,
  };
}

describe('label selectors', () => {
  const objects = [
    obj('a', { app: 'web', tier: 'front', v: '3' }),
    obj('b', { app: 'db', v: '10' }),
    obj('c', {}),
  ];
  const select = (s: string) => objects.filter(parseLabelSelector(s)).map((o) => o.metadata.name);

  it.each([
    ['', ['a', 'b', 'c']],
    ['app=web', ['a']],
    ['app==web', ['a']],
    ['app!=web', ['b', 'c']],
    ['app in (web, db)', ['a', 'b']],
    ['app notin (web)', ['b', 'c']],
    ['tier', ['a']],
    ['!tier', ['b', 'c']],
    ['app,!tier', ['b']],
    ['app=web,tier=front', ['a']],
    ['v>5', ['b']],
    ['v<5', ['a']],
    ['app=', []],
  ])('%s selects %j', (selector, expected) => {
    expect(select(selector)).toEqual(expected);
  });

  it.each(['app=web)', 'app in web', 'app (', '=web', 'v>x'])('rejects %s with 400', (selector) => {
    expect(() => parseLabelSelector(selector)).toThrow(ApiError);
    try {
      parseLabelSelector(selector);
    } catch (error) {
      expect((error as ApiError).code).toBe(400);
    }
  });
});

describe('field selectors', () => {
  const ev = (name: string, kind: string, target: string, type: string) =>
    obj(
      name,
      {},
      {
        involvedObject: { kind, name: target, namespace: 'apps', uid: `uid-${target}` },
        type,
        reason: 'Progressing',
      },
    );
  const all = [
    ev('e1', 'HelmRelease', 'podinfo', 'Normal'),
    ev('e2', 'HelmRelease', 'redis', 'Warning'),
    ev('e3', 'Kustomization', 'podinfo', 'Warning'),
  ];
  const select = (s: string) => all.filter(parseFieldSelector(s, events)).map((o) => o.metadata.name);

  it('matches the event fields kubectl describe and flux events use', () => {
    expect(select('involvedObject.name=podinfo')).toEqual(['e1', 'e3']);
    expect(select('involvedObject.name=podinfo,involvedObject.kind=HelmRelease')).toEqual(['e1']);
    expect(select('involvedObject.uid=uid-redis')).toEqual(['e2']);
    expect(select('type!=Normal')).toEqual(['e2', 'e3']);
    expect(select('reason==Progressing,metadata.namespace=apps')).toEqual(['e1', 'e2', 'e3']);
    expect(select('metadata.name=e2')).toEqual(['e2']);
  });

  it('unescapes \\, \\= and \\\\ in values', () => {
    const odd = obj('odd', {}, { involvedObject: { name: 'a,b=c\\d' } });
    expect(parseFieldSelector('involvedObject.name=a\\,b\\=c\\\\d', events)(odd)).toBe(true);
  });

  it('refuses unknown fields with the API’s wording', () => {
    expect(() => parseFieldSelector('spec.suspend=true', helmReleases)).toThrow(
      '"spec.suspend" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(() => parseFieldSelector('message=x', events)).toThrow('field label not supported: message');
  });
});
