// RBAC on a real API server, per kind and per verb, with the exact sentences a user reads; and who the
// server says is acting (SelfSubjectReview). Users: nobody (no grants), viewer (get/list/watch on the
// Flux kinds in team-a only), admin (system:masters, behind a shared kubeconfig entry name).
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUSPENDED_BY } from '../../src/flux/annotations.js';
import { KIND_NAMES, kindInfo } from '../../src/flux/kinds.js';
import { field } from '../../src/flux/narrow.js';
import type { ObjectRef } from '../../src/flux/types.js';
import { readCoverage, unreadableSentence, unreadText } from '../../src/hooks/use-summary.js';
import { kindNotice, watchNotice } from '../../src/present/watch-state.js';
import { actionRig } from './support/actions.js';
import { isolatedHome, openConsole, rowOf, waitForSnapshot } from './support/console.js';
import { type Envtest, USERS, VIEWER_NAMESPACE } from './support/envtest.js';
import { createFlux, minimalSpec, objectUrl, setConditions } from './support/flux.js';
import { realSuite } from './support/suite.js';

const T0 = '2026-01-01T00:00:00Z';
const web: ObjectRef = { kind: 'Kustomization', namespace: VIEWER_NAMESPACE, name: 'web' };
const other: ObjectRef = { kind: 'Kustomization', namespace: 'team-b', name: 'api' };

function forbiddenAtClusterScope(user: string, plural: string, group: string): string {
  return `forbidden: User "${user}" cannot list resource "${plural}" in API group "${group}" at the cluster scope`;
}

