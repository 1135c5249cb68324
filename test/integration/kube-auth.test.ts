// Credentials as kubectl handles them: a rejected token is said in words; exec plug-ins are run (through
// client-node's authenticator), and asked again once after a 401.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { credentialSource } from '../../src/kube/auth.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import { isKubeError } from '../../src/kube/errors.js';
import { resolveKubeconfig } from '../../src/kube/kubeconfig.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, runStatus, seed, waitForSnapshot } from './kube-helpers.js';

let sim: SimHandle | undefined;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

interface KubeconfigDoc {
  users: { name: string; user: Record<string, unknown> }[];
}

/** A copy of the simulator's kubeconfig with the user replaced. */
function withUser(kubeconfig: string, user: Record<string, unknown>): { path: string; token: string } {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as KubeconfigDoc;
  const first = doc.users[0];
  if (!first) throw new Error('no user');
  const token = String(first.user['token']);
  first.user = user;
  const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-auth-'));
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, stringify(doc));
  return { path, token };
}

const status = (argv: string[]) => runStatus(argv);

describe('credentials', () => {
  it('says the token was rejected and what to do, for status and for the console', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const { path } = withUser(sim.kubeconfigPath, { token: 'expired-token' });
    const result = await status(['--kubeconfig', path]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'fluxdeck status: the API server rejected the credentials of user fluxdeck-sim (401 Unauthorized): log in again or refresh the token\n',
    });
    await expect(createClusterPort({ kubeconfigPath: path, env: isolatedEnv() })).rejects.toSatisfy(
      (e: unknown) => isKubeError(e, 'unauthorized'),
    );
  });

  it('runs an exec plug-in for the token, and asks it again once when the server rejects the cached one', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    seed(sim, 'Kustomization', 'flux-system', 'apps');
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-exec-'));
    const counter = join(dir, 'calls');
    writeFileSync(counter, '0');
    const good = (parse(readFileSync(sim.kubeconfigPath, 'utf8')) as KubeconfigDoc).users[0]?.user['token'];
    // First call: a stale token; later calls: the valid one.
    const script = `
      const fs = require('fs');
      const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
      fs.writeFileSync(${JSON.stringify(counter)}, String(n));
      const token = n === 1 ? 'stale' : ${JSON.stringify(good)};
      process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } }));`;
    const { path } = withUser(sim.kubeconfigPath, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: ['-e', script],
        interactiveMode: 'Never',
      },
    });
    const port = await createClusterPort({ kubeconfigPath: path, env: isolatedEnv() });
    try {
      const snap = await waitForSnapshot(port, 'live', (s) => s.connection === 'live');
      expect(snap.kinds.get('Kustomization')?.rows.has('Kustomization/flux-system/apps')).toBe(true);
      expect(Number(readFileSync(counter, 'utf8'))).toBe(2);
    } finally {
      await port.close();
    }
  });

  it('reads tokenFile as kubectl does: trimmed, relative to the kubeconfig, and again when it changes', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const { path, token } = withUser(sim.kubeconfigPath, { tokenFile: 'token' });
    const tokenPath = join(path, '..', 'token');
    writeFileSync(tokenPath, `${token}\n`);
    expect(await status(['--kubeconfig', path])).toMatchObject({ code: 0 });
    // Rotated to a token the server does not know: the next run reads the new file.
    writeFileSync(tokenPath, 'rotated-but-wrong\n');
    expect((await status(['--kubeconfig', path])).stderr).toContain('rejected the credentials');
  });

  it('runs an exec plug-in once for all the requests of one status', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-exec-'));
    const counter = join(dir, 'calls');
    writeFileSync(counter, '0');
    const good = (parse(readFileSync(sim.kubeconfigPath, 'utf8')) as KubeconfigDoc).users[0]?.user['token'];
    const script = `
      const fs = require('fs');
      fs.writeFileSync(${JSON.stringify(counter)}, String(Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1));
      process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(good)} } }));`;
    const { path } = withUser(sim.kubeconfigPath, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: ['-e', script],
      },
    });
    expect(await status(['--kubeconfig', path])).toMatchObject({ code: 0 });
    expect(Number(readFileSync(counter, 'utf8'))).toBe(1);
  });

  it('resolves a relative exec command against the kubeconfig folder and gives it the cluster when asked', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const good = (parse(readFileSync(sim.kubeconfigPath, 'utf8')) as KubeconfigDoc).users[0]?.user['token'];
    const { path } = withUser(sim.kubeconfigPath, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: './bin/cred.sh',
        provideClusterInfo: true,
      },
    });
    const dir = join(path, '..');
    const seen = join(dir, 'exec-info.json');
    mkdirSync(join(dir, 'bin'));
    const plugin = join(dir, 'bin', 'cred.sh');
    writeFileSync(
      plugin,
      `#!/bin/sh\nprintf '%s' "$KUBERNETES_EXEC_INFO" > ${JSON.stringify(seen)}\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' ${JSON.stringify(String(good))}\n`,
    );
    chmodSync(plugin, 0o755);
    expect(await status(['--kubeconfig', path])).toMatchObject({ code: 0 });
    const info = JSON.parse(readFileSync(seen, 'utf8')) as {
      kind: string;
      spec: { cluster: Record<string, unknown> };
    };
    expect(info.kind).toBe('ExecCredential');
    expect(info.spec.cluster['server']).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(String(info.spec.cluster['certificate-authority-data'])).not.toBe('');
  });

  it("says a missing exec plug-in is missing, with the kubeconfig's install hint", async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const { path } = withUser(sim.kubeconfigPath, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'fluxdeck-no-such-plugin',
        installHint: 'Install it with: brew install fluxdeck-no-such-plugin',
      },
    });
    const result = await status(['--kubeconfig', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the exec plug-in fluxdeck-no-such-plugin was not found');
    expect(result.stderr).toContain('Install it with: brew install fluxdeck-no-such-plugin');
  });

  it('refuses insecure-skip-tls-verify together with a certificate authority, as kubectl does', async () => {
    sim = await startSim({ scenario: 'empty', controllers: false });
    const doc = parse(readFileSync(sim.kubeconfigPath, 'utf8')) as {
      clusters: { cluster: Record<string, unknown> }[];
    };
    const cluster = doc.clusters[0]?.cluster;
    if (!cluster) throw new Error('no cluster');
    cluster['insecure-skip-tls-verify'] = true;
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-auth-'));
    const path = join(dir, 'kubeconfig');
    writeFileSync(path, stringify(doc));
    const result = await status(['--kubeconfig', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sets both insecure-skip-tls-verify and a certificate-authority');
  });
});

describe('impersonation headers', () => {
  it('sends as, as-groups, as-uid and as-user-extra as kubectl does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-as-'));
    const path = join(dir, 'kubeconfig');
    writeFileSync(
      path,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }],
        users: [
          {
            name: 'u',
            user: {
              token: 't',
              as: 'jane',
              'as-groups': ['sre', 'oncall'],
              'as-uid': '42',
              'as-user-extra': { 'acme.com/team': ['platform'] },
            },
          },
        ],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      }),
    );
    const config = resolveKubeconfig({ kubeconfigPath: path, env: isolatedEnv() });
    const { headers } = await credentialSource(config.user).get();
    expect(headers).toMatchObject({
      Authorization: 'Bearer t',
      'Impersonate-User': 'jane',
      'Impersonate-Group': ['sre', 'oncall'],
      'Impersonate-Uid': '42',
      'Impersonate-Extra-acme.com%2Fteam': ['platform'],
    });
  });
});
