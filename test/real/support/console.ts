// The console's own data path against the real server: createClusterPort (kubeconfig → transport →
// discovery → one ListWatch per kind → live store) exactly as `fluxdeck` builds it, with a home in which the
// user's kubeconfig cannot be found.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClusterPortOptions, createClusterPort } from '../../../src/kube/cluster.js';
import type { ClusterPort, ClusterSnapshot } from '../../../src/kube/port.js';
import { waitForSnapshot } from '../../integration/kube-helpers.js';
import type { Envtest, UserId } from './envtest.js';

export function isolatedHome(): NodeJS.ProcessEnv {
  return { HOME: mkdtempSync(join(tmpdir(), 'fluxdeck-real-home-')) };
}

export function openConsole(
  env: Envtest,
  user: UserId = 'admin',
  options: Omit<ClusterPortOptions, 'kubeconfigPath' | 'env'> = {},
): Promise<ClusterPort> {
  return createClusterPort({
    kubeconfigPath: env.kubeconfig(user),
    env: isolatedHome(),
    publishIntervalMs: 20,
    ...options,
  });
}

export function rowOf(s: ClusterSnapshot, key: string) {
  const kind = key.split('/')[0] as Parameters<ClusterSnapshot['kinds']['get']>[0];
  return s.kinds.get(kind)?.rows.get(key);
}

export { waitForSnapshot };
