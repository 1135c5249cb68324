// Where the real API server's binaries are: the envtest convention, a folder named by KUBEBUILDER_ASSETS
// holding `kube-apiserver` and `etcd` (.ci/run prepares it). Without them the real suite reports itself
// skipped with the reason instead of passing silently.
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

export type Assets =
  | { readonly ok: true; readonly dir: string; readonly apiserver: string; readonly etcd: string }
  | { readonly ok: false; readonly reason: string };

export function findAssets(env: NodeJS.ProcessEnv = process.env): Assets {
  const dir = env['KUBEBUILDER_ASSETS'];
  if (!dir) return { ok: false, reason: 'KUBEBUILDER_ASSETS is not set (see docs/testing.md)' };
  const missing: string[] = [];
  for (const name of ['kube-apiserver', 'etcd']) {
    try {
      accessSync(join(dir, name), constants.X_OK);
    } catch {
      missing.push(name);
    }
  }
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `KUBEBUILDER_ASSETS=${dir} has no executable ${missing.join(' or ')} (see docs/testing.md)`,
    };
  }
  return { ok: true, dir, apiserver: join(dir, 'kube-apiserver'), etcd: join(dir, 'etcd') };
}