function status(env: Envtest, user: 'admin' | 'viewer' | 'nobody', args: readonly string[]) {
  const result = spawnSync(
    process.execPath,
    ['dist/cli.js', 'status', '--kubeconfig', env.kubeconfig(user), ...args],
    { env: { ...isolatedHome(), PATH: process.env['PATH'] ?? '' }, encoding: 'utf8', timeout: 30_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

realSuite('RBAC and identity on a real API server', {}, (env) => {
  beforeAll(async () => {
    for (const ref of [web, other]) {
      await createFlux(env(), ref, minimalSpec('Kustomization'));
      await setConditions(env(), ref, [
        {
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: 'Applied revision: main@sha1:abc',
          lastTransitionTime: T0,
        },
      ]);
    }
  });

  describe('a user with no grants', () => {
    it('sees, for every Flux kind, that it cannot list it at the cluster scope, in the server’s words', async () => {
      const port = await openConsole(env(), 'nobody');
      try {
        const s = await waitForSnapshot(port, 'every kind forbidden', (x) =>
          KIND_NAMES.every((k) => x.kinds.get(k)?.state.phase === 'forbidden'),
        );
        for (const kind of KIND_NAMES) {
          const info = kindInfo(kind);
          const state = s.kinds.get(kind)?.state;
          expect(state, kind).toEqual({
            phase: 'forbidden',
            message: forbiddenAtClusterScope(USERS.nobody.name, info.plural, info.group),
            scope: 'at the cluster scope',
          });
          expect(kindNotice(kind, state ?? { phase: 'loading' }, undefined)?.text, kind).toBe(
            `your user cannot list ${info.plural} at the cluster scope (${forbiddenAtClusterScope(USERS.nobody.name, info.plural, info.group)})`,
          );
        }
      } finally {
        await port.close();
      }
    });

    it('fluxdeck status names every kind it could not read, with the server’s reason', () => {
      const result = status(env(), 'nobody', []);
      for (const kind of KIND_NAMES) {
        const info = kindInfo(kind);
        expect(result.stderr).toContain(
          `✗ cannot list ${kind} objects: ${forbiddenAtClusterScope(USERS.nobody.name, info.plural, info.group)}\n`,
        );
      }
      expect(result.stdout).toBe('');
      expect(result.code).not.toBe(0);
    });

    // issue 16, fixes: "`status` exits 2 when no kind could be read".
    it('fluxdeck status exits 2 when no kind could be read, and says why', () => {
      const result = status(env(), 'nobody', []);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `fluxdeck status: no Flux kind could be read (${KIND_NAMES.length} forbidden): nothing to report — ask for read access (Flux adds its kinds to the Kubernetes view role)\n`,
      );
    });

    // issue 16, fixes: "with everything forbidden the header says so" — never `live` with counts that leave
    // out kinds it could not read.
    it('does not call the connection live when every kind is forbidden', async () => {
      const port = await openConsole(env(), 'nobody');
      try {
        const s = await waitForSnapshot(port, 'every kind forbidden', (x) =>
          KIND_NAMES.every((k) => x.kinds.get(k)?.state.phase === 'forbidden'),
        );
        expect(s.connection).not.toBe('live');
        // What the header shows instead of `ready 0 failing 0 … of 0 Flux objects`.
        expect(unreadText(readCoverage(s))).toBe(`${KIND_NAMES.length} kinds forbidden`);
        expect(unreadableSentence(s)).toBe(
          'no Flux object can be read: your user may not list any Flux kind at the cluster scope (forbidden) — see Failing',
        );
      } finally {
        await port.close();
      }
    });
  });

  describe('a namespace viewer', () => {
    it('lists the Flux objects of its namespace, and is told it cannot list them anywhere else', async () => {
      const inside = await openConsole(env(), 'viewer', { namespace: VIEWER_NAMESPACE });
      const outside = await openConsole(env(), 'viewer', { namespace: 'team-b' });
      try {
        const s = await waitForSnapshot(
          inside,
          'web listed',
          (x) => rowOf(x, 'Kustomization/team-a/web') !== undefined,
        );
        expect(s.kinds.get('Kustomization')?.state).toEqual({
          phase: 'ready',
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        });
        expect([...(s.kinds.get('Kustomization')?.rows.keys() ?? [])]).toEqual(['Kustomization/team-a/web']);
        const o = await waitForSnapshot(
          outside,
          'team-b forbidden',
          (x) => x.kinds.get('Kustomization')?.state.phase === 'forbidden',
        );
        const state = o.kinds.get('Kustomization')?.state ?? { phase: 'loading' };
        expect(kindNotice('Kustomization', state, 'team-b')?.text).toBe(
          `your user cannot list kustomizations in namespace team-b (forbidden: User "${USERS.viewer.name}" cannot list resource "kustomizations" in API group "kustomize.toolkit.fluxcd.io" in the namespace "team-b")`,
        );
      } finally {
        await inside.close();
        await outside.close();
      }
    });

    it('fluxdeck status -n team-a prints its objects and exits 0', () => {
      const result = status(env(), 'viewer', ['-n', VIEWER_NAMESPACE]);
      expect(
        result.stdout
          .split('\n')[1]
          ?.split('\t')
          .map((c) => c.trim()),
      ).toEqual(['kustomization/web', '', 'False', 'True', 'Applied revision: main@sha1:abc', '']);
      expect(result.code).toBe(0);
    });

    it('may read but not change: suspend fails with the server’s reason and changes nothing', async () => {
      const port = await openConsole(env(), 'viewer', { namespace: VIEWER_NAMESPACE });
      try {
        await waitForSnapshot(port, 'web listed', (x) => rowOf(x, 'Kustomization/team-a/web') !== undefined);
        const rig = actionRig(port);
        const plan = await rig.plan('suspend', [web]);
        expect(plan.refusal).toBeUndefined();
        const outcome = await rig.run(plan);
        expect(outcome.status).toBe('failed');
        expect(outcome.message).toBe(
          `Forbidden by RBAC: user ${USERS.viewer.name} may not patch kustomizations.kustomize.toolkit.fluxcd.io in namespace team-a, so Kustomization team-a/web could not be changed.`,
        );
        const stored = await env().request({ path: objectUrl(web) });
        expect(field(stored, 'spec', 'suspend')).toBeUndefined();
      } finally {
        await port.close();
      }
    });

    // issue 16, smaller: "a forbidden sentence for pods names the wrong namespace or scope". The controller
    // pods are watched in flux-system only; the sentence must name that scope, not the console's.
    it('is told it cannot list pods in namespace flux-system, the scope the server named', async () => {
      const port = await openConsole(env(), 'viewer');
      try {
        const s = await waitForSnapshot(port, 'pods forbidden', (x) => x.pods.state.phase === 'forbidden');
        expect(watchNotice('Pod', 'pods', s.pods.state, undefined)?.text).toMatch(
          /^your user cannot list pods in namespace flux-system \(/,
        );
      } finally {
        await port.close();
      }
    });
  });

  describe('the acting identity', () => {
    it('is what the server authenticated (SelfSubjectReview), not the kubeconfig’s user entry name', async () => {
      const review = await env().request({
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1alpha1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1alpha1', kind: 'SelfSubjectReview' },
      });
      expect(field(review, 'status', 'userInfo', 'username')).toBe(USERS.admin.name);
      const port = await openConsole(env(), 'admin');
      try {
        // What the port knows without asking: the kubeconfig's entry name, shared by everyone using it.
        expect(port.info.user).toBe(USERS.admin.entry);
      } finally {
        await port.close();
      }
    });

    it('any authenticated user may ask who it is (the v1alpha1 API this 1.26 server serves)', async () => {
      const groups = await env().requestAs('nobody', { path: '/apis/authentication.k8s.io' });
      expect((field(groups, 'versions') as { version: string }[]).map((v) => v.version).sort()).toEqual([
        'v1',
        'v1alpha1',
      ]);
      const review = await env().requestAs('nobody', {
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1alpha1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1alpha1', kind: 'SelfSubjectReview' },
      });
      expect(field(review, 'status', 'userInfo', 'username')).toBe(USERS.nobody.name);
    });

    // issue 16, fixes: "The acting identity is the authenticated user (SelfSubjectReview where served …) in
    // annotations, dialogs and the audit log".
    it('suspend records the authenticated user as suspendedBy and in the audit log', async () => {
      const port = await openConsole(env(), 'admin');
      try {
        await waitForSnapshot(port, 'web listed', (x) => rowOf(x, 'Kustomization/team-a/web') !== undefined);
        // The port asks the server once it opened, without holding up the first frame.
        await expect
          .poll(() => port.info.identity, { timeout: 15_000 })
          .toEqual({
            name: USERS.admin.name,
            source: 'server',
          });
        const rig = actionRig(port);
        const plan = await rig.plan('suspend', [web]);
        expect(plan.user).toBe(USERS.admin.name);
        const outcome = await rig.run(plan);
        expect(outcome.status).toBe('succeeded');
        const stored = await env().request({ path: objectUrl(web) });
        expect(field(stored, 'metadata', 'annotations', SUSPENDED_BY)).toBe(USERS.admin.name);
        const audit = rig.auditLines();
        expect(audit.length).toBeGreaterThan(0);
        expect(audit.map((line) => line['user'])).toEqual(audit.map(() => USERS.admin.name));
      } finally {
        await port.close();
      }
    });
  });
});
