// Discovery and version fallback on a real API server: a cluster whose Kustomization CRD serves only the
// older v1beta2 (as an older Flux does), whose GitRepository CRD serves v1 and v1beta2, and where the
// HelmRelease CRD is installed only while the console runs.
import { beforeAll, expect, it } from 'vitest';
import { SUSPENDED_BY } from '../../src/flux/annotations.js';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { kindNotice } from '../../src/present/watch-state.js';
import { actionRig } from './support/actions.js';
import { openConsole, rowOf, waitForSnapshot } from './support/console.js';
import { describeCrd, readCrds } from './support/envtest.js';
import { createFlux, minimalSpec, objectUrl, setConditions } from './support/flux.js';
import { realSuite } from './support/suite.js';

const T0 = '2026-01-01T00:00:00Z';
const apps: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const repo: ObjectRef = { kind: 'GitRepository', namespace: 'flux-system', name: 'flux-system' };
const podinfo: ObjectRef = { kind: 'HelmRelease', namespace: 'apps', name: 'podinfo' };

type Version = { name: string; served: boolean; storage: boolean };

/** The CRD as an older Flux installs it: only `to` served (renamed from the current version). */
function onlyVersion(crd: Record<string, unknown>, to: string): Record<string, unknown> {
  const spec = crd['spec'] as { versions: Version[] };
  spec.versions = spec.versions.map((v) => ({ ...v, name: to }));
  return crd;
}

/** The CRD serving an older version next to the current one (conversion None: same schema). */
function alsoVersion(crd: Record<string, unknown>, extra: string): Record<string, unknown> {
  const spec = crd['spec'] as { versions: Version[] };
  const [current] = spec.versions;
  if (current) spec.versions = [current, { ...structuredClone(current), name: extra, storage: false }];
  return crd;
}

realSuite(
  'discovery and version fallback on a real API server',
  {
    crd: (crd) => {
      const name = (crd['metadata'] as { name: string }).name;
      if (name === 'kustomizations.kustomize.toolkit.fluxcd.io') return onlyVersion(crd, 'v1beta2');
      if (name === 'gitrepositories.source.toolkit.fluxcd.io') return alsoVersion(crd, 'v1beta2');
      if (name === 'helmreleases.helm.toolkit.fluxcd.io') return undefined;
      return crd;
    },
  },
  (env) => {
    beforeAll(async () => {
      await createFlux(env(), apps, minimalSpec('Kustomization'), { version: 'v1beta2' });
      await setConditions(
        env(),
        apps,
        [
          {
            status: 'True',
            reason: 'ReconciliationSucceeded',
            message: 'Applied revision: main@sha1:abc',
            lastTransitionTime: T0,
          },
        ],
        {},
        'v1beta2',
      );
      await createFlux(env(), repo, minimalSpec('GitRepository'));
    });

    it('reads a kind through the only version its CRD serves, and writes through it too', async () => {
      const port = await openConsole(env());
      try {
        const s = await waitForSnapshot(
          port,
          'apps listed',
          (x) => rowOf(x, 'Kustomization/flux-system/apps') !== undefined,
        );
        expect(s.kinds.get('Kustomization')?.state).toEqual({
          phase: 'ready',
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta2',
        });
        expect(rowOf(s, 'Kustomization/flux-system/apps')).toMatchObject({
          ready: 'True',
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta2',
        });
        const rig = actionRig(port);
        const plan = await rig.plan('suspend', [apps], { reason: 'older Flux' });
        const outcome = await rig.run(plan);
        expect(outcome.status).toBe('succeeded');
        const stored = await env().request({ path: objectUrl(apps, 'v1beta2') });
        expect(field(stored, 'spec', 'suspend')).toBe(true);
        expect(field(stored, 'metadata', 'annotations', SUSPENDED_BY)).toBe(plan.user); // who the dialog named
      } finally {
        await port.close();
      }
    });

    it('prefers the newest version when the CRD serves several', async () => {
      const port = await openConsole(env());
      try {
        const s = await waitForSnapshot(
          port,
          'repo listed',
          (x) => rowOf(x, 'GitRepository/flux-system/flux-system') !== undefined,
        );
        expect(s.kinds.get('GitRepository')?.state).toEqual({
          phase: 'ready',
          apiVersion: 'source.toolkit.fluxcd.io/v1',
        });
      } finally {
        await port.close();
      }
    });

    it('says a kind whose CRD is absent is not installed, and lists it once the CRD is applied', async () => {
      // The slow retry of a kind that is not installed is 60 s; the option the console has for it shortens it.
      const port = await openConsole(env(), 'admin', { tuning: { slowRetryMs: 1000 } });
      try {
        const s = await waitForSnapshot(
          port,
          'HelmRelease not installed',
          (x) => x.kinds.get('HelmRelease')?.state.phase === 'not-installed',
        );
        const state = s.kinds.get('HelmRelease')?.state ?? { phase: 'loading' };
        expect(kindNotice('HelmRelease', state, undefined)?.text).toMatch(/^HelmRelease CRD not installed/);
        expect(s.kinds.get('HelmRelease')?.rows.size).toBe(0);

        const crd = readCrds().find((c) => c.plural === 'helmreleases');
        if (!crd) throw new Error('no HelmRelease CRD in test/fixtures/crds');
        await env().request({
          method: 'POST',
          path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
          body: crd.body,
        });
        await env().waitServed(describeCrd(crd.body));
        await createFlux(env(), podinfo, minimalSpec('HelmRelease'));
        const after = await waitForSnapshot(
          port,
          'podinfo listed',
          (x) => rowOf(x, 'HelmRelease/apps/podinfo') !== undefined,
          30_000,
        );
        expect(after.kinds.get('HelmRelease')?.state).toEqual({
          phase: 'ready',
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
        });
        // Never reconciled: flux get's words for an object without a Ready condition.
        expect(rowOf(after, 'HelmRelease/apps/podinfo')).toMatchObject({
          ready: 'False',
          message: 'waiting to be reconciled',
        });
      } finally {
        await port.close();
      }
    });
  },
);
