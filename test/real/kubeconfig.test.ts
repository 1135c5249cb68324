// How fluxdeck reads kubeconfig fields, against a real API server: impersonation beyond `as` reaches the
// authenticator, a user bound to one namespace starts in the context's namespace instead of seeing
// every kind forbidden, and an exec plug-in that asks for input gets the terminal (or, without one, fails
// at once with kubectl's sentence).
import { chmodSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runStatusCommand } from '../../src/commands/status.js';
import { field } from '../../src/flux/narrow.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import { resolveKubeconfig } from '../../src/kube/kubeconfig.js';
import type { TerminalAccess } from '../../src/kube/terminal-access.js';
import { createTransport } from '../../src/kube/transport.js';
import { capturedIo } from '../integration/kube-helpers.js';
import { isolatedHome, rowOf, waitForSnapshot } from './support/console.js';
import { type Envtest, USERS, VIEWER_NAMESPACE } from './support/envtest.js';
import { createFlux, minimalSpec } from './support/flux.js';
import { realSuite } from './support/suite.js';

type Doc = {
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { context: Record<string, unknown> }[];
};

/** A copy of `user`'s kubeconfig with its user and context entries changed. */
function edited(env: Envtest, user: 'admin' | 'viewer', change: (doc: Doc) => void): string {
  const doc = parse(readFileSync(env.kubeconfig(user), 'utf8')) as Doc;
  change(doc);
  const path = join(mkdtempSync(join(tmpdir(), 'fluxdeck-real-kc-')), 'kubeconfig');
  writeFileSync(path, stringify(doc));
  return path;
}

realSuite('kubeconfig fields on a real API server', {}, (env) => {
  it('sends as, as-groups and as-user-extra so the server authenticates the impersonated user', async () => {
    const path = edited(env(), 'admin', (doc) => {
      const user = doc.users[0]?.user;
      if (!user) throw new Error('no user');
      user['as'] = USERS.viewer.name;
      user['as-groups'] = ['sre', 'oncall'];
      user['as-user-extra'] = { 'acme.com/team': ['platform'] };
    });
    const transport = createTransport(resolveKubeconfig({ kubeconfigPath: path, env: isolatedHome() }));
    try {
      const review = await transport.request({
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1alpha1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1alpha1', kind: 'SelfSubjectReview' },
        about: { verb: 'create', resource: 'selfsubjectreviews' },
      });
      expect(field(review, 'status', 'userInfo', 'username')).toBe(USERS.viewer.name);
      expect(field(review, 'status', 'userInfo', 'groups')).toEqual(
        expect.arrayContaining(['sre', 'oncall', 'system:authenticated']),
      );
      expect(field(review, 'status', 'userInfo', 'extra')).toEqual({ 'acme.com/team': ['platform'] });
    } finally {
      transport.close();
    }
  });

  it("starts a user bound to one namespace in the context's namespace, and says why", async () => {
    await createFlux(
      env(),
      { kind: 'Kustomization', namespace: VIEWER_NAMESPACE, name: 'ns-fallback' },
      minimalSpec('Kustomization'),
    );
    const path = edited(env(), 'viewer', (doc) => {
      const context = doc.contexts[0]?.context;
      if (!context) throw new Error('no context');
      context['namespace'] = VIEWER_NAMESPACE;
    });
    const port = await createClusterPort({
      kubeconfigPath: path,
      env: isolatedHome(),
      publishIntervalMs: 20,
    });
    try {
      expect(port.info.namespace).toBe(VIEWER_NAMESPACE);
      expect(port.info.namespaceNote).toContain('cluster-wide is forbidden');
      const s = await waitForSnapshot(
        port,
        'the team-a Kustomization',
        (x) => rowOf(x, `Kustomization/${VIEWER_NAMESPACE}/ns-fallback`) !== undefined,
      );
      expect(s.kinds.get('Kustomization')?.state.phase).toBe('ready');
    } finally {
      await port.close();
    }
  });

  it("runs fluxdeck status for a user bound to one namespace in the context's namespace, and says why", async () => {
    await createFlux(
      env(),
      { kind: 'Kustomization', namespace: VIEWER_NAMESPACE, name: 'status-fallback' },
      minimalSpec('Kustomization'),
    );
    const path = edited(env(), 'viewer', (doc) => {
      const context = doc.contexts[0]?.context;
      if (!context) throw new Error('no context');
      context['namespace'] = VIEWER_NAMESPACE;
    });
    const io = capturedIo();
    const code = await runStatusCommand(['--kubeconfig', path], {
      stdout: io.stdout,
      stderr: io.stderr,
      env: isolatedHome(),
    });
    const { stdout, stderr } = io.text();
    expect(stderr).toContain(
      `listing Flux objects across the cluster is forbidden; showing namespace "${VIEWER_NAMESPACE}", the context's (-A keeps all namespaces)`,
    );
    expect(stdout).toContain('status-fallback');
    expect(code).not.toBe(2);
    // -A asks for every namespace, and gets the refusals.
    const all = capturedIo();
    const refused = await runStatusCommand(['--kubeconfig', path, '-A'], {
      stdout: all.stdout,
      stderr: all.stderr,
      env: isolatedHome(),
    });
    expect(refused).toBe(2);
    expect(all.text().stderr).toContain('forbidden');
  });

  it('gives an exec plug-in with interactiveMode Always the terminal, and fails at once without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-real-exec-'));
    const script = join(dir, 'cred.sh');
    const path = edited(env(), 'admin', (doc) => {
      const user = doc.users[0]?.user;
      if (!user) throw new Error('no user');
      // The plug-in asks for a code and hands out the admin's token only for the right one.
      writeFileSync(
        script,
        `#!/bin/sh
printf 'code? ' >&2
read -r code
[ "$code" = 4711 ] || exit 1
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' ${JSON.stringify(String(user['token']))}
`,
      );
      chmodSync(script, 0o755);
      for (const key of Object.keys(user)) delete user[key];
      user['exec'] = {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: script,
        interactiveMode: 'Always',
      };
    });
    const typed = join(dir, 'typed');
    writeFileSync(typed, '4711\n');
    const handedOver: string[] = [];
    const terminal: TerminalAccess = {
      isTerminal: () => true,
      input: openSync(typed, 'r'),
      handOver: async (use, notice) => {
        handedOver.push(notice ?? '');
        return use();
      },
    };
    const port = await createClusterPort({ kubeconfigPath: path, env: isolatedHome(), terminal });
    try {
      // Connected (a rejected or missing credential throws here), with the terminal handed over once.
      expect(handedOver).toHaveLength(1);
    } finally {
      await port.close();
    }
    const none: TerminalAccess = { isTerminal: () => false, handOver: (use) => use() };
    await expect(
      createClusterPort({ kubeconfigPath: path, env: isolatedHome(), terminal: none }),
    ).rejects.toThrow('exec plugin cannot support interactive mode: standard input is not a terminal');
  });
});
