// Each view's rows against the objects on a real API server, through the console's own data path
// (discovery → ListWatch → live store → rows), and `fluxdeck status` (the built CLI) on the same objects.
import { beforeAll, describe, expect, it } from 'vitest';
import { isRowReady } from '../../src/flux/status.js';
import type { ObjectRef } from '../../src/flux/types.js';
import type { ClusterSnapshot } from '../../src/kube/port.js';
import { VIEWS } from '../../src/present/catalog.js';
import { runCli } from './support/cli.js';
import { openConsole, rowOf, waitForSnapshot } from './support/console.js';
import type { Envtest } from './support/envtest.js';
import { createFlux, minimalSpec, patchObject, setConditions } from './support/flux.js';
import { realSuite } from './support/suite.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const T0 = '2026-01-01T00:00:00Z';

const gitRepo: ObjectRef = { kind: 'GitRepository', namespace: 'flux-system', name: 'flux-system' };
const apps: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const infra: ObjectRef = { kind: 'Kustomization', namespace: 'flux-system', name: 'infra' };
const web: ObjectRef = { kind: 'Kustomization', namespace: 'team-a', name: 'web' };
const kyverno: ObjectRef = { kind: 'HelmRelease', namespace: 'kyverno', name: 'kyverno' };
const charts: ObjectRef = { kind: 'HelmRepository', namespace: 'flux-system', name: 'podinfo' };
const appImage: ObjectRef = { kind: 'ImagePolicy', namespace: 'flux-system', name: 'app' };
const slack: ObjectRef = { kind: 'Provider', namespace: 'flux-system', name: 'slack' };
const base: ObjectRef = { kind: 'Kustomization', namespace: 'platform', name: 'base' };

const BUILD_FAILED =
  'kustomization path not found: stat /tmp/kustomization-2911/apps/web: no such file or directory';
const UPGRADE_FAILED =
  'Helm upgrade failed for release kyverno/kyverno with chart kyverno@3.3.0: context deadline exceeded';

/** The incident the views show: a Git source, two good Kustomizations (one suspended), two failures. */
async function seedIncident(env: Envtest): Promise<void> {
  await createFlux(env, gitRepo, minimalSpec('GitRepository', { url: 'https://example.invalid/fleet.git' }));
  await setConditions(
    env,
    gitRepo,
    [
      {
        status: 'True',
        reason: 'Succeeded',
        message: `stored artifact for revision 'main@sha1:${SHA}'`,
        lastTransitionTime: T0,
      },
    ],
    {
      artifact: {
        revision: `main@sha1:${SHA}`,
        digest: 'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
        lastUpdateTime: T0,
        path: 'gitrepository/flux-system/flux-system/0123.tar.gz',
        url: 'http://source-controller.flux-system.svc.cluster.local./gitrepository/flux-system/flux-system/0123.tar.gz',
      },
    },
  );
  for (const ref of [apps, infra, base]) {
    await createFlux(env, ref, minimalSpec('Kustomization', { suspend: ref === infra }));
    await setConditions(
      env,
      ref,
      [
        {
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: `Applied revision: main@sha1:${SHA}`,
          lastTransitionTime: T0,
        },
      ],
      { lastAppliedRevision: `main@sha1:${SHA}` },
    );
  }
  await createFlux(env, web, minimalSpec('Kustomization', { path: './apps/web' }));
  await setConditions(env, web, [
    { status: 'False', reason: 'BuildFailed', message: BUILD_FAILED, lastTransitionTime: T0 },
  ]);
  await createFlux(
    env,
    kyverno,
    minimalSpec('HelmRelease', {
      chart: {
        spec: { chart: 'kyverno', version: '3.3.0', sourceRef: { kind: 'HelmRepository', name: 'kyverno' } },
      },
    }),
  );
  await setConditions(env, kyverno, [
    { status: 'False', reason: 'UpgradeFailed', message: UPGRADE_FAILED, lastTransitionTime: T0 },
    {
      type: 'Released',
      status: 'False',
      reason: 'UpgradeFailed',
      message: UPGRADE_FAILED,
      lastTransitionTime: T0,
    },
  ]);
  await createFlux(env, charts, minimalSpec('HelmRepository'));
  await setConditions(env, charts, [
    {
      status: 'True',
      reason: 'Succeeded',
      message: "stored artifact: revision 'sha256:abcd'",
      lastTransitionTime: T0,
    },
  ]);
  await createFlux(env, appImage, minimalSpec('ImagePolicy'));
  await setConditions(
    env,
    appImage,
    [
      {
        status: 'True',
        reason: 'Succeeded',
        message: 'Latest image tag for ghcr.io/example/app resolved to 1.4.2',
        lastTransitionTime: T0,
      },
    ],
    { latestRef: { name: 'ghcr.io/example/app', tag: '1.4.2' } },
  );
  // Provider v1beta3 has no status at all: flux get shows it Ready by definition.
  await createFlux(env, slack, minimalSpec('Provider'));
}

