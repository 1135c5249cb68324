// The built CLI (`dist/cli.js`, `npm run build` first) run against the API server as one of its users, in
// a home of its own.
import { spawnSync } from 'node:child_process';
import { isolatedHome } from './console.js';
import type { Envtest } from './envtest.js';

export function runCli(
  env: Envtest,
  command: string,
  args: readonly string[],
  user: 'admin' | 'viewer' | 'nobody',
) {
  const result = spawnSync(
    process.execPath,
    ['dist/cli.js', command, '--kubeconfig', env.kubeconfig(user), ...args],
    { env: { ...isolatedHome(), PATH: process.env['PATH'] ?? '' }, encoding: 'utf8', timeout: 30_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
