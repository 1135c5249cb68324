// Credentials as kubectl handles them: a rejected token is said in words; exec plug-ins are run (through
// client-node's authenticator), and asked again once after a 401.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runStatusCommand } from '../../src/commands/status.js';
import { createClusterPort } from '../../src/kube/cluster.js';
import { isKubeError } from '../../src/kube/errors.js';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { isolatedEnv, seed, waitForSnapshot } from './kube-helpers.js';

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

async function status(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    ({
      write: (c: string, cb?: () => void) => {
        into.push(c);
        cb?.();
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await runStatusCommand(argv, { stdout: sink(out), stderr: sink(err), env: isolatedEnv() });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

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
});
