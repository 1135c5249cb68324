// The kubeconfig that points kubectl, helm, client-node and the console at the simulated cluster.
// Written to a fresh temporary directory (or where asked); never anywhere under ~/.kube.

import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

export const SIM_NAME = 'fluxdeck-sim';
/**
 * Who the token authenticates as — not the kubeconfig's user entry name (SIM_NAME), as on a kind or
 * kubeadm cluster, so the console's "who acts" must come from the server (SelfSubjectReview).
 */
export const SIM_USER = 'kubernetes-admin';

export interface KubeconfigInput {
  readonly server: string;
  readonly caPem: string;
  readonly token: string;
}

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

export function kubeconfigYaml(input: KubeconfigInput): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: SIM_NAME,
        cluster: {
          server: input.server,
          'certificate-authority-data': Buffer.from(input.caPem).toString('base64'),
        },
      },
    ],
    contexts: [{ name: SIM_NAME, context: { cluster: SIM_NAME, user: SIM_NAME } }],
    'current-context': SIM_NAME,
    users: [{ name: SIM_NAME, user: { token: input.token } }],
    preferences: {},
  });
}

export interface WrittenKubeconfig {
  readonly path: string;
  /** Removes what was created: the temporary directory, or nothing when the caller chose the path. */
  cleanup(): Promise<void>;
}

export async function writeKubeconfig(input: KubeconfigInput, out?: string): Promise<WrittenKubeconfig> {
  const text = kubeconfigYaml(input);
  if (out !== undefined) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text, { mode: 0o600 });
    return { path: out, cleanup: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'fluxdeck-sim-'));
  const path = join(dir, 'kubeconfig');
  await writeFile(path, text, { mode: 0o600 });
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