const ALL = [gitRepo, apps, infra, base, web, kyverno, charts, appImage, slack];
const key = (r: ObjectRef) => `${r.kind}/${r.namespace}/${r.name}`;

function viewKeys(s: ClusterSnapshot, view: (typeof VIEWS)[number]): string[] {
  const rows = view.kinds.flatMap((k) => [...(s.kinds.get(k)?.rows.values() ?? [])]);
  return rows
    .filter((r) => (view.id === 'failing' ? !isRowReady(r) : true))
    .map((r) => r.key)
    .sort();
}

function status(env: Envtest, args: readonly string[], user: 'admin' | 'viewer' | 'nobody' = 'admin') {
  return runCli(env, 'status', args, user);
}

const cells = (line: string) => line.split('\t').map((c) => c.trim());

realSuite('views on a real API server', {}, (env) => {
  beforeAll(async () => {
    await seedIncident(env());
  });

  it('lists in each view exactly the objects of its kinds, Failing only the ones not ready', async () => {
    const port = await openConsole(env());
    try {
      const s = await waitForSnapshot(
        port,
        'every object listed',
        (x) => x.connection === 'live' && ALL.every((r) => rowOf(x, key(r))),
      );
      const expected: Record<string, string[]> = {
        failing: [key(kyverno), key(web)],
        kustomizations: [key(apps), key(infra), key(base), key(web)],
        helmreleases: [key(kyverno)],
        sources: [key(charts), key(gitRepo)],
        images: [key(appImage)],
        notifications: [key(slack)],
      };
      for (const view of VIEWS.filter((v) => v.kinds.length > 0)) {
        expect(viewKeys(s, view), view.id).toEqual([...(expected[view.id] ?? [])].sort());
      }
      for (const kind of s.kinds.keys()) expect(s.kinds.get(kind)?.state.phase, kind).toBe('ready');
    } finally {
      await port.close();
    }
  });

  it('shows the flux get columns each object’s status gives', async () => {
    const port = await openConsole(env());
    try {
      const s = await waitForSnapshot(port, 'every object listed', (x) => ALL.every((r) => rowOf(x, key(r))));
      expect(rowOf(s, key(apps))).toMatchObject({
        ready: 'True',
        health: 'Ready',
        suspended: false,
        message: 'Applied revision: main@sha1:01234567',
        revision: 'main@sha1:01234567',
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      });
      expect(rowOf(s, key(infra))).toMatchObject({ ready: 'True', health: 'Suspended', suspended: true });
      expect(rowOf(s, key(web))).toMatchObject({
        ready: 'False',
        health: 'Failed',
        reason: 'BuildFailed',
        message: BUILD_FAILED,
        failingSince: T0,
      });
      expect(rowOf(s, key(kyverno))).toMatchObject({
        ready: 'False',
        health: 'Failed',
        reason: 'UpgradeFailed',
        message: UPGRADE_FAILED,
        extra: { CHART: 'kyverno', VERSION: '3.3.0', SOURCE: 'HelmRepository/kyverno/kyverno' },
      });
      expect(rowOf(s, key(gitRepo))).toMatchObject({
        ready: 'True',
        revision: 'main@sha1:01234567',
        extra: { URL: 'https://example.invalid/fleet.git' },
      });
      expect(rowOf(s, key(slack))).toMatchObject({ ready: 'True', message: 'Provider is Ready' });
    } finally {
      await port.close();
    }
  });

  it('shows a status the controller writes, and a suspend another client makes, as they happen', async () => {
    const port = await openConsole(env());
    try {
      await waitForSnapshot(port, 'web listed as failing', (x) => rowOf(x, key(web))?.ready === 'False');
      await setConditions(env(), web, [
        {
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: `Applied revision: main@sha1:${SHA}`,
          lastTransitionTime: '2026-01-01T01:00:00Z',
        },
      ]);
      const fixed = await waitForSnapshot(port, 'web ready', (x) => rowOf(x, key(web))?.ready === 'True');
      expect(rowOf(fixed, key(web))).toMatchObject({ health: 'Ready', failingSince: '' });
      await patchObject(env(), web, { spec: { suspend: true } });
      await waitForSnapshot(port, 'web suspended', (x) => rowOf(x, key(web))?.suspended === true);
    } finally {
      await setConditions(env(), web, [
        { status: 'False', reason: 'BuildFailed', message: BUILD_FAILED, lastTransitionTime: T0 },
      ]);
      await patchObject(env(), web, { spec: { suspend: false } });
      await port.close();
    }
  });

  describe('fluxdeck status (the built CLI)', () => {
    it('prints the flux get tables of every namespace and exits 1 while something is not ready', () => {
      const result = status(env(), []);
      expect(result.code).toBe(1);
      const lines = result.stdout.split('\n').map(cells);
      expect(lines).toContainEqual([
        'flux-system',
        'kustomization/apps',
        'main@sha1:01234567',
        'False',
        'True',
        'Applied revision: main@sha1:01234567',
        '',
      ]);
      expect(lines).toContainEqual([
        'flux-system',
        'kustomization/infra',
        'main@sha1:01234567',
        'True',
        'True',
        'Applied revision: main@sha1:01234567',
        '',
      ]);
      expect(lines).toContainEqual(['team-a', 'kustomization/web', '', 'False', 'False', BUILD_FAILED, '']);
      expect(lines).toContainEqual([
        'kyverno',
        'helmrelease/kyverno',
        '',
        'False',
        'False',
        UPGRADE_FAILED,
        '',
      ]);
      expect(lines).toContainEqual([
        'flux-system',
        'gitrepository/flux-system',
        'main@sha1:01234567',
        'False',
        'True',
        "stored artifact for revision 'main@sha1:01234567'",
        '',
      ]);
      expect(lines).toContainEqual(['flux-system', 'provider/slack', 'True', 'Provider is Ready', '']);
      // How suspended objects add into "ready" is being settled (issue 16, failing counts); the failures are not.
      expect(result.stderr).toMatch(/^\d+ ready, 2 failing, 1 suspended\n$/);
    });

    it('exits 0 for a namespace where everything is ready, and counts a suspended object apart', () => {
      const ready = status(env(), ['-n', 'platform']);
      expect(ready.stdout.split('\n').map(cells)).toContainEqual([
        'kustomization/base',
        'main@sha1:01234567',
        'False',
        'True',
        'Applied revision: main@sha1:01234567',
        '',
      ]);
      expect(ready.stderr).toBe('1 ready, 0 failing, 0 suspended\n');
      expect(ready.code).toBe(0);
      const suspended = status(env(), ['-n', 'flux-system']);
      expect(suspended.stderr).toMatch(/^\d+ ready, 0 failing, 1 suspended\n$/);
      // Whether a suspended object alone makes the exit code 1 (as the usage text says) is not settled: the
      // code exits 0 today. Not asserted here.
    });

    it('prints one JSON document with the same objects', () => {
      const result = status(env(), ['-o', 'json', '-n', 'team-a']);
      expect(result.code).toBe(1);
      const doc = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(JSON.stringify(doc)).toContain(BUILD_FAILED);
    });
  });

  describe('fluxdeck report (the built CLI, one pass of reads)', () => {
    it('reports the two failures, their conditions and the window, with nothing left uncovered', () => {
      const result = runCli(env(), 'report', ['-o', 'json'], 'admin');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout) as {
        failing: { object: string; message: string; conditions: { type: string; status: string }[] }[];
        rootCauses: { object: string }[];
        gaps: string[];
        summary: { failing: number };
      };
      expect(doc.failing.map((f) => f.object).sort()).toEqual([
        'HelmRelease/kyverno/kyverno',
        'Kustomization/team-a/web',
      ]);
      expect(doc.failing.find((f) => f.object === 'Kustomization/team-a/web')?.message).toBe(BUILD_FAILED);
      expect(doc.failing.find((f) => f.object === 'HelmRelease/kyverno/kyverno')?.conditions).toContainEqual(
        expect.objectContaining({ type: 'Ready', status: 'False' }),
      );
      expect(doc.rootCauses.map((r) => r.object).sort()).toEqual([
        'HelmRelease/kyverno/kyverno',
        'Kustomization/team-a/web',
      ]);
      expect(doc.gaps).toEqual([]);
    });

    it('says what it could not read for a user the API server refuses, instead of reporting all clear', () => {
      const result = runCli(env(), 'report', [], 'nobody');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Not covered: Kustomization objects: .*forbidden/i);
      expect(result.stdout).toMatch(/Not covered: events: /);
    });
  });
});
